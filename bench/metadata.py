"""Benchmark: title, outlet, URL, publication date and body start on our own gold (issue 12).

Gold: ``bench/data/metadata/{news-corpus,ecbplus}.jsonl``, written by hand by the Dossier
team (see the README there). Each gold document is read the way ``dossier ingest`` reads it
(:func:`dossier.ingest.iter_inputs` + :func:`~dossier.ingest.read_items` +
:func:`dossier.clean.clean`): news-corpus files by path, ECB+ documents as the plain text
:func:`ecbplus_text.ecb_text` rebuilds from the corpus tokens, fed as stdin.

Metrics (per set, each over the documents it applies to; ``n`` in the table):

* title / outlet / URL accuracy. Titles and outlets compare casefolded, quotes and dashes
  unified, whitespace collapsed (outlets also drop a leading "the"); gold null matches only
  no answer. URLs ignore the scheme, ``www.``, a trailing slash and the fragment.
* published: right when the answer, cut to the gold's precision (day, month, year), equals
  the gold date or an accepted alternative; an answer less precise than the gold is wrong.
  Reported over the documents whose date is knowable from their own text, URL or the other
  documents of their topic, and over all (a gold null is right only with no answer). For the
  documents whose date is not knowable, "no guess" counts no answer or the right one.
* precision agreement: the answer's precision equals the gold's (gold dated documents).
* boilerplate leak: share of the gold boilerplate lines (datelines, captions, tweets, stamps,
  comment widgets) still in the cleaned text; lower is better.
* body start: the cleaned text starts with the gold first words; "lenient" also accepts an
  inline dateline before them or a dek in their place.

Baselines in the same run: ``first line`` (first non-empty line as title, nothing else, the
whole text as body); ``dateparser`` (``search_dates`` over the first 1,000 characters, the
first date found; relative dates resolve against 2000-01-01 so runs repeat); ``trafilatura``
(``extract_metadata`` on the text wrapped as minimal HTML, one ``<p>`` per line: it reads
dates from the text and the URL line; with no ``<title>`` or site metadata it returns no
title, site name or URL on any gold document, so only its dates are scored). The ``first
line`` baseline answers no outlet, URL or date: its scores there are those of saying nothing.

Usage::

    .venv/bin/python bench/metadata.py [--set news-corpus|ecbplus|all] [--verbose] [--json OUT]

The shared folder is ``../shared`` beside the repository, or ``$DOSSIER_SHARED``.
"""

from __future__ import annotations

import argparse
import html
import io
import json
import os
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ecbplus_text import ecb_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD_DIR = ROOT / "bench" / "data" / "metadata"
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
EVAL = SHARED / "eval"
SETS = ("news-corpus", "ecbplus")
SYSTEMS = ("Dossier", "Dossier (store)", "first line", "dateparser", "trafilatura")

Gold = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Answer:
    """What one system said about one document; ``None`` where it does not answer."""

    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None
    precision: str | None = None
    text: str | None = None  # the cleaned body (None: the system gives no body)
    basis: str | None = None


# ---------------------------------------------------------------- gold and inputs

def load_gold(name: str) -> list[Gold]:
    """The gold records of one set, in file order."""
    path = GOLD_DIR / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def document_bytes(gold: Gold) -> bytes:
    """The input as a user holds it: the file itself, or an ECB+ document rebuilt as text."""
    path = EVAL / gold["doc"]
    if path.suffix == ".xml":
        return ecb_text(path).encode("utf-8")
    return path.read_bytes()


def run_dossier(gold: Gold, data: bytes) -> Answer:
    """Read, detect and clean one input through the real ingest stages."""
    from dossier.clean import clean
    from dossier.ingest import iter_inputs, read_items
    from dossier.records import Document

    path = EVAL / gold["doc"]
    paths, stdin = ([str(path)], None) if path.suffix != ".xml" else (["-"], io.BytesIO(data))
    for inp in iter_inputs(paths, stdin=stdin):
        if not hasattr(inp, "format"):
            return Answer(basis=f"rejected: {inp.reason}")
        for raw in read_items(inp):
            doc = clean(raw) if hasattr(raw, "format") else raw
            if not isinstance(doc, Document):
                return Answer(basis=f"rejected: {doc.reason}")
            precision = getattr(doc, "published_precision", None) or _precision_of(doc.published)
            return Answer(doc.title, doc.outlet, doc.url, doc.published, precision, doc.text, doc.published_basis)
    return Answer(basis="no document")


