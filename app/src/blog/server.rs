//! Server functions of the blog. Reading is public (`ReadPublic`: drafts only to
//! those who may write); writing needs `PostInCommunity` and a tutor's authorisation
//! for members (given on the members' page, `blog/author` in `community::server`); tutors
//! (`ModerateCommunity`) hide comments.

use super::model::{BlogIndex, Editor, PostPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::model::post_path,
    crate::auth::policy::{Action, Target},
    crate::auth::server::{authorize, fail, go_to, request_info},
    crate::community::model::CommunityRef,
    crate::community::server::enter,
    crate::i18n::detect_lang,
    crate::state::{app_state, AppState},
};

/// A community's public blog, for anyone.
#[cfg(feature = "ssr")]
async fn public(
    slug: &str,
) -> Result<(AppState, CommunityRef, Option<crate::auth::model::Actor>), AppError> {
    let actor = authorize(Action::ReadPublic, Target::Site)?;
    let state = app_state()?;
    let c = crate::community::repo::by_slug(&state.db, slug)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    Ok((state, c, actor))
}

#[server(endpoint = "blog/index")]
pub async fn load_blog(
    community: String,
    tag: Option<String>,
    page: Option<i64>,
) -> Result<BlogIndex, AppError> {
    let (state, c, actor) = public(&community).await?;
    super::service::index(&state, actor.as_ref(), &c, tag, page, detect_lang())
        .await
        .map_err(fail)
}

#[server(endpoint = "blog/post")]
pub async fn load_post(community: String, post: String) -> Result<PostPage, AppError> {
    let (state, c, actor) = public(&community).await?;
    super::service::page(&state, actor.as_ref(), &c, &post, detect_lang())
        .await
        .map_err(fail)
}

/// The editor of a new post (`post` empty) or of one to change.
#[server(endpoint = "blog/editor")]
pub async fn load_editor(community: String, post: Option<String>) -> Result<Editor, AppError> {
    let (state, c, actor) = enter(&community, Action::PostInCommunity).await?;
    super::service::editor(
        &state,
        &actor,
        &c,
        post.as_deref().filter(|p| !p.is_empty()),
    )
    .await
    .map_err(fail)
}

/// Returns where to go next: the post's page.
#[server(endpoint = "blog/save")]
#[allow(clippy::too_many_arguments)]
pub async fn save_post(
    community: String,
    post: Option<String>,
    title: String,
    summary: String,
    body: String,
    tags: String,
    publish: Option<String>,
) -> Result<String, AppError> {
    let (state, c, actor) = enter(&community, Action::PostInCommunity).await?;
    let draft = super::service::Draft {
        title,
        summary,
        body,
        tags,
        published: publish.is_some(),
    };
    let existing = post.as_deref().filter(|p| !p.is_empty());
    let slug = super::service::save(&state, &actor, &c, existing, draft)
        .await
        .map_err(fail)?;
    Ok(go_to(&post_path(&c.slug, &slug)))
}

#[server(endpoint = "blog/comment")]
pub async fn comment(community: String, post: String, body: String) -> Result<i64, AppError> {
    let (state, c, actor) = enter(&community, Action::PostInCommunity).await?;
    let id = super::service::comment(&state, &actor, &c, &post, &body)
        .await
        .map_err(fail)?;
    go_to(&format!("{}#commento-{id}", post_path(&c.slug, &post)));
    Ok(id)
}

#[server(endpoint = "blog/hide-comment")]
pub async fn hide_comment(community: String, post: String, id: i64) -> Result<(), AppError> {
    let (state, c, _) = enter(&community, Action::ModerateCommunity).await?;
    super::service::hide_comment(&state, &request_info(), &c, &post, id)
        .await
        .map_err(fail)?;
    go_to(&post_path(&c.slug, &post));
    Ok(())
}
