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
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from dossier.clean import clean
from dossier.ingest import Input, iter_inputs, read_items
from dossier.parallel import chunked, default_workers, ordered_map
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

# The extractor _process uses: set in the parent before forking, so children share it.
_EXTRACTOR: Any = None
_LOADED: Any = None  # loaded once per process: spaCy takes seconds to load


def _extractor() -> Any:
    global _LOADED
    if _LOADED is None:
        from dossier.extract.stage import Extractor

        _LOADED = Extractor()
    return _LOADED


def _process(chunk: list[_Item]) -> list[_Result]:
    """Clean (and extract, when an extractor is set) one chunk of stream items."""
    results: list[_Result] = []
    for _, item in chunk:
        results.append(clean(item) if isinstance(item, Raw) else item if isinstance(item, Rejection) else None)
    if _EXTRACTOR is not None:
        docs = [r for r in results if isinstance(r, Document)]
        extracted = iter(_EXTRACTOR.extract_many(docs, batch_size=max(1, len(docs))))
        results = [next(extracted) if isinstance(r, Document) else r for r in results]
    return results


def _raw_record(raw: Raw, doc_id: str, inp: Input) -> RawRecord:
    return RawRecord(
        sha256=hashlib.sha256(raw.data).hexdigest(), doc_id=doc_id, source=raw.source, data=raw.data,
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
           progress: Progress | None = None) -> IngestReport:
    """Ingest files, directories, globs or ``-`` (stdin) into ``store``.

    Args:
        extract: run the extract stage (entities, quotes, times, quantities, places, events).
        workers: processes for clean + extract; None picks one per CPU (at most 4) when
            there are enough documents to be worth it.

    Inputs already recorded (same bytes) are skipped; documents whose cleaned text is
    already stored count as duplicates and only their raw bytes are added.
    """
    global _EXTRACTOR
    settings = settings or Settings()
    run = _Run(store, settings, progress or Progress())
    stream = run.stream(paths, stdin)
    head = list(itertools.islice(stream, _SERIAL_BELOW))
    if workers is None:
        workers = default_workers() if len(head) >= _SERIAL_BELOW else 1
    more = len(head) == _SERIAL_BELOW
    _EXTRACTOR = _extractor() if extract and (more or any(isinstance(i, Raw) for _, i in head)) else None
    try:
        chunks = chunked(itertools.chain(head, stream), _BATCH)
        for chunk, results in ordered_map(_process, chunks, workers=workers):
            for (inp, item), result in zip(chunk, results):
                run.write(inp, item, result)
    finally:
        _EXTRACTOR = None
    if extract:
        # Every document with entities but no cluster yet: this run's, and any an interrupted
        # earlier run stored without resolving.
        pending = store.unresolved_documents()
        if pending:
            from dossier.resolution import sync_entities

            sync_entities(store, added=pending)
    return run.report


def remove(doc_ids: Sequence[str], *, store: Store) -> list[str]:
    """Remove documents (ids or unique prefixes) and re-resolve the entities they fed."""
    from dossier.resolution import sync_entities

    removed = [store.remove_document(doc_id) for doc_id in doc_ids]
    if store.resolver_state() is not None:
        sync_entities(store, removed=removed)
    return removed
