//! How long forum pages take with a forum of 100,000 posts, one thread of them with
//! 5,000 replies, on SQLite and on PostgreSQL, through the real router: the server
//! functions the pages call (index, category, the first and the last page of the
//! long thread, search) and the server-rendered HTML of the long thread's last page.
//! Run with `cargo bench -p server --bench forum_pages`; it prints a Markdown table
//! (kept in docs/BENCHMARKS.md). PostgreSQL is `PIAZZA_TEST_PG_URL` or the local server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::db::{sql, Db};
use std::time::Instant;
use support::{call, median, on_both, router, sign_in};

const POSTS: i64 = 100_000;
const LONG: i64 = 5_001;
const PER_THREAD: i64 = 50;
const RUNS: usize = 5;
const COMMUNITY: &str = "comunicatori-riformattiva-2026";

/// Fills the forum: one thread of LONG posts, the rest in threads of PER_THREAD.
async fn fill(db: &Db) -> i64 {
    let (community,): (i64,) = db
        .fetch_one(sql("SELECT id FROM community WHERE slug = $1").bind(COMMUNITY))
        .await
        .unwrap();
    let (category,): (i64,) = db
        .fetch_one(sql("SELECT id FROM forum_category WHERE community_id = $1 AND slug = 'piano-redazionale'").bind(community))
        .await
        .unwrap();
    let (author,): (i64,) = db
        .fetch_one(sql(
            "SELECT id FROM account WHERE email = 'marco.bassi@comune.lugo.example.it'",
        ))
        .await
        .unwrap();
    let now = chrono::Utc::now();
    let mut tx = db.begin().await.unwrap();
    let mut long = 0;
    let mut left = POSTS;
    let mut n = 0;
    while left > 0 {
        let size = if n == 0 { LONG } else { PER_THREAD.min(left) };
        let title = format!("Discussione di prova numero {n}");
        let thread =
            app::forum::repo::insert_thread(&mut tx, community, category, &title, author, now)
                .await
                .unwrap();
        if n == 0 {
            long = thread;
        }
        tx.execute(
            sql("INSERT INTO forum_post (thread_id, number, author_id, body, body_html, created_at, state)
                 WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < $2)
                 SELECT $1, i, $3, 'Risposta numero ' || CAST(i AS TEXT) || ' sul piano editoriale e le campagne',
                        '<p>Risposta numero ' || CAST(i AS TEXT) || ' sul piano editoriale e le campagne</p>', $4, 'visible'
                   FROM seq")
            .bind(thread)
            .bind(size)
            .bind(author)
            .bind(now),
        )
        .await
        .unwrap();
        tx.execute(
            sql("UPDATE forum_thread SET post_count = $2 WHERE id = $1")
                .bind(thread)
                .bind(size),
        )
        .await
        .unwrap();
        left -= size;
        n += 1;
    }
    app::search::repo::reindex_forum(&mut tx).await.unwrap();
    tx.commit().await.unwrap();
    long
}

async fn measure(db: Db, label: &'static str) -> String {
    piazza_server::demo::seed(&db).await.unwrap();
    let started = Instant::now();
    let long = fill(&db).await;
    let load = started.elapsed();
    let app = router(db);
    let cookie = sign_in(&app, "elena.fabbri@unione.labassaromagna.example.it").await;
    let timed = |method: &'static str, path: String, body: String| {
        let (app, cookie) = (app.clone(), cookie.clone());
        async move {
            let mut times = Vec::new();
            for _ in 0..RUNS {
                let t = Instant::now();
                let (status, _, _) = call(&app, &cookie, method, &path, &body).await;
                times.push(t.elapsed());
                assert_eq!(status, 200, "{path}");
            }
            median(times).as_secs_f64() * 1000.0
        }
    };
    let c = format!("community={COMMUNITY}");
    let last = (LONG - 1) / app::forum::model::POSTS_PER_PAGE + 1;
    let index = timed("POST", "/api/forum/index".into(), c.clone()).await;
    let category = timed(
        "POST",
        "/api/forum/category".into(),
        format!("{c}&category=piano-redazionale"),
    )
    .await;
    let first = timed(
        "POST",
        "/api/forum/thread".into(),
        format!("{c}&thread={long}&page=1"),
    )
    .await;
    let end = timed(
        "POST",
        "/api/forum/thread".into(),
        format!("{c}&thread={long}&page={last}"),
    )
    .await;
    let html = timed(
        "GET",
        format!("/comunita/{COMMUNITY}/forum/t/{long}?page={last}"),
        String::new(),
    )
    .await;
    let search = timed(
        "POST",
        "/api/forum/search".into(),
        format!("{c}&q=campagne+editoriale"),
    )
    .await;
    format!(
        "| {label} | {POSTS} | {index:.0} ms | {category:.0} ms | {first:.0} ms | {end:.0} ms | {html:.0} ms | {search:.0} ms | {:.1} s |",
        load.as_secs_f64()
    )
}

fn main() {
    let rows = on_both(measure);
    println!("| database | posts | forum index | category (page 1) | long thread, page 1 | long thread, last page | last page as HTML | search | loading |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
}
