//! Server functions of communities: the directory and creation (for whoever the
//! policy lets create one), requests to join, members, settings.

use super::model::{Directory, NewCommunityChoices};
use crate::error::AppError;
use crate::ids::AccountId;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::model::scope_of,
    super::model::{community_path, CommunityRef, RequestDecision},
    crate::auth::model::{Actor, Role},
    crate::auth::policy::{Action, Target},
    crate::auth::server::{fail, go_to, request_info, require},
    crate::i18n::T,
    crate::state::{app_state, AppState},
};

/// The community named by `slug`, after the policy allowed `action` there.
#[cfg(feature = "ssr")]
pub(crate) async fn enter(
    slug: &str,
    action: Action,
) -> Result<(AppState, CommunityRef, Actor), AppError> {
    let state = app_state()?;
    let community = super::repo::by_slug(&state.db, slug)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let actor = require(action, Target::In(scope_of(&community)))?;
    Ok((state, community, actor))
}

/// `/comunita`: one's own communities and the open ones. Anyone signed in sees it
/// (it is their own view of the platform, like their account page).
#[server(endpoint = "community/directory")]
pub async fn load_directory() -> Result<Directory, AppError> {
    let actor = require(Action::ViewOwnAccount, Target::OwnAccount)?;
    let state = app_state()?;
    super::service::directory(&state, &actor)
        .await
        .map_err(fail)
}

#[server(endpoint = "community/new")]
pub async fn load_new_community() -> Result<NewCommunityChoices, AppError> {
    let actor = require(Action::ViewOwnAccount, Target::OwnAccount)?;
    let state = app_state()?;
    let choices = super::service::choices(&state, &actor).await?;
    if choices.runners.is_empty() {
        return Err(fail(AppError::Forbidden));
    }
    Ok(choices)
}

/// `runner`: the slug of the ente that runs the community, or "" for the platform.
/// Returns where to go next: the new community's members' page.
#[server(endpoint = "community/create")]
pub async fn create_community(
    name: String,
    slug: String,
    description: String,
    visibility: String,
    runner: String,
) -> Result<String, AppError> {
    let state = app_state()?;
    let ente = match runner.trim() {
        "" => None,
        code => Some(
            crate::ente::repo::by_slug(&state.db, code)
                .await?
                .ok_or_else(|| fail(AppError::invalid("runner", T::ValidationChoice)))?
                .id,
        ),
    };
    let scope = super::service::creation_scope(ente);
    let actor = require(Action::CreateCommunity, Target::In(scope))?;
    let input = super::service::NewCommunityInput {
        name,
        slug,
        description,
        visibility,
    };
    let slug = super::service::create(&state, &request_info(), &actor, ente, input)
        .await
        .map_err(fail)?;
    Ok(go_to(&community_path(&slug, "membri")))
}

/// Asks to join an open community (a verified account that is not in it yet).
#[server(endpoint = "community/ask")]
pub async fn ask_to_join(community: String, message: String) -> Result<(), AppError> {
    let actor = require(Action::Participate, Target::Site)?;
    let state = app_state()?;
    let c = super::repo::by_slug(&state.db, &community)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    super::service::ask_to_join(&state, &actor, &c, &message)
        .await
        .map_err(fail)?;
    go_to("/comunita?richiesta=1");
    Ok(())
}

/// Approves (`approve`) or declines (`decline`, with an optional reason) a request.
#[server(endpoint = "community/decide")]
pub async fn decide_request(
    community: String,
    request: i64,
    decision: String,
    reason: Option<String>,
) -> Result<(), AppError> {
    let (state, c, actor) = enter(&community, Action::Appoint(Role::CommunityMember)).await?;
    let decision = RequestDecision::from_code(&decision)
        .ok_or_else(|| fail(AppError::invalid("decision", T::ValidationChoice)))?;
    super::service::decide_request(
        &state,
        &request_info(),
        &actor,
        &c,
        request,
        decision,
        reason.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(fail)?;
    go_to(&community_path(&c.slug, "membri"));
    Ok(())
}

/// Lets a member write on the blog (`on` present), or stops it.
#[server(endpoint = "blog/author")]
pub async fn set_author(
    community: String,
    account: AccountId,
    on: Option<String>,
) -> Result<(), AppError> {
    let (state, c, actor) = enter(&community, Action::ModerateCommunity).await?;
    super::service::set_blog_author(&state, &actor, &c, account, on.is_some())
        .await
        .map_err(fail)?;
    go_to(&community_path(&c.slug, "membri"));
    Ok(())
}

#[server(endpoint = "community/save-settings")]
pub async fn save_settings(
    community: String,
    description: String,
    visibility: String,
    flag_threshold: String,
    approve_first_posts: String,
) -> Result<(), AppError> {
    let (state, c, _) = enter(&community, Action::ModerateCommunity).await?;
    super::service::save_settings(
        &state,
        &request_info(),
        &c,
        &description,
        &visibility,
        (&flag_threshold, &approve_first_posts),
    )
    .await
    .map_err(fail)?;
    go_to(&community_path(&c.slug, "impostazioni?salvato=1"));
    Ok(())
}
