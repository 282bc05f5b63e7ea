//! Storing and reading files (server only).

use super::check::Checked;
use crate::db::{sql, Db, DbError, Tx};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

#[derive(Clone, Debug, sqlx::FromRow)]
pub struct UploadRow {
    pub id: i64,
    pub token: String,
    pub sha256: String,
    pub mime: String,
    pub name: String,
    pub size: i64,
    pub uploaded_by: Option<i64>,
    pub ente_id: Option<i64>,
}

/// Stores a checked file (its contents once, however many times it is uploaded);
/// its id and token.
pub async fn store(
    tx: &mut Tx,
    file: &Checked,
    uploaded_by: Option<i64>,
    ente_id: Option<i64>,
    now: DateTime<Utc>,
) -> Result<(i64, String), DbError> {
    let sha256 = crate::text::hex(&Sha256::digest(&file.bytes));
    let size = file.bytes.len() as i64;
    tx.execute(
        sql(
            "INSERT INTO file_blob (sha256, size, bytes, created_at) VALUES ($1, $2, $3, $4)
             ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(sha256.as_str())
        .bind(size)
        .bind(file.bytes.clone())
        .bind(now),
    )
    .await?;
    let (token, _) = crate::auth::token::new_token();
    let token = token[..32].to_string();
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO upload (token, sha256, mime, name, size, uploaded_by, ente_id, created_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id")
            .bind(token.as_str())
            .bind(sha256.as_str())
            .bind(file.mime)
            .bind(file.name.as_str())
            .bind(size)
            .bind(uploaded_by)
            .bind(ente_id)
            .bind(now),
        )
        .await?;
    Ok((id, token))
}

pub async fn by_token(db: &Db, token: &str) -> Result<Option<UploadRow>, DbError> {
    db.fetch_optional(
        sql("SELECT id, token, sha256, mime, name, size, uploaded_by, ente_id FROM upload WHERE token = $1")
            .bind(token),
    )
    .await
}

/// The contents of a file.
pub async fn bytes(db: &Db, sha256: &str) -> Result<Option<Vec<u8>>, DbError> {
    let row: Option<(Vec<u8>,)> = db
        .fetch_optional(sql("SELECT bytes FROM file_blob WHERE sha256 = $1").bind(sha256))
        .await?;
    Ok(row.map(|(b,)| b))
}
