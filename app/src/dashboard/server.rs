//! Server functions of the work areas.

use super::model::{CommunityHome, Dashboard, WorkArea};
use crate::community::model::{MembersPage, Settings};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    crate::auth::model::Scope,
    crate::auth::policy::{Action, Target},
    crate::auth::server::{fail, require},
    crate::community::server::enter,
    crate::state::app_state,
};

/// `/gestione`: where the signed-in person works.
#[server(endpoint = "work/area")]
pub async fn load_work_area() -> Result<WorkArea, AppError> {
    let actor = require(Action::ViewOwnAccount, Target::OwnAccount)?;
    let state = app_state()?;
    super::service::work_area(&state, &actor).await
}

/// The dashboard of an ente, for the people who work there.
#[server(endpoint = "work/dashboard")]
pub async fn load_dashboard(ente: String) -> Result<Dashboard, AppError> {
    let state = app_state()?;
    let found = crate::ente::repo::by_slug(&state.db, &ente)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let actor = require(Action::OpenDashboard, Target::In(Scope::Ente(found.id)))?;
    let ente = crate::ente::model::EnteRef {
        id: found.id,
        slug: found.slug,
        name: found.name,
        kind: found.kind,
    };
    super::service::dashboard(&state, &actor, ente, crate::i18n::detect_lang()).await
}

/// The reserved home of a community, for its members and tutors.
#[server(endpoint = "work/community")]
pub async fn load_community(slug: String) -> Result<CommunityHome, AppError> {
    let state = app_state()?;
    let community = crate::community::repo::by_slug(&state.db, &slug)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let scope = crate::community::model::scope_of(&community);
    let actor = require(Action::OpenCommunity, Target::In(scope))?;
    super::service::community_home(&state, &actor, community, crate::i18n::detect_lang()).await
}

/// `/comunita/{slug}/membri`: the members, and for tutors the requests to join.
#[server(endpoint = "community/members")]
pub async fn load_members(community: String) -> Result<MembersPage, AppError> {
    let (state, c, actor) = enter(&community, Action::OpenCommunity).await?;
    super::service::members_page(&state, &actor, &c, crate::i18n::detect_lang())
        .await
        .map_err(fail)
}

/// `/comunita/{slug}/impostazioni`, for tutors.
#[server(endpoint = "community/settings")]
pub async fn load_settings(community: String) -> Result<Settings, AppError> {
    let (state, c, actor) = enter(&community, Action::ModerateCommunity).await?;
    super::service::settings(&state, &actor, &c)
        .await
        .map_err(fail)
}
