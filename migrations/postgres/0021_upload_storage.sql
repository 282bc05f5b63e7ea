-- Uploads in an object store (PostgreSQL). Keep in step with ../sqlite/0021_upload_storage.sql.

-- With PIAZZA_UPLOADS naming a directory or an S3-compatible bucket, a content's bytes
-- live there under this key and `bytes` is empty; NULL means the bytes are here.
ALTER TABLE file_blob ADD COLUMN object_key TEXT;
