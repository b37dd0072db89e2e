"""Claims read from one extracted document: who asserts which proposition, how, and where.

A claim is a normalised proposition — (subject entity, predicate family, object entity,
polarity, quantity) — with its source, modality, time and span. Three rules, precise first,
recorded in ``Claim.basis`` and ``Span.method``:

1. **Lexicon** (``lexicon:<family>``): a trigger from :mod:`dossier.claims.lexicon` ("remain
   close", "break ties") between two resolved entities of the sentence; "the two groups" and
   "the group" stand for the organisations named just before. Troop numbers are read as
   ``troops`` claims: (country, troops, place, value, date).
2. **Report denials** (``report-denial``): "I totally refute this report", "called the
   findings baseless": the denier disputes each contested claim of the document that concerns
   the denier or the organisation the gazetteer says the denier belongs to.
3. **Events** (``event:<type>``): the actor graph's event relations
   (:func:`dossier.graph.find_relations`), e.g. "US — reached an agreement with — Taliban".

Who asserts it: the speaker of the quote the trigger is in (direct, reported, "according
to …"); else a report that is the sentence's subject ("the UN report stated …"); else the
outlet itself.

Example::

    >>> # doc: "Suhail Shaheen denied that the Taliban had ties with al-Qaeda.", after the extract stage
    >>> [(c.subject, c.predicate, c.object, c.modality, c.stance) for c in extract_claims(doc)]
    [('Taliban', 'ties', 'al-Qaeda', 'denied', False)]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from dossier.claims import lexicon as lx
from dossier.claims.quantities import troop_claims
from dossier.claims.slots import slot_claims
from dossier.claims.text import Attribution, DocIndex, Party
from dossier.records import Document, Span

__all__ = ["METHOD", "Claim", "ClaimContext", "extract_claims", "make_context"]

METHOD = "claims.v1"
_CONTESTED = frozenset({"ties"})  # families a denial of a report applies to


@dataclass(frozen=True, slots=True)
class ClaimContext:
    """What claims need beyond one document: gazetteer links between resolved entities.

    ``parents`` maps an affiliate to the organisation it stands for in a proposition
    (AQIS → al-Qaeda); ``members`` maps a person to the organisations they speak for
    (Suhail Shaheen → Taliban); ``ids`` maps a canonical name to its entity id.
    """

    parents: Mapping[str, Party] = field(default_factory=dict)
    members: Mapping[str, frozenset[str]] = field(default_factory=dict)
    ids: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Claim:
    """One source asserting (or denying) one proposition, with the sentence it is read from.

    ``polarity`` is the proposition as written (False for "broke ties"); ``modality`` is
    certain, likely, denied, unconfirmed ("could not be confirmed") or planned; :attr:`stance`
    combines both. ``date`` is when the proposition holds (a troop figure's date, an event's
    date) or, failing that, when it was published; ``value``/``value_max`` hold a quantity.
    """

    predicate: str
    subject_id: str
    subject: str
    object_id: str | None
    object: str | None
    polarity: bool
    modality: str
    source: str
    source_id: str | None
    source_kind: str  # person | organisation | report | outlet | unnamed
    doc_id: str
    outlet: str | None
    date: str | None
    span: Span
    basis: str
    text: str = ""  # doc.text[span.start:span.end]
    value: float | None = None
    value_max: float | None = None
    published: str | None = None
    via: tuple[str, ...] = ()  # names rolled up into the parties ("al-Qaeda in the Indian Subcontinent")
    bound: str = "exact"  # a figure's qualifier: exact | approx | lower | upper | range | update ("toll rose to")
    place: str | None = None  # the most specific place of an incident ("Kabul"), for event-slot claims
    figure: tuple[int, int] | None = None  # where the figure itself is written, inside the span
    places: tuple[str, ...] = ()  # the places below a country the document names most, casefolded

    @property
    def stance(self) -> bool:
        """True when the source holds the proposition's positive form, False when it rejects it."""
        return self.polarity != (self.modality in ("denied", "unconfirmed"))

    @property
    def source_key(self) -> str:
        """Who the source is, for counting independent sources: a speaker, else the outlet."""
        if self.source_kind == "outlet":
            return f"outlet:{(self.outlet or self.source).casefold()}"
        return self.source_id or self.source.casefold()

    def to_json(self) -> dict[str, Any]:
        return {"predicate": self.predicate, "subject_id": self.subject_id, "subject": self.subject,
                "object_id": self.object_id, "object": self.object, "polarity": self.polarity,
                "modality": self.modality, "source": self.source, "source_id": self.source_id,
                "source_kind": self.source_kind, "doc": self.doc_id, "outlet": self.outlet, "date": self.date,
                "text": self.text, "start": self.span.start, "end": self.span.end, "method": self.span.method,
                "basis": self.basis,
                "value": self.value, "value_max": self.value_max, "via": list(self.via), "bound": self.bound,
                "place": self.place}


