"""Options shared by every command, defined once, and the one error handler."""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console

from dossier.errors import DossierError
from dossier.settings import DEFAULT_DB

__all__ = ["DbOption", "DebugOption", "JsonOption", "err", "handle_errors", "out"]

out = Console(soft_wrap=True, highlight=False)
err = Console(stderr=True, highlight=False, soft_wrap=True)

DbOption = Annotated[
    str,
    typer.Option("--db", envvar="DOSSIER_DB", help="Store: a SQLite file or a postgresql:// URL.",
                 show_default=True),
]
DebugOption = Annotated[bool, typer.Option("--debug", help="Show debug logs and full tracebacks.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]

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
