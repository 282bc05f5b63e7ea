-- The community forum (SQLite). Keep in step with ../postgres/0010_forum.sql.

-- A section of a community's forum ("Domande", "Buone pratiche"…), in order.
CREATE TABLE forum_category (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    slug         TEXT NOT NULL,
    name         TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   TIMESTAMP NOT NULL,
    UNIQUE (community_id, slug)
);

-- A discussion. post_count is the number of its last post (posts are numbered from
-- 1, the opening post, and never deleted: hidden ones keep their place), so a page
-- of a long thread is a range of numbers. solved_post_id names the answer that
-- solved it (no foreign key: the post is written after the thread).
CREATE TABLE forum_thread (
    id             INTEGER PRIMARY KEY,
    community_id   INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    category_id    INTEGER NOT NULL REFERENCES forum_category (id) ON DELETE CASCADE,
    title          TEXT NOT NULL,
    author_id      INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at     TIMESTAMP NOT NULL,
    last_post_at   TIMESTAMP NOT NULL,
    post_count     INTEGER NOT NULL DEFAULT 0,
    pinned         BOOLEAN NOT NULL DEFAULT FALSE,
    locked         BOOLEAN NOT NULL DEFAULT FALSE,
    solved_post_id INTEGER
);
CREATE INDEX forum_thread_category_idx ON forum_thread (category_id, pinned, last_post_at);
CREATE INDEX forum_thread_community_idx ON forum_thread (community_id, last_post_at);

-- A post: the Markdown as written and its sanitized HTML. state: visible; pending
-- (hidden by members' flags until a tutor reviews it); hidden (by a tutor, with
-- the reason shown in its place). A tutor's edit carries a note shown with the post.
CREATE TABLE forum_post (
    id            INTEGER PRIMARY KEY,
    thread_id     INTEGER NOT NULL REFERENCES forum_thread (id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    author_id     INTEGER REFERENCES account (id) ON DELETE SET NULL,
    body          TEXT NOT NULL,
    body_html     TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    edited_at     TIMESTAMP,
    edit_note     TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT 'visible' CHECK (state IN ('visible', 'pending', 'hidden')),
    hidden_reason TEXT NOT NULL DEFAULT '',
    UNIQUE (thread_id, number)
);
CREATE INDEX forum_post_author_idx ON forum_post (author_id, created_at);
-- The tutors' queue: the few posts that are not visible.
CREATE INDEX forum_post_state_idx ON forum_post (state) WHERE state <> 'visible';

-- Reactions to a post: each kind once per person.
CREATE TABLE forum_reaction (
    post_id    INTEGER NOT NULL REFERENCES forum_post (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('like', 'thanks', 'insightful')),
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (post_id, account_id, kind)
);

-- How far each member has read each thread (the number of the last post seen).
CREATE TABLE forum_read (
    thread_id   INTEGER NOT NULL REFERENCES forum_thread (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (thread_id, account_id)
);

-- Who follows a thread or a whole category (told of new posts in the bell).
CREATE TABLE forum_thread_watch (
    thread_id  INTEGER NOT NULL REFERENCES forum_thread (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (thread_id, account_id)
);
CREATE TABLE forum_category_watch (
    category_id INTEGER NOT NULL REFERENCES forum_category (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (category_id, account_id)
);

-- A member's flag on a post, once per person; resolved when a tutor reviews it.
CREATE TABLE forum_flag (
    post_id     INTEGER NOT NULL REFERENCES forum_post (id) ON DELETE CASCADE,
    account_id  INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    reason      TEXT NOT NULL CHECK (reason IN ('spam', 'off_topic', 'inappropriate', 'other')),
    note        TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMP NOT NULL,
    resolved_at TIMESTAMP,
    PRIMARY KEY (post_id, account_id)
);
CREATE INDEX forum_flag_open_idx ON forum_flag (resolved_at, post_id);

-- What tutors decided about a member: a warning, or a silence (reads, cannot write)
-- or a suspension (cannot enter) until ends_at. Lifting early sets lifted_at.
CREATE TABLE community_restriction (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind         TEXT NOT NULL CHECK (kind IN ('warning', 'silence', 'suspension')),
    reason       TEXT NOT NULL,
    starts_at    TIMESTAMP NOT NULL,
    ends_at      TIMESTAMP,
    created_by   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    lifted_at    TIMESTAMP
);
CREATE INDEX community_restriction_account_idx ON community_restriction (account_id, ends_at);

-- Forum posts are searched within their community only, never by the site search.
ALTER TABLE search_document ADD COLUMN community_id INTEGER REFERENCES community (id) ON DELETE CASCADE;
CREATE INDEX search_document_community_idx ON search_document (community_id);
