//! `POST /gestione/{ente}/sito/{notizie,luoghi}/{id}/immagine`: a news item's image
//! or a place's photo in the site's editor, with its alternative text, from the
//! entry's plain multipart form.
//! What comes with the file is checked before the file is read and stored; a
//! refusal goes back to the entry as `?errore=<code>#immagine`.

use crate::gate::{self, Login};
use crate::upload::Back;
use app::auth::model::Scope;
use app::auth::policy::{Action, Target};
use app::auth::server::RequestInfo;
use app::editor::model::EntryKind;
use app::editor::server::entry_path;
use app::error::AppError;
use app::i18n::T;
use app::state::AppState;
use app::upload::check::Accept;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

pub async fn upload(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, kind, id)): Path<(String, String, i64)>,
    multipart: Multipart,
) -> Result<Response, Response> {
    let kind =
        EntryKind::from_path(&kind).ok_or_else(|| gate::refuse(&info, AppError::NotFound))?;
    let page = entry_path(&ente, kind, id);
    let found = gate::found(&info, app::ente::repo::by_slug(&state.db, &ente).await)?;
    let actor = gate::require(
        &info,
        Action::ManageSite,
        Target::In(Scope::Ente(found.id)),
        Login::Back(&page),
    )?;
    let back = Back::to(&page, "immagine");
    let mut form = back.read(multipart, 1).await?;
    let first = form
        .files
        .pop()
        .ok_or_else(|| back.with(T::UploadMissing))?;
    let alt = form.text("alt").to_string();
    app::editor::media::check(&state, (&found, kind), id, &alt)
        .await
        .map_err(|e| back.refused(&info, e))?;
    let file = back
        .check_all(&state, &info, vec![first], Accept::Images)
        .await?
        .remove(0);
    app::editor::media::set(&state, (&found, kind), actor.account_id, id, &alt, &file)
        .await
        .map_err(|e| back.refused(&info, e))?;
    Ok(Redirect::to(&format!("{page}?salvato=1#immagine")).into_response())
}
