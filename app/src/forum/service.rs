//! What the forum's server functions do once the policy said yes (server only):
//! the pages, reactions, flags, solutions and follows. Writing posts is in
//! `posting.rs`, tutors' actions in `moderation.rs` and `moves.rs`.

use super::drafts::{self, Place};
use super::model::*;
use super::moderation_repo;
use super::reading_repo;
use super::repo;
use crate::auth::model::{Actor, RestrictionKind};
use crate::auth::policy::{can, Action, Target};
use crate::community::model::CommunityRef;
use crate::community::model::{scope_of, CommunityBar};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::AccountId;
use crate::paging::{window, Paged};
use crate::state::AppState;
use crate::text::handle_of;
use std::collections::BTreeMap;

/// Where the reader's draft of a reply (or, without a thread, a new thread) is kept.
pub fn place(actor: &Actor, c: &CommunityRef, thread: Option<i64>) -> Place {
    Place {
        account: actor.account_id,
        community: c.id,
        thread,
    }
}

pub async fn bar(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
) -> Result<CommunityBar, AppError> {
    let target = Target::In(scope_of(c));
    let may_moderate = can(Some(actor), Action::ModerateCommunity, target);
    let queue = if may_moderate {
        moderation_repo::queue_size(&state.db, c.id).await?
    } else {
        0
    };
    let mine = crate::community::repo::of_account(&state.db, actor.account_id).await?;
    Ok(CommunityBar {
        slug: c.slug.clone(),
        name: c.name.clone(),
        may_post: can(Some(actor), Action::PostInCommunity, target),
        may_moderate,
        silenced: actor.restricted(c.id, RestrictionKind::Silence),
        queue,
        switcher: mine.into_iter().map(|c| (c.slug, c.name)).collect(),
    })
}

/// Who lists threads, for the policy of held and merged threads.
fn lister(actor: &Actor, c: &CommunityRef) -> repo::Lister {
    repo::Lister {
        account: actor.account_id,
        moderator: can(
            Some(actor),
            Action::ModerateCommunity,
            Target::In(scope_of(c)),
        ),
    }
}

fn summary(t: repo::ThreadRow, lang: Lang) -> ThreadSummary {
    let read = t.read_upto.unwrap_or(0);
    ThreadSummary {
        id: t.id,
        author: crate::account::model::author_label(
            t.author_name.as_deref().unwrap_or_default(),
            t.author_deleted,
            lang,
        ),
        title: t.title,
        category_slug: t.category_slug,
        category_name: t.category_name,
        started: lang.datetime(t.created_at),
        last_post: lang.datetime(t.last_post_at),
        replies: (t.post_count - 1).max(0),
        unread: (t.post_count - read).max(0),
        is_new: t.read_upto.is_none(),
        pinned: t.pinned,
        locked: t.locked,
        solved: t.solved_post_id.is_some(),
    }
}

/// The `n` threads with the most recent posts, as `actor` sees them.
pub async fn latest(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    n: i64,
    lang: Lang,
) -> Result<Vec<ThreadSummary>, AppError> {
    let rows = repo::threads(&state.db, c.id, None, lister(actor, c), n, 0).await?;
    Ok(rows.into_iter().map(|t| summary(t, lang)).collect())
}

pub async fn index(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    lang: Lang,
) -> Result<ForumIndex, AppError> {
    Ok(ForumIndex {
        bar: bar(state, actor, c).await?,
        categories: repo::categories(&state.db, c.id, actor.account_id).await?,
        latest: latest(state, actor, c, 10, lang).await?,
    })
}

pub async fn category_page(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    slug: &str,
    page: Option<i64>,
    lang: Lang,
) -> Result<CategoryPage, AppError> {
    let categories = repo::categories(&state.db, c.id, actor.account_id).await?;
    let category = categories
        .into_iter()
        .find(|k| k.slug == slug)
        .ok_or(AppError::NotFound)?;
    let (page, limit, offset) = window(page, THREADS_PER_PAGE);
    let rows = repo::threads(
        &state.db,
        c.id,
        Some(category.id),
        lister(actor, c),
        limit,
        offset,
    )
    .await?;
    let total = repo::count_threads(&state.db, c.id, Some(category.id), lister(actor, c)).await?;
    let (draft_title, draft_body) = drafts::load(&state.db, place(actor, c, None))
        .await?
        .unwrap_or_default();
    Ok(CategoryPage {
        bar: bar(state, actor, c).await?,
        draft_title,
        draft_body,
        started: drafts::threads_started(&state.db, c.id, actor.account_id).await?,
        category,
        threads: Paged {
            items: rows.into_iter().map(|t| summary(t, lang)).collect(),
            total,
            page,
            per_page: limit,
        },
    })
}

