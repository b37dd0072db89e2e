"""`dossier alerts`: what changed (new disputes, moved figures, new events and sources), and the rules that
say what the analyst wants to be told about (`alerts add|rules|rm`)."""

from __future__ import annotations

import sys
from typing import Annotated, Any

import typer

from dossier.cli.options import (
    DbOption,
    DebugOption,
    JsonOption,
    TimeoutOption,
    err,
    handle_errors,
    open_db,
    print_json,
)
from dossier.settings import DEFAULT_DB
from dossier.textutil import clip, plural

__all__ = ["alert_lines", "register"]

_KINDS_HELP = "dispute, changed, new-event or new-source"

alerts_app = typer.Typer(
    help="What changed in the store, pass after pass: new disputes, changed figures, new events, new sources.\n\n"
         "Every ingest, collect or watch pass that stores documents keeps the alerts they raise; "
         "`dossier alerts` lists them and `dossier alerts add` sets rules whose webhook is POSTed the new "
         "alerts they match. `dossier serve` shows them at /alerts and as an Atom feed at /alerts.atom.\n\n"
         "Example: dossier alerts --since 2026-03-01 --kind changed --json --db news.db",
    add_completion=False, rich_markup_mode=None, invoke_without_command=True)


def alert_lines(rows: list[dict[str, Any]], *, width: int = 100) -> list[str]:
    """Readable lines: time, kind and message, then each cited span (document id, characters, text)."""
    lines: list[str] = []
    for row in rows:
        about = row.get("claim") or row.get("event") or ""
        lines.append(clip(f"{row['created']}  {row['kind']:<10} {row['message']}", width))
        lines.append(clip(f"    {row['id']}  {plural(len(row['docs']), 'document')}"
                          + (f"  {about}" if about else "")
                          + (f"  rules {', '.join(row['rules'])}" if row.get("rules") else ""), width))
        for span in row.get("spans") or ():
            lines.append(clip(f"    [{span['doc'][:16]} {span['start']}-{span['end']}] {span['text']}", width))
    return lines


