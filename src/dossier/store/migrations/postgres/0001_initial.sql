-- Documents, the verbatim inputs they came from, and full-text search over them.
-- Keys and the columns we sort by use the "C" collation: the same byte order as SQLite,
-- whatever locale the server was created with, so both stores list things identically.
CREATE TABLE inputs (
    sha256      TEXT COLLATE "C" PRIMARY KEY,
    source      TEXT NOT NULL,
    size        BIGINT NOT NULL,
    format      TEXT NOT NULL,
    data        BYTEA,
    documents   INTEGER NOT NULL DEFAULT 0,
    rejected    INTEGER NOT NULL DEFAULT 0,
    ingested_at TEXT NOT NULL
);

CREATE TABLE documents (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,  -- insertion order
    id              TEXT COLLATE "C" PRIMARY KEY,
    source          TEXT NOT NULL,
    url             TEXT,
    format          TEXT NOT NULL,
    title           TEXT,
    authors         JSONB NOT NULL DEFAULT '[]',
    outlet          TEXT COLLATE "C",
    published       TEXT COLLATE "C",
    published_basis TEXT,
    modified        TEXT,
    language        TEXT,
    text            TEXT NOT NULL,
    raw_text        TEXT NOT NULL,
    segments        JSONB NOT NULL DEFAULT '[]',
    clean_method    TEXT NOT NULL,
    container       TEXT,
    locator         TEXT,
    meta            JSONB NOT NULL DEFAULT '{}',
    ingested_at     TEXT NOT NULL,
    -- Title words weigh A, body words B. The body is indexed up to 400,000 characters:
    -- a tsvector holds at most 1 MB, and no article comes near that length.
    search          TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(title, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, left(text, 400000)), 'B')
    ) STORED
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_outlet ON documents (outlet);
CREATE INDEX documents_search ON documents USING GIN (search);

CREATE TABLE raws (
    seq       BIGINT GENERATED ALWAYS AS IDENTITY,
    sha256    TEXT COLLATE "C" PRIMARY KEY,
    doc_id    TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    source    TEXT NOT NULL,
    url       TEXT,
    container TEXT,
    locator   TEXT,
    data      BYTEA NOT NULL
);
CREATE INDEX raws_doc ON raws (doc_id);
