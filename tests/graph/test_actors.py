"""build_graph, ego_graph and to_json over hand-built relations."""

from __future__ import annotations

import json
import random

import pytest

from dossier.errors import QueryError
from dossier.extract.records import EntityRef, Mention
from dossier.graph import NodeInfo, Relation, build_graph, ego_graph, node_info, to_json
from dossier.records import Document, Span


def rel(kind: str, source: str, target: str | None, *, doc: str = "d1", start: int = 0, date: str | None = None,
        evidence: str = "event:CONSULT", **attributes: str) -> Relation:
    return Relation(kind, f"id_{source}", source, f"id_{target}" if target else None, target or "an office", doc,
                    Span(doc, start, start + 10, 0, "test"), date, "event" if date else "none", evidence,
                    dict(attributes))


RELATIONS = [
    rel("negotiates_with", "US", "Taliban", doc="d1", start=5, date="2020-02-01"),
    rel("negotiates_with", "Taliban", "US", doc="d2", start=7, date="2020-09-12"),
    rel("agrees_with", "US", "Taliban", doc="d1", start=40, date="2020-02-29", evidence="event:AGREE"),
    rel("spokesman_of", "Shaheen", "Taliban", doc="d3", start=0, evidence="role:premodifier", role="Taliban spokesman"),
    rel("role_of", "Blinken", None, doc="d4", evidence="role:premodifier", role="Secretary of State"),
    rel("fights", "Taliban", "US", doc="d5", date="2021-08", evidence="event:ASSAULT", modality="asserted"),
    rel("supports", "Taliban", "US", doc="d5", start=30, evidence="event:COOPERATE", modality="negated"),
]


def test_build_graph_folds_statements_into_weighted_dated_edges() -> None:
    graph = build_graph(RELATIONS)
    edge = graph.edges["id_Taliban", "id_US", "negotiates_with"]
    assert (edge["weight"], edge["documents"], edge["first_seen"], edge["last_seen"]) == (2, 2, "2020-02-01", "2020-09-12")
    assert edge["provenance"] == "d1:5-15 d2:7-17"
    assert edge["directed"] is False


def test_build_graph_keeps_direction_of_directed_types() -> None:
    graph = build_graph(RELATIONS)
    assert graph.has_edge("id_Taliban", "id_US", "fights")
    assert not graph.has_edge("id_US", "id_Taliban", "fights")
    assert graph.has_edge("id_Shaheen", "id_Taliban", "spokesman_of")


def test_build_graph_drops_unasserted_events_by_default() -> None:
    assert not build_graph(RELATIONS).has_edge("id_Taliban", "id_US", "supports")
    graph = build_graph(RELATIONS, modalities={"asserted", "negated"})
    assert graph.edges["id_Taliban", "id_US", "supports"]["modalities"] == "negated"


def test_build_graph_office_without_entity_becomes_node_role() -> None:
    graph = build_graph(RELATIONS)
    assert graph.nodes["id_Blinken"]["roles"] == "Secretary of State"
    assert graph.degree("id_Blinken") == 0


def test_build_graph_applies_clusters_and_names() -> None:
    relations = [rel("meets", "Khalilzad", "Baradar"), rel("meets", "Khalizad", "Baradar", doc="d2")]
    graph = build_graph(relations, clusters={"id_Khalizad": "c_kh", "id_Khalilzad": "c_kh"}, names={"c_kh": "Zalmay Khalilzad"})
    assert sorted(graph.nodes) == ["c_kh", "id_Baradar"]
    assert graph.nodes["c_kh"]["name"] == "Zalmay Khalilzad"
    assert graph.edges["c_kh", "id_Baradar", "meets"]["weight"] == 2


def test_build_graph_drops_self_loops_after_clustering() -> None:
    graph = build_graph([rel("meets", "Rassoul", "Rassoui")], clusters={"id_Rassoui": "id_Rassoul"})
    assert graph.number_of_edges() == 0


def test_build_graph_nodes_carry_info() -> None:
    graph = build_graph(RELATIONS, nodes={"id_US": NodeInfo("United States", "GPE", 4, 30)})
    assert graph.nodes["id_US"] == {"name": "United States", "type": "GPE", "documents": 4, "mentions": 30, "roles": ""}


