//! Storing and reading files (server only).

use super::check::Checked;
use crate::db::blobs::Storage;
use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, EnteId};
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
    pub uploaded_by: Option<AccountId>,
    pub ente_id: Option<EnteId>,
}

/// A checked file made ready to be stored: its digest and, with an object store, its
/// object, written by [`stage`] before the caller's transaction begins (a transfer to
/// a bucket must never hold the database's write lock).
pub struct Staged<'a> {
    file: &'a Checked,
    sha256: String,
    key: Option<String>,
}

impl<'a> Staged<'a> {
    /// Bytes that go in the database: nothing to do before the transaction.
    pub fn here(file: &'a Checked) -> Staged<'a> {
        Staged {
            file,
            sha256: crate::text::hex(&Sha256::digest(&file.bytes)),
            key: None,
        }
    }
}

/// Writes the file's object when `files` is an object store and no content like it is
/// held yet. Written before the row: a crash in between leaves an object nothing
/// names, never a row without its object.
pub async fn stage<'a>(db: &Db, files: &Storage, file: &'a Checked) -> Result<Staged<'a>, DbError> {
    let mut staged = Staged::here(file);
    if let Storage::Objects(_) = files {
        let held: Option<(String,)> = db
            .fetch_optional(
                sql("SELECT sha256 FROM file_blob WHERE sha256 = $1").bind(staged.sha256.as_str()),
            )
            .await?;
        if held.is_none() {
            staged.key = Some(files.put(&staged.sha256, &file.bytes).await?);
        }
    }
    Ok(staged)
}

/// Stores a staged file (its contents once, however many times it is uploaded); its
/// id and token.
pub async fn store(
    tx: &mut Tx,
    staged: &Staged<'_>,
    uploaded_by: Option<AccountId>,
    ente_id: Option<EnteId>,
    now: DateTime<Utc>,
) -> Result<(i64, String), DbError> {
    let (file, sha256) = (staged.file, staged.sha256.as_str());
    let size = file.bytes.len() as i64;
    // A content already held stays as it is. Otherwise its bytes go in the row, unless
    // staging wrote them to the object store (and were it pruned meanwhile, the row
    // holds them: still served).
    let bytes = match staged.key {
        Some(_) => Vec::new(),
        None => file.bytes.clone(),
    };
    tx.execute(
        sql(
            "INSERT INTO file_blob (sha256, size, bytes, object_key, created_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING",
        )
        .bind(sha256)
        .bind(size)
        .bind(bytes)
        .bind(staged.key.clone())
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
            .bind(sha256)
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

/// An upload as pages show it, with `label` (its alternative text or its title).
pub async fn view_of(
    db: &Db,
    id: i64,
    label: &str,
) -> Result<Option<super::model::FileView>, DbError> {
    let row: Option<(String, String, String, i64)> = db
        .fetch_optional(sql("SELECT token, name, mime, size FROM upload WHERE id = $1").bind(id))
        .await?;
    Ok(row.map(|(token, name, mime, size)| super::model::FileView {
        token,
        name,
        mime,
        size,
        label: label.to_string(),
    }))
}

/// The contents of a file, from wherever they were stored.
pub async fn bytes(db: &Db, files: &Storage, sha256: &str) -> Result<Option<Vec<u8>>, DbError> {
    let row: Option<(Vec<u8>, Option<String>)> = db
        .fetch_optional(
            sql("SELECT bytes, object_key FROM file_blob WHERE sha256 = $1").bind(sha256),
        )
        .await?;
    match row {
        None => Ok(None),
        Some((bytes, None)) => Ok(Some(bytes)),
        Some((_, Some(key))) => Ok(Some(files.get(&key).await?)),
    }
}

/// Every column that points at an upload. Deleting an upload that one of them holds
/// would take the holder's row with it, so pruning checks them all (a test compares
/// this list with the schema's foreign keys).
pub const HOLDERS: &[(&str, &str)] = &[
    ("consultation_file", "upload_id"),
    ("community", "cover_upload_id"),
    ("community_file_version", "upload_id"),
    ("forum_attachment", "upload_id"),
    ("blog_post", "cover_upload_id"),
    ("editorial_media", "upload_id"),
    ("news_image", "upload_id"),
    ("place_image", "upload_id"),
    ("site_entry", "image_id"),
];

/// Deletes the uploads older than `before` that nothing holds: no row of
/// [`HOLDERS`], and no answer nor draft of an answer that names its token (the files
/// sent with an answer are stored before the answer is). Then the contents that no
/// upload names any more, and their objects. Returns how many uploads went.
pub async fn prune_unheld(db: &Db, files: &Storage, before: DateTime<Utc>) -> Result<u64, DbError> {
    let mut unheld = String::from("DELETE FROM upload WHERE created_at < $1");
    for (table, column) in HOLDERS {
        unheld.push_str(&format!(
            " AND NOT EXISTS (SELECT 1 FROM {table} h WHERE h.{column} = upload.id)"
        ));
    }
    unheld.push_str(
        " AND NOT EXISTS (SELECT 1 FROM response r WHERE r.answers LIKE '%\"' || upload.token || '\"%')
          AND NOT EXISTS (SELECT 1 FROM response_draft d WHERE d.fields LIKE '%\"' || upload.token || '\"%')",
    );
    let gone = db
        .execute(crate::db::Sql::checked_identifiers(unheld).bind(before))
        .await?;
    let keys: Vec<(Option<String>,)> = db
        .fetch_all(sql(
            "DELETE FROM file_blob WHERE NOT EXISTS (SELECT 1 FROM upload u WHERE u.sha256 = file_blob.sha256)
             RETURNING object_key",
        ))
        .await?;
    // After the rows: an object whose deletion fails is only space, logged here.
    for key in keys.into_iter().filter_map(|(k,)| k) {
        delete_object(files, &key).await;
    }
    Ok(gone)
}

/// Deletes a stored object that nothing names any more; a failure leaves only space
/// (the hourly sweep tries again), so it is logged, not returned.
async fn delete_object(files: &Storage, key: &str) -> bool {
    match files.delete(key).await {
        Ok(()) => true,
        Err(e) => {
            tracing::warn!(error = %e, key, "cannot delete an object nothing names");
            false
        }
    }
}

/// Deletes the objects written before `before` that no content names: left by a
/// transaction that rolled back after its file was staged, by two first uploads of
/// the same content at once (one row wins), or by a deletion that failed. Objects are
/// staged a moment before their row commits, so `before` leaves the recent ones alone.
/// Returns how many went.
pub async fn sweep_objects(
    db: &Db,
    files: &Storage,
    before: DateTime<Utc>,
) -> Result<u64, DbError> {
    let old = files.keys_before(before).await?;
    if old.is_empty() {
        return Ok(0);
    }
    let named: Vec<(String,)> = db
        .fetch_all(sql(
            "SELECT object_key FROM file_blob WHERE object_key IS NOT NULL",
        ))
        .await?;
    let named: std::collections::HashSet<String> = named.into_iter().map(|(k,)| k).collect();
    let mut gone = 0;
    for key in old.iter().filter(|k| !named.contains(*k)) {
        gone += u64::from(delete_object(files, key).await);
    }
    Ok(gone)
}
