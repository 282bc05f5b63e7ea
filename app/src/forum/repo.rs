//! Reading and writing the forum (server only). Every query is written once for
//! both databases.

use super::model::{CategoryView, PostState};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, CommunityId};
use chrono::{DateTime, Utc};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct CategoryRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

/// The categories of a community, in order, with their counts; `watched` for `reader`.
pub async fn categories(
    db: &Db,
    community: CommunityId,
    reader: AccountId,
) -> Result<Vec<CategoryView>, DbError> {
    db.fetch_all(
        sql("SELECT c.id, c.slug, c.name, c.description,
                    (SELECT COUNT(*) FROM forum_thread t WHERE t.category_id = c.id AND t.merged_into IS NULL) AS threads,
                    CAST((SELECT COALESCE(SUM(t.post_count), 0) FROM forum_thread t WHERE t.category_id = c.id) AS BIGINT) AS posts,
                    EXISTS (SELECT 1 FROM forum_category_watch w
                             WHERE w.category_id = c.id AND w.account_id = $2) AS watched
               FROM forum_category c WHERE c.community_id = $1 ORDER BY c.position, c.name")
        .bind(community)
        .bind(reader),
    )
    .await
}

pub async fn category(
    db: &Db,
    community: CommunityId,
    slug: &str,
) -> Result<Option<CategoryRow>, DbError> {
    db.fetch_optional(
        sql("SELECT id, slug, name FROM forum_category WHERE community_id = $1 AND slug = $2")
            .bind(community)
            .bind(slug),
    )
    .await
}

pub async fn category_by_id(
    db: &Db,
    community: CommunityId,
    id: i64,
) -> Result<Option<CategoryRow>, DbError> {
    db.fetch_optional(
        sql("SELECT id, slug, name FROM forum_category WHERE community_id = $1 AND id = $2")
            .bind(community)
            .bind(id),
    )
    .await
}

/// A new category at the end; None when the slug is taken in this community.
pub async fn create_category(
    tx: &mut Tx,
    community: CommunityId,
    slug: &str,
    name: &str,
    description: &str,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            sql("INSERT INTO forum_category (community_id, slug, name, description, position, created_at)
                 VALUES ($1, $2, $3, $4,
                         (SELECT COALESCE(MAX(position), 0) + 1 FROM forum_category WHERE community_id = $1), $5)
                 ON CONFLICT (community_id, slug) DO NOTHING RETURNING id")
            .bind(community)
            .bind(slug)
            .bind(name)
            .bind(description)
            .bind(now),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// The columns of a [`ThreadRow`], the reader's progress bound as `$3`.
macro_rules! thread_select {
    () => {
        "SELECT t.id, t.title, t.category_id, c.slug AS category_slug, c.name AS category_name,
                    t.author_id, a.display_name AS author_name,
                    (a.deleted_at IS NOT NULL) AS author_deleted,
                    t.created_at, t.last_post_at, t.post_count, t.pinned, t.locked, t.solved_post_id,
                    r.last_number AS read_upto, t.merged_into,
                    EXISTS (SELECT 1 FROM forum_post o WHERE o.thread_id = t.id AND o.number = 1 AND o.held) AS held
               FROM forum_thread t
               JOIN forum_category c ON c.id = t.category_id
               LEFT JOIN account a ON a.id = t.author_id
               LEFT JOIN forum_read r ON r.thread_id = t.id AND r.account_id = $3"
    };
}

/// The columns of a [`PostRow`] up to `flagged_by_reader`, which each query adds.
macro_rules! post_select {
    () => {
        "SELECT p.id, p.thread_id, p.number, p.author_id, a.display_name AS author_name,
                    (a.deleted_at IS NOT NULL) AS author_deleted, p.body, p.body_html,
                    p.created_at, p.edited_at, p.edit_note, p.state, p.hidden_reason, p.held,
                    (SELECT COUNT(*) FROM forum_flag f WHERE f.post_id = p.id AND f.resolved_at IS NULL) AS open_flags, "
    };
}
pub(crate) use post_select;

/// A thread as lists show it, with the reader's progress.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ThreadRow {
    pub id: i64,
    pub title: String,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub author_id: Option<AccountId>,
    pub author_name: Option<String>,
    pub author_deleted: bool,
    pub created_at: DateTime<Utc>,
    pub last_post_at: DateTime<Utc>,
    pub post_count: i64,
    pub pinned: bool,
    pub locked: bool,
    pub solved_post_id: Option<i64>,
    pub read_upto: Option<i64>,
    /// The thread its posts went to, when tutors merged it.
    pub merged_into: Option<i64>,
    /// Whether its opening post waits for a tutor's approval.
    pub held: bool,
}

/// Who lists threads: a thread whose opening post waits for approval is listed
/// only to tutors and to its author; merged threads to nobody.
/// `$reader` and `$moderator` are the placeholders of [`Lister`]'s fields.
macro_rules! listed {
    ($reader:literal, $moderator:literal) => {
        concat!(
            " AND t.merged_into IS NULL AND (",
            $moderator,
            " OR t.author_id = ",
            $reader,
            " OR NOT EXISTS (SELECT 1 FROM forum_post o WHERE o.thread_id = t.id AND o.number = 1 AND o.held))"
        )
    };
}

/// Who reads a list of threads.
#[derive(Clone, Copy, Debug)]
pub struct Lister {
    pub account: AccountId,
    pub moderator: bool,
}

/// The threads of a community (or of one category), pinned first, then by activity.
pub async fn threads(
    db: &Db,
    community: CommunityId,
    category: Option<i64>,
    reader: Lister,
    limit: i64,
    offset: i64,
) -> Result<Vec<ThreadRow>, DbError> {
    // Two texts, so that each walks its index in order and stops at the page's end
    // (one text with `$2 IS NULL` in its ORDER BY sorted every thread on each call).
    let query = match category {
        None => sql(concat!(
            thread_select!(),
            "
              WHERE t.community_id = $1 AND $2 IS NULL",
            listed!("$3", "$6"),
            "
              ORDER BY t.last_post_at DESC, t.id DESC
              LIMIT $4 OFFSET $5"
        )),
        Some(_) => sql(concat!(
            thread_select!(),
            "
              WHERE t.community_id = $1 AND t.category_id = $2",
            listed!("$3", "$6"),
            "
              ORDER BY t.pinned DESC, t.last_post_at DESC, t.id DESC
              LIMIT $4 OFFSET $5"
        )),
    };
    db.fetch_all(
        query
            .bind(community)
            .bind(category)
            .bind(reader.account)
            .bind(limit)
            .bind(offset)
            .bind(reader.moderator),
    )
    .await
}

pub async fn count_threads(
    db: &Db,
    community: CommunityId,
    category: Option<i64>,
    reader: Lister,
) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql(concat!(
                "SELECT COUNT(*) FROM forum_thread t
                  WHERE t.community_id = $1 AND ($2 IS NULL OR t.category_id = $2)",
                listed!("$3", "$4")
            ))
            .bind(community)
            .bind(category)
            .bind(reader.account)
            .bind(reader.moderator),
        )
        .await?;
    Ok(n)
}

