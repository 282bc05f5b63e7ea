//! Reading and writing the forum (server only). Every query is written once for
//! both databases.

use super::model::{CategoryView, PostState};
use crate::db::{sql, Db, DbError, Tx};
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
    community: i64,
    reader: i64,
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

pub async fn category(db: &Db, community: i64, slug: &str) -> Result<Option<CategoryRow>, DbError> {
    db.fetch_optional(
        sql("SELECT id, slug, name FROM forum_category WHERE community_id = $1 AND slug = $2")
            .bind(community)
            .bind(slug),
    )
    .await
}

pub async fn category_by_id(
    db: &Db,
    community: i64,
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
    community: i64,
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

/// A thread as lists show it, with the reader's progress.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct ThreadRow {
    pub id: i64,
    pub title: String,
    pub category_id: i64,
    pub category_slug: String,
    pub category_name: String,
    pub author_id: Option<i64>,
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
    pub account: i64,
    pub moderator: bool,
}

/// The threads of a community (or of one category), pinned first, then by activity.
pub async fn threads(
    db: &Db,
    community: i64,
    category: Option<i64>,
    reader: Lister,
    limit: i64,
    offset: i64,
) -> Result<Vec<ThreadRow>, DbError> {
    db.fetch_all(
        sql(concat!(thread_select!(), "
              WHERE t.community_id = $1 AND ($2 IS NULL OR t.category_id = $2)", listed!("$3", "$6"), "
              ORDER BY CASE WHEN $2 IS NULL THEN FALSE ELSE t.pinned END DESC, t.last_post_at DESC, t.id DESC
              LIMIT $4 OFFSET $5"))
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
    community: i64,
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
    community: i64,
    id: i64,
    reader: i64,
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
    community: i64,
    category: i64,
    title: &str,
    author: i64,
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
    author: i64,
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
    pub author_id: Option<i64>,
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
    reader: i64,
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
pub async fn post_in(db: &Db, community: i64, post: i64) -> Result<Option<PostRow>, DbError> {
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

/// Reaction counts of the posts `from..=to` of a thread: (post, kind, count, reader's).
pub async fn reactions(
    db: &Db,
    thread: i64,
    from: i64,
    to: i64,
    reader: i64,
) -> Result<Vec<(i64, String, i64, bool)>, DbError> {
    db.fetch_all(
        sql("SELECT r.post_id, r.kind, COUNT(*) AS n,
                    MAX(CASE WHEN r.account_id = $4 THEN 1 ELSE 0 END) = 1 AS mine
               FROM forum_reaction r JOIN forum_post p ON p.id = r.post_id
              WHERE p.thread_id = $1 AND p.number BETWEEN $2 AND $3
              GROUP BY r.post_id, r.kind")
        .bind(thread)
        .bind(from)
        .bind(to)
        .bind(reader),
    )
    .await
}

/// Gives the reaction, or takes it back; whether it is now given.
pub async fn toggle_reaction(
    tx: &mut Tx,
    post: i64,
    account: i64,
    kind: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let removed = tx
        .execute(
            sql("DELETE FROM forum_reaction WHERE post_id = $1 AND account_id = $2 AND kind = $3")
                .bind(post)
                .bind(account)
                .bind(kind),
        )
        .await?;
    if removed > 0 {
        return Ok(false);
    }
    tx.execute(
        sql("INSERT INTO forum_reaction (post_id, account_id, kind, created_at) VALUES ($1, $2, $3, $4)")
            .bind(post)
            .bind(account)
            .bind(kind)
            .bind(now),
    )
    .await?;
    Ok(true)
}

/// Remembers that `account` has read `thread` up to post `number` (never backwards).
pub async fn mark_read(db: &Db, thread: i64, account: i64, number: i64) -> Result<(), DbError> {
    db.execute(
        sql(
            "INSERT INTO forum_read (thread_id, account_id, last_number) VALUES ($1, $2, $3)
             ON CONFLICT (thread_id, account_id) DO UPDATE SET last_number =
                 CASE WHEN excluded.last_number > forum_read.last_number
                      THEN excluded.last_number ELSE forum_read.last_number END",
        )
        .bind(thread)
        .bind(account)
        .bind(number),
    )
    .await?;
    Ok(())
}

pub async fn watching_thread(db: &Db, thread: i64, account: i64) -> Result<bool, DbError> {
    let row: Option<(i64,)> = db
        .fetch_optional(
            sql(
                "SELECT thread_id FROM forum_thread_watch WHERE thread_id = $1 AND account_id = $2",
            )
            .bind(thread)
            .bind(account),
        )
        .await?;
    Ok(row.is_some())
}

/// What someone follows.
#[derive(Clone, Copy, Debug)]
pub enum Followed {
    Thread(i64),
    Category(i64),
}

/// Follows (`on`) or stops following a thread or a category.
pub async fn watch(
    tx: &mut Tx,
    what: Followed,
    account: i64,
    on: bool,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    let (id, add, remove) = match what {
        Followed::Thread(id) => (
            id,
            "INSERT INTO forum_thread_watch (thread_id, account_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (thread_id, account_id) DO NOTHING",
            "DELETE FROM forum_thread_watch WHERE thread_id = $1 AND account_id = $2",
        ),
        Followed::Category(id) => (
            id,
            "INSERT INTO forum_category_watch (category_id, account_id, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (category_id, account_id) DO NOTHING",
            "DELETE FROM forum_category_watch WHERE category_id = $1 AND account_id = $2",
        ),
    };
    if on {
        tx.execute(sql(add).bind(id).bind(account).bind(now))
            .await?;
    } else {
        tx.execute(sql(remove).bind(id).bind(account)).await?;
    }
    Ok(())
}

/// Someone to tell: account, language.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Recipient {
    pub id: i64,
    pub language: String,
}

/// Who follows a thread or its category, still in the community, except `author`.
pub async fn watchers(
    tx: &mut Tx,
    community: i64,
    thread: i64,
    category: i64,
    author: i64,
) -> Result<Vec<Recipient>, DbError> {
    tx.fetch_all(
        sql("SELECT a.id, a.language FROM account a
              WHERE a.deleted_at IS NULL AND a.id <> $4
                AND (EXISTS (SELECT 1 FROM forum_thread_watch w WHERE w.thread_id = $2 AND w.account_id = a.id)
                     OR EXISTS (SELECT 1 FROM forum_category_watch w WHERE w.category_id = $3 AND w.account_id = a.id))
                AND EXISTS (SELECT 1 FROM role_grant g WHERE g.account_id = a.id AND g.community_id = $1)
              ORDER BY a.id")
        .bind(community)
        .bind(thread)
        .bind(category)
        .bind(author),
    )
    .await
}

/// The members and tutors of a community: (account, name, language).
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Member {
    pub id: i64,
    pub display_name: String,
    pub language: String,
    pub posts: i64,
    pub tutor: bool,
}

pub async fn members(db: &Db, community: i64) -> Result<Vec<Member>, DbError> {
    db.fetch_all(
        sql("SELECT a.id, a.display_name, a.language,
                    (SELECT COUNT(*) FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id
                      WHERE p.author_id = a.id AND t.community_id = $1) AS posts,
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

/// Someone's forum posts, for their data export: (community, thread, number, text, when).
pub async fn own_posts(
    db: &Db,
    account: i64,
) -> Result<Vec<(String, String, i64, String, DateTime<Utc>)>, DbError> {
    db.fetch_all(
        sql("SELECT c.name, t.title, p.number, p.body, p.created_at
               FROM forum_post p JOIN forum_thread t ON t.id = p.thread_id JOIN community c ON c.id = t.community_id
              WHERE p.author_id = $1 ORDER BY p.id")
        .bind(account),
    )
    .await
}

/// A flag; false when this person had already flagged the post.
pub async fn flag(
    tx: &mut Tx,
    post: i64,
    account: i64,
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
pub async fn approved_posts(db: &Db, community: i64, author: i64) -> Result<i64, DbError> {
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
pub async fn queue(db: &Db, community: i64) -> Result<Vec<PostRow>, DbError> {
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

pub async fn queue_size(db: &Db, community: i64) -> Result<i64, DbError> {
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
    community: i64,
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
    community: i64,
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

pub async fn restrictions(db: &Db, community: i64) -> Result<Vec<RestrictionRow>, DbError> {
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
    community: i64,
    account: i64,
    kind: &str,
    reason: &str,
    ends_at: Option<DateTime<Utc>>,
    by: i64,
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
    community: i64,
    id: i64,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            sql("UPDATE community_restriction SET lifted_at = $3
                  WHERE id = $1 AND community_id = $2 AND lifted_at IS NULL RETURNING account_id")
            .bind(id)
            .bind(community)
            .bind(now),
        )
        .await?;
    Ok(row.map(|(a,)| a))
}
