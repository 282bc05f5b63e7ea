-- Following an ente (PostgreSQL). Keep in step with ../sqlite/0029_follow_enti.sql.
--
-- Someone signed in who follows an ente is told in the bell (and so in their digest)
-- of the news items and events it publishes.
CREATE TABLE account_ente (
    account_id BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    ente_id    BIGINT NOT NULL REFERENCES ente (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (account_id, ente_id)
);
CREATE INDEX account_ente_ente_idx ON account_ente (ente_id);
