"""A small news site the collect tests start on 127.0.0.1: pages, feeds, sitemaps, robots.txt, and
misbehaving routes (slow, failing, redirecting, oversized), each request logged."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from dossier.collect import FetchPolicy

_TOPICS = [
    ("Flood waters close the river crossing at Kemmer", "the regional water board", "closed the bridge"),
    ("Port workers end a nine-day strike in Lasdorf", "the dockers' union", "accepted the offer"),
    ("Council approves a new rail link to Ostvale", "the provincial council", "voted for the plan"),
    ("Grain convoy reaches the northern valley", "a relief agency", "delivered the grain"),
    ("Power returns to most of Brelin after storm", "the grid operator", "restored the lines"),
    ("Teachers win a pay rise after long talks", "the education ministry", "signed the deal"),
    ("Hospital in Marrow opens a second ward", "the health authority", "opened the ward"),
    ("Border market reopens after two years", "the trade office", "reopened the market"),
]


def article(index: int) -> bytes:
    """An article page (our own invented story), distinct for every index."""
    title, actor, act = _TOPICS[index % len(_TOPICS)]
    title = f"{title} ({index})" if index >= len(_TOPICS) else title
    day = 1 + index % 27
    paragraphs = [
        f"Officials said on Tuesday that {actor} {act} after a week of pressure from residents, "
        f"and that the decision numbered {index} would take effect at once.",
        "Residents interviewed in the town square described a tense week. One shopkeeper said the "
        "queues had grown longer every morning and that prices for bread had doubled since the start of the month.",
        f"The announcement came after {actor} held a closed meeting that lasted late into the night, "
        f"according to two people who attended and asked not to be named because they were not authorised to speak.",
        f"Opposition members said the move came too late and called for an inquiry into how the "
        f"situation had been allowed to develop over the previous {index + 3} weeks.",
        "Further meetings are planned for next month, when a full report is expected to be published "
        "and debated in public.",
    ]
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title} | Valley Courier</title>"
            f'<meta property="og:site_name" content="Valley Courier">'
            f'<meta property="article:published_time" content="2024-03-{day:02d}T08:00:00Z">'
            f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article>"
            f"<footer>Copyright Valley Courier. All rights reserved.</footer></body></html>").encode()


def rss(base: str, indexes: list[int]) -> bytes:
    items = "".join(f"<item><title>Story {i}</title><link>{base}/news/{i}.html</link>"
                    f"<pubDate>Tue, 0{1 + i % 9} Mar 2024 08:00:00 GMT</pubDate>"
                    f"<description>Short summary {i}.</description></item>" for i in indexes)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>'
            f"<link>{base}/</link><description>News</description>{items}</channel></rss>").encode()


def sitemap(urls: list[str], *, news: bool = False) -> bytes:
    ns = ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' if news else ""
    rows = "".join(
        f"<url><loc>{u}</loc>" + ("<news:news><news:publication_date>2024-03-05</news:publication_date>"
                                  "</news:news>" if news else "") + "</url>" for u in urls)
    return (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"{ns}>'
            f"{rows}</urlset>").encode()


def sitemap_index(urls: list[str]) -> bytes:
    rows = "".join(f"<sitemap><loc>{u}</loc></sitemap>" for u in urls)
    return (f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}'
            "</sitemapindex>").encode()


@dataclass
class Route:
    """What one path answers: a body with a status, or a callable that decides per request."""

    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None  # answer 304 to a matching If-None-Match
    delay: float = 0.0
    length: bool = True  # send Content-Length (False: the body ends when the connection closes)
    script: Callable[[int], tuple[int, bytes, dict[str, str]]] | None = None  # (nth request) → answer


@dataclass
class Site:
    base: str
    routes: dict[str, Route] = field(default_factory=dict)
    log: list[tuple[str, int, dict[str, str]]] = field(default_factory=list)  # (path, status, request headers)

    def hits(self, path: str) -> int:
        return sum(1 for p, _, _ in self.log if p == path)

    def statuses(self) -> list[int]:
        return [s for _, s, _ in self.log]


def _handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 - http.server's name
            route = site.routes.get(self.path)
            headers = {k.lower(): v for k, v in self.headers.items()}
            if route is None:
                status, body, extra = 404, b"not here", {}
                kind = "text/plain"
            else:
                if route.delay:
                    time.sleep(route.delay)
                kind = route.content_type
                if route.script is not None:
                    status, body, extra = route.script(site.hits(self.path))
                elif route.etag and headers.get("if-none-match") == route.etag:
                    status, body, extra = 304, b"", {"ETag": route.etag}
                else:
                    status, body = route.status, route.body
                    extra = dict(route.headers)
                    if route.etag:
                        extra["ETag"] = route.etag
            site.log.append((self.path, status, headers))
            self.send_response(status)
            if status != 304:
                self.send_header("Content-Type", kind)
                if route is None or route.length:
                    self.send_header("Content-Length", str(len(body)))
            self.send_header("Date", formatdate(usegmt=True))
            for key, value in extra.items():
                self.send_header(key, value)
            self.end_headers()
            if status != 304:
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

    return Handler


@pytest.fixture
def site() -> Iterator[Site]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(Site("")))
    server.daemon_threads = True
    site = Site(f"http://127.0.0.1:{server.server_address[1]}")
    server.RequestHandlerClass = _handler(site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site
    server.shutdown()
    server.server_close()


@pytest.fixture
def policy() -> FetchPolicy:
    """Fast and still polite enough for a local server: no pause, short timeouts and backoff."""
    return FetchPolicy(user_agent="Dossier/test (+tests@example.org)", delay=0.0, timeout=1.0, retries=2,
                       backoff=0.05, max_redirects=3, max_bytes=200_000)
