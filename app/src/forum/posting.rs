//! Members writing in the forum (server only): a new thread or a reply is checked,
//! stored with its files and, unless a new member's post waits for a tutor,
//! indexed and announced to whoever it concerns.

use super::drafts;
use super::model::*;
use super::moderation_repo;
use super::reading_repo;
use super::repo;
use super::service::place;
use crate::auth::model::Actor;
use crate::auth::policy::{can, Action, Target};
use crate::community::model::scope_of;
use crate::community::model::CommunityRef;
use crate::db::Tx;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::ids::AccountId;
use crate::markdown;
use crate::state::AppState;
use crate::text::{handle_of, mentions};
use std::collections::HashSet;

/// Indexes a visible post for the community's search: (post, thread, number).
pub async fn index_post(
    tx: &mut Tx,
    c: &CommunityRef,
    title: &str,
    (post, thread, number): (i64, i64, i64),
    body: &str,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    crate::search::repo::index(
        tx,
        &crate::search::repo::Doc {
            kind: crate::search::model::DocKind::ForumPost.code(),
            ref_id: post,
            ente_id: None,
            community_id: Some(c.id),
            title,
            body: &markdown::plain(body),
            url: &post_path(&c.slug, thread, number),
            published_at: at,
            topic: "",
        },
    )
    .await?;
    Ok(())
}

pub fn check_title(title: &str) -> Result<String, AppError> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = title.chars().count();
    if n < TITLE_MIN_CHARS {
        return Err(AppError::invalid("title", T::ForumTitleTooShort));
    }
    if n > TITLE_MAX_CHARS {
        return Err(AppError::invalid("title", T::ForumTitleTooLong));
    }
    Ok(title)
}

/// A post's text, trimmed, with its length checked.
pub fn check_body(body: &str) -> Result<String, AppError> {
    let body = crate::text::tidy(&body);
    let n = body.chars().count();
    if n < BODY_MIN_CHARS {
        return Err(AppError::invalid("body", T::ForumBodyTooShort));
    }
    if n > BODY_MAX_CHARS {
        return Err(AppError::invalid("body", T::ForumBodyTooLong));
    }
    Ok(body)
}

/// The members whose handles a text mentions.
fn mentioned<'a>(
    members: &'a [crate::community::repo::Member],
    body: &str,
) -> Vec<&'a crate::community::repo::Member> {
    let wanted = mentions(body);
    members
        .iter()
        .filter(|m| {
            let h = handle_of(&m.display_name);
            !h.is_empty() && wanted.contains(&h)
        })
        .collect()
}

/// Whether `actor`'s next post in the community waits for a tutor: the community
/// asks for it and the author has fewer approved posts than it wants. Tutors and
/// managers never wait.
async fn must_wait(state: &AppState, actor: &Actor, c: &CommunityRef) -> Result<bool, AppError> {
    if can(
        Some(actor),
        Action::ModerateCommunity,
        Target::In(scope_of(c)),
    ) {
        return Ok(false);
    }
    let wanted = crate::community::repo::approve_first_posts(&state.db, c.id).await?;
    Ok(wanted > 0
        && moderation_repo::approved_posts(&state.db, c.id, actor.account_id).await? < wanted)
}

/// A post everyone may now read, told to whoever it concerns: the members it
/// mentions, and who follows its thread (replies) or its category (new threads).
pub struct Announced<'a> {
    pub c: &'a CommunityRef,
    /// The community's members (who may be mentioned).
    pub members: &'a [crate::community::repo::Member],
    /// (account, name shown) of its author.
    pub author: (AccountId, &'a str),
    pub thread: i64,
    pub category: i64,
    pub title: &'a str,
    pub body: &'a str,
    pub number: i64,
}

/// Tells everyone a post concerns, in the bell (in the caller's transaction).
pub async fn announce(state: &AppState, tx: &mut Tx, a: Announced<'_>) -> Result<(), AppError> {
    let now = state.clock.now();
    let url = post_path(&a.c.slug, a.thread, a.number);
    let (author, who) = a.author;
    let mut told: HashSet<AccountId> = HashSet::new();
    for m in mentioned(a.members, a.body) {
        if m.id == author {
            continue;
        }
        let lang = Lang::of(&m.language);
        let text = lang.tf(T::ForumNotifyMention, &[("who", who), ("title", a.title)]);
        crate::notify::repo::add(tx, m.id, "forum_mention", &text, &url, now).await?;
        told.insert(m.id);
    }
    // Followers of the category hear of new threads; of the thread, of replies.
    let what = if a.number == 1 {
        T::ForumNotifyThread
    } else {
        T::ForumNotifyReply
    };
    for r in reading_repo::watchers(tx, a.c.id, a.thread, a.category, author).await? {
        if told.insert(r.id) {
            let lang = Lang::of(&r.language);
            let text = lang.tf(what, &[("who", who), ("title", a.title)]);
            crate::notify::repo::add(tx, r.id, "forum_post", &text, &url, now).await?;
        }
    }
    Ok(())
}

