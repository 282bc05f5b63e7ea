//! Hourly housekeeping on every node: expired sessions, spent one-time tokens, old
//! rate-limit windows, mail kept past its retention, drafts of browsers without an
//! account past their cookie's life, and uploads nothing holds are deleted. Safe to
//! run on several nodes at once.

use app::db::{sql, Db, DbError};
use app::state::AppState;
use chrono::{DateTime, Duration, Utc};

/// Deletes what has expired; returns how many rows went.
pub async fn sweep(db: &Db, now: DateTime<Utc>) -> Result<u64, DbError> {
    let mut gone = db
        .execute(sql("DELETE FROM session WHERE expires_at <= $1").bind(now))
        .await?;
    gone += db
        .execute(
            sql("DELETE FROM account_token WHERE expires_at <= $1 OR used_at <= $1")
                .bind(now - Duration::days(7)),
        )
        .await?;
    gone += app::auth::ratelimit::prune(db, now).await?;
    gone += app::mail::outbox::purge(db, now).await?;
    gone += app::consultation::repo::prune_browser_drafts(db, now - Duration::days(7)).await?;
    // An answer's files are stored a moment before the answer: a day is ample.
    gone += app::upload::repo::prune_unheld(db, now - Duration::days(1)).await?;
    Ok(gone)
}

pub async fn run(state: AppState) {
    loop {
        match sweep(&state.db, state.clock.now()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(rows = n, "expired rows removed"),
            Err(e) => tracing::error!(error = %e, "housekeeping failed"),
        }
        tokio::time::sleep(std::time::Duration::from_secs(3600)).await;
    }
}
