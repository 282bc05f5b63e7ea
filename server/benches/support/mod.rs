//! What the benchmarks share: the real router on a database, a request through it,
//! the median of a few timings, and running one measurement on SQLite and PostgreSQL.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use app::db::Db;
use app::state::AppState;
use axum::body::Body;
use axum::http::{header, Request};
use leptos::prelude::LeptosOptions;
use std::future::Future;
use std::time::Duration;
use tower::ServiceExt;

/// The application's router on `db`, as the server builds it.
pub fn router(db: Db) -> axum::Router {
    let site = tempfile::tempdir().unwrap().keep();
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let options = LeptosOptions::builder()
        .output_name("piazza")
        .site_root(site.display().to_string())
        .build();
    let mut state = AppState::new(db, "http://piazza.test");
    state.trust_proxy = true;
    piazza_server::router::app(state, options)
}

/// One request: (status, body size, the session cookie it set if any).
pub async fn call(
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

/// Signs a demo person in; their session cookie.
pub async fn sign_in(app: &axum::Router, email: &str) -> String {
    let body = format!(
        "email={}&password=piazza-demo-2026",
        email.replace('@', "%40")
    );
    call(app, "", "POST", "/api/account/login", &body).await.2
}

pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Runs `measure` on a fresh SQLite database and, when PostgreSQL answers
/// (`PIAZZA_TEST_PG_URL` or the local server), on a fresh PostgreSQL database; the
/// table rows it returned, SQLite first.
pub fn on_both<F, Fut>(measure: F) -> Vec<String>
where
    F: Fn(Db, &'static str) -> Fut,
    Fut: Future<Output = String>,
{
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let sqlite = Db::connect(&format!(
            "sqlite://{}",
            dir.path().join("bench.db").display()
        ))
        .await
        .unwrap();
        sqlite.migrate().await.unwrap();
        let mut rows = vec![measure(sqlite, "SQLite").await];
        let admin_url = std::env::var("PIAZZA_TEST_PG_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        if let Ok(Db::Postgres(pool)) = Db::connect(&admin_url).await {
            let name = format!("piazza_bench_{}", std::process::id());
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(&pool)
                .await
                .unwrap();
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or(admin_url.clone());
            let db = Db::connect(&format!("{base}/{name}")).await.unwrap();
            db.migrate().await.unwrap();
            rows.push(measure(db.clone(), "PostgreSQL").await);
            db.close().await;
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                .execute(&pool)
                .await;
        }
        rows
    })
}
