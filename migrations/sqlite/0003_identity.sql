-- Identity (SQLite): profiles, sessions, one-time tokens, invitations, communities,
-- scoped roles, the mail outbox, the audit log and rate limits.
-- Keep in step with ../postgres/0003_identity.sql.

-- Profile and privacy fields. A deleted account keeps its row (so that public
-- contributions can still point at it, shown as "deleted account") but loses every
-- personal datum: see account::repo::erase.
ALTER TABLE account ADD COLUMN fiscal_code TEXT;
ALTER TABLE account ADD COLUMN residence_ente_id INTEGER REFERENCES ente (id) ON DELETE SET NULL;
ALTER TABLE account ADD COLUMN birth_year INTEGER;
ALTER TABLE account ADD COLUMN privacy_accepted_at TIMESTAMP;
ALTER TABLE account ADD COLUMN deleted_at TIMESTAMP;

-- Topics people follow and content is tagged with (consultations, news, …).
CREATE TABLE topic (
    id      INTEGER PRIMARY KEY,
    slug    TEXT NOT NULL UNIQUE,
    name_it TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE account_topic (
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    topic_id   INTEGER NOT NULL REFERENCES topic (id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, topic_id)
);

-- A community of practice (forum, blog, files come with the community module).
CREATE TABLE community (
    id          INTEGER PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    ente_id     INTEGER REFERENCES ente (id) ON DELETE SET NULL,
    visibility  TEXT NOT NULL DEFAULT 'invitation' CHECK (visibility IN ('open', 'invitation')),
    created_at  TIMESTAMP NOT NULL,
    updated_at  TIMESTAMP NOT NULL
);

-- Roles, now scoped: platform-wide, within an ente, or within a community.
-- SQLite cannot change a CHECK constraint, so the table is made again.
CREATE TABLE role_grant_new (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role         TEXT NOT NULL CHECK (role IN ('platform_admin', 'ente_admin', 'ente_operator',
                     'social_media', 'press_office', 'urp', 'community_tutor', 'community_member')),
    ente_id      INTEGER REFERENCES ente (id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    community_id INTEGER REFERENCES community (id) ON DELETE CASCADE,
    granted_by   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    CHECK ((role = 'platform_admin') = (ente_id IS NULL AND community_id IS NULL)),
    CHECK ((role IN ('community_tutor', 'community_member')) = (community_id IS NOT NULL)),
    CHECK (ente_id IS NULL OR community_id IS NULL)
);
INSERT INTO role_grant_new (id, account_id, role, ente_id, created_at)
    SELECT id, account_id, role, ente_id, created_at FROM role_grant;
DROP TABLE role_grant;
ALTER TABLE role_grant_new RENAME TO role_grant;
CREATE INDEX role_grant_account_idx ON role_grant (account_id);
CREATE UNIQUE INDEX role_grant_once_idx
    ON role_grant (account_id, role, COALESCE(ente_id, 0), COALESCE(community_id, 0));

-- A login session. The cookie carries a random token; only its SHA-256 is stored, so
-- a copy of the database cannot be used to log in.
CREATE TABLE session (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at   TIMESTAMP NOT NULL,
    last_seen_at TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    ip           TEXT NOT NULL DEFAULT '',
    user_agent   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX session_account_idx ON session (account_id);

-- One-time links sent by mail: address verification and password reset (hashed too).
CREATE TABLE account_token (
    token_hash TEXT PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    purpose    TEXT NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    used_at    TIMESTAMP
);
CREATE INDEX account_token_account_idx ON account_token (account_id);

-- An invitation to take a role, sent by mail; accepted by a new or an existing account.
CREATE TABLE invitation (
    id           INTEGER PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,
    email        TEXT NOT NULL,
    role         TEXT NOT NULL,
    ente_id      INTEGER REFERENCES ente (id) ON DELETE CASCADE,
    community_id INTEGER REFERENCES community (id) ON DELETE CASCADE,
    message      TEXT NOT NULL DEFAULT '',
    invited_by   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    accepted_at  TIMESTAMP,
    accepted_by  INTEGER REFERENCES account (id) ON DELETE SET NULL,
    revoked_at   TIMESTAMP,
    CHECK (ente_id IS NULL OR community_id IS NULL)
);
CREATE INDEX invitation_email_idx ON invitation (email);

-- Mail waiting to be sent (or, without an SMTP server, captured for the admin page).
-- A background sender on any node takes due rows, with retries and backoff.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    to_address      TEXT NOT NULL,
    account_id      INTEGER REFERENCES account (id) ON DELETE SET NULL,
    kind            TEXT NOT NULL,
    subject         TEXT NOT NULL,
    body_text       TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'captured', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until     TIMESTAMP,
    last_error      TEXT NOT NULL DEFAULT '',
    created_at      TIMESTAMP NOT NULL,
    sent_at         TIMESTAMP
);
CREATE INDEX outbox_due_idx ON outbox (status, next_attempt_at);

-- Every privileged action: who, what, on what, when and from where.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TIMESTAMP NOT NULL,
    actor_id     INTEGER REFERENCES account (id) ON DELETE SET NULL,
    actor_email  TEXT NOT NULL DEFAULT '',
    action       TEXT NOT NULL,
    target_kind  TEXT NOT NULL DEFAULT '',
    target_id    INTEGER,
    target_label TEXT NOT NULL DEFAULT '',
    ente_id      INTEGER REFERENCES ente (id) ON DELETE SET NULL,
    ip           TEXT NOT NULL DEFAULT '',
    request_id   TEXT NOT NULL DEFAULT '',
    details      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (at);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id);

-- Fixed-window counters for rate limits, shared by every node.
CREATE TABLE rate_limit (
    bucket       TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits         INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

-- The topics every deployment starts with.
INSERT INTO topic (slug, name_it, name_en) VALUES
    ('ambiente', 'Ambiente', 'Environment'),
    ('mobilita', 'Mobilità e trasporti', 'Mobility and transport'),
    ('cultura', 'Cultura', 'Culture'),
    ('sociale', 'Servizi sociali', 'Social services'),
    ('scuola', 'Scuola e istruzione', 'Schools and education'),
    ('lavori-pubblici', 'Lavori pubblici', 'Public works'),
    ('urbanistica', 'Urbanistica', 'Urban planning'),
    ('sport', 'Sport', 'Sport'),
    ('turismo', 'Turismo', 'Tourism'),
    ('sicurezza', 'Sicurezza', 'Safety'),
    ('salute', 'Salute', 'Health'),
    ('giovani', 'Politiche giovanili', 'Youth'),
    ('attivita-produttive', 'Attività produttive', 'Business and trade'),
    ('digitale', 'Innovazione digitale', 'Digital innovation'),
    ('partecipazione', 'Partecipazione', 'Participation');
