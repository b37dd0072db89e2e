"""Alerts kept in a store, pass after pass: what an ingest or a collect pass calls when it has stored documents.

The store keeps the snapshot the last pass ended with. :func:`begin` makes sure there is one (the
first pass on a store takes it before anything is written); :func:`finish`, after the pass,
compares the store with it, keeps every alert it finds (``store.add_alerts``: one row per alert
id, the first copy kept), saves the new snapshot and posts to the rules' webhooks the alerts that
are new and that a rule matches::

    begin(store)
    report = ingest(paths, store=store, alerts=False)
    outcome = finish(store, added=report.added)
    outcome.new  # the alerts this pass found that no pass found before

Documents a pass stored but did not evaluate (an interrupted pass, several ingests at once) are
in no snapshot yet, so the next pass that finishes evaluates them too. An idle pass (nothing
stored) should not call :func:`finish`: nothing is read then.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

import httpx

from dossier.alerts.evaluate import Alert, evaluate, select
from dossier.alerts.rules import Rule
from dossier.alerts.snapshot import DocState, Snapshot, take_snapshot
from dossier.alerts.webhook import Delivery, deliver
from dossier.store.base import Store

__all__ = ["BASELINE", "PassAlerts", "SNAPSHOT", "begin", "finish", "forget", "matching", "stored_rules"]

log = logging.getLogger(__name__)

SNAPSHOT = "snapshot"  # the alert_state key of the last pass's snapshot
BASELINE = "baseline"  # set while the first pass on an empty store runs: what it stores is the baseline
BASELINE_KINDS = frozenset({"changed", "dispute"})  # what the baseline pass still alerts on


@dataclass(frozen=True, slots=True)
class PassAlerts:
    """What one pass's alerts came to."""

    found: list[Alert] = field(default_factory=list)  # every alert the pass raised
    new: list[Alert] = field(default_factory=list)  # of those, the ones no earlier pass stored
    matched: list[Alert] = field(default_factory=list)  # new ones some rule matches (``rules`` set)
    deliveries: list[Delivery] = field(default_factory=list)


def _saved(snapshot: Snapshot) -> dict[str, Any]:
    """The snapshot as kept, with only what a later pass compares: each claim's and event report's place
    (not its text), each figure whole (an alert cites the old one), each document's source; never the
    documents' entities or the entity names (those are read from the later snapshot)."""
    claims = {key: replace(state, claims=tuple(replace(c, text="") for c in state.claims))
              for key, state in snapshot.claims.items()}
    events = {key: replace(state, sources=tuple(replace(c, text="") for c in state.sources))
              for key, state in snapshot.events.items()}
    docs = {doc_id: DocState(d.source, d.name, d.domain) for doc_id, d in snapshot.docs.items()}
    return replace(snapshot, claims=claims, events=events, docs=docs, entities={}).to_json()


def begin(store: Store, *, now: datetime | None = None) -> None:
    """Save the store's snapshot for the next :func:`finish`, unless one is saved already (cheap then).

    On a store with no documents yet, the first pass is the baseline: what it stores (an archive, a
    feed's current items) raises only the changes and disputes inside it, no ``new-event`` or
    ``new-source`` alerts — otherwise every event and outlet of the first load would be "new".
    """
    if not store.has_alert_state(SNAPSHOT):
        snapshot = take_snapshot(store, detail=(), now=now)
        if not snapshot.docs:
            store.set_alert_state(BASELINE, True)
        store.set_alert_state(SNAPSHOT, _saved(snapshot))


def forget(store: Store, *, now: datetime | None = None) -> None:
    """Save the store's snapshot as it is now (when one is kept): after documents were removed, so no later
    alert compares with or cites what is gone; after a run told not to alert, so what it stored never does."""
    if store.has_alert_state(SNAPSHOT):
        store.set_alert_state(SNAPSHOT, _saved(take_snapshot(store, detail=(), now=now)))


def stored_rules(store: Store) -> list[Rule]:
    """The rules kept in the store, validated again."""
    return [Rule.from_json(row) for row in store.alert_rules()]


def finish(store: Store, *, added: Collection[str] = (), now: datetime | None = None, webhooks: bool = True,
           transport: httpx.BaseTransport | None = None) -> PassAlerts:
    """Evaluate the documents stored since the last snapshot (and ``added``), keep the alerts, post the new
    ones rules match to their webhooks, and save the store's snapshot for the next pass.

    Args:
        added: the documents this pass added (counted as new even if another pass saw them stored).
        now: the alerts' ``created`` time (default: now, UTC).
        webhooks: post to the rules' webhooks (False: only keep the alerts).
        transport: an httpx transport for the webhooks (tests).
    """
    baseline = bool(store.alert_state(BASELINE))
    data = store.alert_state(SNAPSHOT)
    before = Snapshot.from_json(data) if data else Snapshot(taken="")
    after = take_snapshot(store, now=now)
    new_docs = (set(after.docs) - set(before.docs)) | (set(added) & set(after.docs))
    found = evaluate(before, after, new_docs=new_docs, now=now)
    if baseline:
        found = [alert for alert in found if alert.kind in BASELINE_KINDS]
        store.set_alert_state(BASELINE, False)
    # stored last first: a listing, newest first, then shows the pass's alerts in evaluate()'s order
    fresh = set(store.add_alerts(alert.to_json() for alert in reversed(found)))
    store.set_alert_state(SNAPSHOT, _saved(after))
    new = [alert for alert in found if alert.id in fresh]
    rules = stored_rules(store) if new else []
    matched = select(new, rules, entities=after.entities) if rules else []
    deliveries = deliver(matched, rules, transport=transport) if webhooks and matched else []
    for delivery in deliveries:
        if not delivery.ok:
            log.warning("%s", delivery.error)
    return PassAlerts(found, new, matched, deliveries)


def matching(alerts: Sequence[Alert], rules: Sequence[Rule], store: Store) -> list[Alert]:
    """The ``alerts`` some rule matches (each listing those rules), entity names read from the store now."""
    if not rules:
        return []
    entities = {e.id: (e.name, *(a for a in e.aliases if a != e.name)) for e in store.list_entities()}
    return select(alerts, rules, entities=entities)
