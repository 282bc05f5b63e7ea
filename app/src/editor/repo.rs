//! The editor's tables (server only): `site_entry`, its versions, and the ente's
//! choice of a second person (`ente.site_review`).

use super::model::{EntryKind, EntryState};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct EntryRow {
    pub id: i64,
    pub ente_id: EnteId,
    pub kind: String,
    pub slug: String,
    pub title: String,
    pub fields: String,
    pub state: String,
    pub live_id: Option<i64>,
    pub image_id: Option<i64>,
    pub image_alt: String,
    pub publish_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub changed_by: Option<AccountId>,
    pub submitted_by: Option<AccountId>,
    pub approved_by: Option<AccountId>,
    pub version: i64,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

impl EntryRow {
    pub fn kind(&self) -> EntryKind {
        EntryKind::from_code(&self.kind).unwrap_or(EntryKind::News)
    }

    pub fn state(&self) -> EntryState {
        EntryState::from_code(&self.state).unwrap_or(EntryState::Draft)
    }

    /// The form's values as last saved.
    pub fn values(&self) -> BTreeMap<String, String> {
        serde_json::from_str(&self.fields).unwrap_or_default()
    }
}

macro_rules! columns {
    () => {
        "id, ente_id, kind, slug, title, fields, state, live_id, image_id, image_alt, publish_at,
         expires_at, changed_by, submitted_by, approved_by, version, published_at, updated_at"
    };
}

pub async fn entry(db: &Db, ente: EnteId, id: i64) -> Result<Option<EntryRow>, DbError> {
    db.fetch_optional(
        sql(concat!(
            "SELECT ",
            columns!(),
            " FROM site_entry WHERE ente_id = $1 AND id = $2"
        ))
        .bind(ente)
        .bind(id),
    )
    .await
}

/// The entry, read again inside a transaction (the steps decide on what it holds).
pub async fn entry_in(tx: &mut Tx, id: i64) -> Result<Option<EntryRow>, DbError> {
    tx.fetch_optional(
        sql(concat!(
            "SELECT ",
            columns!(),
            " FROM site_entry WHERE id = $1"
        ))
        .bind(id),
    )
    .await
}

/// The entry by its id alone (the publisher, which looks at every ente).
pub async fn entry_in_db(db: &Db, id: i64) -> Result<Option<EntryRow>, DbError> {
    db.fetch_optional(
        sql(concat!(
            "SELECT ",
            columns!(),
            " FROM site_entry WHERE id = $1"
        ))
        .bind(id),
    )
    .await
}

/// A line of a list: the entry and the name of who changed it last.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ListRow {
    pub id: i64,
    pub kind: String,
    pub title: String,
    pub state: String,
    pub publish_at: Option<DateTime<Utc>>,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub changed_by: Option<String>,
}

macro_rules! list {
    ($where:literal) => {
        concat!(
            "SELECT s.id, s.kind, s.title, s.state, s.publish_at, s.published_at, s.updated_at,
                    a.display_name AS changed_by
               FROM site_entry s LEFT JOIN account a ON a.id = s.changed_by ",
            $where
        )
    };
}

/// The entries of one kind, last changed first.
pub async fn list(
    db: &Db,
    ente: EnteId,
    kind: EntryKind,
    limit: i64,
) -> Result<Vec<ListRow>, DbError> {
    db.fetch_all(
        sql(list!(
            "WHERE s.ente_id = $1 AND s.kind = $2 ORDER BY s.updated_at DESC, s.id DESC LIMIT $3"
        ))
        .bind(ente)
        .bind(kind.code())
        .bind(limit),
    )
    .await
}

/// The entries waiting for approval, of every kind, oldest first.
pub async fn waiting(db: &Db, ente: EnteId) -> Result<Vec<ListRow>, DbError> {
    db.fetch_all(
        sql(list!(
            "WHERE s.ente_id = $1 AND s.state = 'review' ORDER BY s.updated_at, s.id LIMIT 100"
        ))
        .bind(ente),
    )
    .await
}

pub async fn counts(db: &Db, ente: EnteId) -> Result<Vec<(String, i64)>, DbError> {
    db.fetch_all(
        sql("SELECT kind, COUNT(*) FROM site_entry WHERE ente_id = $1 GROUP BY kind").bind(ente),
    )
    .await
}

