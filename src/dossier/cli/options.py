"""Options shared by every command, defined once, and the one error handler."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console

from dossier.errors import DossierError
from dossier.settings import DEFAULT_DB, Settings

if TYPE_CHECKING:
    from dossier.store.base import Store

__all__ = ["DbOption", "DebugOption", "JsonOption", "TimeoutOption", "err", "handle_errors", "open_db", "out",
           "print_json"]

out = Console(soft_wrap=True, highlight=False)


def print_json(data: Any) -> None:
    """``data`` as indented JSON on stdout, plain: a script reads it, and rich's JSON highlighter
    costs seconds on a large answer (19 s of 26 for ``timeline --json`` on 1,000 documents)."""
    sys.stdout.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    sys.stdout.flush()
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="DOSSIER_DB", help="Store: a SQLite file or a postgresql:// URL.",
                 show_default=True),
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show debug logs and full tracebacks.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]
TimeoutOption = Annotated[
    float | None,
    typer.Option("--timeout", min=0, metavar="SECONDS",
                 help="Wait at most this long for a lock another process (an ingest) holds on the store, "
                      "then exit 3 (default: 600 for SQLite, no limit for PostgreSQL)."),
]

DEFAULT = DEFAULT_DB

F = TypeVar("F", bound=Callable[..., Any])


# Libraries that log page-level parse trouble at ERROR; Dossier reports such pages itself.
_NOISY = ("trafilatura", "htmldate", "readability", "courlan", "charset_normalizer", "warcio")


def _configure_logging(debug: bool) -> None:
    level = logging.DEBUG if debug else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)
    for name in _NOISY:
        logging.getLogger(name).setLevel(logging.DEBUG if debug else logging.CRITICAL)


def handle_errors(func: F) -> F:
    """Turn a DossierError into one readable stderr line and its exit code (traceback with --debug)."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = bool(kwargs.get("debug"))
        _configure_logging(debug)
        try:
            return func(*args, **kwargs)
        except DossierError as exc:
            if debug:
                raise
            err.print(f"error: {exc}", markup=False)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            err.print("interrupted: everything stored before the interruption is kept", markup=False)
            raise typer.Exit(130) from None

    return wrapper  # type: ignore[return-value]


def open_db(db: str, *, timeout: float | None = None, create: bool = False) -> Store:
    """Open the store ``--db``/DOSSIER_DB names; only ``create`` (ingest) may make a new one.

    While another process holds the store's lock, one line on stderr says what the command waits for.
    """
    from dossier.service import open_store
    from dossier.store.postgres import redact

    url = Settings.from_env(db=db).db
    how_long = f" up to {timeout:g} s…" if timeout is not None else "… (--timeout SECONDS to give up sooner)"

    def waiting() -> None:
        err.print(f"store {redact(url)} is locked by another process (an ingest?); waiting{how_long}",
                  markup=False)

    return open_store(url, create=create, timeout=timeout, on_wait=waiting)
