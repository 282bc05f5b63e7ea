-- Tenancy and the first public content (SQLite).
-- Keep in step with ../postgres/0001_tenancy_and_content.sql: same tables, same columns,
-- same constraints. Timestamps are written by the application in UTC.

-- An ente is a public body that runs its site on Piazza: a Comune, an Unione di Comuni,
-- a Provincia, a Regione or an Unione montana. A Comune may belong to one aggregation
-- (parent_id points at the Unione).
CREATE TABLE ente (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('comune', 'unione_comuni', 'provincia', 'regione', 'unione_montana')),
    parent_id   INTEGER REFERENCES ente (id) ON DELETE SET NULL,
    description TEXT NOT NULL DEFAULT '',
    logo_path   TEXT,
    address     TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    pec         TEXT NOT NULL DEFAULT '',
    website     TEXT NOT NULL DEFAULT '',
    ipa_code    TEXT,
    istat_code  TEXT,
    lat         REAL,
    lon         REAL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE INDEX ente_parent_idx ON ente (parent_id);

-- The kit: which modules an ente has switched on, and for how long.
CREATE TABLE ente_module (
    ente_id   INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    module    TEXT NOT NULL,
    starts_on DATE NOT NULL,
    ends_on   DATE,
    PRIMARY KEY (ente_id, module),
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);

-- Points of interest: offices, libraries, parks, sports halls, bookable rooms.
CREATE TABLE place (
    id          INTEGER PRIMARY KEY,
    ente_id     INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    slug        TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    address     TEXT NOT NULL DEFAULT '',
    lat         REAL NOT NULL,
    lon         REAL NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL,
    UNIQUE (ente_id, slug)
);

-- News items (notizie) of an ente's public site.
CREATE TABLE news (
    id           INTEGER PRIMARY KEY,
    ente_id      INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    slug         TEXT NOT NULL,
    title        TEXT NOT NULL,
    summary      TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL DEFAULT '',
    topic        TEXT NOT NULL DEFAULT '',
    published_at TIMESTAMP NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    UNIQUE (ente_id, slug)
);
CREATE INDEX news_ente_published_idx ON news (ente_id, published_at);

-- Events of the agenda.
CREATE TABLE event (
    id         INTEGER PRIMARY KEY,
    ente_id    INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    slug       TEXT NOT NULL,
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    place_id   INTEGER REFERENCES place (id) ON DELETE SET NULL,
    starts_at  TIMESTAMP NOT NULL,
    ends_at    TIMESTAMP NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (ente_id, slug),
    CHECK (ends_at >= starts_at)
);
CREATE INDEX event_ente_starts_idx ON event (ente_id, starts_at);
