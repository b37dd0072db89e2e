"""Builds and runs the stages: ingest → clean → extract → store.

Inputs stream through: each file is expanded into document-sized raw items, which are
cleaned and extracted in batches (in worker processes when there is enough work), and
written back here, in input order, one transaction per document. An input is recorded as
done only when every item in it was stored, so re-running on the same files changes
nothing, and a crash loses at most the document being written.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import itertools
import logging
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import BinaryIO, TypeVar

from dossier.engine import Engine, LocalEngine, Work
from dossier.errors import StoreError
from dossier.ingest import Input, iter_inputs, read_items
from dossier.parallel import chunked, default_workers
from dossier.records import Document, Raw, Rejection
from dossier.settings import Settings
from dossier.store.base import InputRecord, RawRecord, Store

__all__ = ["IngestReport", "Note", "Progress", "ingest", "kept_note", "remove", "skipped_note"]

log = logging.getLogger(__name__)

_BATCH = 16  # documents per worker task (one spaCy batch)
_SERIAL_BELOW = 48  # fewer items than this: not worth starting workers
_BATCH_BYTES = 4_000_000  # and at most this much input per batch: a folder of long reports stays flat


@dataclass(slots=True)
class IngestReport:
    """What one ingest run did, for the CLI summary and for scripts."""

    inputs: int = 0
    unchanged: int = 0
    resumed: int = 0  # documents an earlier, interrupted run already stored
    added: list[str] = field(default_factory=list)
    duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)  # stored, but worth a look (little text kept, not English)
    bytes: int = 0
    alerts: list[str] = field(default_factory=list)  # ids of the alerts this run raised that no run had before
    alert_errors: list[str] = field(default_factory=list)  # webhooks that failed, alerts that could not be made

    @property
    def ok(self) -> bool:
        return not self.rejections


@dataclass(frozen=True, slots=True)
class Note:
    """A document that was stored but deserves a look, e.g. cleaning kept little of its text."""

    source: str
    doc_id: str
    message: str


# Cleaning that keeps less than this share of an input's text (and drops at least _DROPPED_NOTE
# characters) is reported. Scraped text keeps 48-100% on our corpora (a comment forum is the
# low end); HTML pages keep 4-100% of their visible text (median 51%: navigation is text too),
# so only the extreme is worth a word there.
_KEPT_NOTE = {"text": 0.4, "html": 0.1}
_DROPPED_NOTE = 1_000


def kept_note(doc: Document) -> str | None:
    """One line saying how little of its input a document kept, or None when that is unremarkable."""
    kept = doc.meta.get("kept") or {}
    chars, of = int(kept.get("chars", 0)), int(kept.get("of", 0))
    threshold = _KEPT_NOTE.get(doc.format, _KEPT_NOTE["text"])
    if not of or chars >= threshold * of or of - chars < _DROPPED_NOTE:
        return None
    dropped: dict[str, int] = {}
    for segment in doc.segments:
        if segment.kind not in ("body", "title"):
            dropped[segment.kind] = dropped.get(segment.kind, 0) + segment.end - segment.start
    why = ", ".join(f"{kind} {size:,}" for kind, size in sorted(dropped.items(), key=lambda kv: -kv[1]))
    return (f"cleaning kept {chars:,} of {of:,} characters ({chars / of:.0%}) as {doc.format}"
            + (f"; dropped {why}" if why else "")
            + f"; check with `dossier show {doc.id} --segments`")


def skipped_note(doc: Document) -> str | None:
    """What extraction left out of a stored document and why (a non-English text), or None."""
    reason = doc.meta.get("not_extracted")
    return str(reason) if reason else None


@dataclass(slots=True)
class Progress:
    """Callbacks the CLI uses to draw a progress bar (all optional)."""

    on_input: Callable[[Input], None] | None = None
    on_document: Callable[[Document, bool], None] | None = None
    on_rejection: Callable[[Rejection], None] | None = None
    on_note: Callable[[Note], None] | None = None


@dataclass(frozen=True, slots=True)
class _End:
    """Marks the end of one input's items in the stream."""

    input: Input


