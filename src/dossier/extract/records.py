"""What the extract stage finds in a document. Every item holds a :class:`Span`.

``to_json`` gives the contract's shape (see CONTRACT.md, "The document record") plus
provenance fields the contract allows us to add (``sentence``, ``method``).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from typing import Any

from dossier.records import Span

__all__ = ["EntityRef", "Event", "Mention", "Place", "Quantity", "Quote", "TimeExpr", "contract_date"]


def contract_date(value: str | None) -> str | None:
    """A resolved date in the contract's form: "YYYY-MM-DD" or a "start/end" range of days.

    Month and year values ("2020-02", "2014") become the range of days they cover, so the
    contract's readers always get full dates; the precision is reported beside it.
    """
    if not value or "/" in value or len(value) == 10:
        return value
    if len(value) == 7:  # YYYY-MM
        year, month = int(value[:4]), int(value[5:7])
        last = calendar.monthrange(year, month)[1]
        return f"{value}-01/{value}-{last:02d}"
    if len(value) == 4 and value.isdigit():
        return f"{value}-01-01/{value}-12-31"
    return value


def _span_json(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "sentence": span.sentence, "method": span.method}


def _where(span: Span | None) -> dict[str, int] | None:
    return None if span is None else {"start": span.start, "end": span.end}


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of a named entity in the cleaned text.

    ``label`` is an OntoNotes-style type (PERSON, ORG, GPE, NORP, LOC, FAC, EVENT, LAW…).
    ``name`` is the best in-document name for it (the longest coreferent mention or the
    gazetteer's canonical name); ``role`` a title or office seen with it ("Afghan Foreign
    Minister"); ``entity_id`` is filled by the resolve stage (cross-document).
    """

    text: str
    label: str
    span: Span
    name: str
    role: str | None = None
    entity_id: str | None = None
    gazetteer: str | None = None  # key of the gazetteer entry that matched, if any

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, **_span_json(self.span), "label": self.label, "name": self.name,
                "role": self.role}


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A document-level entity: its mentions grouped (what the contract's ``entities`` lists)."""

    name: str
    label: str
    mentions: tuple[Mention, ...]
    roles: tuple[str, ...] = ()
    entity_id: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.entity_id, "name": self.name, "type": self.label, "roles": list(self.roles),
                "mentions": [{"text": m.text, "start": m.span.start, "end": m.span.end} for m in self.mentions]}


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation or a piece of reported speech, with its speaker when found."""

    text: str
    span: Span
    direct: bool
    speaker: str | None = None
    speaker_span: Span | None = None  # the mention the speaker was read from ("he", "Baradar")
    speaker_id: str | None = None
    cue: str | None = None
    # the named mention "he", "the group" or "the spokesman" was resolved to (provenance of ``speaker``)
    antecedent_span: Span | None = None
    anonymous: bool = False  # an unnamed source kept as its description ("a senior official")

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, **_span_json(self.span), "direct": self.direct, "speaker": self.speaker,
                "speaker_id": self.speaker_id, "speaker_span": _where(self.speaker_span), "cue": self.cue,
                "antecedent_span": _where(self.antecedent_span), "anonymous": self.anonymous}


@dataclass(frozen=True, slots=True)
class TimeExpr:
    """A time expression resolved against the publication date.

    ``value`` is an ISO date ("2013-09-23"), month ("2013-09"), year ("2014") or a range
    "start/end" of ISO dates; None when it cannot be resolved. ``precision`` is one of
    day, week, month, quarter, year, decade, range, or "duration" for a length of time
    with no date (ACLED-style: a timeline never shows
    "earlier this month" as an exact day).
    """

    text: str
    span: Span
    value: str | None
    precision: str | None
    anchor: str | None = None  # the date it was resolved against

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, **_span_json(self.span), "value": self.value, "precision": self.precision}


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with what it counts: "400 to 600 operatives", "$132 billion", "dozens"."""

    value: float | None
    unit: str
    text: str
    span: Span
    value_max: float | None = None
    qualifier: str = "exact"  # exact | approx | lower | upper | range | vague
    counts: str | None = None  # the noun phrase counted, e.g. "al-Qaeda operatives"

    def to_json(self) -> dict[str, Any]:
        return {"value": self.value, "value_max": self.value_max, "unit": self.unit, "text": self.text,
                **_span_json(self.span), "qualifier": self.qualifier, "counts": self.counts}


@dataclass(frozen=True, slots=True)
class Place:
    """A place mention resolved to a gazetteer entry with coordinates and precision."""

    text: str
    span: Span
    name: str
    precision: str  # country | province | district | city | region
    country: str | None = None  # ISO 3166-1 alpha-2
    lat: float | None = None
    lon: float | None = None
    key: str | None = None  # gazetteer id (e.g. "geonames:1138958")

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, **_span_json(self.span), "name": self.name, "precision": self.precision,
                "country": self.country, "lat": self.lat, "lon": self.lon, "key": self.key}


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, where and when, typed with PLOVER (2021).

    ``modality`` says whether it happened: asserted, planned, demanded, negated,
    hypothetical, or reported (asserted by someone quoted). ``confidence`` says how much
    of it was found (``extract.events.CONFIDENCE``): 1.0 with a named actor or target,
    lower for a cue whose participants are unnamed ("a bomb exploded").
    """

    type: str
    action: str
    span: Span
    mode: str | None = None
    actor: str | None = None
    actor_span: Span | None = None
    actor_id: str | None = None
    target: str | None = None
    target_span: Span | None = None
    target_id: str | None = None
    place: Place | None = None
    time: TimeExpr | None = None
    quantities: dict[str, float] = field(default_factory=dict)
    modality: str = "asserted"
    confidence: float = 1.0
    more_actors: tuple[str, ...] = ()  # conjoined parties beyond the first: "the Taliban *and Russia*"
    more_targets: tuple[str, ...] = ()
    #: how ``time`` was found: "clause" (a date the event's clause governs: "attacked *on Monday*"),
    #: "outer-clause" (the date of a clause it is embedded in, never a reporting verb's); None without one
    date_basis: str | None = None
    #: the named mention a pronoun or description party was resolved to ("*the Houthis* … they
    #: fired"): ``actor_span`` stays the local words ("they"), this is the name they stand for
    actor_antecedent: Span | None = None
    target_antecedent: Span | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "type": self.type, "mode": self.mode, "action": self.action,
            "actor": self.actor, "actor_id": self.actor_id, "target": self.target, "target_id": self.target_id,
            "place": self.place.name if self.place else None,
            "place_detail": self.place.to_json() if self.place else None,
            "date": contract_date(self.time.value) if self.time else None,
            "date_value": self.time.value if self.time else None,
            "date_text": self.time.text if self.time else None,
            "date_precision": self.time.precision if self.time else None,
            "date_basis": self.date_basis if self.time else None,
            "quantities": dict(self.quantities), "modality": self.modality,
            "confidence": self.confidence, "more_actors": list(self.more_actors),
            "more_targets": list(self.more_targets), **_span_json(self.span),
            "actor_span": _where(self.actor_span), "actor_antecedent": _where(self.actor_antecedent),
            "target_span": _where(self.target_span), "target_antecedent": _where(self.target_antecedent),
        }
