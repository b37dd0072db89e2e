"""`dossier watch`: collect the saved sources again and again, each when its interval has passed.

All state is in the store (each source's next due time, ETag, status; each page's outcome), so a
watcher stopped and started again carries on where it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime

from dossier.collect.fetch import FetchPolicy
from dossier.collect.run import CollectProgress, CollectReport, collect
from dossier.engine import Engine
from dossier.errors import ConfigError
from dossier.settings import Settings
from dossier.store.base import Store

__all__ = ["watch"]

_LONGEST_SLEEP = 60.0  # look again at least this often (a source added meanwhile is picked up)


def _now() -> datetime:
    return datetime.now(UTC)


def watch(*, store: Store, settings: Settings | None = None, policy: FetchPolicy | None = None,
          once: bool = False, max_passes: int | None = None, progress: CollectProgress | None = None,
          on_pass: Callable[[int, list[str], CollectReport], None] | None = None,
          engine: Engine | None = None, extract: bool = True, max_pages: int | None = None,
          sleep: Callable[[float], None] = time.sleep) -> int:
    """Run passes over the due saved sources until ``once`` / ``max_passes`` says stop; returns the passes run.

    Raises:
        ConfigError: no source is saved (``dossier sources add URL`` first).
    """
    if not store.list_sources():
        raise ConfigError("No sources to watch; add one with `dossier sources add URL [--interval 1h]`.")
    passes = 0
    while True:
        due = [row.url for row in store.due_sources(_now().isoformat(timespec="seconds"))]
        if due:
            report = collect(due, store=store, settings=settings, policy=policy, progress=progress, engine=engine,
                             extract=extract, max_pages=max_pages)
            passes += 1
            if on_pass is not None:
                on_pass(passes, due, report)
        if once or (max_passes is not None and passes >= max_passes):
            return passes
        sleep(_pause(store))


def _pause(store: Store) -> float:
    """Seconds until the next saved source is due (at most a minute, at least a second)."""
    upcoming = [row.next_due for row in store.list_sources() if row.next_due]
    if len(upcoming) < len(store.list_sources()):
        return 1.0
    wait = (datetime.fromisoformat(min(upcoming)) - _now()).total_seconds()
    return max(1.0, min(wait, _LONGEST_SLEEP))
