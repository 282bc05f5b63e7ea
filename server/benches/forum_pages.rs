//! How long forum pages take with a forum of 100,000 posts, one thread of them with
//! 5,000 replies, on SQLite and on PostgreSQL, through the real router: the server
//! functions the pages call (index, category, the first and the last page of the
//! long thread, search) and the server-rendered HTML of the long thread's last page.
//! Run with `cargo bench -p server --bench forum_pages`; it prints a Markdown table
//! (kept in docs/BENCHMARKS.md). PostgreSQL is `PIAZZA_TEST_PG_URL` or the local server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::db::Db;
use std::time::Instant;
use support::{call, median, on_both, router, sign_in};

const POSTS: i64 = 100_000;
use piazza_server::demo::large::LONG;
const RUNS: usize = 5;
const COMMUNITY: &str = "comunicatori-riformattiva-2026";

/// Fills the forum as `piazza seed-bench` does (one long thread, the rest short),
/// indexed for search.
async fn fill(db: &Db) -> i64 {
    let mut tx = db.begin().await.unwrap();
    let (long, _) = piazza_server::demo::large::forum(&mut tx, POSTS, chrono::Utc::now())
        .await
        .unwrap();
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
