//! The events table (server only).

use super::model::Topic;
use crate::db::{sql, Backend, Db, DbError, Tx};
use chrono::{DateTime, Utc};

/// The PostgreSQL channel every node listens on (the payload is empty: the table says
/// what happened).
pub const CHANNEL: &str = "piazza_live";

#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct LiveEvent {
    pub id: i64,
    pub topic: String,
    pub kind: String,
    pub subject: i64,
}

/// Publishes an event in the caller's transaction: nobody hears of it unless the
/// change commits. On PostgreSQL the other nodes are woken when it does.
pub async fn publish(
    tx: &mut Tx,
    topic: Topic,
    kind: &'static str,
    subject: impl Into<i64>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO live_event (topic, kind, subject, created_at) VALUES ($1, $2, $3, $4)")
            .bind(topic.key())
            .bind(kind)
            .bind(subject.into())
            .bind(now),
    )
    .await?;
    if tx.backend() == Backend::Postgres {
        // Delivered at commit, once per transaction however many events it wrote.
        tx.execute(sql("SELECT pg_notify('piazza_live', '')"))
            .await?;
    }
    Ok(())
}

/// The newest event's id (0 when there is none).
pub async fn last_id(db: &Db) -> Result<i64, DbError> {
    let (id,): (Option<i64>,) = db.fetch_one(sql("SELECT MAX(id) FROM live_event")).await?;
    Ok(id.unwrap_or(0))
}

/// Events after `after`, oldest first.
pub async fn after(db: &Db, after: i64, limit: i64) -> Result<Vec<LiveEvent>, DbError> {
    db.fetch_all(
        sql("SELECT id, topic, kind, subject FROM live_event WHERE id > $1 ORDER BY id LIMIT $2")
            .bind(after)
            .bind(limit),
    )
    .await
}

/// What a browser missed on some topics since `after` (at most `limit` + 1 rows, so
/// that the caller knows when there were more), oldest first.
pub async fn missed(
    db: &Db,
    topics: &[Topic],
    after: i64,
    limit: i64,
) -> Result<Vec<LiveEvent>, DbError> {
    let mut all = Vec::new();
    for topic in topics {
        all.extend(
            db.fetch_all::<LiveEvent>(
                sql("SELECT id, topic, kind, subject FROM live_event
                      WHERE topic = $1 AND id > $2 ORDER BY id LIMIT $3")
                .bind(topic.key())
                .bind(after)
                .bind(limit + 1),
            )
            .await?,
        );
    }
    all.sort_by_key(|e| e.id);
    all.truncate(usize::try_from(limit + 1).unwrap_or(usize::MAX));
    Ok(all)
}

/// Deletes events older than `before` (a browser away longer reads everything again).
pub async fn prune(db: &Db, before: DateTime<Utc>) -> Result<u64, DbError> {
    db.execute(sql("DELETE FROM live_event WHERE created_at < $1").bind(before))
        .await
}
