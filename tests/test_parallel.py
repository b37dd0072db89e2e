"""The local engine's worker pool: ordered, bounded, and it survives a killed worker."""

from __future__ import annotations

import json
import os
import signal
from pathlib import Path

import pytest

from dossier.backends import open_store
from dossier.engine import LocalEngine
from dossier.parallel import WorkerLost, chunked, ordered_map
from dossier.pipeline import Progress, ingest

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


def square(x: int) -> int:
    return x * x


def test_ordered_map_keeps_input_order_across_workers():
    assert [r for _, r in ordered_map(square, range(40), workers=2)] == [x * x for x in range(40)]
    assert list(chunked(range(5), 2)) == [[0, 1], [2, 3], [4]]


class DieOnce:
    """Kills the worker process the first time it sees ``victim`` (a marker file remembers)."""

    def __init__(self, marker: Path, victim: int) -> None:
        self.marker, self.victim = marker, victim

    def __call__(self, x: int) -> int:
        if x == self.victim and not self.marker.exists():
            self.marker.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return x * x


def test_ordered_map_retries_the_work_of_a_killed_worker(tmp_path):
    results = [r for _, r in ordered_map(DieOnce(tmp_path / "died", 7), range(20), workers=2)]
    assert results == [x * x for x in range(20)]
    assert (tmp_path / "died").exists()


def always_die(x: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return x


def test_ordered_map_gives_up_when_workers_keep_dying():
    with pytest.raises(WorkerLost, match="--workers 1"):
        list(ordered_map(always_die, range(4), workers=2))


def _children() -> list[int]:
    pids = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        pids += [int(p) for p in (task / "children").read_text().split()]
    return pids


def test_ingest_completes_when_a_worker_is_killed_mid_run(tmp_path):
    """SIGKILL one forked worker after the first stored documents: nothing lost, nothing twice."""
    corpus = tmp_path / "corpus.jsonl"
    sentences = _sentences()
    lines = []
    for n in range(96):  # three consecutive sentences per document: each one distinct, article-like
        text = " ".join(sentences[(n + k) % len(sentences)] for k in range(3))
        lines.append(json.dumps({"text": text, "title": f"Wire item {n}"}))
    corpus.write_text("\n".join(lines) + "\n")
    reference = open_store(str(tmp_path / "ref.db"), create=True)
    ingest([str(corpus)], store=reference, extract=False, engine=LocalEngine(1))
    killed: list[int] = []

    def kill_a_worker(doc, added) -> None:
        if not killed and (workers := _children()):
            os.kill(workers[0], signal.SIGKILL)
            killed.append(workers[0])

    store = open_store(str(tmp_path / "killed.db"), create=True)
    report = ingest([str(corpus)], store=store, extract=False, engine=LocalEngine(2),
                    progress=Progress(on_document=kill_a_worker))
    assert killed and report.ok
    assert [d.id for d in store.iter_documents()] == [d.id for d in reference.iter_documents()]
    assert store.counts() == reference.counts() and store.counts()["documents"] == 96
    assert report.duplicates == 0


def _sentences() -> list[str]:
    """Distinct, real sentences from the sample articles, each long enough to be a document."""
    import re

    found: list[str] = []
    for path in sorted(SAMPLES.glob("*.txt")):
        for sentence in re.split(r"(?<=[.!?])\s+", path.read_text()):
            sentence = " ".join(sentence.split())
            if len(sentence) > 80 and sentence not in found:
                found.append(sentence)
    return found
