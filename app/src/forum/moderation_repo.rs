//! The moderation's data (server only): flags, post states, tutors' edits, the queue
//! of what waits for a tutor, and restrictions (warnings, silences, suspensions).

use super::model::PostState;
use super::repo::{post_select, PostRow};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, CommunityId};
use chrono::{DateTime, Utc};

/// A flag; false when this person had already flagged the post.
pub async fn flag(
    tx: &mut Tx,
    post: i64,
    account: AccountId,
    reason: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("INSERT INTO forum_flag (post_id, account_id, reason, note, created_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (post_id, account_id) DO NOTHING")
            .bind(post)
            .bind(account)
            .bind(reason)
            .bind(note)
            .bind(now),
        )
        .await?;
    Ok(n > 0)
}

/// Tells the tutors' open queues that something arrived or was decided.
pub async fn queue_changed(
    tx: &mut Tx,
    community: CommunityId,
    post: i64,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    crate::live::repo::publish(
        tx,
        crate::live::Topic::Moderation(community),
        crate::live::model::kind::QUEUE,
        post,
        now,
    )
    .await
}

pub async fn open_flags(tx: &mut Tx, post: i64) -> Result<i64, DbError> {
    let (n,): (i64,) = tx
        .fetch_one(
            sql("SELECT COUNT(*) FROM forum_flag WHERE post_id = $1 AND resolved_at IS NULL")
                .bind(post),
        )
        .await?;
    Ok(n)
}

pub async fn resolve_flags(tx: &mut Tx, post: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE forum_flag SET resolved_at = $2 WHERE post_id = $1 AND resolved_at IS NULL")
            .bind(post)
            .bind(now),
    )
    .await?;
    Ok(())
}

/// How many of `author`'s posts in the community everyone can read.
pub async fn approved_posts(
    db: &Db,
    community: CommunityId,
    author: AccountId,
) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
                  WHERE t.community_id = $1 AND p.author_id = $2 AND p.state = 'visible' AND NOT p.held")
            .bind(community)
            .bind(author),
        )
        .await?;
    Ok(n)
}

/// A held post approved: it no longer waits.
pub async fn release(tx: &mut Tx, post: i64) -> Result<(), DbError> {
    tx.execute(sql("UPDATE forum_post SET held = FALSE WHERE id = $1").bind(post))
        .await?;
    Ok(())
}

pub async fn set_state(
    tx: &mut Tx,
    post: i64,
    state: PostState,
    reason: &str,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE forum_post SET state = $2, hidden_reason = $3 WHERE id = $1")
            .bind(post)
            .bind(state.code())
            .bind(reason),
    )
    .await?;
    Ok(())
}

pub async fn edit_post(
    tx: &mut Tx,
    post: i64,
    body: &str,
    html: &str,
    note: &str,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE forum_post SET body = $2, body_html = $3, edit_note = $4, edited_at = $5 WHERE id = $1")
            .bind(post)
            .bind(body)
            .bind(html)
            .bind(note)
            .bind(now),
    )
    .await?;
    Ok(())
}

/// The posts waiting for tutors: pending ones, and those with open flags (each
/// read through its own index, not by scanning the forum).
macro_rules! queue_ids {
    () => {
        "SELECT p.id FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
                      WHERE t.community_id = $1 AND p.state = 'pending'
                     UNION
                     SELECT f.post_id FROM forum_flag f
                       JOIN forum_post p ON p.id = f.post_id JOIN forum_thread t ON t.id = p.thread_id
                      WHERE t.community_id = $1 AND f.resolved_at IS NULL"
    };
}

/// Posts waiting for tutors, oldest first.
pub async fn queue(db: &Db, community: CommunityId) -> Result<Vec<PostRow>, DbError> {
    db.fetch_all(
        sql(concat!(
            post_select!(),
            "FALSE AS flagged_by_reader
               FROM forum_post p LEFT JOIN account a ON a.id = p.author_id
              WHERE p.id IN (",
            queue_ids!(),
            ") ORDER BY p.created_at, p.id LIMIT 100"
        ))
        .bind(community),
    )
    .await
}

pub async fn queue_size(db: &Db, community: CommunityId) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql(concat!("SELECT COUNT(*) FROM (", queue_ids!(), ") waiting")).bind(community),
        )
        .await?;
    Ok(n)
}

/// The open flags of every post waiting for tutors: (post, reason, note, who, when).
pub async fn queue_flags(
    db: &Db,
    community: CommunityId,
) -> Result<Vec<(i64, String, String, String, DateTime<Utc>)>, DbError> {
    db.fetch_all(
        sql(concat!(
            "SELECT f.post_id, f.reason, f.note, a.display_name, f.created_at
               FROM forum_flag f JOIN account a ON a.id = f.account_id
              WHERE f.resolved_at IS NULL AND f.post_id IN (",
            queue_ids!(),
            ") ORDER BY f.created_at, f.post_id"
        ))
        .bind(community),
    )
    .await
}

/// What the queue shows around each waiting post: (post, its thread's title, the
/// text of the post before it when that one is visible).
pub async fn queue_context(
    db: &Db,
    community: CommunityId,
) -> Result<Vec<(i64, String, Option<String>)>, DbError> {
    db.fetch_all(
        sql(concat!(
            "SELECT p.id, t.title,
                    (SELECT q.body_html FROM forum_post q
                      WHERE q.thread_id = p.thread_id AND q.number = p.number - 1 AND q.state = 'visible') AS previous
               FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
              WHERE p.id IN (",
            queue_ids!(),
            ")"
        ))
        .bind(community),
    )
    .await
}

/// A restriction as the moderation page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct RestrictionRow {
    pub id: i64,
    pub display_name: String,
    pub kind: String,
    pub reason: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: Option<DateTime<Utc>>,
    pub lifted_at: Option<DateTime<Utc>>,
}

pub async fn restrictions(db: &Db, community: CommunityId) -> Result<Vec<RestrictionRow>, DbError> {
    db.fetch_all(
        sql(
            "SELECT r.id, a.display_name, r.kind, r.reason, r.starts_at, r.ends_at, r.lifted_at
               FROM community_restriction r JOIN account a ON a.id = r.account_id
              WHERE r.community_id = $1 ORDER BY r.starts_at DESC, r.id DESC LIMIT 200",
        )
        .bind(community),
    )
    .await
}

pub async fn add_restriction(
    tx: &mut Tx,
    community: CommunityId,
    account: AccountId,
    kind: &str,
    reason: &str,
    ends_at: Option<DateTime<Utc>>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO community_restriction (community_id, account_id, kind, reason, starts_at, ends_at, created_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
            .bind(community)
            .bind(account)
            .bind(kind)
            .bind(reason)
            .bind(now)
            .bind(ends_at)
            .bind(by),
        )
        .await?;
    Ok(id)
}

/// Lifts a restriction of this community; the account it was on, if it was in force.
pub async fn lift_restriction(
    tx: &mut Tx,
    community: CommunityId,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<AccountId>, DbError> {
    let row: Option<(AccountId,)> = tx
        .fetch_optional(
            sql("UPDATE community_restriction SET lifted_at = $3
                  WHERE id = $1 AND community_id = $2 AND lifted_at IS NULL
                    AND (ends_at IS NULL OR ends_at > $3) RETURNING account_id")
            .bind(id)
            .bind(community)
            .bind(now),
        )
        .await?;
    Ok(row.map(|(a,)| a))
}
