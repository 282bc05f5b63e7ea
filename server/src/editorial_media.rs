//! `POST /gestione/{ente}/social/piano/{id}/immagini`: an image for an editorial
//! item, with its alternative text, from the item page's plain multipart form. What
//! comes with the file is checked before the file is read and stored; a refusal goes
//! back to the item as `?errore=<code>#immagini`.

use crate::community_files::{check_all, first_problem, status_of, with_problem};
use crate::files::read_form;
use app::auth::model::Scope;
use app::auth::policy::{decide, Action, Decision, Target};
use app::auth::server::RequestInfo;
use app::i18n::T;
use app::social::model::item_path;
use app::state::AppState;
use app::upload::check::Accept;
use app::upload::model::problem_code;
use axum::extract::{Multipart, Path, State};
use axum::http::StatusCode;
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
) -> Response {
    let Ok(Some(found)) = app::ente::repo::by_slug(&state.db, &ente).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let back = item_path(&found.slug, id);
    match decide(
        info.actor.as_ref(),
        Action::ManageSocial,
        Target::In(Scope::Ente(found.id)),
    ) {
        Decision::Allowed => {}
        Decision::NeedsLogin => {
            return Redirect::to(&app::components::nav::login_href(&back)).into_response()
        }
        _ => return StatusCode::FORBIDDEN.into_response(),
    }
    let Some(actor) = info.actor.clone() else {
        return StatusCode::FORBIDDEN.into_response();
    };
    let mut form = match read_form(multipart, 1).await {
        Ok(f) => f,
        Err(t) => return with_problem(&back, problem_code(t), "immagini"),
    };
    let Some(first) = form.files.pop() else {
        return with_problem(&back, problem_code(T::UploadMissing), "immagini");
    };
    let alt = form.text("alt").to_string();
    if let Err(e) = app::social::media::check_add(&state, &found, id, &alt).await {
        return match first_problem(&e) {
            Some(t) => with_problem(&back, code_of(t), "immagini"),
            None => status_of(&e),
        };
    }
    let file = match check_all(&state, &info, vec![first], Accept::Images).await {
        Ok(mut f) => f.remove(0),
        Err(Ok(t)) => return with_problem(&back, problem_code(t), "immagini"),
        Err(Err(r)) => return r,
    };
    match app::social::media::add(&state, &found, actor.account_id, id, &alt, &file).await {
        Ok(()) => Redirect::to(&format!("{back}?immagine=1#immagini")).into_response(),
        Err(e) => match first_problem(&e) {
            Some(t) => with_problem(&back, code_of(t), "immagini"),
            None => status_of(&e),
        },
    }
}
