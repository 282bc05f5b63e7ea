-- A place's photo (the upload) and its alternative text, set in the site's editor as a
-- news item's image is. Keep in step with ../postgres/0033_place_image.sql.
CREATE TABLE place_image (
    place_id  INTEGER PRIMARY KEY REFERENCES place (id) ON DELETE CASCADE,
    upload_id INTEGER NOT NULL REFERENCES upload (id) ON DELETE CASCADE,
    alt       TEXT NOT NULL
);
CREATE INDEX place_image_upload_idx ON place_image (upload_id);
