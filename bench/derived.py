"""Latency of the cross-document views on a store: claims, graph, entity pages (CLI and web pages).

Times, on one existing store (e.g. bench/synth.py's 10,000 documents ingested with
``dossier ingest``), with ``--repeat`` runs each, p50/p95/max seconds of:

* ``service.claims`` (+ ``to_json`` of every cluster, what ``claims --json`` prints) and one page
  (``limit=20``), ``service.graph``, ``service.entity_page`` of the most-mentioned entity;
* the web pages ``/claims`` and ``/graph`` through FastAPI's test client;
* the ``dossier claims --json`` and ``dossier graph`` commands as subprocesses (with start-up).

With ``--baseline-src DIR`` the same is run, in a subprocess, with ``PYTHONPATH=DIR`` (e.g. a
``git worktree`` of an older commit's ``src``) on a copy of the store, so both sides share the
machine and the corpus. The first request after an upgrade derives what the store lacks; it is
timed apart ("first").

    python bench/derived.py --db /tmp/synth10k.db --repeat 7 [--baseline-src /tmp/base/src]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

DOSSIER = str(Path(sys.executable).with_name("dossier"))


def _stats(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 3), "p95": round(p95, 3), "max": round(ordered[-1], 3)}


def _time(run: Callable[[], Any], repeat: int) -> dict[str, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return _stats(times)


def measure(db: str, repeat: int, *, cli: bool) -> dict[str, Any]:
    """Every timing on ``db`` with the dossier importable in this process."""
    from fastapi.testclient import TestClient

    from dossier import service
    from dossier.web.app import make_app

    results: dict[str, Any] = {}
    with service.reading(db) as store:
        start = time.perf_counter()
        service.claims(store)
        results["first claims (derives what is missing)"] = round(time.perf_counter() - start, 3)
        results["claims"] = len(service.claims(store))
        top = max(service.entities(store), key=lambda e: e.mentions).name
        results["service.claims + to_json"] = _time(lambda: [c.to_json() for c in service.claims(store)], repeat)
        if "limit" in service.claims.__code__.co_varnames:
            results["service.claims page of 20"] = _time(lambda: service.claims(store, limit=20), repeat)
        results["service.graph"] = _time(lambda: service.graph(store), repeat)
        results["service.entity_page (top entity)"] = _time(lambda: service.entity_page(store, top), repeat)
    client = TestClient(make_app(db, time_budget=600.0))
    for page in ("/claims", "/graph"):
        results[f"web {page}"] = _time(lambda page=page: client.get(page).raise_for_status(), repeat)
    if cli:
        env = dict(os.environ)
        for label, argv in (("cli docs --limit 1 (start-up floor)", ["docs", "--limit", "1"]),
                            ("cli claims --json", ["claims", "--json"]), ("cli graph", ["graph"])):
            command = [sys.executable, "-c", "from dossier.cli.main import main; main()", *argv, "--db", db]
            results[label] = _time(lambda command=command: subprocess.run(
                command, check=True, capture_output=True, env=env), max(3, repeat // 2))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="an existing SQLite store")
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--no-cli", action="store_true", help="skip the subprocess timings")
    parser.add_argument("--baseline-src", help="a src/ folder of another Dossier version to time the same way")
    parser.add_argument("--only-here", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only_here:
        print(json.dumps(measure(args.db, args.repeat, cli=not args.no_cli)))
        return
    report: dict[str, Any] = {}
    runs = [("this", None)] + ([("baseline", args.baseline_src)] if args.baseline_src else [])
    for name, src in runs:
        with tempfile.TemporaryDirectory() as tmp:
            copy = str(Path(tmp) / "store.db")
            shutil.copy(args.db, copy)  # each side on its own copy: an upgrade migrates and derives
            env = dict(os.environ)
            if src:
                env["PYTHONPATH"] = src
            done = subprocess.run([sys.executable, __file__, "--db", copy, "--repeat", str(args.repeat),
                                   "--only-here", *(["--no-cli"] if args.no_cli else [])],
                                  check=True, capture_output=True, text=True, env=env)
            report[name] = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
