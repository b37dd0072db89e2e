"""`dossier ask`: answer correctness, citation precision and answer latency, with a BM25 baseline.

Ingests the seed articles (/work/shared/corpus/seeds) and the sample corpus (samples/articles)
into one temporary store, asks every question of bench/questions/questions.jsonl, and scores:

* correct      an answerable question's answer holds every expected keyword (case-insensitive);
               an unanswerable one (``expect: []``) gets exactly "does not know" and no citations
* precision    share of citations whose text holds an expected keyword or whose document came
               from an expected source (a file name or URL fragment of ``Document.source``)
* valid spans  share of citations with ``text == doc.text[start:end]`` (must be 100%)
* latency      median and p95 of ``ask`` over every question, ``--repeat`` times each (warm store)

The baseline, in the same run, answers with the best-overlapping sentence of the top BM25 hit.
Floors hold only for the gold set whose hash is pinned below; edit the set and re-pin.

    .venv/bin/python bench/ask.py              # table; exit 1 if a floor is missed
    .venv/bin/python bench/ask.py --verbose    # every answer
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from dossier import ingest_paths, open_store
from dossier.query.ask import DONT_KNOW, Answer, Citation, ask
from dossier.query.ask_intents import sentences, words
from dossier.store.base import Store

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "questions" / "questions.jsonl"
SEEDS = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared")) / "corpus" / "seeds"
SAMPLES = ROOT / "samples" / "articles"
GOLD_SHA = "d8c508be39d869525be4a08d6bf89c134233ebccec54d6b1d58ace9beaa0e42d"  # sha256 of questions.jsonl the floors below were set on
FLOORS = {"correct": 0.85, "precision": 0.90, "valid": 1.0}


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def baseline(store: Store, question: str) -> Answer:
    """The top BM25 document's sentence sharing most words with the question (or does-not-know)."""
    terms = {w for w in words(question) if len(w) > 3}
    expression = " OR ".join(f'"{" ".join(t.replace("-", " ").split())}"' for t in sorted(terms))
    hits = store.search(expression, limit=1) if expression else []
    if not hits:
        return Answer(question, DONT_KNOW)
    doc = store.get_document(hits[0].id)
    start, end = max(sentences(doc.text), key=lambda s: len(terms & set(words(doc.text[s[0]:s[1]]))))
    cite = Citation(doc.id, start, end, doc.text[start:end])
    return Answer(question, f"“{cite.text}” [1]", (cite,), "search", "baseline.bm25-sentence")


def score(store: Store, item: dict[str, Any], answer: Answer) -> dict[str, Any]:
    """Correctness, and per-citation precision and span validity, of one answer."""
    expect = [k.lower() for k in item["expect"]]
    if expect:
        correct = all(k in answer.answer.lower() for k in expect)
    else:
        correct = answer.answer == DONT_KNOW and not answer.citations
    precise = valid = 0
    for c in answer.citations:
        doc = store.get_document(c.doc)
        valid += doc.text[c.start:c.end] == c.text
        in_source = any(s in doc.source for s in item["sources"])
        precise += in_source or any(k in c.text.lower() for k in expect)
    return {"correct": correct, "citations": len(answer.citations), "precise": precise, "valid": valid}


def run(stores: dict[str, Store], gold: list[dict[str, Any]], *, repeat: int, verbose: bool) -> dict[str, Any]:
    rows: dict[str, list[dict[str, Any]]] = {"ask": [], "baseline": []}
    latencies: list[float] = []
    for item in gold:
        store = stores["all"]
        for _ in range(repeat):
            t0 = time.perf_counter()
            answer = ask(store, item["question"])
            latencies.append(time.perf_counter() - t0)
        rows["ask"].append(score(store, item, answer) | {"id": item["id"], "method": answer.method})
        rows["baseline"].append(score(store, item, baseline(store, item["question"])) | {"id": item["id"]})
        if verbose:
            mark = "ok " if rows["ask"][-1]["correct"] else "MISS"
            print(f"{mark} {item['id']} {item['question']}\n     {answer.answer[:300]}", file=sys.stderr)
    summary: dict[str, Any] = {}
    for name, scored in rows.items():
        cites = sum(r["citations"] for r in scored)
        summary[name] = {
            "correct": sum(r["correct"] for r in scored) / len(scored),
            "precision": sum(r["precise"] for r in scored) / cites if cites else 1.0,
            "valid": sum(r["valid"] for r in scored) / cites if cites else 1.0,
            "citations": cites,
            "misses": [r["id"] for r in scored if not r["correct"]],
        }
    ordered = sorted(latencies)
    summary["latency_ms"] = {"median": 1000 * statistics.median(ordered),
                             "p95": 1000 * ordered[max(0, int(round(0.95 * len(ordered))) - 1)],
                             "runs": len(ordered)}
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="times each question is asked for latency")
    parser.add_argument("--verbose", action="store_true", help="print every answer to stderr")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    parser.add_argument("--pin", action="store_true", help="print the gold set's sha256 and exit")
    args = parser.parse_args(argv)
    digest = hashlib.sha256(GOLD.read_bytes()).hexdigest()
    if args.pin:
        print(digest)
        return 0
    if not SEEDS.is_dir():
        print(f"seed articles not found in {SEEDS}; skipping (shared corpus not mounted)", file=sys.stderr)
        return 0
    gold = load_gold()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "bench.db"), create=True)
        t0 = time.perf_counter()
        ingest_paths([str(SEEDS), str(SAMPLES)], store=store)
        ingest_s = time.perf_counter() - t0
        summary = run({"all": store}, gold, repeat=args.repeat, verbose=args.verbose)
        summary["documents"] = store.counts()["documents"]
        store.close()
    summary["questions"] = len(gold)
    summary["ingest_s"] = ingest_s
    summary["gold_sha256"] = digest
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{len(gold)} questions on {summary['documents']} documents (seeds + samples), gold {digest[:12]}")
        print(f"{'system':<10} {'correct':>8} {'precision':>10} {'valid':>7} {'cites':>6}  misses")
        for name in ("ask", "baseline"):
            s = summary[name]
            print(f"{name:<10} {s['correct']:>8.0%} {s['precision']:>10.0%} {s['valid']:>7.0%} {s['citations']:>6}  "
                  f"{' '.join(s['misses'])}")
        lat = summary["latency_ms"]
        print(f"latency   median {lat['median']:.0f} ms, p95 {lat['p95']:.0f} ms over {lat['runs']} asks")
    if digest != GOLD_SHA:
        print(f"note: gold set hash {digest[:12]} is not the pinned one; floors not enforced", file=sys.stderr)
        return 0
    failed = [k for k, floor in FLOORS.items() if summary["ask"][k] < floor]
    for k in failed:
        print(f"floor missed: {k} {summary['ask'][k]:.2f} < {FLOORS[k]}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
