"""`dossier serve`: the local web UI over the store (127.0.0.1 by default; elsewhere only with a token)."""

from __future__ import annotations

from typing import Annotated

import typer

from dossier.cli.options import DbOption, DebugOption, err, handle_errors, open_db
from dossier.errors import ConfigError
from dossier.settings import DEFAULT_DB, Settings

__all__ = ["register", "serve"]


@handle_errors
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to bind; anything but loopback needs --token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[str | None, typer.Option(envvar="DOSSIER_TOKEN",
                                              help="Require this token (?token=… or 'Authorization: Bearer …').")]
    = None,
    time_budget: Annotated[float, typer.Option("--time-budget", min=0.1, metavar="SECONDS",
                                               help="Stop a page's store reads after this long and answer "
                                                    "503 (a runaway query never holds a core).")] = 30.0,
    debug: DebugOption = False,
) -> None:
    """Serve the web UI: search, documents, entities, timeline, claims and ask, over the store.

    Example: dossier serve --port 8000 --db news.db
    """
    from dossier import service
    from dossier.web.app import is_loopback, make_app

    if not is_loopback(host) and not token:
        raise ConfigError(f"Host {host!r} is not loopback: add --token T, or use --host 127.0.0.1.")
    store = open_db(db)  # no store there: say so now, not on every page
    try:
        # a store from an older Dossier gets its claims and relations derived now, once, rather
        # than by the first page, which its time budget would stop
        service.prepare_derived(store)
    finally:
        store.close()
    import uvicorn

    app = make_app(Settings.from_env(db=db).db, token=token or None, time_budget=time_budget)
    err.print(f"Dossier on http://{host}:{port}/" + ("  (token required)" if token else ""), markup=False)
    uvicorn.run(app, host=host, port=port, log_level="debug" if debug else "warning")


def register(app: typer.Typer) -> None:
    """Add `serve` to the `dossier` app."""
    app.command("serve")(serve)
