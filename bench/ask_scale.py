"""`dossier ask` latency on a large synthetic store (default 10,000 documents).

The store is built from real extracted documents — the seeds and our samples, ingested once —
copied N times: each copy gets one extra closing sentence, hence its own id, and keeps every
extracted fact (spans stay valid because the text only grows at the end). Entities are then
resolved over the whole store, as ingest would. Questions are those of
bench/questions/questions.jsonl. Reports build time, then ask latency median and p95, next to
the same questions on the small store in the same run.

Usage: python bench/ask_scale.py [--docs 10000] [--repeat 2]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from dossier import ingest_paths, open_store
from dossier.query.ask import ask
from dossier.records import content_hash
from dossier.resolution import sync_entities
from dossier.store.base import RawRecord, Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
QUESTIONS = ROOT / "bench" / "questions" / "questions.jsonl"


def base_store(path: str) -> Store:
    store = open_store(path, create=True)
    inputs = [str(ROOT / "samples" / "articles")]
    if (SHARED / "corpus" / "seeds").is_dir():
        inputs.append(str(SHARED / "corpus" / "seeds"))
    ingest_paths(inputs, store=store)
    return store


def grow(store: Store, target: int) -> float:
    """Copy the stored documents until the store holds ``target``; returns seconds taken."""
    originals = list(store.iter_documents())
    start = time.perf_counter()
    copy = 0
    while store.counts()["documents"] < target:
        copy += 1
        for doc in originals:
            text = f"{doc.text}\n\nSynthetic copy {copy}."
            new = replace(doc, id=content_hash(text), text=text)
            data = text.encode("utf-8")
            store.add_document(new, RawRecord(sha256=hashlib.sha256(data).hexdigest(), doc_id=new.id,
                                              source=f"synthetic:{copy}:{doc.source}", data=data))
            if store.counts()["documents"] >= target:
                break
    return time.perf_counter() - start


def latencies(store: Store, questions: list[str], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        for question in questions:
            start = time.perf_counter()
            ask(store, question)
            times.append(time.perf_counter() - start)
    return times


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(ordered) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    questions = [json.loads(line)["question"] for line in QUESTIONS.read_text("utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory(prefix="dossier-ask-") as folder:
        store = base_store(str(Path(folder) / "scale.db"))
        small = store.counts()["documents"]
        small_times = latencies(store, questions, args.repeat)
        grow_s = grow(store, args.docs)
        start = time.perf_counter()
        sync_entities(store, added=[d.id for d in store.list_documents()])
        resolve_s = time.perf_counter() - start
        big_times = latencies(store, questions, args.repeat)
        big = store.counts()["documents"]
        store.close()
    print("| store | documents | questions × repeat | ask latency |\n|---|---|---|---|")
    print(f"| seeds + samples | {small} | {len(questions)} × {args.repeat} | {summary(small_times)} |")
    print(f"| synthetic | {big} | {len(questions)} × {args.repeat} | {summary(big_times)} |")
    print(f"\nbuilding the synthetic store: {grow_s:.0f} s copying, {resolve_s:.0f} s resolving entities")


if __name__ == "__main__":
    main()
