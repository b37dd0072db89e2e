"""`dossier collect`, `dossier watch` and `dossier sources add|list|rm`: follow sources on the web."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, redirect_stdout
from typing import TYPE_CHECKING, Annotated, Any
from urllib.parse import urlsplit

import typer

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
from dossier.errors import ConfigError
from dossier.settings import DEFAULT_DB, Settings
from dossier.textutil import plural

if TYPE_CHECKING:
    from dossier.collect import CollectProgress, CollectReport, FetchPolicy
    from dossier.engine import Engine

__all__ = ["parse_interval", "register"]

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)

DelayOption = Annotated[float | None, typer.Option("--delay", min=0, metavar="SECONDS",
                                                   help="Least seconds between two requests to one host "
                                                        "(default 1; a longer robots.txt Crawl-delay wins).")]
FetchTimeoutOption = Annotated[float, typer.Option("--fetch-timeout", min=0.01, metavar="SECONDS",
                                                   help="Give up on a request that connects or reads nothing "
                                                        "for this long (then retried).")]
RetriesOption = Annotated[int, typer.Option("--retries", min=0, help="Further attempts after a 5xx or a "
                                                                      "connection error (never after a 4xx).")]
ConcurrencyOption = Annotated[int, typer.Option("--concurrency", min=1, help="Requests in flight at once "
                                                                              "(one per host at a time).")]
MaxPagesOption = Annotated[int | None, typer.Option("--max-pages", min=1, help="At most this many new pages from "
                                                                                "one source per pass.")]
ContactOption = Annotated[str | None, typer.Option("--contact", envvar="DOSSIER_CONTACT",
                                                   help="E-mail or URL sent in the User-Agent so site operators "
                                                        "can reach you.")]
EngineOption = Annotated[str, typer.Option(metavar="[local|ray]", help="Where clean + extract run: local or ray.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress or summary.")]


def parse_interval(text: str) -> int:
    """Seconds in ``30m``, ``1h``, ``2d``, ``90`` (seconds); ConfigError otherwise.

    >>> parse_interval("1h"), parse_interval("30m"), parse_interval("45")
    (3600, 1800, 45)
    """
    match = _INTERVAL.match(text)
    seconds = round(float(match.group(1)) * _UNITS[(match.group(2) or "s").lower()]) if match else 0
    if seconds < 1:
        raise ConfigError(f"Interval {text!r} is not a duration; write e.g. 30m, 1h or 2d.")
    return seconds


def _check_urls(urls: list[str]) -> list[str]:
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"{url!r} is not an http(s) URL; give e.g. https://example.org/feed.xml "
                              "(files go to `dossier ingest`).")
    return urls


def _policy(settings: Settings, *, timeout: float, retries: int, concurrency: int) -> FetchPolicy:
    from dossier.collect import FetchPolicy, user_agent

    return FetchPolicy(user_agent=user_agent(settings.contact), delay=settings.crawl_delay, timeout=timeout,
                       retries=retries, concurrency=concurrency, max_bytes=settings.max_bytes)


@contextmanager
def _progress(quiet: bool) -> Iterator[CollectProgress]:
    """A live line on stderr (the source or page at hand, pages fetched, documents added), and one
    line per failure or rejection, printed above it (also with --quiet)."""
    from rich.progress import Progress as Bar
    from rich.progress import SpinnerColumn, TextColumn, TimeElapsedColumn

    from dossier.collect import CollectProgress
    from dossier.pipeline import Progress

    bar = Bar(SpinnerColumn(), TextColumn("{task.description}"), TextColumn("{task.fields[pages]} pages"),
              TextColumn("{task.fields[docs]} new docs"), TimeElapsedColumn(), console=err, transient=True,
              disable=quiet)
    task = bar.add_task("collecting", total=None, pages=0, docs=0)
    counts = {"pages": 0, "docs": 0}

    def source(url: str, what: str) -> None:
        bar.update(task, description=f"{what}: {url[-60:]}")

    def page(inp: Any) -> None:
        counts["pages"] += 1
        bar.update(task, description=inp.source[-60:], pages=counts["pages"])

    def document(doc: Any, added: bool) -> None:
        counts["docs"] += int(added)
        bar.update(task, docs=counts["docs"])

    def failed(rejection: Any) -> None:
        bar.console.print(f"failed: {rejection.source}: {rejection.reason}", markup=False)

    def rejected(rejection: Any) -> None:
        bar.console.print(f"rejected: {rejection.source}: {rejection.reason}", markup=False)

    with bar:
        yield CollectProgress(on_source=source, on_failure=failed,
                              ingest=Progress(on_input=page, on_document=document, on_rejection=rejected))


def _summary(report: CollectReport) -> str:
    ing = report.ingest
    return (f"{plural(report.sources, 'source')} ({report.unchanged} unchanged), "
            f"{plural(report.pages, 'page')} fetched, {report.known} already known, "
            f"{plural(len(ing.added), 'document')} added, {plural(ing.duplicates, 'duplicate')}, "
            f"{len(report.failures)} failed, {len(ing.rejections)} rejected, {plural(report.requests, 'request')}"
            + (f"; {plural(len(ing.alerts), 'new alert')} (dossier alerts)" if ing.alerts else ""))


def _report_json(report: CollectReport) -> dict[str, Any]:
    ing = report.ingest
    return {"sources": report.sources, "unchanged": report.unchanged, "pages": report.pages, "known": report.known,
            "requests": report.requests, "added": ing.added, "duplicates": ing.duplicates,
            "failed": [{"url": r.source, "reason": r.reason} for r in report.failures],
            "rejected": [{"source": r.source, "reason": r.reason} for r in ing.rejections],
            "alerts": list(ing.alerts), "alert_errors": list(ing.alert_errors)}


def _engine(name: str, workers: int | None, address: str | None) -> Engine | None:
    from dossier.cli.main import _engine as make

    return make(name, workers=workers, address=address)


@handle_errors
def collect(
    urls: Annotated[list[str], typer.Argument(help="Feeds, sitemaps, home pages or article URLs.")],
    db: DbOption = DEFAULT_DB,
    delay: DelayOption = None,
    fetch_timeout: FetchTimeoutOption = 20.0,
    retries: RetriesOption = 2,
    concurrency: ConcurrencyOption = 4,
    max_pages: MaxPagesOption = None,
    max_bytes: Annotated[int, typer.Option(help="Largest page accepted, in bytes.")] = 50_000_000,
    contact: ContactOption = None,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help="Extract entities, quotes, events.")] = True,
    engine: EngineOption = "local",
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes or Ray actors.")] = None,
    address: Annotated[str | None, typer.Option(help="Address of an existing Ray cluster.")] = None,
    quiet: QuietOption = False,
    json_out: JsonOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """One pass over feeds, sitemaps (and sitemap indexes, news sitemaps), home pages (their feeds) and
    article URLs: new pages are fetched politely (robots.txt, 1 s between requests to a host, conditional
    GET) and stored with their URL; what is already stored is not fetched again.

    Exit code 0 when everything was fetched or unchanged, 1 when some sources or pages failed (each
    named on stderr with the reason), 2 on a usage error.

    Example: dossier collect https://example.org/feed.xml https://example.org/sitemap.xml --db news.db
    """
    from dossier.collect import collect as run

    _check_urls(urls)
    settings = Settings.from_env(db=db, max_bytes=max_bytes, contact=contact, crawl_delay=delay)
    policy = _policy(settings, timeout=fetch_timeout, retries=retries, concurrency=concurrency)
    with ExitStack() as cleanup:
        cleanup.enter_context(redirect_stdout(sys.stderr))
        runner = _engine(engine, workers, address)
        if runner is not None:
            cleanup.callback(runner.close)
        store = open_db(db, timeout=timeout, create=True)
        cleanup.callback(store.close)
        progress = cleanup.enter_context(_progress(quiet))
        report = run(urls, store=store, settings=settings, policy=policy, progress=progress,
                     engine=runner, extract=extract, workers=workers, max_pages=max_pages)
    if json_out:
        print_json(_report_json(report))
    elif not quiet:
        err.print(_summary(report), markup=False)
    if not report.ok:
        raise typer.Exit(1)


@handle_errors
def watch(
    db: DbOption = DEFAULT_DB,
    once: Annotated[bool, typer.Option("--once", help="One pass over the due sources, then exit.")] = False,
    max_passes: Annotated[int | None, typer.Option("--max-passes", min=1, help="Stop after this many passes.")]
    = None,
    delay: DelayOption = None,
    fetch_timeout: FetchTimeoutOption = 20.0,
    retries: RetriesOption = 2,
    concurrency: ConcurrencyOption = 4,
    max_pages: MaxPagesOption = None,
    contact: ContactOption = None,
    extract: Annotated[bool, typer.Option("--extract/--no-extract", help="Extract entities, quotes, events.")] = True,
    engine: EngineOption = "local",
    workers: Annotated[int | None, typer.Option(min=1, help="Worker processes or Ray actors.")] = None,
    address: Annotated[str | None, typer.Option(help="Address of an existing Ray cluster.")] = None,
    quiet: QuietOption = False,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Collect the saved sources (`dossier sources add`) again and again, each when its interval has
    passed; stop with Ctrl-C. Everything is kept in the store, so a restarted watch carries on.

    Example: dossier sources add https://example.org/feed.xml --interval 30m && dossier watch --db news.db
    """
    from dossier.collect import watch as run

    settings = Settings.from_env(db=db, contact=contact, crawl_delay=delay)
    policy = _policy(settings, timeout=fetch_timeout, retries=retries, concurrency=concurrency)
    failed = False

    def on_pass(number: int, urls: list[str], report: CollectReport) -> None:
        nonlocal failed
        failed = failed or not report.ok
        if not quiet:
            err.print(f"pass {number} over {plural(len(urls), 'due source')}: {_summary(report)}", markup=False)

    with ExitStack() as cleanup:
        cleanup.enter_context(redirect_stdout(sys.stderr))
        runner = _engine(engine, workers, address)
        if runner is not None:
            cleanup.callback(runner.close)
        store = open_db(db, timeout=timeout)
        cleanup.callback(store.close)
        progress = cleanup.enter_context(_progress(quiet))
        run(store=store, settings=settings, policy=policy, once=once, max_passes=max_passes,
            progress=progress, on_pass=on_pass, engine=runner, extract=extract, max_pages=max_pages)
    if failed:
        raise typer.Exit(1)


