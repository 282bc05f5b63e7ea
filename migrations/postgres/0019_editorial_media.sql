-- Images of editorial items (PostgreSQL): up to four per item, each an upload with its
-- alternative text.
-- Keep in step with ../sqlite/0019_editorial_media.sql.
CREATE TABLE editorial_media (
    item_id   BIGINT NOT NULL REFERENCES editorial_item (id) ON DELETE CASCADE,
    position  BIGINT NOT NULL,
    upload_id BIGINT NOT NULL REFERENCES upload (id),
    alt       TEXT NOT NULL,
    PRIMARY KEY (item_id, position)
);
CREATE INDEX editorial_media_upload_idx ON editorial_media (upload_id);