def run_dossier_store(golds: list[Gold]) -> dict[str, Answer]:
    """The whole set ingested into one temporary store (extraction, resolution and whatever is
    inferred across documents included), each document read back as the store holds it."""
    from dossier.backends import open_store
    from dossier.pipeline import ingest

    with tempfile.TemporaryDirectory(prefix="dossier-metadata-") as tmp:
        paths: dict[str, str] = {}
        for gold in golds:
            path = EVAL / gold["doc"]
            if path.suffix == ".xml":  # ECB+: the rebuilt text, as a file of its own
                rebuilt = Path(tmp) / (gold["doc"].replace("/", "__") + ".txt")
                rebuilt.write_bytes(document_bytes(gold))
                path = rebuilt
            paths[gold["doc"]] = os.path.abspath(path)
        store = open_store(Path(tmp) / "store.db", create=True)
        try:
            ingest(list(paths.values()), store=store)
            by_source = {doc.source: doc for doc in store.iter_documents()}
        finally:
            store.close()
    answers = {}
    for name, source in paths.items():
        doc = by_source.get(source)
        if doc is None:
            answers[name] = Answer(basis="not stored")
            continue
        precision = getattr(doc, "published_precision", None) or _precision_of(doc.published)
        answers[name] = Answer(doc.title, doc.outlet, doc.url, doc.published, precision, doc.text, doc.published_basis)
    return answers


def run_first_line(data: bytes) -> Answer:
    text = data.decode("utf-8", errors="replace")
    first = next((line.strip() for line in text.splitlines() if line.strip()), None)
    return Answer(title=first, text=text)


def run_dateparser(data: bytes) -> Answer:
    from dateparser.search import search_dates

    text = data.decode("utf-8", errors="replace")[:1000]
    found = search_dates(text, languages=["en"], settings={"RELATIVE_BASE": datetime(2000, 1, 1)})
    if not found:
        return Answer()
    return Answer(published=found[0][1].date().isoformat(), precision="day", basis=found[0][0])


def run_trafilatura(data: bytes) -> Answer:
    import trafilatura

    text = data.decode("utf-8", errors="replace")
    body = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.splitlines() if line.strip())
    meta = trafilatura.extract_metadata(f"<html><head></head><body>{body}</body></html>")
    if meta is None:
        return Answer()
    return Answer(meta.title, meta.sitename, meta.url, meta.date, _precision_of(meta.date))


# ---------------------------------------------------------------- comparison

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2011": "-",
                       "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def norm(text: str | None) -> str:
    """Casefolded, NFKC, quotes and dashes unified, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "").translate(_FOLD).casefold()
    return re.sub(r"\s+", " ", text).strip()


def _precision_of(value: str | None) -> str | None:
    if not value:
        return None
    if "/" in value:
        return "range"
    return {4: "year", 7: "month"}.get(len(value.strip()), "day")


def same_title(gold: Gold, found: str | None) -> bool:
    wanted = [gold["title"], *gold.get("title_alternatives", [])]
    if gold["title"] is None:
        return not norm(found)
    return norm(found) in {norm(t) for t in wanted if t}


def _outlet_key(name: str | None) -> str:
    return re.sub(r"^the ", "", norm(name))


def same_outlet(gold: Gold, found: str | None) -> bool:
    if gold["outlet"] is None:
        return not norm(found)
    return _outlet_key(found) in {_outlet_key(o) for o in [gold["outlet"], *gold["outlet_alternatives"]]}


def url_key(url: str) -> str:
    """A URL with scheme, ``www.``, fragment, escapes and a trailing slash ignored."""
    url = re.sub(r"^[a-z]+://(?:www\.)?", "", unquote(url.strip()).split("#")[0], flags=re.IGNORECASE)
    host, _, rest = url.partition("/")
    return host.lower() + "/" + rest.rstrip("/")


def same_url(gold: Gold, found: str | None) -> bool:
    if gold["url"] is None:
        return not found
    return bool(found) and url_key(found or "") in {url_key(u) for u in [gold["url"], *gold["url_alternatives"]]}


_CUT = {"year": 4, "month": 7, "day": 10}


def same_published(gold: Gold, found: str | None) -> bool:
    """Right at the gold's precision; a range is right when both ends agree at it."""
    if gold["published"] is None:
        return not found
    if not found:
        return False
    cut = _CUT[gold["published_precision"]]
    ends = [part.strip() for part in found.split("/")]
    if any(len(end) < cut for end in ends):
        return False  # less precise than the gold
    accepted = {gold["published"][:cut], *(alt[:cut] for alt in gold["published_alternatives"])}
    return len({end[:cut] for end in ends}) == 1 and ends[0][:cut] in accepted


def body_start(gold: Gold, text: str, *, lenient: bool) -> bool:
    body, start = norm(text), norm(gold["body_first_words"])
    if body.startswith(start):
        return True
    if not lenient:
        return False
    if gold.get("dateline") and body.startswith(norm(gold["dateline"])):
        if body[len(norm(gold["dateline"])):].strip(" -—:").startswith(start):
            return True
    return bool(gold.get("dek")) and body.startswith(norm(gold["dek"])[:40])


