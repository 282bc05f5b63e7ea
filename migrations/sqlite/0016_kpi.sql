-- KPIs of the social channels (SQLite): imports of the platforms' exports with
-- their column mapping saved per platform, daily values and posts.
-- Keep in step with ../postgres/0016_kpi.sql.

-- How an ente's exports of a platform map to metrics (JSON of `social::kpi::Mapping`).
CREATE TABLE kpi_mapping (
    ente_id    INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    platform   TEXT NOT NULL,
    mapping    TEXT NOT NULL,
    updated_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (ente_id, platform)
);

-- A file uploaded and waiting for its mapping to be confirmed (removed once
-- imported, or after a day).
CREATE TABLE kpi_upload (
    id          INTEGER PRIMARY KEY,
    ente_id     INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    channel_id  INTEGER NOT NULL REFERENCES social_channel (id) ON DELETE CASCADE,
    token       TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    problems    TEXT,
    uploaded_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL
);

-- An import done: which file, how many rows, which days.
CREATE TABLE kpi_import (
    id          INTEGER PRIMARY KEY,
    ente_id     INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    channel_id  INTEGER NOT NULL REFERENCES social_channel (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    row_count   INTEGER NOT NULL,
    first_day   DATE NOT NULL,
    last_day    DATE NOT NULL,
    imported_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL
);
CREATE INDEX kpi_import_ente_idx ON kpi_import (ente_id, id);

-- A channel's value of a metric on a day (from a daily export, or typed in).
-- A later import or entry of the same day and metric replaces it.
CREATE TABLE kpi_value (
    channel_id INTEGER NOT NULL REFERENCES social_channel (id) ON DELETE CASCADE,
    day        DATE NOT NULL,
    metric     TEXT NOT NULL,
    value      REAL NOT NULL,
    import_id  INTEGER REFERENCES kpi_import (id) ON DELETE SET NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (channel_id, day, metric)
);

-- A post of a channel with its numbers (from a post-level export); the same post
-- imported again is updated.
CREATE TABLE kpi_post (
    channel_id  INTEGER NOT NULL REFERENCES social_channel (id) ON DELETE CASCADE,
    post_key    TEXT NOT NULL,
    day         DATE NOT NULL,
    link        TEXT NOT NULL DEFAULT '',
    text        TEXT NOT NULL DEFAULT '',
    reach       REAL,
    impressions REAL,
    engagements REAL,
    clicks      REAL,
    views       REAL,
    import_id   INTEGER REFERENCES kpi_import (id) ON DELETE SET NULL,
    PRIMARY KEY (channel_id, post_key)
);
CREATE INDEX kpi_post_day_idx ON kpi_post (channel_id, day);
