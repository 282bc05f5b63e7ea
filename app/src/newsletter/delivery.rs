//! The mails of an issue, one row per recipient (server only). An issue that is due
//! is started in one transaction: claimed (`state = 'sending'`, so one node starts
//! it) and a row queued for every confirmed subscriber of its list. Senders then
//! claim a few rows at a time for a lease (on PostgreSQL `FOR UPDATE SKIP LOCKED`,
//! so nodes share the work), send each and mark it sent at once. A node that dies
//! leaves its claimed rows pending: they are claimed again when the lease ends, and
//! only a mail the SMTP server accepted just before the crash, and not yet marked,
//! goes twice (with the same `Message-ID`).

use super::model::{IssueStats, BOUNCES_TO_SUPPRESS};
use crate::db::{sql, Db, DbError, Sql, Tx};
use crate::ids::EnteId;
use chrono::{DateTime, Duration, Utc};

/// After this many attempts a mail is given up.
pub const MAX_ATTEMPTS: i64 = 8;

/// The wait before the next attempt: 30 s, 1, 2, 4… minutes, at most two hours.
pub fn backoff(attempts: i64) -> Duration {
    let seconds = 30i64 << attempts.clamp(1, 10).saturating_sub(1);
    Duration::seconds(seconds.min(2 * 60 * 60))
}

