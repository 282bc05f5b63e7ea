//! `GET /gestione/{ente}/newsletter/{id}/anteprima`: an issue's HTML as recipients
//! get it, for the frame on the issue's page (the desk's people only). Its own
//! policy: no script, no request anywhere, framed only by the site itself.

use crate::gate::{self, Login};
use app::auth::model::Scope;
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::newsletter::render::personal;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;

pub async fn show(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, id)): Path<(String, i64)>,
) -> Result<Response, Response> {
    let today = app::i18n::Lang::local_date(state.clock.now());
    let frame = gate::found(&info, app::ente::repo::frame(&state.db, &ente, today).await)?;
    let ente = frame.ente.clone();
    gate::require(
        &info,
        Action::ManageNewsletter,
        Target::In(Scope::Ente(ente.id)),
        Login::Status,
    )?;
    if !frame.has(app::ente::model::Module::Newsletter) {
        return Err(gate::refuse(&info, app::error::AppError::NotFound));
    }
    let html = gate::found(
        &info,
        app::newsletter::issue_repo::html_of(&state.db, ente.id, id).await,
    )?;
    let html = personal(&html, "#", "#");
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; \
                 form-action 'none'; frame-ancestors 'self'",
            ),
            (header::X_FRAME_OPTIONS, "SAMEORIGIN"),
        ],
        html,
    )
        .into_response())
}
