-- Publication dates carry their precision and whether they were inferred (issue 12):
-- "day" | "month" | "year" | "range" (then ``published`` is the first day and
-- meta.published_until the last, when known); inferred = reasoned from a dateline, the
-- text or other documents rather than stated by the document's metadata, stamp or URL.
-- Dates stored before this were all stated; their precision is the unit the value names.
ALTER TABLE documents ADD COLUMN published_precision TEXT;
ALTER TABLE documents ADD COLUMN published_inferred INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET published_precision = CASE length(published)
    WHEN 10 THEN 'day' WHEN 7 THEN 'month' WHEN 4 THEN 'year' END
WHERE published IS NOT NULL;
