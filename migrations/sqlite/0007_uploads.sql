-- Uploaded files (SQLite). Keep in step with ../postgres/0007_uploads.sql.

-- The contents, once per content (SHA-256 in hexadecimal). They live in the database
-- so that every app node serves every file.
CREATE TABLE file_blob (
    sha256     TEXT PRIMARY KEY,
    size       INTEGER NOT NULL,
    bytes      BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL
);

-- An uploaded file: its checked type, its cleaned name, who uploaded it, for which
-- ente. `token` names it in URLs: random, so that ids cannot be guessed; who may read
-- it is decided by what uses it (`upload::service::may_read`).
CREATE TABLE upload (
    id          INTEGER PRIMARY KEY,
    token       TEXT NOT NULL UNIQUE,
    sha256      TEXT NOT NULL REFERENCES file_blob (sha256),
    mime        TEXT NOT NULL,
    name        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    ente_id     INTEGER REFERENCES ente (id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX upload_sha256_idx ON upload (sha256);

-- A consultation's cover image and attachments, with their text (the image's
-- alternative text, the document's title).
CREATE TABLE consultation_file (
    consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
    upload_id       INTEGER NOT NULL REFERENCES upload (id) ON DELETE CASCADE,
    role            TEXT NOT NULL CHECK (role IN ('cover', 'attachment')),
    label           TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL,
    PRIMARY KEY (consultation_id, upload_id)
);
