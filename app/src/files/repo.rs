//! Reading and writing a community's folders, documents and versions (server only).

use crate::db::{sql, Db, DbError, Tx};
use crate::ids::{AccountId, CommunityId, EnteId};
use crate::upload::model::FileView;
use chrono::{DateTime, Utc};

#[derive(Clone, sqlx::FromRow)]
pub struct FolderRow {
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
    pub documents: i64,
}

/// The columns of a folder row, with the number of documents in it.
macro_rules! folder_select {
    () => {
        "SELECT f.id, f.parent_id, f.name,
                (SELECT COUNT(*) FROM community_file d WHERE d.folder_id = f.id) AS documents
           FROM community_folder f"
    };
}

/// The folders in `parent` (None: the top level), by name.
pub async fn folders(
    db: &Db,
    community: CommunityId,
    parent: Option<i64>,
) -> Result<Vec<FolderRow>, DbError> {
    db.fetch_all(
        sql(concat!(
            folder_select!(),
            " WHERE f.community_id = $1 AND COALESCE(f.parent_id, 0) = COALESCE($2, 0) ORDER BY f.name"
        ))
        .bind(community)
        .bind(parent),
    )
    .await
}

pub async fn folder(
    db: &Db,
    community: CommunityId,
    id: i64,
) -> Result<Option<FolderRow>, DbError> {
    db.fetch_optional(
        sql(concat!(
            folder_select!(),
            " WHERE f.community_id = $1 AND f.id = $2"
        ))
        .bind(community)
        .bind(id),
    )
    .await
}

/// A folder and the folders above it, top first.
pub async fn trail(db: &Db, community: CommunityId, id: i64) -> Result<Vec<FolderRow>, DbError> {
    let mut out = Vec::new();
    let mut next = Some(id);
    while let Some(id) = next {
        if out.len() > super::model::MAX_DEPTH {
            break;
        }
        let Some(f) = folder(db, community, id).await? else {
            break;
        };
        next = f.parent_id;
        out.push(f);
    }
    out.reverse();
    Ok(out)
}

