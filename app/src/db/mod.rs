//! The one data-access layer: the same SQL text runs on SQLite and PostgreSQL.
//!
//! Queries are written once with `$1, $2, …` placeholders (both drivers accept them),
//! values are bound as [`Arg`]s (never formatted into the text), and rows are read into
//! structs that derive `sqlx::FromRow` (the derive works for both row types). Where the
//! two dialects differ (full-text search, date arithmetic) a query is built with
//! [`Sql::per_backend`]. See docs/ARCHITECTURE.md for why this and not `sqlx::Any`.

mod arg;
pub mod blobs;
mod exec;
pub mod migrate;
mod pool;
pub mod portable;
mod tables;

pub use arg::Arg;
pub use exec::{writes, Record, Tx};
pub use pool::{sql, Backend, Db, DbError, Sql};
