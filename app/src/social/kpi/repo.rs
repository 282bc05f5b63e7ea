//! Reading and writing KPIs (server only): saved mappings, files waiting for their
//! mapping, imports, daily values and posts.

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use crate::social::kpi::model::{Mapping, Metric};
use chrono::{DateTime, NaiveDate, Utc};

pub async fn mapping(db: &Db, ente: EnteId, platform: &str) -> Result<Option<Mapping>, DbError> {
    let row: Option<(String,)> = db
        .fetch_optional(
            sql("SELECT mapping FROM kpi_mapping WHERE ente_id = $1 AND platform = $2")
                .bind(ente)
                .bind(platform),
        )
        .await?;
    Ok(row.and_then(|(json,)| serde_json::from_str(&json).ok()))
}

pub async fn save_mapping(
    tx: &mut Tx,
    ente: EnteId,
    platform: &str,
    mapping: &Mapping,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO kpi_mapping (ente_id, platform, mapping, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (ente_id, platform) DO UPDATE SET mapping = excluded.mapping,
                updated_by = excluded.updated_by, updated_at = excluded.updated_at")
        .bind(ente)
        .bind(platform)
        .bind(serde_json::to_string(mapping).unwrap_or_default())
        .bind(by)
        .bind(now),
    )
    .await?;
    Ok(())
}

#[derive(Clone, sqlx::FromRow)]
pub struct UploadRow {
    pub id: i64,
    pub channel_id: i64,
    pub name: String,
    pub bytes: Vec<u8>,
    pub problems: Option<String>,
    pub uploaded_by: Option<AccountId>,
}

/// Keeps a file until its mapping is confirmed; files older than a day go.
pub async fn add_upload(
    tx: &mut Tx,
    ente: EnteId,
    channel: i64,
    token: &str,
    name: &str,
    bytes: Vec<u8>,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("DELETE FROM kpi_upload WHERE created_at < $1").bind(now - chrono::Duration::days(1)),
    )
    .await?;
    tx.execute(
        sql("INSERT INTO kpi_upload (ente_id, channel_id, token, name, bytes, uploaded_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(ente)
        .bind(channel)
        .bind(token)
        .bind(name)
        .bind(bytes)
        .bind(by)
        .bind(now),
    )
    .await?;
    Ok(())
}

pub async fn upload(db: &Db, ente: EnteId, token: &str) -> Result<Option<UploadRow>, DbError> {
    db.fetch_optional(
        sql("SELECT id, channel_id, name, bytes, problems, uploaded_by FROM kpi_upload WHERE ente_id = $1 AND token = $2")
            .bind(ente)
            .bind(token),
    )
    .await
}

/// Records what was wrong with a file (JSON of its problems).
pub async fn set_problems(db: &Db, id: i64, problems: &str) -> Result<(), DbError> {
    db.execute(
        sql("UPDATE kpi_upload SET problems = $2 WHERE id = $1")
            .bind(id)
            .bind(problems),
    )
    .await?;
    Ok(())
}

pub async fn remove_upload(tx: &mut Tx, id: i64) -> Result<(), DbError> {
    tx.execute(sql("DELETE FROM kpi_upload WHERE id = $1").bind(id))
        .await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
pub async fn add_import(
    tx: &mut Tx,
    ente: EnteId,
    channel: i64,
    name: &str,
    rows: i64,
    days: (NaiveDate, NaiveDate),
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO kpi_import (ente_id, channel_id, name, row_count, first_day, last_day, imported_by, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
            .bind(ente)
            .bind(channel)
            .bind(name)
            .bind(rows)
            .bind(days.0)
            .bind(days.1)
            .bind(by)
            .bind(now),
        )
        .await?;
    Ok(id)
}

/// Sets a channel's value of a metric on a day (replacing an earlier one).
pub async fn put_value(
    tx: &mut Tx,
    channel: i64,
    day: NaiveDate,
    metric: Metric,
    value: f64,
    import: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO kpi_value (channel_id, day, metric, value, import_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (channel_id, day, metric) DO UPDATE SET value = excluded.value,
                import_id = excluded.import_id, updated_at = excluded.updated_at")
        .bind(channel)
        .bind(day)
        .bind(metric.code())
        .bind(value)
        .bind(import)
        .bind(now),
    )
    .await?;
    Ok(())
}

/// A post's numbers, as an export gives them.
pub struct PostInput<'a> {
    pub key: &'a str,
    pub day: NaiveDate,
    pub link: &'a str,
    pub text: &'a str,
    pub reach: Option<f64>,
    pub impressions: Option<f64>,
    pub engagements: Option<f64>,
    pub clicks: Option<f64>,
    pub views: Option<f64>,
}

