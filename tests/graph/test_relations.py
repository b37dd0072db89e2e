"""Each rule of dossier.graph.relations on hand-built documents (our logic, not the model's)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from dossier.extract.gazetteer import load_actors
from dossier.extract.records import EntityRef, Event, Mention, TimeExpr
from dossier.graph import Relation, find_relations
from dossier.records import Document, Span

# (surface, label, name, role, gazetteer key, occurrence of the surface in the text)
Ent = tuple[str, str, str, str | None, str | None, int]


def _ent(surface: str, label: str, name: str | None = None, role: str | None = None, key: str | None = None,
         nth: int = 0) -> Ent:
    return (surface, label, name or surface, role, key, nth)


def _find(text: str, surface: str, nth: int = 0) -> int:
    starts = [m.start() for m in re.finditer(re.escape(surface), text)]
    return starts[nth]


def _span(text: str, start: int, end: int, method: str = "test") -> Span:
    return Span("d1", start, end, text.count(". ", 0, start), method)


def make_doc(text: str, ents: list[Ent], events: list[dict[str, Any]] = (), published: str | None = None) -> Document:
    """A document with the given entity mentions (grouped by name) and events (actor/target by name)."""
    groups: dict[str, list[Mention]] = {}
    labels: dict[str, str] = {}
    for surface, label, name, role, key, nth in ents:
        start = _find(text, surface, nth)
        mention = Mention(surface, label, _span(text, start, start + len(surface)), name, role,
                          f"ent_{name.lower().replace(' ', '_')}", key)
        groups.setdefault(name, []).append(mention)
        labels[name] = label
    refs = tuple(EntityRef(name, labels[name], tuple(ms), tuple(m.role for m in ms if m.role),
                           f"ent_{name.lower().replace(' ', '_')}") for name, ms in groups.items())
    by_name = {ref.name: ref for ref in refs}
    built = []
    for spec in events:
        start = _find(text, spec["action"])
        actor, target = by_name.get(spec.get("actor", "")), by_name.get(spec.get("target", ""))
        time = spec.get("time")
        built.append(Event(
            spec["type"], spec["action"], _span(text, start, start + len(spec["action"])), spec.get("mode"),
            actor.name if actor else None, actor.mentions[0].span if actor else None, actor.entity_id if actor else None,
            target.name if target else None, target.mentions[0].span if target else None,
            target.entity_id if target else None,
            time=TimeExpr(time, _span(text, 0, 1), time, "day") if time else None,
            modality=spec.get("modality", "asserted")))
    return Document(id="d1", source="test", text=text, entities=refs, events=tuple(built), published=published)


def _triples(relations: list[Relation]) -> set[tuple[str, str, str, str]]:
    return {(r.source, r.type, r.target, r.evidence) for r in relations}


def _check_spans(doc: Document, relations: list[Relation]) -> None:
    texts = {ref.entity_id: {m.text for m in ref.mentions} for ref in doc.entities}
    for r in relations:
        stated = doc.text[r.span.start:r.span.end]
        assert stated.strip(), r
        assert r.span.doc_id == doc.id and r.doc_id == doc.id
        ends = texts.get(r.source_id, set()) | texts.get(r.target_id or "", set())
        assert any(t in stated for t in ends), (r, stated)


ROLE_CASES = [
    pytest.param("Afghan Foreign Minister Zalmai Rassoul said Afghanistan needs help.",
                 [_ent("Afghan", "NORP"), _ent("Zalmai Rassoul", "PERSON", role="Afghan Foreign Minister"),
                  _ent("Afghanistan", "GPE")],
                 ("Zalmai Rassoul", "role_of", "Afghanistan", "role:premodifier"), id="norp-to-gpe-entity"),
    pytest.param("Taliban spokesman Suhail Shaheen denied it.",
                 [_ent("Taliban", "ORG"), _ent("Suhail Shaheen", "PERSON", role="Taliban spokesman")],
                 ("Suhail Shaheen", "spokesman_of", "Taliban", "role:premodifier"), id="spokesman"),
    pytest.param("Mullah Baradar, the political deputy of the Taliban, spoke in Moscow.",
                 [_ent("Mullah Baradar", "PERSON", role="political deputy of the Taliban"), _ent("Taliban", "ORG")],
                 ("Mullah Baradar", "leader_of", "Taliban", "role:apposition"), id="apposition-deputy"),
    pytest.param("Karim Khalili, the head of the Afghan High Peace Council, spoke.",
                 [_ent("Karim Khalili", "PERSON", role="head of the Afghan High Peace Council"),
                  _ent("Afghan", "NORP"), _ent("High Peace Council", "ORG")],
                 ("Karim Khalili", "leader_of", "High Peace Council", "role:apposition"), id="head-of-org"),
    pytest.param("Sirajuddin Haqqani, the Taliban’s interior minister, hid him.",
                 [_ent("Sirajuddin Haqqani", "PERSON", role="Taliban’s interior minister"), _ent("Taliban", "ORG")],
                 ("Sirajuddin Haqqani", "member_of", "Taliban", "role:apposition"), id="org-minister-member"),
    pytest.param("Pakistan’s Prime Minister Imran Khan spoke.",
                 [_ent("Pakistan", "GPE"), _ent("Imran Khan", "PERSON", role="Pakistan’s Prime Minister")],
                 ("Imran Khan", "leader_of", "Pakistan", "role:premodifier"), id="prime-minister-leads"),
    pytest.param("Secretary of State Antony Blinken said so.",
                 [_ent("State", "ORG"), _ent("Antony Blinken", "PERSON", role="Secretary of State")],
                 ("Antony Blinken", "role_of", "Secretary of State", "role:premodifier"), id="office-object-no-org"),
    pytest.param("US Deputy Secretary of State Wendy Sherman visited.",
                 [_ent("US", "GPE"), _ent("State", "ORG"), _ent("Wendy Sherman", "PERSON",
                                                                role="US Deputy Secretary of State")],
                 ("Wendy Sherman", "role_of", "US", "role:premodifier"), id="country-before-office"),
    pytest.param("Zalmay Khalilzad, Washington’s special representative for Afghanistan reconciliation, signed.",
                 [_ent("Zalmay Khalilzad", "PERSON", role="Washington’s special representative for Afghanistan "
                                                         "reconciliation"),
                  _ent("Washington", "GPE"), _ent("Afghanistan", "GPE")],
                 ("Zalmay Khalilzad", "role_of", "Washington", "role:apposition"), id="for-is-a-portfolio"),
    pytest.param("Former president Hamid Karzai stayed.",
                 [_ent("Hamid Karzai", "PERSON", role="Former president")],
                 ("Hamid Karzai", "role_of", "Former president", "role:premodifier"), id="office-only"),
]


@pytest.mark.parametrize(("text", "ents", "expected"), ROLE_CASES)
def test_find_relations_roles(text: str, ents: list[Ent], expected: tuple[str, str, str, str]) -> None:
    doc = make_doc(text, ents)
    relations = find_relations(doc, actors={})
    assert expected in _triples(relations)
    _check_spans(doc, relations)


def test_find_relations_role_keeps_office_as_attribute() -> None:
    doc = make_doc("Afghan Foreign Minister Zalmai Rassoul said Afghanistan needs help.",
                   [_ent("Afghan", "NORP"), _ent("Zalmai Rassoul", "PERSON", role="Afghan Foreign Minister"),
                    _ent("Afghanistan", "GPE")])
    (rel,) = find_relations(doc, actors={})
    assert rel.target_id == "ent_afghanistan"
    assert rel.attributes == {"role": "Afghan Foreign Minister", "head": "minister", "target_via": "Afghan"}
    assert doc.text[rel.span.start:rel.span.end] == "Afghan Foreign Minister Zalmai Rassoul"


def test_find_relations_role_country_absent_is_plain_string() -> None:
    doc = make_doc("Venezuelan Foreign minister Felix Plasencia visited.",
                   [_ent("Venezuelan", "NORP"), _ent("Felix Plasencia", "PERSON", role="Venezuelan Foreign minister")])
    (rel,) = find_relations(doc, actors={})
    assert (rel.type, rel.target, rel.target_id) == ("role_of", "Venezuela", None)


def test_find_relations_role_former_is_flagged() -> None:
    doc = make_doc("Ahmad Rahmani, a former adviser to the Taliban, spoke.",
                   [_ent("Ahmad Rahmani", "PERSON", role="former adviser to the Taliban"), _ent("Taliban", "ORG")])
    (rel,) = find_relations(doc, actors={})
    assert (rel.type, rel.target, rel.attributes.get("former")) == ("role_of", "Taliban", "true")


PATTERN_CASES = [
    pytest.param("General Kenneth McKenzie, who heads US Central Command, said so.",
                 [_ent("Kenneth McKenzie", "PERSON"), _ent("US Central Command", "ORG")],
                 ("Kenneth McKenzie", "leader_of", "US Central Command", "pattern:who-leads"), id="who-heads"),
    pytest.param("Gen. Mark Milley, the chairman of the Joint Chiefs of Staff, said so.",
                 [_ent("Mark Milley", "PERSON", role="Gen."), _ent("Joint Chiefs of Staff", "ORG")],
                 ("Mark Milley", "leader_of", "Joint Chiefs of Staff", "pattern:apposition"), id="apposition"),
    pytest.param("Noor Wali is a member of the TTP.",
                 [_ent("Noor Wali", "PERSON"), _ent("TTP", "ORG")],
                 ("Noor Wali", "member_of", "TTP", "pattern:apposition"), id="copular-member"),
    pytest.param("The Islamic State's Afghan affiliate, known as ISIS-K, claimed the attack.",
                 [_ent("Islamic State", "ORG"), _ent("Afghan", "NORP"), _ent("ISIS-K", "ORG")],
                 ("ISIS-K", "affiliate_of", "Islamic State", "pattern:affiliate"), id="affiliate-known-as"),
    pytest.param("AQIS, an affiliate of al-Qaeda, grew.",
                 [_ent("AQIS", "ORG"), _ent("al-Qaeda", "ORG")],
                 ("AQIS", "affiliate_of", "al-Qaeda", "pattern:affiliate"), id="affiliate-of"),
    pytest.param("The Taliban and al-Qaeda remain closely aligned, monitors said.",
                 [_ent("Taliban", "ORG"), _ent("al-Qaeda", "ORG")],
                 ("Taliban", "allied_with", "al-Qaeda", "pattern:ally"), id="remain-aligned"),
    pytest.param("Hezb-e-Islami is allied with the Taliban.",
                 [_ent("Hezb-e-Islami", "ORG"), _ent("Taliban", "ORG")],
                 ("Hezb-e-Islami", "allied_with", "Taliban", "pattern:ally"), id="allied-with"),
]


@pytest.mark.parametrize(("text", "ents", "expected"), PATTERN_CASES)
def test_find_relations_patterns(text: str, ents: list[Ent], expected: tuple[str, str, str, str]) -> None:
    doc = make_doc(text, ents)
    relations = find_relations(doc, actors={})
    assert expected in _triples(relations)
    _check_spans(doc, relations)


@pytest.mark.parametrize("text", [
    "Al-Qaeda’s regional affiliate in Afghanistan maintains close ties to the Taliban.",
    "The Taliban and al-Qaeda met in Doha.",
    "Al-Qaeda, the Taliban said, is gone.",
])
def test_find_relations_patterns_negative(text: str) -> None:
    ents = [_ent("Al-Qaeda" if "Al-Qaeda" in text else "al-Qaeda", "ORG", "al-Qaeda"), _ent("Taliban", "ORG")]
    if "Afghanistan" in text:
        ents.append(_ent("Afghanistan", "GPE"))
    relations = find_relations(make_doc(text, ents), actors={})
    assert not [r for r in relations if r.type in {"affiliate_of", "allied_with"}]


def test_find_relations_role_and_pattern_read_once() -> None:
    doc = make_doc("Mullah Baradar, the political deputy of the Taliban, spoke.",
                   [_ent("Mullah Baradar", "PERSON", role="political deputy of the Taliban"), _ent("Taliban", "ORG")])
    relations = find_relations(doc, actors={})
    assert [(r.type, r.evidence) for r in relations] == [("leader_of", "role:apposition")]


EVENT_TEXT = "The United States met the Taliban in Doha."
EVENT_CASES = [
    ("CONSULT", "talk", "negotiates_with"), ("CONSULT", "negotiate", "negotiates_with"), ("CONSULT", "meet", "meets"),
    ("CONSULT", "visit", "meets"), ("AGREE", "sign", "agrees_with"), ("SUPPORT", None, "supports"),
    ("AID", None, "supports"), ("COOPERATE", None, "supports"), ("ASSAULT", None, "fights"),
    ("COERCE", "arrest", "fights"), ("ACCUSE", None, "opposes"), ("THREATEN", None, "opposes"),
    ("DEMAND", None, "opposes"), ("REJECT", None, "opposes"), ("SANCTION", None, "opposes"),
    ("RETREAT", "withdraw", None), ("CONCEDE", None, None), ("PROTEST", None, None),
]


@pytest.mark.parametrize(("event_type", "mode", "expected"), EVENT_CASES)
def test_find_relations_event_types(event_type: str, mode: str | None, expected: str | None) -> None:
    doc = make_doc(EVENT_TEXT, [_ent("United States", "GPE"), _ent("Taliban", "ORG")],
                   [{"type": event_type, "mode": mode, "action": "met", "actor": "United States", "target": "Taliban"}])
    relations = find_relations(doc, actors={})
    if expected is None:
        assert relations == []
        return
    (rel,) = relations
    assert (rel.source, rel.type, rel.target, rel.evidence) == ("United States", expected, "Taliban",
                                                                f"event:{event_type}")
    assert rel.attributes["event_type"] == event_type
    assert doc.text[rel.span.start:rel.span.end] == "United States met the Taliban"
    _check_spans(doc, relations)


@pytest.mark.parametrize("modality", ["asserted", "reported", "negated", "hypothetical", "planned"])
def test_find_relations_event_keeps_modality(modality: str) -> None:
    doc = make_doc(EVENT_TEXT, [_ent("United States", "GPE"), _ent("Taliban", "ORG")],
                   [{"type": "CONSULT", "mode": "meet", "action": "met", "actor": "United States", "target": "Taliban",
                     "modality": modality}])
    (rel,) = find_relations(doc, actors={})
    assert rel.attributes["modality"] == modality


@pytest.mark.parametrize(("time", "published", "expected"), [
    ("2020-02-29", "2020-03-02", ("2020-02-29", "event")),
    (None, "2020-03-02", ("2020-03-02", "published")),
    (None, None, (None, "none")),
])
def test_find_relations_event_date(time: str | None, published: str | None, expected: tuple[str | None, str]) -> None:
    doc = make_doc(EVENT_TEXT, [_ent("United States", "GPE"), _ent("Taliban", "ORG")],
                   [{"type": "AGREE", "action": "met", "actor": "United States", "target": "Taliban", "time": time}],
                   published=published)
    (rel,) = find_relations(doc, actors={})
    assert (rel.date, rel.date_basis) == expected


def test_find_relations_event_demonym_actor_is_country() -> None:
    doc = make_doc("American officials met the Taliban; the US agreed.",
                   [_ent("American", "NORP"), _ent("Taliban", "ORG"), _ent("US", "GPE")],
                   [{"type": "CONSULT", "mode": "meet", "action": "met", "actor": "American", "target": "Taliban"}])
    (rel,) = find_relations(doc, actors={})
    assert (rel.source_id, rel.source, rel.attributes["source_via"]) == ("ent_us", "US", "American")


@pytest.mark.parametrize("target", ["United States", None])
def test_find_relations_event_needs_two_entities(target: str | None) -> None:
    doc = make_doc(EVENT_TEXT, [_ent("United States", "GPE"), _ent("Taliban", "ORG")],
                   [{"type": "CONSULT", "mode": "meet", "action": "met", "actor": "United States", "target": target}])
    assert find_relations(doc, actors={}) == []


GAZETTEER_CASES = [
    pytest.param("AQIS grew while al-Qaeda shrank.", [_ent("AQIS", "ORG", "AQIS", key="aqis"),
                                                       _ent("al-Qaeda", "ORG", key="al-qaeda")],
                 ("AQIS", "affiliate_of", "al-Qaeda", "gazetteer:affiliate_of"), "AQIS", id="affiliate"),
    pytest.param("Zabihullah Mujahid said the Taliban won.",
                 [_ent("Zabihullah Mujahid", "PERSON", key="zabihullah-mujahid"), _ent("Taliban", "ORG", key="taliban")],
                 ("Zabihullah Mujahid", "member_of", "Taliban", "gazetteer:parent"), "Zabihullah Mujahid",
                 id="person-parent"),
    pytest.param("CENTCOM reports to the Pentagon; US Department of Defense said so.",
                 [_ent("CENTCOM", "ORG", "US Central Command", key="centcom"),
                  _ent("US Department of Defense", "ORG", key="us-dod")],
                 ("US Central Command", "part_of", "US Department of Defense", "gazetteer:parent"), "CENTCOM",
                 id="org-parent"),
]


@pytest.mark.parametrize(("text", "ents", "expected", "stated"), GAZETTEER_CASES)
def test_find_relations_gazetteer_links(text: str, ents: list[Ent], expected: tuple[str, str, str, str],
                                        stated: str) -> None:
    doc = make_doc(text, ents)
    relations = [r for r in find_relations(doc, actors=load_actors()) if r.evidence.startswith("gazetteer")]
    assert _triples(relations) == {expected}
    assert doc.text[relations[0].span.start:relations[0].span.end] == stated


def test_find_relations_gazetteer_needs_both_actors() -> None:
    doc = make_doc("AQIS grew.", [_ent("AQIS", "ORG", key="aqis")])
    assert find_relations(doc) == []


def test_relation_to_json_has_provenance() -> None:
    doc = make_doc("Taliban spokesman Suhail Shaheen denied it.",
                   [_ent("Taliban", "ORG"), _ent("Suhail Shaheen", "PERSON", role="Taliban spokesman")],
                   published="2020-06-01")
    (rel,) = find_relations(doc, actors={})
    data = rel.to_json()
    assert (data["doc_id"], data["start"], data["end"], data["date"], data["date_basis"]) == (
        "d1", 0, len("Taliban spokesman Suhail Shaheen"), "2020-06-01", "published")
    assert data["method"] == "graph.relations.v1:role-premodifier"


def test_find_relations_event_demonym_without_country_stays_group() -> None:
    doc = make_doc("American officials met the Taliban.", [_ent("American", "NORP"), _ent("Taliban", "ORG")],
                   [{"type": "CONSULT", "mode": "meet", "action": "met", "actor": "American", "target": "Taliban"}])
    (rel,) = find_relations(doc, actors={})
    assert (rel.source_id, rel.source, rel.type) == ("ent_american", "American", "meets")
