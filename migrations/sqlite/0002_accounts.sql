-- People and their roles (SQLite). Keep in step with ../postgres/0002_accounts.sql.

-- A person who can log in. The email is stored lowercased. password_hash is an
-- argon2id PHC string, NULL for accounts that only log in through an external identity.
CREATE TABLE account (
    id                INTEGER PRIMARY KEY,
    email             TEXT NOT NULL UNIQUE,
    display_name      TEXT NOT NULL DEFAULT '',
    password_hash     TEXT,
    email_verified_at TIMESTAMP,
    language          TEXT NOT NULL DEFAULT 'it' CHECK (language IN ('it', 'en')),
    created_at        TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL
);

-- A login through an identity provider (SPID/CIE over OpenID Connect): issuer + subject.
CREATE TABLE external_identity (
    issuer     TEXT NOT NULL,
    subject    TEXT NOT NULL,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (issuer, subject)
);

-- A role held by an account, platform-wide (ente_id NULL) or within one ente.
CREATE TABLE role_grant (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('platform_admin', 'ente_admin', 'ente_operator')),
    ente_id    INTEGER REFERENCES ente (id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL,
    CHECK ((role = 'platform_admin') = (ente_id IS NULL))
);
CREATE INDEX role_grant_account_idx ON role_grant (account_id);