/// How a post is shown to `reader`: the text of hidden and pending posts only to
/// tutors (and a pending post to its author).
fn post_view(
    p: repo::PostRow,
    reader: AccountId,
    moderator: bool,
    reactions: Vec<(ReactionKind, i64, bool)>,
    solution: Option<i64>,
    lang: Lang,
) -> PostView {
    let mine = p.author_id == Some(reader);
    let shown = match p.state {
        PostState::Visible => true,
        PostState::Pending => moderator || mine,
        PostState::Hidden => moderator,
    };
    let name = p.author_name.clone().unwrap_or_default();
    PostView {
        id: p.id,
        number: p.number,
        author: crate::account::model::author_label(&name, p.author_deleted, lang),
        handle: if p.author_deleted {
            String::new()
        } else {
            handle_of(&name)
        },
        at: lang.datetime(p.created_at),
        html: if shown { p.body_html } else { String::new() },
        source: if moderator { p.body } else { String::new() },
        state: p.state,
        held: p.held,
        hidden_reason: p.hidden_reason,
        edit_note: p.edit_note,
        edited: p.edited_at.is_some(),
        reactions,
        mine,
        flagged: p.flagged_by_reader,
        flags: if moderator { p.open_flags } else { 0 },
        solution: solution == Some(p.id),
        attachments: Vec::new(),
    }
}

pub async fn thread_page(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    thread: i64,
    page: Option<i64>,
    quote_post: Option<i64>,
    lang: Lang,
) -> Result<ThreadPage, AppError> {
    let db = &state.db;
    let reader = actor.account_id;
    let t = repo::thread(db, c.id, thread, Some(reader))
        .await?
        .ok_or(AppError::NotFound)?;
    let moderator = can(
        Some(actor),
        Action::ModerateCommunity,
        Target::In(scope_of(c)),
    );
    if t.held && !moderator && t.author_id != Some(reader) {
        return Err(AppError::NotFound);
    }
    let merged_into = match t.merged_into {
        Some(id) => repo::thread(db, c.id, id, Some(reader))
            .await?
            .map(|target| (target.id, target.title)),
        None => None,
    };
    let pages = ((t.post_count + POSTS_PER_PAGE - 1) / POSTS_PER_PAGE).max(1);
    // Without a page, open where the reader stopped reading.
    let first_unread = t
        .read_upto
        .map(|n| n + 1)
        .unwrap_or(1)
        .min(t.post_count.max(1));
    let page = page
        .unwrap_or((first_unread - 1) / POSTS_PER_PAGE + 1)
        .clamp(1, pages);
    let from = (page - 1) * POSTS_PER_PAGE + 1;
    let to = from + POSTS_PER_PAGE - 1;
    let mut reactions: BTreeMap<i64, Vec<(ReactionKind, i64, bool)>> = BTreeMap::new();
    for (post, kind, n, mine) in reading_repo::reactions(db, thread, from, to, reader).await? {
        if let Some(kind) = ReactionKind::from_code(&kind) {
            reactions.entry(post).or_default().push((kind, n, mine));
        }
    }
    let rows = repo::posts(db, thread, from, to, reader).await?;
    let last_shown = rows.last().map(|p| p.number).unwrap_or(0);
    let mut files = drafts::attachments(db, thread, from, to).await?;
    let posts: Vec<PostView> = rows
        .into_iter()
        .map(|p| {
            let mut r = reactions.remove(&p.id).unwrap_or_default();
            r.sort();
            let id = p.id;
            let mut view = post_view(p, reader, moderator, r, t.solved_post_id, lang);
            if !view.html.is_empty() {
                view.attachments = files.remove(&id).unwrap_or_default();
            }
            view
        })
        .collect();
    if last_shown > 0 {
        reading_repo::mark_read(db, thread, reader, last_shown).await?;
    }
    let draft = match quote_post {
        Some(id) => match repo::post_in(db, c.id, id).await? {
            Some(p) if p.thread_id == thread && p.state == PostState::Visible => quote(
                &crate::account::model::author_label(
                    p.author_name.as_deref().unwrap_or_default(),
                    p.author_deleted,
                    lang,
                ),
                &p.body,
            ),
            _ => String::new(),
        },
        None => drafts::load(db, place(actor, c, Some(thread)))
            .await?
            .map(|(_, body)| body)
            .unwrap_or_default(),
    };
    let categories = if moderator {
        repo::categories(db, c.id, reader)
            .await?
            .into_iter()
            .map(|k| (k.id, k.name))
            .collect()
    } else {
        Vec::new()
    };
    Ok(ThreadPage {
        bar: bar(state, actor, c).await?,
        thread: ThreadInfo {
            id: t.id,
            title: t.title,
            category_slug: t.category_slug,
            category_name: t.category_name,
            pinned: t.pinned,
            locked: t.locked,
            solved: t.solved_post_id.is_some(),
            watching: reading_repo::watching_thread(db, thread, reader).await?,
            mine: t.author_id == Some(reader),
            merged_into,
        },
        posts: Paged {
            items: posts,
            total: t.post_count,
            page,
            per_page: POSTS_PER_PAGE,
        },
        draft,
        categories,
    })
}

pub async fn search(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    query: &str,
    page: Option<i64>,
) -> Result<ForumSearch, AppError> {
    let (page, limit, offset) = window(page, crate::paging::PER_PAGE);
    let (items, total) = crate::search::repo::search(
        &state.db,
        crate::search::repo::Within::Community(c.id),
        query,
        state.clock.now(),
        limit,
        offset,
    )
    .await?;
    Ok(ForumSearch {
        bar: bar(state, actor, c).await?,
        query: query.to_string(),
        hits: Paged {
            items,
            total,
            page,
            per_page: limit,
        },
    })
}
