//! Reading and writing communities (server only).

use super::model::{CommunityPerson, CommunityRef, Visibility};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, CommunityId, EnteId};
use crate::upload::model::FileView;
use chrono::{DateTime, Utc};

/// A community to create.
pub struct NewCommunity<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    pub ente_id: Option<EnteId>,
    pub visibility: Visibility,
}

/// Creates the community unless its slug exists; returns its id.
pub async fn ensure(
    tx: &mut Tx,
    c: &NewCommunity<'_>,
    now: DateTime<Utc>,
) -> Result<CommunityId, DbError> {
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
    let (id,): (CommunityId,) = tx
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

pub async fn by_id(db: &Db, id: CommunityId) -> Result<Option<CommunityRef>, DbError> {
    db.fetch_optional(
        sql("SELECT id, slug, name, description, ente_id FROM community WHERE id = $1").bind(id),
    )
    .await
}

/// The communities an account belongs to (as member or tutor), by name.
pub async fn of_account(db: &Db, account_id: AccountId) -> Result<Vec<CommunityRef>, DbError> {
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

/// A new community, created by `by`; its id, or None when the slug is taken.
pub async fn create(
    tx: &mut Tx,
    c: &NewCommunity<'_>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<Option<CommunityId>, DbError> {
    let row: Option<(CommunityId,)> = tx
        .fetch_optional(
            sql("INSERT INTO community (slug, name, description, ente_id, visibility, created_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $7) ON CONFLICT (slug) DO NOTHING RETURNING id")
            .bind(c.slug)
            .bind(c.name)
            .bind(c.description)
            .bind(c.ente_id)
            .bind(c.visibility.code())
            .bind(by)
            .bind(now),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// A community with what the directory shows of it, for one reader.
#[derive(sqlx::FromRow)]
pub struct CardRow {
    pub id: CommunityId,
    pub slug: String,
    pub name: String,
    pub description: String,
    pub visibility: String,
    pub ente: Option<String>,
    pub members: i64,
    pub mine: bool,
    pub requested: bool,
    pub cover_token: Option<String>,
    pub cover_name: Option<String>,
    pub cover_mime: Option<String>,
    pub cover_size: Option<i64>,
}

impl CardRow {
    pub fn cover(&self) -> Option<FileView> {
        Some(FileView {
            token: self.cover_token.clone()?,
            name: self.cover_name.clone()?,
            mime: self.cover_mime.clone()?,
            size: self.cover_size?,
            label: String::new(),
        })
    }
}

/// Every community, by name, with the reader's relation to it.
pub async fn cards(db: &Db, reader: AccountId) -> Result<Vec<CardRow>, DbError> {
    db.fetch_all(
        sql("SELECT c.id, c.slug, c.name, c.description, c.visibility, e.name AS ente,
                    (SELECT COUNT(DISTINCT g.account_id) FROM role_grant g WHERE g.community_id = c.id) AS members,
                    EXISTS (SELECT 1 FROM role_grant g WHERE g.community_id = c.id AND g.account_id = $1) AS mine,
                    EXISTS (SELECT 1 FROM community_request r
                             WHERE r.community_id = c.id AND r.account_id = $1 AND r.state = 'pending') AS requested,
                    u.token AS cover_token, u.name AS cover_name, u.mime AS cover_mime, u.size AS cover_size
               FROM community c
               LEFT JOIN ente e ON e.id = c.ente_id
               LEFT JOIN upload u ON u.id = c.cover_upload_id
              ORDER BY c.name")
        .bind(reader),
    )
    .await
}

/// How many open flags hide a post in this community.
pub async fn flag_threshold(db: &Db, id: CommunityId) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(sql("SELECT flag_threshold FROM community WHERE id = $1").bind(id))
        .await?;
    Ok(n)
}

/// How many of a new member's posts tutors approve first (0: none).
pub async fn approve_first_posts(db: &Db, id: CommunityId) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(sql("SELECT approve_first_posts FROM community WHERE id = $1").bind(id))
        .await?;
    Ok(n)
}

pub async fn visibility(db: &Db, id: CommunityId) -> Result<Visibility, DbError> {
    let (code,): (String,) = db
        .fetch_one(sql("SELECT visibility FROM community WHERE id = $1").bind(id))
        .await?;
    Ok(Visibility::from_code(&code).unwrap_or(Visibility::Invitation))
}

/// The cover image, if one was uploaded.
pub async fn cover(db: &Db, id: CommunityId) -> Result<Option<FileView>, DbError> {
    let row: Option<(String, String, String, i64, String)> = db
        .fetch_optional(
            sql(
                "SELECT u.token, u.name, u.mime, u.size, c.name FROM community c
                   JOIN upload u ON u.id = c.cover_upload_id WHERE c.id = $1",
            )
            .bind(id),
        )
        .await?;
    Ok(row.map(|(token, name, mime, size, label)| FileView {
        token,
        name,
        mime,
        size,
        label,
    }))
}

/// Whether an upload is the cover of some community (readable by every member).
pub async fn cover_of(db: &Db, upload_id: i64) -> Result<Option<CommunityRef>, DbError> {
    db.fetch_optional(
        sql(
            "SELECT id, slug, name, description, ente_id FROM community WHERE cover_upload_id = $1",
        )
        .bind(upload_id),
    )
    .await
}

pub async fn update(
    tx: &mut Tx,
    id: CommunityId,
    description: &str,
    visibility: Visibility,
    (flag_threshold, approve_first_posts): (i64, i64),
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE community SET description = $1, visibility = $2, updated_at = $3, flag_threshold = $5,
                    approve_first_posts = $6
              WHERE id = $4")
            .bind(description)
            .bind(visibility.code())
            .bind(now)
            .bind(id)
            .bind(flag_threshold)
            .bind(approve_first_posts),
    )
    .await?;
    Ok(())
}

pub async fn set_cover(
    tx: &mut Tx,
    id: CommunityId,
    upload_id: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE community SET cover_upload_id = $1, updated_at = $2 WHERE id = $3")
            .bind(upload_id)
            .bind(now)
            .bind(id),
    )
    .await?;
    Ok(())
}

/// A member of a community with their profile; one row per person (tutor wins).
#[derive(sqlx::FromRow)]
pub struct MemberRow {
    pub account_id: AccountId,
    pub display_name: String,
    pub job_title: String,
    pub skills: String,
    pub ente: Option<String>,
    pub tutor: bool,
    pub since: DateTime<Utc>,
}

/// The ente someone works for: the first ente of their roles.
macro_rules! works_for {
    ($account:literal) => {
        concat!(
            "(SELECT e.name FROM role_grant w JOIN ente e ON e.id = w.ente_id
               WHERE w.account_id = ",
            $account,
            " ORDER BY w.id LIMIT 1)"
        )
    };
}

/// A member or tutor of a community, as the code that writes to them needs them.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Member {
    pub id: AccountId,
    pub display_name: String,
    pub language: String,
    pub tutor: bool,
}

