"""Alerts: what changed in the store between two moments, told to the analyst who asked for it.

Take a :class:`Snapshot` before and after a pass, :func:`evaluate` them against the analyst's
rules, then keep the alerts, render them as an Atom feed and POST them to webhooks::

    from dossier.alerts import atom_feed, deliver, evaluate, make_rule, take_snapshot

    rules = [make_rule(entity="Wagner Group", kinds="dispute,changed")]
    before = take_snapshot(store)
    report = ingest(paths, store=store)
    alerts = evaluate(before, take_snapshot(store, detail=report.added), rules, new_docs=report.added)
    feed = atom_feed(alerts, base_url="http://localhost:8000")
    deliveries = deliver(alerts, rules)
"""

from __future__ import annotations

from dossier.alerts.atom import atom_feed
from dossier.alerts.evaluate import Alert, AlertSpan, evaluate, select
from dossier.alerts.rules import KINDS, Rule, make_rule, resolve_entity
from dossier.alerts.snapshot import Snapshot, take_snapshot
from dossier.alerts.webhook import Delivery, deliver, post_alerts

__all__ = ["Alert", "AlertSpan", "Delivery", "KINDS", "Rule", "Snapshot", "atom_feed", "deliver", "evaluate",
           "make_rule", "post_alerts", "resolve_entity", "select", "take_snapshot"]