/// Starts the issues whose time has come; their ids.
pub async fn start_due(db: &Db, now: DateTime<Utc>) -> Result<Vec<i64>, DbError> {
    let due: Vec<(i64, i64)> = db
        .fetch_all(
            sql("SELECT id, list_id FROM newsletter_issue
                  WHERE state = 'scheduled' AND send_at <= $1 ORDER BY send_at, id")
            .bind(now),
        )
        .await?;
    let mut started = Vec::new();
    for (issue, list) in due {
        let mut tx = db.begin().await?;
        let claimed = tx
            .execute(
                sql(
                    "UPDATE newsletter_issue SET state = 'sending', started_at = $1
                      WHERE id = $2 AND state = 'scheduled'",
                )
                .bind(now)
                .bind(issue),
            )
            .await?;
        if claimed == 0 {
            continue;
        }
        let queued = queue(&mut tx, issue, list, now).await?;
        tx.execute(
            sql("UPDATE newsletter_issue SET queued = $1 WHERE id = $2")
                .bind(queued as i64)
                .bind(issue),
        )
        .await?;
        tx.commit().await?;
        started.push(issue);
    }
    Ok(started)
}

/// Queues a mail of the issue for every confirmed subscriber of its list (those
/// suppressed are counted, not sent); how many.
pub async fn queue(tx: &mut Tx, issue: i64, list: i64, now: DateTime<Utc>) -> Result<u64, DbError> {
    tx.execute(
        sql("INSERT INTO newsletter_delivery (issue_id, subscriber_id, email, status, next_attempt_at)
             SELECT $1, p.id, p.email,
                    CASE WHEN p.status = 'active' THEN 'pending' ELSE 'suppressed' END, $2
               FROM newsletter_subscription s
               JOIN newsletter_subscriber p ON p.id = s.subscriber_id
              WHERE s.list_id = $3 AND s.state = 'active'
             ON CONFLICT (issue_id, subscriber_id) DO NOTHING")
        .bind(issue)
        .bind(now)
        .bind(list),
    )
    .await
}

/// Records an issue as sent whole at `at` (the demo's past issues).
pub async fn record_sent(
    tx: &mut Tx,
    issue: i64,
    list: i64,
    at: DateTime<Utc>,
) -> Result<(), DbError> {
    let queued = queue(tx, issue, list, at).await?;
    tx.execute(
        sql("UPDATE newsletter_delivery SET status = 'sent', sent_at = $1 WHERE issue_id = $2 AND status = 'pending'")
            .bind(at)
            .bind(issue),
    )
    .await?;
    tx.execute(
        sql("UPDATE newsletter_issue SET state = 'sent', queued = $1, started_at = $2, finished_at = $2, send_at = $2
              WHERE id = $3")
            .bind(queued as i64)
            .bind(at)
            .bind(issue),
    )
    .await?;
    Ok(())
}

/// A mail a sender has taken.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub issue_id: i64,
    /// None for a test send to an operator.
    pub subscriber_id: Option<i64>,
    pub email: String,
    pub attempts: i64,
}

/// Takes up to `batch` due mails for `lease`.
pub async fn claim(
    db: &Db,
    now: DateTime<Utc>,
    lease: Duration,
    batch: i64,
) -> Result<Vec<Claimed>, DbError> {
    db.fetch_all(
        Sql::per_backend(
            "UPDATE newsletter_delivery SET lease_until = $1, attempts = attempts + 1
              WHERE id IN (SELECT id FROM newsletter_delivery
                            WHERE status = 'pending' AND next_attempt_at <= $2
                              AND (lease_until IS NULL OR lease_until < $2)
                            ORDER BY id LIMIT $3)
              RETURNING id, issue_id, subscriber_id, email, attempts",
            "UPDATE newsletter_delivery SET lease_until = $1, attempts = attempts + 1
              WHERE id IN (SELECT id FROM newsletter_delivery
                            WHERE status = 'pending' AND next_attempt_at <= $2
                              AND (lease_until IS NULL OR lease_until < $2)
                            ORDER BY id LIMIT $3 FOR UPDATE SKIP LOCKED)
              RETURNING id, issue_id, subscriber_id, email, attempts",
        )
        .bind(now + lease)
        .bind(now)
        .bind(batch),
    )
    .await
}

/// The SMTP server took the mail. Written only while the claim is still this
/// sender's (`attempts` unchanged: nobody took it again), and so that it does not
/// count as a write that empties the page cache (`db::writes`): a send of thousands
/// changes nothing public.
pub async fn mark_sent(db: &Db, m: &Claimed, now: DateTime<Utc>) -> Result<(), DbError> {
    db.fetch_optional::<(i64,)>(
        sql("UPDATE newsletter_delivery SET status = 'sent', sent_at = $1, lease_until = NULL, last_error = ''
              WHERE id = $2 AND status = 'pending' AND attempts = $3 RETURNING id")
        .bind(now)
        .bind(m.id)
        .bind(m.attempts),
    )
    .await?;
    Ok(())
}

/// A temporary failure: tried again later, or given up after `MAX_ATTEMPTS`.
pub async fn mark_retry(
    db: &Db,
    m: &Claimed,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let status = if m.attempts >= MAX_ATTEMPTS {
        "failed"
    } else {
        "pending"
    };
    db.fetch_optional::<(i64,)>(
        sql("UPDATE newsletter_delivery
                SET status = $1, next_attempt_at = $2, lease_until = NULL, last_error = $3
              WHERE id = $4 AND status = 'pending' AND attempts = $5 RETURNING id")
        .bind(status)
        .bind(now + backoff(m.attempts))
        .bind(error.chars().take(300).collect::<String>())
        .bind(m.id)
        .bind(m.attempts),
    )
    .await?;
    Ok(())
}

/// Gives back claimed mails a sender will not send (its lease is running out):
/// free at once, their attempt not counted.
pub async fn release(db: &Db, unsent: &[Claimed]) -> Result<(), DbError> {
    for m in unsent {
        db.fetch_optional::<(i64,)>(
            sql(
                "UPDATE newsletter_delivery SET lease_until = NULL, attempts = attempts - 1
                  WHERE id = $1 AND status = 'pending' AND attempts = $2 RETURNING id",
            )
            .bind(m.id)
            .bind(m.attempts),
        )
        .await?;
    }
    Ok(())
}

/// Whether the mail should still go: its row still pending, and (but for a test
/// send) its subscriber still on the issue's list and not suppressed. Checked just
/// before sending, so that leaving takes effect even for mails already claimed.
pub async fn still_wanted(db: &Db, m: &Claimed) -> Result<bool, DbError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql("SELECT d.id FROM newsletter_delivery d
                  WHERE d.id = $1 AND d.status = 'pending'
                    AND (d.subscriber_id IS NULL OR EXISTS (
                         SELECT 1 FROM newsletter_issue i
                           JOIN newsletter_subscription s ON s.list_id = i.list_id
                           JOIN newsletter_subscriber p ON p.id = s.subscriber_id
                          WHERE i.id = d.issue_id AND s.subscriber_id = d.subscriber_id
                            AND s.state = 'active' AND p.status = 'active'))")
            .bind(m.id),
        )
        .await?;
    Ok(row.is_some())
}

/// A mail that is no longer wanted: counted as not sent.
pub async fn mark_unwanted(db: &Db, m: &Claimed) -> Result<(), DbError> {
    db.fetch_optional::<(i64,)>(
        sql(
            "UPDATE newsletter_delivery SET status = 'left', lease_until = NULL
              WHERE id = $1 AND status = 'pending' RETURNING id",
        )
        .bind(m.id),
    )
    .await?;
    Ok(())
}

/// A permanent failure (5xx, or an address no server takes): the mail is failed and
/// the address counts one more; after `BOUNCES_TO_SUPPRESS` it gets no more mail.
pub async fn mark_permanent(
    db: &Db,
    m: &Claimed,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut tx = db.begin().await?;
    let marked = tx.execute(
        sql("UPDATE newsletter_delivery SET status = 'failed', lease_until = NULL, last_error = $1, sent_at = $2
              WHERE id = $3 AND status = 'pending' AND attempts = $4")
        .bind(error.chars().take(300).collect::<String>())
        .bind(now)
        .bind(m.id)
        .bind(m.attempts),
    )
    .await?;
    if let (Some(subscriber), 1) = (m.subscriber_id, marked) {
        tx.execute(
            sql("UPDATE newsletter_subscriber
                    SET bounces = bounces + 1,
                        status = CASE WHEN bounces + 1 >= $1 THEN 'suppressed' ELSE status END
                  WHERE id = $2")
            .bind(BOUNCES_TO_SUPPRESS)
            .bind(subscriber),
        )
        .await?;
    }
    tx.commit().await
}

/// Marks sent the issues with nothing left to send; their ids and enti.
pub async fn finish_done(db: &Db, now: DateTime<Utc>) -> Result<Vec<(i64, EnteId)>, DbError> {
    db.fetch_all(
        sql(
            "UPDATE newsletter_issue SET state = 'sent', finished_at = $1
                  WHERE state = 'sending'
                    AND NOT EXISTS (SELECT 1 FROM newsletter_delivery d
                                     WHERE d.issue_id = newsletter_issue.id AND d.status = 'pending'
                                       AND d.subscriber_id IS NOT NULL)
                  RETURNING id, ente_id",
        )
        .bind(now),
    )
    .await
}

/// The issues being sent, and their enti.
pub async fn sending(db: &Db) -> Result<Vec<(i64, EnteId)>, DbError> {
    db.fetch_all(sql(
        "SELECT id, ente_id FROM newsletter_issue WHERE state = 'sending' ORDER BY id",
    ))
    .await
}

/// Tells the desks of these issues' enti, on every node, that their figures moved.
pub async fn announce(
    db: &Db,
    issues: &[(i64, EnteId)],
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    if issues.is_empty() {
        return Ok(());
    }
    let mut tx = db.begin().await?;
    for (issue, ente) in issues {
        let topic = crate::live::Topic::Newsletter(*ente);
        crate::live::repo::publish(
            &mut tx,
            topic,
            crate::live::model::kind::PROGRESS,
            *issue,
            now,
        )
        .await?;
    }
    tx.commit().await
}

/// Someone left a list: the mails of its issues not sent to them yet never go.
pub async fn drop_pending(tx: &mut Tx, subscriber: i64, list: i64) -> Result<(), DbError> {
    tx.execute(
        sql(
            "UPDATE newsletter_delivery SET status = 'left', lease_until = NULL
              WHERE subscriber_id = $1 AND status = 'pending'
                AND issue_id IN (SELECT id FROM newsletter_issue WHERE list_id = $2)",
        )
        .bind(subscriber)
        .bind(list),
    )
    .await?;
    Ok(())
}

/// A test send of an issue to one operator (no subscriber, not in the statistics).
pub async fn queue_test(
    tx: &mut Tx,
    issue: i64,
    email: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO newsletter_delivery (issue_id, subscriber_id, email, status, next_attempt_at)
             VALUES ($1, NULL, $2, 'pending', $3)")
        .bind(issue)
        .bind(email)
        .bind(now),
    )
    .await?;
    Ok(())
}

/// What became of an issue's mails, and who left its list since it started.
pub async fn stats(
    db: &Db,
    issue: i64,
    list: i64,
    started: Option<DateTime<Utc>>,
) -> Result<IssueStats, DbError> {
    let rows: Vec<(String, i64)> = db
        .fetch_all(
            sql("SELECT status, COUNT(*) FROM newsletter_delivery
                  WHERE issue_id = $1 AND subscriber_id IS NOT NULL GROUP BY status")
            .bind(issue),
        )
        .await?;
    let count = |s: &str| {
        rows.iter()
            .filter(|(k, _)| k == s)
            .map(|(_, n)| *n)
            .sum::<i64>()
    };
    let unsubscribed = match started {
        None => 0,
        Some(since) => {
            db.fetch_one::<(i64,)>(
                sql(
                    "SELECT COUNT(DISTINCT subscriber_id) FROM newsletter_consent
                      WHERE list_id = $1 AND action = 'left' AND at >= $2",
                )
                .bind(list)
                .bind(since),
            )
            .await?
            .0
        }
    };
    Ok(IssueStats {
        queued: rows.iter().map(|(_, n)| n).sum(),
        sent: count("sent"),
        failed: count("failed"),
        suppressed: count("suppressed") + count("left"),
        unsubscribed,
    })
}

#[cfg(test)]
mod tests {
    use super::backoff;
    use chrono::Duration;

    #[test]
    fn backoff_doubles_up_to_two_hours() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::seconds(60));
        assert_eq!(backoff(4), Duration::seconds(240));
        assert_eq!(backoff(30), Duration::hours(2));
    }
}