sources_app = typer.Typer(help="The sources `dossier watch` follows, kept in the store.\n\n"
                               "Example: dossier sources add https://example.org/feed.xml --interval 1h --db news.db",
                          no_args_is_help=True, add_completion=False, rich_markup_mode=None)


@sources_app.command("add")
@handle_errors
def sources_add(
    urls: Annotated[list[str], typer.Argument(help="Feeds, sitemaps, home pages or article URLs to follow.")],
    interval: Annotated[str, typer.Option(help="How often to collect them: 30m, 1h, 1d…")] = "1h",
    db: DbOption = DEFAULT_DB,
    timeout: TimeoutOption = None,
    debug: DebugOption = False,
) -> None:
    """Save sources for `dossier watch` (creates the store if needed); an existing one gets the new interval.

    Example: dossier sources add https://example.org/feed.xml --interval 30m --db news.db
    """
    seconds = parse_interval(interval)
    _check_urls(urls)
    store = open_db(db, timeout=timeout, create=True)
    try:
        for url in urls:
            added = store.save_source(url, interval_s=seconds)
            err.print(f"{'added' if added else 'updated'}: {url} every {interval}", markup=False)
    finally:
        store.close()


@sources_app.command("list")
@handle_errors
def sources_list(db: DbOption = DEFAULT_DB, json_out: JsonOption = False, timeout: TimeoutOption = None,
                 debug: DebugOption = False) -> None:
    """The saved sources with their status: last fetch, last new document, last error, next due.

    Example: dossier sources list --json
    """
    store = open_db(db, timeout=timeout)
    try:
        from dossier import service

        rows = service.sources(store)
    finally:
        store.close()
    if json_out:
        print_json(rows)
        return
    for row in rows:
        fetched = "ok" if row["last_fetch"] else "not fetched yet"
        status = f"error: {row['last_error']}" if row["last_error"] else fetched
        out.print(f"{row['url']}  every {row['interval']}s  {row['kind'] or '?'}  {row['documents']} docs  "
                  f"last fetch {row['last_fetch'] or '—'}  last new {row['last_new'] or '—'}  "
                  f"next {row['next_due'] or 'now'}  {status}", markup=False)


@sources_app.command("rm")
@handle_errors
def sources_rm(url: Annotated[str, typer.Argument(help="A saved source's URL.")], db: DbOption = DEFAULT_DB,
               timeout: TimeoutOption = None, debug: DebugOption = False) -> None:
    """Stop following a source (what it brought stays stored).

    Example: dossier sources rm https://example.org/feed.xml
    """
    store = open_db(db, timeout=timeout)
    try:
        removed = store.unsave_source(url)
    finally:
        store.close()
    if not removed:
        raise ConfigError(f"No saved source {url!r}; see `dossier sources list`.")
    err.print(f"removed: {url}", markup=False)


def register(app: typer.Typer) -> None:
    """Add `collect`, `watch` and `sources` to the `dossier` app."""
    app.command("collect")(collect)
    app.command("watch")(watch)
    app.add_typer(sources_app, name="sources")
