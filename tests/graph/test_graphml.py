"""GraphML export: legal attribute types, and a round trip through networkx.read_graphml."""

from __future__ import annotations

import io
from pathlib import Path

import networkx as nx

from dossier.graph import Relation, build_graph, graphml_ready, write_graphml
from dossier.records import Span


def _relations() -> list[Relation]:
    def rel(kind: str, s: str, t: str, doc: str, date: str | None) -> Relation:
        return Relation(kind, s, s.title(), t, t.title(), doc, Span(doc, 3, 9, 0, "t"), date,
                        "event" if date else "none", "event:CONSULT", {"modality": "asserted", "role": "x & <y>"})
    return [rel("negotiates_with", "us", "taliban", "d1", "2020-02-29"), rel("fights", "taliban", "us", "d2", None),
            rel("negotiates_with", "taliban", "us", "d3", "2021-08")]


def test_write_graphml_round_trips_attributes(tmp_path: Path) -> None:
    graph = build_graph(_relations())
    path = tmp_path / "actors.graphml"
    write_graphml(graph, path)
    back = nx.read_graphml(path, force_multigraph=True)
    assert dict(back.nodes(data=True)) == dict(graph.nodes(data=True))
    assert sorted(back.edges(keys=True, data=True)) == sorted(graph.edges(keys=True, data=True))
    assert back.graph["modalities"] == graph.graph["modalities"]


def test_write_graphml_to_file_object() -> None:
    buffer = io.BytesIO()
    write_graphml(build_graph(_relations()), buffer)
    assert b'attr.name="first_seen"' in buffer.getvalue()


def test_graphml_ready_flattens_illegal_values() -> None:
    graph = nx.MultiDiGraph(tags=["b", "a"])
    graph.add_node("a", aliases=("Taleban", "Islamic Emirate"), missing=None, meta={"k": 1}, n=1)
    graph.add_node("b", n="one")
    graph.add_edge("a", "b", key=3, docs=["d2", "d1"])
    ready = graphml_ready(graph)
    assert ready.graph["tags"] == "a; b"
    assert ready.nodes["a"] == {"aliases": "Islamic Emirate; Taleban", "missing": "", "meta": '{"k": 1}', "n": "1"}
    assert ready.edges["a", "b", "3"]["docs"] == "d1; d2"
    buffer = io.BytesIO()
    nx.write_graphml(ready, buffer)
    assert nx.read_graphml(io.BytesIO(buffer.getvalue()), force_multigraph=True).nodes["b"]["n"] == "one"
