"""POST alerts to the webhooks their rules name: one request per webhook per pass, never retried.

A pass's alerts go to each webhook in a single JSON body (``{"alerts": [...]}``, each alert as
:meth:`Alert.to_json` gives it), so a busy pass is one request, not a storm. A failure (refused
connection, timeout, a non-2xx answer) is reported as a :class:`Delivery` and never raised: the
next pass posts its own alerts, and the alerts stay in the store for ``dossier alerts``.

>>> deliveries = deliver(alerts, rules, timeout=5.0)  # doctest: +SKIP
>>> [d.error for d in deliveries if not d.ok]  # doctest: +SKIP
[]
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from dossier.alerts.evaluate import Alert
from dossier.alerts.rules import Rule

__all__ = ["Delivery", "deliver", "post_alerts"]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 10.0


@dataclass(frozen=True, slots=True)
class Delivery:
    """What became of one POST: ``ok`` with the HTTP status, or the error in one line."""

    url: str
    alerts: int
    ok: bool
    status: int | None = None
    error: str | None = None


def post_alerts(url: str, alerts: Sequence[Alert], *, timeout: float = DEFAULT_TIMEOUT,
                transport: httpx.BaseTransport | None = None) -> Delivery:
    """POST ``alerts`` to ``url`` as ``{"alerts": [...]}`` once (no retry, no redirect followed).

    Args:
        timeout: seconds for connecting, sending and reading each.
        transport: an httpx transport (tests; default the network).
    """
    body = {"alerts": [a.to_json() for a in alerts]}
    headers = {"User-Agent": "Dossier alerts (+https://github.com/dossier)"}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport) as client:
            response = client.post(url, json=body, headers=headers)
    except (httpx.HTTPError, httpx.InvalidURL) as exc:
        reason = str(exc) or type(exc).__name__
        log.debug("webhook %s failed: %s", url, reason)
        return Delivery(url, len(alerts), False, None, f"Webhook {url} failed: {reason}")
    if not response.is_success:
        return Delivery(url, len(alerts), False, response.status_code,
                        f"Webhook {url} answered HTTP {response.status_code}; check the URL and that it accepts "
                        f"JSON POSTs.")
    return Delivery(url, len(alerts), True, response.status_code)


def deliver(alerts: Sequence[Alert], rules: Sequence[Rule], *, timeout: float = DEFAULT_TIMEOUT,
            transport: httpx.BaseTransport | None = None) -> list[Delivery]:
    """Post to each rule's webhook the alerts that rule matched (``alert.rules``): one POST per
    webhook URL, however many rules name it; URLs with no alert are not called."""
    by_url: dict[str, dict[str, Alert]] = {}
    for rule in rules:
        if rule.webhook:
            mine = by_url.setdefault(rule.webhook, {})
            for alert in alerts:
                if rule.id in alert.rules:
                    mine.setdefault(alert.id, alert)
    return [post_alerts(url, list(found.values()), timeout=timeout, transport=transport)
            for url, found in by_url.items() if found]
