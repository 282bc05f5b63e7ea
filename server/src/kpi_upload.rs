//! `POST /gestione/{ente}/social/kpi/carica`: a platform's analytics export for one
//! channel, from the KPI page's plain multipart form (with or without JavaScript).
//! The file is kept until its column mapping is confirmed; a file that cannot be
//! read comes back to the KPI page with its problems, line by line.

use crate::files::{count_upload, read_form};
use app::auth::model::Scope;
use app::auth::policy::{decide, Action, Decision, Target};
use app::auth::server::RequestInfo;
use app::social::kpi::kpi_path;
use app::state::AppState;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

pub async fn upload(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(ente): Path<String>,
    multipart: Multipart,
) -> Response {
    let Ok(Some(found)) = app::ente::repo::by_slug(&state.db, &ente).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let actor = match decide(
        info.actor.as_ref(),
        Action::ManageSocial,
        Target::In(Scope::Ente(found.id)),
    ) {
        Decision::Allowed => info.actor.clone(),
        Decision::NeedsLogin => {
            return Redirect::to(&app::components::nav::login_href(&kpi_path(&found.slug)))
                .into_response()
        }
        _ => None,
    };
    let Some(actor) = actor else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let back = kpi_path(&found.slug);
    let form = match read_form(multipart, 1).await {
        Ok(f) => f,
        Err(problem) => {
            return Redirect::to(&format!(
                "{back}?errore={}#kpi-upload",
                app::upload::model::problem_code(problem)
            ))
            .into_response()
        }
    };
    let Some((name, bytes)) = form.files.into_iter().next() else {
        return Redirect::to(&format!(
            "{back}?errore={}#kpi-upload",
            app::upload::model::problem_code(app::i18n::T::UploadMissing)
        ))
        .into_response();
    };
    if let Err(refused) = count_upload(&state, &info).await {
        return refused;
    }
    let channel = form
        .texts
        .get("channel")
        .and_then(|c| c.trim().parse::<i64>().ok())
        .unwrap_or(0);
    match app::social::kpi_service::upload(&state, &found, &actor, channel, &name, bytes).await {
        Ok(next) => Redirect::to(&next).into_response(),
        Err(app::error::AppError::Invalid(_)) => {
            Redirect::to(&format!("{back}?errore=canale#kpi-upload")).into_response()
        }
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}
