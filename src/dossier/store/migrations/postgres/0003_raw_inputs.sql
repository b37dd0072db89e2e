-- Which input file each raw came from, so removing a document also forgets the input that
-- produced it (re-ingesting that file then stores the document again).
ALTER TABLE raws ADD COLUMN input_sha256 TEXT COLLATE "C";
CREATE INDEX raws_input ON raws (input_sha256);