@pytest.mark.parametrize(("as_of", "present", "absent"), [
    ("2020-02-15", [("id_Taliban", "id_US", "negotiates_with")], [("id_Taliban", "id_US", "agrees_with"),
                                                                  ("id_Taliban", "id_US", "fights")]),
    ("2020-03", [("id_Taliban", "id_US", "agrees_with")], [("id_Taliban", "id_US", "fights")]),
    ("2021", [("id_Taliban", "id_US", "fights")], []),
    ("2019-12-31", [("id_Shaheen", "id_Taliban", "spokesman_of")], [("id_Taliban", "id_US", "negotiates_with")]),
])
def test_build_graph_as_of(as_of: str, present: list[tuple[str, str, str]], absent: list[tuple[str, str, str]]) -> None:
    graph = build_graph(RELATIONS, as_of=as_of)
    assert all(graph.has_edge(*e) for e in present)
    assert not any(graph.has_edge(*e) for e in absent)
    assert graph.graph["as_of"] == as_of


def test_build_graph_as_of_trims_dates_and_keeps_undated_flagged() -> None:
    graph = build_graph(RELATIONS, as_of="2020-03-01")
    assert graph.edges["id_Taliban", "id_US", "negotiates_with"]["last_seen"] == "2020-02-01"
    assert graph.edges["id_Shaheen", "id_Taliban", "spokesman_of"]["undated"] == 1


def test_build_graph_types_filter() -> None:
    graph = build_graph(RELATIONS, types={"fights"})
    assert [k for *_, k in graph.edges(keys=True)] == ["fights"]


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"as_of": "March 2020"}, "YYYY-MM-DD"),
    ({"types": {"hates"}}, "Known:"),
])
def test_build_graph_rejects_bad_options(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(QueryError, match=message):
        build_graph(RELATIONS, **kwargs)  # type: ignore[arg-type]


def test_ego_graph_by_id_and_name() -> None:
    relations = [*RELATIONS, rel("meets", "Pompeo", "Khalilzad"), rel("meets", "Khalilzad", "Taliban")]
    graph = build_graph(relations)
    assert set(ego_graph(graph, "id_Pompeo")) == {"id_Pompeo", "id_Khalilzad"}
    assert set(ego_graph(graph, "pompeo", radius=2)) == {"id_Pompeo", "id_Khalilzad", "id_Taliban"}


def test_ego_graph_unknown_entity() -> None:
    with pytest.raises(QueryError, match="No entity 'Nobody'"):
        ego_graph(build_graph(RELATIONS), "Nobody")


def test_to_json_is_stable_whatever_the_input_order() -> None:
    shuffled = list(RELATIONS)
    random.Random(4).shuffle(shuffled)
    first = json.dumps(to_json(build_graph(RELATIONS)), ensure_ascii=False)
    assert json.dumps(to_json(build_graph(shuffled)), ensure_ascii=False) == first
    assert json.dumps(to_json(build_graph(RELATIONS)), ensure_ascii=False) == first


def test_to_json_shape() -> None:
    data = to_json(build_graph(RELATIONS))
    assert [n["id"] for n in data["nodes"]] == sorted(n["id"] for n in data["nodes"])
    edge = next(e for e in data["edges"] if e["key"] == "spokesman_of")
    assert (edge["source"], edge["target"], edge["weight"], edge["roles"]) == (
        "id_Shaheen", "id_Taliban", 1, "Taliban spokesman")


def test_node_info_counts_documents_and_mentions() -> None:
    def doc(doc_id: str, name: str, n: int) -> Document:
        span = Span(doc_id, 0, 1, 0, "test")
        mentions = tuple(Mention(name, "PERSON", span, name) for _ in range(n))
        return Document(id=doc_id, source="t", text="x", entities=(EntityRef(name, "PERSON", mentions, (), f"id_{name}"),))

    info = node_info([doc("a", "Zalmay Khalilzad", 2), doc("b", "Zalmay Khalizad", 1), doc("c", "Zalmay Khalilzad", 1)],
                     clusters={"id_Zalmay Khalizad": "id_Zalmay Khalilzad"})
    assert info == {"id_Zalmay Khalilzad": NodeInfo("Zalmay Khalilzad", "PERSON", 3, 4)}
