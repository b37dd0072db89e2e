"""The Ray engine stores exactly what a local ingest stores: whole, resumed, and with a worker killed.

Ray starts twice in this module (seconds each): once by the CLI test, which runs first and
checks that the CLI stops the Ray it started, then once for the rest, which share one engine
(each new set of actors loads spaCy again).
"""

import json
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier import ingest_paths as ingest
from dossier import open_store
from dossier.cli.main import app
from dossier.engine import LocalEngine
from dossier.pipeline import Progress

ray = pytest.importorskip("ray")

from dossier.ray_engine import RayEngine  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
DOCS = 96  # six full pipeline batches of 16, so several are in flight at once


def snapshot(path: Path) -> tuple[list, list, dict]:
    """Everything a comparison needs: documents with their facts, resolved entities, counts."""
    store = open_store(str(path))
    try:
        return list(store.iter_documents()), store.list_entities(), store.counts()
    finally:
        store.close()


def local_ingest(paths: list[Path], db: Path) -> tuple[list, list, dict]:
    """The reference: one process, no Ray."""
    store = open_store(str(db), create=True)
    try:
        report = ingest([str(p) for p in paths], store=store, engine=LocalEngine(workers=1))
        assert report.rejections == []
    finally:
        store.close()
    return snapshot(db)


def _parent(pid: int) -> int:
    stat = Path(f"/proc/{pid}/stat").read_text()
    return int(stat.rsplit(")", 1)[1].split()[1])


def worker_pids() -> list[int]:
    """This test process's live Ray actors (Ray titles them ray::DossierWorker[.method]).

    Only descendants count: the Ray this process started runs its workers under its raylet.
    """
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if not (entry / "cmdline").read_bytes().startswith(b"ray::DossierWorker"):
                continue
            pid = ancestor = int(entry.name)
            while ancestor > 1 and ancestor != os.getpid():
                ancestor = _parent(ancestor)
        except (OSError, ValueError, IndexError):
            continue  # exited while we looked
        if ancestor == os.getpid():
            pids.append(pid)
    return pids


def settled_worker_pids(count: int) -> list[int]:
    """worker_pids() once it has ``count`` entries (Ray starts and reaps actors asynchronously), or after 15 s."""
    deadline = time.monotonic() + 15
    while len(pids := worker_pids()) != count and time.monotonic() < deadline:
        time.sleep(0.1)
    return pids


@pytest.fixture(scope="module")
def cli_run(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """`dossier ingest samples --engine ray --workers 2`, which starts (and must stop) its own Ray."""
    assert not ray.is_initialized()
    db = tmp_path_factory.mktemp("cli") / "ray.db"
    result = CliRunner().invoke(app, ["ingest", str(SAMPLES), "--engine", "ray", "--workers", "2",
                                      "--db", str(db), "--json"])
    return result, db, ray.is_initialized(), settled_worker_pids(0)


def test_cli_ingest_with_ray_engine_stops_the_ray_it_started(cli_run):
    result, _, ray_left_running, workers_left = cli_run
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["added"]) == 13 and report["resumed"] == 0 and report["rejected"] == []
    assert not ray_left_running and workers_left == []


def test_ray_ingest_equals_local_ingest(cli_run, tmp_path):
    _, db, _, _ = cli_run
    assert snapshot(db) == local_ingest([SAMPLES], tmp_path / "local.db")


@pytest.fixture(scope="module")
def engine(cli_run) -> Iterator[RayEngine]:
    """A RayEngine that starts its own local Ray (after the CLI's is gone) and shuts it down on close."""
    engine = RayEngine(workers=2)
    yield engine
    engine.close()
    assert not ray.is_initialized()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One JSONL input of DOCS distinct short articles built from the sample paragraphs."""
    paragraphs = [p.strip() for f in sorted(SAMPLES.glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n\n") if len(p.strip()) > 200 and ". " in p]
    count = len(paragraphs)
    path = tmp_path_factory.mktemp("corpus") / "wire.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(DOCS):  # a distinct pair of paragraphs each
            text = f"{paragraphs[i % count]}\n\n{paragraphs[(i + 1 + i // count) % count]}"
            handle.write(json.dumps({"url": f"https://wire.example/{i}", "title": f"Wire dispatch {i}",
                                     "published": "2021-08-20", "text": text}) + "\n")
    return path


@pytest.fixture(scope="module")
def corpus_baseline(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[list, list, dict]:
    return local_ingest([corpus], tmp_path_factory.mktemp("baseline") / "local.db")


class Interrupting:
    """An engine that stops like Ctrl-C once ``after`` batches came back."""

    name = "interrupting"

    def __init__(self, inner: RayEngine, after: int) -> None:
        self.inner, self.after = inner, after

    def map(self, batches, *, extract, gazetteer=True):
        answers = self.inner.map(batches, extract=extract, gazetteer=gazetteer)
        try:
            for done, results in enumerate(answers):
                if done == self.after:
                    raise KeyboardInterrupt
                yield results
        finally:
            answers.close()

    def close(self) -> None:
        self.inner.close()


def test_interrupted_ray_ingest_resumes_where_it_stopped(engine, corpus, corpus_baseline, tmp_path):
    store = open_store(str(tmp_path / "ray.db"), create=True)
    try:
        with pytest.raises(KeyboardInterrupt):
            ingest([str(corpus)], store=store, engine=Interrupting(engine, after=2))
        assert store.counts()["documents"] == 32
        report = ingest([str(corpus)], store=store, engine=engine)
    finally:
        store.close()
    assert report.resumed == 32 and len(report.added) == DOCS - 32 and report.duplicates == 0
    docs, entities, counts = snapshot(tmp_path / "ray.db")
    assert len({d.id for d in docs}) == len(docs) == DOCS
    assert (docs, entities, counts) == corpus_baseline


def test_killed_worker_is_restarted_and_nothing_is_lost_or_doubled(engine, corpus, corpus_baseline, tmp_path):
    killed: list[int] = []

    def kill_one_worker(doc, added) -> None:
        if not killed:  # the first batch is being written; the actors hold the next ones
            killed.append(worker_pids()[0])
            os.kill(killed[0], signal.SIGKILL)

    store = open_store(str(tmp_path / "ray.db"), create=True)
    try:
        report = ingest([str(corpus)], store=store, engine=engine, progress=Progress(on_document=kill_one_worker))
    finally:
        store.close()
    assert killed
    restarted = settled_worker_pids(2)  # Ray restarted the killed actor
    assert len(restarted) == 2 and killed[0] not in restarted
    assert report.rejections == [] and len(report.added) == DOCS and report.duplicates == 0
    assert snapshot(tmp_path / "ray.db") == corpus_baseline
