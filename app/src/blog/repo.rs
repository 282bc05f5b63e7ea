//! Reading and writing the blog (server only).

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, CommunityId};
use crate::upload::model::FileView;
use chrono::{DateTime, Utc};

#[derive(Clone, sqlx::FromRow)]
pub struct PostRow {
    pub id: i64,
    pub slug: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub body_html: String,
    pub author_id: Option<AccountId>,
    pub author_name: Option<String>,
    pub author_deleted: bool,
    pub state: String,
    pub published_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub cover_alt: String,
    pub cover_token: Option<String>,
    pub cover_name: Option<String>,
    pub cover_mime: Option<String>,
    pub cover_size: Option<i64>,
    pub comments: i64,
}

impl PostRow {
    pub fn cover(&self) -> Option<FileView> {
        Some(FileView {
            token: self.cover_token.clone()?,
            name: self.cover_name.clone()?,
            mime: self.cover_mime.clone()?,
            size: self.cover_size?,
            label: self.cover_alt.clone(),
        })
    }

    pub fn published(&self) -> bool {
        self.state == "published"
    }
}

macro_rules! post_select {
    () => {
        "SELECT p.id, p.slug, p.title, p.summary, p.body, p.body_html, p.author_id,
                a.display_name AS author_name, (a.deleted_at IS NOT NULL) AS author_deleted,
                p.state, p.published_at, p.updated_at, p.cover_alt,
                u.token AS cover_token, u.name AS cover_name, u.mime AS cover_mime, u.size AS cover_size,
                (SELECT COUNT(*) FROM blog_comment c WHERE c.post_id = p.id AND c.state = 'visible') AS comments
           FROM blog_post p
           LEFT JOIN account a ON a.id = p.author_id
           LEFT JOIN upload u ON u.id = p.cover_upload_id"
    };
}

/// The posts a list shows: of the community, published (or drafts too when $2),
/// tagged $3 when it is not NULL.
macro_rules! list_filter {
    () => {
        " WHERE p.community_id = $1 AND (p.state = 'published' OR $2)
            AND ($3 IS NULL OR EXISTS (SELECT 1 FROM blog_tag t WHERE t.post_id = p.id AND t.tag = $3))"
    };
}

/// Posts of a community, newest first: published ones, and drafts when `drafts`;
/// only those tagged `tag` when given.
pub async fn posts(
    db: &Db,
    community: CommunityId,
    drafts: bool,
    tag: Option<&str>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<PostRow>, i64), DbError> {
    let rows = db
        .fetch_all(
            sql(concat!(
                post_select!(),
                list_filter!(),
                " ORDER BY COALESCE(p.published_at, p.updated_at) DESC, p.id DESC LIMIT $4 OFFSET $5"
            ))
            .bind(community)
            .bind(drafts)
            .bind(tag)
            .bind(limit)
            .bind(offset),
        )
        .await?;
    let (total,): (i64,) = db
        .fetch_one(
            sql(concat!("SELECT COUNT(*) FROM blog_post p", list_filter!()))
                .bind(community)
                .bind(drafts)
                .bind(tag),
        )
        .await?;
    Ok((rows, total))
}

pub async fn post(db: &Db, community: CommunityId, slug: &str) -> Result<Option<PostRow>, DbError> {
    db.fetch_optional(
        sql(concat!(
            post_select!(),
            " WHERE p.community_id = $1 AND p.slug = $2"
        ))
        .bind(community)
        .bind(slug),
    )
    .await
}

/// The tags of some posts, by post id.
pub async fn tags_of(db: &Db, posts: &[i64]) -> Result<Vec<(i64, String)>, DbError> {
    let mut out = Vec::new();
    for id in posts {
        let rows: Vec<(String,)> = db
            .fetch_all(sql("SELECT tag FROM blog_tag WHERE post_id = $1 ORDER BY tag").bind(*id))
            .await?;
        out.extend(rows.into_iter().map(|(t,)| (*id, t)));
    }
    Ok(out)
}

/// The tags of a community's published posts, with how many posts carry each.
pub async fn tag_counts(db: &Db, community: CommunityId) -> Result<Vec<(String, i64)>, DbError> {
    db.fetch_all(
        sql(
            "SELECT t.tag, COUNT(*) AS n FROM blog_tag t JOIN blog_post p ON p.id = t.post_id
              WHERE p.community_id = $1 AND p.state = 'published'
              GROUP BY t.tag ORDER BY n DESC, t.tag LIMIT 30",
        )
        .bind(community),
    )
    .await
}

/// What a post holds, as the editor saves it.
pub struct PostInput<'a> {
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub body_html: &'a str,
    pub published: bool,
    pub tags: &'a [String],
}

