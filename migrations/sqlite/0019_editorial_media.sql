-- Images of editorial items (SQLite): up to four per item, each an upload with its
-- alternative text.
-- Keep in step with ../postgres/0019_editorial_media.sql.
CREATE TABLE editorial_media (
    item_id   INTEGER NOT NULL REFERENCES editorial_item (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    upload_id INTEGER NOT NULL REFERENCES upload (id),
    alt       TEXT NOT NULL,
    PRIMARY KEY (item_id, position)
);
CREATE INDEX editorial_media_upload_idx ON editorial_media (upload_id);
