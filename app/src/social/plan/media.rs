//! Images of an editorial item (server only): up to four, each with its
//! alternative text, added while the item may still change. The files are the
//! upload module's (checked by content, metadata stripped); the ente's social team
//! reads them (`server/src/files.rs::may_read`).

use crate::db::{sql, Db, DbError};
use crate::ente::model::Ente;
use crate::error::AppError;
use crate::i18n::T;
use crate::ids::{AccountId, EnteId};
use crate::social::plan::model::MAX_IMAGES;
use crate::social::plan::repo;
use crate::state::AppState;
use crate::text::Bounded;
use crate::upload::check::Checked;
use crate::upload::model::FileView;

/// The longest alternative text.
pub const ALT_MAX: usize = 300;

/// The images of an item, in order: (position, file with its alternative text).
pub async fn of_item(db: &Db, item: i64) -> Result<Vec<(i64, FileView)>, DbError> {
    let rows: Vec<(i64, String, String, String, i64, String)> = db
        .fetch_all(
            sql("SELECT m.position, u.token, u.name, u.mime, u.size, m.alt
                   FROM editorial_media m JOIN upload u ON u.id = m.upload_id
                  WHERE m.item_id = $1 ORDER BY m.position")
            .bind(item),
        )
        .await?;
    Ok(rows
        .into_iter()
        .map(|(position, token, name, mime, size, alt)| {
            (
                position,
                FileView {
                    token,
                    name,
                    mime,
                    size,
                    label: alt,
                },
            )
        })
        .collect())
}

/// The ente whose editorial item an upload illustrates, if it is one.
pub async fn ente_of(db: &Db, upload: i64) -> Result<Option<EnteId>, DbError> {
    let row: Option<(EnteId,)> = db
        .fetch_optional(
            sql(
                "SELECT i.ente_id FROM editorial_media m JOIN editorial_item i ON i.id = m.item_id
                  WHERE m.upload_id = $1 LIMIT 1",
            )
            .bind(upload),
        )
        .await?;
    Ok(row.map(|(e,)| e))
}

async fn editable(state: &AppState, ente: &Ente, item: i64) -> Result<(), AppError> {
    let row = repo::item(&state.db, ente.id, item)
        .await?
        .ok_or(AppError::NotFound)?;
    if !row.state().editable() {
        return Err(AppError::Refused(T::EditorialNotEditable));
    }
    Ok(())
}

/// Checks what comes with an image before the file is stored.
pub async fn check_add(
    state: &AppState,
    ente: &Ente,
    item: i64,
    alt: &str,
) -> Result<(), AppError> {
    editable(state, ente, item).await?;
    let alt = alt.trim();
    if alt.is_empty() {
        return Err(AppError::invalid("alt", T::UploadAltRequired));
    }
    Bounded::<0, ALT_MAX>::field("alt", alt, T::ValidationTooLong)?;
    let (n,): (i64,) = state
        .db
        .fetch_one(sql("SELECT COUNT(*) FROM editorial_media WHERE item_id = $1").bind(item))
        .await?;
    if n >= MAX_IMAGES {
        return Err(AppError::Refused(T::EditorialMediaFull));
    }
    Ok(())
}

/// Adds an image (already checked as an image) to an item.
pub async fn add(
    state: &AppState,
    ente: &Ente,
    by: AccountId,
    item: i64,
    alt: &str,
    file: &Checked,
) -> Result<(), AppError> {
    check_add(state, ente, item, alt).await?;
    let now = state.clock.now();
    let staged = crate::upload::repo::stage(&state.db, &state.files, file).await?;
    let mut tx = state.db.begin().await?;
    let (upload, _) =
        crate::upload::repo::store(&mut tx, &staged, Some(by), Some(ente.id), now).await?;
    tx.execute(
        sql("INSERT INTO editorial_media (item_id, position, upload_id, alt)
             SELECT $1, COALESCE(MAX(position), 0) + 1, $2, $3 FROM editorial_media WHERE item_id = $1")
        .bind(item)
        .bind(upload)
        .bind(alt.trim()),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes an image off an item that may still change.
pub async fn remove(
    state: &AppState,
    ente: &Ente,
    item: i64,
    position: i64,
) -> Result<(), AppError> {
    editable(state, ente, item).await?;
    let mut tx = state.db.begin().await?;
    let n = tx
        .execute(
            sql("DELETE FROM editorial_media WHERE item_id = $1 AND position = $2")
                .bind(item)
                .bind(position),
        )
        .await?;
    if n == 0 {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}
