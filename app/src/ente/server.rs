//! The frame of an ente's public pages (who it is, which modules it has on) and the
//! list of enti, for every module's public pages.

use super::model::{EnteFrame, EnteSummary};
use crate::error::AppError;
use leptos::prelude::*;

/// The state and the frame of a public page of an ente (NotFound for an unknown one).
#[cfg(feature = "ssr")]
pub async fn public_frame(slug: &str) -> Result<(crate::state::AppState, EnteFrame), AppError> {
    use crate::auth::server::{authorize, fail};
    authorize(crate::auth::Action::ReadPublic, crate::auth::Target::Site)?;
    let state = crate::state::app_state()?;
    let today = crate::i18n::Lang::local_date(state.clock.now());
    let frame = super::repo::frame(&state.db, slug, today)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    Ok((state, frame))
}

/// The state, the ente and the person working in it, once `action` is granted there
/// (NotFound for an unknown ente): the first check of every work area's server
/// functions (the newsroom, the press office, the social-media team).
#[cfg(feature = "ssr")]
pub async fn at_work(
    slug: &str,
    action: crate::auth::policy::Action,
) -> Result<
    (
        crate::state::AppState,
        super::model::Ente,
        crate::auth::model::Actor,
    ),
    AppError,
> {
    use crate::auth::model::Scope;
    use crate::auth::server::{fail, require};
    let state = crate::state::app_state()?;
    let found = super::repo::by_slug(&state.db, slug)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let actor = require(
        action,
        crate::auth::policy::Target::In(Scope::Ente(found.id)),
    )?;
    Ok((state, found, actor))
}

/// The frame of a section page, which exists only while its module is active.
#[cfg(feature = "ssr")]
pub async fn module_frame(
    slug: &str,
    module: super::model::Module,
) -> Result<(crate::state::AppState, EnteFrame), AppError> {
    let (state, frame) = public_frame(slug).await?;
    if frame.has(module) {
        Ok((state, frame))
    } else {
        Err(crate::auth::server::fail(AppError::NotFound))
    }
}

/// The enti of this deployment, aggregations first.
#[server(endpoint = "ente/list")]
pub async fn list_enti() -> Result<Vec<EnteSummary>, AppError> {
    crate::auth::server::authorize(crate::auth::Action::ReadPublic, crate::auth::Target::Site)?;
    let db = crate::state::db()?;
    Ok(super::repo::list_summaries(&db).await?)
}

/// The frame alone, for the pages every ente has (privacy, accessibility).
#[server(endpoint = "ente/frame")]
pub async fn load_ente_frame(slug: String) -> Result<EnteFrame, AppError> {
    Ok(public_frame(&slug).await?.1)
}
