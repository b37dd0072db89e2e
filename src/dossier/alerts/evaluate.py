"""What changed between two snapshots, as alerts: new disputes, changed figures, new events, new sources.

:func:`evaluate` is pure: two :class:`~dossier.alerts.snapshot.Snapshot` values in, alerts out.

* ``dispute`` — a claim cluster that is disputed now and was not before (both sides cited);
* ``changed`` — a figure that moved (a toll 30 → 52: the report that gave the old figure and the
  one that gives the new one are cited, each at the figure's characters), or a person's state
  that changed (pleaded not guilty → found guilty);
* ``new-event`` — a timeline event no report told before, naming an actor, a target or a place
  (a bare "the strike" is left out), of a kind that happens rather than is said: accusations,
  denials, demands and statements of support (:data:`SAID_TYPES`) come with every report and
  reach the analyst as disputes instead;
* ``new-source`` — an outlet (or, for pages without one, a web domain) never seen before.

No alert storms: a pass gives at most one alert per claim cluster, event or source, and
``count`` says how many of the pass's new documents stand behind it. An alert's ``id`` hashes
its kind, key and the state it reports, so evaluating the same change again gives the same id
(a store keeps one row per id) and a change with nothing new gives no alert at all. Only changes
a new document takes part in are reported (a figure a merge of entities moved is not news).
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlencode

from dossier.alerts.rules import KINDS, Rule, resolve_entity
from dossier.alerts.snapshot import Cite, ClaimState, EventState, Snapshot
from dossier.derived.codec import from_data, to_data

__all__ = ["Alert", "AlertSpan", "evaluate", "select"]

_SPANS_PER_SIDE = 4  # a dispute cites at most this many sentences per side (new reports first)
_SPANS_PER_EVENT = 5


@dataclass(frozen=True, slots=True)
class AlertSpan:
    """Characters of a document behind an alert: ``text`` is ``doc.text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str = ""


@dataclass(frozen=True, slots=True)
class Alert:
    """One thing that changed, with the documents and characters that show it."""

    id: str  # alr_… : a hash of kind, key and state (the same change always has the same id)
    kind: str  # dispute | changed | new-event | new-source
    key: str  # what changed: a claim cluster id, an event key, a source key
    created: str  # ISO 8601, UTC
    message: str
    docs: tuple[str, ...]
    spans: tuple[AlertSpan, ...] = ()
    claim: str | None = None
    event: str | None = None
    count: int = 1  # the pass's new documents behind it
    rules: tuple[str, ...] = ()  # ids of the rules it matched
    link: str = "/"  # the web page that shows it (path and query)
    entities: tuple[str, ...] = ()  # resolved entity ids it concerns
    names: tuple[str, ...] = ()  # places and parties it names, casefolded (what a rule's name may match)

    def to_json(self) -> dict[str, Any]:
        """The contract's alert (``id``, ``kind``, ``created``, ``message``, ``docs``, ``claim`` or
        ``event``) plus spans, count, rules, link and entities."""
        data: dict[str, Any] = {"id": self.id, "kind": self.kind, "created": self.created, "message": self.message,
                                "docs": list(self.docs)}
        if self.claim:
            data["claim"] = self.claim
        if self.event:
            data["event"] = self.event
        data.update({"spans": [to_data(s) for s in self.spans], "count": self.count, "rules": list(self.rules),
                     "link": self.link, "key": self.key, "entities": list(self.entities),
                     "names": list(self.names)})
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Alert:
        return from_data(cls, dict(data))


def evaluate(before: Snapshot, after: Snapshot, rules: Sequence[Rule] = (), *,
             new_docs: Collection[str] | None = None, now: datetime | None = None) -> list[Alert]:
    """The alerts ``after`` raises over ``before``, kept to those ``rules`` match (all when no rules).

    Args:
        before, after: snapshots of one store before and after a pass (:func:`take_snapshot`).
        rules: alert rules; an alert is kept when one matches, and lists the ids of all that do.
        new_docs: the documents the pass added; None means those in ``after`` but not ``before``.
        now: the alerts' ``created`` time (default: now, UTC).

    Returns:
        Alerts in a stable order: kind (dispute, changed, new-event, new-source), then key.
    """
    new = set(after.docs) - set(before.docs) if new_docs is None else set(new_docs)
    created = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    found: list[Alert] = []
    if new:
        found += _claim_alerts(before, after, new, created)
        found += _event_alerts(before, after, new, created)
        found += _source_alerts(before, after, new, created)
    kept = select(found, rules, entities=after.entities) if rules else found
    return sorted(kept, key=lambda a: (KINDS.index(a.kind), a.key))