_T = TypeVar("_T")
_Item = tuple[Input, Raw | Rejection | _End]
_Result = Document | Rejection | None


def _work(chunk: list[_Item]) -> list[Work]:
    """What an engine needs of a chunk: the items alone (never the whole input's bytes)."""
    return [item if isinstance(item, Raw | Rejection) else None for _, item in chunk]

def _head(stream: Iterator[_Item]) -> tuple[list[_Item], bool]:
    """The first items, read to decide whether workers are worth starting, and whether they are
    (at least _SERIAL_BELOW items, or more than a few batches' worth of bytes)."""
    head: list[_Item] = []
    total = 0
    for item in stream:
        head.append(item)
        total += _weight(item)
        if len(head) >= _SERIAL_BELOW or total > 4 * _BATCH_BYTES:
            return head, True
    return head, False


def _weight(item: _Item) -> int:
    """What one item costs a batch in memory: its bytes (raw data and decoded text)."""
    raw = item[1]
    return len(raw.data) + len(raw.text or "") if isinstance(raw, Raw) else 0


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _raw_record(raw: Raw, doc_id: str, inp: Input) -> RawRecord:
    return RawRecord(
        sha256=_sha256(raw.data), doc_id=doc_id, source=raw.source, data=raw.data,
        url=raw.url, container=raw.container, locator=raw.locator, input_sha256=inp.sha256,
    )


class _Run:
    """One ingest run's state: the report and each open input's counts.

    Nothing one input or item does can end the run: reading, cleaning, extracting and
    storing are each guarded, and an unexpected error becomes a Rejection naming the item.
    """

    def __init__(self, store: Store, settings: Settings, progress: Progress) -> None:
        self.store, self.settings, self.progress = store, settings, progress
        self.report = IngestReport()
        # [stored, rejected] per open input, keyed by the Input object's identity: two inputs
        # with the same bytes (report.txt, "report (1).txt") are two inputs until both are done.
        self.counts: dict[int, list[int]] = {}

    def stream(self, paths: Sequence[str], stdin: BinaryIO | None,
               given: Iterable[Input | Rejection] | None = None) -> Iterator[_Item]:
        """Every item of every input not ingested before, each input closed by an _End."""
        settings = self.settings
        inputs: Callable[[], Iterable[Input | Rejection]] = (
            functools.partial(iter_inputs, paths, stdin=stdin, max_bytes=settings.max_bytes,
                              keep_bytes=settings.keep_bytes) if given is None else lambda: given)
        for inp in _guarded(inputs, functools.partial(Rejection.unexpected, ", ".join(paths)[:200], "reading")):
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
            self.counts[id(inp)] = [0, 0]
            items = functools.partial(read_items, inp, max_bytes=settings.max_bytes)
            for item in _guarded(items, functools.partial(Rejection.unexpected, inp.source, "reading")):
                origin = self.store.raw_origin(_sha256(item.data)) if isinstance(item, Raw) else None
                if origin is not None:
                    # These exact bytes are stored: by an earlier run of this input that stopped
                    # before finishing it, or from another input. Count them; do not clean and
                    # extract them again.
                    self.counts[id(inp)][0] += 1
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
            self.counts[id(inp)][1] += 1
        if self.progress.on_rejection:
            self.progress.on_rejection(rejection)

    def write(self, inp: Input, item: Raw | Rejection | _End, result: _Result) -> None:
        if isinstance(item, _End):
            self.finish(inp)
        elif isinstance(result, Rejection):
            self.reject(result, inp)
        elif isinstance(result, Document) and isinstance(item, Raw):
            try:
                added = self.store.add_document(result, _raw_record(item, result.id, inp))
            except Exception as exc:  # noqa: BLE001 - one document that cannot be stored is not the run
                # The document's transaction rolled back; the store holds what it held before.
                self.reject(_store_rejection(item.source, exc), inp)
                return
            self.counts[id(inp)][0] += 1
            if added:
                self.report.added.append(result.id)
                for message in (kept_note(result), skipped_note(result)):
                    if message:
                        self.note(Note(item.source, result.id, message))
            else:
                self.report.duplicates += 1
            if self.progress.on_document:
                self.progress.on_document(result, added)

    def note(self, note: Note) -> None:
        self.report.notes.append(note)
        if self.progress.on_note:
            self.progress.on_note(note)

    def finish(self, inp: Input) -> None:
        stored, rejected = self.counts.pop(id(inp))
        if stored and not rejected:
            data = inp.data if inp.data is not None and inp.size <= self.settings.keep_bytes else None
            self.store.record_input(InputRecord(sha256=inp.sha256, source=inp.source, size=inp.size,
                                                format=inp.format, data=data, documents=stored, rejected=rejected))


