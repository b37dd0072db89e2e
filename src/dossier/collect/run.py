"""One collection pass: fetch each source, find the article pages it leads to, ingest the new ones.

A source (feed, sitemap, home page, article page) is fetched conditionally with the ETag and
Last-Modified of its last fetch; a 304, or a body with the same hash, is "unchanged" and leads
nowhere. Article URLs already stored (or rejected, or refused by robots.txt) are never fetched
again; pages whose fetch failed are retried on later passes (a few times), except where the feed
itself carried the article's text (``content:encoded``, a long description): then that text is
stored instead, with the item's link, title and date. New pages are fetched
in a thread pool (politely: :mod:`dossier.collect.fetch`) while the pipeline cleans, extracts and
stores the ones already fetched; each page's outcome is written as soon as it is known, and a
source's state (its ETag) only once all its pages are done, so an interrupted pass resumes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta

from dossier.collect.discover import Link, classify, feed_links, home_feeds, read_sitemap
from dossier.collect.fetch import Fetched, Fetcher, FetchPolicy
from dossier.engine import Engine
from dossier.ingest.feeds import read_feed
from dossier.ingest.sources import Input, bytes_input
from dossier.pipeline import IngestReport
from dossier.pipeline import Progress as Callbacks
from dossier.records import Document, Raw, Rejection
from dossier.settings import Settings
from dossier.store.base import PageRow, SourceRow, Store

__all__ = ["CollectProgress", "CollectReport", "collect"]

log = logging.getLogger(__name__)

DEFAULT_INTERVAL = 3600
_MAX_DEPTH = 3  # home page → sitemap index → sitemap → pages
_MAX_ATTEMPTS = 5  # a page whose fetch failed this often is given up
_FEED_TEXT = 500  # a feed item with at least this many characters of text carries the article itself
_TAG = re.compile(r"<[^>]+>")
# Sources read again even when unchanged: what they lead to (a home page's feeds, an index's sitemaps)
# changes without them, and each of those is asked conditionally itself. An article page given as a
# source is known by its URL instead.
_REREAD = frozenset({"home", "sitemap-index", "page"})


def validators(row: SourceRow | None) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified to send for a source (none for one that is read again anyway)."""
    if row is None or row.kind in _REREAD:
        return None, None
    return row.etag, row.last_modified


@dataclass(slots=True)
class CollectReport:
    """What one pass did."""

    sources: int = 0  # sources fetched (feeds, sitemaps, pages; discovered ones included)
    unchanged: int = 0  # of those, 304 or the same bytes as last time
    pages: int = 0  # article pages fetched
    known: int = 0  # article URLs skipped: already stored, rejected or refused
    failures: list[Rejection] = field(default_factory=list)  # sources and pages that failed
    requests: int = 0
    ingest: IngestReport = field(default_factory=IngestReport)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.ingest.rejections


@dataclass(slots=True)
class CollectProgress:
    """Callbacks for the CLI (all optional)."""

    on_source: Callable[[str, str], None] | None = None  # (url, what happened)
    on_failure: Callable[[Rejection], None] | None = None
    ingest: Callbacks = field(default_factory=Callbacks)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(slots=True)
class _Source:
    """A source's new state, written once its pages are done."""

    row: SourceRow
    pages: list[str] = field(default_factory=list)
    new: int = 0
    cut: bool = False  # more new pages than --max-pages: read it in full again next pass


