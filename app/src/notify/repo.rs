//! Reading and writing notifications (server only).

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::AccountId;
use crate::live::{self, Topic};
use chrono::{DateTime, Utc};

/// A new notification for `account_id`, in the caller's transaction.
pub async fn add(
    tx: &mut Tx,
    account_id: AccountId,
    kind: &str,
    title: &str,
    url: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO notification (account_id, kind, title, url, created_at) VALUES ($1, $2, $3, $4, $5)
                 RETURNING id")
            .bind(account_id)
            .bind(kind)
            .bind(title)
            .bind(url)
            .bind(now),
        )
        .await?;
    // The bell of every page they have open, on every node.
    live::repo::publish(
        tx,
        Topic::Account(account_id),
        live::model::kind::NOTIFICATION,
        id,
        now,
    )
    .await
}

pub async fn unread(db: &Db, account_id: AccountId) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM notification WHERE account_id = $1 AND read_at IS NULL")
                .bind(account_id),
        )
        .await?;
    Ok(n)
}

pub async fn total(db: &Db, account_id: AccountId) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM notification WHERE account_id = $1").bind(account_id))
        .await?;
    Ok(n)
}

/// A page of someone's notifications, newest first: (id, title, url, created, read).
pub async fn page(
    db: &Db,
    account_id: AccountId,
    limit: i64,
    offset: i64,
) -> Result<Vec<(i64, String, String, DateTime<Utc>, Option<DateTime<Utc>>)>, DbError> {
    db.fetch_all(
        sql(
            "SELECT id, title, url, created_at, read_at FROM notification WHERE account_id = $1
              ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3",
        )
        .bind(account_id)
        .bind(limit)
        .bind(offset),
    )
    .await
}

pub async fn mark_all_read(
    tx: &mut Tx,
    account_id: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE notification SET read_at = $1 WHERE account_id = $2 AND read_at IS NULL")
            .bind(now)
            .bind(account_id),
    )
    .await?;
    // Their other tabs' bells go quiet too.
    live::repo::publish(
        tx,
        Topic::Account(account_id),
        live::model::kind::READ,
        account_id,
        now,
    )
    .await
}
