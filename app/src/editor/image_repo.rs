//! The image of a news item's or a place's entry, in the database (server only): set
//! or taken away by the newsroom (`media`), taken from the live row when old content
//! is opened (`adopt`), and the ente it belongs to for the file server.

use super::model::EntryKind;
use crate::content::write_repo::ImageOf;
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use chrono::{DateTime, Utc};

/// An entry opened from a live news item or place takes its image (so that the next
/// publication keeps it).
pub async fn take_live_image(tx: &mut Tx, id: i64, of: ImageOf, live: i64) -> Result<(), DbError> {
    let query = match of {
        ImageOf::News => sql(
            "UPDATE site_entry SET image_id = (SELECT upload_id FROM news_image WHERE news_id = $2),
                    image_alt = COALESCE((SELECT alt FROM news_image WHERE news_id = $2), '')
              WHERE id = $1",
        ),
        ImageOf::Place => sql(
            "UPDATE site_entry SET image_id = (SELECT upload_id FROM place_image WHERE place_id = $2),
                    image_alt = COALESCE((SELECT alt FROM place_image WHERE place_id = $2), '')
              WHERE id = $1",
        ),
    };
    tx.execute(query.bind(id).bind(live)).await?;
    Ok(())
}

/// The live row whose image an entry of `kind` carries, if it carries one
/// (`EntryKind::carries_image`).
pub fn image_of(kind: EntryKind) -> Option<ImageOf> {
    match kind {
        EntryKind::News => Some(ImageOf::News),
        EntryKind::Place => Some(ImageOf::Place),
        _ => None,
    }
}

/// The entry's image (None takes it away): a change, so a draft again.
pub async fn set_image(
    tx: &mut Tx,
    id: i64,
    image: Option<(i64, &str)>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql(
            "UPDATE site_entry SET image_id = $2, image_alt = $3, state = 'draft', changed_by = $5,
                    submitted_by = NULL, approved_by = NULL, version = version + 1, updated_at = $4
              WHERE id = $1",
        )
        .bind(id)
        .bind(image.map(|(u, _)| u))
        .bind(image.map_or("", |(_, a)| a))
        .bind(now)
        .bind(by),
    )
    .await?;
    Ok(())
}

/// The ente whose entry shows an upload as its image, if any.
pub async fn ente_of_image(db: &Db, upload: i64) -> Result<Option<EnteId>, DbError> {
    let row: Option<(EnteId,)> = db
        .fetch_optional(
            sql("SELECT ente_id FROM site_entry WHERE image_id = $1 LIMIT 1").bind(upload),
        )
        .await?;
    Ok(row.map(|(e,)| e))
}
