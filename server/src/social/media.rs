//! `POST /gestione/{ente}/social/piano/{id}/immagini`: an image for an editorial
//! item, with its alternative text, from the item page's plain multipart form. What
//! comes with the file is checked before the file is read and stored; a refusal goes
//! back to the item as `?errore=<code>#immagini`.

use crate::gate::Login;
use crate::upload::Back;
use app::auth::server::RequestInfo;
use app::i18n::T;
use app::social::paths::item_path;
use app::state::AppState;
use app::upload::check::Accept;
use app::upload::model::problem_code;
use axum::extract::{Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// The code a refusal goes back with (the item page says it in words).
pub fn code_of(problem: T) -> &'static str {
    match problem {
        T::EditorialMediaFull => "pieno",
        T::EditorialNotEditable => "approvato",
        other => problem_code(other),
    }
}

pub async fn upload(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((ente, id)): Path<(String, i64)>,
    multipart: Multipart,
) -> Result<Response, Response> {
    let page = item_path(&ente, id);
    let (found, actor) = super::team(&state, &info, &ente, Login::Back(&page)).await?;
    let back = Back {
        page: &page,
        anchor: "immagini",
        code: code_of,
    };
    let mut form = back.read(multipart, 1).await?;
    let first = form
        .files
        .pop()
        .ok_or_else(|| back.with(T::UploadMissing))?;
    let alt = form.text("alt").to_string();
    app::social::plan::media::check_add(&state, &found, id, &alt)
        .await
        .map_err(|e| back.refused(&info, e))?;
    let file = back
        .check_all(&state, &info, vec![first], Accept::Images)
        .await?
        .remove(0);
    app::social::plan::media::add(&state, &found, actor.account_id, id, &alt, &file)
        .await
        .map_err(|e| back.refused(&info, e))?;
    Ok(Redirect::to(&format!("{page}?immagine=1#immagini")).into_response())
}
