"""Graph: relations between actors, and the actor graph that evolves by date (issue 4).

Pure logic: :func:`find_relations` reads one extracted document; :func:`build_graph` folds
relations from many documents into a ``networkx.MultiDiGraph`` keyed by the resolver's
cluster ids; :func:`to_json` and :func:`write_graphml` export it.

>>> from dossier.graph import build_graph, find_relations, to_json
>>> graph = build_graph(r for doc in docs for r in find_relations(doc))
"""

from __future__ import annotations

from dossier.graph.actors import NodeInfo, build_graph, ego_graph, node_info, to_json
from dossier.graph.graphml import graphml_ready, write_graphml
from dossier.graph.relation_rules import RELATION_TYPES
from dossier.graph.relations import Relation, find_relations

__all__ = [
    "NodeInfo", "RELATION_TYPES", "Relation", "build_graph", "ego_graph", "find_relations", "graphml_ready",
    "node_info", "to_json", "write_graphml",
]
