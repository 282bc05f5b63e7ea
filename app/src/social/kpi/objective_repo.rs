//! Reading and writing the strategy's objectives (server only): targets of the KPIs,
//! per channel or for all.

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::EnteId;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Clone, sqlx::FromRow)]
pub struct ObjectiveRow {
    pub id: i64,
    pub title: String,
    pub metric: String,
    pub channel_id: Option<i64>,
    pub channel_name: Option<String>,
    pub target: f64,
    pub deadline: NaiveDate,
    pub active: bool,
}

pub async fn objectives(db: &Db, ente: EnteId) -> Result<Vec<ObjectiveRow>, DbError> {
    db.fetch_all(
        sql("SELECT o.id, o.title, o.metric, o.channel_id, c.name AS channel_name, o.target, o.deadline, o.active
               FROM social_objective o LEFT JOIN social_channel c ON c.id = o.channel_id
              WHERE o.ente_id = $1 ORDER BY o.active DESC, o.deadline, o.id")
        .bind(ente),
    )
    .await
}

pub struct ObjectiveInput<'a> {
    pub title: &'a str,
    pub metric: &'a str,
    pub channel_id: Option<i64>,
    pub target: f64,
    pub deadline: NaiveDate,
    pub active: bool,
}

/// Adds (`id` None) or changes an objective of the ente; None when no such one.
pub async fn save_objective(
    tx: &mut Tx,
    ente: EnteId,
    id: Option<i64>,
    o: &ObjectiveInput<'_>,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    match id {
        None => {
            let (id,): (i64,) = tx
                .fetch_one(
                    sql("INSERT INTO social_objective (ente_id, title, metric, channel_id, target, deadline, active, created_at, updated_at)
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id")
                    .bind(ente)
                    .bind(o.title)
                    .bind(o.metric)
                    .bind(o.channel_id)
                    .bind(o.target)
                    .bind(o.deadline)
                    .bind(o.active)
                    .bind(now),
                )
                .await?;
            Ok(Some(id))
        }
        Some(id) => {
            let n = tx
                .execute(
                    sql("UPDATE social_objective SET title = $3, metric = $4, channel_id = $5, target = $6,
                            deadline = $7, active = $8, updated_at = $9
                          WHERE id = $1 AND ente_id = $2")
                    .bind(id)
                    .bind(ente)
                    .bind(o.title)
                    .bind(o.metric)
                    .bind(o.channel_id)
                    .bind(o.target)
                    .bind(o.deadline)
                    .bind(o.active)
                    .bind(now),
                )
                .await?;
            Ok((n > 0).then_some(id))
        }
    }
}

/// The active targets for a view of the KPIs (all channels: the objectives of no
/// one channel), nearest deadline first: (metric, target, deadline).
pub async fn targets(
    db: &Db,
    ente: EnteId,
    channel: Option<i64>,
) -> Result<Vec<(String, f64, NaiveDate)>, DbError> {
    db.fetch_all(
        sql("SELECT metric, target, deadline FROM social_objective
              WHERE ente_id = $1 AND active AND (($2 IS NULL AND channel_id IS NULL) OR channel_id = $2)
              ORDER BY deadline, id")
        .bind(ente)
        .bind(channel),
    )
    .await
}
