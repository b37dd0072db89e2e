"""Export and graph cost against corpus size: is every export linear in the number of documents?

For each ``--docs`` N, a store of bench/synth.py's first N documents (real article text
recombined, ingested with extraction; cached in /tmp/dossier-exports-N-SEED.db), and on it,
each in a fresh subprocess so no run warms another's caches, with imports done before the
clock starts:

* ``read``: every document read back with ``store.iter_documents()`` — the floor, the
  baseline of this run: no export can be cheaper than reading what it exports;
* ``jsonl``, ``csv``, ``plover``, ``graphml``, ``stix``, ``markdown``: what ``dossier export
  --format F`` writes, through the same library functions, into memory;
* ``graph``: ``dossier graph --json`` (the actor graph as node-link JSON).

Printed per N: seconds (wall, and CPU in brackets) and seconds over the ``read`` floor; then,
for each step between two sizes, the growth ratio against the size ratio and the exponent
``log(t2/t1) / log(n2/n1)``: 1 is linear, 2 quadratic. A shared machine makes wall time noisy;
CPU time is steadier. Target (issue 13): every export linear, STIX of 10,000 documents < 2 min.

Usage: python bench/exports.py [--docs 100 300 1000] [--only stix graph] [--repeat 1]
       [--seed 0] [--out results.json]
"""

from __future__ import annotations

import argparse
import io
import json
import math
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
DOSSIER = str(Path(sys.executable).with_name("dossier"))
KINDS = ("read", "jsonl", "csv", "plover", "graphml", "stix", "markdown", "graph")


# ---------------------------------------------------------------------------------------------
# One measurement (in its own process)
# ---------------------------------------------------------------------------------------------

def _task(kind: str, store: Any) -> Any:
    """The work ``kind`` stands for, as a function of the open store (imports done here, untimed)."""
    if kind == "read":
        return lambda: sum(1 for _ in store.iter_documents())
    if kind == "jsonl":
        from dossier.export import write_jsonl

        return lambda: write_jsonl(store.iter_documents(), io.StringIO())
    if kind in ("csv", "plover"):
        from dossier.export.events import write_events_csv, write_plover

        return lambda: (write_events_csv if kind == "csv" else write_plover)(store, io.StringIO())
    if kind == "graphml":
        from dossier.graph import write_graphml
        from dossier.query.graph import store_graph

        return lambda: write_graphml(store_graph(store), io.BytesIO())
    if kind == "stix":
        from dossier.export.stix import write_stix

        return lambda: write_stix(store, io.StringIO())
    if kind == "markdown":
        from dossier.export.markdown import write_brief

        return lambda: write_brief(store)
    if kind == "graph":
        from dossier.graph import to_json
        from dossier.query.graph import store_graph

        return lambda: json.dumps(to_json(store_graph(store)), indent=2)
    raise SystemExit(f"bench/exports.py: no measurement {kind!r}; known: {', '.join(KINDS)}")


def measure_one(kind: str, db: str) -> dict[str, float]:
    """Seconds (wall and CPU) for one run of ``kind`` on the store at ``db``."""
    import networkx  # noqa: F401  (imports are not what is measured)
    import stix2  # noqa: F401

    from dossier import open_store

    store = open_store(db)
    try:
        work = _task(kind, store)
        wall, cpu = time.perf_counter(), time.process_time()
        work()
        return {"seconds": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
    finally:
        store.close()


# ---------------------------------------------------------------------------------------------
# Stores
# ---------------------------------------------------------------------------------------------

def _synth() -> Any:
    sys.path.insert(0, str(BENCH))
    import synth

    return synth


def build_store(docs: int, seed: int) -> Path:
    """A store of synth.py's first ``docs`` documents, ingested with extraction (cached in /tmp)."""
    synth = _synth()
    db = Path(f"/tmp/dossier-exports-{docs}-{seed}.db")
    stamp = db.with_suffix(".json")
    want = {"docs": docs, "seed": seed, "synth": synth.VERSION}
    if db.is_file() and stamp.is_file() and json.loads(stamp.read_text()) == want:
        return db
    corpus = Path(f"/tmp/dossier-synth-{docs}-{seed}")
    if not synth.cached(docs, seed, corpus):
        synth.generate(docs, corpus, seed)
    for path in (db, stamp, Path(f"{db}-wal"), Path(f"{db}-shm")):
        path.unlink(missing_ok=True)
    print(f"ingesting {docs} documents into {db} …", file=sys.stderr, flush=True)
    start = time.perf_counter()
    done = subprocess.run([DOSSIER, "ingest", str(corpus), "--db", str(db), "-q"], check=False)
    if done.returncode not in (0, 1):  # 1: some inputs rejected, the rest stored
        raise SystemExit(f"bench/exports.py: ingest exited {done.returncode}")
    print(f"  {time.perf_counter() - start:.0f} s", file=sys.stderr)
    stamp.write_text(json.dumps(want))
    return db


# ---------------------------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------------------------

def _run_one(kind: str, db: Path) -> dict[str, float]:
    done = subprocess.run([sys.executable, __file__, "--one", kind, "--db", str(db)],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"bench/exports.py: {kind} on {db} failed:\n{done.stderr}")
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _best(runs: list[dict[str, float]]) -> dict[str, float]:
    return min(runs, key=lambda r: r["seconds"])


def report(results: dict[int, dict[str, dict[str, float]]], kinds: list[str]) -> None:
    sizes = sorted(results)
    print(f"{'':10}" + "".join(f"{f'{n} docs':>24}" for n in sizes) + "   growth per step (exponent; 1 = linear)")
    for kind in kinds:
        cells = []
        for n in sizes:
            r = results[n][kind]
            over = "" if kind == "read" else f" {r['seconds'] / max(results[n]['read']['seconds'], 1e-9):.1f}×"
            cells.append(f"{r['seconds']:.2f} s ({r['cpu']:.2f}){over}")
        steps = []
        for a, b in zip(sizes, sizes[1:], strict=False):
            ta, tb = results[a][kind]["cpu"], results[b][kind]["cpu"]
            ratio = tb / max(ta, 1e-9)
            steps.append(f"×{ratio:.1f} for ×{b / a:.1f} ({math.log(max(ratio, 1e-9)) / math.log(b / a):.2f})")
        print(f"{kind:10}" + "".join(f"{c:>24}" for c in cells) + "   " + ", ".join(steps))
    print("seconds: wall (CPU) and, after them, the multiple of the `read` floor; growth from CPU time")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--only", nargs="+", choices=KINDS, help="measure only these (read is always measured)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per measurement; the fastest is kept")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--db", help="with --one: the store")
    parser.add_argument("--one", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help="also write the results as JSON here")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure_one(args.one, args.db)))
        return
    kinds = ["read", *[k for k in KINDS if k != "read" and (not args.only or k in args.only)]]
    results: dict[int, dict[str, dict[str, float]]] = {}
    for docs in sorted(args.docs):
        db = build_store(docs, args.seed)
        results[docs] = {}
        for kind in kinds:
            results[docs][kind] = _best([_run_one(kind, db) for _ in range(args.repeat)])
            print(f"{docs:6} docs  {kind:9} {results[docs][kind]['seconds']:8.2f} s", file=sys.stderr, flush=True)
    report(results, kinds)
    if args.out:
        args.out.write_text(json.dumps({"docs": sorted(results), "results": results}, indent=2))


if __name__ == "__main__":
    main()
