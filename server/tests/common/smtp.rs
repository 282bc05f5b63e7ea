//! A real SMTP server for the tests (PyPI's aiosmtpd, `tools/smtp_sink.py`) and
//! what it received, and `piazza serve` nodes sending to it.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The sink: its process, its `smtp://` address and the file it writes.
pub struct Sink {
    child: Child,
    pub url: String,
    file: PathBuf,
    _dir: tempfile::TempDir,
}

/// One accepted message for one recipient.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct Received {
    pub to: String,
    pub subject: String,
    pub message_id: String,
    pub list_unsubscribe: String,
    pub list_unsubscribe_post: String,
    pub text: String,
    pub html: String,
}

impl Sink {
    pub fn start() -> Sink {
        let python = std::env::var("PIAZZA_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("received.jsonl");
        let addr = super::wire::free_address();
        let (host, port) = addr.split_once(':').unwrap();
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/tools/smtp_sink.py");
        let mut child = Command::new(&python)
            .args([script, host, port])
            .arg(&file)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("the SMTP sink needs Python with aiosmtpd ({python}: {e}); scripts/test installs it"));
        let mut line = String::new();
        let stdout = child.stdout.take().unwrap();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        assert_eq!(
            line.trim(),
            "ready",
            "the SMTP sink did not start (is aiosmtpd installed?)"
        );
        Sink {
            child,
            url: format!("smtp://{addr}"),
            file,
            _dir: dir,
        }
    }

    /// What was accepted, by recipient, in order.
    pub fn received(&self) -> BTreeMap<String, Vec<Received>> {
        let text = std::fs::read_to_string(&self.file).unwrap_or_default();
        let mut out: BTreeMap<String, Vec<Received>> = BTreeMap::new();
        for line in text.lines() {
            let r: Received = serde_json::from_str(line).unwrap();
            out.entry(r.to.clone()).or_default().push(r);
        }
        out
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A `piazza serve` process on `database`, sending mail to `smtp`.
pub struct Node {
    child: Child,
    _dirs: (tempfile::TempDir, tempfile::TempDir),
}

/// The sending settings of the nodes the tests start.
pub const CONCURRENCY: usize = 4;
pub const LEASE_SECS: u64 = 30;

impl Node {
    pub fn start(database: &str, smtp: &str) -> Node {
        let site = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(site.path().join("pkg")).unwrap();
        let data = tempfile::tempdir().unwrap();
        let addr = super::wire::free_address();
        let child = Command::new(env!("CARGO_BIN_EXE_piazza"))
            .arg("serve")
            .env("DATABASE_URL", database)
            .env("PIAZZA_LISTEN", &addr)
            .env("PIAZZA_DATA_DIR", data.path())
            .env("PIAZZA_SITE_ROOT", site.path())
            .env("PIAZZA_SMTP_URL", smtp)
            .env("PIAZZA_MAIL_RATE", "0")
            .env("PIAZZA_MAIL_CONCURRENCY", CONCURRENCY.to_string())
            .env("PIAZZA_MAIL_LEASE", LEASE_SECS.to_string())
            .env("PIAZZA_LOG", "warn")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        while std::net::TcpStream::connect(&addr).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "the node did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        Node {
            child,
            _dirs: (site, data),
        }
    }

    /// SIGKILL: no clean shutdown, whatever was in flight stays so.
    pub fn kill(mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
