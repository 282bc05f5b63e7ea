//! The newsletters' lists, subscribers, subscriptions, consent history and
//! confirmation links (server only). Deliveries and issues are `delivery.rs` and
//! `issue_repo.rs`.

use super::model::NewsletterList;
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use chrono::{DateTime, Utc};

/// The ente's lists, the general one first (`subscribers` left at 0: counting them
/// reads every subscription, which only the desk needs: `lists_counted`).
pub async fn lists(db: &Db, ente: EnteId) -> Result<Vec<NewsletterList>, DbError> {
    db.fetch_all(
        sql(
            "SELECT id, name, description, is_general, CAST(0 AS BIGINT) AS subscribers
               FROM newsletter_list WHERE ente_id = $1
              ORDER BY is_general DESC, name, id",
        )
        .bind(ente),
    )
    .await
}

/// The ente's lists with how many receive each (confirmed, not suppressed).
pub async fn lists_counted(db: &Db, ente: EnteId) -> Result<Vec<NewsletterList>, DbError> {
    db.fetch_all(
        sql("SELECT l.id, l.name, l.description, l.is_general,
                    (SELECT COUNT(*) FROM newsletter_subscription s
                       JOIN newsletter_subscriber p ON p.id = s.subscriber_id
                      WHERE s.list_id = l.id AND s.state = 'active' AND p.status = 'active') AS subscribers
               FROM newsletter_list l WHERE l.ente_id = $1
              ORDER BY l.is_general DESC, l.name, l.id")
        .bind(ente),
    )
    .await
}

/// A new list; None when the ente has one of that name already.
pub async fn add_list(
    tx: &mut Tx,
    ente: EnteId,
    name: &str,
    description: &str,
    general: bool,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    tx.fetch_optional::<(i64,)>(
        sql(
            "INSERT INTO newsletter_list (ente_id, name, description, is_general, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (ente_id, name) DO NOTHING RETURNING id",
        )
        .bind(ente)
        .bind(name)
        .bind(description)
        .bind(general)
        .bind(now),
    )
    .await
    .map(|row| row.map(|(id,)| id))
}

/// The subscriber with this address in the ente, made if new; its id.
pub async fn subscriber(
    tx: &mut Tx,
    ente: EnteId,
    email: &str,
    lang: &str,
    account: Option<AccountId>,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO newsletter_subscriber (ente_id, email, email_key, lang, account_id, created_at)
                 VALUES ($1, $2, $2, $3, $4, $5)
                 ON CONFLICT (ente_id, email_key)
                 DO UPDATE SET account_id = COALESCE(newsletter_subscriber.account_id, excluded.account_id)
                 RETURNING id")
            .bind(ente)
            .bind(email)
            .bind(lang)
            .bind(account)
            .bind(now),
        )
        .await?;
    Ok(id)
}

/// A subscriber as the links see it: (ente, address, language).
pub async fn subscriber_by_id(
    db: &Db,
    id: i64,
) -> Result<Option<(EnteId, String, String)>, DbError> {
    db.fetch_optional(
        sql("SELECT ente_id, email, lang FROM newsletter_subscriber WHERE id = $1").bind(id),
    )
    .await
}

/// The lists a subscriber is confirmed on.
pub async fn active_lists(db: &Db, subscriber: i64) -> Result<Vec<i64>, DbError> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            sql("SELECT list_id FROM newsletter_subscription
                  WHERE subscriber_id = $1 AND state = 'active' ORDER BY list_id")
            .bind(subscriber),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Sets a subscriber's state on a list; whether it changed.
pub async fn set_state(
    tx: &mut Tx,
    subscriber: i64,
    list: i64,
    state: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let changed = tx
        .execute(
            sql(
                "INSERT INTO newsletter_subscription (subscriber_id, list_id, state, updated_at)
                 VALUES ($1, $2, $3, $4)
                 ON CONFLICT (subscriber_id, list_id)
                 DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                 WHERE newsletter_subscription.state <> excluded.state",
            )
            .bind(subscriber)
            .bind(list)
            .bind(state)
            .bind(now),
        )
        .await?;
    Ok(changed > 0)
}

/// One step of someone's consent, kept for good.
pub struct Consent<'a> {
    pub subscriber: i64,
    pub list: i64,
    /// requested, confirmed, imported, left
    pub action: &'a str,
    /// form, account, import, preferences, link, one-click, bounce
    pub source: &'a str,
    /// The consent text agreed to and its version (empty when leaving).
    pub notice_version: &'a str,
    pub notice_text: &'a str,
    pub address: &'a str,
    pub user_agent: &'a str,
}

pub async fn record(tx: &mut Tx, c: &Consent<'_>, at: DateTime<Utc>) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO newsletter_consent
               (subscriber_id, list_id, action, source, notice_version, notice_text, address, user_agent, at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(c.subscriber)
        .bind(c.list)
        .bind(c.action)
        .bind(c.source)
        .bind(c.notice_version)
        .bind(c.notice_text)
        .bind(c.address)
        .bind(c.user_agent.chars().take(300).collect::<String>())
        .bind(at),
    )
    .await?;
    Ok(())
}

