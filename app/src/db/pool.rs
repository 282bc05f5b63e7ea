//! The connection to either database (`Db`), its errors, and SQL text with the
//! variants of each dialect (`Sql`): the layer's core, re-exported by `db`.

use super::arg::Arg;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::borrow::Cow;
use std::str::FromStr;
use std::time::Duration;

/// Which database is behind a [`Db`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A pool on one of the two supported databases. Cheap to clone.
#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

/// Why a database could not be opened or used. Its text is for logs and for the
/// operator at the console, never for a web page.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("DATABASE_URL must start with sqlite: or postgres:// (got {0:?})")]
    UnsupportedUrl(String),
    #[error("cannot connect to the database: {0}")]
    Connect(sqlx::Error),
    #[error("cannot apply the database migrations: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error(transparent)]
    Query(#[from] sqlx::Error),
    /// An upload's object store (`blobs`) failed.
    #[error("file storage: {0}")]
    Files(String),
}

impl DbError {
    /// The name of the constraint a query violated, if that is what went wrong.
    pub fn constraint(&self) -> Option<&str> {
        match self {
            DbError::Query(sqlx::Error::Database(e)) => e.constraint(),
            _ => None,
        }
    }

    /// True when a UNIQUE constraint was violated (both backends).
    pub fn is_unique_violation(&self) -> bool {
        match self {
            DbError::Query(sqlx::Error::Database(e)) => e.is_unique_violation(),
            _ => false,
        }
    }
}

/// A query: SQL text (one per backend when they differ) and its bound values.
#[derive(Clone, Debug)]
pub struct Sql {
    sqlite: Cow<'static, str>,
    postgres: Cow<'static, str>,
    args: Vec<Arg>,
}

/// A query whose text is the same on both databases.
pub fn sql(text: &'static str) -> Sql {
    Sql {
        sqlite: Cow::Borrowed(text),
        postgres: Cow::Borrowed(text),
        args: Vec::new(),
    }
}

impl Sql {
    /// A query whose text differs between SQLite and PostgreSQL.
    pub fn per_backend(sqlite: &'static str, postgres: &'static str) -> Sql {
        Sql {
            sqlite: Cow::Borrowed(sqlite),
            postgres: Cow::Borrowed(postgres),
            args: Vec::new(),
        }
    }

    /// A query built at run time. Only for identifiers that were checked against the
    /// schema (see `portable`); values are still bound, never formatted in.
    pub(crate) fn checked_identifiers(text: String) -> Sql {
        Sql {
            sqlite: Cow::Owned(text.clone()),
            postgres: Cow::Owned(text),
            args: Vec::new(),
        }
    }

    /// Binds the next `$N` value.
    pub fn bind(mut self, value: impl Into<Arg>) -> Sql {
        self.args.push(value.into());
        self
    }

    pub(crate) fn text(&self, backend: Backend) -> &str {
        match backend {
            Backend::Sqlite => &self.sqlite,
            Backend::Postgres => &self.postgres,
        }
    }

    pub(crate) fn args(&self) -> &[Arg] {
        &self.args
    }
}

impl Db {
    /// Opens (and for SQLite creates) the database named by `url`.
    pub async fn connect(url: &str) -> Result<Db, DbError> {
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(DbError::Connect)?
                .create_if_missing(true)
                .foreign_keys(true)
                .journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(10));
            let pool = SqlitePoolOptions::new()
                .max_connections(8)
                .connect_with(options)
                .await
                .map_err(DbError::Connect)?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let options = PgConnectOptions::from_str(url).map_err(DbError::Connect)?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options)
                .await
                .map_err(DbError::Connect)?;
            Ok(Db::Postgres(pool))
        } else {
            Err(DbError::UnsupportedUrl(url.to_string()))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn close(&self) {
        match self {
            Db::Sqlite(p) => p.close().await,
            Db::Postgres(p) => p.close().await,
        }
    }
}
