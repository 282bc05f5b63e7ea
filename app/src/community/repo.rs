//! Reading and writing communities (server only).

use super::model::{CommunityRef, Visibility};
use crate::db::{sql, Db, DbError, Tx};
use chrono::{DateTime, Utc};

/// A community to create.
pub struct NewCommunity<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub ente_id: Option<i64>,
    pub visibility: Visibility,
}

/// Creates the community unless its slug exists; returns its id.
pub async fn ensure(tx: &mut Tx, c: &NewCommunity<'_>, now: DateTime<Utc>) -> Result<i64, DbError> {
    tx.execute(
        sql("INSERT INTO community (slug, name, description, ente_id, visibility, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (slug) DO NOTHING")
        .bind(c.slug)
        .bind(c.name)
        .bind(c.description)
        .bind(c.ente_id)
        .bind(c.visibility.code())
        .bind(now),
    )
    .await?;
    let (id,): (i64,) = tx
        .fetch_one(sql("SELECT id FROM community WHERE slug = $1").bind(c.slug))
        .await?;
    Ok(id)
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<CommunityRef>, DbError> {
    db.fetch_optional(
        sql("SELECT id, slug, name, description, ente_id FROM community WHERE slug = $1")
            .bind(slug),
    )
    .await
}

/// The communities an account belongs to (as member or tutor), by name.
pub async fn of_account(db: &Db, account_id: i64) -> Result<Vec<CommunityRef>, DbError> {
    db.fetch_all(
        sql(
            "SELECT DISTINCT c.id, c.slug, c.name, c.description, c.ente_id
               FROM community c JOIN role_grant g ON g.community_id = c.id
              WHERE g.account_id = $1 ORDER BY c.name",
        )
        .bind(account_id),
    )
    .await
}
