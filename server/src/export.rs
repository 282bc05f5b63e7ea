//! `GET /account/dati.json`: the signed-in person's data as a JSON download
//! (GDPR articles 15 and 20). Authorized by the same policy as everything else.

use app::auth::policy::{decide, Action, Decision, Target};
use app::auth::server::RequestInfo;
use app::state::AppState;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;

pub async fn download(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
) -> Response {
    let decision = decide(
        info.actor.as_ref(),
        Action::ExportOwnData,
        Target::OwnAccount,
    );
    let actor = match (decision, &info.actor) {
        (Decision::Allowed, Some(actor)) => actor.clone(),
        (Decision::NeedsLogin, _) | (_, None) => {
            return (
                StatusCode::SEE_OTHER,
                [(header::LOCATION, "/account/accedi?next=/account")],
            )
                .into_response()
        }
        _ => return StatusCode::FORBIDDEN.into_response(),
    };
    match app::account::export::export(&state, &info, &actor).await {
        Ok(value) => {
            let body = serde_json::to_string_pretty(&value).unwrap_or_default();
            let day = app::i18n::Lang::local_date(state.clock.now());
            (
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
                .into_response()
        }
        Err(e) => StatusCode::from_u16(e.status())
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
            .into_response(),
    }
}
