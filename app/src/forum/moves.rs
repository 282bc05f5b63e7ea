//! Tutors moving posts between threads (server only): splitting some replies off
//! into a new thread, and merging a whole thread into another. Posts keep their
//! ids (so reactions, flags and attachments follow them); their numbers are given
//! again in date order, so pages and links by number stay whole. Each move is
//! one transaction, recorded in the audit log; the authors of moved posts are told.

use super::posting::index_post;
use super::repo;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::community::model::CommunityRef;
use crate::db::{sql, DbError, Tx};
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::ids::{AccountId, CommunityId};
use crate::state::AppState;
use chrono::{DateTime, Utc};
use std::collections::BTreeSet;

/// The most posts one split may name.
pub const SPLIT_MAX_POSTS: usize = 500;

/// The post numbers a tutor typed: "4, 7-9 12" → {4, 7, 8, 9, 12}.
pub fn parse_numbers(text: &str) -> Option<BTreeSet<i64>> {
    let mut out = BTreeSet::new();
    for part in text
        .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        let part = part.trim_start_matches('#');
        let (from, to) = match part.split_once('-') {
            Some((a, b)) => (a.trim().parse::<i64>().ok()?, b.trim().parse::<i64>().ok()?),
            None => {
                let n = part.parse::<i64>().ok()?;
                (n, n)
            }
        };
        if from < 1 || to < from || to - from >= SPLIT_MAX_POSTS as i64 {
            return None;
        }
        out.extend(from..=to);
        if out.len() > SPLIT_MAX_POSTS {
            return None;
        }
    }
    (!out.is_empty()).then_some(out)
}

/// The thread a tutor named by its address (…/forum/t/12, with or without a page
/// or an anchor) or by its number.
pub fn parse_thread(text: &str) -> Option<i64> {
    let text = text.trim();
    let tail = match text.rfind("/t/") {
        Some(i) => &text[i + 3..],
        None => text.trim_start_matches('#'),
    };
    let digits: String = tail.chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok().filter(|n| *n > 0)
}

