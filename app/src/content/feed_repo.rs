//! What feeds and the sitemap read of news (server only): whole rows, for other
//! programs rather than for a page. Events are read by `event_repo`.

use super::model::{NewsItem, NewsKind};
use crate::db::{sql, Db, DbError};
use crate::ids::EnteId;
use chrono::{DateTime, Utc};

/// A published news item as a feed carries it: the item and its last change.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct FeedNews {
    #[sqlx(flatten)]
    pub item: NewsItem,
    pub updated_at: DateTime<Utc>,
}

/// The `limit` newest news items published by `now`, of one kind or (None) all.
pub async fn news(
    db: &Db,
    ente_id: EnteId,
    kind: Option<NewsKind>,
    now: DateTime<Utc>,
    limit: i64,
) -> Result<Vec<FeedNews>, DbError> {
    db.fetch_all(
        sql(
            "SELECT n.slug, n.title, n.summary, n.body, n.body_html, n.topic, n.published_at, n.updated_at,
                    u.token AS image_token, i.alt AS image_alt
               FROM news n LEFT JOIN news_image i ON i.news_id = n.id LEFT JOIN upload u ON u.id = i.upload_id
              WHERE n.ente_id = $1 AND n.published_at <= $2 AND ($4 = '' OR n.kind = $4)
              ORDER BY n.published_at DESC, n.id DESC LIMIT $3",
        )
        .bind(ente_id)
        .bind(now)
        .bind(limit)
        .bind(kind.map_or("", NewsKind::code)),
    )
    .await
}

/// Where a page of the sitemap points: its path and when it last changed.
pub type Located = (String, DateTime<Utc>);

/// The slugs of an ente's published news, newest first, from `offset`.
pub async fn news_slugs(
    db: &Db,
    ente_id: EnteId,
    now: DateTime<Utc>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Located>, DbError> {
    db.fetch_all(
        sql("SELECT slug, updated_at FROM news
              WHERE ente_id = $1 AND published_at <= $2
              ORDER BY published_at DESC, id DESC LIMIT $3 OFFSET $4")
        .bind(ente_id)
        .bind(now)
        .bind(limit)
        .bind(offset),
    )
    .await
}
