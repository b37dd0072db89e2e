"""Webhook delivery against servers the tests start on 127.0.0.1: one POST per webhook, failures reported."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dossier.alerts import Alert, deliver, make_rule, post_alerts


class _Hook(BaseHTTPRequestHandler):
    received: list[dict[str, object]] = []

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.path == "/slow":
            time.sleep(1.5)
        type(self).received.append({"path": self.path, "type": self.headers["Content-Type"],
                                    "body": json.loads(body)})
        status = 500 if self.path == "/broken" else 204
        self.send_response(status)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def hook() -> Iterator[tuple[str, list[dict[str, object]]]]:
    received: list[dict[str, object]] = []
    handler = type("Hook", (_Hook,), {"received": received})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received
    finally:
        server.shutdown()
        server.server_close()


def _alert(n: int, rules: tuple[str, ...] = ()) -> Alert:
    return Alert(id=f"alr_{n:016x}", kind="changed", key=f"clm_{n}", created="2026-03-01T12:00:00+00:00",
                 message=f"toll {n}", docs=("d1",), claim=f"clm_{n}", rules=rules)


def test_post_alerts_sends_one_json_body(hook: tuple[str, list[dict[str, object]]]) -> None:
    url, received = hook
    delivery = post_alerts(f"{url}/in", [_alert(1), _alert(2)], timeout=5)
    assert delivery.ok and delivery.status == 204 and delivery.alerts == 2 and delivery.error is None
    (request,) = received
    assert request["path"] == "/in" and request["type"] == "application/json"
    body = request["body"]
    assert isinstance(body, dict)
    assert [a["id"] for a in body["alerts"]] == [_alert(1).id, _alert(2).id]
    assert body["alerts"][0]["claim"] == "clm_1"


def test_deliver_posts_once_per_webhook_what_its_rules_matched(hook: tuple[str, list[dict[str, object]]]) -> None:
    url, received = hook
    a, b = make_rule(kinds="changed", webhook=f"{url}/a"), make_rule(kinds="dispute,changed", webhook=f"{url}/a")
    quiet = make_rule(kinds="new-source", webhook=f"{url}/quiet")
    alerts = [_alert(1, (a.id, b.id)), _alert(2, (b.id,)), _alert(3)]
    deliveries = deliver(alerts, [a, b, quiet], timeout=5)
    assert [(d.url, d.alerts, d.ok) for d in deliveries] == [(f"{url}/a", 2, True)]
    assert len(received) == 1 and received[0]["path"] == "/a"


def test_post_alerts_reports_an_error_status(hook: tuple[str, list[dict[str, object]]]) -> None:
    url, received = hook
    delivery = post_alerts(f"{url}/broken", [_alert(1)], timeout=5)
    assert not delivery.ok and delivery.status == 500
    assert delivery.error is not None and "HTTP 500" in delivery.error
    assert len(received) == 1  # no retry


def test_post_alerts_reports_a_timeout_without_raising(hook: tuple[str, list[dict[str, object]]]) -> None:
    url, _ = hook
    started = time.monotonic()
    delivery = post_alerts(f"{url}/slow", [_alert(1)], timeout=0.3)
    assert not delivery.ok and delivery.status is None and delivery.error and "/slow" in delivery.error
    assert time.monotonic() - started < 1.4


def test_post_alerts_reports_a_refused_connection() -> None:
    with socket.socket() as sock:  # a port nothing listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    delivery = post_alerts(f"http://127.0.0.1:{port}/x", [_alert(1)], timeout=2)
    assert not delivery.ok and delivery.error is not None and f"127.0.0.1:{port}" in delivery.error
