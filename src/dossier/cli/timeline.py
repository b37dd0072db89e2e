"""`dossier timeline`: one merged, dated list of events across every stored document."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from dossier.cli.options import (
    DbOption,
    DebugOption,
    JsonOption,
    TimeoutOption,
    handle_errors,
    open_db,
    out,
    print_json,
)
from dossier.dates import label_of
from dossier.settings import DEFAULT_DB
from dossier.textutil import UNKNOWN_OUTLET, clip, plural

__all__ = ["register", "timeline_lines"]



def _outlet(report: dict[str, Any]) -> str:
    """The reporting outlet; a document without one is told apart by its id."""
    return report["outlet"] or f"{UNKNOWN_OUTLET} ({report['doc'][:8]})"


def _when(row: dict[str, Any]) -> str:
    return f"{row['date']} ({row['date_precision']})" if row["date"] else "— (undated)"


def timeline_lines(rows: list[dict[str, Any]], *, width: int = 100) -> list[str]:
    """Readable lines: date with its precision, who did what to whom, sources, disagreeing figures."""
    lines: list[str] = []
    for row in rows:
        what = f"{row['actor'] or '?'} → {row['target'] or '—'}: {row['action']}"
        extras = [f"at {row['place']}"] if row["place"] else []
        extras += [f"{key} {value}" for key, value in row["quantities"].items()]
        if row["modality"] != "asserted":
            extras.append(row["modality"])
        outlets = sorted({_outlet(s) for s in row["sources"]})
        seen = f"seen {row['first_seen']}…{row['last_seen']}" if row["first_seen"] else "undated reports"
        head = f"{_when(row):<26} {row['type']:<9} {what}" + (f" ({', '.join(extras)})" if extras else "")
        lines.append(clip(head, width))
        lines.append(clip(f"    {plural(len(row['sources']), 'report')} in {plural(row['documents'], 'document')}"
                           f", {seen}: {', '.join(outlets)}", width))
        for key, reports in row["figures"].items():
            lines.append(f"    sources disagree on {key}:")
            lines.extend(clip(f"      {r['value']} — {_outlet(r)}, {label_of(r, empty='undated')}: "
                               f"{r['text']}", width) for r in reports)
    return lines


@handle_errors
def timeline(
    db: DbOption = DEFAULT_DB,
    entity: Annotated[str | None, typer.Option("--entity", help="Only events with this actor or target "
                                                                "(a name, alias or id).")] = None,
    start: Annotated[str | None, typer.Option("--from", help="Only events on or after YYYY[-MM[-DD]].")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Only events on or before YYYY[-MM[-DD]].")] = None,
    include_all: Annotated[bool, typer.Option("--all", help="Also negated and hypothetical events, "
                                                            "marked with their modality.")] = False,
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="At most this many events "
                                                                    "(default: all).")] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many events first "
                                                              "(with --limit: one page).")] = 0,
    min_confidence: Annotated[float, typer.Option(
        "--min-confidence", min=0.0, max=1.0,
        help="Hide events below this confidence (1.0 a named actor or target, 0.7 casualties or a place and "
             "a time, 0.4 the event word alone). Default 0.5 hides cue-only events; 0 shows all, as "
             "exports do.")] = 0.5,  # query.timeline.MIN_CONFIDENCE (not imported: the CLI starts fast)
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Events from all documents on one timeline, oldest first: one row per event, however many outlets
    reported it, with its sources, first/last seen dates and any figures the sources disagree on.

    Dates show their precision: "2021-08 (month)"; "(publication)" means the event had no date of
    its own and the first report's publication date stands in.

    Events whose only evidence is the event word ("a bomb exploded": confidence 0.4) are hidden
    unless --min-confidence 0; `dossier export` keeps every event.

    Example: dossier timeline --entity Taliban --from 2020-02 --to 2021-08 --min-confidence 0.7 --json
    """
    from dossier.query.timeline import timeline as build

    store = open_db(db, timeout=timeout)
    try:
        rows = build(store, entity=entity, start=start, end=end, include_all=include_all,
                     limit=limit, offset=offset, min_confidence=min_confidence)
    finally:
        store.close()
    if json_out:
        print_json(rows)
        return
    lines = timeline_lines(rows, width=max(out.width, 100))
    if lines:  # plain lines: rich's rendering took seconds for the 18,000 events of 10,000 documents
        sys.stdout.write("\n".join(lines) + "\n")


def register(app: typer.Typer) -> None:
    """Add `timeline` to the `dossier` app."""
    app.command("timeline")(timeline)
