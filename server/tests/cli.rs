//! The `piazza` binary: wrong settings give one clear line and a non-zero exit;
//! SIGTERM stops the server cleanly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn piazza() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_piazza"));
    for var in [
        "DATABASE_URL",
        "PIAZZA_DATA_DIR",
        "PIAZZA_LISTEN",
        "PIAZZA_SITE_ROOT",
        "PIAZZA_LOG",
    ] {
        cmd.env_remove(var);
    }
    cmd
}

/// Runs the command; returns its stderr lines after checking it failed.
fn fails(cmd: &mut Command) -> Vec<String> {
    let out = cmd.output().unwrap();
    assert!(!out.status.success(), "expected a failure");
    String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(String::from)
        .collect()
}

fn site_root() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("pkg")).unwrap();
    dir
}

#[test]
fn an_unsupported_database_url_is_one_line() {
    let lines = fails(
        piazza()
            .args(["migrate"])
            .env("DATABASE_URL", "mysql://root@localhost/piazza"),
    );
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("piazza: error: DATABASE_URL"),
        "{lines:?}"
    );
}

#[test]
fn an_unreachable_database_is_one_line() {
    let lines = fails(piazza().args(["migrate"]).env(
        "DATABASE_URL",
        "postgres://piazza:secret@127.0.0.1:1/piazza",
    ));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("piazza: error: DATABASE_URL"),
        "{lines:?}"
    );
    assert!(!lines[0].contains("secret"), "the password is not printed");
}

#[test]
fn an_unwritable_data_dir_is_one_line() {
    // A regular file where a directory should be: unwritable even for root.
    let blocker = tempfile::NamedTempFile::new().unwrap();
    let dir = blocker.path().join("data");
    let lines = fails(piazza().args(["migrate", "--data-dir"]).arg(&dir));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("piazza: error: PIAZZA_DATA_DIR"),
        "{lines:?}"
    );
}

#[test]
fn a_port_in_use_is_one_line() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let data = tempfile::tempdir().unwrap();
    let site = site_root();
    let lines = fails(
        piazza()
            .args(["serve", "--listen", &addr, "--data-dir"])
            .arg(data.path())
            .arg("--site-root")
            .arg(site.path()),
    );
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("piazza: error: PIAZZA_LISTEN"),
        "{lines:?}"
    );
    assert!(lines[0].contains(&addr), "{lines:?}");
}

#[test]
fn no_command_means_serve_with_its_environment() {
    let lines = fails(piazza().env("PIAZZA_LISTEN", "not-an-address"));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("piazza: error: PIAZZA_LISTEN"),
        "{lines:?}"
    );
}

#[test]
fn a_bad_listen_address_is_one_line() {
    let lines = fails(piazza().args(["serve", "--listen", "localhost"]));
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(
        lines[0].starts_with("piazza: error: PIAZZA_LISTEN"),
        "{lines:?}"
    );
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let addr = common::wire::free_address();
    let data = tempfile::tempdir().unwrap();
    let site = site_root();
    let child = piazza()
        .args(["serve", "--listen", &addr, "--data-dir"])
        .arg(data.path())
        .arg("--site-root")
        .arg(site.path())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while std::net::TcpStream::connect(&addr).is_err() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the server did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "exit {:?}: {stderr}", out.status);
    assert!(stderr.contains("shutdown requested"), "{stderr}");
    assert!(
        data.path().join("piazza.db").exists(),
        "the default SQLite file lives in the data dir"
    );
}
