//! Running a [`Sql`] on a pool or inside a transaction, on either backend.

use super::arg::Arg;
use super::pool::{Backend, Db, DbError, Sql};
use sqlx::postgres::PgRow;
use sqlx::sqlite::SqliteRow;
use sqlx::FromRow;
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes this process has made: statements run by [`Db::execute`] that changed rows,
/// and commits of [`Tx`] (a write through `fetch_*`, say `INSERT … RETURNING` outside a
/// transaction, is not counted). What a node keeps from the database (its page cache)
/// is good only while this is unchanged (other nodes' writes reach it as live events).
static WRITES: AtomicU64 = AtomicU64::new(0);

/// How many writes this process has made so far (see [`WRITES`]).
pub fn writes() -> u64 {
    WRITES.load(Ordering::Acquire)
}

fn wrote() {
    WRITES.fetch_add(1, Ordering::AcqRel);
}

/// A row type readable from both databases (derive `sqlx::FromRow` on it).
pub trait Record:
    for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}
impl<T> Record for T where
    T: for<'r> FromRow<'r, SqliteRow> + for<'r> FromRow<'r, PgRow> + Send + Unpin
{
}

/// A transaction on either backend. Dropped without [`Tx::commit`], it rolls back.
pub enum Tx {
    Sqlite(sqlx::Transaction<'static, sqlx::Sqlite>),
    Postgres(sqlx::Transaction<'static, sqlx::Postgres>),
}

/// Binds every [`Arg`] of a query, in order, whatever the query type.
macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut q = $query;
        for arg in $args {
            q = match arg {
                Arg::I64(v) => q.bind(*v),
                Arg::F64(v) => q.bind(*v),
                Arg::Bool(v) => q.bind(*v),
                Arg::Text(v) => q.bind(v.clone()),
                Arg::Date(v) => q.bind(*v),
                Arg::Time(v) => q.bind(*v),
                Arg::Bytes(v) => q.bind(v.clone()),
            };
        }
        q
    }};
}

/// The four ways of running a query, for a given executor per backend.
macro_rules! run {
    (fetch_all, $backend:expr, $q:expr, $exec:expr) => {
        bind_all!(sqlx::query_as($q.text($backend)), $q.args())
            .fetch_all($exec)
            .await
    };
    (fetch_one, $backend:expr, $q:expr, $exec:expr) => {
        bind_all!(sqlx::query_as($q.text($backend)), $q.args())
            .fetch_one($exec)
            .await
    };
    (fetch_optional, $backend:expr, $q:expr, $exec:expr) => {
        bind_all!(sqlx::query_as($q.text($backend)), $q.args())
            .fetch_optional($exec)
            .await
    };
    (execute, $backend:expr, $q:expr, $exec:expr) => {
        bind_all!(sqlx::query($q.text($backend)), $q.args())
            .execute($exec)
            .await
            .map(|r| r.rows_affected())
    };
}

impl Db {
    pub async fn fetch_all<T: Record>(&self, q: Sql) -> Result<Vec<T>, DbError> {
        Ok(match self {
            Db::Sqlite(p) => run!(fetch_all, Backend::Sqlite, q, p)?,
            Db::Postgres(p) => run!(fetch_all, Backend::Postgres, q, p)?,
        })
    }

    pub async fn fetch_one<T: Record>(&self, q: Sql) -> Result<T, DbError> {
        Ok(match self {
            Db::Sqlite(p) => run!(fetch_one, Backend::Sqlite, q, p)?,
            Db::Postgres(p) => run!(fetch_one, Backend::Postgres, q, p)?,
        })
    }

    pub async fn fetch_optional<T: Record>(&self, q: Sql) -> Result<Option<T>, DbError> {
        Ok(match self {
            Db::Sqlite(p) => run!(fetch_optional, Backend::Sqlite, q, p)?,
            Db::Postgres(p) => run!(fetch_optional, Backend::Postgres, q, p)?,
        })
    }

    /// Hands every row to `each` as the database sends it, so that a result larger
    /// than memory is folded one row at a time instead of collected.
    pub async fn for_each<T: Record>(
        &self,
        q: Sql,
        mut each: impl FnMut(T),
    ) -> Result<(), DbError> {
        use futures::TryStreamExt;
        match self {
            Db::Sqlite(p) => {
                let mut rows =
                    bind_all!(sqlx::query_as(q.text(Backend::Sqlite)), q.args()).fetch(p);
                while let Some(row) = rows.try_next().await? {
                    each(row);
                }
            }
            Db::Postgres(p) => {
                let mut rows =
                    bind_all!(sqlx::query_as(q.text(Backend::Postgres)), q.args()).fetch(p);
                while let Some(row) = rows.try_next().await? {
                    each(row);
                }
            }
        }
        Ok(())
    }

    /// Runs a statement and returns how many rows it changed.
    pub async fn execute(&self, q: Sql) -> Result<u64, DbError> {
        let changed = match self {
            Db::Sqlite(p) => run!(execute, Backend::Sqlite, q, p)?,
            Db::Postgres(p) => run!(execute, Backend::Postgres, q, p)?,
        };
        if changed > 0 {
            wrote();
        }
        Ok(changed)
    }

    /// Starts a transaction. On SQLite it takes the write lock at once
    /// (`BEGIN IMMEDIATE`), so two writers wait for each other instead of failing.
    pub async fn begin(&self) -> Result<Tx, DbError> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN IMMEDIATE").await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }

    /// A read-only transaction that sees the database as it was at its first read,
    /// whatever is written meanwhile (a backup's one snapshot). On SQLite a deferred
    /// `BEGIN` reads one WAL snapshot and takes no write lock; on PostgreSQL it is
    /// `REPEATABLE READ, READ ONLY`. Drop it when done: there is nothing to commit.
    pub async fn snapshot(&self) -> Result<Tx, DbError> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin_with("BEGIN DEFERRED").await?),
            Db::Postgres(p) => Tx::Postgres(
                p.begin_with("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                    .await?,
            ),
        })
    }
}

impl Tx {
    pub fn backend(&self) -> Backend {
        match self {
            Tx::Sqlite(_) => Backend::Sqlite,
            Tx::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn fetch_all<T: Record>(&mut self, q: Sql) -> Result<Vec<T>, DbError> {
        Ok(match self {
            Tx::Sqlite(t) => run!(fetch_all, Backend::Sqlite, q, &mut **t)?,
            Tx::Postgres(t) => run!(fetch_all, Backend::Postgres, q, &mut **t)?,
        })
    }

    pub async fn fetch_one<T: Record>(&mut self, q: Sql) -> Result<T, DbError> {
        Ok(match self {
            Tx::Sqlite(t) => run!(fetch_one, Backend::Sqlite, q, &mut **t)?,
            Tx::Postgres(t) => run!(fetch_one, Backend::Postgres, q, &mut **t)?,
        })
    }

    pub async fn fetch_optional<T: Record>(&mut self, q: Sql) -> Result<Option<T>, DbError> {
        Ok(match self {
            Tx::Sqlite(t) => run!(fetch_optional, Backend::Sqlite, q, &mut **t)?,
            Tx::Postgres(t) => run!(fetch_optional, Backend::Postgres, q, &mut **t)?,
        })
    }

    pub async fn execute(&mut self, q: Sql) -> Result<u64, DbError> {
        Ok(match self {
            Tx::Sqlite(t) => run!(execute, Backend::Sqlite, q, &mut **t)?,
            Tx::Postgres(t) => run!(execute, Backend::Postgres, q, &mut **t)?,
        })
    }

    pub async fn commit(self) -> Result<(), DbError> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        wrote();
        Ok(())
    }
}
