-- Communities that tutors create and people ask to join, the members' professional
-- profile, the community's files with their versions, and attachments and drafts
-- of forum posts (SQLite). Keep in step with ../postgres/0011_community_files.sql.

-- The cover shown on the community's pages, and who created it.
ALTER TABLE community ADD COLUMN cover_upload_id INTEGER REFERENCES upload (id) ON DELETE SET NULL;
-- How many open flags hide a post until a tutor decides (small communities use 1).
ALTER TABLE community ADD COLUMN flag_threshold INTEGER NOT NULL DEFAULT 3 CHECK (flag_threshold BETWEEN 1 AND 10);
ALTER TABLE community ADD COLUMN created_by INTEGER REFERENCES account (id) ON DELETE SET NULL;

-- What fellow members see of a person: their job and what they know about.
-- `skills` is a comma-separated list as typed (at most 10 short items).
ALTER TABLE account ADD COLUMN job_title TEXT NOT NULL DEFAULT '';
ALTER TABLE account ADD COLUMN skills TEXT NOT NULL DEFAULT '';

-- A request to join an open community; a tutor approves (the member role is
-- granted) or declines it with a reason. One pending request per person.
CREATE TABLE community_request (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    message      TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'declined')),
    reason       TEXT NOT NULL DEFAULT '',
    decided_by   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    decided_at   TIMESTAMP,
    created_at   TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX community_request_pending_idx
    ON community_request (community_id, account_id) WHERE state = 'pending';

-- Folders of the community's files; parent_id NULL is the top level.
CREATE TABLE community_folder (
    id           INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    parent_id    INTEGER REFERENCES community_folder (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    created_by   INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at   TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX community_folder_name_idx
    ON community_folder (community_id, COALESCE(parent_id, 0), name);

-- A document of the community: its title and where it is; its contents are its
-- versions, the newest being `version_count`. `downloads` counts downloads of any
-- version (previews are not counted).
CREATE TABLE community_file (
    id            INTEGER PRIMARY KEY,
    community_id  INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    folder_id     INTEGER REFERENCES community_folder (id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    version_count INTEGER NOT NULL DEFAULT 0,
    downloads     INTEGER NOT NULL DEFAULT 0,
    created_by    INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at    TIMESTAMP NOT NULL,
    updated_at    TIMESTAMP NOT NULL
);
CREATE INDEX community_file_folder_idx ON community_file (community_id, folder_id);

-- One upload of a document, numbered from 1, with who uploaded it and why.
CREATE TABLE community_file_version (
    id          INTEGER PRIMARY KEY,
    file_id     INTEGER NOT NULL REFERENCES community_file (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL,
    upload_id   INTEGER NOT NULL REFERENCES upload (id) ON DELETE CASCADE,
    note        TEXT NOT NULL DEFAULT '',
    uploaded_by INTEGER REFERENCES account (id) ON DELETE SET NULL,
    created_at  TIMESTAMP NOT NULL,
    UNIQUE (file_id, number)
);
CREATE INDEX community_file_version_upload_idx ON community_file_version (upload_id);

-- Files attached to a forum post, in the order they were attached.
CREATE TABLE forum_attachment (
    post_id   INTEGER NOT NULL REFERENCES forum_post (id) ON DELETE CASCADE,
    upload_id INTEGER NOT NULL REFERENCES upload (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    PRIMARY KEY (post_id, upload_id)
);
CREATE INDEX forum_attachment_upload_idx ON forum_attachment (upload_id);

-- A reply (thread_id set) or a new thread (thread_id NULL, in a community) that
-- its author has not sent yet, or that was refused: kept until it is sent.
CREATE TABLE forum_draft (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL REFERENCES community (id) ON DELETE CASCADE,
    thread_id    INTEGER REFERENCES forum_thread (id) ON DELETE CASCADE,
    title        TEXT NOT NULL DEFAULT '',
    body         TEXT NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX forum_draft_place_idx
    ON forum_draft (account_id, community_id, COALESCE(thread_id, 0));
