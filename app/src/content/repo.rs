//! Reading and writing news and places, and writing events (server only; events are
//! read by `event_repo`).

use super::model::{EventCategory, NewsCard, NewsItem, NewsKind, Place};
use super::recurrence::{self, Rule};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::EnteId;
use chrono::{DateTime, NaiveDate, Utc};

pub async fn latest_news(db: &Db, ente_id: EnteId, limit: i64) -> Result<Vec<NewsCard>, DbError> {
    db.fetch_all(
        sql("SELECT slug, title, summary, topic, published_at FROM news
              WHERE ente_id = $1 AND published_at <= $2
              ORDER BY published_at DESC, id DESC LIMIT $3")
        .bind(ente_id)
        .bind(Utc::now())
        .bind(limit),
    )
    .await
}

/// A page of published news of one kind, newest first, and how many there are.
pub async fn news_page(
    db: &Db,
    ente_id: EnteId,
    now: DateTime<Utc>,
    kind: NewsKind,
    limit: i64,
    offset: i64,
) -> Result<(Vec<NewsCard>, i64), DbError> {
    let items = db
        .fetch_all(
            sql("SELECT slug, title, summary, topic, published_at FROM news
                  WHERE ente_id = $1 AND published_at <= $2 AND kind = $3
                  ORDER BY published_at DESC, id DESC LIMIT $4 OFFSET $5")
            .bind(ente_id)
            .bind(now)
            .bind(kind.code())
            .bind(limit)
            .bind(offset),
        )
        .await?;
    let (total,): (i64,) = db
        .fetch_one(
            sql(
                "SELECT COUNT(*) FROM news WHERE ente_id = $1 AND published_at <= $2 AND kind = $3",
            )
            .bind(ente_id)
            .bind(now)
            .bind(kind.code()),
        )
        .await?;
    Ok((items, total))
}

/// How many news items of each kind an ente has published by `now`.
pub async fn news_kinds(
    db: &Db,
    ente_id: EnteId,
    now: DateTime<Utc>,
) -> Result<Vec<(NewsKind, i64)>, DbError> {
    let rows: Vec<(String, i64)> = db
        .fetch_all(
            sql("SELECT kind, COUNT(*) FROM news WHERE ente_id = $1 AND published_at <= $2 GROUP BY kind")
                .bind(ente_id)
                .bind(now),
        )
        .await?;
    Ok(NewsKind::ALL
        .into_iter()
        .map(|k| {
            (
                k,
                rows.iter()
                    .find(|(c, _)| c == k.code())
                    .map_or(0, |(_, n)| *n),
            )
        })
        .collect())
}

/// How many news items an ente has published by `now`.
pub async fn news_count(db: &Db, ente_id: EnteId, now: DateTime<Utc>) -> Result<i64, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql("SELECT COUNT(*) FROM news WHERE ente_id = $1 AND published_at <= $2")
                .bind(ente_id)
                .bind(now),
        )
        .await?;
    Ok(n)
}

pub async fn news_by_slug(
    db: &Db,
    ente_id: EnteId,
    slug: &str,
) -> Result<Option<NewsItem>, DbError> {
    db.fetch_optional(
        sql(
            "SELECT slug, title, summary, body, topic, published_at FROM news
              WHERE ente_id = $1 AND slug = $2 AND published_at <= $3",
        )
        .bind(ente_id)
        .bind(slug)
        .bind(Utc::now()),
    )
    .await
}

pub async fn places(db: &Db, ente_id: EnteId) -> Result<Vec<Place>, DbError> {
    db.fetch_all(
        sql(
            "SELECT slug, name, kind, description, address, lat, lon FROM place
              WHERE ente_id = $1 ORDER BY name",
        )
        .bind(ente_id),
    )
    .await
}

pub struct NewNews<'a> {
    pub slug: &'a str,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub topic: &'a str,
    pub kind: NewsKind,
    pub published_at: DateTime<Utc>,
}

/// Adds a news item unless the ente already has one with that slug.
pub async fn ensure_news(tx: &mut Tx, ente_id: EnteId, n: &NewNews<'_>) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO news (ente_id, slug, title, summary, body, topic, kind, published_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
             ON CONFLICT (ente_id, slug) DO NOTHING")
        .bind(ente_id)
        .bind(n.slug)
        .bind(n.title)
        .bind(n.summary)
        .bind(n.body)
        .bind(n.topic)
        .bind(n.kind.code())
        .bind(n.published_at)
        .bind(Utc::now()),
    )
    .await?;
    Ok(())
}

pub struct NewPlace<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub kind: &'a str,
    pub description: &'a str,
    pub address: &'a str,
    pub lat: f64,
    pub lon: f64,
}

/// Adds a place unless the ente already has one with that slug; returns its id.
pub async fn ensure_place(tx: &mut Tx, ente_id: EnteId, p: &NewPlace<'_>) -> Result<i64, DbError> {
    tx.execute(
        sql("INSERT INTO place (ente_id, slug, name, kind, description, address, lat, lon, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
             ON CONFLICT (ente_id, slug) DO NOTHING")
        .bind(ente_id)
        .bind(p.slug)
        .bind(p.name)
        .bind(p.kind)
        .bind(p.description)
        .bind(p.address)
        .bind(p.lat)
        .bind(p.lon)
        .bind(Utc::now()),
    )
    .await?;
    let (id,): (i64,) = tx
        .fetch_one(
            sql("SELECT id FROM place WHERE ente_id = $1 AND slug = $2")
                .bind(ente_id)
                .bind(p.slug),
        )
        .await?;
    Ok(id)
}

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

/// Adds an event unless the ente already has one with that slug.
pub async fn ensure_event(tx: &mut Tx, ente_id: EnteId, e: &NewEvent<'_>) -> Result<(), DbError> {
    let last = recurrence::last_end(e.starts_at, e.ends_at, e.rule.as_ref(), &e.skipped);
    let skipped: Vec<String> = e.skipped.iter().map(NaiveDate::to_string).collect();
    tx.execute(
        sql("INSERT INTO event (ente_id, slug, title, summary, body, place_id, starts_at, ends_at,
                                category, topic, audience, price, organiser, registration_url,
                                rrule, skipped_days, last_ends_at, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18)
             ON CONFLICT (ente_id, slug) DO NOTHING")
        .bind(ente_id)
        .bind(e.slug)
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
        .bind(e.rule.as_ref().map(Rule::to_rrule).unwrap_or_default())
        .bind(skipped.join(","))
        .bind(last)
        .bind(Utc::now()),
    )
    .await?;
    Ok(())
}
