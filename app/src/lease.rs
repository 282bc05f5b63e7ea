//! Scheduled work that must run once among several nodes (server only): before a
//! run, a node takes the task's lease for the task's period; the others, finding it
//! held, skip that period. A node that dies holding a lease only delays the next run
//! to the end of the period.

use crate::db::{sql, Db, DbError};
use chrono::{DateTime, Duration, Utc};

/// A name for this node, different for each process (and for each state in tests).
pub fn node_name() -> String {
    let mut bytes = [0u8; 6];
    if getrandom::fill(&mut bytes).is_err() {
        // Only the time then tells two states of one process apart.
        let nanos = Utc::now().timestamp_subsec_nanos().to_be_bytes();
        bytes[..4].copy_from_slice(&nanos);
    }
    let suffix: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{suffix}", std::process::id())
}

/// Takes the lease of `task` for `period` from `now` if nobody holds it; true when
/// this node is to run the task now.
pub async fn take(
    db: &Db,
    task: &str,
    node: &str,
    now: DateTime<Utc>,
    period: Duration,
) -> Result<bool, DbError> {
    let taken: Option<(i64,)> = db
        .fetch_optional(
            sql(
                "INSERT INTO task_lease (name, holder, held_until, last_run_at, runs)
                 VALUES ($1, $2, $3, $4, 1)
                 ON CONFLICT (name) DO UPDATE
                    SET holder = excluded.holder, held_until = excluded.held_until,
                        last_run_at = excluded.last_run_at, runs = task_lease.runs + 1
                  WHERE task_lease.held_until <= excluded.last_run_at
                 RETURNING runs",
            )
            .bind(task)
            .bind(node)
            .bind(now + period)
            .bind(now),
        )
        .await?;
    Ok(taken.is_some())
}

/// How many times a task ran, and the node that ran it last.
pub async fn runs(db: &Db, task: &str) -> Result<Option<(i64, String)>, DbError> {
    db.fetch_optional(sql("SELECT runs, holder FROM task_lease WHERE name = $1").bind(task))
        .await
}
