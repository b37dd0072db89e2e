"""`dossier ask QUESTION`: an answer from the store, every sentence cited."""

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
from dossier.dates import label_of
from dossier.settings import DEFAULT_DB
from dossier.textutil import clip, outlet_name, quoted

__all__ = ["register"]



@handle_errors
def ask_cli(
    question: Annotated[list[str], typer.Argument(metavar="QUESTION", help="The question, quoted or as words.")],
    db: DbOption = DEFAULT_DB,
    max_docs: Annotated[int, typer.Option("--max-docs", min=1, help="Most documents read for one answer.")] = 30,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Answer a question from the store, offline: quotes, numbers, dates, participants, agreed and
    disputed claims, each sentence cited to a span of a stored document. When the store has
    nothing relevant, the answer says so, with no citations.

    Example: dossier ask "How many al-Qaeda operatives are in Afghanistan?" --json
    """
    from dossier import service

    store = open_db(db, timeout=timeout)
    try:
        answer = service.ask(store, " ".join(question), max_docs=max_docs)
    finally:
        store.close()
    if json_out:
        print_json(answer.to_json())
        return
    out.print(answer.answer, markup=False)
    if answer.citations:
        out.print("", markup=False)
    width = max(out.width, 100)
    for number, c in enumerate(answer.citations, 1):
        head = f"[{number}] {c.doc[:8]} {outlet_name(c.outlet)} {label_of(c, empty='undated')}: "
        text = clip(c.text, max(width * 2 - len(head) - 2, 20))  # cut inside the quotation marks
        out.print(head + quoted(text), markup=False)


def register(app: typer.Typer) -> None:
    app.command("ask")(ask_cli)
