//! The social-media team's plain handlers: the editorial plan's CSV and iCalendar
//! exports, the images of its items, the KPI exports uploaded from the platforms.

pub mod kpi_upload;
pub mod media;
pub mod plan_export;

use crate::gate::{self, Login};
use app::auth::model::{Actor, Scope};
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::ente::model::Ente;
use app::state::AppState;
use axum::response::Response;

/// The ente and the operator, when `ManageSocial` is granted there.
pub(crate) async fn team(
    state: &AppState,
    info: &RequestInfo,
    ente: &str,
    login: Login<'_>,
) -> Result<(Ente, Actor), Response> {
    let found = gate::found(info, app::ente::repo::by_slug(&state.db, ente).await)?;
    let actor = gate::require(
        info,
        Action::ManageSocial,
        Target::In(Scope::Ente(found.id)),
        login,
    )?;
    Ok((found, actor))
}
