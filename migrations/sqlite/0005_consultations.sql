-- Public consultations (SQLite). Keep in step with ../postgres/0005_consultations.sql.

-- A consultation of an ente (an Unione's covers its Comuni). Its phase is derived
-- from its dates and `status`: a draft until published, then open between opens_at and
-- closes_at, then closed, and `results` once the outcome (esiti) is published.
CREATE TABLE consultation (
    id                INTEGER PRIMARY KEY,
    ente_id           INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    slug              TEXT NOT NULL,
    title             TEXT NOT NULL,
    summary           TEXT NOT NULL DEFAULT '',
    body              TEXT NOT NULL DEFAULT '',
    status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'results')),
    opens_at          TIMESTAMP NOT NULL,
    closes_at         TIMESTAMP NOT NULL,
    participation     TEXT NOT NULL DEFAULT 'verified'
                      CHECK (participation IN ('anyone', 'verified', 'residents', 'community')),
    community_id      INTEGER REFERENCES community (id) ON DELETE SET NULL,
    anonymous_results BOOLEAN NOT NULL DEFAULT TRUE,
    questionnaire     TEXT NOT NULL DEFAULT '{"sections":[]}',
    outcome           TEXT NOT NULL DEFAULT '',
    created_by        INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    UNIQUE (ente_id, slug),
    CHECK (closes_at > opens_at)
);

-- Residence-restricted consultations: the Comuni whose residents may answer.
CREATE TABLE consultation_comune (
    consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
    ente_id         INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    PRIMARY KEY (consultation_id, ente_id)
);

CREATE TABLE consultation_topic (
    consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
    topic_id        INTEGER NOT NULL REFERENCES topic (id) ON DELETE CASCADE,
    PRIMARY KEY (consultation_id, topic_id)
);

-- One submitted questionnaire. `answers` is JSON keyed by question id. The receipt is
-- the number shown and mailed to the person. Signed-in people answer once.
CREATE TABLE response (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
    account_id      INTEGER REFERENCES account (id) ON DELETE SET NULL,
    receipt         TEXT NOT NULL UNIQUE,
    answers         TEXT NOT NULL,
    comune_id       INTEGER REFERENCES ente (id) ON DELETE SET NULL,
    birth_year      INTEGER,
    submitted_at    TIMESTAMP NOT NULL
);
CREATE INDEX response_consultation_idx ON response (consultation_id, submitted_at);
CREATE UNIQUE INDEX response_once_idx ON response (consultation_id, account_id) WHERE account_id IS NOT NULL;

-- What someone has typed so far: kept as they go (signed in), and kept when a
-- submission fails, so that the form comes back as it was even without JavaScript.
-- `owner` is `account:<id>` or `browser:<digest of a cookie token>`.
CREATE TABLE response_draft (
    consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
    owner           TEXT NOT NULL,
    account_id      INTEGER REFERENCES account (id) ON DELETE CASCADE,
    fields          TEXT NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    PRIMARY KEY (consultation_id, owner)
);
