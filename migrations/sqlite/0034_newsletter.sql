-- Newsletters (OpenNewsletter): an ente's lists, the people subscribed (no account
-- needed), each list they are on, the history of their consent, the links that
-- confirm a subscription (double opt-in), the issues, and one delivery row per issue
-- and recipient, which the sender claims, sends and marks one by one (crash-safe).
-- Keep in step with ../postgres/0034_newsletter.sql.
CREATE TABLE newsletter_list (
    id          INTEGER PRIMARY KEY,
    ente_id     INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    topic_id    INTEGER REFERENCES topic (id) ON DELETE SET NULL,
    is_general  BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (ente_id, name)
);

CREATE TABLE newsletter_subscriber (
    id         INTEGER PRIMARY KEY,
    ente_id    INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    email      TEXT NOT NULL,
    email_key  TEXT NOT NULL,
    lang       TEXT NOT NULL DEFAULT 'it',
    account_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
    -- active, or suppressed after too many permanent failures
    status     TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suppressed')),
    bounces    INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (ente_id, email_key)
);
CREATE INDEX newsletter_subscriber_account_idx ON newsletter_subscriber (account_id);

CREATE TABLE newsletter_subscription (
    subscriber_id INTEGER NOT NULL REFERENCES newsletter_subscriber (id) ON DELETE CASCADE,
    list_id       INTEGER NOT NULL REFERENCES newsletter_list (id) ON DELETE CASCADE,
    state         TEXT NOT NULL CHECK (state IN ('pending', 'active', 'left')),
    updated_at    TIMESTAMP NOT NULL,
    PRIMARY KEY (subscriber_id, list_id)
);
CREATE INDEX newsletter_subscription_list_idx ON newsletter_subscription (list_id, state, subscriber_id);

-- Every step of a person's consent, never rewritten: asked, confirmed, imported,
-- left; with the notice's version and text they agreed to, and where it came from.
CREATE TABLE newsletter_consent (
    id             INTEGER PRIMARY KEY,
    subscriber_id  INTEGER NOT NULL REFERENCES newsletter_subscriber (id) ON DELETE CASCADE,
    list_id        INTEGER NOT NULL REFERENCES newsletter_list (id) ON DELETE CASCADE,
    action         TEXT NOT NULL,
    source         TEXT NOT NULL,
    notice_version TEXT NOT NULL DEFAULT '',
    notice_text    TEXT NOT NULL DEFAULT '',
    address        TEXT NOT NULL DEFAULT '',
    user_agent     TEXT NOT NULL DEFAULT '',
    at             TIMESTAMP NOT NULL
);
CREATE INDEX newsletter_consent_subscriber_idx ON newsletter_consent (subscriber_id, id);
CREATE INDEX newsletter_consent_list_idx ON newsletter_consent (list_id, action, at);

-- A confirmation link (double opt-in), kept as the SHA-256 of its token.
CREATE TABLE newsletter_confirm (
    token_hash    TEXT PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES newsletter_subscriber (id) ON DELETE CASCADE,
    list_ids      TEXT NOT NULL,
    expires_at    TIMESTAMP NOT NULL,
    used_at       TIMESTAMP,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX newsletter_confirm_subscriber_idx ON newsletter_confirm (subscriber_id);

CREATE TABLE newsletter_issue (
    id          INTEGER PRIMARY KEY,
    ente_id     INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    list_id     INTEGER NOT NULL REFERENCES newsletter_list (id) ON DELETE CASCADE,
    subject     TEXT NOT NULL,
    intro       TEXT NOT NULL DEFAULT '',
    -- the picked content, as JSON ([{"kind": "news", "id": 3}, …])
    items       TEXT NOT NULL DEFAULT '[]',
    body_html   TEXT NOT NULL DEFAULT '',
    body_text   TEXT NOT NULL DEFAULT '',
    state       TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'sending', 'sent')),
    send_at     TIMESTAMP,
    queued      INTEGER NOT NULL DEFAULT 0,
    created_by  INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    started_at  TIMESTAMP,
    finished_at TIMESTAMP
);
CREATE INDEX newsletter_issue_ente_idx ON newsletter_issue (ente_id, id);
CREATE INDEX newsletter_issue_due_idx ON newsletter_issue (state, send_at);

-- One mail of an issue to one recipient (a test send has no subscriber).
CREATE TABLE newsletter_delivery (
    id              INTEGER PRIMARY KEY,
    issue_id        INTEGER NOT NULL REFERENCES newsletter_issue (id) ON DELETE CASCADE,
    subscriber_id   INTEGER REFERENCES newsletter_subscriber (id) ON DELETE CASCADE,
    email           TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'suppressed', 'left')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP NOT NULL,
    lease_until     TIMESTAMP,
    last_error      TEXT NOT NULL DEFAULT '',
    sent_at         TIMESTAMP,
    UNIQUE (issue_id, subscriber_id)
);
CREATE INDEX newsletter_delivery_due_idx ON newsletter_delivery (status, next_attempt_at, id);
CREATE INDEX newsletter_delivery_subscriber_idx ON newsletter_delivery (subscriber_id);
