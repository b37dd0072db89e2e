"""`dossier collect`: what fetching adds over `ingest`, and what an idle pass over unchanged sources costs.

Everything runs against a server this script starts on 127.0.0.1 (no other address is contacted):

* pages/s     N generated article pages (default 100) ingested from a folder with ``ingest``, then
              the same bytes served over HTTP and collected through a sitemap with ``collect`` into
              a fresh store (same pipeline, same extraction); the ratio is what fetching costs
* idle pass   S sources (default 1,000 feeds with an ETag) collected once, then a second, timed
              pass that only makes conditional GETs (each answered 304) and stores nothing

The per-host delay is 0 here (one local host); against real sites the rate limit (1 s per host by
default) bounds a pass, not this cost.

    .venv/bin/python bench/collect.py                     # both measures
    .venv/bin/python bench/collect.py --pages 50 --sources 200 --no-extract
"""

from __future__ import annotations

import argparse
import multiprocessing
import socket
import tempfile
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from dossier.backends import open_store
from dossier.collect import FetchPolicy, collect
from dossier.pipeline import ingest

_PLACES = ["Kemmer", "Lasdorf", "Ostvale", "Brelin", "Marrow", "Tessin", "Hollow Ford", "Parrin"]
_BODIES = ["the regional council", "the port authority", "a relief agency", "the grid operator",
           "the teachers' union", "the health ministry", "the trade office", "the border police"]


def page(index: int) -> bytes:
    """A generated article, distinct for every index (invented places and bodies)."""
    place, body = _PLACES[index % len(_PLACES)], _BODIES[(index // len(_PLACES)) % len(_BODIES)]
    paras = [
        f"{place.upper()} — Officials said on Monday that {body} had agreed to measure number {index} after "
        f"a week of protests in {place}, where residents have complained about delays for months.",
        f"The agreement, reached late on Sunday, covers {index % 40 + 3} districts and is expected to cost "
        f"about {index % 90 + 10} million, according to a statement released by {body}.",
        f"Residents of {place} said they welcomed the decision but doubted it would be carried out quickly. "
        "One trader said queues at the market had doubled since the start of the month.",
        f"Opposition members in {place} called for an inquiry and said the plan should have come weeks "
        "earlier, before the roads were closed and the schools shut.",
        "A further meeting is planned for next month, when a full report will be published.",
    ]
    return (f"<!DOCTYPE html><html><head><title>{place}: {body} agrees to measure {index}</title>"
            f'<meta property="article:published_time" content="2024-04-{1 + index % 28:02d}T09:00:00Z"></head>'
            f"<body><article><h1>{place}: {body} agrees to measure {index}</h1>"
            + "".join(f"<p>{p}</p>" for p in paras) + "</article></body></html>").encode()


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, bytes] = {}
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body are two writes: no 40 ms delayed-ACK stall

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = self.routes.get(self.path)
        etag = f'"{hash(body) & 0xffffffff:x}"' if body is not None else ""
        if body is not None and self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        status, body = (200, body) if body is not None else (404, b"not found")
        self.send_response(status)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Type", "text/xml" if self.path.endswith(".xml") else "text/html")
        if etag:
            self.send_header("ETag", etag)
        self.end_headers()
        self.wfile.write(body)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _serve(routes: dict[str, bytes], port: int) -> multiprocessing.Process:
    """Serve ``routes`` from a separate process (a server thread here would share the GIL with the pass)."""
    _Handler.routes = routes
    server = ThreadingHTTPServer(("127.0.0.1", port), _Handler)
    server.daemon_threads = True
    process = multiprocessing.get_context("fork").Process(target=server.serve_forever, daemon=True)
    process.start()
    server.socket.close()  # the child process holds the listening socket
    return process


def _sitemap(urls: list[str]) -> bytes:
    rows = "".join(f"<url><loc>{u}</loc></url>" for u in urls)
    return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</urlset>'
            ).encode()


def _feed(index: int) -> bytes:
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {index}</title><link>http://x/</link>'
            "<description>d</description><item><title>Old</title><link>/old.html</link>"
            "<description>An old item.</description></item></channel></rss>").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--extract", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    policy = FetchPolicy(user_agent="Dossier/bench (+bench@localhost)", delay=0.0, timeout=10.0, concurrency=4)
    routes: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, "pages")
        folder.mkdir()
        urls = []
        for i in range(args.pages):
            data = page(i)
            (folder / f"{i}.html").write_bytes(data)
            routes[f"/news/{i}.html"] = data
            urls.append(f"/news/{i}.html")
        routes["/old.html"] = page(10_000_000)
        for i in range(args.sources):
            routes[f"/feeds/{i}.xml"] = _feed(i)
        routes["/warm.html"] = page(20_000_000)
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        routes["/sitemap.xml"] = _sitemap([base + u for u in urls])
        server = _serve(routes, port)

        warm = open_store(str(Path(tmp, "warm.db")), create=True)  # imports and the model load, paid once
        (Path(tmp) / "warm.html").write_bytes(page(20_000_001))
        ingest([str(Path(tmp) / "warm.html")], store=warm, extract=args.extract)
        collect([f"{base}/warm.html"], store=warm, policy=policy, extract=args.extract)
        warm.close()
        store = open_store(str(Path(tmp, "ingest.db")), create=True)
        started = time.perf_counter()
        report = ingest([str(folder)], store=store, extract=args.extract)
        ingest_s = time.perf_counter() - started
        store.close()
        store = open_store(str(Path(tmp, "collect.db")), create=True)
        started = time.perf_counter()
        got = collect([f"{base}/sitemap.xml"], store=store, policy=policy, extract=args.extract)
        collect_s = time.perf_counter() - started
        print(f"pages: {args.pages} (extract {'on' if args.extract else 'off'})")
        print(f"  ingest  {len(report.added):>5} docs {ingest_s:7.2f} s  {len(report.added) / ingest_s:7.1f} pages/s")
        print(f"  collect {len(got.ingest.added):>5} docs {collect_s:7.2f} s  "
              f"{len(got.ingest.added) / collect_s:7.1f} pages/s  ({got.requests} requests; "
              f"collect/ingest time {collect_s / ingest_s:.2f}x)")

        feeds = [f"{base}/feeds/{i}.xml" for i in range(args.sources)]
        started = time.perf_counter()
        collect(feeds, store=store, policy=policy, extract=args.extract)
        first_s = time.perf_counter() - started
        docs = store.counts()["documents"]
        started = time.perf_counter()
        idle = collect(feeds, store=store, policy=policy, extract=args.extract)
        idle_s = time.perf_counter() - started
        assert store.counts()["documents"] == docs and idle.unchanged == args.sources, "the idle pass changed things"
        print(f"idle pass over {args.sources} unchanged sources: {idle_s:.2f} s "
              f"({1000 * idle_s / args.sources:.2f} ms per source, {idle.requests} requests, all 304; "
              f"first pass {first_s:.2f} s)")
        store.close()
    server.terminate()


if __name__ == "__main__":
    main()
