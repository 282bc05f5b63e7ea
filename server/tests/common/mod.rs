//! Test support: a fresh, migrated database on each backend, and a macro that runs
//! one test body on both (`name::sqlite` and `name::postgres` in the output).
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

pub mod consult;
pub mod editor;
pub mod newsletter;
pub mod people;
pub mod smtp;
pub mod social;
pub mod web;
pub mod wire;

use app::db::{Backend, Db};
use std::sync::atomic::{AtomicU32, Ordering};

/// A database made for one test; PostgreSQL databases are dropped by [`TestDb::finish`].
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    pg_name: Option<String>,
}

/// The PostgreSQL server the tests use (the test script sets it; this is the local default).
pub fn pg_admin_url() -> String {
    std::env::var("PIAZZA_TEST_PG_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or_default();
    format!("piazza_t_{}_{}_{}", std::process::id(), n, nanos)
}

/// The URL of a new, empty database on `backend` (not yet migrated).
pub async fn empty_url(backend: Backend) -> (String, Option<tempfile::TempDir>, Option<String>) {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("piazza.db").display());
            (url, Some(dir), None)
        }
        Backend::Postgres => {
            let admin_url = pg_admin_url();
            let admin = Db::connect(&admin_url).await.unwrap_or_else(|e| {
                panic!(
                    "PostgreSQL tests need a server at {admin_url} (set PIAZZA_TEST_PG_URL): {e}"
                )
            });
            let name = unique_name();
            let Db::Postgres(pool) = &admin else {
                panic!("not postgres")
            };
            sqlx::query(&format!("CREATE DATABASE {name}"))
                .execute(pool)
                .await
                .expect("create database");
            admin.close().await;
            let base = admin_url
                .rsplit_once('/')
                .map(|(b, _)| b.to_string())
                .unwrap_or(admin_url);
            (format!("{base}/{name}"), None, Some(name))
        }
    }
}

impl TestDb {
    pub async fn new(backend: Backend) -> TestDb {
        let (url, dir, pg_name) = empty_url(backend).await;
        let db = Db::connect(&url).await.expect("connect");
        db.migrate().await.expect("migrate");
        TestDb {
            db,
            url,
            _dir: dir,
            pg_name,
        }
    }

    /// Closes the pool and drops a PostgreSQL test database.
    pub async fn finish(self) {
        self.db.close().await;
        if let Some(name) = self.pg_name {
            drop_pg(&name).await;
        }
    }
}

pub async fn drop_pg(name: &str) {
    if let Ok(Db::Postgres(pool)) = Db::connect(&pg_admin_url()).await {
        let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .execute(&pool)
            .await;
        pool.close().await;
    }
}

/// A plain Comune with only the required fields.
pub fn new_ente(slug: &'static str) -> app::ente::repo::NewEnte<'static> {
    app::ente::repo::NewEnte::new(slug, "Comune di Prova", app::ente::model::EnteKind::Comune)
}

/// `both!(name, |db| async move { … })`: the same test on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! both {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;
            #[tokio::test]
            async fn sqlite() {
                let t = common::TestDb::new(app::db::Backend::Sqlite).await;
                ($body)(t.db.clone()).await;
                t.finish().await;
            }
            #[tokio::test]
            async fn postgres() {
                let t = common::TestDb::new(app::db::Backend::Postgres).await;
                ($body)(t.db.clone()).await;
                t.finish().await;
            }
        }
    };
}
