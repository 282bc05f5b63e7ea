//! The one check every server function of the social-media team makes first: the
//! ente exists and the person works in its social-media team (`ManageSocial`).

use crate::auth::model::{Actor, Scope};
use crate::auth::policy::{Action, Target};
use crate::auth::server::{fail, require};
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::state::{app_state, AppState};

/// The state, the ente and the operator, once `ManageSocial` is granted there.
pub(crate) async fn team(ente: &str) -> Result<(AppState, Ente, Actor), AppError> {
    let state = app_state()?;
    let found = crate::ente::repo::by_slug(&state.db, ente)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?;
    let actor = require(Action::ManageSocial, Target::In(Scope::Ente(found.id)))?;
    Ok((state, found, actor))
}
