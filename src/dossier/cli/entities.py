"""`dossier entities` and `dossier entity …`: resolved actors, their pages, merge/split overrides."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from dossier import service
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
from dossier.settings import DEFAULT_DB
from dossier.textutil import clip, plural

__all__ = ["register"]

PAGE = 50  # entities listed when neither --limit nor --all is given



@handle_errors
def entities(
    db: DbOption = DEFAULT_DB,
    type_: Annotated[str | None, typer.Option("--type", help="Only this type, e.g. PERSON or ORG.")] = None,
    limit: Annotated[int | None, typer.Option(min=1, help=f"Show at most this many (default: {PAGE} in the "
                                                       "table, all with --json).")] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Show every entity.")] = False,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """List resolved entities (one per real-world actor across all documents), most mentioned first.

    Example: dossier entities --type PERSON --limit 20
    """
    store = open_db(db, timeout=timeout)
    try:
        found = [e for e in service.entities(store) if type_ is None or e.type == type_.upper()]
    finally:
        store.close()
    shown = len(found) if show_all or (json_out and limit is None) else limit or PAGE
    rows = found[:shown]
    if json_out:
        print_json([{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                              "roles": list(e.roles), "documents": e.documents, "mentions": e.mentions}
                             for e in rows])
        return
    for e in rows:
        aliases = ", ".join(a for a in e.aliases if a != e.name)
        line = f"{e.id}  {e.type:<7} {e.mentions:>4}× {plural(e.documents, 'doc')}  {e.name}"
        out.print(clip(line + (f"  (also: {aliases})" if aliases else ""), max(out.width, 100)), markup=False)
    if len(found) > len(rows):
        out.print(f"… and {len(found) - len(rows)} more; use --limit N or --all", markup=False)


def _print_page(page: dict[str, Any]) -> None:
    width = max(out.width, 100)
    out.print(f"{page['name']}  [{page['type']}]  {page['id']}", markup=False)
    if page["aliases"]:
        out.print(clip("aliases: " + ", ".join(page["aliases"]), width), markup=False)
    if page["roles"]:
        out.print(clip("roles: " + "; ".join(page["roles"]), width), markup=False)
    out.print(f"{plural(page['mentions'], 'mention')} in {plural(len(page['documents']), 'document')}",
              markup=False)
    sections = [
        ("why these were merged", [f"{m['member']} ({m['doc'][:8]}): {m['rule']} {m['score']} {m['evidence']}"
                                   for m in page["merges"]]),
        ("quotes by", [f"{label_of(q, empty='—')} {q['doc'][:8]} {q['start']}-{q['end']}: {q['text']}"
                       for q in page["quotes_by"]]),
        ("quotes about", [f"{q['speaker'] or '?'}: {q['text']}" for q in page["quotes_about"]]),
        ("relations", [f"{r['date'] or '—'} {r['source']} —{r['type']}→ {r['target']} ({r['evidence']})"
                       for r in page["relations"]]),
        ("timeline", [f"{e['date']} {e['type']:<9} {e['actor'] or '?'} → {e['target'] or '—'}: {e['action']}"
                      + ("" if e["modality"] == "asserted" else f" ({e['modality']})") for e in page["timeline"]]),
    ]
    for title, lines in sections:
        if lines:
            out.print(f"\n{title} ({len(lines)})", markup=False)
            for line in lines:
                out.print(clip("  " + line, width), markup=False)


@handle_errors
def entity(
    args: Annotated[list[str], typer.Argument(metavar="NAME | merge A B… | split A [B…]",
                                              help="An entity's name, alias or id; or merge/split with names.")],
    db: DbOption = DEFAULT_DB,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Show one entity (aliases and merge reasons, roles, quotes, events, timeline), or fix resolution.

    `merge A B` says A and B are one actor; `split A B` says they are different; `split A`
    makes A stand alone. Overrides are kept in the store and survive re-ingest.

    Example: dossier entity Khalilzad; dossier entity split "Hamid Karzai" "Hamid Karzai International Airport"
    """
    if args[0] in ("merge", "split") and len(args) < (3 if args[0] == "merge" else 2):
        raise ConfigError(f"`dossier entity {args[0]}` needs "
                          f"{'two names' if args[0] == 'merge' else 'a name'}; see --help.")
    store = open_db(db, timeout=timeout)
    try:
        if args[0] in ("merge", "split"):
            count = service.override_entities(store, args[0], args[1:])
            out.print(f"{args[0]} recorded; {plural(count, 'entity', 'entities')} after re-resolving", markup=False)
            if args[0] == "split":
                _warn_unsplit(store, args[1:])
            return
        page = service.entity_page(store, " ".join(args))
    finally:
        store.close()
    if json_out:
        print_json(page)
    else:
        _print_page(page)


@handle_errors
def graph(
    db: DbOption = DEFAULT_DB,
    entity_name: Annotated[str | None, typer.Option("--entity", help="Only this actor and its neighbours.")] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="Only relations dated on or before "
                                                               "YYYY[-MM[-DD]].")] = None,
    types: Annotated[list[str] | None, typer.Option("--type", help="Relation types to keep (repeatable).")] = None,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """The actor graph: resolved entities linked by typed, dated relations, each with its sources.

    Example: dossier graph --entity Taliban --as-of 2020-06 --json
    """
    from dossier.graph import to_json

    store = open_db(db, timeout=timeout)
    try:
        g = service.graph(store, as_of=as_of, types=types, entity=entity_name)
    finally:
        store.close()
    if json_out:
        print_json(to_json(g))
        return
    out.print(f"{plural(g.number_of_nodes(), 'actor')}, {plural(g.number_of_edges(), 'relation')}", markup=False)
    edges = sorted(g.edges(data=True), key=lambda e: (-e[2].get("weight", 1), e[0], e[1]))
    for source, target, data in edges:
        line = (f"  {g.nodes[source].get('name', source)} —{data.get('type', '?')}→ "
                f"{g.nodes[target].get('name', target)}  ×{data.get('weight', 1)} "
                f"{data.get('first_seen') or ''}…{data.get('last_seen') or ''}")
        out.print(clip(line, max(out.width, 100)), markup=False)


def register(app: typer.Typer) -> None:
    app.command("entities")(entities)
    app.command("entity")(entity)
    app.command("graph")(graph)


def _warn_unsplit(store: Any, names: list[str]) -> None:
    """Say so when a split left names in one entity: the curated gazetteer lists them as one actor's
    aliases, and a gazetteer entry is never broken up."""
    rows = {name: store.list_entities(name=name) for name in names}
    ids = {row.id for found in rows.values() for row in found}
    if len(names) > 1 and len(ids) == 1 and all(rows.values()):
        row = next(iter(rows.values()))[0]
        listed = f" (gazetteer entry {row.gazetteer!r})" if row.gazetteer else ""
        err.print(f"warning: {', '.join(repr(n) for n in names)} are still one entity, {row.name!r}{listed}: "
                  "the curated gazetteer lists them as one actor's aliases, which always stay together",
                  markup=False)
