//! `/newsletter/uscita/{token}`, the address of every newsletter mail's
//! `List-Unsubscribe` header (RFC 8058). A POST, as mail clients send it
//! (`List-Unsubscribe=One-Click`, no cookies), takes the subscriber off that list at
//! once and answers 200 with a short text, never a redirect. It is the only
//! state-changing address outside the site's forms, so the CSRF guard lets it
//! through: the token in the address, signed by the deployment, is the whole
//! authority, and nothing of the caller's session is used. A GET (an older client
//! opening the address) leads to the page with the button.

use crate::gate;
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::error::AppError;
use app::i18n::T;
use app::newsletter::links::Keys;
use app::newsletter::model::paths;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// The prefix the CSRF guard lets through.
pub const PREFIX: &str = "/newsletter/uscita/";

/// The subscriber, list and ente slug a genuine token names.
async fn named(
    state: &AppState,
    info: &RequestInfo,
    token: &str,
) -> Result<(i64, i64, String), Response> {
    gate::allow(info, Action::ReadPublic, Target::Site, gate::Login::Status)?;
    let keys = gate::ok(info, Keys::load(&state.db).await)?;
    let (subscriber, list) = keys
        .check_leave(token.get(..100).unwrap_or(token))
        .ok_or_else(|| AppError::NotFound.into_response())?;
    let (ente, _, _) = gate::found(
        info,
        app::newsletter::repo::subscriber_by_id(&state.db, subscriber).await,
    )?;
    let ente = gate::found(info, app::ente::repo::by_id(&state.db, ente).await)?;
    Ok((subscriber, list, ente.slug))
}

pub async fn leave(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(token): Path<String>,
) -> Result<Response, Response> {
    let (subscriber, list, _) = named(&state, &info, &token).await?;
    gate::ok(
        &info,
        app::newsletter::subscribe::leave(&state, &info, subscriber, list, "one-click").await,
    )?;
    let text = format!("{}\n", info.lang.t(T::NewsletterOneClickDone));
    Ok((
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text,
    )
        .into_response())
}

pub async fn open(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(token): Path<String>,
) -> Result<Response, Response> {
    let (_, _, slug) = named(&state, &info, &token).await?;
    Ok(Redirect::to(&format!("{}?token={token}", paths::leave(&slug))).into_response())
}
