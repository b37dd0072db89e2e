-- Cross-document entities (issue 4): clusters of document-level entities, why each member
-- joined, the user's merge/split overrides (never touched by ingest or rm), and the
-- resolver's incremental state.
CREATE TABLE entity_clusters (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    label     TEXT NOT NULL,
    aliases   TEXT NOT NULL DEFAULT '[]',
    roles     TEXT NOT NULL DEFAULT '[]',
    gazetteer TEXT,
    documents INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entity_clusters_name ON entity_clusters (name COLLATE NOCASE);

CREATE TABLE entity_members (
    candidate  TEXT PRIMARY KEY,       -- "<doc_id>:<document-level entity name>"
    doc_id     TEXT NOT NULL,
    name       TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    rule       TEXT NOT NULL,
    score      REAL NOT NULL,
    evidence   TEXT NOT NULL
);
CREATE INDEX entity_members_cluster ON entity_members (cluster_id);
CREATE INDEX entity_members_doc ON entity_members (doc_id);

CREATE TABLE entity_overrides (
    seq        INTEGER PRIMARY KEY,
    op         TEXT NOT NULL,          -- merge | split
    selectors  TEXT NOT NULL,          -- JSON list: names, "gazetteer:KEY" or "doc_id:name"
    created_at TEXT NOT NULL
);

CREATE TABLE resolver_state (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version TEXT NOT NULL,
    data    BLOB NOT NULL
);
