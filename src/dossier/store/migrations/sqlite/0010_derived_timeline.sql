-- The timeline kept at ingest (issue 13): each document's events (with resolved entity ids and the
-- cited text) in its derived row, and the merged timeline rows made from them whenever derived
-- facts change, so `dossier timeline` and the timeline page read rows instead of every document.
-- `lo`/`hi`: the row's date interval (ISO days; NULL when undated); `factual` 0 for negated or
-- hypothetical events (shown only with --all); `entities`: the resolved ids of every actor and target.
ALTER TABLE derived_docs ADD COLUMN events TEXT NOT NULL DEFAULT '[]';
ALTER TABLE derived_docs ADD COLUMN n_events INTEGER NOT NULL DEFAULT 0;
CREATE TABLE derived_timeline (
    seq      INTEGER PRIMARY KEY,
    lo       TEXT,
    hi       TEXT,
    factual  INTEGER NOT NULL,
    entities TEXT NOT NULL DEFAULT '[]',
    data     TEXT NOT NULL
);
CREATE INDEX derived_timeline_dates ON derived_timeline (lo, hi);
