"""Cross-document views read from the derived facts: claim clusters, relations, graph nodes.

Nothing here reads a document: claims and relations come from each document's stored row,
entity names and prominence from the aggregates :func:`~dossier.derived.sync.sync_derived`
keeps. The results equal what :func:`dossier.claims.claim_clusters` and
:func:`dossier.graph.find_relations` give over ``store.iter_documents()`` (tests hold them to it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dossier.claims import Claim, ClaimCluster
from dossier.derived.codec import from_data
from dossier.derived.sync import ensure_derived
from dossier.graph.relations import Relation
from dossier.store.base import Store

if TYPE_CHECKING:
    from dossier.graph import NodeInfo

__all__ = ["stored_claims", "stored_clusters", "stored_graph", "stored_nodes", "stored_relations"]


def stored_claims(store: Store) -> list[Claim]:
    """Every document's claims, documents in id order (derived first where missing)."""
    ensure_derived(store)
    return [from_data(Claim, data) for data in store.derived_claims()]


def _nodes(store: Store) -> dict[str, list[Any]]:
    nodes = store.derived_meta("nodes")
    return nodes if isinstance(nodes, dict) else {}


def stored_clusters(store: Store, *, status: str | None = None, include_unsettled: bool = False,
                    limit: int | None = None, offset: int = 0) -> list[ClaimCluster]:
    """Claims clustered across documents, as ``claim_clusters(store.iter_documents(), …)`` lists them
    (clustered when derived facts last changed); ``limit``/``offset`` cut one page of that list."""
    ensure_derived(store)
    found = store.derived_clusters(status=status, settled=not include_unsettled, limit=limit, offset=offset)
    return [from_data(ClaimCluster, data) for data in found]


def stored_relations(store: Store, doc_ids: Sequence[str] | None = None) -> list[Relation]:
    """The relations of ``doc_ids`` (every document when None), documents in id order."""
    ensure_derived(store)
    return [from_data(Relation, data) for data in store.derived_relations(doc_ids)]


def stored_nodes(store: Store) -> dict[str, NodeInfo]:
    """Name, type and document/mention counts per entity, as ``node_info(store.iter_documents())``."""
    from dossier.graph import NodeInfo  # imports networkx: only the graph needs it

    ensure_derived(store)
    return {node: NodeInfo(str(row[0]), str(row[1]), int(row[2]), int(row[3])) for node, row in _nodes(store).items()}


def stored_graph(store: Store) -> Any | None:
    """The whole actor graph as made when derived facts last changed (a networkx MultiDiGraph equal
    to ``build_graph`` over every stored relation), or None when none was stored."""
    import networkx as nx

    ensure_derived(store)
    data = store.derived_meta("graph")
    if not isinstance(data, dict):
        return None
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="links")

