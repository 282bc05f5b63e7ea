//! Uploads whose contents leave the database (`PIAZZA_UPLOADS`): kept in a directory,
//! on both databases, served by every node that shares it, stored once per content
//! pruned with their row, and stray objects swept; and kept in an S3-compatible bucket (moto's server,
//! which the test command installs), written through one `piazza serve` and served by
//! another. The row stays in the database either way, with empty bytes.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::blobs::Storage;
use app::db::{sql, Db};
use axum::http::StatusCode;
use common::consult::{giulia, upload};
use common::people::GIULIA;
use common::web::app_storing;
use std::path::Path;
use std::time::{Duration, Instant};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n";
const SLUG: &str = "nuovo-parco";

/// The newest upload: (token, its content's object key, bytes kept in the row).
async fn newest(db: &Db) -> (String, Option<String>, usize) {
    let (token, key, bytes): (String, Option<String>, Vec<u8>) = db
        .fetch_one(sql(
            "SELECT u.token, b.object_key, b.bytes FROM upload u
               JOIN file_blob b ON b.sha256 = u.sha256 ORDER BY u.id DESC LIMIT 1",
        ))
        .await
        .unwrap();
    (token, key, bytes.len())
}

/// How many files a directory holds, at any depth.
fn objects(dir: &Path) -> usize {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| if p.is_dir() { objects(&p) } else { 1 })
        .sum()
}

both!(
    files_kept_in_a_directory_are_served_by_every_node_and_pruned,
    |db: Db| async move {
        piazza_server::demo::seed(&db).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let files = Storage::directory(dir.path()).unwrap();
        let (app, state) = app_storing(db.clone(), files.clone());
        let mut giulia_here = giulia(&app).await;
        let res = giulia_here
            .call(
                "consult/create",
                &[("ente", "lugo"), ("title", "Nuovo parco")],
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        let mut tokens = Vec::new();
        for label in ["Relazione", "La stessa relazione"] {
            let back = upload(&mut giulia_here, SLUG, "attachment", label, "r.pdf", PDF).await;
            assert!(back.contains("caricato=1"), "{back}");
            tokens.push(newest(&db).await);
        }
        let (token, key, in_row) = tokens[0].clone();
        let key = key.expect("the row names its object");
        assert_eq!(in_row, 0, "the bytes left the database");
        assert_eq!(
            tokens[1].1.as_deref(),
            Some(key.as_str()),
            "one content, one object"
        );
        assert_eq!(objects(dir.path()), 1);
        assert_eq!(std::fs::read(dir.path().join(&key)).unwrap(), PDF);
        let served = giulia_here.get(&format!("/file/{token}/r.pdf")).await;
        assert_eq!(served.body.as_bytes(), PDF);

        // Another node sharing the directory (and nothing in memory) serves it too.
        let (other, _) = app_storing(db.clone(), Storage::directory(dir.path()).unwrap());
        let served = giulia(&other)
            .await
            .get(&format!("/file/{token}/r.pdf"))
            .await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.body.as_bytes(), PDF);

        // An object that no content names (its upload rolled back after staging) is
        // left alone while it is recent, and swept a day on; the named one stays.
        let stray = files.put(&"ab".repeat(32), b"rolled back").await.unwrap();
        piazza_server::maintenance::sweep(&db, &files, state.clock.now())
            .await
            .unwrap();
        assert_eq!(
            objects(dir.path()),
            2,
            "a recent object may be a commit on its way"
        );
        let later = state.clock.now() + chrono::Duration::days(2);
        piazza_server::maintenance::sweep(&db, &files, later)
            .await
            .unwrap();
        assert!(!dir.path().join(&stray).exists(), "the stray object went");
        assert_eq!(objects(dir.path()), 1, "the named object stayed");
        let served = giulia_here.get(&format!("/file/{token}/r.pdf")).await;
        assert_eq!(served.body.as_bytes(), PDF);

        // Taken off the consultation, both uploads are pruned a day on, object and all.
        for (token, _, _) in &tokens {
            let res = giulia_here
                .call(
                    "consult/remove-file",
                    &[("ente", "lugo"), ("slug", SLUG), ("token", token)],
                )
                .await;
            assert_eq!(res.status, StatusCode::OK, "{}", res.body);
        }
        piazza_server::maintenance::sweep(&db, &files, later)
            .await
            .unwrap();
        assert_eq!(
            objects(dir.path()),
            0,
            "the pruned content's object went too"
        );
        let (rows,): (i64,) = db
            .fetch_one(
                sql("SELECT COUNT(*) FROM file_blob WHERE object_key = $1").bind(key.as_str()),
            )
            .await
            .unwrap();
        assert_eq!(rows, 0);
    }
);

