-- Live collection (issue 15). `collect_sources`: every feed, sitemap or page `dossier collect` fetched as a
-- source (saved = 1 when `dossier sources add` put it on the watch list), with what a conditional GET
-- needs (etag, last_modified, body_sha256) and its status. `collect_pages`: every article URL found, so a
-- second pass fetches nothing it already stored (status stored | rejected | failed | disallowed).
-- Times are UTC ISO 8601 strings, which sort as times.
CREATE TABLE collect_sources (
    url          TEXT PRIMARY KEY,
    saved        INTEGER NOT NULL DEFAULT 0,
    interval_s   INTEGER NOT NULL DEFAULT 3600,
    kind         TEXT,
    etag         TEXT,
    last_modified TEXT,
    body_sha256  TEXT,
    added_at     TEXT NOT NULL,
    last_fetch   TEXT,
    last_new     TEXT,
    last_error   TEXT,
    next_due     TEXT,
    documents    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX collect_sources_due ON collect_sources (saved, next_due);
CREATE TABLE collect_pages (
    url          TEXT PRIMARY KEY,
    source_url   TEXT,
    status       TEXT NOT NULL,
    sha256       TEXT,
    doc_id       TEXT,
    fetched_at   TEXT NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 1,
    error        TEXT
);
CREATE INDEX collect_pages_source ON collect_pages (source_url, status);
