-- Mention counts kept on each cluster when it is written, so listing entities is one scan.
ALTER TABLE entity_clusters ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
UPDATE entity_clusters SET mentions = (
    SELECT count(*) FROM mentions m JOIN entity_members em ON em.doc_id = m.doc_id AND em.name = m.name
    WHERE em.cluster_id = entity_clusters.id
);
