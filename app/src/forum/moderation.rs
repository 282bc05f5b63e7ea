//! Tutors' work in a community (server only): categories, the moderation queue,
//! hiding and restoring posts, edits with a visible note, pinning, locking and
//! moving threads, and warnings, silences and suspensions of members. Every action
//! is recorded in the audit log in the transaction that does it.

use super::model::*;
use super::moderation_repo;
use super::posting::{announce, check_body, index_post, Announced};
use super::repo;
use super::service::bar;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::server::RequestInfo;
use crate::community::model::CommunityRef;
use crate::error::AppError;
use crate::i18n::{Lang, T};
use crate::ids::AccountId;
use crate::markdown;
use crate::search::model::DocKind;
use crate::state::AppState;
use crate::text::excerpt;
use crate::text::handle_of;
use crate::text::Bounded;
use std::collections::{HashMap, HashSet};

/// A URL name from a category's name: lowercase letters and digits joined by dashes.
fn slug_of(name: &str) -> String {
    crate::text::handle_of(name).replace('.', "-")
}

pub async fn create_category(
    state: &AppState,
    info: &RequestInfo,
    c: &CommunityRef,
    name: &str,
    description: &str,
) -> Result<String, AppError> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = name.chars().count();
    if n < 3 {
        return Err(AppError::invalid("name", T::ForumNameTooShort));
    }
    if n > NAME_MAX_CHARS {
        return Err(AppError::invalid("name", T::ForumNameTooLong));
    }
    Bounded::<0, REASON_MAX_CHARS>::field("description", description, T::ForumReasonTooLong)?;
    let slug = slug_of(&name);
    if slug.is_empty() {
        return Err(AppError::invalid("name", T::ForumNameTooShort));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let id = repo::create_category(&mut tx, c.id, &slug, &name, description.trim(), now)
        .await?
        .ok_or_else(|| AppError::invalid("name", T::ForumCategoryExists))?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::ForumCategoryCreated)
            .target("forum_category", Some(id), name.as_str())
            .ente(c.ente_id)
            .details(c.slug.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(slug)
}

