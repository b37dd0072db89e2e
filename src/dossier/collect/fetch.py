"""Polite HTTP fetching: robots.txt, a per-host rate limit, conditional GET, retries, limits.

One :class:`Fetcher` serves a whole pass (threads may share it). Every request it makes:

- asks robots.txt first (RFC 9309: a robots.txt that is missing or any 4xx allows everything; one
  that cannot be fetched, 5xx, forbids everything for this pass); a ``Crawl-delay`` longer than
  ours is honoured;
- waits until ``delay`` seconds have passed since the last request to the same host, and holds
  that host while it runs (one request per host at a time), with at most ``concurrency`` in all;
- sends ``User-Agent: Dossier/<version> (+contact)``, ``If-None-Match`` / ``If-Modified-Since``
  when the caller knows them (a 304 is :attr:`Fetched.unchanged`);
- follows at most ``max_redirects`` redirects, each hop checked against robots.txt;
- retries 5xx answers and connection errors (timeouts, refused, reset) with exponential backoff,
  never a 4xx; a 429 (or a 503 with ``Retry-After``) pauses the host: nothing more is asked of it
  for the time it names (60 s when it names none, at most an hour), and what was not fetched is
  retried by a later pass;
- reads at most ``max_bytes`` of the body.

A failure is a :class:`~dossier.records.Rejection` naming the URL and the reason, never an exception.
"""

from __future__ import annotations

import logging
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from dossier import __version__
from dossier.records import Rejection

__all__ = ["FetchPolicy", "Fetched", "Fetcher", "retry_after", "user_agent"]

log = logging.getLogger(__name__)

_MAX_CRAWL_DELAY = 60.0  # a robots.txt asking for more is read as asking for this
_PAUSE = 60.0  # how long a host that answered 429 without Retry-After is left alone
_MAX_PAUSE = 3600.0
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_DISALLOW_ALL = ("User-agent: *", "Disallow: /")


def user_agent(contact: str = "") -> str:
    """``Dossier/<version> (+contact)``: who is fetching, and how a site's operator reaches them.

    >>> user_agent("ops@example.org").split("/")[0], user_agent("ops@example.org").endswith("(+ops@example.org)")
    ('Dossier', True)
    """
    return f"Dossier/{__version__} (+{contact or 'no contact set; see DOSSIER_CONTACT'})"


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    """How politely and how patiently to fetch (tests shorten the times)."""

    user_agent: str = user_agent()
    delay: float = 1.0  # least seconds between two requests to one host
    concurrency: int = 4  # requests in flight at once, over all hosts
    timeout: float = 20.0  # seconds to connect, and between two reads
    retries: int = 2  # further attempts after a 5xx or a connection error
    backoff: float = 1.0  # seconds before the first retry, doubled for each next one
    max_redirects: int = 5
    max_bytes: int = 50_000_000
    robots: bool = True


@dataclass(frozen=True, slots=True)
class Fetched:
    """One successful answer: 200 with its body, or 304 (``unchanged``, empty body)."""

    url: str  # as asked for
    final_url: str  # after redirects
    status: int
    data: bytes
    etag: str | None
    last_modified: str | None
    content_type: str | None
    fetched_at: str  # UTC ISO 8601

    @property
    def unchanged(self) -> bool:
        return self.status == 304


