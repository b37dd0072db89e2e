"""Relations between actors, read from one extracted document, each with its provenance.

A cascade, precise first, recorded in :attr:`Relation.evidence` and ``Span.method``:

1. **Roles** (``role:premodifier``, ``role:apposition``): the office the extract stage wrote
   with a person ("Afghan Foreign Minister Zalmai Rassoul", "Mullah Baradar, the political
   deputy of the Taliban"). The organisation or country is the entity mention inside the
   office phrase: the object of "of/at/to" ("head *of* the High Peace Council", "spokesman
   *for*" only after a spokesman), else the mention nearest before the head word ("*Taliban*
   spokesman", "*Afghanistan*’s acting foreign minister"). A NORP adjective stands for its
   country, resolved to that country's GPE entity in the document when there is one. With no
   such entity the relation is ``role_of`` with the office as a plain-string target.
2. **Patterns** (``pattern:*``): cheap copular and appositive sentences between two mentions
   of one sentence: "X, the head of Y", "X, who heads Y", "X, an affiliate of Y", "Y's Afghan
   affiliate, known as X", "X and Y remain closely aligned".
3. **Events** (``event:<PLOVER type>``): actor → target of an event whose both ends are
   entities, typed by :func:`~dossier.graph.relation_rules.event_relation`. Every event is
   kept, whatever its modality, with ``attributes["modality"]``; :func:`build_graph` keeps
   only asserted and reported ones by default, so "will not cooperate" or "could threaten"
   never becomes an edge unless asked for.
4. **Gazetteer** (``gazetteer:affiliate_of``, ``gazetteer:parent``): curated links between
   two actors both named in the document; provenance is the first mention of the affiliate.

A relation is dated by its event's resolved date (``date_basis="event"``), else by the
publication date (``"published"``), else not at all (``"none"``).

Example::

    >>> rels = find_relations(doc)  # doc from the extract stage
    >>> [(r.source, r.type, r.target) for r in rels if r.evidence.startswith("role")][:1]
    [('Zalmai Rassoul', 'role_of', 'Afghanistan')]
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from dossier.extract.gazetteer import Actor, load_actors
from dossier.extract.records import EntityRef, Mention, TimeExpr
from dossier.extract.roles import ROLE_WORDS
from dossier.graph import relation_rules as rules
from dossier.records import Document, Span

__all__ = ["METHOD", "Relation", "find_relations"]

METHOD = "graph.relations.v1"
#: Entity types that can be the organisation or country of a role, or an end of a relation.
TARGET_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
_ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
_JOINER = re.compile(r"\s(of|for|at|to|in)\s", re.IGNORECASE)
_OBJECT_END = re.compile(r"\s(?:in|who|which|that|where)\s|,", re.IGNORECASE)
_WORD = re.compile(r"[\w.’'-]+")
_FORMER = re.compile(r"\b(?:former|ex|then|outgoing)\b", re.IGNORECASE)
_GAP_BEFORE = re.compile(r"^[\s,]*$")
_GAP_AFTER = re.compile(r"^[\s,]*(?:(?:the|a|an|his|her|its|their)\s+)?$", re.IGNORECASE)
#: Head words of an office: the extract stage's role words and our relation heads ("member").
_HEADS = ROLE_WORDS | rules.MEMBER_HEADS | rules.LEADER_HEADS | rules.SPOKES_HEADS
_PAIR_WINDOW = 90  # characters: how far apart two mentions may be for a sentence pattern


@dataclass(frozen=True, slots=True)
class Relation:
    """A typed link between two actors (or an actor and an office), with where it was read.

    ``target_id`` is None when the target is not an entity: an office ("Secretary of State")
    or a country not named as such in the document.
    """

    type: str
    source_id: str
    source: str
    target_id: str | None
    target: str
    doc_id: str
    span: Span
    date: str | None
    date_basis: str  # "event" | "published" | "none"
    evidence: str  # the rule, e.g. "role:premodifier", "event:CONSULT", "gazetteer:affiliate_of"
    attributes: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"type": self.type, "source_id": self.source_id, "source": self.source,
                "target_id": self.target_id, "target": self.target, "doc_id": self.doc_id,
                "start": self.span.start, "end": self.span.end, "sentence": self.span.sentence,
                "method": self.span.method, "date": self.date, "date_basis": self.date_basis,
                "evidence": self.evidence, "attributes": dict(sorted(self.attributes.items()))}


@dataclass(frozen=True, slots=True)
class _End:
    """One end of a relation: an entity, or (``id`` None) a name only."""

    id: str | None
    name: str
    label: str
    via: str | None = None  # the demonym it was read from ("Afghan" → Afghanistan)


class _Index:
    """The document's mentions by position and sentence, and its entities by id and country."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.mentions: list[tuple[Mention, EntityRef]] = sorted(
            ((m, ref) for ref in doc.entities for m in ref.mentions), key=lambda p: (p[0].span.start, -p[0].span.end))
        self.by_sentence: dict[int, list[tuple[Mention, EntityRef]]] = defaultdict(list)
        for pair in self.mentions:
            self.by_sentence[pair[0].span.sentence].append(pair)
        self.by_id = {_ref_id(ref): ref for ref in doc.entities}
        self.countries: dict[str, EntityRef] = {}
        for ref in sorted(doc.entities, key=lambda r: (-len(r.mentions), r.name)):
            country = rules.country_of(ref.name) if ref.label == "GPE" else None
            if country and country not in self.countries:
                self.countries[country] = ref

    def inside(self, start: int, end: int, *, exclude: EntityRef) -> list[tuple[Mention, EntityRef]]:
        return [(m, ref) for m, ref in self.mentions
                if start <= m.span.start and m.span.end <= end and ref is not exclude and ref.label in TARGET_LABELS
                and m.text.casefold() not in rules.OFFICE_OBJECTS]

    def end_for(self, ref: EntityRef, text: str | None = None) -> _End:
        """The entity as a relation end; a NORP stands for its country's GPE entity when present."""
        if ref.label == "NORP":
            country = rules.country_of(ref.name) or (rules.country_of(text) if text else None)
            if country:
                gpe = self.countries.get(country)
                if gpe is not None:
                    return _End(_ref_id(gpe), gpe.name, "GPE", via=ref.name)
                return _End(None, country, "GPE", via=ref.name)
        return _End(_ref_id(ref), ref.name, ref.label)

    def entity_end(self, ref: EntityRef, text: str | None = None) -> _End:
        """As :meth:`end_for`, but a NORP whose country is not named stays itself (an event needs an entity)."""
        end = self.end_for(ref, text)
        return end if end.id is not None else _End(_ref_id(ref), ref.name, ref.label)


