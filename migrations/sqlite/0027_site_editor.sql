-- The site's editor (SQLite). Keep in step with ../postgres/0027_site_editor.sql.
--
-- An entry is the working copy of one piece of an ente's site (a news item of any
-- kind, an event, a place, a service): its fields as the editor's form holds them
-- (JSON), its state in the review (draft, review, approved, published, withdrawn,
-- expired), when it goes live and when it comes down. What the public sees is the
-- live row (news, event, place, service), written when the entry goes live and
-- removed when it is withdrawn or expires; `live_id` is that row.
CREATE TABLE site_entry (
    id           INTEGER PRIMARY KEY,
    ente_id      INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('news', 'event', 'place', 'service')),
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
CREATE INDEX site_entry_ente_idx ON site_entry (ente_id, kind, updated_at);
CREATE INDEX site_entry_due_idx ON site_entry (state, publish_at);
CREATE INDEX site_entry_expiry_idx ON site_entry (state, expires_at);

-- Every saved version of an entry, and every step of its review, in order: what it
-- held, who did it, when, and their note.
CREATE TABLE site_entry_version (
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

-- Whether the ente asks for a second person to approve what goes on its site.
ALTER TABLE ente ADD COLUMN site_review BOOLEAN NOT NULL DEFAULT FALSE;

-- News and events name a topic of the model's vocabulary (the text stays as shown).
ALTER TABLE news ADD COLUMN topic_id INTEGER REFERENCES topic (id) ON DELETE SET NULL;
ALTER TABLE event ADD COLUMN topic_id INTEGER REFERENCES topic (id) ON DELETE SET NULL;
-- A news item written in the editor: its body as safe HTML from Markdown.
ALTER TABLE news ADD COLUMN body_html TEXT NOT NULL DEFAULT '';
-- A place's opening hours and accessibility, as people read them.
ALTER TABLE place ADD COLUMN opening_hours TEXT NOT NULL DEFAULT '';
ALTER TABLE place ADD COLUMN accessibility TEXT NOT NULL DEFAULT '';

-- A news item's image (the upload) and its alternative text.
CREATE TABLE news_image (
    news_id   INTEGER PRIMARY KEY REFERENCES news (id) ON DELETE CASCADE,
    upload_id INTEGER NOT NULL REFERENCES upload (id) ON DELETE CASCADE,
    alt       TEXT NOT NULL
);
CREATE INDEX news_image_upload_idx ON news_image (upload_id);
CREATE INDEX news_topic_idx ON news (topic_id, published_at);
CREATE INDEX event_topic_idx ON event (topic_id);

-- The free topics written before: the vocabulary's own names, and the words the
-- first demo used, folded into the vocabulary.
UPDATE news SET topic_id = (SELECT t.id FROM topic t WHERE lower(t.name_it) = lower(news.topic)
    OR t.slug = CASE lower(news.topic) WHEN 'cultura' THEN 'patrimonio-culturale'
        WHEN 'commercio' THEN 'commercio-al-minuto' WHEN 'comunicazione' THEN 'comunicazione-istituzionale'
        WHEN 'ambiente' THEN 'sviluppo-sostenibile' WHEN 'mobilità' THEN 'mobilita-sostenibile'
        WHEN 'scuola' THEN 'istruzione' WHEN 'sociale' THEN 'assistenza-sociale'
        WHEN 'lavori pubblici' THEN 'urbanizzazione' WHEN 'urbanistica' THEN 'urbanizzazione'
        WHEN 'sicurezza' THEN 'polizia' ELSE '' END);
UPDATE event SET topic_id = (SELECT t.id FROM topic t WHERE lower(t.name_it) = lower(event.topic)
    OR t.slug = CASE lower(event.topic) WHEN 'cultura' THEN 'patrimonio-culturale'
        WHEN 'commercio' THEN 'commercio-al-minuto' WHEN 'comunicazione' THEN 'comunicazione-istituzionale'
        WHEN 'ambiente' THEN 'sviluppo-sostenibile' WHEN 'mobilità' THEN 'mobilita-sostenibile'
        WHEN 'scuola' THEN 'istruzione' WHEN 'sociale' THEN 'assistenza-sociale'
        WHEN 'lavori pubblici' THEN 'urbanizzazione' WHEN 'urbanistica' THEN 'urbanizzazione'
        WHEN 'sicurezza' THEN 'polizia' ELSE '' END);
UPDATE news SET topic = (SELECT t.name_it FROM topic t WHERE t.id = news.topic_id) WHERE topic_id IS NOT NULL;
UPDATE event SET topic = (SELECT t.name_it FROM topic t WHERE t.id = event.topic_id) WHERE topic_id IS NOT NULL;
