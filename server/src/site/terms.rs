//! `GET /{ente}/servizi/{slug}/condizioni.txt`: a service's terms and conditions as
//! a plain-text file (the document the model's service card links as "Termini e
//! condizioni di servizio"), exactly as the ente wrote them.

use super::section;
use app::auth::server::RequestInfo;
use app::ente::model::Module;
use app::state::AppState;
use axum::extract::{Path, State};
use axum::response::Response;
use axum::Extension;

pub async fn conditions(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, slug)): Path<(String, String)>,
) -> Result<Response, Response> {
    let frame = section(&state, &info, &ente, Module::Site).await?;
    let (title, text) = crate::gate::found(
        &info,
        app::catalogue::repo::conditions(&state.db, frame.ente.id, &slug).await,
    )?;
    // The same file in every language (shared caches keep one copy): the ente's words.
    let body = format!("{title}\n\n{}\n\n{}\n", text.trim(), frame.ente.name);
    Ok(crate::formats::public(
        "text/plain; charset=utf-8",
        300,
        body,
    ))
}
