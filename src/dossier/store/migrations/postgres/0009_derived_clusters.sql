-- Claim clusters across documents (issue 13), made from the stored claims whenever derived facts
-- change (dossier.derived), in the order `dossier claims` lists them (`seq`), so a request reads
-- one page of them instead of clustering every claim. `status` NULL: a cluster nothing settles.
CREATE TABLE derived_clusters (
    seq    INTEGER PRIMARY KEY,
    id     TEXT COLLATE "C" NOT NULL,
    status TEXT COLLATE "C",
    data   JSONB NOT NULL
);
CREATE INDEX derived_clusters_status ON derived_clusters (status, seq);
