//! A community's uploads over HTTP, as plain multipart forms that work with or
//! without JavaScript: a new document (`POST /comunita/{slug}/carica-file`), a new
//! version (`POST /comunita/{slug}/file/{id}/versione`), the cover
//! (`POST /comunita/{slug}/copertina`); and the counted download of a version
//! (`GET /comunita/{slug}/file/{id}/scarica?versione=N`). Forum posts with files
//! are in `forum_posts.rs`. Each asks the policy first; a refusal of the content
//! goes back to the form as `?errore=<code>`.

use crate::files::{check_file, count_upload, read_form};
use app::auth::model::Actor;
use app::auth::policy::{decide, Action, Decision, Target};
use app::auth::server::RequestInfo;
use app::community::model::CommunityRef;
use app::error::AppError;
use app::files::model::{document_path, files_path};

use app::i18n::T;
use app::state::AppState;
use app::upload::check::{Accept, Checked};
use app::upload::model::problem_code;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

/// The community and the actor, when the policy allows `action` there; nobody
/// signed in is sent to log in.
pub(crate) async fn enter(
    state: &AppState,
    info: &RequestInfo,
    slug: &str,
    action: Action,
) -> Result<(CommunityRef, Actor), Response> {
    let found = match app::community::repo::by_slug(&state.db, slug).await {
        Ok(Some(c)) => c,
        Ok(None) => return Err(StatusCode::NOT_FOUND.into_response()),
        Err(_) => return Err(StatusCode::INTERNAL_SERVER_ERROR.into_response()),
    };
    let target = Target::In(app::forum::service::scope_of(&found));
    match (decide(info.actor.as_ref(), action, target), &info.actor) {
        (Decision::Allowed, Some(actor)) => Ok((found, actor.clone())),
        (Decision::NeedsLogin, _) | (_, None) => {
            Err(Redirect::to(&format!("/account/accedi?next=/comunita/{slug}")).into_response())
        }
        _ => Err(StatusCode::FORBIDDEN.into_response()),
    }
}

/// `path` with `?errore=code` (or `&errore=code`) and an anchor.
pub(crate) fn with_problem(path: &str, code: &str, anchor: &str) -> Response {
    let glue = if path.contains('?') { '&' } else { '?' };
    Redirect::to(&format!("{path}{glue}errore={code}#{anchor}")).into_response()
}

pub(crate) fn status_of(e: &AppError) -> Response {
    StatusCode::from_u16(e.status())
        .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
        .into_response()
}

/// The first problem of an invalid input, for the redirect.
pub(crate) fn first_problem(e: &AppError) -> Option<T> {
    match e {
        AppError::Invalid(list) => list.first().map(|f| f.problem),
        AppError::Refused(t) => Some(*t),
        _ => None,
    }
}

/// Checks every file of a form (each counted against the sender's allowance).
pub(crate) async fn check_all(
    state: &AppState,
    info: &RequestInfo,
    files: Vec<(String, Vec<u8>)>,
    accept: Accept,
) -> Result<Vec<Checked>, Result<T, Response>> {
    let mut out = Vec::new();
    for (name, bytes) in files {
        count_upload(state, info).await.map_err(Err)?;
        out.push(check_file(name, bytes, accept).await.map_err(Ok)?);
    }
    Ok(out)
}

