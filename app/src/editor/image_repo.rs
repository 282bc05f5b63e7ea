//! The image of a news item's entry, in the database (server only): set or taken
//! away by the newsroom (`media`), taken from the live item when old content is
//! opened (`adopt`), and the ente it belongs to for the file server.

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use chrono::{DateTime, Utc};

/// An entry opened from a live news item takes the item's image (so that the next
/// publication keeps it).
pub async fn take_live_image(tx: &mut Tx, id: i64, news: i64) -> Result<(), DbError> {
    tx.execute(
        sql(
            "UPDATE site_entry SET image_id = (SELECT upload_id FROM news_image WHERE news_id = $2),
                    image_alt = COALESCE((SELECT alt FROM news_image WHERE news_id = $2), '')
              WHERE id = $1",
        )
        .bind(id)
        .bind(news),
    )
    .await?;
    Ok(())
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
