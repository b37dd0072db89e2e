-- Counting a cluster's mentions joins members to mentions on (doc_id, name): index it.
CREATE INDEX mentions_doc_name ON mentions (doc_id, name);
