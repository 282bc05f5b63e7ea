//! Where the contents of uploaded files live (`upload` stores and reads them here). In the database by default:
//! every node reads them and a backup holds them. Or in an object store, through the
//! `object_store` crate: a directory (one machine, or a shared mount, and the tests) or
//! an S3-compatible bucket; large files then leave the database.
//!
//! The `file_blob` row stays in the database either way (its digest, its size, who
//! holds it). With an object store its `object_key` names the object and its bytes are
//! empty. A key is new for every stored content, so deleting an old object can never
//! take the one a later upload of the same content wrote.

use super::DbError;
use chrono::{DateTime, Utc};
use futures::StreamExt;
use object_store::{path::Path, ObjectStore, ObjectStoreExt, PutPayload};
use std::sync::Arc;

/// The storage setting (`PIAZZA_UPLOADS`).
#[derive(Clone, Debug, Default)]
pub enum Storage {
    #[default]
    Database,
    Objects(Arc<dyn ObjectStore>),
}

/// What went wrong with the object store, in one line.
fn one_line(e: impl std::fmt::Display) -> String {
    e.to_string().replace(['\n', '\r'], " ")
}

fn failed(e: impl std::fmt::Display) -> DbError {
    DbError::Files(one_line(e))
}

impl Storage {
    /// `database`; `dir:/PATH` (or an absolute path); or `s3://BUCKET`, configured by
    /// the usual `AWS_*` variables (`AWS_ENDPOINT` and `AWS_ALLOW_HTTP` for a
    /// compatible store, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`).
    pub fn from_setting(setting: &str) -> Result<Storage, String> {
        let s = setting.trim();
        if s.is_empty() || s == "database" {
            return Ok(Storage::Database);
        }
        if let Some(dir) = s.strip_prefix("dir:").or(s.starts_with('/').then_some(s)) {
            return Storage::directory(std::path::Path::new(dir));
        }
        if let Some(bucket) = s.strip_prefix("s3://") {
            if bucket.is_empty() || bucket.contains('/') {
                return Err(format!("{s:?}: name the bucket alone, as s3://BUCKET"));
            }
            let store = object_store::aws::AmazonS3Builder::from_env()
                .with_bucket_name(bucket)
                .build()
                .map_err(one_line)?;
            return Ok(Storage::Objects(Arc::new(store)));
        }
        Err(format!(
            "{s:?} is neither database, dir:/PATH nor s3://BUCKET"
        ))
    }

    /// A directory on this machine, created if missing.
    pub fn directory(dir: &std::path::Path) -> Result<Storage, String> {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let store = object_store::local::LocalFileSystem::new_with_prefix(dir).map_err(one_line)?;
        Ok(Storage::Objects(Arc::new(store)))
    }

    /// For the start-up line: `database` or the store's own description.
    pub fn describe(&self) -> String {
        match self {
            Storage::Database => "database".into(),
            Storage::Objects(store) => store.to_string(),
        }
    }

    fn store(&self) -> Result<&Arc<dyn ObjectStore>, DbError> {
        match self {
            Storage::Objects(store) => Ok(store),
            Storage::Database => Err(DbError::Files(
                "this file is in an object store, and PIAZZA_UPLOADS names none".into(),
            )),
        }
    }

    /// Writes contents under a new key (`blobs/ab/abcd…-random`) and returns it.
    pub async fn put(&self, sha256: &str, bytes: &[u8]) -> Result<String, DbError> {
        let mut random = [0u8; 8];
        getrandom::fill(&mut random).map_err(failed)?;
        let key = format!(
            "blobs/{}/{sha256}-{}",
            &sha256[..2],
            crate::text::hex(&random)
        );
        self.store()?
            .put(&Path::from(key.as_str()), PutPayload::from(bytes.to_vec()))
            .await
            .map_err(failed)?;
        Ok(key)
    }

    pub async fn get(&self, key: &str) -> Result<Vec<u8>, DbError> {
        let found = self.store()?.get(&Path::from(key)).await.map_err(failed)?;
        Ok(found.bytes().await.map_err(failed)?.to_vec())
    }

    /// The keys of the stored contents written before `before` (none in the database
    /// setting: there the contents are the rows themselves).
    pub async fn keys_before(&self, before: DateTime<Utc>) -> Result<Vec<String>, DbError> {
        let Storage::Objects(store) = self else {
            return Ok(Vec::new());
        };
        let mut listed = store.list(Some(&Path::from("blobs")));
        let mut keys = Vec::new();
        while let Some(meta) = listed.next().await {
            let meta = meta.map_err(failed)?;
            if meta.last_modified < before {
                keys.push(meta.location.to_string());
            }
        }
        Ok(keys)
    }

    pub async fn delete(&self, key: &str) -> Result<(), DbError> {
        match self.store()?.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(failed(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read_or_refused_with_a_reason() {
        assert!(matches!(
            Storage::from_setting("database"),
            Ok(Storage::Database)
        ));
        assert!(matches!(Storage::from_setting(""), Ok(Storage::Database)));
        let err = Storage::from_setting("ftp://x").err().unwrap_or_default();
        assert!(err.contains("s3://BUCKET"), "{err}");
        let err = Storage::from_setting("s3://bucket/prefix")
            .err()
            .unwrap_or_default();
        assert!(err.contains("bucket alone"), "{err}");
    }

    #[tokio::test]
    async fn a_directory_keeps_contents_under_fresh_keys() {
        let dir = std::env::temp_dir().join(format!("piazza-storage-{}", std::process::id()));
        let files = Storage::from_setting(&format!("dir:{}", dir.display())).unwrap();
        let sha = "ab".repeat(32);
        let first = files.put(&sha, b"uno").await.unwrap();
        let second = files.put(&sha, b"uno").await.unwrap();
        assert_ne!(first, second, "the same content twice gets two keys");
        assert_eq!(files.get(&first).await.unwrap(), b"uno");
        files.delete(&first).await.unwrap();
        assert!(files.get(&first).await.is_err());
        assert_eq!(
            files.get(&second).await.unwrap(),
            b"uno",
            "the other key stays"
        );
        files.delete(&first).await.unwrap();
        assert!(Storage::Database.get(&second).await.is_err());
        std::fs::remove_dir_all(dir).ok();
    }
}
