-- Texts put to discussion with a consultation (SQLite). Keep in step with
-- ../postgres/0006_discussion.sql.

-- A paragraph (or article) of the text an operator puts to discussion, in order.
-- The text cannot change once someone has commented on it.
CREATE TABLE consultation_paragraph (
    id              INTEGER PRIMARY KEY,
    consultation_id INTEGER NOT NULL REFERENCES consultation (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    heading         TEXT NOT NULL DEFAULT '',
    body            TEXT NOT NULL,
    UNIQUE (consultation_id, position)
);

-- A participant's comment on a paragraph. Operators answer it (accepted or rejected,
-- with the reason) and may hide it, saying why; hiding keeps the row (and the audit
-- log says who did it). An erased account's comments stay, shown without a name.
CREATE TABLE paragraph_comment (
    id            INTEGER PRIMARY KEY,
    paragraph_id  INTEGER NOT NULL REFERENCES consultation_paragraph (id) ON DELETE CASCADE,
    account_id    INTEGER REFERENCES account (id) ON DELETE SET NULL,
    body          TEXT NOT NULL,
    created_at    TIMESTAMP NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'accepted', 'rejected')),
    reply         TEXT NOT NULL DEFAULT '',
    replied_by    INTEGER REFERENCES account (id) ON DELETE SET NULL,
    replied_at    TIMESTAMP,
    hidden        BOOLEAN NOT NULL DEFAULT FALSE,
    hidden_reason TEXT NOT NULL DEFAULT '',
    hidden_at     TIMESTAMP
);
CREATE INDEX paragraph_comment_idx ON paragraph_comment (paragraph_id, created_at);

-- "I support this comment": once per person.
CREATE TABLE comment_support (
    comment_id INTEGER NOT NULL REFERENCES paragraph_comment (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (comment_id, account_id)
);

-- A report to the moderators: once per person and comment.
CREATE TABLE comment_report (
    comment_id INTEGER NOT NULL REFERENCES paragraph_comment (id) ON DELETE CASCADE,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    reason     TEXT NOT NULL CHECK (reason IN ('spam', 'offensive', 'off_topic', 'other')),
    note       TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (comment_id, account_id)
);