def _ref_id(ref: EntityRef) -> str:
    """An entity's id; hand-built entities without one are known by their name."""
    return ref.entity_id or ref.name


def _date(doc: Document, time: TimeExpr | None) -> tuple[str | None, str]:
    if time is not None and time.value:
        return time.value, "event"
    if doc.published:
        return doc.published, "published"
    return None, "none"


def _span(doc: Document, start: int, end: int, sentence: int, rule: str) -> Span:
    return Span(doc.id, start, end, sentence, f"{METHOD}:{rule}")


def _make(doc: Document, kind: str, source: _End, target: _End, span: Span, evidence: str,
          attributes: dict[str, str], time: TimeExpr | None = None) -> Relation:
    if source.via:
        attributes["source_via"] = source.via
    if target.via:
        attributes["target_via"] = target.via
    date, basis = _date(doc, time)
    return Relation(kind, source.id or source.name, source.name, target.id, target.name, doc.id, span,
                    date, basis, evidence, attributes)


# --- 1. roles -----------------------------------------------------------------------------

def _locate_role(text: str, role: str, span: Span) -> tuple[int, int, str] | None:
    """Where the role phrase is written next to its mention: (start, end, "premodifier"|"apposition")."""
    pattern = re.compile(r"\s+".join(re.escape(w) for w in role.split()))
    before = None
    for match in pattern.finditer(text, max(0, span.start - len(role) - 40), span.start):
        if _GAP_BEFORE.match(text[match.end():span.start]):
            before = (match.start(), match.end(), "premodifier")
    if before:
        return before
    after = pattern.search(text, span.end, span.end + len(role) + 16)
    if after and _GAP_AFTER.match(text[span.end:after.start()]):
        return after.start(), after.end(), "apposition"
    return None


def _head(text: str, start: int, end: int) -> tuple[str, int]:
    """The office's head word (its last role word) and where it starts."""
    words = list(_WORD.finditer(text, start, end))
    for word in reversed(words):
        lowered = word.group().lower().rstrip(".").replace("’s", "").replace("'s", "")
        if lowered in _HEADS or lowered + "." in _HEADS:
            return lowered, word.start()
    if words:
        return words[-1].group().lower().rstrip("."), words[-1].start()
    return "", start