@alerts_app.callback()
@handle_errors
def alerts(
    ctx: typer.Context,
    db: DbOption = DEFAULT_DB,
    since: Annotated[str | None, typer.Option("--since", metavar="ISO",
                                              help="Only alerts raised at or after this date or time "
                                                   "(2026-03-01, 2026-03-01T12:00:00Z; UTC unless a zone is "
                                                   "given).")] = None,
    kind: Annotated[list[str] | None, typer.Option("--kind", metavar="KIND",
                                                   help=f"Only alerts of this kind ({_KINDS_HELP}); repeat "
                                                        "or give a comma list.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", min=0, help="At most this many, newest first "
                                                                    "(default: all).")] = None,
    matching: Annotated[bool, typer.Option("--matching", help="Only alerts one of your rules matches "
                                                              "(`dossier alerts rules`).")] = False,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """The stored alerts, newest first, each with the documents and characters that raised it.

    --json prints a list of alerts: id, kind (dispute|changed|new-event|new-source), created, message,
    docs (document ids), claim or event id when there is one, and spans, count, link. Exit code 0,
    2 on a bad option (an unknown kind, a --since that is not ISO 8601).

    Example: dossier alerts --since 2026-03-01T00:00:00Z --kind changed,dispute --json
    """
    if ctx.invoked_subcommand is not None:
        return
    from dossier import service

    store = open_db(db, timeout=timeout)
    try:
        rows = service.alerts(store, since=since, kinds=kind or (), limit=limit, matching=matching)
    finally:
        store.close()
    if json_out:
        print_json(rows)
        return
    if not rows:
        err.print("no alerts" + (" since " + since if since else "") + "; they appear when an ingest, collect or "
                  "watch pass stores documents that change something", markup=False)
        return
    from dossier.cli.options import out

    sys.stdout.write("\n".join(alert_lines(rows, width=max(out.width, 100))) + "\n")


@alerts_app.command("add")
@handle_errors
def add(
    entity: Annotated[str | None, typer.Option("--entity", help="Alerts about this actor, place or party "
                                                               "(a name, alias or ent_… id).")] = None,
    story: Annotated[str | None, typer.Option("--story", metavar="ID",
                                              help="Alerts about this claim cluster (clm_… from `dossier claims "
                                                   "--json`) or timeline event (evt_… from `dossier timeline "
                                                   "--json`).")] = None,
    kind: Annotated[list[str] | None, typer.Option("--kind", metavar="KIND",
                                                   help=f"Only these kinds ({_KINDS_HELP}); repeat or give a "
                                                        "comma list (default: all).")] = None,
    webhook: Annotated[str | None, typer.Option("--webhook", metavar="URL",
                                                help="POST the new alerts this rule matches here as JSON "
                                                     "({\"alerts\": [...]}), once per pass.")] = None,
    db: DbOption = DEFAULT_DB,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Keep a rule: what you want to be told about. Every pass that stores documents keeps all its
    alerts; a rule selects some (`dossier alerts --matching`) and posts the new ones to its webhook.
    Creates the store if needed. Exit code 0, 2 on a bad kind, story id or URL.

    Example: dossier alerts add --entity "Wagner Group" --kind dispute --kind changed --webhook https://hooks.example.org/dossier
    """
    from dossier import service

    store = open_db(db, timeout=timeout, create=True)
    try:
        rule = service.add_alert_rule(store, entity=entity, story=story, kinds=kind or (), webhook=webhook)
    finally:
        store.close()
    if json_out:
        print_json(rule)
        return
    err.print(f"{'added' if rule['added'] else 'already kept'}: {rule['id']} {_describe(rule)}", markup=False)
    if rule["entity"] and not rule["entities"]:
        err.print(f"note: no stored entity is called {rule['entity']!r} yet; the rule matches it once one is "
                  "(or a place or party of that name)", markup=False)


def _describe(rule: dict[str, Any]) -> str:
    parts = [f"entity {rule['entity']!r}" if rule["entity"] else "", f"story {rule['story']}" if rule["story"] else "",
             f"kinds {','.join(rule['kinds'])}", f"webhook {rule['webhook']}" if rule["webhook"] else ""]
    return "  ".join(p for p in parts if p)


@alerts_app.command("rules")
@handle_errors
def rules(db: DbOption = DEFAULT_DB, json_out: JsonOption = False, timeout: TimeoutOption = None,
          debug: DebugOption = False) -> None:
    """The alert rules kept in the store, oldest first.

    Example: dossier alerts rules --json
    """
    from dossier import service

    store = open_db(db, timeout=timeout)
    try:
        rows = service.alert_rules(store)
    finally:
        store.close()
    if json_out:
        print_json(rows)
        return
    if not rows:
        err.print("no alert rules; add one with `dossier alerts add --entity NAME`", markup=False)
    for row in rows:
        sys.stdout.write(f"{row['id']}  {_describe(row)}  (since {row['created']})\n")


@alerts_app.command("rm")
@handle_errors
def rm(rule_id: Annotated[str, typer.Argument(metavar="RULE_ID", help="A rule's id (rul_…).")],
       db: DbOption = DEFAULT_DB, timeout: TimeoutOption = None, debug: DebugOption = False) -> None:
    """Forget an alert rule (the alerts stay). Exit code 2 when there is no such rule.

    Example: dossier alerts rm rul_0123456789ab
    """
    from dossier import service

    store = open_db(db, timeout=timeout)
    try:
        service.remove_alert_rule(store, rule_id)
    finally:
        store.close()
    err.print(f"removed: {rule_id}", markup=False)


def register(app: typer.Typer) -> None:
    """Add `alerts` (with `add`, `rules`, `rm`) to the `dossier` app."""
    app.add_typer(alerts_app, name="alerts")
