-- The community blog (SQLite): public posts by tutors and the members they
-- authorise, with a cover, tags and members' comments.
-- Keep in step with ../postgres/0012_blog.sql.

-- Members a tutor lets write on the blog (tutors always may).
CREATE TABLE blog_author (
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    granted_by   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (community_id, account_id)
);

-- A post: Markdown as written and the safe HTML made from it when saved. A draft
-- is seen only by those who may write; `published_at` is the first publication.
CREATE TABLE blog_post (
    id              INTEGER PRIMARY KEY,
    community_id    INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    slug            TEXT NOT NULL,
    title           TEXT NOT NULL,
    summary         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL,
    body_html       TEXT NOT NULL,
    cover_upload_id INTEGER REFERENCES upload (id) ON DELETE SET NULL,
    cover_alt       TEXT NOT NULL DEFAULT '',
    author_id       INTEGER REFERENCES account (id) ON DELETE SET NULL,
    state           TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published')),
    published_at    TIMESTAMP,
    created_at      TIMESTAMP NOT NULL,
    updated_at      TIMESTAMP NOT NULL,
    UNIQUE (community_id, slug)
);
CREATE INDEX blog_post_list_idx ON blog_post (community_id, state, published_at);

-- Tags, lowercased as people search them.
CREATE TABLE blog_tag (
    post_id INTEGER NOT NULL REFERENCES blog_post (id) ON DELETE CASCADE,
    tag     TEXT NOT NULL,
    PRIMARY KEY (post_id, tag)
);
CREATE INDEX blog_tag_tag_idx ON blog_tag (tag);

-- Members' comments; tutors hide them (the row stays, shown as hidden).
CREATE TABLE blog_comment (
    id         INTEGER PRIMARY KEY,
    post_id    INTEGER NOT NULL REFERENCES blog_post (id) ON DELETE CASCADE,
    author_id  INTEGER REFERENCES account (id) ON DELETE SET NULL,
    body       TEXT NOT NULL,
    body_html  TEXT NOT NULL,
    state      TEXT NOT NULL DEFAULT 'visible' CHECK (state IN ('visible', 'hidden')),
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX blog_comment_post_idx ON blog_comment (post_id, id);
