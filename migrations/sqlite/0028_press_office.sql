-- The press office (SQLite). Keep in step with ../postgres/0028_press_office.sql.
--
-- An ente's journalists list: who receives its press releases by mail, with the
-- outlet and beat they cover and the consent the office recorded when it added them.
-- `email_key` is the address in lower case, so one address is on a list once.
CREATE TABLE journalist (
    id         INTEGER PRIMARY KEY,
    ente_id    INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    outlet     TEXT NOT NULL,
    beat       TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL,
    email_key  TEXT NOT NULL,
    consent    TEXT NOT NULL,
    added_by   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (ente_id, email_key)
);

-- The links that take a journalist off the list: one per release mailed to them,
-- kept as the SHA-256 digest of the link's token only.
CREATE TABLE journalist_leave (
    token_hash    TEXT PRIMARY KEY,
    journalist_id INTEGER NOT NULL REFERENCES journalist (id) ON DELETE CASCADE,
    created_at    TIMESTAMP NOT NULL
);
CREATE INDEX journalist_leave_journalist_idx ON journalist_leave (journalist_id);

-- A press release mailed to the list: once per entry of the editor, when it is
-- approved under embargo or when it goes live.
CREATE TABLE press_mailing (
    entry_id      INTEGER PRIMARY KEY REFERENCES site_entry (id) ON DELETE CASCADE,
    ente_id       INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    embargo_until TIMESTAMP,
    recipients    INTEGER NOT NULL,
    sent_at       TIMESTAMP NOT NULL
);
CREATE INDEX press_mailing_ente_idx ON press_mailing (ente_id, sent_at);

-- The press office's own contacts, shown on the press kit page.
ALTER TABLE ente ADD COLUMN press_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE ente ADD COLUMN press_email TEXT NOT NULL DEFAULT '';
ALTER TABLE ente ADD COLUMN press_phone TEXT NOT NULL DEFAULT '';
