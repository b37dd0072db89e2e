"""Benchmark: body-text extraction and title/author/date accuracy of ``clean_html``.

Scores Dossier against trafilatura and readability-lxml in the same run, with the
shared scorers in ``shared/eval/scorers`` (never copied here). Tracks:

* ``html``     - Scrapinghub article-extraction-benchmark, 4-token shingle P/R/F1.
* ``snippets`` - trafilatura-eval English pages, with/without snippet F1.
* ``meta``     - title/author/date accuracy on trafilatura-eval (and on Mozilla's
  readability test pages), Dossier vs trafilatura.
* ``text``     - scraped plain text: each benchmark page flattened with
  ``htmltext.visible_text`` then ``clean_text``, vs keeping everything.
* ``url``      - the page's own URL when the input gives none (a saved page): share of
  pages given one, and share matching the gold URL (Scrapinghub ``url``; the
  trafilatura-eval key), scheme, ``www.``, a trailing slash and escapes ignored;
  Dossier vs ``trafilatura.extract_metadata``.

Every track also reports its two halves (ids sorted, split in the middle) so a rule
tuned on one half can be checked on the other, and the html track reports throughput.

Usage::

    python bench/extraction.py --track all --limit 40 --json out.json

The shared folder is ``../shared`` beside the repository, or ``$DOSSIER_SHARED``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

SHARED = Path(os.environ.get("DOSSIER_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SCORERS = SHARED / "eval" / "scorers"


def _load_scorers() -> None:
    if not SCORERS.is_dir():
        sys.exit(f"No evaluation data at {SHARED / 'eval'}; set DOSSIER_SHARED to the folder "
                 "holding eval/ (e.g. DOSSIER_SHARED=/work/shared).")
    sys.path.insert(0, str(SCORERS))


_load_scorers()
import htmltext  # noqa: E402
import trafilatura  # noqa: E402
from common import load_extraction_benchmark, load_trafilatura_eval, read_html  # noqa: E402
from readability import Document as Readability  # noqa: E402
from score_extraction import score_metadata, score_shingles, score_snippets  # noqa: E402

from dossier.clean.html import clean_html  # noqa: E402

Row = dict[str, Any]


def _halves(keys: list[str]) -> list[tuple[str, list[str]]]:
    keys = sorted(keys)
    mid = len(keys) // 2
    return [("all", keys), ("half A", keys[:mid]), ("half B", keys[mid:])]


def _timed(fn: Callable[[], Any], clock: dict[str, float], name: str) -> Any:
    start = time.perf_counter()
    try:
        return fn()
    finally:
        clock[name] = clock.get(name, 0.0) + time.perf_counter() - start


def _readability_text(html: str) -> str:
    try:
        return htmltext.visible_text(Readability(html).summary())
    except Exception:  # noqa: BLE001 - a baseline failing on a page scores as empty
        return ""


def _extract_all(pages: list[tuple[str, str | None, str]]) -> tuple[dict[str, dict[str, Any]], dict[str, float]]:
    """Run the three systems on (id, url, html) pages; returns outputs and timings."""
    out: dict[str, dict[str, Any]] = {"dossier": {}, "trafilatura": {}, "readability": {}}
    clock: dict[str, float] = {}
    for key, url, html in pages:
        out["dossier"][key] = _timed(lambda: clean_html(html, url=url), clock, "dossier")
        out["trafilatura"][key] = _timed(lambda: trafilatura.extract(
            html, url=url, include_comments=False) or "", clock, "trafilatura")
        out["readability"][key] = _timed(lambda: _readability_text(html), clock, "readability")
    return out, clock


def track_html(edir: Path, limit: int | None) -> list[Row]:
    """Scrapinghub pages: shingle P/R/F1 per system and half, plus throughput."""
    items = load_extraction_benchmark(edir)[:limit]
    gold = {key: body for key, _, _, body in items}
    out, clock = _extract_all([(key, url, html) for key, url, html, _ in items])
    rows = []
    for system, preds in out.items():
        texts = {k: (v.text if system == "dossier" else v) for k, v in preds.items()}
        for half, keys in _halves(list(gold)):
            r = score_shingles({k: gold[k] for k in keys}, texts)
            rows.append({"track": "html", "system": system, "subset": half, "n": r["n"],
                         "P": r["precision"], "R": r["recall"], "F1": r["f1"]})
    megabytes = sum(len(html.encode("utf-8")) for _, _, html, _ in items) / 1e6
    for system, seconds in clock.items():
        rows.append({"track": "speed", "system": system, "subset": "all", "n": len(items),
                     "pages/s": len(items) / seconds, "MB/s": megabytes / seconds,
                     "ms/page": 1000 * seconds / len(items)})
    methods: dict[str, int] = {}
    for cleaned in out["dossier"].values():
        methods[cleaned.method] = methods.get(cleaned.method, 0) + 1
    rows.append({"track": "html", "system": "dossier methods", "subset": "all",
                 "n": len(items), "methods": methods})
    return rows


def track_snippets_and_meta(edir: Path, limit: int | None, tracks: set[str]) -> list[Row]:
    """trafilatura-eval English pages: snippet F1 and title/author/date accuracy."""
    items = load_trafilatura_eval(edir)[:limit]
    evaldata = {url: item for url, item, _ in items}
    out, _ = _extract_all([(url, url, html) for url, _, html in items])
    rows: list[Row] = []
    if "snippets" in tracks:
        for system, preds in out.items():
            texts = {k: (v.text if system == "dossier" else v) for k, v in preds.items()}
            for half, keys in _halves(list(evaldata)):
                r = score_snippets({k: evaldata[k] for k in keys}, texts)
                rows.append({"track": "snippets", "system": system, "subset": half, "n": r["n"],
                             "P": r["precision"], "R": r["recall"], "F1": r["f1"]})
    if "meta" in tracks:
        ours = {k: _meta_row(c) for k, c in out["dossier"].items()}
        theirs = {url: _trafilatura_meta(html, url) for url, _, html in items}
        rows += _meta_rows("trafilatura-eval", evaldata, {"dossier": ours, "trafilatura": theirs})
        rows += track_readability_meta(edir, limit)
    return rows


def _meta_row(cleaned: Any) -> dict[str, Any]:
    return {"title": cleaned.title, "author": "; ".join(cleaned.authors), "date": cleaned.published}


def _trafilatura_meta(html: str, url: str | None) -> dict[str, Any]:
    meta = trafilatura.extract_metadata(html, default_url=url)
    return {"title": meta.title, "author": meta.author, "date": meta.date} if meta else {}


def _meta_rows(dataset: str, evaldata: dict[str, dict[str, Any]],
               systems: dict[str, dict[str, dict[str, Any]]]) -> list[Row]:
    rows = []
    for system, preds in systems.items():
        for half, keys in _halves(list(evaldata)):
            r = score_metadata({k: evaldata[k] for k in keys}, preds)
            rows.append({"track": f"meta {dataset}", "system": system, "subset": half,
                         "n": r["title"]["n"], **{f: r[f]["accuracy"] for f in r}})
    return rows


def track_readability_meta(edir: Path, limit: int | None) -> list[Row]:
    """Mozilla readability test pages: title, byline (as author), publishedTime (as date)."""
    base = edir / "readability-testpages"
    expected = json.loads((base / "all-expected-metadata.json").read_text(encoding="utf-8"))
    evaldata, pages = {}, []
    for name in sorted(expected)[:limit]:
        gold = expected[name]
        evaldata[name] = {"title": gold.get("title") or "", "author": gold.get("byline") or "",
                          "date": gold.get("publishedTime") or ""}
        pages.append((name, read_html(base / name / "source.html.gz")))
    ours = {name: _meta_row(clean_html(html)) for name, html in pages}
    theirs = {name: _trafilatura_meta(html, None) for name, html in pages}
    return _meta_rows("readability-testpages", evaldata, {"dossier": ours, "trafilatura": theirs})


def track_text(edir: Path, limit: int | None) -> list[Row]:
    """Scraped plain text: flatten each benchmark page, clean it, score shingles."""
    try:
        from dossier.clean.text import clean_text
    except ImportError:
        return [{"track": "text", "system": "skipped: dossier.clean.text not importable yet"}]
    items = load_extraction_benchmark(edir)[:limit]
    gold = {key: body for key, _, _, body in items}
    flat = {key: htmltext.visible_text(html) for key, _, html, _ in items}
    systems = {"dossier clean_text": {k: clean_text(t).text for k, t in flat.items()},
               "keep everything": flat}
    rows = []
    for system, preds in systems.items():
        for half, keys in _halves(list(gold)):
            r = score_shingles({k: gold[k] for k in keys}, preds)
            rows.append({"track": "text", "system": system, "subset": half, "n": r["n"],
                         "P": r["precision"], "R": r["recall"], "F1": r["f1"]})
    return rows


def _same_url(gold: str, found: str | None) -> bool:
    def norm(url: str) -> str:
        url = re.sub(r"^https?://(?:www\.)?", "", unquote(url.strip()).split("#")[0], flags=re.IGNORECASE)
        host, _, rest = url.partition("/")
        return host.lower() + "/" + rest.rstrip("/")
    return bool(found) and norm(gold) == norm(found or "")


def track_url(edir: Path, limit: int | None) -> list[Row]:
    """Pages read without their URL: how many get one back from the page, and how many
    get the right one."""
    sets = {"extraction-benchmark": [(key, url, html) for key, url, html, _ in load_extraction_benchmark(edir)[:limit]],
            "trafilatura-eval": [(url, url, html) for url, _, html in load_trafilatura_eval(edir)[:limit]
                                 if url.startswith("http")]}  # not the "hard::" file names
    rows = []
    for dataset, pages in sets.items():
        gold = {key: url for key, url, _ in pages}
        found = {"dossier": {key: clean_html(html).url for key, _, html in pages},
                 "trafilatura": {key: getattr(trafilatura.extract_metadata(html), "url", None)
                                 for key, _, html in pages}}
        for system, urls in found.items():
            for half, keys in _halves(list(gold)):
                rows.append({"track": f"url {dataset}", "system": system, "subset": half, "n": len(keys),
                             "found": sum(bool(urls[k]) for k in keys) / len(keys),
                             "correct": sum(_same_url(gold[k], urls[k]) for k in keys) / len(keys)})
    return rows


def markdown(rows: list[Row]) -> str:
    """The rows as one Markdown table (numbers to three decimals)."""
    columns = ["track", "system", "subset", "n"]
    for row in rows:
        columns += [c for c in row if c not in columns]
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = [f"{row[c]:.3f}" if isinstance(row.get(c), float) else str(row.get(c, ""))
                 for c in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--track", choices=["html", "snippets", "meta", "text", "url", "all"], default="all")
    parser.add_argument("--limit", type=int, default=None, help="first N pages of each set")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    args = parser.parse_args(argv)
    edir = SHARED / "eval"
    tracks = {"html", "snippets", "meta", "text", "url"} if args.track == "all" else {args.track}
    rows: list[Row] = []
    if "html" in tracks:
        rows += track_html(edir, args.limit)
    if tracks & {"snippets", "meta"}:
        rows += track_snippets_and_meta(edir, args.limit, tracks)
    if "text" in tracks:
        rows += track_text(edir, args.limit)
    if "url" in tracks:
        rows += track_url(edir, args.limit)
    print(markdown(rows))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
