"""How fast each store takes finished documents, with 1, 2, 4 … writer processes at once.

The ingest driver writes every document (with its facts) in its own transaction, so the
store's write rate caps what any number of extraction workers can deliver through one
driver; several drivers (``dossier ingest`` processes over shards of the input) can write
to PostgreSQL at once. This measures both limits on this machine, for the scaling estimate
in the README.

Documents come from an existing store with extracted facts (e.g. one bench/scale.py --keep
left behind); each writer gets its own shard, so nothing is a duplicate.

Usage: python bench/store_writes.py SOURCE_DB [--docs 1000] [--writers 1 2 4]
       [--postgres-url URL | --start-postgres] [--out results.json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from scale import Databases


def _load(source: str, limit: int) -> list[tuple[Any, Any]]:
    from dossier.backends import open_store

    store = open_store(source)
    pairs = []
    for summary in store.list_documents(limit=limit):
        pairs.append((store.get_document(summary.id), store.get_raws(summary.id)[0]))
    store.close()
    return pairs


def _write(url: str, shard: list[tuple[Any, Any]], start_at: Any) -> float:
    from dossier.backends import open_store

    store = open_store(url)
    start_at.wait()
    begin = time.perf_counter()
    for doc, raw in shard:
        store.add_document(doc, raw)
    elapsed = time.perf_counter() - begin
    store.close()
    return elapsed


def _run(url: str, pairs: list[tuple[Any, Any]], writers: int) -> dict[str, Any]:
    from dossier.backends import open_store

    open_store(url, create=True).close()  # migrate once, outside the clock
    context = multiprocessing.get_context("fork")
    barrier = context.Manager().Barrier(writers + 1)
    shards = [pairs[i::writers] for i in range(writers)]
    with context.Pool(writers) as pool:
        results = [pool.apply_async(_write, (url, shard, barrier)) for shard in shards]
        barrier.wait()
        begin = time.perf_counter()
        times = [r.get() for r in results]
        wall = time.perf_counter() - begin
    facts = sum(len(d.entities) + len(d.quotes) + len(d.events) + len(d.times) + len(d.quantities)
                for d, _ in pairs)
    return {"writers": writers, "docs": len(pairs), "seconds": round(wall, 2),
            "docs_per_s": round(len(pairs) / wall, 1), "slowest_writer_s": round(max(times), 2),
            "facts_per_doc": round(facts / len(pairs), 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", help="a store with extracted documents (SQLite path or postgresql:// URL)")
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--writers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--postgres-url", help="admin URL of a server where fresh databases may be created")
    parser.add_argument("--start-postgres", action="store_true", help="start a throwaway server (tests/pgserver.py)")
    parser.add_argument("--out", help="write the results as JSON here")
    args = parser.parse_args()

    pairs = _load(args.source, args.docs)
    print(f"{len(pairs)} documents from {args.source}", file=sys.stderr)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        databases = Databases(Path(tmp), args.postgres_url, args.start_postgres)  # bench/scale.py's fresh stores
        try:
            for writers in args.writers:
                kinds = (["sqlite"] if writers == 1 else []) + (["postgres"] if databases.server or args.postgres_url
                                                                 else [])
                for kind in kinds:  # SQLite takes one writer at a time: more processes would only queue
                    rows.append({"store": kind, **_run(databases.fresh(kind, f"w{writers}"), pairs, writers)})
                    print(rows[-1], file=sys.stderr)
        finally:
            databases.close()
    print(f"{'store':<9} {'writers':>7} {'docs':>6} {'seconds':>8} {'docs/s':>8} {'facts/doc':>9}")
    for row in rows:
        print(f"{row['store']:<9} {row['writers']:>7} {row['docs']:>6} {row['seconds']:>8} "
              f"{row['docs_per_s']:>8} {row['facts_per_doc']:>9}")
    if args.out:
        Path(args.out).write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