/// The members and tutors of a community, by name.
pub async fn roster(db: &Db, community: CommunityId) -> Result<Vec<Member>, DbError> {
    db.fetch_all(
        sql("SELECT a.id, a.display_name, a.language,
                    EXISTS (SELECT 1 FROM role_grant g WHERE g.account_id = a.id AND g.community_id = $1
                               AND g.role = 'community_tutor') AS tutor
               FROM account a
              WHERE a.deleted_at IS NULL
                AND a.id IN (SELECT g.account_id FROM role_grant g WHERE g.community_id = $1)
              ORDER BY a.display_name, a.id")
        .bind(community),
    )
    .await
}

/// Everyone who holds a role in a community, tutors first, with their ente.
pub async fn people(db: &Db, community: CommunityId) -> Result<Vec<CommunityPerson>, DbError> {
    db.fetch_all(
        sql(concat!(
            "SELECT a.display_name AS name, g.role, ",
            works_for!("a.id"),
            " AS ente
               FROM role_grant g JOIN account a ON a.id = g.account_id
              WHERE g.community_id = $1 AND a.deleted_at IS NULL
              ORDER BY g.role DESC, a.display_name"
        ))
        .bind(community),
    )
    .await
}

pub async fn members(db: &Db, community: CommunityId) -> Result<Vec<MemberRow>, DbError> {
    db.fetch_all(
        sql(concat!(
            "SELECT a.id AS account_id, a.display_name, a.job_title, a.skills, ",
            works_for!("a.id"),
            " AS ente,
                    MAX(CASE WHEN g.role = 'community_tutor' THEN 1 ELSE 0 END) = 1 AS tutor,
                    MIN(g.created_at) AS since
               FROM role_grant g JOIN account a ON a.id = g.account_id
              WHERE g.community_id = $1 AND a.deleted_at IS NULL
              GROUP BY a.id, a.display_name, a.job_title, a.skills
              ORDER BY tutor DESC, a.display_name"
        ))
        .bind(community),
    )
    .await
}

/// Asks to join; false when a request is already pending.
pub async fn add_request(
    tx: &mut Tx,
    community: CommunityId,
    account: AccountId,
    message: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql(
                "INSERT INTO community_request (community_id, account_id, message, created_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(community)
            .bind(account)
            .bind(message)
            .bind(now),
        )
        .await?;
    Ok(n == 1)
}

#[derive(sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub account_id: AccountId,
    pub display_name: String,
    pub email: String,
    pub language: String,
    pub job_title: String,
    pub ente: Option<String>,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

/// Pending requests of a community, oldest first; or the one with `id`.
pub async fn pending_requests(
    db: &Db,
    community: CommunityId,
    id: Option<i64>,
) -> Result<Vec<RequestRow>, DbError> {
    db.fetch_all(
        sql(concat!(
            "SELECT r.id, r.account_id, a.display_name, a.email, a.language, a.job_title, ",
            works_for!("a.id"),
            " AS ente, r.message, r.created_at
               FROM community_request r JOIN account a ON a.id = r.account_id
              WHERE r.community_id = $1 AND r.state = 'pending' AND a.deleted_at IS NULL
                AND ($2 IS NULL OR r.id = $2)
              ORDER BY r.created_at, r.id"
        ))
        .bind(community)
        .bind(id),
    )
    .await
}

/// Closes a pending request; false when it was no longer pending.
pub async fn close_request(
    tx: &mut Tx,
    id: i64,
    approved: bool,
    reason: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("UPDATE community_request SET state = $1, reason = $2, decided_by = $3, decided_at = $4
                  WHERE id = $5 AND state = 'pending'")
            .bind(if approved { "approved" } else { "declined" })
            .bind(reason)
            .bind(by)
            .bind(now)
            .bind(id),
        )
        .await?;
    Ok(n == 1)
}

/// Whether a member may write on the community's blog (tutors always may).
pub async fn is_blog_author(
    db: &Db,
    community: CommunityId,
    account: AccountId,
) -> Result<bool, DbError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql("SELECT account_id FROM blog_author WHERE community_id = $1 AND account_id = $2")
                .bind(community)
                .bind(account),
        )
        .await?;
    Ok(row.is_some())
}

