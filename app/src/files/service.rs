//! What the files area does once the policy said yes (server only).

use super::model::*;
use super::repo::{self, DocRow, FolderRow};
use crate::account::model::author_label;
use crate::audit::model::AuditAction;
use crate::audit::repo::{self as audit, Record};
use crate::auth::model::Actor;
use crate::auth::policy::{can, Action, Target};
use crate::auth::server::RequestInfo;
use crate::community::model::scope_of;
use crate::community::model::CommunityRef;
use crate::error::AppError;
use crate::forum::service::bar;
use crate::i18n::{Lang, T};
use crate::state::AppState;
use crate::text::Bounded;
use crate::upload::check::Checked;
use crate::upload::model::FileView;

fn folder_view(f: &FolderRow) -> FolderView {
    FolderView {
        id: f.id,
        name: f.name.clone(),
        documents: f.documents,
    }
}

fn summary(d: &DocRow, lang: Lang) -> DocSummary {
    DocSummary {
        id: d.id,
        title: d.title.clone(),
        description: d.description.clone(),
        current: d.file(),
        versions: d.version_count,
        downloads: d.downloads,
        by: author_label(d.by_name.as_deref().unwrap_or_default(), d.by_deleted, lang),
        at: lang.datetime(d.at),
    }
}

fn moderates(actor: &Actor, c: &CommunityRef) -> bool {
    can(
        Some(actor),
        Action::ModerateCommunity,
        Target::In(scope_of(c)),
    )
}

/// A folder of this community, or the refusal to use it.
async fn own_folder(
    state: &AppState,
    c: &CommunityRef,
    folder: Option<i64>,
) -> Result<Option<FolderRow>, AppError> {
    match folder {
        None => Ok(None),
        Some(id) => repo::folder(&state.db, c.id, id)
            .await?
            .map(Some)
            .ok_or(AppError::NotFound),
    }
}

pub async fn page(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    folder: Option<i64>,
    lang: Lang,
) -> Result<FilesPage, AppError> {
    let current = own_folder(state, c, folder).await?;
    let trail = match &current {
        Some(f) => repo::trail(&state.db, c.id, f.id).await?,
        None => Vec::new(),
    };
    let folders = repo::folders(&state.db, c.id, folder).await?;
    let documents = repo::documents(&state.db, c.id, folder).await?;
    Ok(FilesPage {
        bar: bar(state, actor, c).await?,
        may_nest: trail.len() < MAX_DEPTH,
        folder: current.as_ref().map(folder_view),
        trail: trail.iter().map(|f| (f.id, f.name.clone())).collect(),
        folders: folders.iter().map(folder_view).collect(),
        documents: documents.iter().map(|d| summary(d, lang)).collect(),
    })
}

pub async fn detail(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    id: i64,
    lang: Lang,
) -> Result<FileDetail, AppError> {
    let d = repo::document(&state.db, c.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let trail = match d.folder_id {
        Some(f) => repo::trail(&state.db, c.id, f).await?,
        None => Vec::new(),
    };
    let versions = repo::versions(&state.db, d.id)
        .await?
        .into_iter()
        .map(|v| VersionView {
            number: v.number,
            file: FileView {
                token: v.token,
                name: v.name,
                mime: v.mime,
                size: v.size,
                label: d.title.clone(),
            },
            note: v.note,
            by: author_label(v.by_name.as_deref().unwrap_or_default(), v.by_deleted, lang),
            at: lang.datetime(v.created_at),
        })
        .collect();
    let bar = bar(state, actor, c).await?;
    let may_update = bar.may_post && (d.created_by == Some(actor.account_id) || bar.may_moderate);
    Ok(FileDetail {
        bar,
        doc: summary(&d, lang),
        trail: trail.iter().map(|f| (f.id, f.name.clone())).collect(),
        versions,
        may_update,
    })
}

/// A name or title: spaces folded, not empty, not too long.
fn check_title(field: &str, text: &str) -> Result<String, AppError> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.chars().count() {
        0 => Err(AppError::invalid(field, T::FilesTitleMissing)),
        n if n > TITLE_MAX_CHARS => Err(AppError::invalid(field, T::ValidationTooLong)),
        _ => Ok(text),
    }
}

