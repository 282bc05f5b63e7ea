//! How long the results dashboard of a consultation with 10,000 answers takes to load,
//! on SQLite and on PostgreSQL, through the real router (the server function the page
//! calls, and the CSV export). Run with `cargo bench -p server --bench
//! consultation_results`; it prints a Markdown table (kept in docs/BENCHMARKS.md).
//! PostgreSQL is `PIAZZA_TEST_PG_URL` or the local server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use app::db::Db;
use std::time::Instant;
use support::{call, median, on_both, router, sign_in};

const ANSWERS: u64 = 10_000;
const RUNS: usize = 5;

async fn measure(db: Db, label: &'static str) -> String {
    piazza_server::demo::seed(&db).await.unwrap();
    let started = Instant::now();
    piazza_server::demo_consultations::add_baracca_answers(&db, ANSWERS)
        .await
        .unwrap();
    let load = started.elapsed();
    let app = router(db);
    let cookie = sign_in(&app, "giulia.neri@comune.lugo.example.it").await;
    // The median time of RUNS calls, and the size of the last answer.
    let timed = |method: &'static str, path: &'static str, body: &'static str| {
        let (app, cookie) = (app.clone(), cookie.clone());
        async move {
            let mut times = Vec::new();
            let mut size = 0;
            for _ in 0..RUNS {
                let t = Instant::now();
                let (status, bytes, _) = call(&app, &cookie, method, path, body).await;
                times.push(t.elapsed());
                assert_eq!(status, 200, "{path}");
                size = bytes;
            }
            (median(times), size)
        }
    };
    let (results, size) = timed(
        "POST",
        "/api/consult/results",
        "ente=lugo&slug=piazza-baracca",
    )
    .await;
    let (csv, _) = timed(
        "GET",
        "/gestione/lugo/consultazioni/piazza-baracca/risposte.csv",
        "",
    )
    .await;
    let (xlsx, _) = timed(
        "GET",
        "/gestione/lugo/consultazioni/piazza-baracca/risposte.xlsx",
        "",
    )
    .await;
    format!(
        "| {label} | {} | {:.0} ms | {:.0} ms | {:.0} ms | {} KiB | {:.0} ms |",
        ANSWERS + 48,
        results.as_secs_f64() * 1000.0,
        csv.as_secs_f64() * 1000.0,
        xlsx.as_secs_f64() * 1000.0,
        size / 1024,
        load.as_secs_f64() * 1000.0
    )
}

fn main() {
    let rows = on_both(measure);
    println!("| database | answers | results dashboard (median of {RUNS}) | CSV export (median of {RUNS}) | XLSX export (median of {RUNS}) | dashboard data | loading the answers |");
    println!("|---|---|---|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
}
