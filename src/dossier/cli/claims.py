"""`dossier claims`: propositions that sources agree on, dispute, or report changing, each side cited."""

from __future__ import annotations

from typing import Annotated

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
from dossier.settings import DEFAULT_DB
from dossier.textutil import clip, outlet_name, plural

__all__ = ["claims", "register"]



@handle_errors
def claims(
    db: DbOption = DEFAULT_DB,
    status: Annotated[str | None, typer.Option("--status", help="Only agreed, disputed or changed claims.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="At most this many clusters.")] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many clusters first.")] = 0,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Claims across sources: what several sources agree on, what is disputed, and figures that changed.

    Each cluster is one normalised proposition (e.g. "Taliban maintains ties with al-Qaeda") with the
    sentences that support and dispute it, each cited to its document and offsets. They are read from
    what ingest kept; --limit and --offset page through them (same order as the full list).

    Example: dossier claims --status disputed --json --limit 20 --offset 40
    """
    from dossier import service

    service.check_claim_status(status)  # before opening the store: a typo is a usage error first
    store = open_db(db, timeout=timeout)
    try:
        clusters = service.claims(store, status=status, limit=limit, offset=offset)
    finally:
        store.close()
    if json_out:
        print_json([c.to_json() for c in clusters])
        return
    width = max(out.width, 100)
    if not clusters:
        out.print("no agreed, disputed or changed claims in this store", markup=False)
        return
    for cluster in clusters:
        sources = len({c.source_key for c in (*cluster.supporting, *cluster.disputing)})
        out.print(clip(f"{cluster.status.upper() if cluster.status else '—':<9} {cluster.proposition}  "
                        f"({plural(sources, 'source')}, {cluster.id})", width), markup=False)
        for mark, side in (("+", cluster.supporting), ("-", cluster.disputing)):
            for claim in side:
                value = f" {claim.value:,.0f}" if claim.value is not None else ""
                line = (f"{mark} {claim.date or '—':<10} {claim.source} ({outlet_name(claim.outlet)}, "
                        f"{claim.doc_id[:8]} {claim.span.start}-{claim.span.end}){value}: {claim.text}")
                out.print("  " + clip(line, width - 2), markup=False)
        out.print()


def register(app: typer.Typer) -> None:
    """Add `claims` to the `dossier` app."""
    app.command("claims")(claims)
