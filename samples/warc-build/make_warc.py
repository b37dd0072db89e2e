#!/usr/bin/env python3
"""Build samples/articles/archive.warc.gz from the HTML pages in samples/warc-build/warc_src/.

The output is deterministic: every WARC-Date comes from the page itself
(article:published_time, shifted to UTC plus a fixed crawl delay), and every
WARC-Record-ID is a UUIDv5 derived from the record's type, target URI and
content. Running this script twice gives byte-identical files.

Records written, in order:
  1. warcinfo
  2. request  (GET for the earliest page only)
  3. response (earliest page)
  4. response (next page)
  ...
Pages are taken from warc_src/*.html in order of their crawl date. Each page must
carry <link rel="canonical" href="..."> (the WARC-Target-URI) and
<meta property="article:published_time" content="..."> (the WARC-Date source).

Usage:  python samples/warc-build/make_warc.py            (writes samples/articles/archive.warc.gz)
        python samples/warc-build/make_warc.py OUT.warc.gz
"""

from __future__ import annotations

import hashlib
import re
import sys
import uuid
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
SRC = HERE / "warc_src"
DEFAULT_OUT = HERE.parent / "articles" / "archive.warc.gz"

# Namespace for record IDs, fixed so IDs never change between builds.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://dossier.invalid/samples/archive.warc.gz")
CRAWL_DELAY = timedelta(hours=3)  # pretend the crawler saw each page 3h after publication
USER_AGENT = "DossierSampleCrawler/1.0 (+https://dossier.invalid/samples)"

CANONICAL_RE = re.compile(r'<link\s+rel="canonical"\s+href="([^"]+)"', re.I)
PUBLISHED_RE = re.compile(r'<meta\s+property="article:published_time"\s+content="([^"]+)"', re.I)


def record_id(kind: str, uri: str, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()
    return f"<urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}|{uri}|{digest}')}>"


def warc_date(dt: datetime) -> str:
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def page_meta(html: str, name: str) -> tuple[str, datetime]:
    m_uri = CANONICAL_RE.search(html)
    m_pub = PUBLISHED_RE.search(html)
    if not m_uri or not m_pub:
        raise SystemExit(f"{name}: needs <link rel=canonical> and article:published_time")
    crawled = datetime.fromisoformat(m_pub.group(1)) + CRAWL_DELAY
    return m_uri.group(1), crawled.astimezone(timezone.utc)


def build(out_path: Path) -> None:
    pages = sorted(SRC.glob("*.html"))
    if not pages:
        raise SystemExit(f"no pages in {SRC}")

    parsed = []
    for p in pages:
        body = p.read_bytes()
        uri, crawled = page_meta(body.decode("utf-8"), p.name)
        parsed.append((p, body, uri, crawled))
    parsed.sort(key=lambda item: (item[3], item[0].name))  # chronological crawl order

    with open(out_path, "wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")

        # 1. warcinfo, dated at the first crawl
        info_lines = [
            ("software", "Dossier samples/warc-build/make_warc.py (warcio)"),
            ("format", "WARC File Format 1.1"),
            ("conformsTo", "https://iipc.github.io/warc-specifications/specifications/warc-format/warc-1.1/"),
            ("description", "Sample archive for Dossier: two news pages written for the project."),
            ("isPartOf", "dossier-samples"),
            ("robots", "ignore"),
        ]
        info = "".join(f"{k}: {v}\r\n" for k, v in info_lines).encode("utf-8")
        first_date = min(c for *_, c in parsed)
        writer.write_record(
            writer.create_warc_record(
                "",
                "warcinfo",
                payload=BytesIO(info),
                length=len(info),
                warc_content_type="application/warc-fields",
                warc_headers_dict={
                    "WARC-Record-ID": record_id("warcinfo", out_path.name, info),
                    "WARC-Date": warc_date(first_date),
                    "WARC-Filename": out_path.name,
                },
            )
        )

        for index, (p, body, uri, crawled) in enumerate(parsed):
            date = warc_date(crawled)
            resp_id = record_id("response", uri, body)
            http_headers = StatusAndHeaders(
                "200 OK",
                [
                    ("Date", format_datetime(crawled, usegmt=True)),
                    ("Server", "nginx"),
                    ("Content-Type", "text/html; charset=utf-8"),
                    ("Content-Length", str(len(body))),
                    ("Cache-Control", "max-age=300"),
                ],
                protocol="HTTP/1.1",
            )
            response = writer.create_warc_record(
                uri,
                "response",
                payload=BytesIO(body),
                length=len(body),
                http_headers=http_headers,
                warc_headers_dict={"WARC-Record-ID": resp_id, "WARC-Date": date},
            )

            if index == 0:
                host = re.sub(r"^https?://([^/]+).*$", r"\1", uri)
                path = re.sub(r"^https?://[^/]+", "", uri) or "/"
                req_headers = StatusAndHeaders(
                    f"GET {path} HTTP/1.1",
                    [
                        ("Host", host),
                        ("User-Agent", USER_AGENT),
                        ("Accept", "text/html,application/xhtml+xml"),
                        ("Accept-Language", "en"),
                    ],
                    is_http_request=True,
                )
                request = writer.create_warc_record(
                    uri,
                    "request",
                    http_headers=req_headers,
                    warc_headers_dict={
                        "WARC-Record-ID": record_id("request", uri, body),
                        "WARC-Date": date,
                        "WARC-Concurrent-To": resp_id,
                    },
                )
                writer.write_record(request)

            writer.write_record(response)


def main(argv: list[str]) -> None:
    out_path = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    build(out_path)
    print(f"wrote {out_path} ({out_path.stat().st_size} bytes)")


if __name__ == "__main__":
    main(sys.argv)