/// Moves the posts numbered `numbers` of `thread` into a new thread with `title`
/// in `category`; the new thread's id.
#[allow(clippy::too_many_arguments)]
pub async fn split(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    c: &CommunityRef,
    thread: i64,
    numbers: &str,
    title: &str,
    category: i64,
) -> Result<i64, AppError> {
    let t = repo::thread(&state.db, c.id, thread, Some(actor.account_id))
        .await?
        .filter(|t| t.merged_into.is_none())
        .ok_or(AppError::NotFound)?;
    let numbers = parse_numbers(numbers)
        .ok_or_else(|| AppError::invalid("posts", T::ForumSplitNumbersInvalid))?;
    let title = super::posting::check_title(title)?;
    let category = repo::category_by_id(&state.db, c.id, category)
        .await?
        .ok_or_else(|| AppError::invalid("category", T::ValidationChoice))?;
    if numbers.contains(&1) {
        return Err(AppError::invalid("posts", T::ForumSplitOpening));
    }
    if numbers.last().is_some_and(|n| *n > t.post_count) {
        return Err(AppError::invalid("posts", T::ForumSplitNumbersMissing));
    }
    let first = *numbers
        .first()
        .ok_or_else(|| AppError::invalid("posts", T::ForumSplitNumbersMissing))?;
    let opening = repo::posts(&state.db, thread, first, first, actor.account_id)
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| AppError::invalid("posts", T::ForumSplitNumbersMissing))?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let new = new_thread(&mut tx, c.id, category.id, &title, &opening).await?;
    for n in &numbers {
        let moved = tx
            .execute(
                sql("UPDATE forum_post SET thread_id = $3 WHERE thread_id = $1 AND number = $2")
                    .bind(thread)
                    .bind(*n)
                    .bind(new),
            )
            .await?;
        if moved == 0 {
            return Err(AppError::invalid("posts", T::ForumSplitNumbersMissing));
        }
    }
    // Readers of the old thread keep their place: what they had read, less what left.
    tx.execute(
        sql("UPDATE forum_read SET last_number = last_number -
                (SELECT COUNT(*) FROM forum_post p WHERE p.thread_id = $2 AND p.number <= forum_read.last_number)
              WHERE thread_id = $1")
        .bind(thread)
        .bind(new),
    )
    .await?;
    if t.solved_post_id.is_some() {
        // Unless the answer that solved the old thread stayed there.
        tx.execute(
            sql("UPDATE forum_thread SET solved_post_id = NULL
                  WHERE id = $1 AND solved_post_id IN (SELECT id FROM forum_post WHERE thread_id = $2)")
            .bind(thread)
            .bind(new),
        )
        .await?;
    }
    renumber(&mut tx, thread).await?;
    renumber(&mut tx, new).await?;
    reindex(&mut tx, c, thread, &t.title).await?;
    reindex(&mut tx, c, new, &title).await?;
    follow_moved(&mut tx, new, now).await?;
    let moved = authors(&mut tx, new, actor).await?;
    tell_authors(&mut tx, c, moved, new, &title, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::ForumThreadSplit)
            .target("forum_thread", Some(new), title.as_str())
            .ente(c.ente_id)
            .details(format!(
                "{} #{thread} → #{new}: {}",
                c.slug,
                numbers
                    .iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            )),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(new)
}

/// Moves every post of `thread` into the thread `into` names, in date order; the
/// merged thread stays, locked and empty, pointing to the other. The target's id.
pub async fn merge(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    c: &CommunityRef,
    thread: i64,
    into: &str,
) -> Result<i64, AppError> {
    let t = repo::thread(&state.db, c.id, thread, Some(actor.account_id))
        .await?
        .filter(|t| t.merged_into.is_none())
        .ok_or(AppError::NotFound)?;
    let target =
        parse_thread(into).ok_or_else(|| AppError::invalid("into", T::ForumMergeTargetInvalid))?;
    if target == thread {
        return Err(AppError::invalid("into", T::ForumMergeSelf));
    }
    let target = repo::thread(&state.db, c.id, target, Some(actor.account_id))
        .await?
        .filter(|t| t.merged_into.is_none())
        .ok_or_else(|| AppError::invalid("into", T::ForumMergeTargetInvalid))?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    // The first moved post, to find where the merged posts begin once renumbered.
    let first: Option<(i64,)> = tx
        .fetch_optional(
            sql("SELECT id FROM forum_post WHERE thread_id = $1 ORDER BY created_at, id LIMIT 1")
                .bind(thread),
        )
        .await?;
    let moved = authors(&mut tx, thread, actor).await?;
    // Past the target's numbers first, so no two posts ever share one.
    let (past,): (i64,) = tx
        .fetch_one(
            sql("SELECT COALESCE(MAX(number), 0) FROM forum_post WHERE thread_id = $1")
                .bind(target.id),
        )
        .await?;
    tx.execute(
        sql("UPDATE forum_post SET thread_id = $2, number = number + $3 WHERE thread_id = $1")
            .bind(thread)
            .bind(target.id)
            .bind(past),
    )
    .await?;
    renumber(&mut tx, target.id).await?;
    renumber(&mut tx, thread).await?;
    if let Some((first,)) = first {
        // The target's readers have not read what arrived among its posts.
        let (at,): (i64,) = tx
            .fetch_one(sql("SELECT number FROM forum_post WHERE id = $1").bind(first))
            .await?;
        tx.execute(
            sql("UPDATE forum_read SET last_number = $2 WHERE thread_id = $1 AND last_number > $2")
                .bind(target.id)
                .bind(at - 1),
        )
        .await?;
    }
    tx.execute(sql("DELETE FROM forum_read WHERE thread_id = $1").bind(thread))
        .await?;
    // A reply being written to the merged thread waits in the other (unless the
    // writer has one there already).
    tx.execute(
        sql("UPDATE forum_draft SET thread_id = $2
              WHERE thread_id = $1 AND NOT EXISTS
                    (SELECT 1 FROM forum_draft d WHERE d.thread_id = $2 AND d.account_id = forum_draft.account_id)")
        .bind(thread)
        .bind(target.id),
    )
    .await?;
    // Who followed the merged thread follows where its posts went.
    tx.execute(
        sql(
            "INSERT INTO forum_thread_watch (thread_id, account_id, created_at)
             SELECT $2, account_id, $3 FROM forum_thread_watch WHERE thread_id = $1
             ON CONFLICT (thread_id, account_id) DO NOTHING",
        )
        .bind(thread)
        .bind(target.id)
        .bind(now),
    )
    .await?;
    tx.execute(
        sql("UPDATE forum_thread SET merged_into = $2, locked = TRUE, pinned = FALSE, solved_post_id = NULL
              WHERE id = $1")
        .bind(thread)
        .bind(target.id),
    )
    .await?;
    if target.solved_post_id.is_none() && t.solved_post_id.is_some() {
        repo::set_solution(&mut tx, target.id, t.solved_post_id).await?;
    }
    reindex(&mut tx, c, target.id, &target.title).await?;
    tell_authors(&mut tx, c, moved, target.id, &target.title, now).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::ForumThreadMerged)
            .target("forum_thread", Some(target.id), target.title.as_str())
            .ente(c.ente_id)
            .details(format!(
                "{} #{thread} «{}» → #{}",
                c.slug, t.title, target.id
            )),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(target.id)
}

/// A thread for posts split off, opened by the first of them, when it was written.
async fn new_thread(
    tx: &mut Tx,
    community: CommunityId,
    category: i64,
    title: &str,
    opening: &repo::PostRow,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO forum_thread (community_id, category_id, title, author_id, created_at, last_post_at)
                 VALUES ($1, $2, $3, $4, $5, $5) RETURNING id")
            .bind(community)
            .bind(category)
            .bind(title)
            .bind(opening.author_id)
            .bind(opening.created_at),
        )
        .await?;
    Ok(id)
}

/// Numbers a thread's posts 1, 2, 3… in date order and sets its count and last
/// activity. Every number is positive before and after; in between they are the
/// posts' negated ids, which no two share.
async fn renumber(tx: &mut Tx, thread: i64) -> Result<(), DbError> {
    tx.execute(sql("UPDATE forum_post SET number = -id WHERE thread_id = $1").bind(thread))
        .await?;
    tx.execute(
        sql("UPDATE forum_post SET number = r.n
               FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY created_at, id) AS n
                       FROM forum_post WHERE thread_id = $1) r
              WHERE forum_post.id = r.id")
        .bind(thread),
    )
    .await?;
    tx.execute(
        sql("UPDATE forum_thread SET
                post_count = (SELECT COUNT(*) FROM forum_post WHERE thread_id = $1),
                last_post_at = COALESCE((SELECT MAX(created_at) FROM forum_post WHERE thread_id = $1), last_post_at)
              WHERE id = $1")
        .bind(thread),
    )
    .await?;
    tx.execute(
        sql("UPDATE forum_read SET last_number =
                (SELECT post_count FROM forum_thread WHERE id = $1)
              WHERE thread_id = $1 AND last_number > (SELECT post_count FROM forum_thread WHERE id = $1)")
        .bind(thread),
    )
    .await?;
    Ok(())
}

/// The visible posts of a thread indexed again under their new numbers.
async fn reindex(tx: &mut Tx, c: &CommunityRef, thread: i64, title: &str) -> Result<(), AppError> {
    let rows: Vec<(i64, i64, String, DateTime<Utc>)> = tx
        .fetch_all(
            sql("SELECT id, number, body, created_at FROM forum_post
                  WHERE thread_id = $1 AND state = 'visible' ORDER BY number")
            .bind(thread),
        )
        .await?;
    for (id, number, body, at) in rows {
        index_post(tx, c, title, (id, thread, number), &body, at).await?;
    }
    Ok(())
}

/// Whoever wrote in the thread follows it, as when they wrote there.
async fn follow_moved(tx: &mut Tx, thread: i64, now: DateTime<Utc>) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO forum_thread_watch (thread_id, account_id, created_at)
             SELECT DISTINCT $1, author_id, $2 FROM forum_post WHERE thread_id = $1 AND author_id IS NOT NULL
             ON CONFLICT (thread_id, account_id) DO NOTHING")
        .bind(thread)
        .bind(now),
    )
    .await?;
    Ok(())
}

/// Who wrote in a thread, but the tutor moving it: (account, language).
async fn authors(
    tx: &mut Tx,
    thread: i64,
    actor: &Actor,
) -> Result<Vec<(AccountId, String)>, DbError> {
    tx.fetch_all(
        sql("SELECT DISTINCT a.id, a.language FROM forum_post p JOIN account a ON a.id = p.author_id
              WHERE p.thread_id = $1 AND a.id <> $2 AND a.deleted_at IS NULL")
        .bind(thread)
        .bind(actor.account_id),
    )
    .await
}

/// Tells the authors of moved posts which thread their posts are in now.
async fn tell_authors(
    tx: &mut Tx,
    c: &CommunityRef,
    authors: Vec<(AccountId, String)>,
    thread: i64,
    title: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let url = format!("/comunita/{}/forum/t/{thread}", c.slug);
    for (account, language) in authors {
        let lang = Lang::of(&language);
        let text = lang.tf(T::ForumNotifyMoved, &[("title", title)]);
        crate::notify::repo::add(tx, account, "forum_moved", &text, &url, now).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_ranges() {
        let got: Vec<i64> = parse_numbers("4, 7-9 #12;4").unwrap().into_iter().collect();
        assert_eq!(got, vec![4, 7, 8, 9, 12]);
        assert_eq!(parse_numbers(""), None);
        assert_eq!(parse_numbers("3-1"), None);
        assert_eq!(parse_numbers("0"), None);
        assert_eq!(parse_numbers("due"), None);
        assert_eq!(parse_numbers("1-100000"), None);
    }

    #[test]
    fn thread_by_address_or_number() {
        assert_eq!(parse_thread("12"), Some(12));
        assert_eq!(parse_thread("#12"), Some(12));
        assert_eq!(
            parse_thread("http://127.0.0.1:3000/comunita/x/forum/t/34?page=2#post-5"),
            Some(34)
        );
        assert_eq!(parse_thread("/comunita/x/forum/t/"), None);
        assert_eq!(parse_thread("nessuna"), None);
    }
}
