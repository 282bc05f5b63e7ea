//! The one check every server function of the social-media team makes first: the
//! ente exists and the person works in its social-media team (`ManageSocial`).

use crate::auth::model::Actor;
use crate::auth::policy::Action;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::state::AppState;

/// The state, the ente and the operator, once `ManageSocial` is granted there.
pub(crate) async fn team(ente: &str) -> Result<(AppState, Ente, Actor), AppError> {
    crate::ente::server::at_work(ente, Action::ManageSocial).await
}
