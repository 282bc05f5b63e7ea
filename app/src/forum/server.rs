//! Server functions of the forum. Reading needs `OpenCommunity` in the community
//! (members and tutors who are not suspended); writing `PostInCommunity` (not
//! silenced either); tutors' actions `ModerateCommunity`.

use super::model::{CategoryPage, ForumIndex, ForumSearch, ModerationQueue, ThreadPage};
use crate::error::AppError;
use crate::ids::AccountId;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::model::post_path,
    crate::auth::policy::Action,
    crate::auth::server::{fail, go_to, request_info},
    crate::community::model::CommunityRef,
    crate::community::server::enter,
    crate::i18n::detect_lang,
    crate::text::Bounded,
};

#[cfg(feature = "ssr")]
fn at_post(c: &CommunityRef, p: &super::repo::PostRow) -> String {
    post_path(&c.slug, p.thread_id, p.number)
}

/// An optional number typed in a form ("" is none).
#[cfg(feature = "ssr")]
fn number(field: &str, value: Option<String>) -> Result<Option<i64>, AppError> {
    match value.as_deref().map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => v
            .parse()
            .map(Some)
            .map_err(|_| fail(AppError::invalid(field, crate::i18n::T::ForumNumberInvalid))),
    }
}

#[server(endpoint = "forum/index")]
pub async fn load_forum(community: String) -> Result<ForumIndex, AppError> {
    let (state, c, actor) = enter(&community, Action::OpenCommunity).await?;
    super::service::index(&state, &actor, &c, detect_lang())
        .await
        .map_err(fail)
}

#[server(endpoint = "forum/category")]
pub async fn load_category(
    community: String,
    category: String,
    page: Option<i64>,
) -> Result<CategoryPage, AppError> {
    let (state, c, actor) = enter(&community, Action::OpenCommunity).await?;
    super::service::category_page(&state, &actor, &c, &category, page, detect_lang())
        .await
        .map_err(fail)
}

#[server(endpoint = "forum/thread")]
pub async fn load_thread(
    community: String,
    thread: i64,
    page: Option<i64>,
    quote: Option<i64>,
) -> Result<ThreadPage, AppError> {
    let (state, c, actor) = enter(&community, Action::OpenCommunity).await?;
    super::service::thread_page(&state, &actor, &c, thread, page, quote, detect_lang())
        .await
        .map_err(fail)
}

#[server(endpoint = "forum/search")]
pub async fn search_forum(
    community: String,
    q: String,
    page: Option<i64>,
) -> Result<ForumSearch, AppError> {
    let (state, c, actor) = enter(&community, Action::OpenCommunity).await?;
    super::service::search(&state, &actor, &c, &q, page)
        .await
        .map_err(fail)
}

#[server(endpoint = "forum/queue")]
pub async fn load_queue(community: String) -> Result<ModerationQueue, AppError> {
    let (state, c, actor) = enter(&community, Action::ModerateCommunity).await?;
    super::moderation::queue(&state, &actor, &c, detect_lang())
        .await
        .map_err(fail)
}

#[server(endpoint = "forum/new-thread")]
pub async fn new_thread(
    community: String,
    category: i64,
    title: String,
    body: String,
) -> Result<i64, AppError> {
    let (state, c, actor) = enter(&community, Action::PostInCommunity).await?;
    let id = super::posting::start_thread(&state, &actor, &c, category, &title, &body, &[])
        .await
        .map_err(fail)?;
    go_to(&format!("/comunita/{}/forum/t/{id}", c.slug));
    Ok(id)
}

#[server(endpoint = "forum/reply")]
pub async fn reply(community: String, thread: i64, body: String) -> Result<i64, AppError> {
    let (state, c, actor) = enter(&community, Action::PostInCommunity).await?;
    let number = super::posting::reply(&state, &actor, &c, thread, &body, &[])
        .await
        .map_err(fail)?;
    go_to(&post_path(&c.slug, thread, number));
    Ok(number)
}

