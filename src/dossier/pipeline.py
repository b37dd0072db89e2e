"""Builds and runs the stages: ingest → clean → extract → store.

Inputs stream through: each file is expanded into document-sized raw items, which are
cleaned and extracted in batches (in worker processes when there is enough work), and
written back here, in input order, one transaction per document. An input is recorded as
done only when every item in it was stored, so re-running on the same files changes
nothing, and a crash loses at most the document being written.
"""

from __future__ import annotations

import hashlib
import itertools
import logging
from collections import deque
from collections.abc import Callable, Generator, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from dossier.engine import Engine, LocalEngine, Work
from dossier.ingest import Input, iter_inputs, read_items
from dossier.parallel import chunked, default_workers
from dossier.records import Document, Raw, Rejection
from dossier.settings import Settings
from dossier.store.base import InputRecord, RawRecord, Store

__all__ = ["IngestReport", "Progress", "ingest", "remove"]

log = logging.getLogger(__name__)

_BATCH = 16  # documents per worker task (one spaCy batch)
_SERIAL_BELOW = 48  # fewer items than this: not worth starting workers


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did, for the CLI summary and for scripts."""

    inputs: int = 0
    unchanged: int = 0
    resumed: int = 0  # documents an earlier, interrupted run already stored
    added: list[str] = field(default_factory=list)
    duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    bytes: int = 0

    @property
    def ok(self) -> bool:
        return not self.rejections


@dataclass(slots=True)
class Progress:
    """Callbacks the CLI uses to draw a progress bar (all optional)."""

    on_input: Callable[[Input], None] | None = None
    on_document: Callable[[Document, bool], None] | None = None
    on_rejection: Callable[[Rejection], None] | None = None


@dataclass(frozen=True, slots=True)
class _End:
    """Marks the end of one input's items in the stream."""

    input: Input


_Item = tuple[Input, Raw | Rejection | _End]
_Result = Document | Rejection | None


def _work(chunk: list[_Item]) -> list[Work]:
    """What an engine needs of a chunk: the items alone (never the whole input's bytes)."""
    return [item if isinstance(item, Raw | Rejection) else None for _, item in chunk]

def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _raw_record(raw: Raw, doc_id: str, inp: Input) -> RawRecord:
    return RawRecord(
        sha256=_sha256(raw.data), doc_id=doc_id, source=raw.source, data=raw.data,
        url=raw.url, container=raw.container, locator=raw.locator, input_sha256=inp.sha256,
    )


class _Run:
    """One ingest run's state: the report and each open input's counts."""

    def __init__(self, store: Store, settings: Settings, progress: Progress) -> None:
        self.store, self.settings, self.progress = store, settings, progress
        self.report = IngestReport()
        self.counts: dict[str, list[int]] = {}  # input sha → [stored, rejected]

    def stream(self, paths: Sequence[str], stdin: BinaryIO | None) -> Iterator[_Item]:
        """Every item of every input not ingested before, each input closed by an _End."""
        settings = self.settings
        for inp in iter_inputs(paths, stdin=stdin, max_bytes=settings.max_bytes, keep_bytes=settings.keep_bytes):
            if isinstance(inp, Rejection):
                self.reject(inp)
                continue
            self.report.inputs += 1
            self.report.bytes += inp.size
            if self.progress.on_input:
                self.progress.on_input(inp)
            if self.store.has_input(inp.sha256):
                self.report.unchanged += 1
                continue
            self.counts[inp.sha256] = [0, 0]
            for item in read_items(inp, max_bytes=settings.max_bytes):
                origin = self.store.raw_origin(_sha256(item.data)) if isinstance(item, Raw) else None
                if origin is not None:
                    # These exact bytes are stored: by an earlier run of this input that stopped
                    # before finishing it, or from another input. Count them; do not clean and
                    # extract them again.
                    self.counts[inp.sha256][0] += 1
                    if origin == inp.sha256:
                        self.report.resumed += 1
                    else:
                        self.report.duplicates += 1
                    continue
                yield inp, item
            yield inp, _End(inp)

    def reject(self, rejection: Rejection, inp: Input | None = None) -> None:
        self.report.rejections.append(rejection)
        if inp is not None:
            self.counts[inp.sha256][1] += 1
        if self.progress.on_rejection:
            self.progress.on_rejection(rejection)

    def write(self, inp: Input, item: Raw | Rejection | _End, result: _Result) -> None:
        if isinstance(item, _End):
            self.finish(inp)
        elif isinstance(result, Rejection):
            self.reject(result, inp)
        elif isinstance(result, Document) and isinstance(item, Raw):
            added = self.store.add_document(result, _raw_record(item, result.id, inp))
            self.counts[inp.sha256][0] += 1
            if added:
                self.report.added.append(result.id)
            else:
                self.report.duplicates += 1
            if self.progress.on_document:
                self.progress.on_document(result, added)

    def finish(self, inp: Input) -> None:
        stored, rejected = self.counts.pop(inp.sha256)
        if stored and not rejected:
            data = inp.data if inp.data is not None and inp.size <= self.settings.keep_bytes else None
            self.store.record_input(InputRecord(sha256=inp.sha256, source=inp.source, size=inp.size,
                                                format=inp.format, data=data, documents=stored, rejected=rejected))


