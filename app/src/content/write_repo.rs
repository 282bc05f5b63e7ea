//! What the site's editor writes (server only): a news item, an event or a place
//! going live (added, or changed in place) and coming down. The topic is named as
//! the vocabulary names it, and its id is looked up by that name.

use super::model::{EventCategory, NewsKind};
use super::recurrence::{self, Rule};
use crate::db::{sql, DbError, Tx};
use crate::ids::EnteId;
use chrono::{DateTime, NaiveDate, Utc};

/// A news item as it goes live.
pub struct NewsLive<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    /// The text as written (what the search reads).
    pub body: &'a str,
    /// The text as safe HTML (what the page shows).
    pub body_html: &'a str,
    pub topic: &'a str,
    pub kind: NewsKind,
    pub published_at: DateTime<Utc>,
    /// The image (upload id) and its alternative text.
    pub image: Option<(i64, &'a str)>,
}

/// Adds the news item (`live` None) or changes it; its id.
pub async fn save_news(
    tx: &mut Tx,
    ente: EnteId,
    live: Option<i64>,
    n: &NewsLive<'_>,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = match live {
        Some(id) => {
            tx.fetch_one(
                sql("UPDATE news SET title = $3, summary = $4, body = $5, body_html = $6, topic = $7,
                            topic_id = (SELECT id FROM topic WHERE name_it = $7), kind = $8, updated_at = $9
                      WHERE id = $1 AND ente_id = $2 RETURNING id")
                .bind(id)
                .bind(ente)
                .bind(n.title)
                .bind(n.summary)
                .bind(n.body)
                .bind(n.body_html)
                .bind(n.topic)
                .bind(n.kind.code())
                .bind(now),
            )
            .await?
        }
        None => {
            tx.fetch_one(
                sql("INSERT INTO news (ente_id, slug, title, summary, body, body_html, topic, topic_id, kind,
                                       published_at, created_at, updated_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT id FROM topic WHERE name_it = $7), $8, $9, $10, $10)
                     RETURNING id")
                .bind(ente)
                .bind(n.slug)
                .bind(n.title)
                .bind(n.summary)
                .bind(n.body)
                .bind(n.body_html)
                .bind(n.topic)
                .bind(n.kind.code())
                .bind(n.published_at)
                .bind(now),
            )
            .await?
        }
    };
    set_image(tx, ImageOf::News, id, n.image).await?;
    Ok(id)
}

/// What a live image belongs to: a news item or a place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageOf {
    News,
    Place,
}

/// The image of a live news item or place (upload, alternative text), or none.
pub async fn set_image(
    tx: &mut Tx,
    of: ImageOf,
    id: i64,
    image: Option<(i64, &str)>,
) -> Result<(), DbError> {
    let (delete, insert) = match of {
        ImageOf::News => (
            sql("DELETE FROM news_image WHERE news_id = $1"),
            sql("INSERT INTO news_image (news_id, upload_id, alt) VALUES ($1, $2, $3)"),
        ),
        ImageOf::Place => (
            sql("DELETE FROM place_image WHERE place_id = $1"),
            sql("INSERT INTO place_image (place_id, upload_id, alt) VALUES ($1, $2, $3)"),
        ),
    };
    tx.execute(delete.bind(id)).await?;
    if let Some((upload, alt)) = image {
        tx.execute(insert.bind(id).bind(upload).bind(alt)).await?;
    }
    Ok(())
}

/// An event as the demo and the site's editor write it.
pub struct NewEvent<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub place_id: Option<i64>,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub category: EventCategory,
    pub topic: &'a str,
    pub audience: &'a str,
    pub price: &'a str,
    pub organiser: &'a str,
    pub registration_url: &'a str,
    pub rule: Option<Rule>,
    pub skipped: Vec<NaiveDate>,
}

/// A place as the demo and the site's editor write it.
pub struct NewPlace<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub description: &'a str,
    pub address: &'a str,
    pub lat: f64,
    pub lon: f64,
}

