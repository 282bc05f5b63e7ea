//! The press office's tables (server only): the journalists list, the links that
//! take someone off it, the releases mailed, and the office's contacts on `ente`.

use super::model::{Journalist, Mailing, PressContact};
use crate::db::{sql, Db, DbError, Sql, Tx};
use crate::ids::{AccountId, EnteId};
use chrono::{DateTime, Utc};

pub async fn journalists(db: &Db, ente: EnteId) -> Result<Vec<Journalist>, DbError> {
    db.fetch_all(
        sql(
            "SELECT id, name, outlet, beat, email, consent, created_at FROM journalist
              WHERE ente_id = $1 ORDER BY outlet, name, id",
        )
        .bind(ente),
    )
    .await
}

pub async fn count(db: &Db, ente: EnteId) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(sql("SELECT COUNT(*) FROM journalist WHERE ente_id = $1").bind(ente))
        .await?;
    Ok(n)
}

/// A new journalist to add.
pub struct NewJournalist<'a> {
    pub name: &'a str,
    pub outlet: &'a str,
    pub beat: &'a str,
    /// Already lower case.
    pub email: &'a str,
    pub consent: &'a str,
}

/// Adds a journalist; None when the address is on the list already.
pub async fn add(
    tx: &mut Tx,
    ente: EnteId,
    j: &NewJournalist<'_>,
    by: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    tx.fetch_optional::<(i64,)>(
        sql("INSERT INTO journalist (ente_id, name, outlet, beat, email, email_key, consent, added_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $5, $6, $7, $8)
             ON CONFLICT (ente_id, email_key) DO NOTHING RETURNING id")
        .bind(ente)
        .bind(j.name)
        .bind(j.outlet)
        .bind(j.beat)
        .bind(j.email)
        .bind(j.consent)
        .bind(by)
        .bind(now),
    )
    .await
    .map(|row| row.map(|(id,)| id))
}

/// Takes a journalist of this ente off the list: their email, or None if not there.
pub async fn remove(tx: &mut Tx, ente: EnteId, id: i64) -> Result<Option<String>, DbError> {
    tx.fetch_optional::<(String,)>(
        sql("DELETE FROM journalist WHERE id = $1 AND ente_id = $2 RETURNING email")
            .bind(id)
            .bind(ente),
    )
    .await
    .map(|row| row.map(|(email,)| email))
}

/// Keeps a link that takes `journalist` off the list (its token's digest).
pub async fn add_leave(
    tx: &mut Tx,
    journalist: i64,
    digest: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO journalist_leave (token_hash, journalist_id, created_at) VALUES ($1, $2, $3)")
            .bind(digest)
            .bind(journalist)
            .bind(now),
    )
    .await?;
    Ok(())
}

/// The journalist of this ente a link's digest names: (id, email).
pub async fn by_leave(
    tx: &mut Tx,
    ente: EnteId,
    digest: &str,
) -> Result<Option<(i64, String)>, DbError> {
    tx.fetch_optional(
        sql("SELECT j.id, j.email FROM journalist_leave l JOIN journalist j ON j.id = l.journalist_id
              WHERE l.token_hash = $1 AND j.ente_id = $2")
        .bind(digest)
        .bind(ente),
    )
    .await
}

/// Marks a release as mailed, once: false when it was already.
pub async fn claim_mailing(
    tx: &mut Tx,
    entry: i64,
    ente: EnteId,
    title: &str,
    embargo: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            sql("INSERT INTO press_mailing (entry_id, ente_id, title, embargo_until, recipients, sent_at)
                 VALUES ($1, $2, $3, $4, 0, $5)
                 ON CONFLICT (entry_id) DO NOTHING RETURNING entry_id")
            .bind(entry)
            .bind(ente)
            .bind(title)
            .bind(embargo)
            .bind(now),
        )
        .await?;
    Ok(row.is_some())
}

pub async fn set_recipients(tx: &mut Tx, entry: i64, recipients: i64) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE press_mailing SET recipients = $1 WHERE entry_id = $2")
            .bind(recipients)
            .bind(entry),
    )
    .await?;
    Ok(())
}

/// The journalists a release goes to: (id, name, email).
pub async fn recipients(tx: &mut Tx, ente: EnteId) -> Result<Vec<(i64, String, String)>, DbError> {
    tx.fetch_all(
        sql("SELECT id, name, email FROM journalist WHERE ente_id = $1 ORDER BY id").bind(ente),
    )
    .await
}

/// The releases mailed, newest first.
pub async fn mailings(db: &Db, ente: EnteId, limit: i64) -> Result<Vec<Mailing>, DbError> {
    db.fetch_all(
        sql(
            "SELECT title, embargo_until, recipients, sent_at FROM press_mailing
              WHERE ente_id = $1 ORDER BY sent_at DESC, entry_id DESC LIMIT $2",
        )
        .bind(ente)
        .bind(limit),
    )
    .await
}

fn contact_query(ente: EnteId) -> Sql {
    sql("SELECT press_contact, press_email, press_phone FROM ente WHERE id = $1").bind(ente)
}

pub async fn contact(db: &Db, ente: EnteId) -> Result<PressContact, DbError> {
    db.fetch_one(contact_query(ente)).await
}

/// [`contact`], inside a transaction.
pub async fn contact_in(tx: &mut Tx, ente: EnteId) -> Result<PressContact, DbError> {
    tx.fetch_one(contact_query(ente)).await
}

pub async fn set_contact(tx: &mut Tx, ente: EnteId, c: &PressContact) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE ente SET press_contact = $1, press_email = $2, press_phone = $3 WHERE id = $4")
            .bind(c.press_contact.as_str())
            .bind(c.press_email.as_str())
            .bind(c.press_phone.as_str())
            .bind(ente),
    )
    .await?;
    Ok(())
}
