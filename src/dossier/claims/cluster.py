"""Claims about one proposition, gathered across documents, and whether sources agree.

A cluster's key is its normalised proposition: the predicate family and the two resolved
entities (an unordered pair for symmetric predicates such as "maintains ties with"); event
propositions add the month of the event. Its status:

* **disputed** — some sources hold the proposition and others reject it (a denial, a
  negation, an antonym such as "remain close" vs "break ties"), each side with a source the
  other side lacks; or figures for the same date that cannot both hold;
* **changed** — a quantity that moves over time: figures on different dates that differ
  (US troops in Afghanistan 13,000 → 8,600 → 2,500);
* **agreed** — at least two independent sources (different speakers, or different outlets
  speaking in their own voice) hold it, and none rejects it.

A cluster that is none of these (one source, or only plans) has ``status`` None; it is
kept for callers that ask for it, and left out of ``dossier claims``.

Example::

    >>> clusters = claim_clusters(store.iter_documents())
    >>> [(c.status, c.proposition) for c in clusters][:1]
    [('disputed', 'Taliban maintains ties with al-Qaeda')]
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from dossier.claims import lexicon as lx
from dossier.claims.extract import Claim, extract_claims, make_context
from dossier.claims.slots import COUNT_SLOTS, INCIDENT, STATE_SLOTS
from dossier.claims.statuses import count_status, incidents, state_status
from dossier.records import Document

__all__ = ["STATUSES", "ClaimCluster", "claim_clusters", "cluster_claims"]

STATUSES = ("agreed", "disputed", "changed")
_SYMMETRIC = frozenset({f.key for f in lx.FAMILIES if f.symmetric}) | lx.SYMMETRIC_RELATIONS
_FAMILY = {f.key: f for f in lx.FAMILIES}


@dataclass(frozen=True, slots=True)
class ClaimCluster:
    """Claims about one proposition, split into the sides that hold and reject it."""

    id: str
    proposition: str
    status: str | None
    predicate: str
    subject_id: str
    subject: str
    object_id: str | None
    object: str | None
    supporting: tuple[Claim, ...]
    disputing: tuple[Claim, ...]
    claims: tuple[Claim, ...]  # every claim in the cluster, plans included
    series: tuple[tuple[str, float, float | None], ...] = ()  # (date, value, value_max) when changed

    def to_json(self) -> dict[str, Any]:
        """The contract's claim cluster, plus the proposition's parts, dates and (for quantities) values."""
        dates = sorted(c.date for c in self.claims if c.date)
        data: dict[str, Any] = {
            "id": self.id, "proposition": self.proposition, "status": self.status,
            "supporting": [_evidence(c) for c in self.supporting],
            "disputing": [_evidence(c) for c in self.disputing],
            "predicate": self.predicate, "subject_id": self.subject_id, "subject": self.subject,
            "object_id": self.object_id, "object": self.object,
            "sources": len({c.source_key for c in (*self.supporting, *self.disputing)}),
            "documents": len({c.doc_id for c in self.claims}),
            "first_seen": dates[0] if dates else None, "last_seen": dates[-1] if dates else None,
        }
        if self.predicate == "troops" or self.predicate in _FIGURES:
            data["values"] = [{**_evidence(c), "value": c.value, "value_max": c.value_max}
                              for c in sorted(self.claims, key=_when) if c.value is not None]
            data["series"] = [{"date": d, "value": v, "value_max": m, **_point(self.supporting, d, v)}
                              for d, v, m in self.series]
            pairs = (_clashes(list(self.supporting)) if self.predicate == "troops"
                     else [(self.supporting[0], b) for b in self.disputing if self.supporting])
            data["conflicts"] = [[{**_evidence(a), "value": a.value}, {**_evidence(b), "value": b.value}]
                                 for a, b in pairs]
        return data


_FIGURES = frozenset({*COUNT_SLOTS, "magnitude"})


def _point(claims: tuple[Claim, ...], day: str, value: float) -> dict[str, Any]:
    """The report behind one step of a series: its document and the figure's offsets."""
    for claim in claims:
        if claim.value == value and (claim.published or claim.date or "").startswith(day):
            start, end = claim.figure or (claim.span.start, claim.span.end)
            return {"doc": claim.doc_id, "start": start, "end": end, "source": claim.source}
    return {}


