//! Faults survived, short versions: a server killed with SIGKILL while people write
//! loses nothing it acknowledged and leaves nothing half-written; a server whose
//! PostgreSQL goes away answers with an error page (no hang) and recovers by itself.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use app::db::{sql, Backend, Db};
use common::people::*;
use common::web::form;
use common::wire::Node;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const COMMUNITY: &str = "comunicatori-riformattiva-2026";

async fn first_thread(db: &Db) -> i64 {
    db.fetch_one::<(i64,)>(
        sql(
            "SELECT t.id FROM forum_thread t JOIN community c ON c.id = t.community_id
              WHERE c.slug = $1 ORDER BY t.id LIMIT 1",
        )
        .bind(COMMUNITY),
    )
    .await
    .unwrap()
    .0
}

async fn killed_while_writing(backend: Backend) {
    let t = common::TestDb::new(backend).await;
    piazza_server::demo::seed(&t.db).await.unwrap();
    let thread = first_thread(&t.db).await;
    let node = Arc::new(Node::start(&t.url).await);
    let acknowledged = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut writers = Vec::new();
    for (w, who) in [LUCA, PAOLO, ELENA, MARCO].into_iter().enumerate() {
        let cookie = node.sign_in(who).await;
        let (node, acknowledged) = (node.clone(), acknowledged.clone());
        writers.push(tokio::spawn(async move {
            for i in 0.. {
                let text = format!("Messaggio di prova {w}-{i}, scritto durante il guasto.");
                let body = form(&[
                    ("community", COMMUNITY),
                    ("thread", &thread.to_string()),
                    ("body", &text),
                ]);
                match node.call(&cookie, "forum/reply", &body).await {
                    Ok(a) if a.status == 200 => acknowledged.lock().unwrap().push(text),
                    Ok(a) => panic!("a write was refused: {} {}", a.status, a.body),
                    Err(_) => return,
                }
            }
        }));
    }
    // Let the writes run, then pull the plug.
    let started = Instant::now();
    while acknowledged.lock().unwrap().len() < 40 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "too few writes"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    node.kill();
    for w in writers {
        w.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    // Every acknowledged post is there, once.
    for text in &acknowledged {
        let (n,): (i64,) = t
            .db
            .fetch_one(sql("SELECT COUNT(*) FROM forum_post WHERE body = $1").bind(text.as_str()))
            .await
            .unwrap();
        assert_eq!(n, 1, "acknowledged and lost: {text}");
    }
    // Nothing half-written: the thread's count is its last number, numbers have no
    // hole, and every visible post is in the search index.
    let (count, last, posts): (i64, i64, i64) =
        t.db.fetch_one(
            sql(
                "SELECT t.post_count, (SELECT MAX(number) FROM forum_post WHERE thread_id = t.id),
                        (SELECT COUNT(*) FROM forum_post WHERE thread_id = t.id)
                   FROM forum_thread t WHERE t.id = $1",
            )
            .bind(thread),
        )
        .await
        .unwrap();
    assert_eq!(
        (count, last),
        (posts, posts),
        "the thread's numbers are whole"
    );
    let (unindexed,): (i64,) =
        t.db.fetch_one(
            sql(
                "SELECT COUNT(*) FROM forum_post p WHERE p.thread_id = $1 AND p.state = 'visible'
                   AND NOT EXISTS (SELECT 1 FROM search_document d
                                    WHERE d.kind = 'forum_post' AND d.ref_id = p.id)",
            )
            .bind(thread),
        )
        .await
        .unwrap();
    assert_eq!(unindexed, 0, "every stored post is indexed with it");
    // The server starts again on the same database and serves.
    let again = Node::start(&t.url).await;
    assert_eq!(
        again
            .request("GET", "/readyz", &[], "")
            .await
            .unwrap()
            .status,
        200
    );
    again.kill();
    t.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_during_writes_loses_nothing_acknowledged_on_sqlite() {
    killed_while_writing(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kill_during_writes_loses_nothing_acknowledged_on_postgres() {
    killed_while_writing(Backend::Postgres).await;
}

/// The database cut off from the node as a restart does it: every connection ends
/// and no new one is let in until `open`.
async fn cut_off(admin: &Db, name: &str, open: bool) {
    let Db::Postgres(pool) = admin else {
        unreachable!("PostgreSQL only")
    };
    let allow = if open { "true" } else { "false" };
    sqlx::query(&format!("ALTER DATABASE {name} ALLOW_CONNECTIONS {allow}"))
        .execute(pool)
        .await
        .unwrap();
    if !open {
        sqlx::query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
              WHERE datname = $1 AND pid <> pg_backend_pid()",
        )
        .bind(name)
        .execute(pool)
        .await
        .unwrap();
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_postgres_restart_shows_an_error_page_then_recovers() {
    let t = common::TestDb::new(Backend::Postgres).await;
    piazza_server::demo::seed(&t.db).await.unwrap();
    let name = t.url.rsplit('/').next().unwrap().to_string();
    let node = Node::start(&t.url).await;
    let page = node.request("GET", "/lugo", &[], "").await.unwrap();
    assert_eq!(page.status, 200);
    let admin = Db::connect(&common::pg_admin_url()).await.unwrap();
    cut_off(&admin, &name, false).await;
    // While it is away: an answer, not a hang, and an error page people can read. (A
    // query keeps the page out of the anonymous page cache, whose copy of `/lugo` may
    // still be served for a moment.)
    let asked = Instant::now();
    let down = node.request("GET", "/lugo?giro=1", &[], "").await.unwrap();
    assert!(down.status >= 500, "{}", down.status);
    assert!(
        asked.elapsed() < Duration::from_secs(20),
        "answered in {:?}",
        asked.elapsed()
    );
    assert!(down.body.contains("<html"), "an error page: {}", down.body);
    cut_off(&admin, &name, true).await;
    // Back: the same node serves again by itself.
    let back = Instant::now();
    loop {
        let page = node.request("GET", "/lugo?giro=2", &[], "").await.unwrap();
        if page.status == 200 {
            break;
        }
        assert!(
            back.elapsed() < Duration::from_secs(30),
            "still {}",
            page.status
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    node.kill();
    admin.close().await;
    t.finish().await;
}

/// SQLite held by someone else's writer (a backup tool, `sqlite3` with a write
/// open) or copied with `VACUUM INTO` meanwhile: people's writes wait and succeed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_writes_wait_for_a_backup_and_do_not_fail() {
    let t = common::TestDb::new(Backend::Sqlite).await;
    piazza_server::demo::seed(&t.db).await.unwrap();
    let thread = first_thread(&t.db).await;
    let (router, _) = common::web::app(t.db.clone());
    let mut luca = common::web::signed_in(&router, LUCA, "10.94.0.1").await;
    let path = t.url.trim_start_matches("sqlite://").to_string();
    let copy = format!("{path}.copy");
    let mut other = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(&path)
        .connect()
        .await
        .unwrap();
    use sqlx::{ConnectOptions, Connection, Executor};
    // A writer outside Piazza holds the database for two seconds.
    other.execute("BEGIN IMMEDIATE").await.unwrap();
    let holder = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(2)).await;
        other.execute("COMMIT").await.unwrap();
        // Then a copy while people write.
        other
            .execute(format!("VACUUM INTO '{copy}'").as_str())
            .await
            .unwrap();
        other.close().await.unwrap();
        copy
    });
    let started = Instant::now();
    for i in 0..5 {
        let res = luca
            .call(
                "forum/reply",
                &[
                    ("community", COMMUNITY),
                    ("thread", &thread.to_string()),
                    (
                        "body",
                        &format!("Scritto mentre il file era occupato, numero {i}."),
                    ),
                ],
            )
            .await;
        assert!(res.status.is_success(), "{} {}", res.status, res.body);
        if i == 0 {
            assert!(
                started.elapsed() >= Duration::from_millis(1500),
                "the first write waited"
            );
        }
    }
    let copy = holder.await.unwrap();
    assert!(
        std::fs::metadata(&copy).unwrap().len() > 0,
        "the copy was made"
    );
    t.finish().await;
}