/// A confirmation link: its token's digest, the subscriber and the lists asked for.
pub async fn add_confirm(
    tx: &mut Tx,
    digest: &str,
    subscriber: i64,
    lists: &[i64],
    expires: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let lists = lists
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",");
    tx.execute(
        sql("INSERT INTO newsletter_confirm (token_hash, subscriber_id, list_ids, expires_at, created_at)
             VALUES ($1, $2, $3, $4, $5)")
        .bind(digest)
        .bind(subscriber)
        .bind(lists)
        .bind(expires)
        .bind(now),
    )
    .await?;
    Ok(())
}

/// What a confirmation link holds.
#[derive(sqlx::FromRow)]
pub struct Confirm {
    pub subscriber_id: i64,
    pub list_ids: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl Confirm {
    pub fn lists(&self) -> Vec<i64> {
        self.list_ids
            .split(',')
            .filter_map(|id| id.parse().ok())
            .collect()
    }
}

/// A confirmation link, read (nothing is written: the caller checks it first).
pub async fn confirm_link(db: &Db, digest: &str) -> Result<Option<Confirm>, DbError> {
    db.fetch_optional(
        sql("SELECT subscriber_id, list_ids, expires_at, used_at, created_at FROM newsletter_confirm
              WHERE token_hash = $1")
        .bind(digest),
    )
    .await
}

/// Marks a link used in the caller's transaction; false when it was already (by a
/// request at the same moment) or has expired.
pub async fn use_confirm(tx: &mut Tx, digest: &str, now: DateTime<Utc>) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("UPDATE newsletter_confirm SET used_at = $1
                  WHERE token_hash = $2 AND used_at IS NULL AND expires_at > $1")
            .bind(now)
            .bind(digest),
        )
        .await?;
    Ok(n > 0)
}

/// The lists a subscriber left after `since` (an older confirmation link does not
/// bring them back).
pub async fn left_since(
    db: &Db,
    subscriber: i64,
    since: DateTime<Utc>,
) -> Result<Vec<i64>, DbError> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            sql("SELECT list_id FROM newsletter_subscription
                  WHERE subscriber_id = $1 AND state = 'left' AND updated_at > $2")
            .bind(subscriber)
            .bind(since),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The lists a subscriber ever confirmed (by a mailed link or an import): only those
/// may be taken back from the preferences page without a new confirmation.
pub async fn ever_confirmed(db: &Db, subscriber: i64) -> Result<Vec<i64>, DbError> {
    let rows: Vec<(i64,)> = db
        .fetch_all(
            sql("SELECT DISTINCT list_id FROM newsletter_consent
                  WHERE subscriber_id = $1 AND action IN ('confirmed', 'imported')")
            .bind(subscriber),
        )
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Links older than their expiry by a month go (the consent rows stay), and so do
/// addresses asked for and never confirmed, with what was kept of the request.
pub async fn purge_confirms(db: &Db, now: DateTime<Utc>) -> Result<u64, DbError> {
    let month = now - chrono::Duration::days(30);
    let links = db
        .execute(sql("DELETE FROM newsletter_confirm WHERE expires_at < $1").bind(month))
        .await?;
    let never = db
        .execute(
            sql("DELETE FROM newsletter_subscriber
                  WHERE created_at < $1
                    AND NOT EXISTS (SELECT 1 FROM newsletter_subscription s WHERE s.subscriber_id = newsletter_subscriber.id)
                    AND NOT EXISTS (SELECT 1 FROM newsletter_confirm c WHERE c.subscriber_id = newsletter_subscriber.id)")
            .bind(month),
        )
        .await?;
    Ok(links + never)
}

/// How many lists the ente has, seen from inside a transaction.
pub async fn list_count_in(tx: &mut Tx, ente: EnteId) -> Result<i64, DbError> {
    let (n,): (i64,) = tx
        .fetch_one(sql("SELECT COUNT(*) FROM newsletter_list WHERE ente_id = $1").bind(ente))
        .await?;
    Ok(n)
}

/// What the newsletters keep about an address (the GDPR export of its account):
/// per ente and list, the state now and every consent step, oldest first.
pub async fn of_address(
    db: &Db,
    email: &str,
) -> Result<
    Vec<(
        String,
        String,
        String,
        String,
        String,
        String,
        DateTime<Utc>,
    )>,
    DbError,
> {
    db.fetch_all(
        sql(
            "SELECT e.name, l.name, COALESCE(s.state, ''), c.action, c.source, c.address, c.at
               FROM newsletter_consent c
               JOIN newsletter_subscriber p ON p.id = c.subscriber_id
               JOIN newsletter_list l ON l.id = c.list_id
               JOIN ente e ON e.id = p.ente_id
               LEFT JOIN newsletter_subscription s ON s.subscriber_id = p.id AND s.list_id = l.id
              WHERE p.email_key = $1 ORDER BY c.id",
        )
        .bind(email.to_lowercase()),
    )
    .await
}

/// The subscribers that are this address, in every ente: (id, ente, its name, its slug).
pub async fn subscribers_of(
    db: &Db,
    email: &str,
) -> Result<Vec<(i64, EnteId, String, String)>, DbError> {
    db.fetch_all(
        sql(
            "SELECT p.id, e.id, e.name, e.slug FROM newsletter_subscriber p
               JOIN ente e ON e.id = p.ente_id
              WHERE p.email_key = $1 ORDER BY e.name",
        )
        .bind(email.to_lowercase()),
    )
    .await
}
