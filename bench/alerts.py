"""What the alerts hook costs an ingest: the same runs with and without it, and its per-pass cost on a big store.

1. ``samples``: a fresh store takes samples/articles in one run, then one more report
   (tests/fixtures/claims_story/01), then the samples again (an idle run: nothing new), with
   ``alerts=True`` and ``alerts=False`` alternately; medians of ``--repeat`` rounds.
2. ``--db STORE`` (a copy is used, never the store itself): on a store of that size, the one-time
   snapshot a store without one takes (``begin``), the cost of one pass's alerts when nothing
   changed (``finish``: snapshot, evaluate, save) and the size of the saved snapshot.

Usage: python bench/alerts.py [--repeat 3] [--db /tmp/synth1k.db]

Measured 2026-12-07 on 2 shared cores (noisy: other jobs ran): samples/articles (13 documents) in one run
6.9 s without, 6.6 s with; one more report 0.40 s without, 0.45 s with (+50 ms: snapshot, evaluate,
save); an idle run 2-8 ms either way. On a 1,000-document synthetic store (bench/synth.py): the one-time
snapshot 0.5-0.9 s, one pass's alerts 0.4-1.0 s (taking the snapshot 0.4-0.7 s, saving it: 1.4 MB, claim and
event texts left out), against 10-11 s for ingesting one report into that store without alerts (re-derivation
dominates).
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from dossier.alerts.passes import SNAPSHOT, begin, finish
from dossier.backends import open_store
from dossier.pipeline import ingest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = str(ROOT / "samples" / "articles")
EXTRA = str(next((ROOT / "tests" / "fixtures" / "claims_story").glob("01_*.txt")))


def _timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def samples(repeat: int) -> dict[str, dict[str, float]]:
    times: dict[bool, dict[str, list[float]]] = {on: {"bulk": [], "one_more": [], "idle": []} for on in (True, False)}
    for _ in range(repeat):
        for on in (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                store = open_store(str(Path(tmp) / "s.db"), create=True)
                try:
                    got = times[on]
                    got["bulk"].append(_timed(lambda: ingest([SAMPLES], store=store, workers=1, alerts=on)))
                    got["one_more"].append(_timed(lambda: ingest([EXTRA], store=store, workers=1, alerts=on)))
                    got["idle"].append(_timed(lambda: ingest([SAMPLES, EXTRA], store=store, workers=1, alerts=on)))
                finally:
                    store.close()
    return {("with" if on else "without"): {k: round(statistics.median(v), 4) for k, v in got.items()}
            for on, got in times.items()}


def big(db: str) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory() as tmp:
        copy = str(Path(tmp) / "big.db")
        shutil.copy(db, copy)
        store = open_store(copy)
        try:
            from dossier.service import prepare_derived

            prepare_derived(store)  # a store written by an older Dossier derives first: not the hook's cost
            docs = store.counts()["documents"]
            first = _timed(lambda: begin(store))
            passes = [_timed(lambda: finish(store)) for _ in range(3)]
            size = len(json.dumps(store.alert_state(SNAPSHOT)))
        finally:
            store.close()
    return {"documents": docs, "begin_s": round(first, 3), "finish_nothing_new_s": round(min(passes), 3),
            "snapshot_bytes": size}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--db", help="a big SQLite store to measure the per-pass cost on (copied first)")
    parser.add_argument("--no-samples", action="store_true")
    args = parser.parse_args()
    if not args.no_samples:
        print(json.dumps({"samples": samples(args.repeat)}, indent=2))
    if args.db:
        print(json.dumps({"big": big(args.db)}, indent=2))


if __name__ == "__main__":
    main()