def _guarded(items: Callable[[], Iterable[_T]],
             failed: Callable[[Exception], Rejection]) -> Iterator[_T | Rejection]:
    """What ``items()`` yields, except that an unexpected error (in the call or while iterating)
    ends them with a Rejection instead of ending the run."""
    try:
        iterator = iter(items())
    except Exception as exc:  # noqa: BLE001 - a reader's bug costs its input, not the run
        yield failed(exc)
        return
    while True:
        try:
            item = next(iterator)
        except StopIteration:
            return
        except Exception as exc:  # noqa: BLE001 - a reader's bug costs its input, not the run
            yield failed(exc)
            return
        yield item


def _store_rejection(source: str, exc: Exception) -> Rejection:
    if isinstance(exc, StoreError):
        return Rejection(source, f"not stored: {exc}")
    return Rejection.unexpected(source, "storing", exc)


def ingest(paths: Sequence[str], *, store: Store, settings: Settings | None = None,
           stdin: BinaryIO | None = None, extract: bool = True, workers: int | None = None,
           progress: Progress | None = None, engine: Engine | None = None,
           inputs: Iterable[Input | Rejection] | None = None, alerts: bool = True) -> IngestReport:
    """Ingest files, directories, globs or ``-`` (stdin) into ``store``.

    Args:
        inputs: Inputs made elsewhere (pages :mod:`dossier.collect` fetched), read lazily in
            place of ``paths``.
        extract: run the extract stage (entities, quotes, times, quantities, places, events).
        workers: processes for clean + extract on this machine; None picks one per CPU (at
            most 4) when there are enough documents to be worth it. Ignored with ``engine``.
        engine: where clean + extract run (e.g. a Ray cluster); None runs them locally.
        alerts: after a run that stored documents, keep the alerts they raise and post the ones a
            rule matches to its webhook (:mod:`dossier.alerts.passes`); needs ``extract``. False
            (an archive loaded in bulk): what the run stores never raises alerts.

    Inputs already recorded (same bytes) are skipped; documents whose cleaned text is
    already stored count as duplicates and only their raw bytes are added; documents an
    interrupted earlier run stored are not processed again.
    """
    settings = settings or Settings.from_env()  # DOSSIER_GAZETTEER reaches library and web ingests too
    alerting = alerts and extract
    if alerting:
        _begin_alerts(store)
    run = _Run(store, settings, progress or Progress())
    stream = run.stream(paths, stdin, inputs)
    head, more = _head(stream)
    if engine is None:
        engine = LocalEngine(workers if workers is not None else default_workers() if more else 1)
    needs_extractor = extract and (more or any(isinstance(i, Raw) for _, i in head))
    pending: deque[list[_Item]] = deque()

    def batches() -> Iterator[list[Work]]:
        for chunk in chunked(itertools.chain(head, stream), _BATCH, weight=_weight, max_weight=_BATCH_BYTES):
            pending.append(chunk)  # the engine pulls batches in order and answers in order
            yield _work(chunk)

    answers = engine.map(batches(), extract=needs_extractor, gazetteer=settings.gazetteer)
    try:
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
    except Exception:
        # The run itself failed (workers kept dying, the store went away): what was stored is
        # kept, and resolved now if the store still answers; the error then goes to the caller.
        if extract:
            with contextlib.suppress(Exception):
                _resolve_pending(store, gazetteer=settings.gazetteer)
        raise
    if extract:
        _resolve_pending(store, run.report.added, gazetteer=settings.gazetteer)
    if alerting and (run.report.added or run.report.resumed):  # an idle run reads nothing more
        _finish_alerts(store, run.report)
    elif extract and not alerts and run.report.added:
        _skip_alerts(store)
    return run.report