/// Keeps the text of the reply box, or the title and text of a new thread (without
/// `thread`), sent when a field loses focus, so that it is there when the writer
/// comes back; an empty text forgets it. `seen` is how many posts the thread had
/// (for a new thread: how many threads the writer had started) when the page was
/// loaded: if the writer has posted since, the save is late and is ignored.
#[server(endpoint = "forum/save-draft")]
pub async fn save_draft(
    community: String,
    thread: Option<i64>,
    title: Option<String>,
    body: String,
    seen: i64,
) -> Result<(), AppError> {
    let (state, c, actor) = enter(&community, Action::PostInCommunity).await?;
    let title = title.unwrap_or_default();
    Bounded::<0, { super::model::TITLE_MAX_CHARS }>::field(
        "title",
        &title,
        crate::i18n::T::ForumTitleTooLong,
    )
    .map_err(fail)?;
    Bounded::<0, { super::model::BODY_MAX_CHARS }>::field(
        "body",
        &body,
        crate::i18n::T::ForumBodyTooLong,
    )
    .map_err(fail)?;
    let late = match thread {
        Some(thread) => {
            super::repo::thread(&state.db, c.id, thread, Some(actor.account_id))
                .await?
                .ok_or_else(|| fail(AppError::NotFound))?;
            super::drafts::posted_since(&state.db, thread, actor.account_id, seen).await?
        }
        None => super::drafts::threads_started(&state.db, c.id, actor.account_id).await? > seen,
    };
    if late {
        return Ok(());
    }
    let at = super::service::place(&actor, &c, thread);
    super::drafts::save(&state.db, at, &title, &body, state.clock.now()).await?;
    Ok(())
}

/// Gives a reaction, or takes it back.
#[server(endpoint = "forum/react")]
pub async fn react(community: String, post: i64, kind: String) -> Result<bool, AppError> {
    let (state, c, actor) = enter(&community, Action::PostInCommunity).await?;
    let (on, p) = super::post_actions::react(&state, &actor, &c, post, &kind)
        .await
        .map_err(fail)?;
    go_to(&at_post(&c, &p));
    Ok(on)
}

