//! Reading and writing news and places, and writing events (server only; events are
//! read by `event_repo`).

use super::model::{NewsCard, NewsItem, NewsKind, Place};
pub use super::write_repo::{NewEvent, NewPlace};
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::EnteId;
use chrono::{DateTime, Utc};

pub async fn latest_news(
    db: &Db,
    ente_id: EnteId,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<NewsCard>, DbError> {
    db.fetch_all(
        sql("SELECT slug, title, summary, topic, published_at FROM news
              WHERE ente_id = $1 AND published_at <= $2
              ORDER BY published_at DESC, id DESC LIMIT $3")
        .bind(ente_id)
        .bind(now)
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
    now: DateTime<Utc>,
) -> Result<Option<NewsItem>, DbError> {
    db.fetch_optional(
        sql(
            "SELECT n.slug, n.title, n.summary, n.body, n.body_html, n.topic, n.published_at,
                    u.token AS image_token, i.alt AS image_alt
               FROM news n LEFT JOIN news_image i ON i.news_id = n.id LEFT JOIN upload u ON u.id = i.upload_id
              WHERE n.ente_id = $1 AND n.slug = $2 AND n.published_at <= $3",
        )
        .bind(ente_id)
        .bind(slug)
        .bind(now),
    )
    .await
}

pub async fn places(db: &Db, ente_id: EnteId) -> Result<Vec<Place>, DbError> {
    db.fetch_all(
        sql(
            "SELECT p.slug, p.name, p.kind, p.description, p.address, p.lat, p.lon, p.opening_hours,
                    p.accessibility, u.token AS image_token, i.alt AS image_alt
               FROM place p LEFT JOIN place_image i ON i.place_id = p.id LEFT JOIN upload u ON u.id = i.upload_id
              WHERE p.ente_id = $1 ORDER BY p.name",
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

/// Adds a news item unless the ente already has one with that slug (the demo).
pub async fn ensure_news(tx: &mut Tx, ente_id: EnteId, n: &NewNews<'_>) -> Result<(), DbError> {
    if slug_exists(tx, "news", ente_id, n.slug).await? {
        return Ok(());
    }
    let live = super::write_repo::NewsLive {
        slug: n.slug,
        title: n.title,
        summary: n.summary,
        body: n.body,
        body_html: "",
        topic: n.topic,
        kind: n.kind,
        published_at: n.published_at,
        image: None,
    };
    super::write_repo::save_news(tx, ente_id, None, &live, Utc::now()).await?;
    Ok(())
}

/// Whether the ente has a news item or an event (`table`) with that slug.
async fn slug_exists(
    tx: &mut Tx,
    table: &str,
    ente_id: EnteId,
    slug: &str,
) -> Result<bool, DbError> {
    let query = match table {
        "news" => sql("SELECT id FROM news WHERE ente_id = $1 AND slug = $2"),
        _ => sql("SELECT id FROM event WHERE ente_id = $1 AND slug = $2"),
    };
    let row: Option<(i64,)> = tx.fetch_optional(query.bind(ente_id).bind(slug)).await?;
    Ok(row.is_some())
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

/// Adds an event unless the ente already has one with that slug (the demo).
pub async fn ensure_event(tx: &mut Tx, ente_id: EnteId, e: &NewEvent<'_>) -> Result<(), DbError> {
    if !slug_exists(tx, "event", ente_id, e.slug).await? {
        super::write_repo::save_event(tx, ente_id, None, e, Utc::now()).await?;
    }
    Ok(())
}

/// Whether an upload is the image of a news item or the photo of a place (which
/// anyone may see).
pub async fn is_public_image(db: &Db, upload: i64) -> Result<bool, DbError> {
    let (n,): (i64,) = db
        .fetch_one(
            sql(
                "SELECT (SELECT COUNT(*) FROM news_image WHERE upload_id = $1)
                      + (SELECT COUNT(*) FROM place_image WHERE upload_id = $1)",
            )
            .bind(upload),
        )
        .await?;
    Ok(n > 0)
}

/// Whose topics: the ones someone follows, or one topic by its slug.
#[derive(Clone, Copy, Debug)]
pub enum Interest<'a> {
    Account(crate::ids::AccountId),
    Topic(&'a str),
}

/// What an ente's site holds on some topics, newest first: news published by `now`
/// and events still to come, as (kind `news`/`event`, slug, title, when).
pub async fn on_topics(
    db: &Db,
    ente_id: EnteId,
    interest: Interest<'_>,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<(String, String, String, DateTime<Utc>)>, DbError> {
    let (account, topic) = match interest {
        Interest::Account(a) => (a.0, ""),
        Interest::Topic(t) => (0, t),
    };
    db.fetch_all(
        sql("SELECT * FROM (
                SELECT 'news' AS kind, n.slug, n.title, n.published_at AS at FROM news n
                 WHERE n.ente_id = $1 AND n.published_at <= $3 AND n.topic_id IN (
                       SELECT f.topic_id FROM account_topic f WHERE f.account_id = $2
                       UNION SELECT t.id FROM topic t WHERE t.slug = $4)
                UNION ALL
                SELECT 'event' AS kind, v.slug, v.title, v.starts_at AS at FROM event v
                 WHERE v.ente_id = $1 AND v.last_ends_at >= $3 AND v.topic_id IN (
                       SELECT f.topic_id FROM account_topic f WHERE f.account_id = $2
                       UNION SELECT t.id FROM topic t WHERE t.slug = $4)
             ) s ORDER BY at DESC LIMIT $5")
        .bind(ente_id)
        .bind(account)
        .bind(now)
        .bind(topic)
        .bind(limit),
    )
    .await
}