/// A new folder; None when its parent already has one of that name.
pub async fn create_folder(
    tx: &mut Tx,
    community: CommunityId,
    parent: Option<i64>,
    name: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbError> {
    let row: Option<(i64,)> = tx
        .fetch_optional(
            sql("INSERT INTO community_folder (community_id, parent_id, name, created_by, created_at)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id")
            .bind(community)
            .bind(parent)
            .bind(name)
            .bind(by)
            .bind(now),
        )
        .await?;
    Ok(row.map(|(id,)| id))
}

/// A document with its newest version and who uploaded it.
#[derive(sqlx::FromRow)]
pub struct DocRow {
    pub id: i64,
    pub folder_id: Option<i64>,
    pub title: String,
    pub description: String,
    pub version_count: i64,
    pub downloads: i64,
    pub created_by: Option<AccountId>,
    pub token: String,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub by_name: Option<String>,
    pub by_deleted: bool,
    pub at: DateTime<Utc>,
}

impl DocRow {
    pub fn file(&self) -> FileView {
        FileView {
            token: self.token.clone(),
            name: self.name.clone(),
            mime: self.mime.clone(),
            size: self.size,
            label: self.title.clone(),
        }
    }
}

macro_rules! doc_select {
    () => {
        "SELECT d.id, d.folder_id, d.title, d.description, d.version_count, d.downloads, d.created_by,
                u.token, u.name, u.mime, u.size, a.display_name AS by_name,
                (a.deleted_at IS NOT NULL) AS by_deleted, v.created_at AS at
           FROM community_file d
           JOIN community_file_version v ON v.file_id = d.id AND v.number = d.version_count
           JOIN upload u ON u.id = v.upload_id
           LEFT JOIN account a ON a.id = v.uploaded_by"
    };
}

/// The documents of a folder (None: the top level), newest first.
pub async fn documents(
    db: &Db,
    community: CommunityId,
    folder: Option<i64>,
) -> Result<Vec<DocRow>, DbError> {
    db.fetch_all(
        sql(concat!(
            doc_select!(),
            " WHERE d.community_id = $1 AND COALESCE(d.folder_id, 0) = COALESCE($2, 0)
              ORDER BY d.updated_at DESC, d.id DESC"
        ))
        .bind(community)
        .bind(folder),
    )
    .await
}

pub async fn document(db: &Db, community: CommunityId, id: i64) -> Result<Option<DocRow>, DbError> {
    db.fetch_optional(
        sql(concat!(
            doc_select!(),
            " WHERE d.community_id = $1 AND d.id = $2"
        ))
        .bind(community)
        .bind(id),
    )
    .await
}

#[derive(sqlx::FromRow)]
pub struct VersionRow {
    pub number: i64,
    pub note: String,
    pub token: String,
    pub name: String,
    pub mime: String,
    pub size: i64,
    pub by_name: Option<String>,
    pub by_deleted: bool,
    pub created_at: DateTime<Utc>,
}

/// Every version of a document, newest first.
pub async fn versions(db: &Db, file: i64) -> Result<Vec<VersionRow>, DbError> {
    db.fetch_all(
        sql(
            "SELECT v.number, v.note, u.token, u.name, u.mime, u.size, a.display_name AS by_name,
                    (a.deleted_at IS NOT NULL) AS by_deleted, v.created_at
               FROM community_file_version v
               JOIN upload u ON u.id = v.upload_id
               LEFT JOIN account a ON a.id = v.uploaded_by
              WHERE v.file_id = $1 ORDER BY v.number DESC",
        )
        .bind(file),
    )
    .await
}

/// A new document, without versions yet; its id.
pub async fn create_document(
    tx: &mut Tx,
    community: CommunityId,
    folder: Option<i64>,
    title: &str,
    description: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (id,): (i64,) = tx
        .fetch_one(
            sql("INSERT INTO community_file (community_id, folder_id, title, description, created_by, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id")
            .bind(community)
            .bind(folder)
            .bind(title)
            .bind(description)
            .bind(by)
            .bind(now),
        )
        .await?;
    Ok(id)
}

/// Adds the next version of a document (the row is updated first, which
/// serializes two uploads at once); its number.
pub async fn add_version(
    tx: &mut Tx,
    file: i64,
    upload: i64,
    note: &str,
    by: AccountId,
    now: DateTime<Utc>,
) -> Result<i64, DbError> {
    let (number,): (i64,) = tx
        .fetch_one(
            sql(
                "UPDATE community_file SET version_count = version_count + 1, updated_at = $1
                  WHERE id = $2 RETURNING version_count",
            )
            .bind(now)
            .bind(file),
        )
        .await?;
    tx.execute(
        sql("INSERT INTO community_file_version (file_id, number, upload_id, note, uploaded_by, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(file)
        .bind(number)
        .bind(upload)
        .bind(note)
        .bind(by)
        .bind(now),
    )
    .await?;
    Ok(number)
}

/// The upload of one version of a document, counting the download.
pub async fn download(
    db: &Db,
    community: CommunityId,
    file: i64,
    number: i64,
) -> Result<Option<(String, String)>, DbError> {
    let mut tx = db.begin().await?;
    let row: Option<(String, String)> = tx
        .fetch_optional(
            sql("SELECT u.token, u.name FROM community_file d
                   JOIN community_file_version v ON v.file_id = d.id
                   JOIN upload u ON u.id = v.upload_id
                  WHERE d.community_id = $1 AND d.id = $2 AND v.number = $3")
            .bind(community)
            .bind(file)
            .bind(number),
        )
        .await?;
    if row.is_some() {
        tx.execute(
            sql("UPDATE community_file SET downloads = downloads + 1 WHERE id = $1").bind(file),
        )
        .await?;
    }
    tx.commit().await?;
    Ok(row)
}

pub async fn delete_document(tx: &mut Tx, id: i64) -> Result<(), DbError> {
    tx.execute(sql("DELETE FROM community_file WHERE id = $1").bind(id))
        .await?;
    Ok(())
}

/// A community a stored file belongs to, and whether its members can see it there.
#[derive(Debug, sqlx::FromRow)]
pub struct Holding {
    pub id: CommunityId,
    pub ente_id: Option<EnteId>,
    /// A document, or the attachment of a post its members can read; otherwise the
    /// attachment of a post waiting for approval, hidden, or in a held thread.
    pub seen: bool,
    /// Who wrote the post the file is attached to.
    pub author_id: Option<AccountId>,
}

/// The communities a stored file belongs to: as a document, or as a forum attachment.
pub async fn community_holdings(db: &Db, upload: i64) -> Result<Vec<Holding>, DbError> {
    db.fetch_all(
        sql(
            "SELECT d.community_id AS id, c.ente_id, TRUE AS seen, NULL AS author_id
               FROM community_file_version v
               JOIN community_file d ON d.id = v.file_id
               JOIN community c ON c.id = d.community_id
              WHERE v.upload_id = $1
             UNION ALL
             SELECT t.community_id AS id, c.ente_id,
                    p.state = 'visible' AND NOT EXISTS (
                        SELECT 1 FROM forum_post o
                         WHERE o.thread_id = t.id AND o.number = 1 AND o.held) AS seen,
                    p.author_id
               FROM forum_attachment x
               JOIN forum_post p ON p.id = x.post_id
               JOIN forum_thread t ON t.id = p.thread_id
               JOIN community c ON c.id = t.community_id
              WHERE x.upload_id = $1",
        )
        .bind(upload),
    )
    .await
}