def _role_target(index: _Index, ref: EntityRef, start: int, end: int) -> tuple[str, _End | None]:
    """The head of the office phrase text[start:end] and the organisation/country it names."""
    text = index.doc.text
    joiner = _JOINER.search(text, start, end)
    head, head_start = _head(text, start, joiner.start() if joiner else end)
    candidates: list[tuple[Mention, EntityRef]] = []
    if joiner and (joiner.group(1).lower() in {"of", "at", "to"} or
                   joiner.group(1).lower() == "for" and head in rules.SPOKES_HEADS):
        stop = _OBJECT_END.search(text, joiner.end(), end)
        candidates = index.inside(joiner.end(), stop.start() if stop else end, exclude=ref)
    if not candidates:
        candidates = index.inside(start, head_start, exclude=ref)
    if not candidates:
        return head, None
    mention, target = candidates[-1]
    return head, index.end_for(target, mention.text)


def _role_relations(doc: Document, index: _Index) -> Iterator[Relation]:
    for ref in doc.entities:
        if ref.label != "PERSON":
            continue
        for mention in ref.mentions:
            if not mention.role:
                continue
            found = _locate_role(doc.text, mention.role, mention.span)
            target: _End | None
            if found is None:
                start, end, where = mention.span.start, mention.span.end, "premodifier"
                head, target = _head(mention.role, 0, len(mention.role))[0], None
            else:
                start, end, where = found
                head, target = _role_target(index, ref, start, end)
            kind = rules.role_relation(mention.role, head, target_label=target.label if target else None)
            attributes = {"role": mention.role, "head": head}
            if _FORMER.search(mention.role):
                attributes["former"] = "true"
            span = _span(doc, min(start, mention.span.start), max(end, mention.span.end),
                         mention.span.sentence, f"role-{where}")
            yield _make(doc, kind, index.end_for(ref), target or _End(None, mention.role, ""), span,
                        f"role:{where}", attributes)


# --- 2. sentence patterns -----------------------------------------------------------------

def _pair_relation(doc: Document, index: _Index, a: tuple[Mention, EntityRef],
                   b: tuple[Mention, EntityRef]) -> Relation | None:
    (ma, ra), (mb, rb) = a, b
    gap = doc.text[ma.span.end:mb.span.start]
    start, end = ma.span.start, mb.span.end
    kind = rule = None
    source, target = ra, rb
    attributes: dict[str, str] = {}
    if ra.label == "PERSON" and rb.label in TARGET_LABELS:
        if (match := rules.APPOSITION.match(gap)) and match.group("head").lower().rstrip(".") in _HEADS:
            head = match.group("head").lower().rstrip(".")
            kind, rule = rules.role_relation(head, head, target_label=rb.label), "apposition"
            role = re.sub(r"^[\s,]*(?:(?:is|was|has been|had been|remains|became)\s+)?\S+\s+", "", gap)
            attributes = {"role": " ".join(f"{role}{mb.text}".split()), "head": head}
        elif rules.WHO_LEADS.match(gap):
            kind, rule = "leader_of", "who-leads"
    elif ra.label == "ORG" and rb.label == "ORG":
        if rules.AFFILIATE_OF.match(gap):
            kind, rule = "affiliate_of", "affiliate"
        elif rules.AFFILIATE_AFTER.match(gap):
            kind, rule, source, target = "affiliate_of", "affiliate", rb, ra
        elif rules.ALLY_OF.match(gap):
            kind, rule = "allied_with", "ally"
        elif gap.strip().lower() == "and" and (after := rules.ALLIED_PAIR.match(doc.text, mb.span.end)):
            kind, rule, end = "allied_with", "ally", after.end()
    if kind is None or rule is None:
        return None
    span = _span(doc, start, end, ma.span.sentence, f"pattern-{rule}")
    src_end, tgt_end = index.entity_end(source), index.entity_end(target)
    if src_end.id == tgt_end.id:
        return None
    return _make(doc, kind, src_end, tgt_end, span, f"pattern:{rule}", attributes)


