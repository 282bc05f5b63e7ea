//! Server functions of the files area: reading needs `OpenCommunity`; folders and
//! deleting are tutors' (`ModerateCommunity`). Uploads are multipart posts, in
//! `server/src/community_files.rs`, under `PostInCommunity`.

use super::model::{FileDetail, FilesPage};
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::model::files_path,
    crate::auth::policy::Action,
    crate::auth::server::{fail, go_to, request_info},
    crate::community::server::enter,
    crate::i18n::detect_lang,
};

#[server(endpoint = "files/page")]
pub async fn load_files(community: String, folder: Option<i64>) -> Result<FilesPage, AppError> {
    let (state, c, actor) = enter(&community, Action::OpenCommunity).await?;
    super::service::page(&state, &actor, &c, folder, detect_lang())
        .await
        .map_err(fail)
}

#[server(endpoint = "files/document")]
pub async fn load_document(community: String, id: i64) -> Result<FileDetail, AppError> {
    let (state, c, actor) = enter(&community, Action::OpenCommunity).await?;
    super::service::detail(&state, &actor, &c, id, detect_lang())
        .await
        .map_err(fail)
}

/// A folder inside `parent` ("" or none: the top level).
#[server(endpoint = "files/new-folder")]
pub async fn new_folder(
    community: String,
    parent: Option<String>,
    name: String,
) -> Result<i64, AppError> {
    let (state, c, actor) = enter(&community, Action::ModerateCommunity).await?;
    let parent = match parent.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(p.parse::<i64>().map_err(|_| fail(AppError::NotFound))?),
    };
    let id = super::service::create_folder(&state, &request_info(), &actor, &c, parent, &name)
        .await
        .map_err(fail)?;
    go_to(&files_path(&c.slug, Some(id)));
    Ok(id)
}

/// Returns where to go next: the folder the document was in.
#[server(endpoint = "files/delete")]
pub async fn delete_document(community: String, id: i64) -> Result<String, AppError> {
    let (state, c, _) = enter(&community, Action::ModerateCommunity).await?;
    let folder = super::service::delete(&state, &request_info(), &c, id)
        .await
        .map_err(fail)?;
    let back = files_path(&c.slug, folder);
    let glue = if back.contains('?') { '&' } else { '?' };
    Ok(go_to(&format!("{back}{glue}eliminato=1")))
}
