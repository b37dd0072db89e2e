-- Alerts (issue 15, item 4). `alerts`: every alert a pass raised, one row per alert id (the id hashes
-- the change it reports, so the same change found again is the same row: the first copy is kept);
-- `data` is the whole alert as JSON (spans, count, link, entities). `alert_rules`: what the analyst
-- asked to be told about (entity, story, kinds, webhook). `alert_state`: the snapshot the last pass
-- ended with (key 'snapshot'), what the next pass compares against, so a restarted watch, or a pass
-- after an interrupted one, still reports everything since.
-- Times are UTC ISO 8601 strings, which sort as times.
CREATE TABLE alerts (
    id       TEXT COLLATE "C" PRIMARY KEY,
    seq      BIGINT GENERATED ALWAYS AS IDENTITY UNIQUE,  -- insertion order (SQLite's rowid)
    kind     TEXT NOT NULL,
    key      TEXT NOT NULL,
    created  TEXT COLLATE "C" NOT NULL,
    message  TEXT NOT NULL,
    docs     JSONB NOT NULL DEFAULT '[]',
    claim    TEXT,
    event    TEXT,
    data     JSONB NOT NULL
);
CREATE INDEX alerts_created ON alerts (created);
CREATE TABLE alert_rules (
    id       TEXT COLLATE "C" PRIMARY KEY,
    entity   TEXT,
    story    TEXT,
    kinds    JSONB NOT NULL,
    webhook  TEXT,
    created  TEXT COLLATE "C" NOT NULL
);
CREATE TABLE alert_state (
    key   TEXT COLLATE "C" PRIMARY KEY,
    value JSONB NOT NULL
);