def make_context(docs: Iterable[Document]) -> ClaimContext:
    """Gazetteer links between the entities the documents mention (affiliates, spokesmen)."""
    from dossier.graph.relations import _shipped_actors

    actors = _shipped_actors()
    by_key: dict[str, Party] = {}
    ids: dict[str, str] = {}
    docs_seen = list(docs)
    for doc in docs_seen:
        for ref in doc.entities:
            if ref.entity_id:
                ids.setdefault(ref.name, ref.entity_id)
            for m in ref.mentions:
                if m.gazetteer and ref.entity_id:
                    by_key.setdefault(m.gazetteer, Party(ref.entity_id, ref.name, ref.label))
    parents: dict[str, Party] = {}
    members: dict[str, frozenset[str]] = {}
    for doc in docs_seen:
        for ref in doc.entities:
            country = lx.CAPITALS.get(ref.name.casefold())
            if ref.label == "GPE" and ref.entity_id and country in ids and ids[country] != ref.entity_id:
                parents[ref.entity_id] = Party(ids[country], country, "GPE")
    for key, party in by_key.items():
        actor = actors.get(key)
        if actor is None:
            continue
        if actor.affiliate_of and actor.affiliate_of in by_key and actor.type != "PERSON":
            parents[party.id] = by_key[actor.affiliate_of]
        if actor.parent and actor.parent in by_key and actor.type == "PERSON":
            members[party.id] = frozenset({by_key[actor.parent].id})
    return ClaimContext(parents=parents, members=members, ids=ids)


def _modality(index: DocIndex, start: int, end: int, clause_start: int, positive: bool,
              attribution: Attribution) -> tuple[bool, str]:
    """(polarity, modality) from the cues around a trigger at text[start:end]."""
    before = index.doc.text[max(clause_start, start - 100):start]
    near = before[-60:]
    polarity = positive
    if lx.FAILED.search(before):
        return not positive, "certain"
    if lx.NEGATORS.search(near):
        polarity = not polarity
    if attribution.denial or lx.DENIALS.search(before):
        return polarity, "denied"
    if lx.NOT_YET.match(index.doc.text, end):
        return polarity, "planned"
    if lx.PLANNED.search(near):  # a promise to keep a relation says the relation exists
        return polarity, "likely" if positive and lx.KEEP.search(near) else "planned"
    if lx.HEDGES.search(near):
        return polarity, "likely"
    return polarity, "certain"


def _lexical(index: DocIndex, context: ClaimContext) -> list[Claim]:
    claims: list[Claim] = []
    text = index.doc.text
    for s_start, s_end in index.sentences:
        sentence = text[s_start:s_end]
        for family in lx.FAMILIES:
            negatives = [(m, False) for m in family.negative.finditer(sentence)]
            positives = [(m, True) for m in family.positive.finditer(sentence)
                         if not any(n.start() < m.end() and m.start() < n.end() for n, _ in negatives)]
            for match, positive in sorted(negatives + positives, key=lambda p: p[0].start()):
                start, end = s_start + match.start(), s_start + match.end()
                attribution = index.attribute(start, s_start, s_end)
                parties = index.parties(start, end, s_start, s_end, attribution)
                if parties is None:
                    continue
                a, b = (_roll_up(p, context) for p in parties)
                if a.id == b.id:
                    continue
                clause_start = max(s_start, text.rfind(";", s_start, start) + 1,
                                   attribution.quote_start if attribution.quote_start is not None else s_start)
                polarity, modality = _modality(index, start, end, clause_start, positive, attribution)
                claims.append(_claim(index, family.key, a, b, polarity, modality, attribution, s_start, s_end,
                                     f"lexicon:{family.key}", via=tuple(p.via for p in (a, b) if p.via)))
    return claims


def _roll_up(party: Party, context: ClaimContext) -> Party:
    parent = context.parents.get(party.id)
    if parent is None:
        return party
    return Party(parent.id, parent.name, parent.label, via=party.name)


