//! A news item's image or a place's photo in the editor (server only): one per
//! entry, with its alternative text. The file is the upload module's (checked by content, metadata
//! stripped); the ente's site team reads it while it is a draft, everyone once the
//! news item shows it (`server/src/upload/serve.rs`).

use super::model::{EntryKind, EntryState};
use super::repo;
use super::schema::ALT_MAX;
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::T;
use crate::ids::AccountId;
use crate::state::AppState;
use crate::upload::check::Checked;

/// Checks what comes with an image before the file is stored: an entry of `kind`
/// (one that carries an image) and its alternative text.
pub async fn check(
    state: &AppState,
    (ente, kind): (&Ente, EntryKind),
    id: i64,
    alt: &str,
) -> Result<(), AppError> {
    let entry = repo::entry(&state.db, ente.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if entry.kind() != kind || !kind.carries_image() {
        return Err(AppError::NotFound);
    }
    let alt = alt.trim();
    if alt.is_empty() {
        return Err(AppError::invalid("alt", T::UploadAltRequired));
    }
    if alt.chars().count() > ALT_MAX || crate::text::has_control_chars(alt, true) {
        return Err(AppError::invalid("alt", T::ValidationTooLong));
    }
    Ok(())
}

/// Sets the entry's image (already checked as an image): a new version, a draft.
pub async fn set(
    state: &AppState,
    (ente, kind): (&Ente, EntryKind),
    by: AccountId,
    id: i64,
    alt: &str,
    file: &Checked,
) -> Result<(), AppError> {
    check(state, (ente, kind), id, alt).await?;
    let now = state.clock.now();
    let staged = crate::upload::repo::stage(&state.db, &state.files, file).await?;
    let mut tx = state.db.begin().await?;
    let (upload, _) =
        crate::upload::repo::store(&mut tx, &staged, Some(by), Some(ente.id), now).await?;
    super::image_repo::set_image(&mut tx, id, Some((upload, alt.trim())), by, now).await?;
    let entry = repo::entry_in(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    repo::add_version(
        &mut tx,
        id,
        entry.version,
        &entry.title,
        &entry.fields,
        EntryState::Draft,
        Some(by),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes the image away (a new version, a draft); the entry's kind.
pub async fn remove(
    state: &AppState,
    ente: &Ente,
    by: AccountId,
    id: i64,
) -> Result<EntryKind, AppError> {
    let entry = repo::entry(&state.db, ente.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    super::image_repo::set_image(&mut tx, id, None, by, now).await?;
    repo::add_version(
        &mut tx,
        id,
        entry.version + 1,
        &entry.title,
        &entry.fields,
        EntryState::Draft,
        Some(by),
        "",
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(entry.kind())
}
