"""The `dossier` command line: thin commands that call importable functions and render results."""

from __future__ import annotations

import sys
from contextlib import ExitStack, redirect_stdout
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.markup import escape

from dossier import service
from dossier.backends import open_engine
from dossier.cli.options import (
    DbOption,
    DebugOption,
    JsonOption,
    TimeoutOption,
    err,
    handle_errors,
    open_db,
    out,
    print_json,
)
from dossier.dates import label_of
from dossier.errors import ConfigError
from dossier.export import write_jsonl
from dossier.service import split_snippet  # re-exported: tests and scripts import it from here
from dossier.settings import DEFAULT_DB, Settings
from dossier.textutil import clip, display_source, outlet_name, plural

if TYPE_CHECKING:
    from dossier.engine import Engine

__all__ = ["app", "main", "split_snippet"]

app = typer.Typer(
    name="dossier",
    help="Dossier: turn a pile of news articles into a sourced knowledge base, offline.\n\n"
         "Example: dossier ingest samples/articles && dossier ask \"Does the Taliban still support al-Qaeda?\"",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)

EXPORT_FORMATS = ("jsonl", "csv", "plover", "graphml", "stix", "markdown")


def _clip(text: str, width: int) -> str:
    return clip(text, width, collapse=False)


@app.command()
@handle_errors
def ingest(
    paths: Annotated[list[str], typer.Argument(help="Files, directories (recursive), globs, or - for stdin.")],
    db: DbOption = DEFAULT_DB,
    max_bytes: Annotated[int, typer.Option(help="Largest single article file accepted, in bytes.")] = 50_000_000,
    extract: Annotated[bool, typer.Option("--extract/--no-extract",
                                          help="Extract entities, quotes, events, times, quantities.")] = True,
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes (default: one per CPU, at most 4, "
                                                "when there are enough documents); with --engine ray, Ray actors "
                                                "(default: the same, or every CPU of an --address cluster).")] = None,
    engine: Annotated[str, typer.Option(metavar="[local|ray]", help="Where clean + extract run: local (processes "
                                        "on this machine) or ray (actors on a Ray cluster).")] = "local",
    address: Annotated[str | None, typer.Option(help="Address of an existing Ray cluster (auto, host:6379 or "
                                                     "ray://host:10001); default: start a local one.")] = None,
    gazetteer: Annotated[bool | None, typer.Option(
        "--gazetteer/--no-gazetteer",
        help="Use the shipped actor gazetteer (data/actors.jsonl: its entity matches, canonical names, aliases "
             "in resolution, affiliate/parent links). --no-gazetteer extracts and resolves entities from the "
             "model and generic rules alone, as on a conflict the gazetteer does not cover. Place coordinates for "
             "the map stay on either way (GeoNames and the regional place table: geography, not actors). "
             "Default: on, or DOSSIER_GAZETTEER=off.",
        show_default=False)] = None,
    alerts: Annotated[bool, typer.Option("--alerts/--no-alerts",
                                         help="Keep the alerts the new documents raise (`dossier alerts`) and post "
                                              "the new ones rules match to their webhooks. --no-alerts: an archive "
                                              "loaded in bulk, whose documents never raise alerts.")] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar or summary.")] = False,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Ingest scraped text, HTML, WARC(.gz), RSS/Atom and JSONL into the store.

    Exit code 0 when everything was stored, 1 when some inputs were rejected (each named on
    stderr with the reason; the rest is stored), 2 on a usage error.

    Example: dossier ingest samples/ 'more/**/*.html' --db news.db --engine ray --workers 8
    """
    from dossier.cli.progress import ingest_with_progress  # the pipeline's readers are slow to import

    settings = Settings.from_env(db=db, max_bytes=max_bytes, gazetteer=gazetteer)
    with ExitStack() as cleanup:  # the engine is stopped (Ray actors killed) however ingest ends
        # stdout carries only the final report: whatever a library prints meanwhile (Ray's
        # "worker died, retrying" notices) goes to stderr, so `--json | jq` keeps working.
        cleanup.enter_context(redirect_stdout(sys.stderr))
        runner = _engine(engine, workers=workers, address=address)
        if runner is not None:
            cleanup.callback(runner.close)
        store = open_db(db, timeout=timeout, create=True)
        cleanup.callback(store.close)
        stdin = sys.stdin.buffer if "-" in paths else None
        report = ingest_with_progress(paths, store=store, settings=settings, stdin=stdin, quiet=quiet,
                                      extract=extract, workers=workers, engine=runner, debug=debug,
                                      alerts=alerts)
        counts = store.counts()
    if json_out:
        print_json({
            "inputs": report.inputs, "unchanged": report.unchanged, "resumed": report.resumed,
            "added": report.added, "duplicates": report.duplicates, "bytes": report.bytes,
            "rejected": [{"source": r.source, "reason": r.reason} for r in report.rejections],
            "notes": [{"source": n.source, "doc": n.doc_id, "message": n.message} for n in report.notes],
            "alerts": report.alerts, "alert_errors": report.alert_errors,
            "store": counts,
        })
    elif not quiet:
        resumed = f"{report.resumed} resumed, " if report.resumed else ""
        err.print(
            f"{plural(len(report.added), 'document')} added, {resumed}{plural(report.duplicates, 'duplicate')}, "
            f"{plural(report.unchanged, 'input')} unchanged, {len(report.rejections)} rejected "
            f"— store {settings.db} now holds {plural(counts['documents'], 'document')} "
            f"from {plural(counts['outlets'], 'outlet')}"
            + (f"; {plural(len(report.alerts), 'new alert')} (dossier alerts)" if report.alerts else ""),
            markup=False,
        )
    if report.rejections:
        raise typer.Exit(1)


def _engine(name: str, *, workers: int | None, address: str | None) -> Engine | None:
    """The engine --engine names; None for plain local, so the pipeline sizes its workers to the input."""
    if name == "local" and address is None:
        return None
    return open_engine(name, workers=workers, address=address)


@app.command()
@handle_errors
def docs(
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int | None, typer.Option(min=1, help="Show at most this many.")] = None,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """List stored documents, oldest first (undated last).

    Inferred publication dates are marked: "~2013" (reasoned, not stated), "≥2021-08-26"
    (on or after that day, from other documents or the text); `dossier show ID` says why.

    Example: dossier docs --limit 20
    """
    store = open_db(db, timeout=timeout)
    try:
        rows = service.documents(store, limit=limit)
    finally:
        store.close()
    if json_out:
        print_json([{"id": r.id, "title": r.title, "outlet": r.outlet, "published": r.published,
                              "published_precision": r.published_precision,
                              "published_inferred": r.published_inferred,
                              "source": r.source, "chars": r.chars, "language": r.language} for r in rows])
        return
    width = max(out.width, 100)
    for r in rows:
        outlet = _clip(outlet_name(r.outlet), 18)
        lang = f"[{r.language}] " if r.language not in (None, "en") else ""  # flag what was not extracted
        line = f"{r.id}  {label_of(r, empty='—'):<11}  {outlet:<18}  {lang}{r.title or '(untitled)'}"
        out.print(_clip(line, width), markup=False)


@app.command()
@handle_errors
def show(
    doc_id: Annotated[str, typer.Argument(metavar="ID", help="A document id or a unique prefix of it.")],
    db: DbOption = DEFAULT_DB,
    raw: Annotated[bool, typer.Option("--raw", help="Print the verbatim input bytes as ingested.")] = False,
    segments: Annotated[bool, typer.Option("--segments", help="List every input line's class and reason.")] = False,
    facts: Annotated[bool, typer.Option("--facts", help="List entities, quotes, events and quantities.")] = False,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Show a document's cleaned text and metadata (or its raw input with --raw).

    Example: dossier show 3fa2 --facts
    """
    store = open_db(db, timeout=timeout)
    try:
        doc = service.document(store, doc_id)
        raws = service.raws(store, doc.id) if raw else []
    finally:
        store.close()
    if raw:
        for stored in raws:
            sys.stdout.buffer.write(stored.data)
        sys.stdout.flush()
        return
    if json_out:
        from dossier.export import document_record

        record: dict[str, Any] = document_record(doc)
        record["segments"] = [{"kind": s.kind, "start": s.start, "end": s.end, "reason": s.reason}
                              for s in doc.segments]
        print_json(record)
        return
    meta = [("id", doc.id), ("title", doc.title), ("authors", ", ".join(doc.authors) or None),
            ("outlet", doc.outlet), ("published", label_of(doc, long=True)), ("date basis", doc.published_basis),
            ("modified", doc.modified), ("source", display_source(doc.url or doc.source)),
            ("language", _language_line(doc)),
            ("cleaner", doc.clean_method)]
    for name, value in meta:
        if value:
            out.print(f"[bold]{name:>10}[/bold]  {escape(str(value))}")
    out.print()
    out.print(doc.text, markup=False)
    if segments:
        out.print()
        out.print(_kept_line(doc), markup=False)
        for seg in doc.segments:
            line = doc.raw_text[seg.start:seg.end].replace("\n", " ")
            out.print(f"{seg.kind:>11}  {seg.reason:<28} {line[:90]}", markup=False)
    if facts:
        from dossier.cli.render import fact_lines

        out.print()
        for line in fact_lines(doc, width=max(out.width, 100)):
            out.print(line, markup=False)