def _begin_alerts(store: Store) -> None:
    """Make sure the store holds a snapshot to compare this run with (taken once, on a store without one)."""
    from dossier.alerts.passes import begin

    begin(store)


def _skip_alerts(store: Store) -> None:
    """A run told not to alert (an archive loaded in bulk): what it stored joins the snapshot later runs compare
    with, so it never raises alerts."""
    from dossier.alerts.passes import forget

    forget(store)


def _finish_alerts(store: Store, report: IngestReport) -> None:
    """Keep the alerts the run's documents raise and post the new ones rules match; a failure here is
    reported, never the run's end (the documents are stored; the next run evaluates them again)."""
    from dossier.alerts.passes import finish

    try:
        outcome = finish(store, added=report.added)
    except Exception as exc:  # noqa: BLE001 - alerts are a view of what was stored, not the storing
        message = f"alerts not evaluated: {type(exc).__name__}: {exc}; the next run tries again"
        log.warning("%s", message, exc_info=log.isEnabledFor(logging.DEBUG))
        report.alert_errors.append(message)
        return
    report.alerts = [alert.id for alert in outcome.new]
    report.alert_errors += [d.error for d in outcome.deliveries if d.error]


def _resolve_pending(store: Store, added: Sequence[str] = (), *, gazetteer: bool | None = None) -> None:
    """Resolve every document with entities but no cluster yet: this run's, and any an
    interrupted earlier run stored without resolving; then date the undated documents they
    (or ``added``) may settle from other documents (:mod:`dossier.dating`).

    Both happen under the resolution lock: whichever process resolves a document also dates
    what it touches, so concurrent ingests end with the dates one ingest would give."""
    from dossier.dating import sync_dates
    from dossier.derived import sync_derived, version
    from dossier.query.timeline import refresh_timeline
    from dossier.resolution import sync_entities

    with store.resolution_lock():
        pending_docs = store.unresolved_documents()
        if pending_docs:
            sync_entities(store, added=pending_docs, gazetteer=gazetteer)
        touched = sorted(set(pending_docs) | set(added))
        if touched:
            sync_dates(store, touched=touched)
        if touched or store.derived_missing(version()):
            # last: claims and relations read the clusters and dates settled just above
            sync_derived(store)
    refresh_timeline(store)  # the merged timeline, from the events just derived (takes the lock itself)


def remove(doc_ids: Sequence[str], *, store: Store) -> list[str]:
    """Remove documents (ids or unique prefixes), re-resolve the entities they fed and re-derive the
    claims and relations that changed with them."""
    from dossier.dating import sync_dates
    from dossier.derived import sync_derived
    from dossier.query.timeline import refresh_timeline
    from dossier.resolution import sync_entities

    removed = [store.remove_document(doc_id) for doc_id in doc_ids]
    with store.resolution_lock():
        if store.resolver_state() is not None:
            sync_entities(store, removed=removed)
        sync_dates(store, touched=[], removed=removed)  # what they dated is dated again without them
        sync_derived(store)  # their rows went with them; what their entities or dates fed is derived again
    refresh_timeline(store)
    if removed:
        from dossier.alerts.passes import forget

        forget(store)  # the next run's alerts compare with the store without them (and never cite them)
        store.remove_alerts_citing(removed)  # an alert whose report is gone has lost its source
    return removed