/// moto's S3 server on a free port with one bucket: the process and its address.
async fn moto(bucket: &str) -> (std::process::Child, String) {
    let program = std::env::var("PIAZZA_TEST_MOTO").unwrap_or_else(|_| "moto_server".into());
    let addr = common::wire::free_address();
    let (host, port) = addr.split_once(':').unwrap();
    let child = std::process::Command::new(&program)
        .args(["-H", host, "-p", port])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("the S3 test needs moto's server ({program}: {e}); scripts/test installs it")
        });
    let started = Instant::now();
    let mut stream = loop {
        if let Ok(s) = tokio::net::TcpStream::connect(&addr).await {
            break s;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "moto did not start"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let create = format!(
        "PUT /{bucket} HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(create.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    assert!(
        answer.starts_with("HTTP/1.1 200"),
        "bucket not made: {answer}"
    );
    (child, format!("http://{addr}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_in_an_s3_bucket_are_written_by_one_process_and_served_by_another() {
    let t = common::TestDb::new(app::db::Backend::Postgres).await;
    piazza_server::demo::seed(&t.db).await.unwrap();
    let (mut s3, endpoint) = moto("piazza-test").await;
    let settings = [
        ("PIAZZA_UPLOADS", "s3://piazza-test"),
        ("AWS_ENDPOINT", endpoint.as_str()),
        ("AWS_ALLOW_HTTP", "true"),
        ("AWS_ACCESS_KEY_ID", "piazza"),
        ("AWS_SECRET_ACCESS_KEY", "piazza-secret"),
        ("AWS_REGION", "eu-south-1"),
    ];
    let a = common::wire::Node::start_with(&t.url, &settings).await;
    let b = common::wire::Node::start_with(&t.url, &settings).await;
    let cookie = a.sign_in(GIULIA).await;
    let made = a
        .call(
            &cookie,
            "consult/create",
            &common::web::form(&[("ente", "lugo"), ("title", "Nuovo parco")]),
        )
        .await
        .unwrap();
    assert_eq!(made.status, 200, "{}", made.body);
    let body = format!(
        "--B\r\nContent-Disposition: form-data; name=\"role\"\r\n\r\nattachment\r\n\
         --B\r\nContent-Disposition: form-data; name=\"label\"\r\n\r\nRelazione\r\n\
         --B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"r.pdf\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n{}\r\n--B--\r\n",
        std::str::from_utf8(PDF).unwrap()
    );
    let origin = format!("http://{}", a.addr);
    let sent = a
        .request(
            "POST",
            &format!("/gestione/lugo/consultazioni/{SLUG}/file"),
            &[
                ("Cookie", cookie.as_str()),
                ("Origin", origin.as_str()),
                ("Content-Type", "multipart/form-data; boundary=B"),
            ],
            &body,
        )
        .await
        .unwrap();
    assert_eq!(sent.status, 303, "{}", sent.body);
    assert!(sent
        .header("location")
        .unwrap_or_default()
        .contains("caricato=1"));

    let (token, key, in_row) = newest(&t.db).await;
    assert_eq!(in_row, 0, "the bytes left the database");
    let bucket = object_store::aws::AmazonS3Builder::new()
        .with_endpoint(&endpoint)
        .with_allow_http(true)
        .with_bucket_name("piazza-test")
        .with_region("eu-south-1")
        .with_access_key_id("piazza")
        .with_secret_access_key("piazza-secret")
        .build()
        .unwrap();
    let bucket = Storage::Objects(std::sync::Arc::new(bucket));
    let in_bucket = bucket
        .get(&key.expect("the row names its object"))
        .await
        .unwrap();
    assert_eq!(in_bucket, PDF, "the object is in the bucket");

    let served = b
        .request(
            "GET",
            &format!("/file/{token}/r.pdf"),
            &[("Cookie", cookie.as_str())],
            "",
        )
        .await
        .unwrap();
    assert_eq!(served.status, 200, "{}", served.body);
    assert_eq!(served.body.as_bytes(), PDF, "the other process serves it");
    a.kill();
    b.kill();
    s3.kill().unwrap();
    s3.wait().unwrap();
    t.finish().await;
}
