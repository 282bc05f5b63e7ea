//! How long the results dashboard of a consultation with 10,000 answers takes to load,
//! on SQLite and on PostgreSQL, through the real router (the server function the page
//! calls, and the CSV export). Run with `cargo bench -p server --bench
//! consultation_results`; it prints a Markdown table (kept in docs/BENCHMARKS.md).
//! PostgreSQL is `PIAZZA_TEST_PG_URL` or the local server.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use app::db::Db;
use app::state::AppState;
use axum::body::Body;
use axum::http::{header, Request};
use leptos::prelude::LeptosOptions;
use std::time::{Duration, Instant};
use tower::ServiceExt;

const ANSWERS: u64 = 10_000;
const RUNS: usize = 5;

async fn call(
    app: &axum::Router,
    cookie: &str,
    method: &str,
    path: &str,
    body: &str,
) -> (u16, usize, String) {
    let mut req = Request::builder()
        .method(method)
        .uri(path)
        .header(header::ORIGIN, "http://piazza.test")
        .header(header::ACCEPT, "application/json")
        .header("x-forwarded-for", "10.1.1.1");
    if !cookie.is_empty() {
        req = req.header(header::COOKIE, cookie);
    }
    if method == "POST" {
        req = req.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    }
    let res = app
        .clone()
        .oneshot(req.body(Body::from(body.to_string())).unwrap())
        .await
        .unwrap();
    let status = res.status().as_u16();
    let set_cookie = res
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("piazza_session="))
        .map(|c| c.split(';').next().unwrap_or_default().to_string())
        .unwrap_or_default();
    let bytes = axum::body::to_bytes(res.into_body(), 64 << 20)
        .await
        .unwrap();
    (status, bytes.len(), set_cookie)
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

async fn measure(db: Db, label: &str) -> String {
    db.migrate().await.unwrap();
    piazza_server::demo::seed(&db).await.unwrap();
    let started = Instant::now();
    piazza_server::demo_consultations::add_baracca_answers(&db, ANSWERS)
        .await
        .unwrap();
    let load = started.elapsed();
    let site = tempfile::tempdir().unwrap().keep();
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let options = LeptosOptions::builder()
        .output_name("piazza")
        .site_root(site.display().to_string())
        .build();
    let mut state = AppState::new(db, "http://piazza.test");
    state.trust_proxy = true;
    let app = piazza_server::router::app(state, options);
    let (_, _, cookie) = call(
        &app,
        "",
        "POST",
        "/api/account/login",
        "email=giulia.neri%40comune.lugo.example.it&password=piazza-demo-2026",
    )
    .await;
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
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = Db::connect(&format!("sqlite://{}", dir.path().join("bench.db").display())).await.unwrap();
        let mut rows = vec![measure(sqlite, "SQLite").await];
        let admin_url = std::env::var("PIAZZA_TEST_PG_URL").unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        if let Ok(Db::Postgres(pool)) = Db::connect(&admin_url).await {
            let name = format!("piazza_bench_{}", std::process::id());
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&pool).await.unwrap();
            let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_string()).unwrap_or(admin_url.clone());
            let db = Db::connect(&format!("{base}/{name}")).await.unwrap();
            rows.push(measure(db.clone(), "PostgreSQL").await);
            db.close().await;
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&pool).await;
        }
        println!("| database | answers | results dashboard (median of {RUNS}) | CSV export (median of {RUNS}) | XLSX export (median of {RUNS}) | dashboard data | loading the answers |");
        println!("|---|---|---|---|---|---|---|");
        for r in rows {
            println!("{r}");
        }
    });
}
