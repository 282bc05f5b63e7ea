//! What a member does to a post or a thread besides writing (server only): reacting,
//! flagging it for the tutors, marking the answer that solved a thread, following.

use super::model::*;
use super::moderation_repo;
use super::reading_repo;
use super::repo;
use crate::auth::model::Actor;
use crate::auth::policy::{can, Action, Target};
use crate::community::model::scope_of;
use crate::community::model::CommunityRef;
use crate::error::AppError;
use crate::i18n::T;
use crate::state::AppState;
use crate::text::Bounded;

/// A visible post of the community that the reader may act on.
async fn visible_post(
    state: &AppState,
    c: &CommunityRef,
    post: i64,
) -> Result<repo::PostRow, AppError> {
    match repo::post_in(&state.db, c.id, post).await? {
        Some(p) if p.state == PostState::Visible => Ok(p),
        Some(_) => Err(AppError::Refused(T::ForumPostNotVisible)),
        None => Err(AppError::NotFound),
    }
}

pub async fn react(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    post: i64,
    kind: &str,
) -> Result<(bool, repo::PostRow), AppError> {
    let kind = ReactionKind::from_code(kind)
        .ok_or_else(|| AppError::invalid("kind", T::ValidationChoice))?;
    let p = visible_post(state, c, post).await?;
    if p.author_id == Some(actor.account_id) {
        return Err(AppError::Refused(T::ForumReactOwn));
    }
    let mut tx = state.db.begin().await?;
    let on = reading_repo::toggle_reaction(
        &mut tx,
        post,
        actor.account_id,
        kind.code(),
        state.clock.now(),
    )
    .await?;
    tx.commit().await?;
    Ok((on, p))
}

/// A member's flag; enough open flags hide the post until a tutor reviews it.
pub async fn flag(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    post: i64,
    reason: &str,
    note: &str,
) -> Result<repo::PostRow, AppError> {
    let reason = FlagReason::from_code(reason)
        .ok_or_else(|| AppError::invalid("reason", T::ValidationChoice))?;
    let note = note.trim();
    if reason == FlagReason::Other && note.chars().count() < 5 {
        return Err(AppError::invalid("note", T::ForumFlagNoteNeeded));
    }
    Bounded::<0, REASON_MAX_CHARS>::field("note", note, T::ForumReasonTooLong)?;
    let p = match repo::post_in(&state.db, c.id, post).await? {
        Some(p) if p.state != PostState::Hidden => p,
        Some(_) => return Err(AppError::Refused(T::ForumPostNotVisible)),
        None => return Err(AppError::NotFound),
    };
    if p.author_id == Some(actor.account_id) {
        return Err(AppError::Refused(T::ForumFlagOwn));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    if !moderation_repo::flag(&mut tx, post, actor.account_id, reason.code(), note, now).await? {
        return Err(AppError::Refused(T::ForumFlagAlready));
    }
    let threshold = crate::community::repo::flag_threshold(&state.db, c.id).await?;
    if p.state == PostState::Visible
        && moderation_repo::open_flags(&mut tx, post).await? >= threshold
    {
        moderation_repo::set_state(&mut tx, post, PostState::Pending, "").await?;
        crate::search::repo::remove(
            &mut tx,
            crate::search::model::DocKind::ForumPost.code(),
            post,
        )
        .await?;
    }
    moderation_repo::queue_changed(&mut tx, c.id, post, now).await?;
    tx.commit().await?;
    Ok(p)
}

/// Marks the answer that solved a thread (its author or a tutor), or unmarks it.
pub async fn solve(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    post: i64,
) -> Result<repo::PostRow, AppError> {
    let p = visible_post(state, c, post).await?;
    let t = repo::thread(&state.db, c.id, p.thread_id, Some(actor.account_id))
        .await?
        .ok_or(AppError::NotFound)?;
    let moderator = can(
        Some(actor),
        Action::ModerateCommunity,
        Target::In(scope_of(c)),
    );
    if t.author_id != Some(actor.account_id) && !moderator {
        return Err(AppError::Forbidden);
    }
    if p.number == 1 {
        return Err(AppError::Refused(T::ForumSolveOpening));
    }
    let mut tx = state.db.begin().await?;
    let next = if t.solved_post_id == Some(post) {
        None
    } else {
        Some(post)
    };
    repo::set_solution(&mut tx, t.id, next).await?;
    tx.commit().await?;
    Ok(p)
}

/// Follows (or stops following) a thread or a category.
pub async fn watch(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    thread: Option<i64>,
    category: Option<i64>,
    on: bool,
) -> Result<(), AppError> {
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    match (thread, category) {
        (Some(t), None) => {
            repo::thread(&state.db, c.id, t, Some(actor.account_id))
                .await?
                .ok_or(AppError::NotFound)?;
            reading_repo::watch(
                &mut tx,
                reading_repo::Followed::Thread(t),
                actor.account_id,
                on,
                now,
            )
            .await?;
        }
        (None, Some(k)) => {
            repo::category_by_id(&state.db, c.id, k)
                .await?
                .ok_or(AppError::NotFound)?;
            reading_repo::watch(
                &mut tx,
                reading_repo::Followed::Category(k),
                actor.account_id,
                on,
                now,
            )
            .await?;
        }
        _ => return Err(AppError::invalid("thread", T::ValidationChoice)),
    }
    tx.commit().await?;
    Ok(())
}
