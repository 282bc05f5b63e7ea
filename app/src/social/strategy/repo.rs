//! Reading and writing the strategy, the policies and the objectives (server only).

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
use crate::social::strategy::model::DocKind;
use chrono::{DateTime, Utc};

#[derive(Clone, sqlx::FromRow)]
pub struct DocRow {
    pub version: i64,
    pub fields: String,
    pub note: String,
    pub author_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub published_at: Option<DateTime<Utc>>,
}

macro_rules! doc_select {
    () => {
        "SELECT d.version, d.fields, d.note, a.display_name AS author_name, d.created_at, d.published_at
           FROM social_document d LEFT JOIN account a ON a.id = d.author_id"
    };
}

/// Every version of a document, newest first (at most 100).
pub async fn versions(db: &Db, ente: EnteId, kind: DocKind) -> Result<Vec<DocRow>, DbError> {
    db.fetch_all(
        sql(concat!(
            doc_select!(),
            " WHERE d.ente_id = $1 AND d.kind = $2 ORDER BY d.version DESC LIMIT 100"
        ))
        .bind(ente)
        .bind(kind.code()),
    )
    .await
}

/// Adds a version after the latest; its number.
pub async fn add_version(
    tx: &mut Tx,
    ente: EnteId,
    kind: DocKind,
    fields: &str,
    note: &str,
    author: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (version,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO social_document (ente_id, kind, version, fields, note, author_id, created_at)
                 SELECT $1, $2, COALESCE(MAX(version), 0) + 1, $3, $4, $5, $6
                   FROM social_document WHERE ente_id = $1 AND kind = $2
                 RETURNING version")
            .bind(ente)
            .bind(kind.code())
            .bind(fields)
            .bind(note)
            .bind(author)
            .bind(now),
        )
        .await?;
    Ok(version)
}

/// Makes a version of the external policy the public one; false if there is none.
pub async fn publish(
    tx: &mut Tx,
    ente: EnteId,
    version: i64,
    now: DateTime<Utc>,
) -> Result<bool, DbError> {
    let n = tx
        .execute(
            sql("UPDATE social_document SET published_at = $3
                  WHERE ente_id = $1 AND kind = 'policy_external' AND version = $2")
            .bind(ente)
            .bind(version)
            .bind(now),
        )
        .await?;
    Ok(n > 0)
}

/// The external policy's public version: the one published last.
pub async fn published(db: &Db, ente: EnteId) -> Result<Option<DocRow>, DbError> {
    db.fetch_optional(
        sql(concat!(
            doc_select!(),
            " WHERE d.ente_id = $1 AND d.kind = 'policy_external' AND d.published_at IS NOT NULL
              ORDER BY d.published_at DESC, d.version DESC LIMIT 1"
        ))
        .bind(ente),
    )
    .await
}

/// The latest changes to the strategy and its objectives: (who, when, action, what).
pub async fn changes(
    db: &Db,
    ente: EnteId,
) -> Result<Vec<(String, DateTime<Utc>, String, String)>, DbError> {
    db.fetch_all(
        sql("SELECT actor_email, at, action, target_label FROM audit_log
              WHERE ente_id = $1 AND action IN ('social_objective_saved', 'social_document_saved', 'social_policy_published')
              ORDER BY id DESC LIMIT 20")
        .bind(ente),
    )
    .await
}