class _Pass:
    def __init__(self, store: Store, fetcher: Fetcher, settings: Settings, progress: CollectProgress,
                 max_pages: int | None, interval_s: int) -> None:
        self.store, self.fetcher, self.settings, self.progress = store, fetcher, settings, progress
        self.max_pages, self.interval_s = max_pages, interval_s
        self.report = CollectReport()
        self.sources: dict[str, _Source] = {}
        self.page_source: dict[str, str] = {}  # article URL → the source that led to it
        self.queued: set[str] = set()
        self.feed_text: dict[str, Raw] = {}  # article URL → its feed item, when that holds the article's text
        self.unread_feeds: list[Fetched] = []  # feeds whose items are read only once a page fails

    def fail(self, rejection: Rejection) -> None:
        self.report.failures.append(rejection)
        if self.progress.on_failure:
            self.progress.on_failure(rejection)

    def tell(self, url: str, what: str) -> None:
        if self.progress.on_source:
            self.progress.on_source(url, what)

    # -- sources ----------------------------------------------------------------------
    def skip(self, url: str, state: SourceRow | None) -> bool:
        """An article page given as a source and already stored: nothing to ask its server."""
        return state is not None and state.kind == "page" and self._known(url)

    def visit(self, url: str, *, depth: int = 0,
              got: Fetched | Rejection | None = None) -> list[tuple[str, Fetched]]:
        """Fetch one source (unless ``got`` is its answer already) and what it leads to; returns the
        article pages it already fetched (a source that is itself an article page)."""
        state = self.store.source_state(url)
        if got is None and self.skip(url, state):
            return []
        row = state or SourceRow(url=url, saved=False, interval_s=self.interval_s, added_at=_now())
        item = self.sources.setdefault(url, _Source(row))
        self.report.sources += 1
        if got is None:
            etag, modified = validators(row)
            got = self.fetcher.get(url, etag=etag, last_modified=modified)
        if isinstance(got, Rejection):
            item.row = replace(row, last_fetch=_now(), last_error=got.reason, next_due=self._due(row))
            self.fail(got)
            return []
        item.row = replace(row, last_fetch=got.fetched_at, last_error=None, next_due=self._due(row),
                           etag=got.etag or (row.etag if got.unchanged else None),
                           last_modified=got.last_modified or (row.last_modified if got.unchanged else None))
        self._retry_failed(url)
        digest = None if got.unchanged else _sha256(got.data)
        if got.unchanged or (digest == row.body_sha256 and row.kind not in _REREAD):
            self.report.unchanged += 1
            self.tell(url, "unchanged")
            return []
        kind = classify(got.data, got.final_url)
        item.row = replace(item.row, kind=kind, body_sha256=digest)
        self.tell(url, kind or "unreadable")
        if kind == "feed":
            self.queue(url, feed_links(got.data, got.final_url))
            self.unread_feeds.append(got)
        elif kind == "sitemap":
            self._sitemap(url, got, depth)
        elif kind == "home":
            self._home(url, got, depth)
        elif kind == "page":
            if self._known(url):
                return []
            self.page_source[url] = url
            item.pages.append(url)
            return [(url, got)]
        else:
            self.fail(Rejection(url, f"not a feed, sitemap or page ({got.content_type or 'no content type'}); "
                                     "give the URL of a feed, a sitemap, a home page or an article"))
        return []

    def _read_feed_text(self) -> None:
        """The items of the feeds fetched so far that carry their article's text (read on a page's first
        failure, so a pass whose pages all arrive parses each feed once)."""
        while self.unread_feeds:
            got = self.unread_feeds.pop(0)
            feed = bytes_input(got.final_url, got.data, max_bytes=self.settings.max_bytes)
            if isinstance(feed, Rejection) or feed.format != "rss":
                continue
            for item in read_feed(feed):
                if isinstance(item, Raw) and item.url and item.text and len(_visible(item.text)) >= _FEED_TEXT:
                    self.feed_text.setdefault(item.url, item)

    def _from_feed(self, url: str, reason: str) -> Input | bool:
        """The feed's own text for an article whose page could not be fetched (as one JSONL record);
        True when that text is stored already, False when the feed carried none."""
        self._read_feed_text()
        item = self.feed_text.get(url)
        if item is None:
            return False
        record = {"url": url, "title": item.title, "published": item.published, "authors": list(item.authors),
                  "html" if item.format == "html" else "text": item.text}
        made = bytes_input(url, json.dumps(record).encode("utf-8"), url=url, max_bytes=self.settings.max_bytes)
        if isinstance(made, Rejection):
            return False
        if self.store.has_input(made.sha256):  # stored on an earlier pass: the URL is done
            self.store.record_page(PageRow(url=url, source_url=self.page_source.get(url), status="stored",
                                           fetched_at=_now(), sha256=made.sha256))
            return True
        log.info("%s: page not fetched (%s); storing the text its feed carried", url, reason)
        self.tell(url, "page not fetched; the feed's text stored")
        self.store.record_page(PageRow(url=url, source_url=self.page_source.get(url), status="failed",
                                       fetched_at=_now(), sha256=made.sha256,
                                       error=f"page not fetched ({reason}); the feed's text being stored"))
        return made

    def _sitemap(self, url: str, got: Fetched, depth: int) -> None:
        sitemap = read_sitemap(got.data, got.final_url)
        if sitemap.children and not sitemap.pages:
            self.sources[url].row = replace(self.sources[url].row, kind="sitemap-index")
        self.queue(url, list(sitemap.pages))
        if depth < _MAX_DEPTH:
            for child in sitemap.children:
                self.visit(child, depth=depth + 1)

    def _home(self, url: str, got: Fetched, depth: int) -> None:
        """A home page: its announced feeds, else the sitemaps its robots.txt names."""
        feeds = home_feeds(got.data, got.final_url)
        found = feeds or self.fetcher.sitemaps(got.final_url)
        if not found:
            self.fail(Rejection(url, "a home page that announces no feed (<link rel=\"alternate\" type=\"application/"
                                     "rss+xml\">) and whose robots.txt names no sitemap; give the URL of a feed, "
                                     "a sitemap or an article"))
        if depth < _MAX_DEPTH:
            for child in found:
                self.visit(child, depth=depth + 1)

    def _due(self, row: SourceRow) -> str:
        return (datetime.now(UTC) + timedelta(seconds=row.interval_s)).isoformat(timespec="seconds")

    def _retry_failed(self, source_url: str) -> None:
        again = self.store.pages_to_retry(source_url, max_attempts=_MAX_ATTEMPTS)
        self.queue(source_url, [Link(u) for u in again], retry=True)

    # -- pages ------------------------------------------------------------------------
    def _known(self, url: str) -> bool:
        """Whether ``url`` needs no fetch: stored, rejected or refused before (failed pages are retried)."""
        page = self.store.page_state(url)
        if page is not None and page.status != "failed":
            self.report.known += 1
            return True
        return False

    def queue(self, source_url: str, links: Sequence[Link], *, retry: bool = False) -> None:
        item = self.sources[source_url]
        taken = 0
        for link in links:
            if link.url in self.queued or (not retry and self._known(link.url)):
                continue
            if self.max_pages is not None and taken >= self.max_pages:
                log.debug("%s: more than %d new pages; the rest waits for the next pass", source_url, self.max_pages)
                item.cut = True
                break
            taken += 1
            self.queued.add(link.url)
            self.page_source[link.url] = source_url
            item.pages.append(link.url)

    def inputs(self, fetched: list[tuple[str, Fetched]], pool: ThreadPoolExecutor) -> Iterator[Input]:
        """The fetched pages as Inputs, in order; each failure or known content recorded on the way."""
        urls = [u for u in self.page_source if u not in dict(fetched)]
        futures: list[tuple[str, Future[Fetched | Rejection]]] = [
            (u, pool.submit(self.fetcher.get, u)) for u in urls]
        try:
            for url, got in fetched:
                made = self._input(url, got)
                if made is not None:
                    yield made
            for url, future in futures:
                made = self._input(url, future.result())
                if made is not None:
                    yield made
        finally:
            for _, future in futures:  # an interrupted pass drops the fetches not started
                future.cancel()

    def _input(self, url: str, got: Fetched | Rejection) -> Input | None:
        source = self.page_source.get(url)
        if isinstance(got, Rejection):
            fallback = self._from_feed(url, got.reason)
            if fallback is not False:
                return None if fallback is True else fallback
            before = self.store.page_state(url)
            refused = got.reason.startswith("disallowed")
            self.store.record_page(PageRow(url=url, source_url=source, status="disallowed" if refused else "failed",
                                           fetched_at=_now(), error=got.reason,
                                           attempts=(before.attempts + 1) if before else 1))
            self.fail(got)
            return None
        self.report.pages += 1
        made = bytes_input(url, got.data, url=got.final_url, max_bytes=self.settings.max_bytes)
        if isinstance(made, Rejection):
            self.store.record_page(PageRow(url=url, source_url=source, status="rejected", fetched_at=got.fetched_at,
                                           error=made.reason))
            self.report.ingest.rejections.append(made)
            if self.progress.ingest.on_rejection:
                self.progress.ingest.on_rejection(made)
            return None
        if self.store.has_input(made.sha256):  # the same bytes, stored from another URL or file
            self.store.record_page(PageRow(url=url, source_url=source, status="stored", fetched_at=got.fetched_at,
                                           sha256=made.sha256))
            return None
        self.store.record_page(PageRow(url=url, source_url=source, status="failed", fetched_at=got.fetched_at,
                                       sha256=made.sha256, error="fetched; not stored yet"))
        return made

    def stored(self, doc: Document, added: bool) -> None:
        """A page became a document (new or duplicate): its URL is done."""
        url = doc.source
        if url not in self.page_source:
            return
        self.store.record_page(PageRow(url=url, source_url=self.page_source[url], status="stored",
                                       fetched_at=_now(), doc_id=doc.id))
        if added:
            self.sources[self.page_source[url]].new += 1

    def rejected(self, rejection: Rejection) -> None:
        url = rejection.source
        if url in self.page_source:
            self.store.record_page(PageRow(url=url, source_url=self.page_source[url], status="rejected",
                                           fetched_at=_now(), error=rejection.reason))

    def finish(self) -> None:
        """Write each source's state: its ETag only now that its pages are done."""
        for item in self.sources.values():
            row = item.row
            if item.new:
                row = replace(row, last_new=row.last_fetch, documents=row.documents + item.new)
            if item.cut:  # no validators: the next pass reads it again and takes the pages left over
                row = replace(row, etag=None, last_modified=None, body_sha256=None)
            self.store.record_source(row)