/// Pins, locks or moves a thread.
pub async fn set_thread(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    c: &CommunityRef,
    thread: i64,
    pinned: bool,
    locked: bool,
    category: i64,
) -> Result<(), AppError> {
    let t = repo::thread(&state.db, c.id, thread, Some(actor.account_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let target = repo::category_by_id(&state.db, c.id, category)
        .await?
        .ok_or_else(|| AppError::invalid("category", T::ValidationChoice))?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    repo::set_thread_flags(&mut tx, thread, pinned, locked, target.id).await?;
    let mut changes = Vec::new();
    if pinned != t.pinned {
        changes.push(if pinned { "pinned" } else { "unpinned" }.to_string());
    }
    if locked != t.locked {
        changes.push(if locked { "locked" } else { "unlocked" }.to_string());
    }
    if target.id != t.category_id {
        changes.push(format!("moved to {}", target.slug));
    }
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::ForumThreadChanged)
            .target("forum_thread", Some(thread), t.title.as_str())
            .ente(c.ente_id)
            .details(changes.join(", ")),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// What a tutor decides about a post.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    /// Shown (again); its flags are resolved.
    Approve,
    /// Hidden, with a reason everyone sees; its flags are resolved.
    Hide,
}

impl Decision {
    pub fn from_code(code: &str) -> Option<Decision> {
        match code {
            "approva" => Some(Decision::Approve),
            "nascondi" => Some(Decision::Hide),
            _ => None,
        }
    }
}

pub async fn decide(
    state: &AppState,
    info: &RequestInfo,
    c: &CommunityRef,
    post: i64,
    decision: Decision,
    reason: &str,
) -> Result<repo::PostRow, AppError> {
    let p = repo::post_in(&state.db, c.id, post)
        .await?
        .ok_or(AppError::NotFound)?;
    let reason = reason.trim();
    if decision == Decision::Hide && reason.chars().count() < 5 {
        return Err(AppError::invalid("reason", T::ForumHideReasonNeeded));
    }
    Bounded::<0, REASON_MAX_CHARS>::field("reason", reason, T::ForumReasonTooLong)?;
    let t = repo::thread(&state.db, c.id, p.thread_id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    moderation_repo::resolve_flags(&mut tx, post, now).await?;
    let action = match decision {
        Decision::Approve => {
            moderation_repo::set_state(&mut tx, post, PostState::Visible, "").await?;
            index_post(
                &mut tx,
                c,
                &t.title,
                (post, t.id, p.number),
                &p.body,
                p.created_at,
            )
            .await?;
            if p.held {
                release_held(state, &mut tx, c, &t, &p).await?;
                AuditAction::ForumPostApproved
            } else {
                AuditAction::ForumPostRestored
            }
        }
        Decision::Hide => {
            moderation_repo::set_state(&mut tx, post, PostState::Hidden, reason).await?;
            crate::search::repo::remove(&mut tx, DocKind::ForumPost.code(), post).await?;
            AuditAction::ForumPostHidden
        }
    };
    audit::record(
        &mut tx,
        info,
        Record::new(action)
            .target("forum_post", Some(post), excerpt(&markdown::plain(&p.body)))
            .ente(c.ente_id)
            .details(reason),
        now,
    )
    .await?;
    moderation_repo::queue_changed(&mut tx, c.id, post, now).await?;
    tx.commit().await?;
    Ok(p)
}

/// A new member's post approved: it no longer waits, whoever follows the thread
/// hears of it now, and its author is told.
async fn release_held(
    state: &AppState,
    tx: &mut crate::db::Tx,
    c: &CommunityRef,
    t: &repo::ThreadRow,
    p: &repo::PostRow,
) -> Result<(), AppError> {
    moderation_repo::release(tx, p.id).await?;
    let Some(author) = p.author_id else {
        return Ok(());
    };
    let members = crate::community::repo::roster(&state.db, c.id).await?;
    announce(
        state,
        tx,
        Announced {
            c,
            members: &members,
            author: (author, p.author_name.as_deref().unwrap_or_default()),
            thread: t.id,
            category: t.category_id,
            title: &t.title,
            body: &p.body,
            number: p.number,
        },
    )
    .await?;
    if let Some(m) = members.iter().find(|m| m.id == author) {
        let lang = Lang::of(&m.language);
        let text = lang.tf(T::ForumNotifyApproved, &[("title", &t.title)]);
        let url = super::model::post_path(&c.slug, t.id, p.number);
        crate::notify::repo::add(tx, author, "forum_approved", &text, &url, state.clock.now())
            .await?;
    }
    Ok(())
}

/// A tutor's edit of a post, with the note shown under it.
pub async fn edit(
    state: &AppState,
    info: &RequestInfo,
    c: &CommunityRef,
    post: i64,
    body: &str,
    note: &str,
) -> Result<repo::PostRow, AppError> {
    let p = repo::post_in(&state.db, c.id, post)
        .await?
        .ok_or(AppError::NotFound)?;
    let body = check_body(body)?;
    let note = note.trim();
    Bounded::<5, REASON_MAX_CHARS>::field_within(
        "note",
        note,
        T::ForumEditNoteNeeded,
        T::ForumReasonTooLong,
    )?;
    let t = repo::thread(&state.db, c.id, p.thread_id, None)
        .await?
        .ok_or(AppError::NotFound)?;
    let members = crate::community::repo::roster(&state.db, c.id).await?;
    let known: HashSet<String> = members.iter().map(|m| handle_of(&m.display_name)).collect();
    let html = markdown::render(&body, &known);
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    moderation_repo::edit_post(&mut tx, post, &body, &html, note, now).await?;
    if p.state == PostState::Visible {
        index_post(
            &mut tx,
            c,
            &t.title,
            (post, t.id, p.number),
            &body,
            p.created_at,
        )
        .await?;
    }
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::ForumPostEdited)
            .target("forum_post", Some(post), excerpt(&markdown::plain(&p.body)))
            .ente(c.ente_id)
            .details(note),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(p)
}

pub async fn queue(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    lang: Lang,
) -> Result<ModerationQueue, AppError> {
    let db = &state.db;
    let now = state.clock.now();
    // Three queries whatever the queue's length: the posts, their context, their flags.
    let mut context: HashMap<i64, (String, Option<String>)> =
        moderation_repo::queue_context(db, c.id)
            .await?
            .into_iter()
            .map(|(post, title, previous)| (post, (title, previous)))
            .collect();
    let mut flags_of: HashMap<i64, Vec<FlagView>> = HashMap::new();
    for (post, reason, note, by, at) in moderation_repo::queue_flags(db, c.id).await? {
        if let Some(reason) = FlagReason::from_code(&reason) {
            flags_of.entry(post).or_default().push(FlagView {
                reason,
                note,
                by,
                at: lang.datetime(at),
            });
        }
    }
    let mut items = Vec::new();
    for p in moderation_repo::queue(db, c.id).await? {
        let Some((thread_title, previous)) = context.remove(&p.id) else {
            continue;
        };
        let flags = flags_of.remove(&p.id).unwrap_or_default();
        let name = p.author_name.clone().unwrap_or_default();
        items.push(QueueItem {
            thread_id: p.thread_id,
            thread_title,
            flags,
            previous,
            post: PostView {
                id: p.id,
                number: p.number,
                author: crate::account::model::author_label(&name, p.author_deleted, lang),
                handle: handle_of(&name),
                at: lang.datetime(p.created_at),
                html: p.body_html,
                source: p.body,
                state: p.state,
                held: p.held,
                hidden_reason: p.hidden_reason,
                edit_note: p.edit_note,
                edited: p.edited_at.is_some(),
                reactions: Vec::new(),
                mine: p.author_id == Some(actor.account_id),
                flagged: false,
                flags: p.open_flags,
                solution: false,
                attachments: Vec::new(),
            },
        });
    }
    // Tutors cannot be restricted: the form offers only the others.
    let posts: HashMap<AccountId, i64> = repo::post_counts(db, c.id).await?.into_iter().collect();
    let members = crate::community::repo::roster(db, c.id)
        .await?
        .into_iter()
        .filter(|m| !m.tutor && m.id != actor.account_id)
        .map(|m| MemberRow {
            account_id: m.id,
            handle: handle_of(&m.display_name),
            posts: posts.get(&m.id).copied().unwrap_or(0),
            name: m.display_name,
        })
        .collect();
    let restrictions = moderation_repo::restrictions(db, c.id)
        .await?
        .into_iter()
        .filter_map(|r| {
            let kind = RestrictionChoice::from_code(&r.kind)?;
            let in_force = kind != RestrictionChoice::Warning
                && r.lifted_at.is_none()
                && r.ends_at.is_none_or(|e| e > now);
            Some(RestrictionView {
                id: r.id,
                name: r.display_name,
                kind,
                reason: r.reason,
                at: lang.datetime(r.starts_at),
                until: r.ends_at.map(|e| lang.datetime(e)).unwrap_or_default(),
                in_force,
            })
        })
        .collect();
    Ok(ModerationQueue {
        community: c.id,
        bar: bar(state, actor, c).await?,
        items,
        members,
        restrictions,
    })
}