/// Adds the event (`live` None) or changes it; its id.
pub async fn save_event(
    tx: &mut Tx,
    ente: EnteId,
    live: Option<i64>,
    e: &NewEvent<'_>,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let last = recurrence::last_end(e.starts_at, e.ends_at, e.rule.as_ref(), &e.skipped);
    let skipped: Vec<String> = e.skipped.iter().map(NaiveDate::to_string).collect();
    let rrule = e.rule.as_ref().map(Rule::to_rrule).unwrap_or_default();
    let query = match live {
        Some(_) => sql(
            "UPDATE event SET title = $3, summary = $4, body = $5, place_id = $6, starts_at = $7,
                    ends_at = $8, category = $9, topic = $10, topic_id = (SELECT id FROM topic WHERE name_it = $10),
                    audience = $11, price = $12, organiser = $13, registration_url = $14, rrule = $15,
                    skipped_days = $16, last_ends_at = $17, updated_at = $18
              WHERE id = $1 AND ente_id = $2 RETURNING id",
        ),
        None => sql(
            "INSERT INTO event (ente_id, slug, title, summary, body, place_id, starts_at, ends_at, category,
                                topic, topic_id, audience, price, organiser, registration_url, rrule,
                                skipped_days, last_ends_at, created_at, updated_at)
             SELECT $2, $1, $3, $4, $5, $6, $7, $8, $9, $10, (SELECT id FROM topic WHERE name_it = $10),
                    $11, $12, $13, $14, $15, $16, $17, $18, $18
             RETURNING id",
        ),
    };
    let first = match live {
        Some(id) => crate::db::Arg::from(id),
        None => crate::db::Arg::from(e.slug.to_string()),
    };
    let (id,): (i64,) = tx
        .fetch_one(
            query
                .bind(first)
                .bind(ente)
                .bind(e.title)
                .bind(e.summary)
                .bind(e.body)
                .bind(e.place_id)
                .bind(e.starts_at)
                .bind(e.ends_at)
                .bind(e.category.code())
                .bind(e.topic)
                .bind(e.audience)
                .bind(e.price)
                .bind(e.organiser)
                .bind(e.registration_url)
                .bind(rrule)
                .bind(skipped.join(","))
                .bind(last)
                .bind(now),
        )
        .await?;
    Ok(id)
}

/// Adds the place (`live` None) or changes it; its id.
pub async fn save_place(
    tx: &mut Tx,
    ente: EnteId,
    live: Option<i64>,
    p: &NewPlace<'_>,
    hours_and_access: (&str, &str),
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (hours, access) = hours_and_access;
    let query = match live {
        Some(_) => sql(
            "UPDATE place SET name = $3, kind = $4, description = $5, address = $6, lat = $7, lon = $8,
                    opening_hours = $9, accessibility = $10, updated_at = $11
              WHERE id = $1 AND ente_id = $2 RETURNING id",
        ),
        None => sql(
            "INSERT INTO place (ente_id, slug, name, kind, description, address, lat, lon, opening_hours,
                                accessibility, created_at, updated_at)
             SELECT $2, $1, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11 RETURNING id",
        ),
    };
    let first = match live {
        Some(id) => crate::db::Arg::from(id),
        None => crate::db::Arg::from(p.slug.to_string()),
    };
    let (id,): (i64,) = tx
        .fetch_one(
            query
                .bind(first)
                .bind(ente)
                .bind(p.name)
                .bind(p.kind)
                .bind(p.description)
                .bind(p.address)
                .bind(p.lat)
                .bind(p.lon)
                .bind(hours)
                .bind(access)
                .bind(now),
        )
        .await?;
    Ok(id)
}

/// Takes a news item, an event or a place off the site (`table` is one of the three).
pub async fn remove(tx: &mut Tx, ente: EnteId, table: &str, id: i64) -> Result<(), DbError> {
    let query = match table {
        "news" => sql("DELETE FROM news WHERE id = $1 AND ente_id = $2"),
        "event" => sql("DELETE FROM event WHERE id = $1 AND ente_id = $2"),
        "place" => sql("DELETE FROM place WHERE id = $1 AND ente_id = $2"),
        _ => return Ok(()),
    };
    tx.execute(query.bind(id).bind(ente)).await?;
    Ok(())
}

/// A place of the ente by its slug.
pub async fn place_id(tx: &mut Tx, ente: EnteId, slug: &str) -> Result<Option<i64>, DbError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            sql("SELECT id FROM place WHERE ente_id = $1 AND slug = $2")
                .bind(ente)
                .bind(slug),
        )
        .await?;
    Ok(row.map(|(i,)| i))
}
