//! Attachments of forum posts and drafts kept for their authors (server only).
//! A draft is saved whenever a reply or a new thread could not be sent (a problem
//! with the text or a file), and when the reply box loses focus; it is deleted
//! when the post is sent.

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, CommunityId, EnteId};
use crate::upload::check::Checked;
use crate::upload::model::FileView;
use crate::upload::repo::Staged;
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;

/// The most files a post may carry.
pub const MAX_ATTACHMENTS: usize = 3;

/// Stages files before a transaction (`upload::repo::stage`).
pub async fn stage<'a>(
    db: &Db,
    storage: &crate::db::blobs::Storage,
    files: &'a [Checked],
) -> Result<Vec<Staged<'a>>, DbError> {
    let mut staged = Vec::with_capacity(files.len());
    for file in files {
        staged.push(crate::upload::repo::stage(db, storage, file).await?);
    }
    Ok(staged)
}

/// Stores staged files and attaches them to a post, in the caller's transaction.
pub async fn attach(
    tx: &mut Tx,
    post: i64,
    files: &[Staged<'_>],
    by: AccountId,
    ente: Option<EnteId>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    for (position, file) in files.iter().enumerate() {
        let (upload, _) = crate::upload::repo::store(tx, file, Some(by), ente, now).await?;
        tx.execute(
            sql("INSERT INTO forum_attachment (post_id, upload_id, position) VALUES ($1, $2, $3)")
                .bind(post)
                .bind(upload)
                .bind(position as i64),
        )
        .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct AttachmentRow {
    post_id: i64,
    token: String,
    name: String,
    mime: String,
    size: i64,
}

/// The attachments of the posts numbered `from..=to` of a thread, by post id.
pub async fn attachments(
    db: &Db,
    thread: i64,
    from: i64,
    to: i64,
) -> Result<BTreeMap<i64, Vec<FileView>>, DbError> {
    let rows: Vec<AttachmentRow> = db
        .fetch_all(
            sql("SELECT x.post_id, u.token, u.name, u.mime, u.size
                   FROM forum_attachment x
                   JOIN forum_post p ON p.id = x.post_id
                   JOIN upload u ON u.id = x.upload_id
                  WHERE p.thread_id = $1 AND p.number BETWEEN $2 AND $3
                  ORDER BY x.post_id, x.position")
            .bind(thread)
            .bind(from)
            .bind(to),
        )
        .await?;
    let mut out: BTreeMap<i64, Vec<FileView>> = BTreeMap::new();
    for r in rows {
        out.entry(r.post_id).or_default().push(FileView {
            label: r.name.clone(),
            token: r.token,
            name: r.name,
            mime: r.mime,
            size: r.size,
        });
    }
    Ok(out)
}

/// Where a draft belongs: a reply to a thread, or a new thread in a community.
#[derive(Clone, Copy, Debug)]
pub struct Place {
    pub account: AccountId,
    pub community: CommunityId,
    pub thread: Option<i64>,
}

/// Keeps (or replaces) the draft of a place; an empty text deletes it.
pub async fn save(
    db: &Db,
    at: Place,
    title: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let mut tx = db.begin().await?;
    forget(&mut tx, at).await?;
    if !body.trim().is_empty() || !title.trim().is_empty() {
        tx.execute(
            sql("INSERT INTO forum_draft (account_id, community_id, thread_id, title, body, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(at.account)
            .bind(at.community)
            .bind(at.thread)
            .bind(title)
            .bind(body)
            .bind(now),
        )
        .await?;
    }
    tx.commit().await
}

/// The draft of a place: (title, body).
pub async fn load(db: &Db, at: Place) -> Result<Option<(String, String)>, DbError> {
    db.fetch_optional(
        sql("SELECT title, body FROM forum_draft
              WHERE account_id = $1 AND community_id = $2 AND COALESCE(thread_id, 0) = COALESCE($3, 0)")
        .bind(at.account)
        .bind(at.community)
        .bind(at.thread),
    )
    .await
}

/// Deletes the draft of a place, in the caller's transaction (when the post is sent).
pub async fn forget(tx: &mut Tx, at: Place) -> Result<(), DbError> {
    tx.execute(
        sql("DELETE FROM forum_draft
              WHERE account_id = $1 AND community_id = $2 AND COALESCE(thread_id, 0) = COALESCE($3, 0)")
        .bind(at.account)
        .bind(at.community)
        .bind(at.thread),
    )
    .await?;
    Ok(())
}

/// Whether `account` wrote in `thread` after its post number `seen`.
pub async fn posted_since(
    db: &Db,
    thread: i64,
    account: AccountId,
    seen: i64,
) -> Result<bool, DbError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql("SELECT id FROM forum_post WHERE thread_id = $1 AND author_id = $2 AND number > $3 LIMIT 1")
                .bind(thread)
                .bind(account)
                .bind(seen),
        )
        .await?;
    Ok(row.is_some())
}

/// How many threads `account` has started in the community (a new thread's
/// draft saved after one more was started is late).
pub async fn threads_started(
    db: &Db,
    community: CommunityId,
    account: AccountId,
) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM forum_thread WHERE community_id = $1 AND author_id = $2")
                .bind(community)
                .bind(account),
        )
        .await?;
    Ok(n)
}
