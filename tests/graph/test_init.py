"""dossier.graph's public surface is exactly its __all__."""

from __future__ import annotations

import dossier.graph


def test_graph_all_is_exact() -> None:
    public = {name for name in vars(dossier.graph) if not name.startswith("_")} - {
        "actors", "annotations", "graphml", "relation_rules", "relations"}
    assert public == set(dossier.graph.__all__)
