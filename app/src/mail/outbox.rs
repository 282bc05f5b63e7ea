//! The outbox table: queueing mail inside a transaction, and the sender's side
//! (claim a due message, then mark it sent, captured, retried or failed).

use super::model::{MailKind, MailStatus, OutboxItem};
use crate::db::{sql, Db, DbError, Sql, Tx};
use crate::i18n::Lang;
use crate::ids::AccountId;
use chrono::{DateTime, Duration, Utc};

/// After this many failed attempts a message is given up.
pub const MAX_ATTEMPTS: i64 = 10;
/// How long a sender holds a message it is sending before another may retry it.
const LEASE: Duration = Duration::minutes(5);

/// A message to queue.
pub struct NewMail<'a> {
    pub to: &'a str,
    pub account_id: Option<AccountId>,
    pub kind: MailKind,
    pub lang: Lang,
    pub values: &'a [(&'a str, &'a str)],
}

/// Queues a message in the caller's transaction: it is sent only if that commits.
pub async fn enqueue(tx: &mut Tx, mail: NewMail<'_>, now: DateTime<Utc>) -> Result<i64, DbError> {
    let (subject, body) = mail.kind.compose(mail.lang, mail.values);
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO outbox (to_address, account_id, kind, subject, body_text, next_attempt_at, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")
            .bind(mail.to)
            .bind(mail.account_id)
            .bind(mail.kind.code())
            .bind(subject)
            .bind(body)
            .bind(now),
        )
        .await?;
    Ok(id)
}

/// A message a sender has taken.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body_text: String,
    pub attempts: i64,
}

/// Takes the oldest due message, if any, for `LEASE`. On PostgreSQL rows another
/// node is taking are skipped (`FOR UPDATE SKIP LOCKED`); SQLite has one writer.
pub async fn claim(db: &Db, now: DateTime<Utc>) -> Result<Option<Claimed>, DbError> {
    db.fetch_optional(
        Sql::per_backend(
            "UPDATE outbox SET lease_until = $1, attempts = attempts + 1
              WHERE id = (SELECT id FROM outbox
                           WHERE status = 'pending' AND next_attempt_at <= $2
                             AND (lease_until IS NULL OR lease_until < $2)
                           ORDER BY id LIMIT 1)
              RETURNING id, to_address, subject, body_text, attempts",
            "UPDATE outbox SET lease_until = $1, attempts = attempts + 1
              WHERE id = (SELECT id FROM outbox
                           WHERE status = 'pending' AND next_attempt_at <= $2
                             AND (lease_until IS NULL OR lease_until < $2)
                           ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
              RETURNING id, to_address, subject, body_text, attempts",
        )
        .bind(now + LEASE)
        .bind(now),
    )
    .await
}

async fn set_status(
    db: &Db,
    id: i64,
    status: MailStatus,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    db.execute(
        sql("UPDATE outbox SET status = $1, sent_at = $2, lease_until = NULL, last_error = '', body_text = $3
              WHERE id = $4")
            .bind(status.code())
            .bind(now)
            .bind(body)
            .bind(id),
    )
    .await?;
    Ok(())
}

/// A message went out: what is kept of it opens nothing (its links' tokens are
/// taken out), so that nobody who reads the outbox can use a link mailed to another.
pub async fn mark_sent(db: &Db, message: &Claimed, now: DateTime<Utc>) -> Result<(), DbError> {
    let kept = crate::text::hide_tokens(&message.body_text);
    set_status(db, message.id, MailStatus::Sent, &kept, now).await
}

/// No SMTP server: the message is kept whole, since the admin page is then the only
/// way it reaches anyone (a development or demo installation).
pub async fn mark_captured(db: &Db, message: &Claimed, now: DateTime<Utc>) -> Result<(), DbError> {
    set_status(
        db,
        message.id,
        MailStatus::Captured,
        &message.body_text,
        now,
    )
    .await
}

/// How long sent and failed messages are kept, for the admin page.
pub const KEEP_SENT: Duration = Duration::days(30);
/// How long captured messages (kept whole, links included) are kept.
pub const KEEP_CAPTURED: Duration = Duration::days(7);

/// Deletes the messages kept longer than their retention; how many went.
pub async fn purge(db: &Db, now: DateTime<Utc>) -> Result<u64, DbError> {
    db.execute(
        sql("DELETE FROM outbox
              WHERE (status IN ('sent', 'failed') AND created_at < $1)
                 OR (status = 'captured' AND created_at < $2)")
        .bind(now - KEEP_SENT)
        .bind(now - KEEP_CAPTURED),
    )
    .await
}

/// The wait before attempt `n + 1`: 1, 2, 4, 8… minutes, at most six hours.
pub fn backoff(attempts: i64) -> Duration {
    let minutes = 1i64 << attempts.clamp(1, 12).saturating_sub(1);
    Duration::minutes(minutes.min(6 * 60))
}

/// Records a failed attempt: retried later, or given up after `MAX_ATTEMPTS`.
pub async fn mark_failed_attempt(
    db: &Db,
    message: &Claimed,
    error: &str,
    now: DateTime<Utc>,
) -> Result<MailStatus, DbError> {
    let status = if message.attempts >= MAX_ATTEMPTS {
        MailStatus::Failed
    } else {
        MailStatus::Pending
    };
    // Given up: nothing usable is kept either.
    let body = match status {
        MailStatus::Failed => crate::text::hide_tokens(&message.body_text),
        _ => message.body_text.clone(),
    };
    db.execute(
        sql("UPDATE outbox SET status = $1, next_attempt_at = $2, lease_until = NULL, last_error = $3, body_text = $4
              WHERE id = $5")
            .bind(status.code())
            .bind(now + backoff(message.attempts))
            .bind(error.chars().take(500).collect::<String>())
            .bind(body)
            .bind(message.id),
    )
    .await?;
    Ok(status)
}

/// One page of the outbox, newest first, optionally of one status and to one address.
/// Only captured messages (no SMTP server: the page is how they reach anyone) show
/// their links; of messages on their way the page shows no token either.
pub async fn list(
    db: &Db,
    status: Option<MailStatus>,
    to: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<OutboxItem>, i64), DbError> {
    let status = status.map(|s| s.code());
    let to = to.map(|t| format!("%{}%", t.to_lowercase()));
    let mut items: Vec<OutboxItem> = db
        .fetch_all(
            sql("SELECT id, to_address, kind, subject, body_text, status, attempts, last_error, created_at, sent_at
                   FROM outbox
                  WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR to_address LIKE $2)
                  ORDER BY id DESC LIMIT $3 OFFSET $4")
            .bind(status)
            .bind(to.clone())
            .bind(limit)
            .bind(offset),
        )
        .await?;
    let (total,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM outbox
                  WHERE ($1 IS NULL OR status = $1) AND ($2 IS NULL OR to_address LIKE $2)")
            .bind(status)
            .bind(to),
        )
        .await?;
    for item in &mut items {
        if item.status != MailStatus::Captured.code() {
            item.body_text = crate::text::hide_tokens(&item.body_text);
        }
    }
    Ok((items, total))
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use chrono::Duration;

    #[test]
    fn backoff_doubles_up_to_six_hours() {
        assert_eq!(backoff(1), Duration::minutes(1));
        assert_eq!(backoff(2), Duration::minutes(2));
        assert_eq!(backoff(5), Duration::minutes(16));
        assert_eq!(backoff(9), Duration::minutes(256));
        assert_eq!(backoff(40), Duration::hours(6));
    }
}
