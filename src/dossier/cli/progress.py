"""The ingest progress bar and per-input error lines, drawn on stderr."""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

from dossier.cli.options import err
from dossier.engine import Engine
from dossier.ingest import Input
from dossier.pipeline import IngestReport, Note
from dossier.pipeline import Progress as Callbacks
from dossier.records import Document, Rejection
from dossier.service import ingest
from dossier.settings import Settings
from dossier.store.base import Store
from dossier.textutil import display_source

__all__ = ["ingest_with_progress"]


def ingest_with_progress(paths: Sequence[str], *, store: Store, settings: Settings,
                         stdin: BinaryIO | None, quiet: bool, extract: bool = True,
                         workers: int | None = None, engine: Engine | None = None,
                         debug: bool = False, alerts: bool = True) -> IngestReport:
    """Run the pipeline with a live bar (inputs read, documents added); print each rejection
    (with its traceback under --debug, when it was a bug) and each note."""
    bar = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                   TextColumn("{task.fields[docs]} docs"), TimeElapsedColumn(),
                   console=err, transient=True, disable=quiet)
    task = bar.add_task("ingesting", total=None, docs=0)
    docs = 0

    def on_input(inp: Input) -> None:
        bar.update(task, advance=1, description=inp.source[-40:])

    def on_document(doc: Document, added: bool) -> None:
        nonlocal docs
        docs += int(added)
        bar.update(task, docs=docs)

    def on_rejection(rejection: Rejection) -> None:
        bar.console.print(f"rejected: {display_source(rejection.source)}: {rejection.reason}", markup=False)
        if debug and rejection.detail:
            bar.console.print(rejection.detail.rstrip(), markup=False)

    def on_note(note: Note) -> None:
        if not quiet:
            bar.console.print(f"note: {display_source(note.source)}: {note.message}", markup=False)

    with bar:
        return ingest(paths, store=store, settings=settings, stdin=stdin, extract=extract, workers=workers,
                      engine=engine, alerts=alerts,
                      progress=Callbacks(on_input=on_input, on_document=on_document, on_rejection=on_rejection,
                                        on_note=on_note))
