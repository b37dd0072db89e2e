"""Builds and runs the stages: ingest → clean → (extract → resolve) → store.

Each input file is handled on its own: its documents are written one transaction each,
and the input is recorded as done only when every item in it was stored. Re-running on
the same files therefore changes nothing, and a crash mid-way loses at most the
document being written.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from dossier.clean import clean
from dossier.ingest import Input, iter_inputs, read_items
from dossier.records import Document, Raw, Rejection
from dossier.settings import Settings
from dossier.store.base import InputRecord, RawRecord, Store

__all__ = ["IngestReport", "Stage", "ingest"]

log = logging.getLogger(__name__)

Stage = Callable[[Document], Document]
"""A pure stage after cleaning: takes a document and returns a new one."""


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


def _raw_record(raw: Raw, doc_id: str) -> RawRecord:
    return RawRecord(
        sha256=hashlib.sha256(raw.data).hexdigest(), doc_id=doc_id, source=raw.source, data=raw.data,
        url=raw.url, container=raw.container, locator=raw.locator,
    )


def _run_stages(doc: Document, stages: Sequence[Stage]) -> Document:
    for stage in stages:
        doc = stage(doc)
    return doc


def _ingest_input(inp: Input, *, store: Store, settings: Settings, stages: Sequence[Stage],
                  report: IngestReport, progress: Progress) -> None:
    stored = rejected = 0
    for item in read_items(inp, max_bytes=settings.max_bytes):
        result = clean(item) if isinstance(item, Raw) else item
        if isinstance(result, Rejection):
            rejected += 1
            report.rejections.append(result)
            if progress.on_rejection:
                progress.on_rejection(result)
            continue
        doc = _run_stages(result, stages)
        added = store.add_document(doc, _raw_record(item, doc.id))  # type: ignore[arg-type]
        stored += 1
        if added:
            report.added.append(doc.id)
        else:
            report.duplicates += 1
        if progress.on_document:
            progress.on_document(doc, added)
    if stored and not rejected:
        data = inp.data if inp.data is not None and inp.size <= settings.keep_bytes else None
        store.record_input(InputRecord(sha256=inp.sha256, source=inp.source, size=inp.size, format=inp.format,
                                       data=data, documents=stored, rejected=rejected))


def ingest(paths: Sequence[str], *, store: Store, settings: Settings | None = None,
           stdin: BinaryIO | None = None, stages: Iterable[Stage] = (),
           progress: Progress | None = None) -> IngestReport:
    """Ingest files, directories, globs or ``-`` (stdin) into ``store``.

    Inputs already recorded (same bytes) are skipped; documents whose cleaned text is
    already stored are counted as duplicates and only their raw bytes are added.
    """
    settings = settings or Settings()
    progress = progress or Progress()
    stage_list = tuple(stages)
    report = IngestReport()
    for inp in iter_inputs(paths, stdin=stdin, max_bytes=settings.max_bytes, keep_bytes=settings.keep_bytes):
        if isinstance(inp, Rejection):
            report.rejections.append(inp)
            if progress.on_rejection:
                progress.on_rejection(inp)
            continue
        report.inputs += 1
        report.bytes += inp.size
        if progress.on_input:
            progress.on_input(inp)
        if store.has_input(inp.sha256):
            report.unchanged += 1
            continue
        _ingest_input(inp, store=store, settings=settings, stages=stage_list, report=report, progress=progress)
    return report