#[server(endpoint = "forum/flag")]
pub async fn flag_post(
    community: String,
    post: i64,
    reason: String,
    note: Option<String>,
) -> Result<(), AppError> {
    let (state, c, actor) = enter(&community, Action::PostInCommunity).await?;
    let p = super::post_actions::flag(
        &state,
        &actor,
        &c,
        post,
        &reason,
        note.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(fail)?;
    go_to(&at_post(&c, &p));
    Ok(())
}

/// Marks (or unmarks) the answer that solved the thread.
#[server(endpoint = "forum/solve")]
pub async fn solve(community: String, post: i64) -> Result<(), AppError> {
    let (state, c, actor) = enter(&community, Action::PostInCommunity).await?;
    let p = super::post_actions::solve(&state, &actor, &c, post)
        .await
        .map_err(fail)?;
    go_to(&at_post(&c, &p));
    Ok(())
}

/// Follows a thread or a category (`to` = `segui`) or stops (`smetti`).
#[server(endpoint = "forum/watch")]
pub async fn watch(
    community: String,
    thread: Option<i64>,
    category: Option<i64>,
    to: String,
    back: String,
) -> Result<(), AppError> {
    // Following is reading: a silenced member may still follow.
    let (state, c, actor) = enter(&community, Action::OpenCommunity).await?;
    let on = match to.as_str() {
        "segui" => true,
        "smetti" => false,
        _ => {
            return Err(fail(AppError::invalid(
                "to",
                crate::i18n::T::ValidationChoice,
            )))
        }
    };
    super::post_actions::watch(&state, &actor, &c, thread, category, on)
        .await
        .map_err(fail)?;
    let back = if back.starts_with(&format!("/comunita/{}/", c.slug)) {
        back
    } else {
        super::model::forum_path(&c.slug)
    };
    go_to(&back);
    Ok(())
}

#[server(endpoint = "forum/new-category")]
pub async fn new_category(
    community: String,
    name: String,
    description: Option<String>,
) -> Result<String, AppError> {
    let (state, c, _) = enter(&community, Action::ModerateCommunity).await?;
    let slug = super::moderation::create_category(
        &state,
        &request_info(),
        &c,
        &name,
        description.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(fail)?;
    go_to(&format!("/comunita/{}/forum/{slug}", c.slug));
    Ok(slug)
}

/// Pins, locks and moves a thread (checkboxes: present means on).
#[server(endpoint = "forum/thread-state")]
pub async fn thread_state(
    community: String,
    thread: i64,
    category: i64,
    pinned: Option<String>,
    locked: Option<String>,
) -> Result<(), AppError> {
    let (state, c, actor) = enter(&community, Action::ModerateCommunity).await?;
    super::moderation::set_thread(
        &state,
        &request_info(),
        &actor,
        &c,
        thread,
        pinned.is_some(),
        locked.is_some(),
        category,
    )
    .await
    .map_err(fail)?;
    go_to(&format!("/comunita/{}/forum/t/{thread}", c.slug));
    Ok(())
}

/// Moves some replies (`posts`: "4, 7-9") into a new thread; where it is.
#[server(endpoint = "forum/split")]
pub async fn split_thread(
    community: String,
    thread: i64,
    posts: String,
    title: String,
    category: i64,
) -> Result<String, AppError> {
    let (state, c, actor) = enter(&community, Action::ModerateCommunity).await?;
    let new = super::moves::split(
        &state,
        &request_info(),
        &actor,
        &c,
        thread,
        &posts,
        &title,
        category,
    )
    .await
    .map_err(fail)?;
    let to = format!("/comunita/{}/forum/t/{new}", c.slug);
    go_to(&to);
    Ok(to)
}

/// Merges a thread into the one `into` names (its address or number); where it is.
#[server(endpoint = "forum/merge")]
pub async fn merge_thread(
    community: String,
    thread: i64,
    into: String,
) -> Result<String, AppError> {
    let (state, c, actor) = enter(&community, Action::ModerateCommunity).await?;
    let target = super::moves::merge(&state, &request_info(), &actor, &c, thread, &into)
        .await
        .map_err(fail)?;
    let to = format!("/comunita/{}/forum/t/{target}", c.slug);
    go_to(&to);
    Ok(to)
}

/// Approves (`approva`) or hides (`nascondi`, with a reason) a post.
#[server(endpoint = "forum/decide")]
pub async fn decide(
    community: String,
    post: i64,
    decision: String,
    reason: Option<String>,
    back: Option<String>,
) -> Result<(), AppError> {
    let (state, c, _) = enter(&community, Action::ModerateCommunity).await?;
    let decision = super::moderation::Decision::from_code(&decision).ok_or_else(|| {
        fail(AppError::invalid(
            "decision",
            crate::i18n::T::ValidationChoice,
        ))
    })?;
    let p = super::moderation::decide(
        &state,
        &request_info(),
        &c,
        post,
        decision,
        reason.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(fail)?;
    match back.as_deref() {
        Some("coda") => go_to(&format!("/comunita/{}/moderazione", c.slug)),
        _ => go_to(&at_post(&c, &p)),
    };
    Ok(())
}

#[server(endpoint = "forum/edit")]
pub async fn edit_post(
    community: String,
    post: i64,
    body: String,
    note: String,
) -> Result<(), AppError> {
    let (state, c, _) = enter(&community, Action::ModerateCommunity).await?;
    let p = super::moderation::edit(&state, &request_info(), &c, post, &body, &note)
        .await
        .map_err(fail)?;
    go_to(&at_post(&c, &p));
    Ok(())
}

#[server(endpoint = "forum/restrict")]
pub async fn restrict(
    community: String,
    account: AccountId,
    kind: String,
    days: Option<String>,
    reason: String,
) -> Result<i64, AppError> {
    let (state, c, actor) = enter(&community, Action::ModerateCommunity).await?;
    let days = number("days", days)?;
    let id = super::restrictions::restrict(
        &state,
        &request_info(),
        &actor,
        &c,
        account,
        &kind,
        days,
        &reason,
    )
    .await
    .map_err(fail)?;
    go_to(&format!("/comunita/{}/moderazione#provvedimenti", c.slug));
    Ok(id)
}

#[server(endpoint = "forum/lift")]
pub async fn lift(community: String, restriction: i64) -> Result<(), AppError> {
    let (state, c, _) = enter(&community, Action::ModerateCommunity).await?;
    super::restrictions::lift(&state, &request_info(), &c, restriction)
        .await
        .map_err(fail)?;
    go_to(&format!("/comunita/{}/moderazione#provvedimenti", c.slug));
    Ok(())
}
