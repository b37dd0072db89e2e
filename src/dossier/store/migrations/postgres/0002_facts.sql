-- What the extract stage found in each document. `facts` keeps every record losslessly as
-- JSONB (the codec's shape); `mentions` flattens entity mentions for lookups and resolution.
CREATE TABLE facts (
    doc_id TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    kind   TEXT COLLATE "C" NOT NULL,
    seq    INTEGER NOT NULL,
    start  INTEGER,
    "end"  INTEGER,
    data   JSONB NOT NULL,
    PRIMARY KEY (doc_id, kind, seq)
);
CREATE INDEX facts_kind ON facts (kind);

CREATE TABLE mentions (
    doc_id    TEXT COLLATE "C" NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT NOT NULL,
    label     TEXT NOT NULL,
    name      TEXT COLLATE "C" NOT NULL,
    role      TEXT,
    entity_id TEXT,
    gazetteer TEXT,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX mentions_name ON mentions (name);
CREATE INDEX mentions_entity ON mentions (entity_id);

ALTER TABLE documents ADD COLUMN extracted TEXT;  -- extractor version that produced the facts, NULL if none