# ---------------------------------------------------------------- scoring

Metric = Callable[[Gold, Answer], "bool | None"]  # None: not applicable to this document


def _leaks(gold: Gold, ans: Answer) -> list[str]:
    body = norm(ans.text)
    return [line for line in gold["boilerplate_lines"] if norm(line) in body]


METRICS: list[tuple[str, str, Metric]] = [
    ("title accuracy", "title", lambda g, a: same_title(g, a.title)),
    ("outlet accuracy", "outlet", lambda g, a: same_outlet(g, a.outlet)),
    ("url accuracy", "url", lambda g, a: same_url(g, a.url)),
    ("published given", "published", lambda g, a: bool(a.published)),
    ("published accuracy, knowable docs", "published",
     lambda g, a: same_published(g, a.published) if g["published_knowable"] else None),
    ("published accuracy, all docs", "published", lambda g, a: same_published(g, a.published)),
    ("no guess where not knowable (none or right)", "published",
     lambda g, a: (not a.published or same_published(g, a.published)) if not g["published_knowable"] else None),
    ("published precision agreement", "published",
     lambda g, a: a.precision == g["published_precision"] if g["published"] else None),
    ("body start accuracy", "body", lambda g, a: body_start(g, a.text or "", lenient=False)),
    ("body start, dateline or dek allowed", "body", lambda g, a: body_start(g, a.text or "", lenient=True)),
]
APPLIES = {"Dossier": {"title", "outlet", "url", "published", "body"},
           "Dossier (store)": {"title", "outlet", "url", "published", "body"}, "first line": {"title", "outlet", "url",
           "published", "body"}, "dateparser": {"published"}, "trafilatura": {"published"}}


def score(golds: list[Gold], answers: dict[str, dict[str, Answer]]) -> list[dict[str, Any]]:
    """One row per metric: {system: (right, n)}; the leak rate pools boilerplate lines."""
    rows = []
    for label, field, metric in METRICS:
        row: dict[str, Any] = {"metric": label}
        for system in SYSTEMS:
            if field not in APPLIES[system] or system not in answers:
                continue
            results = [metric(g, answers[system][g["doc"]]) for g in golds]
            applied = [r for r in results if r is not None]
            row[system] = (sum(applied), len(applied))
        rows.append(row)
    leak: dict[str, Any] = {"metric": "boilerplate leak rate (lower is better)"}
    for system in ("Dossier", "Dossier (store)", "first line"):
        if system not in answers:
            continue
        lines = sum(len(g["boilerplate_lines"]) for g in golds)
        leak[system] = (sum(len(_leaks(g, answers[system][g["doc"]])) for g in golds), lines)
    rows.insert(-2, leak)
    return rows


def miss_kinds(gold: Gold, ans: Answer) -> list[str]:
    """Named reasons Dossier missed this document (for the implementers' to-do list)."""
    kinds = []
    if not same_title(gold, ans.title):
        got = norm(ans.title)
        if gold["title"] is None:
            kinds.append("title given where the text has none")
        elif not got:
            kinds.append("title missing")
        elif gold.get("dek") and got == norm(gold["dek"]):
            kinds.append("title = dek")
        elif norm(gold["title"]) in got:
            kinds.append("title = headline with extra text (date, label) around it")
        elif any(norm(b) in got for b in gold["boilerplate_lines"]):
            line = next(b for b in gold["boilerplate_lines"] if norm(b) in got)
            kinds.append("title = " + _leak_kind(line))
        else:
            kinds.append("title wrong")
    if not same_outlet(gold, ans.outlet):
        kinds.append("outlet missing" if not ans.outlet else "outlet wrong")
    if not same_url(gold, ans.url):
        kinds.append("URL line not recognised" if not ans.url else "URL wrong")
    if gold["published"] and not same_published(gold, ans.published):
        if not ans.published:
            kinds.append("published missing" + ("" if gold["published_knowable"] else " (not knowable)"))
        elif len(ans.published.split("/")[0]) < _CUT[gold["published_precision"]]:
            kinds.append("published less precise than knowable")
        else:
            kinds.append("published wrong date")
    elif gold["published"] is None and ans.published:
        kinds.append("published guessed where not knowable")
    for line in _leaks(gold, ans):
        kinds.append("boilerplate kept: " + _leak_kind(line))
    if not body_start(gold, ans.text or "", lenient=False):
        kinds.append(_body_kind(gold, ans.text or ""))
    return kinds


