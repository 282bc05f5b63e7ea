-- Live events and leases of scheduled work (SQLite).
-- Keep in step with ../postgres/0020_live.sql.

-- What open pages hear of: small typed events (a topic such as `account:12`, a kind,
-- the id of what changed), never the content itself. Each node's bus reads the rows
-- after the last one it saw; a browser that reconnects sends the last id it had
-- (`Last-Event-ID`) and gets what it missed. AUTOINCREMENT: ids never come back,
-- even when the newest rows were pruned.
CREATE TABLE live_event (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    topic      TEXT NOT NULL,
    kind       TEXT NOT NULL,
    subject    INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX live_event_topic_idx ON live_event (topic, id);
CREATE INDEX live_event_created_idx ON live_event (created_at);

-- Scheduled work that must run once among several nodes takes a lease: the row of its
-- name, held by one node until a time.
CREATE TABLE task_lease (
    name        TEXT PRIMARY KEY,
    holder      TEXT NOT NULL,
    held_until  TIMESTAMP NOT NULL,
    last_run_at TIMESTAMP NOT NULL,
    runs        INTEGER NOT NULL DEFAULT 0
);