/// Stores a post and, unless it waits for a tutor's approval, indexes and
/// announces it; a held post is told to the tutors instead. The caller's
/// transaction commits it all.
#[allow(clippy::too_many_arguments)]
async fn write_post(
    state: &AppState,
    tx: &mut Tx,
    c: &CommunityRef,
    actor: &Actor,
    thread: i64,
    category: i64,
    title: &str,
    body: &str,
) -> Result<(i64, i64), AppError> {
    let now = state.clock.now();
    let members = crate::community::repo::roster(&state.db, c.id).await?;
    let known: HashSet<String> = members.iter().map(|m| handle_of(&m.display_name)).collect();
    let html = markdown::render(body, &known);
    let held = must_wait(state, actor, c).await?;
    let shown = if held {
        PostState::Pending
    } else {
        PostState::Visible
    };
    let (id, number) = repo::insert_post(
        tx,
        thread,
        actor.account_id,
        body,
        &html,
        (shown, held),
        now,
    )
    .await?;
    // Writing in a thread follows it (as in Discourse's "tracking").
    reading_repo::watch(
        tx,
        reading_repo::Followed::Thread(thread),
        actor.account_id,
        true,
        now,
    )
    .await?;
    if held {
        let url = post_path(&c.slug, thread, number);
        for m in members.iter().filter(|m| m.tutor) {
            let lang = Lang::of(&m.language);
            let text = lang.tf(
                T::ForumNotifyHeld,
                &[("who", actor.label()), ("title", title)],
            );
            crate::notify::repo::add(tx, m.id, "forum_held", &text, &url, now).await?;
        }
        super::moderation_repo::queue_changed(tx, c.id, id, now).await?;
    } else {
        index_post(tx, c, title, (id, thread, number), body, now).await?;
        announce(
            state,
            tx,
            Announced {
                c,
                members: &members,
                author: (actor.account_id, actor.label()),
                thread,
                category,
                title,
                body,
                number,
            },
        )
        .await?;
    }
    drafts::forget(tx, place(actor, c, (number > 1).then_some(thread))).await?;
    Ok((id, number))
}

/// A new thread with its opening post and the files attached to it; its id.
#[allow(clippy::too_many_arguments)]
pub async fn start_thread(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    category: i64,
    title: &str,
    body: &str,
    files: &[crate::upload::check::Checked],
) -> Result<i64, AppError> {
    if files.len() > drafts::MAX_ATTACHMENTS {
        return Err(AppError::invalid("file", T::FilesTooMany));
    }
    let category = repo::category_by_id(&state.db, c.id, category)
        .await?
        .ok_or_else(|| AppError::invalid("category", T::ValidationChoice))?;
    let (title, body) = match (check_title(title), check_body(body)) {
        (Ok(t), Ok(b)) => (t, b),
        (Err(AppError::Invalid(mut a)), Err(AppError::Invalid(b))) => {
            a.extend(b);
            return Err(AppError::Invalid(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    let now = state.clock.now();
    let staged = drafts::stage(&state.db, &state.files, files).await?;
    let mut tx = state.db.begin().await?;
    let thread =
        repo::insert_thread(&mut tx, c.id, category.id, &title, actor.account_id, now).await?;
    let (post, _) =
        write_post(state, &mut tx, c, actor, thread, category.id, &title, &body).await?;
    drafts::attach(&mut tx, post, &staged, actor.account_id, c.ente_id, now).await?;
    tx.commit().await?;
    Ok(thread)
}

/// A reply at the end of a thread, with the files attached to it; its number.
pub async fn reply(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    thread: i64,
    body: &str,
    files: &[crate::upload::check::Checked],
) -> Result<i64, AppError> {
    if files.len() > drafts::MAX_ATTACHMENTS {
        return Err(AppError::invalid("file", T::FilesTooMany));
    }
    let t = repo::thread(&state.db, c.id, thread, Some(actor.account_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let moderator = can(
        Some(actor),
        Action::ModerateCommunity,
        Target::In(scope_of(c)),
    );
    // A thread waiting for a tutor's approval is its author's and the tutors' only:
    // to anyone else it does not exist, so nobody can reply to it (and have the reply
    // indexed under its title).
    if t.held && !moderator && t.author_id != Some(actor.account_id) {
        return Err(AppError::NotFound);
    }
    if (t.locked && !moderator) || t.merged_into.is_some() {
        return Err(AppError::Refused(T::ForumThreadLocked));
    }
    let body = check_body(body)?;
    let staged = drafts::stage(&state.db, &state.files, files).await?;
    let mut tx = state.db.begin().await?;
    let (post, number) = write_post(
        state,
        &mut tx,
        c,
        actor,
        thread,
        t.category_id,
        &t.title,
        &body,
    )
    .await?;
    let now = state.clock.now();
    drafts::attach(&mut tx, post, &staged, actor.account_id, c.ente_id, now).await?;
    tx.commit().await?;
    Ok(number)
}
