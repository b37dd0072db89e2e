"""Facts derived from each document at ingest — claims, relations — kept in the store, incrementally.

:func:`sync_derived` runs after entity resolution (ingest, ``rm``, ``entity merge/split``) and
re-derives only the documents whose inputs changed; the readers give the cross-document views
(claim clusters, the actor graph's relations and nodes) from the stored rows::

    from dossier.derived import stored_clusters
    disputed = stored_clusters(store, status="disputed")
"""

from __future__ import annotations

from dossier.derived.read import stored_claims, stored_clusters, stored_graph, stored_nodes, stored_relations
from dossier.derived.sync import DERIVED_VERSION, ensure_derived, sync_derived, version

__all__ = ["DERIVED_VERSION", "ensure_derived", "stored_claims", "stored_clusters", "stored_graph", "stored_nodes",
           "stored_relations", "sync_derived", "version"]