def collect(urls: Sequence[str], *, store: Store, settings: Settings | None = None,
            policy: FetchPolicy | None = None, progress: CollectProgress | None = None,
            engine: Engine | None = None, extract: bool = True, workers: int | None = None,
            max_pages: int | None = None, interval_s: int = DEFAULT_INTERVAL) -> CollectReport:
    """One pass over ``urls`` (feeds, sitemaps, home pages, article pages): new pages stored.

    Args:
        policy: how to fetch (rate limit, timeouts, retries, limits); default: polite defaults
            with the contact and crawl delay of ``settings``.
        engine: where clean + extract run (e.g. Ray), as for :func:`dossier.pipeline.ingest`.
        max_pages: at most this many new pages from one source in this pass (the rest next pass).
        interval_s: the interval a source collected for the first time gets.
    """
    from dossier.collect.fetch import user_agent
    from dossier.pipeline import ingest

    settings = settings or Settings.from_env()
    policy = policy or FetchPolicy(user_agent=user_agent(settings.contact), delay=settings.crawl_delay,
                                   max_bytes=settings.max_bytes)
    progress = progress or CollectProgress()
    with Fetcher(policy) as fetcher, ThreadPoolExecutor(max_workers=max(1, policy.concurrency)) as pool:
        run = _Pass(store, fetcher, settings, progress, max_pages, interval_s)
        fetched: list[tuple[str, Fetched]] = []
        # The named sources are fetched side by side (each host still one request at a time, politely);
        # what they lead to is read here, in order, where the store is written.
        asked: list[tuple[str, Future[Fetched | Rejection]]] = []
        for url in dict.fromkeys(urls):
            state = store.source_state(url)
            if not run.skip(url, state):
                etag, modified = validators(state)
                asked.append((url, pool.submit(fetcher.get, url, etag=etag, last_modified=modified)))
        for url, answer in asked:
            fetched.extend(run.visit(url, got=answer.result()))
        callbacks = replace(progress.ingest, on_document=_both(run.stored, progress.ingest.on_document),
                            on_rejection=_both(run.rejected, progress.ingest.on_rejection))
        report = ingest([], store=store, settings=settings, extract=extract, workers=workers, engine=engine,
                        progress=callbacks, inputs=run.inputs(fetched, pool))
        report.rejections[:0] = run.report.ingest.rejections
        run.report.ingest = report
        run.finish()
        run.report.requests = fetcher.requests
    return run.report


def _both(first: Callable[..., None], second: Callable[..., None] | None) -> Callable[..., None]:
    def call(*args: object) -> None:
        first(*args)
        if second is not None:
            second(*args)
    return call


def _visible(text: str) -> str:
    """Text without its markup, roughly (to measure how much article a feed item carries)."""
    return " ".join(_TAG.sub(" ", text).split())
