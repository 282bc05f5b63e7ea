//! Hourly housekeeping: expired sessions, spent one-time tokens, old rate-limit
//! windows, mail kept past its retention, drafts of browsers without an account past
//! their cookie's life, live events older than a day, uploads nothing holds, and
//! stored objects no content names are deleted. Every node tries every few minutes;
//! the one that takes the hour's lease (`app::lease`) does it.

use app::db::blobs::Storage;
use app::db::{sql, Db, DbError};
use app::state::AppState;
use chrono::{DateTime, Duration, Utc};

/// Deletes what has expired; returns how many rows went.
pub async fn sweep(db: &Db, files: &Storage, now: DateTime<Utc>) -> Result<u64, DbError> {
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
    gone += app::newsletter::repo::purge_confirms(db, now).await?;
    gone += app::consultation::repo::prune_browser_drafts(db, now - Duration::days(7)).await?;
    // An answer's files are stored a moment before the answer: a day is ample.
    gone += app::upload::repo::prune_unheld(db, files, now - Duration::days(1)).await?;
    gone += app::live::repo::prune(db, now - Duration::days(1)).await?;
    // Last, as it reads the object store: objects that no content names (a rolled-back
    // upload, a lost race, a failed delete).
    gone += app::upload::repo::sweep_objects(db, files, now - Duration::days(1)).await?;
    Ok(gone)
}

/// The lease's name and period.
pub const TASK: &str = "maintenance";
pub const PERIOD: Duration = Duration::hours(1);

/// One try: sweeps if this node takes the lease. True when it swept.
pub async fn tick(state: &AppState) -> bool {
    let now = state.clock.now();
    match app::lease::take(&state.db, TASK, &state.node, now, PERIOD).await {
        Ok(true) => {}
        Ok(false) => return false,
        Err(e) => {
            tracing::error!(error = %e, "housekeeping: cannot take the lease");
            return false;
        }
    }
    match sweep(&state.db, &state.files, now).await {
        Ok(0) => {}
        Ok(n) => tracing::info!(rows = n, "expired rows removed"),
        Err(e) => tracing::error!(error = %e, "housekeeping failed"),
    }
    true
}

pub async fn run(state: AppState) {
    loop {
        tick(&state).await;
        tokio::time::sleep(std::time::Duration::from_secs(300)).await;
    }
}