def _claim(index: DocIndex, predicate: str, a: Party, b: Party | None, polarity: bool, modality: str,
           attribution: Attribution, start: int, end: int, rule: str, *, date: str | None = None,
           via: tuple[str, ...] = (), value: float | None = None, value_max: float | None = None) -> Claim:
    doc = index.doc
    start, end = index.trim(start, end)
    return Claim(predicate, a.id, a.name, b.id if b else None, b.name if b else None, polarity, modality,
                 attribution.source, attribution.source_id, attribution.kind, doc.id, index.outlet,
                 doc.published if date is None else date,
                 Span(doc.id, start, end, index.sentence_of(start), f"{METHOD}:{rule}"),
                 rule.split(":")[0] if attribution.kind == "outlet" else attribution.basis, doc.text[start:end],
                 value=value, value_max=value_max, published=doc.published, via=via)


def _report_denials(index: DocIndex, claims: list[Claim], context: ClaimContext) -> list[Claim]:
    """A denial of "this report"/"the findings" disputes the document's contested claims about the denier."""
    out: list[Claim] = []
    text = index.doc.text
    for s_start, s_end in index.sentences:
        match = lx.REPORT_DENIAL.search(text, s_start, s_end)
        if match is None:
            continue
        denier = index.denier(match.start(), match.end(), s_start, s_end)
        if denier is None:
            continue
        sides = {denier.source_id} | set(context.members.get(denier.source_id or "", frozenset()))
        for target in claims:
            if (target.predicate not in _CONTESTED or not target.stance or target.source_key == denier.source_id
                    or not sides & {target.subject_id, target.object_id}):
                continue
            span_start, span_end = index.trim(s_start, s_end)
            out.append(replace(target, polarity=True, modality="denied", source=denier.source,
                               source_id=denier.source_id, source_kind=denier.kind, date=index.doc.published,
                               span=Span(index.doc.id, span_start, span_end, index.sentence_of(span_start),
                                         f"{METHOD}:report-denial"), basis="report-denial",
                               text=text[span_start:span_end]))
    return out


def _events(index: DocIndex, claims: list[Claim], context: ClaimContext) -> list[Claim]:
    from dossier.graph import find_relations

    modality_of = {"asserted": (True, "certain"), "reported": (True, "certain"), "negated": (False, "certain"),
                   "planned": (True, "planned")}
    out: list[Claim] = []
    for rel in find_relations(index.doc):
        if not rel.evidence.startswith("event:") or rel.type not in lx.RELATION_PHRASES or rel.target_id is None:
            continue
        reading = modality_of.get(rel.attributes.get("modality", "asserted"))
        if reading is None:
            continue
        a = _roll_up(Party(rel.source_id, rel.source, ""), context)
        b = _roll_up(Party(rel.target_id, rel.target, ""), context)
        pair = {a.id, b.id}
        if any({c.subject_id, c.object_id} == pair and c.span.start <= rel.span.start < c.span.end for c in claims):
            continue  # the lexicon already read this sentence
        s_start, s_end = index.sentence_bounds(rel.span.start)
        attribution = index.attribute(rel.span.start, s_start, s_end)
        date = rel.date if rel.date_basis == "event" else None
        out.append(_claim(index, rel.type, a, b, reading[0], reading[1], attribution, s_start, s_end,
                          f"event:{rel.attributes.get('event_type', rel.type)}", date=date or "",  # "": undated
                          via=tuple(p.via for p in (a, b) if p.via)))
    return [replace(c, date=c.date or None) for c in out]


def extract_claims(doc: Document, *, context: ClaimContext | None = None) -> list[Claim]:
    """Every claim the document makes or reports, in text order.

    Args:
        doc: a document after the extract stage (entities with cross-document ids, quotes, times).
        context: gazetteer links between entities; built from ``doc`` alone when None.

    Returns:
        Claims with their source, modality and span (``doc.text[span.start:span.end]`` is the sentence).
    """
    context = context or make_context([doc])
    index = DocIndex(doc, context.ids)
    claims = _lexical(index, context)
    claims += troop_claims(index, make_claim=_claim)
    claims += slot_claims(index, make_claim=_claim)
    claims += _report_denials(index, claims, context)
    claims += _events(index, claims, context)
    return sorted(_dedupe(claims), key=lambda c: (c.span.start, c.predicate, c.subject_id, c.object_id or ""))


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """One claim per source, proposition, stance, value and sentence."""
    seen: set[tuple[Any, ...]] = set()
    kept: list[Claim] = []
    for c in claims:
        key = (c.predicate, frozenset({c.subject_id, c.object_id}), c.stance, c.modality == "planned",
               c.source_key, c.span.start, c.value, c.value_max, c.date if c.value is not None else None)
        if key not in seen:
            seen.add(key)
            kept.append(c)
    return kept