def select(alerts: Iterable[Alert], rules: Sequence[Rule], *,
           entities: Mapping[str, Sequence[str]]) -> list[Alert]:
    """The alerts some rule matches, each listing the ids of every rule that does.

    Args:
        entities: resolved entity id → (name, *aliases), as in ``Snapshot.entities``: a rule's
            entity name is matched through them.
    """
    wanted = [(rule, resolve_entity(rule.entity, entities) if rule.entity else frozenset()) for rule in rules]
    kept = []
    for alert in alerts:
        matched = tuple(rule.id for rule, ids in wanted if _matches(rule, ids, alert))
        if matched:
            kept.append(replace(alert, rules=matched))
    return kept


def _matches(rule: Rule, ids: frozenset[str], alert: Alert) -> bool:
    if alert.kind not in rule.kinds:
        return False
    if rule.story and rule.story not in (alert.claim, alert.event):
        return False
    if rule.entity:
        folded = rule.entity.casefold()
        if not (ids & set(alert.entities) or folded in alert.names):
            return False
    return True


def _alert_id(kind: str, key: str, state: str) -> str:
    return "alr_" + hashlib.sha1(f"{kind}\x1f{key}\x1f{state}".encode()).hexdigest()[:16]


def _spans(cites: Iterable[Cite]) -> tuple[AlertSpan, ...]:
    """The cited characters, each once, in the order given."""
    return tuple(dict.fromkeys(AlertSpan(c.doc, c.start, c.end, c.text) for c in cites))


def _docs(cites: Iterable[Cite]) -> tuple[str, ...]:
    return tuple(sorted({c.doc for c in cites}))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# ---- claims ----------------------------------------------------------------------------------

def _claim_index(snapshot: Snapshot) -> dict[tuple[str, int, int], str]:
    return {(c.doc, c.start, c.end): state.id for state in snapshot.claims.values() for c in state.claims}


def _previous(state: ClaimState, before: Snapshot, index: Mapping[tuple[str, int, int], str]) -> ClaimState | None:
    """The cluster ``state`` was before: the same id, else the one most of its claims were in (an
    incident's id may move when an earlier report of it arrives)."""
    if state.id in before.claims:
        return before.claims[state.id]
    votes: dict[str, int] = defaultdict(int)
    for cite in state.claims:
        old = index.get((cite.doc, cite.start, cite.end))
        if old:
            votes[old] += 1
    if not votes:
        return None
    return before.claims[max(votes, key=lambda k: (votes[k], k))]


def _claim_alerts(before: Snapshot, after: Snapshot, new: set[str], created: str) -> list[Alert]:
    index = _claim_index(before)
    found = []
    for state in after.claims.values():
        touched = new & set(state.docs)
        if not touched or state.status not in ("disputed", "changed"):
            continue
        old = _previous(state, before, index)
        alert = (_dispute(state, old, touched, created) if state.status == "disputed"
                 else _changed(state, old, touched, created))
        if alert is not None:
            found.append(alert)
    return found


def _claim_link(state: ClaimState) -> str:
    params = {"status": state.status or "", "predicate": state.predicate, "event": state.subject}
    return f"/claims?{urlencode({k: v for k, v in params.items() if v})}#{state.id}"


def _claim_alert(kind: str, state: ClaimState, spans: Sequence[Cite], docs: Sequence[str], message: str,
                 touched: set[str], created: str, alert_state: str) -> Alert:
    return Alert(id=_alert_id(kind, state.id, alert_state), kind=kind, key=state.id, created=created,
                 message=message, docs=tuple(docs), spans=_spans(spans), claim=state.id,
                 count=len(touched), link=_claim_link(state), entities=state.entities, names=state.names)


def _dispute(state: ClaimState, old: ClaimState | None, touched: set[str], created: str) -> Alert | None:
    if old is not None and old.status == "disputed":
        return None  # already disputed: more reports on either side are not a new dispute
    spans: list[Cite] = []
    for side in ("for", "against"):
        cites = sorted((c for c in state.claims if c.side == side), key=lambda c: (c.doc not in touched, c.doc,
                                                                                   c.start))
        spans += cites[:_SPANS_PER_SIDE]
    sides = {side: len({c.source or c.doc for c in state.claims if c.side == side}) for side in ("for", "against")}
    message = f"Disputed: {state.proposition} ({_plural(sides['for'], 'source')} for, {sides['against']} against)"
    return _claim_alert("dispute", state, spans, state.docs, message, touched, created,
                        ",".join(state.docs))


