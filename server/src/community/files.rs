//! A community's uploads over HTTP, as plain multipart forms that work with or
//! without JavaScript: a new document (`POST /comunita/{slug}/carica-file`), a new
//! version (`POST /comunita/{slug}/file/{id}/versione`), the cover
//! (`POST /comunita/{slug}/copertina`); and the counted download of a version
//! (`GET /comunita/{slug}/file/{id}/scarica?versione=N`). Forum posts with files
//! are in `forum.rs`. Each asks the policy first; a refusal of the content
//! goes back to the form as `?errore=<code>`.

use super::enter;
use crate::gate;
use crate::upload::Back;
use app::auth::policy::Action;
use app::auth::server::RequestInfo;
use app::files::model::{document_path, files_path};
use app::i18n::T;
use app::state::AppState;
use app::upload::check::Accept;
use axum::extract::{Multipart, Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

pub async fn upload_document(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Result<Response, Response> {
    let (c, actor) = enter(&state, &info, &slug, Action::PostInCommunity).await?;
    let root = files_path(&c.slug, None);
    let form = Back::to(&root, "upload-title").read(multipart, 1).await?;
    let folder = form.text("folder").trim().parse::<i64>().ok();
    let folder_page = files_path(&c.slug, folder);
    let back = Back::to(&folder_page, "upload-title");
    let doc = app::files::service::NewDocument {
        folder,
        title: form.text("title").to_string(),
        description: form.text("description").to_string(),
    };
    let mut files = form.files;
    let first = files.pop().ok_or_else(|| back.with(T::UploadMissing))?;
    // The fields are checked before the file is read and stored.
    app::files::service::check_new(&state, &c, &doc, &first.0)
        .await
        .map_err(|e| back.refused(&info, e))?;
    let file = back
        .check_all(&state, &info, vec![first], Accept::Documents)
        .await?
        .remove(0);
    let id = app::files::service::upload_new(&state, &actor, &c, doc, file)
        .await
        .map_err(|e| back.refused(&info, e))?;
    Ok(Redirect::to(&format!("{}?caricato=1", document_path(&c.slug, id))).into_response())
}

pub async fn upload_version(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path((slug, id)): Path<(String, i64)>,
    multipart: Multipart,
) -> Result<Response, Response> {
    let (c, actor) = enter(&state, &info, &slug, Action::PostInCommunity).await?;
    gate::ok(
        &info,
        app::files::service::may_update(&state, &actor, &c, id).await,
    )?;
    let page = document_path(&c.slug, id);
    let back = Back::to(&page, "new-version-title");
    let mut form = back.read(multipart, 1).await?;
    let file = back
        .one_file(&state, &info, &mut form, Accept::Documents)
        .await?;
    app::files::service::upload_version(&state, &actor, &c, id, form.text("note"), file)
        .await
        .map_err(|e| back.refused(&info, e))?;
    Ok(Redirect::to(&format!("{page}?caricato=1")).into_response())
}

pub async fn set_cover(
    State(state): State<AppState>,
    Extension(info): Extension<RequestInfo>,
    Path(slug): Path<String>,
    multipart: Multipart,
) -> Result<Response, Response> {
    let (c, actor) = enter(&state, &info, &slug, Action::ModerateCommunity).await?;
    let page = format!("/comunita/{}/impostazioni", c.slug);
    let back = Back::to(&page, "cover-title");
    let mut form = back.read(multipart, 1).await?;
    let file = back
        .one_file(&state, &info, &mut form, Accept::Images)
        .await?;
    gate::ok(
        &info,
        app::community::service::set_cover(&state, &info, &actor, &c, file).await,
    )?;
    Ok(Redirect::to(&format!("{page}?caricato=1#{}", back.anchor)).into_response())
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
) -> Result<Response, Response> {
    let (c, _) = enter(&state, &info, &slug, Action::OpenCommunity).await?;
    let number = match q.versione {
        Some(n) => n,
        None => {
            gate::found(&info, app::files::repo::document(&state.db, c.id, id).await)?.version_count
        }
    };
    let (token, name) = gate::found(
        &info,
        app::files::repo::download(&state.db, c.id, id, number).await,
    )?;
    let file = app::upload::model::FileView {
        token,
        name,
        mime: String::new(),
        size: 0,
        label: String::new(),
    };
    Ok(Redirect::to(&file.url()).into_response())
}