/// Lets a member write on the blog, or stops it.
pub async fn set_blog_author(
    tx: &mut Tx,
    community: CommunityId,
    account: AccountId,
    on: bool,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    if on {
        tx.execute(
            sql(
                "INSERT INTO blog_author (community_id, account_id, granted_by, created_at)
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(community)
            .bind(account)
            .bind(by)
            .bind(now),
        )
        .await?;
    } else {
        tx.execute(
            sql("DELETE FROM blog_author WHERE community_id = $1 AND account_id = $2")
                .bind(community)
                .bind(account),
        )
        .await?;
    }
    Ok(())
}

/// The members who may write on the community's blog.
pub async fn blog_authors(db: &Db, community: CommunityId) -> Result<Vec<AccountId>, DbError> {
    let rows: Vec<(AccountId,)> = db
        .fetch_all(
            sql("SELECT account_id FROM blog_author WHERE community_id = $1").bind(community),
        )
        .await?;
    Ok(rows.into_iter().map(|(a,)| a).collect())
}

/// A community's URL name.
pub async fn slug_of(db: &Db, id: CommunityId) -> Result<Option<String>, DbError> {
    let row: Option<(String,)> = db
        .fetch_optional(sql("SELECT slug FROM community WHERE id = $1").bind(id))
        .await?;
    Ok(row.map(|(s,)| s))
}

/// Every community, by name: (slug, name).
pub async fn names(db: &Db) -> Result<Vec<(String, String)>, DbError> {
    db.fetch_all(sql("SELECT slug, name FROM community ORDER BY name"))
        .await
}
