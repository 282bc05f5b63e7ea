-- The social-media strategy and policies (SQLite): versioned documents and the
-- strategy's measurable objectives.
-- Keep in step with ../postgres/0017_strategy.sql.

-- Every saved version of a document of the ente's social team: the strategy, the
-- internal policy (rules for the staff), the external policy (rules of conduct
-- for the public). `fields` is JSON of the document's sections, as written in
-- Markdown; `note` says what changed. The external policy's version with
-- `published_at` set most recently is the public page.
CREATE TABLE social_document (
    id           INTEGER PRIMARY KEY,
    ente_id      INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('strategy', 'policy_internal', 'policy_external')),
    version      INTEGER NOT NULL,
    fields       TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    author_id    INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL,
    published_at TIMESTAMP,
    UNIQUE (ente_id, kind, version)
);

-- A measurable objective: a metric (of one channel, or of all), a target and a
-- deadline. The KPI charts draw the target.
CREATE TABLE social_objective (
    id         INTEGER PRIMARY KEY,
    ente_id    INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    metric     TEXT NOT NULL,
    channel_id INTEGER REFERENCES social_channel (id) ON DELETE CASCADE,
    target     REAL NOT NULL,
    deadline   DATE NOT NULL,
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);
CREATE INDEX social_objective_ente_idx ON social_objective (ente_id);
