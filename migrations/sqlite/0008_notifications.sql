-- In-app notifications (SQLite). Keep in step with ../postgres/0008_notifications.sql.

-- Something a person should know, in their language when it was written, with where
-- to go. `read_at` is set when they mark it read.
CREATE TABLE notification (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    kind       TEXT NOT NULL,
    title      TEXT NOT NULL,
    url        TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    read_at    TIMESTAMP
);
CREATE INDEX notification_account_idx ON notification (account_id, created_at);
