-- Mail digests of notifications (PostgreSQL). Keep in step with ../sqlite/0013_digests.sql.

-- How the bell's notifications reach a person by mail, and when they last did.
ALTER TABLE account ADD COLUMN digest TEXT NOT NULL DEFAULT 'daily'
    CHECK (digest IN ('immediately', 'daily', 'weekly', 'never'));
ALTER TABLE account ADD COLUMN digest_sent_at TIMESTAMPTZ;

-- A notification already listed in a digest is not mailed again.
ALTER TABLE notification ADD COLUMN mailed_at TIMESTAMPTZ;
CREATE INDEX notification_unmailed_idx ON notification (account_id) WHERE mailed_at IS NULL AND read_at IS NULL;
