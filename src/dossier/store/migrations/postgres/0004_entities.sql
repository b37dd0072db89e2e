-- Cross-document entities (issue 4): clusters of document-level entities, why each member
-- joined, the user's merge/split overrides (never touched by ingest or rm), and the
-- resolver's incremental state.
CREATE TABLE entity_clusters (
    id        TEXT COLLATE "C" PRIMARY KEY,
    name      TEXT COLLATE "C" NOT NULL,
    label     TEXT NOT NULL,
    aliases   JSONB NOT NULL DEFAULT '[]',
    roles     JSONB NOT NULL DEFAULT '[]',
    gazetteer TEXT,
    documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entity_clusters_name ON entity_clusters (lower(name));

CREATE TABLE entity_members (
    candidate  TEXT COLLATE "C" PRIMARY KEY,  -- "<doc_id>:<document-level entity name>"
    doc_id     TEXT COLLATE "C" NOT NULL,
    name       TEXT COLLATE "C" NOT NULL,
    cluster_id TEXT COLLATE "C" NOT NULL,
    rule       TEXT NOT NULL,
    score      DOUBLE PRECISION NOT NULL,
    evidence   TEXT NOT NULL
);
CREATE INDEX entity_members_cluster ON entity_members (cluster_id);
CREATE INDEX entity_members_doc ON entity_members (doc_id);

CREATE TABLE entity_overrides (
    seq        BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    op         TEXT NOT NULL,   -- merge | split
    selectors  JSONB NOT NULL,  -- names, "gazetteer:KEY" or "doc_id:name"
    created_at TEXT NOT NULL
);

CREATE TABLE resolver_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version TEXT NOT NULL,
    data    BYTEA NOT NULL
);
