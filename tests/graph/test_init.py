"""dossier.graph's public surface is exactly its __all__."""

from __future__ import annotations

import dossier.graph


def test_graph_all_is_exact() -> None:
    for name in dossier.graph.__all__:  # names load on first use (networkx only when needed)
        getattr(dossier.graph, name)
    public = {name for name in vars(dossier.graph) if not name.startswith("_")} - {
        "actors", "annotations", "graphml", "relation_rules", "relations"}
    assert public == set(dossier.graph.__all__)
