"""Resolve: one entity per real-world actor across all documents (issue 4), every merge explained.

Pure logic: no store, no CLI. Feed it candidates (one per document-level entity), get
clusters and decisions back; keep a :class:`Resolver` to add and remove documents
incrementally.

>>> from dossier.resolve import Candidate, resolve
>>> res = resolve([Candidate("d1:Zalmay Khalilzad", "d1", "Zalmay Khalilzad", "PERSON"),
...                Candidate("d2:Zalmay Khalizad", "d2", "Zalmay Khalizad", "PERSON")])
>>> [(c.name, len(c.members)) for c in res.clusters]
[('Zalmay Khalilzad', 2)]
"""

from __future__ import annotations

from dossier.resolve.candidates import apply_ids, candidates_from_document
from dossier.resolve.normalise import normalise_name
from dossier.resolve.records import EMPTY, Candidate, Cluster, Decision, Override, Overrides, Resolution
from dossier.resolve.resolver import Resolver, cluster_id, resolve

__all__ = [
    "Candidate", "Cluster", "Decision", "EMPTY", "Override", "Overrides", "Resolution",
    "Resolver", "apply_ids", "candidates_from_document", "cluster_id", "normalise_name", "resolve",
]