pub async fn thread(
    db: &Db,
    community: CommunityId,
    id: i64,
    reader: Option<AccountId>,
) -> Result<Option<ThreadRow>, DbError> {
    db.fetch_optional(
        sql(concat!(
            thread_select!(),
            "
              WHERE t.community_id = $1 AND t.id = $2"
        ))
        .bind(community)
        .bind(id)
        .bind(reader),
    )
    .await
}

pub async fn insert_thread(
    tx: &mut Tx,
    community: CommunityId,
    category: i64,
    title: &str,
    author: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO forum_thread (community_id, category_id, title, author_id, created_at, last_post_at)
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
            .bind(community)
            .bind(category)
            .bind(title)
            .bind(author)
            .bind(now),
        )
        .await?;
    Ok(id)
}

/// Appends a post to a thread; its id and number. The thread's row is updated
/// first, which serializes concurrent replies on both databases.
pub async fn insert_post(
    tx: &mut Tx,
    thread: i64,
    author: AccountId,
    body: &str,
    html: &str,
    (state, held): (PostState, bool),
    now: DateTime<Utc>,
) -> Result<(i64, i64), DbError> {
    let (number,): (i64,) = tx
        .fetch_one(
            sql(
                "UPDATE forum_thread SET post_count = post_count + 1, last_post_at = $2
                  WHERE id = $1 RETURNING post_count",
            )
            .bind(thread)
            .bind(now),
        )
        .await?;
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO forum_post (thread_id, number, author_id, body, body_html, created_at, state, held)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
            .bind(thread)
            .bind(number)
            .bind(author)
            .bind(body)
            .bind(html)
            .bind(now)
            .bind(state.code())
            .bind(held),
        )
        .await?;
    Ok((id, number))
}

