-- Facts derived from each document at ingest (issue 13): its claims and relations, kept so
-- `claims`, `graph` and the entity pages read them instead of re-deriving every document per
-- request. `version` names the code that derived them; `fingerprint` what they were derived
-- from (the document's date, its entities' clusters, the corpus context it used), so a row
-- is re-derived only when one of those changes. `derived_meta` holds corpus-wide aggregates.
CREATE TABLE derived_docs (
    doc_id      TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
    version     TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    keys        TEXT NOT NULL DEFAULT '[]',
    entities    TEXT NOT NULL DEFAULT '[]',
    claims      TEXT NOT NULL DEFAULT '[]',
    relations   TEXT NOT NULL DEFAULT '[]',
    n_claims    INTEGER NOT NULL DEFAULT 0,
    n_relations INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX derived_docs_claims ON derived_docs (n_claims);

CREATE TABLE derived_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
