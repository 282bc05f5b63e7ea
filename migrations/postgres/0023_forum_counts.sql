-- The forum's counts per category, read from one index (PostgreSQL).
-- Keep in step with ../sqlite/0023_forum_counts.sql.

-- The forum's index shows each category's threads and posts. With a million posts the
-- counts read every thread's row, on every page: about 20 pages a second on SQLite.
-- This index holds all three columns the counts need, so they read only the index.
CREATE INDEX forum_thread_counts_idx ON forum_thread (category_id, merged_into, post_count);