def _language_line(doc: Any) -> str | None:
    """The language and how it was decided; for a non-English text, what extraction skipped."""
    guess = doc.meta.get("language") or {}
    if not doc.language:
        return None
    line = f"{doc.language} ({guess.get('basis', 'stored')})" if guess else doc.language
    skipped = doc.meta.get("not_extracted")
    return f"{line}; entities, quotes and events not extracted (English model only)" if skipped else line


def _kept_line(doc: Any) -> str:
    """How much of its input a document kept, and how it was cleaned: the context for --segments."""
    kept = doc.meta.get("kept") or {}
    chars, of = int(kept.get("chars", len(doc.text))), int(kept.get("of", 0))
    share = f"kept {chars:,} of {of:,} characters ({chars / of:.0%})" if of else f"kept {chars:,} characters"
    lines = "" if doc.segments else "; an HTML page: its dropped parts are not listed line by line"
    return f"{share}, read as {doc.format}, cleaned by {doc.clean_method or 'unknown'}{lines}"


@app.command()
@handle_errors
def rm(
    doc_ids: Annotated[list[str], typer.Argument(metavar="ID...", help="Document ids or unique prefixes.")],
    db: DbOption = DEFAULT_DB,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Remove documents with their facts and raw bytes; re-ingesting their files adds them back.

    Example: dossier rm 3fa2 9dbb7c
    """
    store = open_db(db, timeout=timeout)
    try:
        for doc_id in service.remove(doc_ids, store=store):
            err.print(f"removed {doc_id}", markup=False)
    finally:
        store.close()


@app.command()
@handle_errors
def search(
    query: Annotated[str, typer.Argument(help='Words, "phrases", OR, NOT, prefix*, title:word.')],
    db: DbOption = DEFAULT_DB,
    limit: Annotated[int, typer.Option(min=1, help="Show at most this many hits.")] = 20,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Full-text search with highlighted snippets, best match first.

    Example: dossier search '"peace deal" al-Qaeda NOT Pakistan'
    """
    store = open_db(db, timeout=timeout)
    try:
        hits = service.search(store, query, limit=limit)
    finally:
        store.close()
    if json_out:
        print_json([service.hit_record(hit, digits=4) for hit in hits])
        return
    if not hits:
        err.print(f"no documents match {query!r}", markup=False)
        return
    for hit in hits:  # one hit, two lines: whitespace in titles and snippets (newlines too) is one space
        snippet = escape(" ".join(hit.snippet.split()))
        snippet = snippet.replace("\x02", "[bold yellow]").replace("\x03", "[/bold yellow]")
        title = " ".join((hit.title or "(untitled)").split())
        out.print(f"[cyan]{hit.id}[/cyan]  {escape(title)}  "
                  f"[dim]{escape(outlet_name(hit.outlet))} {escape(label_of(hit, empty='undated'))}[/dim]")
        out.print(f"    {snippet}")


@app.command()
@handle_errors
def export(
    fmt: Annotated[str, typer.Option("--format", "-f",
                                     help="Export format: jsonl, csv, plover, graphml, stix or markdown.")] = "jsonl",
    out_path: Annotated[str, typer.Option("--out", "-o", help="Output file, or - for stdout.")] = "-",
    topic: Annotated[str | None, typer.Option("--topic", help="Markdown brief: only documents matching this "
                                                               "search query.")] = None,
    db: DbOption = DEFAULT_DB,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Export the store: JSON document records (jsonl), events (csv, GDELT-like; plover, JSON lines),
    the actor graph (graphml, for Gephi), a STIX 2.1 bundle (stix), or a Markdown brief (markdown).

    Example: dossier export --format markdown --topic '"al-Qaeda"' --out brief.md
    """
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"No export format {fmt!r}. Known: {', '.join(EXPORT_FORMATS)}.")
    store = open_db(db, timeout=timeout)
    try:
        if fmt == "graphml":
            _export_graphml(store, out_path)
        elif fmt in ("csv", "plover"):
            import io

            from dossier.export.events import write_events_csv, write_plover

            buffer = io.StringIO()
            (write_events_csv if fmt == "csv" else write_plover)(store, buffer)
            _write_text(buffer.getvalue(), out_path)
        elif fmt == "stix":
            import io

            from dossier.export.stix import write_stix

            buffer = io.StringIO()
            write_stix(store, buffer)
            _write_text(buffer.getvalue(), out_path)
        elif fmt == "markdown":
            from dossier.export.markdown import write_brief

            _write_text(write_brief(store, topic=topic), out_path)
        elif out_path == "-":
            write_jsonl(store.iter_documents(), sys.stdout)
        else:
            tmp = Path(out_path + ".part")
            with tmp.open("w", encoding="utf-8") as handle:
                count = write_jsonl(store.iter_documents(), handle)
            tmp.replace(out_path)
            err.print(f"{plural(count, 'document')} written to {out_path}", markup=False)
    finally:
        store.close()


def _write_text(text: str, out_path: str) -> None:
    if out_path == "-":
        sys.stdout.write(text)
        return
    tmp = Path(out_path + ".part")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out_path)
    err.print(f"written to {out_path}", markup=False)


def _export_graphml(store: Any, out_path: str) -> None:
    from dossier.graph import write_graphml

    graph = service.graph(store)
    if out_path == "-":
        write_graphml(graph, sys.stdout.buffer)
        sys.stdout.flush()
        return
    tmp = Path(out_path + ".part")
    with tmp.open("wb") as handle:
        write_graphml(graph, handle)
    tmp.replace(out_path)
    err.print(f"{plural(graph.number_of_nodes(), 'actor')}, {plural(graph.number_of_edges(), 'relation')} "
              f"written to {out_path}",
              markup=False)


@app.command()
@handle_errors
def stats(db: DbOption = DEFAULT_DB, json_out: JsonOption = False, timeout: TimeoutOption = None,
          debug: DebugOption = False) -> None:
    """Summarise the store: documents, outlets, date range, inputs.

    Example: dossier stats --json
    """
    store = open_db(db, timeout=timeout)
    try:
        summary = service.stats(store)
    finally:
        store.close()
    if json_out:
        print_json(summary)
        return
    out.print(f"[bold]{plural(summary['documents'], 'document')}[/bold] from {plural(summary['inputs'], 'input')}, "
              f"{plural(summary['outlets'], 'outlet')}, published {summary['date_range'] or 'n/a'}")
    for outlet, count in summary["by_outlet"]:
        out.print(f"  {count:>4}  {escape(outlet)}")


from dossier.cli import alerts as _alerts  # noqa: E402
from dossier.cli import ask as _ask  # noqa: E402
from dossier.cli import claims as _claims  # noqa: E402
from dossier.cli import collect as _collect  # noqa: E402
from dossier.cli import entities as _entities  # noqa: E402  (commands register on the app)
from dossier.cli import serve as _serve  # noqa: E402
from dossier.cli import timeline as _timeline  # noqa: E402

_entities.register(app)
_claims.register(app)
_timeline.register(app)
_ask.register(app)
_serve.register(app)
_collect.register(app)
_alerts.register(app)


def main() -> None:
    """Entry point of the `dossier` console script."""
    app()


if __name__ == "__main__":
    main()
