-- The social-media team's editorial plan (SQLite): the ente's channels, the planned
-- items with a text per channel, and each item's timeline of comments and steps.
-- Keep in step with ../postgres/0015_editorial.sql.

-- A channel the ente publishes on. `char_limit` overrides the platform's own limit
-- (a Mastodon instance's, a WhatsApp channel's); NULL keeps the platform's.
CREATE TABLE social_channel (
    id         INTEGER PRIMARY KEY,
    ente_id    INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    platform   TEXT NOT NULL,
    name       TEXT NOT NULL,
    handle     TEXT NOT NULL DEFAULT '',
    url        TEXT NOT NULL DEFAULT '',
    owner_id   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    goal       TEXT NOT NULL DEFAULT '',
    char_limit INTEGER CHECK (char_limit IS NULL OR char_limit BETWEEN 1 AND 100000),
    active     BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    UNIQUE (ente_id, name)
);

-- A planned piece of content. `planned_at` is when it goes out; `due_on` the day
-- its texts must be ready for review. Approval is by someone other than the author
-- (`approved_by`). A series (recurring items) shares `series_id`, the first's id.
-- `source_kind`/`source_id` name the news, event or consultation it re-uses.
CREATE TABLE editorial_item (
    id            INTEGER PRIMARY KEY,
    ente_id       INTEGER NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    campaign      TEXT NOT NULL DEFAULT '',
    media         TEXT NOT NULL DEFAULT '',
    author_id     INTEGER REFERENCES account (id) ON DELETE SET NULL,
    planned_at    TIMESTAMP NOT NULL,
    due_on        DATE,
    state         TEXT NOT NULL DEFAULT 'draft'
                  CHECK (state IN ('draft', 'review', 'approved', 'scheduled', 'published', 'dropped')),
    published_url TEXT NOT NULL DEFAULT '',
    approved_by   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    approved_at   TIMESTAMP,
    series_id     INTEGER,
    source_kind   TEXT NOT NULL DEFAULT '',
    source_id     INTEGER,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX editorial_item_plan_idx ON editorial_item (ente_id, planned_at);

-- The text of an item on one channel (an item is on the channels it has a text for).
CREATE TABLE editorial_text (
    item_id    INTEGER NOT NULL REFERENCES editorial_item (id) ON DELETE CASCADE,
    channel_id INTEGER NOT NULL REFERENCES social_channel (id) ON DELETE CASCADE,
    body       TEXT NOT NULL,
    PRIMARY KEY (item_id, channel_id)
);

-- An item's timeline: reviewers' comments, and each change of state (with the
-- reason given, when one is asked).
CREATE TABLE editorial_note (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES editorial_item (id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES account (id) ON DELETE SET NULL,
    from_state TEXT NOT NULL DEFAULT '',
    to_state   TEXT NOT NULL DEFAULT '',
    body       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX editorial_note_item_idx ON editorial_note (item_id, id);
