"""One store grown report by report from the multi-report fixtures, with a snapshot after each step.

``tests/fixtures/claims_story/`` holds reports we wrote about real events: the Kramatorsk station
strike (a toll of 30, then 50, then 52 over three days), the al-Ahli hospital blast (471 killed
vs "between 100 and 300" the same day) and Soledar (a capture claimed). Each is ingested alone,
through the real pipeline, and the store is snapshotted after it, as a collect pass would.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from dossier.alerts import Snapshot, take_snapshot
from dossier.backends import open_store
from dossier.pipeline import ingest

STORY = Path(__file__).resolve().parents[1] / "fixtures" / "claims_story"
NOW = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Story:
    """``snaps[0]`` is the empty store, ``snaps[n]`` the store after report ``0n``; ``doc["02"]`` its id."""

    snaps: list[Snapshot]
    doc: dict[str, str]
    text: dict[str, str]  # document id → cleaned text


@pytest.fixture(scope="session")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    store = open_store(str(tmp_path_factory.mktemp("alerts") / "story.db"), create=True)
    try:
        snaps = [take_snapshot(store, now=NOW)]
        doc: dict[str, str] = {}
        for path in sorted(STORY.glob("0[1-6]_*.txt")):
            report = ingest([str(path)], store=store, workers=1)
            assert len(report.added) == 1, report
            doc[path.name[:2]] = report.added[0]
            snaps.append(take_snapshot(store, detail=report.added, now=NOW))
        text = {doc_id: store.get_document(doc_id).text for doc_id in doc.values()}
    finally:
        store.close()
    return Story(snaps, doc, text)


@pytest.fixture
def hook() -> Iterator[tuple[str, list[dict[str, object]]]]:
    """A webhook receiver on 127.0.0.1: its URL and the JSON bodies POSTed to it, in order."""
    received: list[dict[str, object]] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()
