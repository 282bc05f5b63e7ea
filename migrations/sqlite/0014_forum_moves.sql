-- First posts held for approval, and threads split and merged (SQLite).
-- Keep in step with ../postgres/0014_forum_moves.sql.

-- How many of a new member's posts a tutor approves before the member writes
-- freely (0: nobody waits).
ALTER TABLE community ADD COLUMN approve_first_posts INTEGER NOT NULL DEFAULT 0
    CHECK (approve_first_posts BETWEEN 0 AND 5);

-- A post held because its author is new: pending, not yet announced to who
-- follows the thread; announced when a tutor approves it.
ALTER TABLE forum_post ADD COLUMN held BOOLEAN NOT NULL DEFAULT FALSE;
CREATE INDEX forum_post_held_idx ON forum_post (thread_id) WHERE held;

-- A thread merged into another keeps its address and says where its posts went.
ALTER TABLE forum_thread ADD COLUMN merged_into INTEGER REFERENCES forum_thread (id) ON DELETE SET NULL;