fn check_note(field: &str, text: &str) -> Result<String, AppError> {
    let text = text.trim().to_string();
    Ok(Bounded::<0, NOTE_MAX_CHARS>::field(field, &text, T::ValidationTooLong)?.into_string())
}

pub async fn create_folder(
    state: &AppState,
    info: &RequestInfo,
    actor: &Actor,
    c: &CommunityRef,
    parent: Option<i64>,
    name: &str,
) -> Result<i64, AppError> {
    let name = check_title("name", name)?;
    if let Some(p) = own_folder(state, c, parent).await? {
        if repo::trail(&state.db, c.id, p.id).await?.len() >= MAX_DEPTH {
            return Err(AppError::Refused(T::FilesTooDeep));
        }
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    let id = repo::create_folder(&mut tx, c.id, parent, &name, actor.account_id, now)
        .await?
        .ok_or_else(|| AppError::invalid("name", T::FilesFolderExists))?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::FolderCreated)
            .target("community_folder", Some(id), name.as_str())
            .ente(c.ente_id)
            .details(c.slug.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

/// The fields of a new document, as the upload form sends them.
pub struct NewDocument {
    pub folder: Option<i64>,
    pub title: String,
    pub description: String,
}

/// Checks a new document's fields before its file is read: the title may be left
/// empty (the file's name is used).
pub async fn check_new(
    state: &AppState,
    c: &CommunityRef,
    doc: &NewDocument,
    file_name: &str,
) -> Result<(Option<i64>, String, String), AppError> {
    let folder = own_folder(state, c, doc.folder).await?.map(|f| f.id);
    let title = if doc.title.trim().is_empty() {
        file_name.to_string()
    } else {
        doc.title.clone()
    };
    let title = check_title("title", &title)?;
    let description = check_note("description", &doc.description)?;
    Ok((folder, title, description))
}

/// Stores a new document with its first version; its id.
pub async fn upload_new(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    doc: NewDocument,
    file: Checked,
) -> Result<i64, AppError> {
    let (folder, title, description) = check_new(state, c, &doc, &file.name).await?;
    let now = state.clock.now();
    let staged = crate::upload::repo::stage(&state.db, &state.files, &file).await?;
    let mut tx = state.db.begin().await?;
    let (upload, _) =
        crate::upload::repo::store(&mut tx, &staged, Some(actor.account_id), c.ente_id, now)
            .await?;
    let id = repo::create_document(
        &mut tx,
        c.id,
        folder,
        &title,
        &description,
        actor.account_id,
        now,
    )
    .await?;
    repo::add_version(&mut tx, id, upload, "", actor.account_id, now).await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether `actor` may upload a new version of the document `id`: its author or a
/// tutor, who may write in the community (checked by the caller).
pub async fn may_update(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    id: i64,
) -> Result<(), AppError> {
    let d = repo::document(&state.db, c.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if d.created_by == Some(actor.account_id) || moderates(actor, c) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A new version of a document; its number.
pub async fn upload_version(
    state: &AppState,
    actor: &Actor,
    c: &CommunityRef,
    id: i64,
    note: &str,
    file: Checked,
) -> Result<i64, AppError> {
    may_update(state, actor, c, id).await?;
    let note = check_note("note", note)?;
    let now = state.clock.now();
    let staged = crate::upload::repo::stage(&state.db, &state.files, &file).await?;
    let mut tx = state.db.begin().await?;
    let (upload, _) =
        crate::upload::repo::store(&mut tx, &staged, Some(actor.account_id), c.ente_id, now)
            .await?;
    let number = repo::add_version(&mut tx, id, upload, &note, actor.account_id, now).await?;
    tx.commit().await?;
    Ok(number)
}

/// Deletes a document and its versions (tutors; checked by the caller).
pub async fn delete(
    state: &AppState,
    info: &RequestInfo,
    c: &CommunityRef,
    id: i64,
) -> Result<Option<i64>, AppError> {
    let d = repo::document(&state.db, c.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    repo::delete_document(&mut tx, d.id).await?;
    audit::record(
        &mut tx,
        info,
        Record::new(AuditAction::FileDeleted)
            .target("community_file", Some(d.id), d.title.as_str())
            .ente(c.ente_id)
            .details(c.slug.as_str()),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(d.folder_id)
}