def _leak_kind(line: str) -> str:
    low = line.lower()
    if low.startswith("date "):
        return "store date stamp"
    if "(@" in line or "pic.twitter" in low:
        return "embedded tweet"
    if re.search(r"photograph|getty|stringer|smoke rises|unload bodies|walk ahead|[–-] afp$", low):
        return "photo caption"
    if re.search(r"comment|copyright|donate|\bad\b|subscri|notif|reply|read more|responses|connect with us|"
                 r"feedback|voted|advice if", low):
        return "comment widget, ad, copyright or help line"
    if re.search(r"\b(19|20)\d\d\b|\b\d\d?/\d\d?/\d\d|\b(am|pm)\b|posted|published|updated", low):
        return "date line"
    return "other boilerplate line"


def _body_kind(gold: Gold, text: str) -> str:
    body, start = norm(text), norm(gold["body_first_words"])
    if gold.get("dateline") and body.startswith(norm(gold["dateline"])):
        return "body starts with the dateline"
    if gold["title"] and body.startswith(norm(gold["title"])[:30]):
        return "body starts with the headline"
    if gold.get("dek") and body.startswith(norm(gold["dek"])[:30]):
        return "body starts with the dek"
    if start not in body:
        return "body start: first body line dropped"
    return "body starts with boilerplate"


# ---------------------------------------------------------------- report

def _cell(value: tuple[int, int] | None) -> str:
    if value is None:
        return "—"
    right, n = value
    return f"{right / n:.3f} ({right}/{n})" if n else "—"


def markdown(name: str, golds: list[Gold], rows: list[dict[str, Any]]) -> str:
    topics = len({g["topic"].split()[0] for g in golds})
    systems = [s for s in SYSTEMS if any(s in row for row in rows)]
    lines = [f"### {name}: {len(golds)} documents, {topics} topics", "",
             "| metric | " + " | ".join(systems) + " |", "|---|" + "---|" * len(systems)]
    for row in rows:
        lines.append(f"| {row['metric']} | " + " | ".join(_cell(row.get(s)) for s in systems) + " |")
    return "\n".join(lines)


def _describe(gold: Gold, ans: Answer) -> str:
    return (f"  title={ans.title!r} (gold {gold['title']!r}); outlet={ans.outlet!r}; url={'yes' if ans.url else None}; "
            f"published={ans.published!r} [{ans.precision}] via {ans.basis!r} (gold {gold['published']!r}); "
            f"text starts {(ans.text or '')[:70]!r}")


def run_set(name: str, *, verbose: bool, store: bool) -> tuple[str, list[dict[str, Any]], Counter[str]]:
    golds = load_gold(name)
    answers: dict[str, dict[str, Answer]] = {s: {} for s in SYSTEMS}
    if store:
        answers["Dossier (store)"] = run_dossier_store(golds)
    else:
        del answers["Dossier (store)"]
    for gold in golds:
        data = document_bytes(gold)
        answers["Dossier"][gold["doc"]] = run_dossier(gold, data)
        answers["first line"][gold["doc"]] = run_first_line(data)
        answers["dateparser"][gold["doc"]] = run_dateparser(data)
        answers["trafilatura"][gold["doc"]] = run_trafilatura(data)
    rows = score(golds, answers)
    kinds: Counter[str] = Counter()
    out = [markdown(name, golds, rows)]
    misses = []
    for gold in golds:
        ans = answers["Dossier"][gold["doc"]]
        found = miss_kinds(gold, ans)
        kinds.update(found)
        if found and verbose:
            misses.append(f"- {gold['doc']}: " + "; ".join(found) + "\n" + _describe(gold, ans))
    if misses:
        out += ["", f"Dossier misses ({name}):", *misses]
    return "\n".join(out), rows, kinds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--verbose", action="store_true", help="list Dossier's misses per document")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--no-store", action="store_true",
                        help="skip the 'Dossier (store)' column (ingests each set into a temporary store "
                             "with extraction, so dates inferred across documents count; ~1-2 min)")
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print(f"No evaluation data at {EVAL}; set DOSSIER_SHARED to the folder holding eval/ "
              "(e.g. DOSSIER_SHARED=/work/shared).", file=sys.stderr)
        return 2
    names = SETS if args.set == "all" else (args.set,)
    report: dict[str, Any] = {}
    total: Counter[str] = Counter()
    for name in names:
        text, rows, kinds = run_set(name, verbose=args.verbose, store=not args.no_store)
        print(text + "\n")
        report[name] = rows
        total.update(kinds)
    print("Dossier miss kinds (all sets): " + "; ".join(f"{k} ×{n}" for k, n in total.most_common()))
    if args.json:
        args.json.write_text(json.dumps({"sets": report, "miss_kinds": dict(total)}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