def ingest(paths: Sequence[str], *, store: Store, settings: Settings | None = None,
           stdin: BinaryIO | None = None, extract: bool = True, workers: int | None = None,
           progress: Progress | None = None, engine: Engine | None = None) -> IngestReport:
    """Ingest files, directories, globs or ``-`` (stdin) into ``store``.

    Args:
        extract: run the extract stage (entities, quotes, times, quantities, places, events).
        workers: processes for clean + extract on this machine; None picks one per CPU (at
            most 4) when there are enough documents to be worth it. Ignored with ``engine``.
        engine: where clean + extract run (e.g. a Ray cluster); None runs them locally.

    Inputs already recorded (same bytes) are skipped; documents whose cleaned text is
    already stored count as duplicates and only their raw bytes are added; documents an
    interrupted earlier run stored are not processed again.
    """
    settings = settings or Settings()
    run = _Run(store, settings, progress or Progress())
    stream = run.stream(paths, stdin)
    head = list(itertools.islice(stream, _SERIAL_BELOW))
    more = len(head) == _SERIAL_BELOW
    if engine is None:
        engine = LocalEngine(workers if workers is not None else default_workers() if more else 1)
    needs_extractor = extract and (more or any(isinstance(i, Raw) for _, i in head))
    pending: deque[list[_Item]] = deque()

    def batches() -> Iterator[list[Work]]:
        for chunk in chunked(itertools.chain(head, stream), _BATCH):
            pending.append(chunk)  # the engine pulls batches in order and answers in order
            yield _work(chunk)

    answers = engine.map(batches(), extract=needs_extractor)
    try:
        for results in answers:
            chunk = pending.popleft()
            for (inp, item), result in zip(chunk, results, strict=True):
                run.write(inp, item, result)
    finally:
        if isinstance(answers, Generator):
            # On an interrupt or a store error the engine drops its queued work now, not
            # whenever the traceback that holds this frame is freed.
            answers.close()
    if extract:
        # Every document with entities but no cluster yet: this run's, and any an interrupted
        # earlier run stored without resolving.
        from dossier.resolution import sync_entities

        with store.resolution_lock():
            pending_docs = store.unresolved_documents()
            if pending_docs:
                sync_entities(store, added=pending_docs)
    return run.report


def remove(doc_ids: Sequence[str], *, store: Store) -> list[str]:
    """Remove documents (ids or unique prefixes) and re-resolve the entities they fed."""
    from dossier.resolution import sync_entities

    removed = [store.remove_document(doc_id) for doc_id in doc_ids]
    with store.resolution_lock():
        if store.resolver_state() is not None:
            sync_entities(store, removed=removed)
    return removed
