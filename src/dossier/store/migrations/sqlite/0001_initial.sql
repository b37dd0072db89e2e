-- Documents, the verbatim inputs they came from, and full-text search over them.
CREATE TABLE inputs (
    sha256      TEXT PRIMARY KEY,
    source      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    format      TEXT NOT NULL,
    data        BLOB,
    documents   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);

CREATE TABLE documents (
    rowid           INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    source          TEXT NOT NULL,
    url             TEXT,
    format          TEXT NOT NULL,
    title           TEXT,
    authors         TEXT NOT NULL DEFAULT '[]',
    outlet          TEXT,
    published       TEXT,
    published_basis TEXT,
    modified        TEXT,
    language        TEXT,
    text            TEXT NOT NULL,
    raw_text        TEXT NOT NULL,
    segments        TEXT NOT NULL DEFAULT '[]',
    clean_method    TEXT NOT NULL,
    container       TEXT,
    locator         TEXT,
    meta            TEXT NOT NULL DEFAULT '{}',
    ingested_at     TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_outlet ON documents (outlet);

CREATE TABLE raws (
    sha256    TEXT PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    source    TEXT NOT NULL,
    url       TEXT,
    container TEXT,
    locator   TEXT,
    data      BLOB NOT NULL
);
CREATE INDEX raws_doc ON raws (doc_id);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content = 'documents', content_rowid = 'rowid', tokenize = 'porter unicode61'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts (documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, coalesce(old.title, ''), old.text);
    INSERT INTO documents_fts (rowid, title, text) VALUES (new.rowid, coalesce(new.title, ''), new.text);
END;