def _evidence(claim: Claim) -> dict[str, Any]:
    return {"doc": claim.doc_id, "source": claim.source, "text": claim.text, "start": claim.span.start,
            "end": claim.span.end, "source_kind": claim.source_kind, "outlet": claim.outlet, "date": claim.date,
            "modality": claim.modality, "polarity": claim.polarity, "basis": claim.basis, "method": claim.span.method}


def _when(claim: Claim) -> tuple[str, str, int]:
    return claim.date or claim.published or "", claim.doc_id, claim.span.start


def _key(claim: Claim) -> tuple[Any, ...]:
    if claim.predicate in COUNT_SLOTS or claim.predicate == "magnitude":
        return claim.predicate, (claim.subject_id, claim.object_id)
    if claim.predicate in STATE_SLOTS:
        return claim.predicate, (claim.subject_id, None)
    pair: Any = (frozenset({claim.subject_id, claim.object_id}) if claim.predicate in _SYMMETRIC
                 else (claim.subject_id, claim.object_id))
    if claim.predicate in lx.RELATION_PHRASES:
        return claim.predicate, pair, (claim.date or "")[:7] or None
    return claim.predicate, pair


def _cluster_id(key: tuple[Any, ...]) -> str:
    parts = [key[0], *(sorted(key[1]) if isinstance(key[1], frozenset) else [str(p) for p in key[1]]),
             *(str(k) for k in key[2:])]
    return "clm_" + hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def _fmt(value: float, value_max: float | None) -> str:
    def one(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"
    return f"{one(value)}–{one(value_max)}" if value_max else one(value)


def _overlap(a: Claim, b: Claim, tolerance: float = 0.05) -> bool:
    """Whether two figures can both hold (ranges meet, or within 5% of each other)."""
    lo_a, hi_a = a.value or 0.0, a.value_max or a.value or 0.0
    lo_b, hi_b = b.value or 0.0, b.value_max or b.value or 0.0
    slack = tolerance * max(hi_a, hi_b)
    return lo_a <= hi_b + slack and lo_b <= hi_a + slack


def _series(figures: list[Claim]) -> list[tuple[str, float, float | None]]:
    """Dated figures as steps. Each month's figure is the one most of its sources give (exact before
    ranges); months whose figures stay within 5% form one step, shown with the figure most often given
    in it and the month that figure is first given."""
    by_month: dict[str, list[Claim]] = defaultdict(list)
    for claim in sorted(figures, key=_when):
        by_month[(claim.date or "")[:7]].append(claim)
    plateaus: list[tuple[Claim, list[Claim]]] = []  # (the month figure that opened it, its claims)
    for month in sorted(by_month):
        exact = [c for c in by_month[month] if not c.value_max] or by_month[month]
        counts = Counter((c.value or 0.0, c.value_max) for c in exact)
        best = max(exact, key=lambda c: (counts[(c.value or 0.0, c.value_max)], -exact.index(c)))
        if plateaus and _overlap(best, plateaus[-1][0]):
            plateaus[-1][1].extend(c for c in by_month[month] if _overlap(c, best))
        else:
            plateaus.append((best, [c for c in by_month[month] if _overlap(c, best)]))
    steps: list[tuple[str, float, float | None]] = []
    for _, claims in plateaus:
        exact = [c for c in claims if not c.value_max] or claims
        counts = Counter((c.value or 0.0, c.value_max) for c in exact)
        top = max(exact, key=lambda c: (counts[(c.value or 0.0, c.value_max)], -exact.index(c)))
        steps.append(((top.date or "")[:7], top.value or 0.0, top.value_max))
    return steps


def _clashes(figures: list[Claim]) -> list[tuple[Claim, Claim]]:
    """Pairs of figures for the same month, from different sources, that cannot both hold."""
    return [(a, b) for i, a in enumerate(figures) for b in figures[i + 1:]
            if (a.date or "")[:7] == (b.date or "")[:7] and not _overlap(a, b) and a.source_key != b.source_key]


def _quantity_status(claims: list[Claim]) -> tuple[str | None, list[Claim], list[Claim], list[Any]]:
    figures = sorted((c for c in claims if c.modality != "planned" and c.value is not None and c.date), key=_when)
    series = _series(figures)
    if len(series) >= 2:
        return "changed", figures, [], series
    clashes = _clashes(figures)
    if clashes:
        first = clashes[0][0]
        held = [c for c in figures if _overlap(c, first)]
        return "disputed", held, [c for c in figures if not _overlap(c, first)], []
    if len({c.source_key for c in figures}) >= 2:
        return "agreed", figures, [], []
    return None, figures, [], []


def _status(claims: list[Claim]) -> tuple[str | None, list[Claim], list[Claim], bool]:
    """(status, supporting, disputing, negated) for a non-quantity cluster."""
    held = [c for c in claims if c.modality != "planned" and c.stance]
    rejected = [c for c in claims if c.modality != "planned" and not c.stance]
    pro, con = {c.source_key for c in held}, {c.source_key for c in rejected}
    if held and rejected and pro - con and con - pro:
        return "disputed", held, rejected, False
    if len(pro) >= 2 and not rejected:
        return "agreed", held, [], False
    if len(con) >= 2 and not held:
        return "agreed", rejected, [], True
    return None, held, rejected, False


def _order(claims: list[Claim], prominence: Mapping[str, int]) -> tuple[tuple[str, str], tuple[str | None, str | None]]:
    """(subject, object) for the proposition: for a symmetric one, the more prominent entity first."""
    first = claims[0]
    ends = {first.subject_id: first.subject, first.object_id or "": first.object or ""}
    if first.predicate not in _SYMMETRIC:
        return (first.subject_id, first.subject), (first.object_id, first.object)
    as_subject = Counter(c.subject_id for c in claims)
    a, b = sorted(ends, key=lambda i: (-prominence.get(i, 0), -as_subject[i], ends[i].casefold()))
    return (a, ends[a]), (b, ends[b])


def _proposition(predicate: str, a: str, b: str | None, negated: bool, date: str | None) -> str:
    if predicate in _FAMILY:
        family = _FAMILY[predicate]
        return (family.negate if negated else family.affirm).format(a=a, b=b)
    if predicate in lx.RELATION_PHRASES:
        text = lx.RELATION_PHRASES[predicate][1 if negated else 0].format(a=a, b=b)
        return f"{text} ({date})" if date else text
    return f"{a} {predicate} {b}"


def cluster_claims(claims: Iterable[Claim], *, prominence: Mapping[str, int] | None = None,
                   names: Mapping[str, str] | None = None) -> list[ClaimCluster]:
    """Group claims by proposition and give each group its status.

    Args:
        claims: claims from any number of documents.
        prominence: mentions per entity id, to name the better-known party first in a symmetric proposition.
        names: the canonical name of each entity id (else the name a claim gives it).

    Returns:
        Every cluster, disputed first, then changed, agreed and the rest; within a status, most sources first.
    """
    groups: dict[tuple[Any, ...], list[Claim]] = defaultdict(list)
    for claim in claims:
        groups[_key(claim)].append(claim)
    for key in [k for k in groups if _incident_key(k)]:
        for n, members in enumerate(incidents(groups.pop(key))):
            groups[(*key, f"#{n}:{members[0].date or ''}")] = members
    for key in [k for k in groups if len(k) == 3 and k[2] is None]:  # an undated event joins its only dated twin
        twins = [k for k in groups if len(k) == 3 and k[:2] == key[:2] and k[2] is not None]
        if len(twins) == 1:
            groups[twins[0]].extend(groups.pop(key))
    clusters = [_make(key, sorted(members, key=_when), prominence or {}, names or {})
                for key, members in groups.items()]
    rank = {"disputed": 0, "changed": 1, "agreed": 2, None: 3}
    return sorted(clusters, key=lambda c: (rank[c.status], -len({x.source_key for x in c.claims}), c.proposition))


def _incident_key(key: tuple[Any, ...]) -> bool:
    """Whether a key's claims name an incident, so that reports are first split into incidents."""
    return len(key) == 2 and (key[0] in COUNT_SLOTS or key[0] in ("magnitude", "responsibility"))


def _figures(claims: list[Claim]) -> str:
    values = sorted({(c.value or 0.0, c.value_max) for c in claims if c.value is not None})
    return " vs ".join(_fmt(v, m) for v, m in values)


def _make(key: tuple[Any, ...], claims: list[Claim], prominence: Mapping[str, int],
          names: Mapping[str, str]) -> ClaimCluster:
    (a_id, a), (b_id, b) = _order(claims, prominence)
    a = names.get(a_id, a)
    b = names.get(b_id or "", b) if b is not None else None
    if a_id.startswith(INCIDENT):  # an incident: the name most reports give it
        a = Counter(c.subject for c in claims).most_common(1)[0][0]
    if (b_id or "").startswith(INCIDENT):
        b = Counter(c.object or "" for c in claims).most_common(1)[0][0]
    if (b_id or "").startswith("victims:"):
        b = Counter(c.object or "" for c in claims).most_common(1)[0][0]
        if (b_id or "").endswith(":people") and not b.endswith("s"):
            b = "people"  # "1 victim", "one man": the group, not the one word a report used
    predicate = claims[0].predicate
    series: list[Any] = []
    disputing: list[Claim]
    if len(key) == 3 and key[2] is None:  # an undated event: the same pair at any time is not one proposition
        status, supporting, disputing, negated = None, list(claims), [], False
        proposition = _proposition(predicate, a, b, False, None)
    elif predicate in COUNT_SLOTS or predicate == "magnitude":
        status, supporting, disputing, series = count_status(claims, exact=predicate == "magnitude")
        what = f"{b} {predicate}" if b else predicate
        proposition = f"{what} in the {a}" if predicate != "magnitude" else f"magnitude of the {a}"
        if status == "changed":
            proposition += ": " + " → ".join(f"{_fmt(v, m)} ({d})" for d, v, m in series)
        elif status == "disputed":
            proposition += ": " + _figures([*supporting, *disputing])
        elif supporting:
            proposition += f": {_fmt(supporting[0].value or 0.0, supporting[0].value_max)}"
        negated = False
    elif predicate in STATE_SLOTS:
        status, supporting, disputing, series, negated = state_status(claims)
        proposition = _state_phrase(predicate, a, negated, claims, status)
    elif predicate == "responsibility":
        status, supporting, disputing, negated = _status(claims)
        proposition = (f"{a} did not carry out the {b}" if negated else f"{a} responsible for the {b}")
    elif predicate == "troops":
        status, supporting, disputing, series = _quantity_status(claims)
        proposition = f"{a} troops in {b}"
        if status == "changed":
            proposition += ": " + " → ".join(f"{_fmt(v, m)} ({d})" for d, v, m in series)
        elif supporting:
            proposition += f": {_fmt(supporting[0].value or 0.0, supporting[0].value_max)}"
        negated = False
    else:
        status, supporting, disputing, negated = _status(claims)
        proposition = _proposition(predicate, a, b, negated, key[2] if len(key) == 3 else None)
    return ClaimCluster(_cluster_id(key), proposition, status, predicate, a_id, a, b_id, b,
                        tuple(supporting), tuple(disputing), tuple(claims), tuple(series))


_STATE_PHRASES = {"status-dead": ("{a} is dead", "{a} is alive"), "arrested": ("{a} was arrested",
                  "{a} was not arrested"), "charged": ("{a} was charged", "{a} was not charged"),
                  "convicted": ("{a} was convicted", "{a} was not convicted"),
                  "guilty": ("{a} is guilty", "{a} is not guilty"), "released": ("{a} was released",
                                                                                  "{a} was not released")}


def _state_phrase(predicate: str, a: str, negated: bool, claims: list[Claim], status: str | None) -> str:
    held, rejected = _STATE_PHRASES[predicate]
    charge = next((c.object for c in claims if c.object), None)
    text = (rejected if negated else held).format(a=a)
    if charge:
        text += f" ({charge})"
    if status == "changed":
        text = f"{rejected.format(a=a)} → {held.format(a=a)}"
    return text


def claim_clusters(docs: Iterable[Document], *, status: str | None = None,
                   include_unsettled: bool = False) -> list[ClaimCluster]:
    """Claims from every document, clustered: what ``dossier claims`` shows.

    Args:
        docs: extracted documents whose entity ids are cross-document ids (``store.iter_documents()``).
        status: only clusters with this status (agreed, disputed or changed).
        include_unsettled: also clusters with no status (a single source, or only plans).
    """
    documents = list(docs)
    context = make_context(documents)
    prominence: Counter[str] = Counter()
    spelled: dict[str, Counter[str]] = defaultdict(Counter)
    claims: list[Claim] = []
    for doc in documents:
        for ref in doc.entities:
            prominence[ref.entity_id or ref.name] += len(ref.mentions)
            spelled[ref.entity_id or ref.name][ref.name] += len(ref.mentions)
        claims.extend(extract_claims(doc, context=context))
    names = {key: max(counts, key=lambda n: (counts[n], len(n))) for key, counts in spelled.items()}
    clusters = cluster_claims(claims, prominence=prominence, names=names)
    if status is not None:
        return [c for c in clusters if c.status == status]
    return [c for c in clusters if include_unsettled or c.status is not None]
