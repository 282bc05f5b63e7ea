//! `GET /account/dati.json`: the signed-in person's data as a JSON download
//! (GDPR articles 15 and 20). Authorized by the same policy as everything else.

use crate::gate::{self, Login};
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::state::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Extension;

pub async fn download(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
) -> Result<Response, Response> {
    let target = Target::OwnAccount;
    let actor = gate::require(
        &info,
        Action::ExportOwnData,
        target,
        Login::Back("/account"),
    )?;
    let value = gate::ok(
        &info,
        app::privacy::export::export(&state, &info, &actor).await,
    )?;
    let body = serde_json::to_string_pretty(&value).unwrap_or_default();
    let day = app::i18n::Lang::local_date(state.clock.now());
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"piazza-dati-{day}.json\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response())
}
