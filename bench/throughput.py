"""Ingest throughput: documents/s and MB/s for ingest + clean + store, with baselines in the same run.

Builds a corpus in a temp folder from what is at hand — the repo's samples, the seed articles
and the eval HTML pages (gunzipped) when ../shared is present — copies it ``--repeat`` times
with a varying line so nothing dedupes, then times:

* ``dossier``: the full pipeline into a fresh SQLite store (read, detect, decode, clean, store, FTS)
* ``read+hash``: reading and hashing the same files (the I/O floor)
* ``trafilatura``: bare ``trafilatura.extract`` on the HTML files only (the usual HTML cleaner)

Usage: python bench/throughput.py [--repeat 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))


def build_corpus(folder: Path, repeat: int) -> list[Path]:
    """Write the benchmark corpus; each copy gets a distinct first line so it is a new document."""
    sources: list[tuple[str, bytes]] = []
    for path in sorted((ROOT / "samples").glob("*")):
        if path.suffix in {".txt", ".html", ".xml", ".jsonl"} or path.name.endswith(".warc.gz"):
            sources.append((path.name, path.read_bytes()))
    if SHARED.is_dir():
        for path in sorted((SHARED / "corpus/seeds").glob("*.txt")):
            sources.append((path.name, path.read_bytes()))
        for path in sorted((SHARED / "eval/extraction-benchmark/html").glob("*.html.gz")):
            sources.append((path.name[:-3], gzip.decompress(path.read_bytes())))
    written = []
    for copy in range(repeat):
        for name, data in sources:
            target = folder / f"{copy:03d}_{name}"
            if name.endswith((".txt",)):
                data = f"Copy {copy} of {name}\n\n".encode() + data
            elif name.endswith(".html"):
                data = data.replace(b"<body", f"<!-- copy {copy} --><body".encode(), 1)
            elif copy:
                continue  # containers are not varied; ingest them once
            target.write_bytes(data)
            written.append(target)
    return written


def time_dossier(folder: Path) -> tuple[float, int]:
    from dossier.backends import open_store
    from dossier.pipeline import ingest

    db = folder.parent / "bench.db"
    store = open_store(str(db), create=True)
    start = time.perf_counter()
    report = ingest([str(folder)], store=store, extract=False)
    elapsed = time.perf_counter() - start
    store.close()
    return elapsed, len(report.added) + report.duplicates


def time_read_hash(files: list[Path]) -> float:
    start = time.perf_counter()
    for path in files:
        hashlib.sha256(path.read_bytes()).hexdigest()
    return time.perf_counter() - start


def time_trafilatura(files: list[Path]) -> tuple[float, int]:
    import trafilatura

    html = [p for p in files if p.suffix == ".html"]
    start = time.perf_counter()
    for path in html:
        trafilatura.extract(path.read_text("utf-8", errors="replace"), include_comments=False)
    return time.perf_counter() - start, len(html)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dossier-bench-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        files = build_corpus(corpus, args.repeat)
        megabytes = sum(p.stat().st_size for p in files) / 1e6
        html_mb = sum(p.stat().st_size for p in files if p.suffix == ".html") / 1e6
        t_read = time_read_hash(files)
        t_traf, n_html = time_trafilatura(files)
        t_doss, n_docs = time_dossier(corpus)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    rows = [
        ("dossier ingest (read+clean+store)", len(files), n_docs, t_doss, megabytes),
        ("read+hash only (I/O floor)", len(files), len(files), t_read, megabytes),
        ("trafilatura.extract, HTML only", n_html, n_html, t_traf, html_mb),
    ]
    print(f"corpus: {len(files)} files, {megabytes:.1f} MB, python {sys.version.split()[0]}, {os.cpu_count()} cpus\n")
    print("| run | files | docs | seconds | docs/s | MB/s |\n|---|---|---|---|---|---|")
    result = []
    for name, n_files, docs, seconds, mb in rows:
        print(f"| {name} | {n_files} | {docs} | {seconds:.2f} | {docs / seconds:.1f} | {mb / seconds:.2f} |")
        result.append({"run": name, "files": n_files, "docs": docs, "seconds": seconds, "mb": mb})
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
