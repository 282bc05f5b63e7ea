//! Server functions of the site's editor (`site-editor/…`): every one asks for
//! `ManageSite` in the ente first (the review's setting, `ConfigureSite`). Changes
//! return where to go next, so plain form posts are redirected and JavaScript
//! forms follow.

use super::model::{EditorHome, EntryKind, EntryPage};
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[cfg(feature = "ssr")]
use {
    crate::auth::policy::Action,
    crate::auth::server::{fail, go_to, request_info},
    crate::ente::server::at_work,
    crate::i18n::detect_lang,
};

#[cfg(feature = "ssr")]
fn kind_of(kind: &str) -> Result<EntryKind, AppError> {
    EntryKind::from_path(kind).ok_or_else(|| fail(AppError::NotFound))
}

/// Where an entry's editor is.
pub fn entry_path(ente: &str, kind: EntryKind, id: i64) -> String {
    format!("/gestione/{ente}/sito/{}/{id}", kind.path())
}

/// Where a kind's list is.
pub fn list_path(ente: &str, kind: EntryKind) -> String {
    format!("/gestione/{ente}/sito/{}", kind.path())
}

/// A kind's list (`kind` as in the address: notizie, eventi, luoghi, servizi).
#[server(endpoint = "site-editor/home")]
pub async fn load_editor(ente: String, kind: String) -> Result<EditorHome, AppError> {
    let (state, ente, actor) = at_work(&ente, Action::ManageSite).await?;
    let kind = if kind.is_empty() {
        EntryKind::News
    } else {
        kind_of(&kind)?
    };
    super::pages::home(&state, &ente, &actor, detect_lang(), kind)
        .await
        .map_err(fail)
}

/// An entry's editor; `id` None for a new one.
#[server(endpoint = "site-editor/entry")]
pub async fn load_entry(
    ente: String,
    kind: String,
    id: Option<i64>,
) -> Result<EntryPage, AppError> {
    let (state, ente, actor) = at_work(&ente, Action::ManageSite).await?;
    super::pages::entry_page(&state, &ente, &actor, detect_lang(), kind_of(&kind)?, id)
        .await
        .map_err(fail)
}

/// Saves an entry (a new one when `id` is absent) as a draft; returns its editor.
#[server(endpoint = "site-editor/save")]
pub async fn save_entry(
    ente: String,
    kind: String,
    id: Option<i64>,
    f: Option<BTreeMap<String, String>>,
    publish_at: Option<String>,
    expires_at: Option<String>,
) -> Result<String, AppError> {
    let (state, ente, actor) = at_work(&ente, Action::ManageSite).await?;
    let kind = kind_of(&kind)?;
    let form = super::service::EntryForm {
        kind,
        id,
        fields: f.unwrap_or_default(),
        publish_at: publish_at.unwrap_or_default(),
        expires_at: expires_at.unwrap_or_default(),
    };
    let id = super::service::save(&state, &request_info(), &ente, &actor, form)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "{}?salvato=1",
        entry_path(&ente.slug, kind, id)
    )))
}

/// A step of the review (submit, approve, return, publish, withdraw), on the
/// `version` the reader saw.
#[server(endpoint = "site-editor/step")]
pub async fn take_site_step(
    ente: String,
    id: i64,
    step: String,
    note: Option<String>,
    version: i64,
) -> Result<String, AppError> {
    let (state, ente, actor) = at_work(&ente, Action::ManageSite).await?;
    let step = super::model::Step::from_code(&step).ok_or_else(|| {
        fail(AppError::invalid(
            "step",
            crate::i18n::T::SiteEditorStepNotNow,
        ))
    })?;
    let kind = super::repo::entry(&state.db, ente.id, id)
        .await?
        .ok_or_else(|| fail(AppError::NotFound))?
        .kind();
    let to = super::service::step(
        &state,
        &request_info(),
        &ente,
        &actor,
        id,
        step,
        &note.unwrap_or_default(),
        version,
    )
    .await
    .map_err(fail)?;
    Ok(go_to(&format!(
        "{}?stato={}",
        entry_path(&ente.slug, kind, id),
        to.code()
    )))
}

/// Opens in the editor what the site shows at `slug` (its entry, made if needed).
#[server(endpoint = "site-editor/open")]
pub async fn open_live(ente: String, kind: String, slug: String) -> Result<String, AppError> {
    let (state, ente, actor) = at_work(&ente, Action::ManageSite).await?;
    let kind = kind_of(&kind)?;
    let slug: String = slug.chars().take(200).collect();
    let id = super::adopt::adopt(&state, &request_info(), &ente, &actor, kind, &slug)
        .await
        .map_err(fail)?;
    Ok(go_to(&entry_path(&ente.slug, kind, id)))
}

/// Takes an entry's image away.
#[server(endpoint = "site-editor/remove-image")]
pub async fn remove_entry_image(ente: String, id: i64) -> Result<String, AppError> {
    let (state, ente, actor) = at_work(&ente, Action::ManageSite).await?;
    let kind = super::media::remove(&state, &ente, actor.account_id, id)
        .await
        .map_err(fail)?;
    Ok(go_to(&format!(
        "{}#immagine",
        entry_path(&ente.slug, kind, id)
    )))
}

/// Whether a second person must approve what goes on the site (the ente's admins).
#[server(endpoint = "site-editor/review")]
pub async fn set_site_review(ente: String, on: Option<String>) -> Result<String, AppError> {
    let (state, ente, _) = at_work(&ente, Action::ConfigureSite).await?;
    super::service::set_review(&state, &request_info(), &ente, on.is_some())
        .await
        .map_err(fail)?;
    Ok(go_to(&format!("/gestione/{}/sito?revisione=1", ente.slug)))
}
