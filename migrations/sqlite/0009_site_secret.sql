-- Secrets of the deployment (SQLite). Keep in step with ../postgres/0009_site_secret.sql.

-- Random keys every app node shares, created on first use: `form` signs the tickets
-- of forms open to anyone.
CREATE TABLE site_secret (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