def _fmt(cite: Cite) -> str:
    def one(v: float) -> str:
        return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"
    value = cite.value or 0.0
    return f"{one(value)}–{one(cite.value_max)}" if cite.value_max else one(value)


def _changed(state: ClaimState, old: ClaimState | None, touched: set[str], created: str) -> Alert | None:
    now = state.figure
    if now is None:  # a state that changed (not guilty → guilty): say so once
        if old is not None and old.status == "changed":
            return None
        cites = [c for c in state.claims if c.side] or list(state.claims)
        return _claim_alert("changed", state, cites, _docs(cites), f"Changed: {state.proposition}", touched,
                            created, ",".join(state.docs))
    then = old.figure if old is not None and old.figure is not None else state.figures[0]
    if (then.value, then.value_max) == (now.value, now.value_max):
        return None  # the figure did not move (another report of the same toll)
    steps = [then] + [f for f in state.figures if f.doc in touched and f != now and f.doc != then.doc] + [now]
    message = f"{_label(state)} {_fmt(then)} → {_fmt(now)} ({_plural(len(_docs(steps)), 'report')})"
    return _claim_alert("changed", state, steps, _docs(steps), message, touched, created,
                        f"{_fmt(then)}>{_fmt(now)}")


def _label(state: ClaimState) -> str:
    """What a figure counts: "strike in Kramatorsk: killed", "US troops in Afghanistan"."""
    if state.predicate == "troops":
        return f"{state.subject} troops in {state.object}" if state.object else f"{state.subject} troops"
    obj = state.object or ""
    what = state.predicate if obj in ("", "people") else f"{obj} {state.predicate}"
    return f"{state.subject}: {what}"


# ---- events and sources ----------------------------------------------------------------------

#: PLOVER types that are things said, not done: a report of one is no new event to alert on
SAID_TYPES = frozenset({"ACCUSE", "REJECT", "DEMAND", "SUPPORT"})


def _event_alerts(before: Snapshot, after: Snapshot, new: set[str], created: str) -> list[Alert]:
    told = {(c.doc, c.start) for state in before.events.values() for c in state.sources}
    found = []
    for key, state in after.events.items():
        touched = new & set(state.docs)
        if not touched or any((c.doc, c.start) in told for c in state.sources):
            continue  # no new report, or a report told before (the event grew, it is not new)
        if not state.names or state.type in SAID_TYPES:
            continue  # "the strike", "heavy fighting": nothing to tell; "X denied…": said, not done
        spans = sorted(set(state.sources), key=lambda c: (c.doc not in touched, c.doc, c.start))[:_SPANS_PER_EVENT]
        found.append(Alert(id=_alert_id("new-event", key, ",".join(f"{c.doc}:{c.start}" for c in state.sources)),
                           kind="new-event", key=key, created=created, message=_event_message(state),
                           docs=state.docs, spans=_spans(spans), event=state.id,
                           count=len(touched), link=_event_link(state), entities=state.entities,
                           names=state.names))
    return found


def _event_message(state: EventState) -> str:
    parts = [f"New event: {state.action or state.type.lower()}"]
    if state.actor:
        parts.append(f"by {state.actor}")
    if state.target:
        parts.append(f"against {state.target}")
    if state.place:
        parts.append(f"in {state.place}")
    text = " ".join(parts)
    if state.date:
        text += f", {state.date}"
    return f"{text} ({state.type}, {_plural(len(state.docs), 'report')})"


def _event_link(state: EventState) -> str:
    day = (state.date or "")[:10]
    params = {"start": day, "end": day} if len(day) == 10 else {}
    return (f"/timeline?{urlencode(params)}" if params else "/timeline") + f"#{state.id}"


def _source_alerts(before: Snapshot, after: Snapshot, new: set[str], created: str) -> list[Alert]:
    known = set(before.sources())
    fresh: dict[str, list[str]] = defaultdict(list)
    for doc_id in sorted(new):
        doc = after.docs.get(doc_id)
        if doc is not None and doc.source and doc.source not in known:
            fresh[doc.source].append(doc_id)
    found = []
    for key, docs in sorted(fresh.items()):
        first = after.docs[docs[0]]
        name = first.name or key
        shown = f"{name} ({first.domain})" if first.domain and first.domain != name else name
        entities = tuple(sorted({e for d in docs for e in after.docs[d].entities}))
        found.append(Alert(id=_alert_id("new-source", key, ""), kind="new-source", key=key, created=created,
                           message=f"New source: {shown}, {_plural(len(docs), 'report')}", docs=tuple(docs),
                           count=len(docs), link=f"/doc/{docs[0]}", entities=entities,
                           names=(name.casefold(),)))
    return found