/// What the site shows of a kind that no entry holds yet (at most `limit`, newest
/// first): its slug and title.
pub async fn unheld(
    db: &Db,
    ente: EnteId,
    kind: EntryKind,
    limit: i64,
) -> Result<Vec<(String, String)>, DbError> {
    let (table, title, order) = live_table(kind);
    db.fetch_all(
        // The identifiers are `live_table`'s constants; the values are bound.
        crate::db::Sql::checked_identifiers(format!(
            "SELECT l.slug, l.{title} FROM {table} l
              WHERE l.ente_id = $1 AND NOT EXISTS (
                    SELECT 1 FROM site_entry s WHERE s.ente_id = l.ente_id AND s.kind = $2 AND s.live_id = l.id)
              ORDER BY l.{order} DESC, l.id DESC LIMIT $3"
        ))
        .bind(ente)
        .bind(kind.code())
        .bind(limit),
    )
    .await
}

/// The live table of a kind, the column of its title, the column it is listed by.
pub fn live_table(kind: EntryKind) -> (&'static str, &'static str, &'static str) {
    match kind {
        EntryKind::News => ("news", "title", "published_at"),
        EntryKind::Event => ("event", "title", "starts_at"),
        EntryKind::Place => ("place", "name", "updated_at"),
        EntryKind::Service => ("service", "title", "updated_at"),
        EntryKind::Unit => ("org_unit", "name", "updated_at"),
        EntryKind::Person => ("person", "name", "updated_at"),
        EntryKind::Page => ("site_page", "title", "updated_at"),
    }
}

/// Whether the slug is taken for the kind: by an entry, or by what the site shows.
pub async fn slug_taken(
    db: &Db,
    ente: EnteId,
    kind: EntryKind,
    slug: &str,
) -> Result<bool, DbError> {
    let (table, _, _) = live_table(kind);
    let (n,): (i64,) = db
        .fetch_one(
            crate::db::Sql::checked_identifiers(format!(
                "SELECT (SELECT COUNT(*) FROM site_entry WHERE ente_id = $1 AND kind = $2 AND slug = $3)
                      + (SELECT COUNT(*) FROM {table} WHERE ente_id = $1 AND slug = $3)"
            ))
            .bind(ente)
            .bind(kind.code())
            .bind(slug),
        )
        .await?;
    Ok(n > 0)
}

/// A new entry (a draft), as the editor saved it or as the site showed it.
pub struct NewEntry<'a> {
    pub ente: EnteId,
    pub kind: EntryKind,
    pub slug: &'a str,
    pub title: &'a str,
    pub fields: &'a str,
    pub state: EntryState,
    pub live_id: Option<i64>,
    pub publish_at: Option<DateTime<Utc>>,
    pub expires_at: Option<DateTime<Utc>>,
    pub by: AccountId,
}

pub async fn insert(tx: &mut Tx, e: &NewEntry<'_>, now: DateTime<Utc>) -> Result<i64, DbError> {
    let published = (e.state == EntryState::Published).then_some(now);
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO site_entry (ente_id, kind, slug, title, fields, state, live_id, publish_at,
                                         expires_at, changed_by, version, published_at, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $12) RETURNING id")
            .bind(e.ente)
            .bind(e.kind.code())
            .bind(e.slug)
            .bind(e.title)
            .bind(e.fields)
            .bind(e.state.code())
            .bind(e.live_id)
            .bind(e.publish_at)
            .bind(e.expires_at)
            .bind(e.by)
            .bind(published)
            .bind(now),
        )
        .await?;
    Ok(id)
}

/// Saves the form into the entry, which becomes a draft again; its new version.
#[allow(clippy::too_many_arguments)]
pub async fn update(
    tx: &mut Tx,
    id: i64,
    title: &str,
    fields: &str,
    publish_at: Option<DateTime<Utc>>,
    expires_at: Option<DateTime<Utc>>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (version,): (i64,) = tx
        .fetch_one(
            sql(
                "UPDATE site_entry SET title = $2, fields = $3, publish_at = $4, expires_at = $5,
                        changed_by = $6, state = 'draft', submitted_by = NULL, approved_by = NULL,
                        version = version + 1, updated_at = $7
                  WHERE id = $1 RETURNING version",
            )
            .bind(id)
            .bind(title)
            .bind(fields)
            .bind(publish_at)
            .bind(expires_at)
            .bind(by)
            .bind(now),
        )
        .await?;
    Ok(version)
}