pub async fn put_post(
    tx: &mut Tx,
    channel: i64,
    p: &PostInput<'_>,
    import: i64,
) -> Result<(), DbError> {
    tx.execute(
        sql("INSERT INTO kpi_post (channel_id, post_key, day, link, text, reach, impressions, engagements, clicks, views, import_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
             ON CONFLICT (channel_id, post_key) DO UPDATE SET day = excluded.day, link = excluded.link,
                text = excluded.text, reach = excluded.reach, impressions = excluded.impressions,
                engagements = excluded.engagements, clicks = excluded.clicks, views = excluded.views,
                import_id = excluded.import_id")
        .bind(channel)
        .bind(p.key)
        .bind(p.day)
        .bind(p.link)
        .bind(p.text)
        .bind(p.reach)
        .bind(p.impressions)
        .bind(p.engagements)
        .bind(p.clicks)
        .bind(p.views)
        .bind(import),
    )
    .await?;
    Ok(())
}

/// Daily values of the ente's channels from `from`: (channel, day, metric, value).
pub async fn values(
    db: &Db,
    ente: EnteId,
    from: NaiveDate,
) -> Result<Vec<(i64, NaiveDate, String, f64)>, DbError> {
    db.fetch_all(
        sql(
            "SELECT v.channel_id, v.day, v.metric, v.value FROM kpi_value v
               JOIN social_channel c ON c.id = v.channel_id
              WHERE c.ente_id = $1 AND v.day >= $2 ORDER BY v.day",
        )
        .bind(ente)
        .bind(from),
    )
    .await
}

#[derive(Clone, sqlx::FromRow)]
pub struct PostRow {
    pub channel_id: i64,
    pub channel: String,
    pub day: NaiveDate,
    pub link: String,
    pub text: String,
    pub reach: Option<f64>,
    pub impressions: Option<f64>,
    pub engagements: Option<f64>,
    pub clicks: Option<f64>,
    pub views: Option<f64>,
}

/// Posts of the ente's channels from `from`.
pub async fn posts(db: &Db, ente: EnteId, from: NaiveDate) -> Result<Vec<PostRow>, DbError> {
    db.fetch_all(
        sql(
            "SELECT p.channel_id, c.name AS channel, p.day, p.link, p.text, p.reach, p.impressions,
                    p.engagements, p.clicks, p.views
               FROM kpi_post p JOIN social_channel c ON c.id = p.channel_id
              WHERE c.ente_id = $1 AND p.day >= $2 ORDER BY p.day",
        )
        .bind(ente)
        .bind(from),
    )
    .await
}

/// The latest imports of the ente: (channel, file, rows, first, last, by, at).
#[allow(clippy::type_complexity)]
pub async fn imports(
    db: &Db,
    ente: EnteId,
) -> Result<
    Vec<(
        String,
        String,
        i64,
        NaiveDate,
        NaiveDate,
        Option<String>,
        DateTime<Utc>,
    )>,
    DbError,
> {
    db.fetch_all(
        sql("SELECT c.name, i.name, i.row_count, i.first_day, i.last_day, a.display_name, i.created_at
               FROM kpi_import i JOIN social_channel c ON c.id = i.channel_id
               LEFT JOIN account a ON a.id = i.imported_by
              WHERE i.ente_id = $1 ORDER BY i.id DESC LIMIT 10")
        .bind(ente),
    )
    .await
}