def _pattern_relations(doc: Document, index: _Index) -> Iterator[Relation]:
    for mentions in index.by_sentence.values():
        for i, a in enumerate(mentions):
            for b in mentions[i + 1:]:
                if b[0].span.start - a[0].span.end > _PAIR_WINDOW or b[0].span.start < a[0].span.end:
                    break
                if b[1] is a[1]:
                    continue
                relation = _pair_relation(doc, index, a, b)
                if relation is not None:
                    yield relation
                    break
                if b[1].label not in {"GPE", "LOC", "NORP"}:
                    break  # only places and demonyms may stand between ("Y's branch in Afghanistan known as X")


# --- 3. events ----------------------------------------------------------------------------

def _event_end(index: _Index, entity_id: str | None, span: Span | None) -> _End | None:
    ref = index.by_id.get(entity_id) if entity_id else None
    if ref is None or ref.label not in _ACTOR_LABELS:
        return None
    text = index.doc.text[span.start:span.end] if span else None
    return index.entity_end(ref, text)


def _event_relations(doc: Document, index: _Index) -> Iterator[Relation]:
    for event in doc.events:
        kind = rules.event_relation(event.type, event.mode)
        if kind is None or event.actor_antecedent is not None or event.target_antecedent is not None:
            continue  # a party the sentence names only as "he", "it", "the group" is no named party here
        source = _event_end(index, event.actor_id, event.actor_span)
        target = _event_end(index, event.target_id, event.target_span)
        if source is None or target is None or source.id == target.id:
            continue
        spans = [s for s in (event.span, event.actor_span, event.target_span) if s is not None]
        span = _span(doc, min(s.start for s in spans), max(s.end for s in spans), event.span.sentence, "event")
        attributes = {"event_type": event.type, "action": event.action, "modality": event.modality}
        if event.mode:
            attributes["mode"] = event.mode
        yield _make(doc, kind, source, target, span, f"event:{event.type}", attributes, event.time)


# --- 4. gazetteer links -------------------------------------------------------------------

@lru_cache(maxsize=1)
def _shipped_actors() -> Mapping[str, Actor]:
    return load_actors()


def _gazetteer_relations(doc: Document, index: _Index, actors: Mapping[str, Actor]) -> Iterator[Relation]:
    keyed: dict[str, tuple[EntityRef, Mention]] = {}
    for mention, ref in index.mentions:
        if mention.gazetteer and mention.gazetteer not in keyed:
            keyed[mention.gazetteer] = (ref, mention)
    for key, (ref, mention) in sorted(keyed.items()):
        actor = actors.get(key)
        if actor is None:
            continue
        parent_kind = "member_of" if actor.type == "PERSON" else "part_of"
        for link, kind, field_name in ((actor.affiliate_of, "affiliate_of", "affiliate_of"),
                                       (actor.parent, parent_kind, "parent")):
            if not link or link not in keyed or keyed[link][0] is ref:
                continue
            span = _span(doc, mention.span.start, mention.span.end, mention.span.sentence, f"gazetteer-{field_name}")
            yield _make(doc, kind, _End(_ref_id(ref), ref.name, ref.label),
                        _End(_ref_id(keyed[link][0]), keyed[link][0].name, keyed[link][0].label),
                        span, f"gazetteer:{field_name}", {"gazetteer": f"{key} {field_name} {link}"})


def _dedupe(relations: list[Relation]) -> list[Relation]:
    """Drop a relation an earlier rule already read from an overlapping stretch of text."""
    kept: list[Relation] = []
    seen: dict[tuple[str, str, str | None, str], list[Span]] = defaultdict(list)
    for relation in relations:
        key = (relation.type, relation.source_id, relation.target_id, relation.target)
        if any(s.start < relation.span.end and relation.span.start < s.end for s in seen[key]):
            continue
        seen[key].append(relation.span)
        kept.append(relation)
    return sorted(kept, key=lambda r: (r.span.start, r.span.end, r.type, r.source_id, r.target_id or "", r.target))


def find_relations(doc: Document, *, actors: Mapping[str, Actor] | None = None) -> list[Relation]:
    """Every relation between actors that the document states, in text order.

    Args:
        doc: a document after the extract stage (entities with mentions and roles, events).
        actors: the gazetteer for curated links; the shipped one when None.

    Returns:
        Relations with provenance; duplicates read by a later rule from the same text are dropped.
    """
    index = _Index(doc)
    found = [*_role_relations(doc, index), *_pattern_relations(doc, index), *_event_relations(doc, index),
             *_gazetteer_relations(doc, index, _shipped_actors() if actors is None else actors)]
    return _dedupe(found)