/// Moves the entry's `version` from `from` to `to` (false when it was no longer that
/// version at `from`), noting who submitted or approved it.
pub async fn set_state(
    tx: &mut Tx,
    id: i64,
    (version, from): (i64, EntryState),
    to: EntryState,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("UPDATE site_entry SET state = $3,
                        submitted_by = CASE WHEN $3 = 'review' THEN $4 ELSE submitted_by END,
                        approved_by = CASE WHEN $3 = 'approved' THEN $4 ELSE approved_by END,
                        version = version + 1, updated_at = $5
                  WHERE id = $1 AND state = $2 AND version = $6")
            .bind(id)
            .bind(from.code())
            .bind(to.code())
            .bind(by)
            .bind(now)
            .bind(version),
        )
        .await?;
    Ok(n == 1)
}

/// Takes an approved entry to publish it (false when it was no longer approved:
/// another node or request took it first).
pub async fn claim(
    tx: &mut Tx,
    id: i64,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("UPDATE site_entry SET state = 'published', published_at = COALESCE(published_at, $3),
                        version = version + 1, updated_at = $2
                  WHERE id = $1 AND state = 'approved'")
            .bind(id)
            .bind(now)
            .bind(at),
        )
        .await?;
    Ok(n == 1)
}

/// The live row the entry now is.
pub async fn set_live(tx: &mut Tx, id: i64, live_id: i64) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE site_entry SET live_id = $2 WHERE id = $1")
            .bind(id)
            .bind(live_id),
    )
    .await?;
    Ok(())
}

/// The entry is off the site (withdrawn or expired): its live row is gone.
pub async fn mark_off(
    tx: &mut Tx,
    id: i64,
    to: EntryState,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE site_entry SET state = $2, live_id = NULL, version = version + 1, updated_at = $3
              WHERE id = $1")
        .bind(id)
        .bind(to.code())
        .bind(now),
    )
    .await?;
    Ok(())
}

/// Keeps the entry as it now is as its version `number`, with who and why.
#[allow(clippy::too_many_arguments)]
pub async fn add_version(
    tx: &mut Tx,
    id: i64,
    number: i64,
    title: &str,
    fields: &str,
    state: EntryState,
    by: Option<AccountId>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO site_entry_version (entry_id, number, title, fields, state, account_id, note, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)")
        .bind(id)
        .bind(number)
        .bind(title)
        .bind(fields)
        .bind(state.code())
        .bind(by)
        .bind(note)
        .bind(now),
    )
    .await?;
    Ok(())
}

/// The versions of an entry, newest first: (number, state, who, when, note).
#[allow(clippy::type_complexity)]
pub async fn versions(
    db: &Db,
    id: i64,
) -> Result<Vec<(i64, String, Option<String>, DateTime<Utc>, String)>, DbError> {
    db.fetch_all(
        sql(
            "SELECT v.number, v.state, a.display_name, v.created_at, v.note
               FROM site_entry_version v LEFT JOIN account a ON a.id = v.account_id
              WHERE v.entry_id = $1 ORDER BY v.number DESC LIMIT 200",
        )
        .bind(id),
    )
    .await
}

/// Approved entries whose time has come, and published ones past their expiry.
pub async fn due(db: &Db, now: DateTime<Utc>) -> Result<(Vec<i64>, Vec<i64>), DbError> {
    let publish: Vec<(i64,)> = db
        .fetch_all(
            sql("SELECT id FROM site_entry WHERE state = 'approved' AND (publish_at IS NULL OR publish_at <= $1)
                  ORDER BY id LIMIT 500")
            .bind(now),
        )
        .await?;
    let expire: Vec<(i64,)> = db
        .fetch_all(
            sql("SELECT id FROM site_entry WHERE state = 'published' AND expires_at <= $1 ORDER BY id LIMIT 500")
                .bind(now),
        )
        .await?;
    Ok((
        publish.into_iter().map(|(i,)| i).collect(),
        expire.into_iter().map(|(i,)| i).collect(),
    ))
}

pub async fn review(db: &Db, ente: EnteId) -> Result<bool, DbError> {
    let (on,): (bool,) = db
        .fetch_one(sql("SELECT site_review FROM ente WHERE id = $1").bind(ente))
        .await?;
    Ok(on)
}

pub async fn set_review(tx: &mut Tx, ente: EnteId, on: bool) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE ente SET site_review = $2 WHERE id = $1")
            .bind(ente)
            .bind(on),
    )
    .await?;
    Ok(())
}

/// The entry that holds a live row, if any.
pub async fn holding(
    db: &Db,
    ente: EnteId,
    kind: EntryKind,
    live_id: i64,
) -> Result<Option<i64>, DbError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql("SELECT id FROM site_entry WHERE ente_id = $1 AND kind = $2 AND live_id = $3")
                .bind(ente)
                .bind(kind.code())
                .bind(live_id),
        )
        .await?;
    Ok(row.map(|(i,)| i))
}