/// A post with what the page shows around it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct PostRow {
    pub id: i64,
    pub thread_id: i64,
    pub number: i64,
    pub author_id: Option<AccountId>,
    pub author_name: Option<String>,
    pub author_deleted: bool,
    pub body: String,
    pub body_html: String,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    pub edit_note: String,
    #[sqlx(try_from = "String")]
    pub state: PostState,
    pub hidden_reason: String,
    /// Waiting for a tutor's approval because its author is new.
    pub held: bool,
    pub open_flags: i64,
    pub flagged_by_reader: bool,
}

/// Posts `from..=to` (by number) of a thread.
pub async fn posts(
    db: &Db,
    thread: i64,
    from: i64,
    to: i64,
    reader: AccountId,
) -> Result<Vec<PostRow>, DbError> {
    db.fetch_all(
        sql(concat!(
            post_select!(),
            "EXISTS (SELECT 1 FROM forum_flag f WHERE f.post_id = p.id AND f.account_id = $4) AS flagged_by_reader
               FROM forum_post p LEFT JOIN account a ON a.id = p.author_id
              WHERE p.thread_id = $1 AND p.number BETWEEN $2 AND $3
              ORDER BY p.number"
        ))
        .bind(thread)
        .bind(from)
        .bind(to)
        .bind(reader),
    )
    .await
}

/// A post of a community, with the thread it is in.
pub async fn post_in(
    db: &Db,
    community: CommunityId,
    post: i64,
) -> Result<Option<PostRow>, DbError> {
    db.fetch_optional(
        sql(concat!(
            post_select!(),
            "FALSE AS flagged_by_reader
               FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
               LEFT JOIN account a ON a.id = p.author_id
              WHERE t.community_id = $1 AND p.id = $2"
        ))
        .bind(community)
        .bind(post),
    )
    .await
}

/// How many forum posts each member of a community wrote there: (account, posts).
pub async fn post_counts(
    db: &Db,
    community: CommunityId,
) -> Result<Vec<(AccountId, i64)>, DbError> {
    db.fetch_all(
        sql("SELECT p.author_id, COUNT(*) FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
              WHERE t.community_id = $1 AND p.author_id IS NOT NULL
              GROUP BY p.author_id")
        .bind(community),
    )
    .await
}

/// Someone's forum posts, for their data export: (community, thread, number, text, when).
pub async fn own_posts(
    db: &Db,
    account: AccountId,
) -> Result<Vec<(String, String, i64, String, DateTime<Utc>)>, DbError> {
    db.fetch_all(
        sql("SELECT c.name, t.title, p.number, p.body, p.created_at
               FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id JOIN community c ON c.id = t.community_id
              WHERE p.author_id = $1 ORDER BY p.id")
        .bind(account),
    )
    .await
}

pub async fn set_thread_flags(
    tx: &mut Tx,
    thread: i64,
    pinned: bool,
    locked: bool,
    category: i64,
) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE forum_thread SET pinned = $2, locked = $3, category_id = $4 WHERE id = $1")
            .bind(thread)
            .bind(pinned)
            .bind(locked)
            .bind(category),
    )
    .await?;
    Ok(())
}

pub async fn set_solution(tx: &mut Tx, thread: i64, post: Option<i64>) -> Result<(), DbError> {
    tx.execute(
        sql("UPDATE forum_thread SET solved_post_id = $2 WHERE id = $1")
            .bind(thread)
            .bind(post),
    )
    .await?;
    Ok(())
}