class _Host:
    """One host's lock (one request at a time), when it may next be asked, and its robots.txt."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.robots: urllib.robotparser.RobotFileParser | None = None
        self.robots_read = False
        self.paused_until = 0.0  # monotonic time: the host asked us to slow down (429) until then


class Fetcher:
    """Fetch URLs politely (see the module docstring); close it when the pass is over."""

    def __init__(self, policy: FetchPolicy | None = None) -> None:
        self.policy = policy or FetchPolicy()
        self._client = httpx.Client(headers={"User-Agent": self.policy.user_agent},
                                    timeout=httpx.Timeout(self.policy.timeout), follow_redirects=False)
        self._hosts: dict[str, _Host] = {}
        self._hosts_lock = threading.Lock()
        self._slots = threading.BoundedSemaphore(max(1, self.policy.concurrency))
        self.requests = 0  # HTTP requests made, robots.txt included

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> Fetched | Rejection:
        """GET ``url`` (conditionally when ``etag``/``last_modified`` are given), following redirects."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current = url
        for _ in range(self.policy.max_redirects + 1):
            if not self.allowed(current):
                where = "" if current == url else f" (redirected to {current})"
                return Rejection(url, f"disallowed by robots.txt{where}; not fetched")
            left = self._host(current).paused_until - time.monotonic()
            if left > 0:
                return Rejection(url, f"not asked: {urlsplit(current).netloc} asked to slow down (HTTP 429) "
                                      f"{left:.0f} s more; a later pass fetches it")
            answer = self._request(url, current, headers)
            if not isinstance(answer, str):
                return answer
            current = answer
        return Rejection(url, f"too many redirects (more than {self.policy.max_redirects}); last to {current}")

    def allowed(self, url: str) -> bool:
        """Whether robots.txt lets us fetch ``url`` (always True when the policy ignores robots.txt)."""
        if not self.policy.robots:
            return True
        host = self._host(url)
        with host.lock:
            if not host.robots_read:
                host.robots = self._read_robots(url, host)
                host.robots_read = True
        return host.robots is None or host.robots.can_fetch(self.policy.user_agent, url)

    def sitemaps(self, url: str) -> list[str]:
        """The sitemaps robots.txt of ``url``'s host names."""
        self.allowed(url)
        robots = self._host(url).robots
        return list(robots.site_maps() or []) if robots is not None else []

    # -- one request --------------------------------------------------------------------
    def _request(self, url: str, current: str, headers: dict[str, str]) -> Fetched | Rejection | str:
        """The answer to one GET (retried), or the next URL when it redirects."""
        reason = ""
        for attempt in range(self.policy.retries + 1):
            if attempt:
                time.sleep(self.policy.backoff * 2 ** (attempt - 1))
            try:
                with self._slot(current):
                    result = self._send(url, current, headers)
            except httpx.TimeoutException:
                reason = f"timed out after {self.policy.timeout:g} s"
                continue
            except httpx.TransportError as exc:
                reason = f"connection failed: {exc or type(exc).__name__}"
                continue
            except httpx.InvalidURL as exc:
                return Rejection(url, f"not a URL Dossier can fetch: {exc}")
            if isinstance(result, int):  # a 5xx
                reason = f"HTTP {result} {_phrase(result)}"
                continue
            return result
        tries = self.policy.retries + 1
        return Rejection(url, f"{reason} ({tries} attempt{'s' if tries > 1 else ''})")

    def _send(self, url: str, current: str, headers: dict[str, str]) -> Fetched | Rejection | str | int:
        """One HTTP exchange: Fetched, a Rejection (4xx, too large), the redirect target, or a 5xx status."""
        self.requests += 1
        with self._client.stream("GET", current, headers=headers) as response:
            status = response.status_code
            if status == 429 or (status == 503 and response.headers.get("retry-after")):
                wait = retry_after(response.headers.get("retry-after"))
                wait = min(_PAUSE if wait is None else wait, _MAX_PAUSE)
                self._host(current).paused_until = time.monotonic() + wait
                return Rejection(url, f"HTTP {status} {_phrase(status)}: the host asked to slow down; nothing "
                                      f"more asked of it for {wait:.0f} s (a later pass fetches this page)")
            if status >= 500:
                return status
            if status == 304:
                return self._fetched(url, current, response, b"")
            if status in _REDIRECTS:
                location = response.headers.get("location")
                if not location:
                    return Rejection(url, f"HTTP {status} redirect without a Location header")
                return urljoin(current, str(location))
            if status >= 400 or status != 200:
                return Rejection(url, f"HTTP {status} {_phrase(status)}; not retried")
            body = _read_limited(response, self.policy.max_bytes)
            if body is None:
                limit = self.policy.max_bytes
                return Rejection(url, f"too large: more than the {limit / 1e6:g} MB limit for one page; "
                                 "raise --max-bytes to fetch it")
            return self._fetched(url, current, response, body)

    @staticmethod
    def _fetched(url: str, current: str, response: httpx.Response, body: bytes) -> Fetched:
        return Fetched(url=url, final_url=current, status=response.status_code, data=body,
                       etag=response.headers.get("etag"), last_modified=response.headers.get("last-modified"),
                       content_type=response.headers.get("content-type"),
                       fetched_at=datetime.now(UTC).isoformat(timespec="seconds"))

    # -- politeness ---------------------------------------------------------------------
    def _host(self, url: str) -> _Host:
        key = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            return self._hosts.setdefault(key, _Host())

    def _slot(self, url: str) -> _HostSlot:
        return _HostSlot(self, self._host(url))

    def _wait_turn(self, host: _Host) -> None:
        """Sleep until the host may be asked again (the caller holds its lock)."""
        pause = host.next_at - time.monotonic()
        if pause > 0:
            time.sleep(pause)

    def _done(self, host: _Host) -> None:
        delay = self.policy.delay
        if host.robots is not None:
            asked = host.robots.crawl_delay(self.policy.user_agent)
            if asked is not None:
                delay = max(delay, min(float(asked), _MAX_CRAWL_DELAY))
        host.next_at = time.monotonic() + delay

    def _read_robots(self, url: str, host: _Host) -> urllib.robotparser.RobotFileParser | None:
        """The host's robots.txt, parsed; None when there is none (everything allowed). The caller
        holds the host's lock; the request counts against the host's rate limit."""
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        parser = urllib.robotparser.RobotFileParser(robots_url)
        self._wait_turn(host)
        try:
            with self._slots:
                self.requests += 1
                response = self._client.get(robots_url, follow_redirects=True)
        except httpx.HTTPError as exc:
            log.debug("%s: %s; fetching nothing from the host this pass", robots_url, exc)
            parser.parse(_DISALLOW_ALL)
            return parser
        finally:
            host.next_at = time.monotonic() + self.policy.delay
        if response.status_code >= 500:
            parser.parse(_DISALLOW_ALL)
        elif response.status_code >= 400:
            return None
        else:
            parser.parse(response.text[: self.policy.max_bytes].splitlines())
        return parser


class _HostSlot:
    """Held around one request: the host's lock (after its rate-limit pause) and a concurrency slot."""

    def __init__(self, fetcher: Fetcher, host: _Host) -> None:
        self.fetcher, self.host = fetcher, host

    def __enter__(self) -> None:
        self.host.lock.acquire()
        self.fetcher._wait_turn(self.host)
        self.fetcher._slots.acquire()

    def __exit__(self, *exc: object) -> None:
        self.fetcher._slots.release()
        self.fetcher._done(self.host)
        self.host.lock.release()


def retry_after(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (delta-seconds or an HTTP date), None if unreadable.

    >>> retry_after("120"), retry_after("soon"), retry_after("Wed, 21 Oct 2015 07:28:00 GMT")
    (120.0, None, 0.0)
    """
    text = (value or "").strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


def _read_limited(response: httpx.Response, limit: int) -> bytes | None:
    """The body, or None once it grows past ``limit`` bytes (a Content-Length over it is refused unread)."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    parts: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
    return b"".join(parts)


def _phrase(status: int) -> str:
    try:
        return httpx.codes.get_reason_phrase(status)
    except ValueError:
        return ""
