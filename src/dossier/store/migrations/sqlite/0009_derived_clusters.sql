-- Claim clusters across documents (issue 13), made from the stored claims whenever derived facts
-- change (dossier.derived), in the order `dossier claims` lists them (`seq`), so a request reads
-- one page of them instead of clustering every claim. `status` NULL: a cluster nothing settles.
CREATE TABLE derived_clusters (
    seq    INTEGER PRIMARY KEY,
    id     TEXT NOT NULL,
    status TEXT,
    data   TEXT NOT NULL
);
CREATE INDEX derived_clusters_status ON derived_clusters (status, seq);