/// A new post; its id, or None when the slug is taken in the community.
pub async fn create(
    tx: &mut Tx,
    community: CommunityId,
    slug: &str,
    author: AccountId,
    p: &PostInput<'_>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            sql("INSERT INTO blog_post (community_id, slug, title, summary, body, body_html, author_id, state,
                                        published_at, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
                 ON CONFLICT (community_id, slug) DO NOTHING RETURNING id")
            .bind(community)
            .bind(slug)
            .bind(p.title)
            .bind(p.summary)
            .bind(p.body)
            .bind(p.body_html)
            .bind(author)
            .bind(if p.published { "published" } else { "draft" })
            .bind(p.published.then_some(now))
            .bind(now),
        )
        .await?;
    if let Some((id,)) = row {
        set_tags(tx, id, p.tags).await?;
    }
    Ok(row.map(|(id,)| id))
}

/// Changes a post; the first publication sets its date, which later edits keep.
pub async fn update(
    tx: &mut Tx,
    id: i64,
    p: &PostInput<'_>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE blog_post SET title = $1, summary = $2, body = $3, body_html = $4, state = $5,
                    published_at = CASE WHEN $5 = 'published' THEN COALESCE(published_at, $6) ELSE NULL END,
                    updated_at = $6
              WHERE id = $7")
        .bind(p.title)
        .bind(p.summary)
        .bind(p.body)
        .bind(p.body_html)
        .bind(if p.published { "published" } else { "draft" })
        .bind(now)
        .bind(id),
    )
    .await?;
    set_tags(tx, id, p.tags).await
}

async fn set_tags(tx: &mut Tx, id: i64, tags: &[String]) -> Result<(), DbError> {
    tx.execute(sql("DELETE FROM blog_tag WHERE post_id = $1").bind(id))
        .await?;
    for t in tags {
        tx.execute(
            sql("INSERT INTO blog_tag (post_id, tag) VALUES ($1, $2)")
                .bind(id)
                .bind(t.as_str()),
        )
        .await?;
    }
    Ok(())
}

pub async fn set_cover(
    tx: &mut Tx,
    id: i64,
    upload: i64,
    alt: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE blog_post SET cover_upload_id = $1, cover_alt = $2, updated_at = $3 WHERE id = $4")
            .bind(upload)
            .bind(alt)
            .bind(now)
            .bind(id),
    )
    .await?;
    Ok(())
}

/// Whether an upload is the cover of a published post (public).
pub async fn is_public_cover(db: &Db, upload: i64) -> Result<bool, DbError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql("SELECT id FROM blog_post WHERE cover_upload_id = $1 AND state = 'published'")
                .bind(upload),
        )
        .await?;
    Ok(row.is_some())
}

#[derive(sqlx::FromRow)]
pub struct CommentRow {
    pub id: i64,
    pub author_name: Option<String>,
    pub author_deleted: bool,
    pub body_html: String,
    pub state: String,
    pub created_at: DateTime<Utc>,
}

pub async fn comments(db: &Db, post: i64) -> Result<Vec<CommentRow>, DbError> {
    db.fetch_all(
        sql("SELECT c.id, a.display_name AS author_name, (a.deleted_at IS NOT NULL) AS author_deleted,
                    c.body_html, c.state, c.created_at
               FROM blog_comment c LEFT JOIN account a ON a.id = c.author_id
              WHERE c.post_id = $1 ORDER BY c.id LIMIT 500")
        .bind(post),
    )
    .await
}

pub async fn add_comment(
    tx: &mut Tx,
    post: i64,
    author: AccountId,
    body: &str,
    html: &str,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql(
                "INSERT INTO blog_comment (post_id, author_id, body, body_html, created_at)
                 VALUES ($1, $2, $3, $4, $5) RETURNING id",
            )
            .bind(post)
            .bind(author)
            .bind(body)
            .bind(html)
            .bind(now),
        )
        .await?;
    Ok(id)
}

/// Hides a comment of a post; false when it is not one of its comments.
pub async fn hide_comment(tx: &mut Tx, post: i64, id: i64) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("UPDATE blog_comment SET state = 'hidden' WHERE id = $1 AND post_id = $2")
                .bind(id)
                .bind(post),
        )
        .await?;
    Ok(n == 1)
}

/// Every published post of every community's blog, for the sitemap: the community's
/// slug, the post's slug and its last change.
pub async fn published_slugs(db: &Db) -> Result<Vec<(String, String, DateTime<Utc>)>, DbError> {
    db.fetch_all(sql(
        "SELECT c.slug, p.slug, p.updated_at FROM blog_post p
           JOIN community c ON c.id = p.community_id
          WHERE p.state = 'published' ORDER BY c.slug, p.published_at DESC, p.id DESC",
    ))
    .await
}