pub async fn upload_document(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Response {
    let (c, actor) = match enter(&state, &info, &slug, Action::PostInCommunity).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let root = files_path(&c.slug, None);
    let form = match read_form(multipart, 1).await {
        Ok(f) => f,
        Err(t) => return with_problem(&root, problem_code(t), "upload-title"),
    };
    let folder = form.text("folder").trim().parse::<i64>().ok();
    let back = files_path(&c.slug, folder);
    let doc = app::files::service::NewDocument {
        folder,
        title: form.text("title").to_string(),
        description: form.text("description").to_string(),
    };
    let mut files = form.files;
    let Some(first) = files.pop() else {
        return with_problem(&back, problem_code(T::UploadMissing), "upload-title");
    };
    // The fields are checked before the file is read and stored.
    if let Err(e) = app::files::service::check_new(&state, &c, &doc, &first.0).await {
        return match first_problem(&e) {
            Some(t) => with_problem(&back, problem_code(t), "upload-title"),
            None => status_of(&e),
        };
    }
    let file = match check_all(&state, &info, vec![first], Accept::Documents).await {
        Ok(mut f) => f.remove(0),
        Err(Ok(t)) => return with_problem(&back, problem_code(t), "upload-title"),
        Err(Err(r)) => return r,
    };
    match app::files::service::upload_new(&state, &actor, &c, doc, file).await {
        Ok(id) => {
            Redirect::to(&format!("{}?caricato=1", document_path(&c.slug, id))).into_response()
        }
        Err(e) => match first_problem(&e) {
            Some(t) => with_problem(&back, problem_code(t), "upload-title"),
            None => status_of(&e),
        },
    }
}

pub async fn upload_version(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((slug, id)): Path<(String, i64)>,
    multipart: Multipart,
) -> Response {
    let (c, actor) = match enter(&state, &info, &slug, Action::PostInCommunity).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    if let Err(e) = app::files::service::may_update(&state, &actor, &c, id).await {
        return status_of(&e);
    }
    let page = document_path(&c.slug, id);
    let anchor = "new-version-title";
    let mut form = match read_form(multipart, 1).await {
        Ok(f) => f,
        Err(t) => return with_problem(&page, problem_code(t), anchor),
    };
    let Some(raw) = form.files.pop() else {
        return with_problem(&page, problem_code(T::UploadMissing), anchor);
    };
    let file = match check_all(&state, &info, vec![raw], Accept::Documents).await {
        Ok(mut f) => f.remove(0),
        Err(Ok(t)) => return with_problem(&page, problem_code(t), anchor),
        Err(Err(r)) => return r,
    };
    match app::files::service::upload_version(&state, &actor, &c, id, form.text("note"), file).await
    {
        Ok(_) => Redirect::to(&format!("{page}?caricato=1")).into_response(),
        Err(e) => match first_problem(&e) {
            Some(t) => with_problem(&page, problem_code(t), anchor),
            None => status_of(&e),
        },
    }
}

pub async fn set_cover(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Response {
    let (c, actor) = match enter(&state, &info, &slug, Action::ModerateCommunity).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let page = format!("/comunita/{}/impostazioni", c.slug);
    let anchor = "cover-title";
    let mut form = match read_form(multipart, 1).await {
        Ok(f) => f,
        Err(t) => return with_problem(&page, problem_code(t), anchor),
    };
    let Some(raw) = form.files.pop() else {
        return with_problem(&page, problem_code(T::UploadMissing), anchor);
    };
    let file = match check_all(&state, &info, vec![raw], Accept::Images).await {
        Ok(mut f) => f.remove(0),
        Err(Ok(t)) => return with_problem(&page, problem_code(t), anchor),
        Err(Err(r)) => return r,
    };
    match app::community::service::set_cover(&state, &info, &actor, &c, file).await {
        Ok(()) => Redirect::to(&format!("{page}?caricato=1#{anchor}")).into_response(),
        Err(e) => status_of(&e),
    }
}

#[derive(serde::Deserialize)]
pub struct Version {
    versione: Option<i64>,
}

pub async fn download(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((slug, id)): Path<(String, i64)>,
    Query(q): Query<Version>,
) -> Response {
    let (c, _) = match enter(&state, &info, &slug, Action::OpenCommunity).await {
        Ok(x) => x,
        Err(r) => return r,
    };
    let number = match q.versione {
        Some(n) => n,
        None => match app::files::repo::document(&state.db, c.id, id).await {
            Ok(Some(d)) => d.version_count,
            Ok(None) => return StatusCode::NOT_FOUND.into_response(),
            Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        },
    };
    match app::files::repo::download(&state.db, c.id, id, number).await {
        Ok(Some((token, name))) => {
            let file = app::upload::model::FileView {
                token,
                name,
                mime: String::new(),
                size: 0,
                label: String::new(),
            };
            Redirect::to(&file.url()).into_response()
        }
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}
