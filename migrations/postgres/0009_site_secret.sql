-- Secrets of the deployment (PostgreSQL). Keep in step with ../sqlite/0009_site_secret.sql.

-- Random keys every app node shares, created on first use: `form` signs the tickets
-- of forms open to anyone.
CREATE TABLE site_secret (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
