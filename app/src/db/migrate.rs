//! Schema migrations, embedded in the binary: `migrations/sqlite` and
//! `migrations/postgres` hold the same schema in each dialect.

use super::pool::{sql, Db, DbError};
use sqlx::migrate::Migrator;

static SQLITE: Migrator = sqlx::migrate!("../migrations/sqlite");
static POSTGRES: Migrator = sqlx::migrate!("../migrations/postgres");

impl Db {
    fn migrator(&self) -> &'static Migrator {
        match self {
            Db::Sqlite(_) => &SQLITE,
            Db::Postgres(_) => &POSTGRES,
        }
    }

    /// Applies every migration not yet applied.
    pub async fn migrate(&self) -> Result<(), DbError> {
        match self {
            Db::Sqlite(p) => SQLITE.run(p).await?,
            Db::Postgres(p) => POSTGRES.run(p).await?,
        }
        Ok(())
    }

    /// True when every embedded migration has been applied successfully; false when
    /// some is missing or the database cannot tell (not reachable, never migrated).
    pub async fn is_migrated(&self) -> bool {
        let Ok(applied) = self
            .fetch_all::<(i64, bool)>(sql("SELECT version, success FROM _sqlx_migrations"))
            .await
        else {
            return false;
        };
        self.migrator()
            .iter()
            .all(|m| applied.iter().any(|(v, ok)| *v == m.version && *ok))
    }
}
