-- Full-text search (SQLite). Keep in step with ../postgres/0004_search.sql.
-- search_document holds one row per searchable thing (a news item, an event, a place;
-- later forum posts, consultations…), written by the application; it is derived data,
-- rebuilt by a reindex, not carried by backups. SQLite indexes it with FTS5 (no
-- Italian stemmer: accents folded, prefix queries); PostgreSQL with its Italian
-- text-search configuration.
CREATE TABLE search_document (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,
    ref_id       INTEGER NOT NULL,
    ente_id      INTEGER REFERENCES ente (id) ON DELETE CASCADE,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    url          TEXT NOT NULL,
    published_at TIMESTAMP NOT NULL,
    UNIQUE (kind, ref_id)
);
CREATE INDEX search_document_ente_idx ON search_document (ente_id);

CREATE VIRTUAL TABLE search_fts USING fts5(
    title, body,
    content = 'search_document', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
);

-- Keep the index in step with the documents.
CREATE TRIGGER search_document_ai AFTER INSERT ON search_document BEGIN
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
CREATE TRIGGER search_document_ad AFTER DELETE ON search_document BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
CREATE TRIGGER search_document_au AFTER UPDATE ON search_document BEGIN
    INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    INSERT INTO search_fts (rowid, title, body) VALUES (new.id, new.title, new.body);
END;
