//! What each member does with the forum besides writing (server only): reactions,
//! where they stopped reading, what they follow and who hears of a new post.

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, CommunityId};
use chrono::{DateTime, Utc};

/// Reaction counts of the posts `from..=to` of a thread: (post, kind, count, reader's).
pub async fn reactions(
    db: &Db,
    thread: i64,
    from: i64,
    to: i64,
    reader: AccountId,
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
    account: AccountId,
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
pub async fn mark_read(
    db: &Db,
    thread: i64,
    account: AccountId,
    number: i64,
) -> Result<(), DbError> {
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

pub async fn watching_thread(db: &Db, thread: i64, account: AccountId) -> Result<bool, DbError> {
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
    account: AccountId,
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
    pub id: AccountId,
    pub language: String,
}

/// Who follows a thread or its category, still in the community, except `author`.
pub async fn watchers(
    tx: &mut Tx,
    community: CommunityId,
    thread: i64,
    category: i64,
    author: AccountId,
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
