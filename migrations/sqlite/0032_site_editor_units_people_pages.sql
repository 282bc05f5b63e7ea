-- The site's editor writes the administration's units and people and the ente's free
-- pages too (SQLite). Keep in step with
-- ../postgres/0032_site_editor_units_people_pages.sql.
--
-- SQLite cannot change a CHECK, so `site_entry` is made again with the wider one. The
-- migration runs in one transaction with foreign keys on, where a dropped parent
-- would take its children's rows with it (ON DELETE CASCADE): so the old table is
-- renamed first (its children follow the new name), the new one is made under the
-- old name, the two children (the versions, the press mailings) are made again
-- pointing at it and filled, and only then are the old tables dropped. The ids are
-- kept, and so every reference.
ALTER TABLE site_entry RENAME TO site_entry_old;
CREATE TABLE site_entry (
    id           INTEGER PRIMARY KEY,
    ente_id      INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('news', 'event', 'place', 'service', 'unit', 'person', 'page')),
    slug         TEXT NOT NULL,
    title        TEXT NOT NULL,
    fields       TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('draft', 'review', 'approved', 'published', 'withdrawn', 'expired')),
    live_id      INTEGER,
    image_id     INTEGER REFERENCES upload (id) ON DELETE SET NULL,
    image_alt    TEXT NOT NULL DEFAULT '',
    publish_at   TIMESTAMP,
    expires_at   TIMESTAMP,
    changed_by   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    submitted_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    approved_by  INTEGER REFERENCES account (id) ON DELETE SET NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    published_at TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL,
    UNIQUE (ente_id, kind, slug)
);
INSERT INTO site_entry (id, ente_id, kind, slug, title, fields, state, live_id, image_id, image_alt,
                        publish_at, expires_at, changed_by, submitted_by, approved_by, version,
                        published_at, created_at, updated_at)
     SELECT id, ente_id, kind, slug, title, fields, state, live_id, image_id, image_alt, publish_at,
            expires_at, changed_by, submitted_by, approved_by, version, published_at, created_at,
            updated_at
       FROM site_entry_old;

CREATE TABLE site_entry_version_new (
    entry_id   INTEGER NOT NULL REFERENCES site_entry (id) ON DELETE CASCADE,
    number     INTEGER NOT NULL,
    title      TEXT NOT NULL,
    fields     TEXT NOT NULL,
    state      TEXT NOT NULL,
    account_id INTEGER REFERENCES account (id) ON DELETE SET NULL,
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (entry_id, number)
);
INSERT INTO site_entry_version_new (entry_id, number, title, fields, state, account_id, note, created_at)
     SELECT entry_id, number, title, fields, state, account_id, note, created_at FROM site_entry_version;

CREATE TABLE press_mailing_new (
    entry_id      INTEGER PRIMARY KEY REFERENCES site_entry (id) ON DELETE CASCADE,
    ente_id       INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    embargo_until TIMESTAMP,
    recipients    INTEGER NOT NULL,
    sent_at       TIMESTAMP NOT NULL
);
INSERT INTO press_mailing_new (entry_id, ente_id, title, embargo_until, recipients, sent_at)
     SELECT entry_id, ente_id, title, embargo_until, recipients, sent_at FROM press_mailing;

DROP TABLE site_entry_version;
DROP TABLE press_mailing;
DROP TABLE site_entry_old;
ALTER TABLE site_entry_version_new RENAME TO site_entry_version;
ALTER TABLE press_mailing_new RENAME TO press_mailing;
CREATE INDEX site_entry_ente_idx ON site_entry (ente_id, kind, updated_at);
CREATE INDEX site_entry_due_idx ON site_entry (state, publish_at);
CREATE INDEX site_entry_expiry_idx ON site_entry (state, expires_at);
CREATE INDEX press_mailing_ente_idx ON press_mailing (ente_id, sent_at);

-- A free page of the ente's site ("La storia di Lugo", "Come raggiungerci"): listed on
-- the landing page of the section it belongs to (Amministrazione or Vivere il
-- Comune), at `/{ente}/pagine/{slug}`. `body` is Markdown, `body_html` its safe HTML.
CREATE TABLE site_page (
    id         INTEGER PRIMARY KEY,
    ente_id    INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    slug       TEXT NOT NULL,
    section    TEXT NOT NULL CHECK (section IN ('amministrazione', 'vivere-il-comune')),
    title      TEXT NOT NULL,
    summary    TEXT NOT NULL,
    body       TEXT NOT NULL,
    body_html  TEXT NOT NULL,
    topic_id   INTEGER REFERENCES topic (id) ON DELETE SET NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (ente_id, slug)
);
CREATE INDEX site_page_section_idx ON site_page (ente_id, section, title);
