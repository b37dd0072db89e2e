"""Synthetic news corpus for scaling runs, recombined from real article text (no filler text).

A pool is gathered from what is at hand: prose paragraphs (≥ 200 characters, English,
no boilerplate, deduplicated) from the seed articles and the news-corpus texts in
``../shared``, the PolNeAR articles, the gold bodies of the article-extraction benchmark,
the Readability test pages' expected bodies (real pages only), the WikiEvents documents and
our samples; titles, outlets and authors from those articles and from the metadata gold of
the PolNeAR, Trafilatura and Readability sets.

Each synthetic document takes a run of 4–12 paragraphs, mostly consecutive ones of one
source article, plus a few from other articles (same topic family first), a title, an
outlet, an author and a date (2001–2024), and is rendered like real scraped input:

* ~50 % scraped plain text: nav line, masthead, byline, dateline, "Share this article",
  "Advertisement", "See also:", newsletter promo, comments header and 1–3 reader comments
  (real sentences from other articles), cookie notice, copyright line;
* ~30 % HTML pages: ``<title>``, ``meta author``, ``article:published_time``, ``<nav>``,
  ``<article><p>…``, related links, comments, ``<footer>``;
* ~20 % lines of JSONL files (``url``, ``title``, ``published``, ``authors`` and ``text``
  or ``html``, the fields dossier's JSONL reader takes), at most 500 lines a file.

Files go in numbered subfolders of at most 1,000 files. Every document has its own set of
paragraphs, hence its own content hash, and the output depends only on ``--seed`` and the
source files (document ``i`` does not depend on ``--docs``: a smaller corpus is a prefix of
a larger one). A hidden ``.synth.json`` (skipped by ``dossier ingest``) records what was
built, so ``bench/scale.py`` can reuse the folder.

Usage: python bench/synth.py --docs 10000 --out /tmp/synth [--seed 0]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import os
import random
import re
import shutil
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
VERSION = 1  # bump when the output for a given seed changes, so cached corpora are rebuilt
STAMP = ".synth.json"
FILES_PER_FOLDER = 1000
LINES_PER_JSONL = 500

# ---------------------------------------------------------------------------------------------
# The pool of real text
# ---------------------------------------------------------------------------------------------

_STOP = frozenset("the of and to a in that is for on with as was by at from it his her said are be has have "
                  "not were an which this their they he she will would had been but who its".split())
_BOILER = re.compile(
    r"cookie|subscribe|newsletter|sign up|sign in|log in|click here|advertisement|all rights reserved|"
    r"terms of (?:use|service)|privacy policy|follow us|read more|lorem ipsum|javascript|https?://|www\.|"
    r"\S+@\S+\.\w|getty images|photo:|image:|©", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘])|(?<=[.!?][”\"’])\s+(?=[A-Z“\"‘])")
_GLUED = re.compile(r"([a-z0-9%)][.!?][”\"’]?)(?=[A-Z“\"])")  # "said.The" in the WikiEvents text
_AUTHOR = re.compile(r"^[A-Z][\w.'’-]+(?: (?:[A-Z][\w.'’-]+|de|van|von|al|bin|da|del)){1,3}$")
_BYLINE = re.compile(r"\bBy ([A-Z][a-z]+(?: [A-Z]\.)?(?: [A-Z][a-z’'-]+){1,2})\b")
_AGENCIES = frozenset({"ap", "afp", "upi", "reuters", "associated press", "breitbart news", "staff", "none",
                       "editorial board", "the editors", "cnn wire", "bloomberg news"})
_PUBLISHERS = {"breitbart": ("Breitbart", "breitbart.com"), "huff-post": ("HuffPost", "huffpost.com"),
               "nyt": ("The New York Times", "nytimes.com"), "politico": ("Politico", "politico.com"),
               "usa-today": ("USA Today", "usatoday.com"), "wash-post": ("The Washington Post", "washingtonpost.com"),
               "west-journal": ("Western Journalism", "westernjournalism.com")}


@dataclass(slots=True)
class Article:
    """One real source article: its usable paragraphs (pool indices) and what is known about it."""

    key: str
    family: str  # topic family: other paragraphs are drawn from the same family first
    paragraphs: list[int]
    title: str | None = None
    outlet: tuple[str, str] | None = None  # (name, domain)
    author: str | None = None


@dataclass(slots=True)
class Pool:
    """Everything documents are made of: paragraphs (by index), their articles, and names to draw from."""

    paragraphs: list[str] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    outlets: list[tuple[str, str]] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)  # for reader comments
    owner: dict[int, Article] = field(default_factory=dict)  # paragraph → the article it came from
    seen: set[str] = field(default_factory=set)  # normalised paragraphs, for deduplication

    def add_article(self, key: str, family: str, texts: list[str], *, title: str | None = None,
                    outlet: tuple[str, str] | None = None, author: str | None = None) -> None:
        """Keep the prose paragraphs of one article (a paragraph seen before is not added twice)."""
        indices = []
        for text in texts:
            text = " ".join(text.split())
            if not _prose(text):
                continue
            norm = re.sub(r"\W+", "", text.lower())
            if norm in self.seen:
                continue
            self.seen.add(norm)
            indices.append(len(self.paragraphs))
            self.paragraphs.append(text)
        if indices:
            self.articles.append(Article(key, family, indices, _title(title), outlet, _author(author)))
        self.add_title(title)
        self.add_outlet(outlet)
        self.add_author(author)

    def add_title(self, title: object) -> None:
        title = _title(title)
        if title:
            self.titles.append(title)

    def add_outlet(self, outlet: tuple[str, str] | None) -> None:
        if outlet and outlet[0].strip():
            self.outlets.append((outlet[0].strip(), outlet[1]))

    def add_author(self, author: object) -> None:
        author = _author(author)
        if author:
            self.authors.append(author)

    def finish(self) -> None:
        """Deduplicate the name lists (in first-seen order); collect comment sentences and paragraph owners."""
        self.titles = list(dict.fromkeys(self.titles))
        self.authors = list(dict.fromkeys(self.authors))
        by_name: dict[str, tuple[str, str]] = {}
        for name, domain in self.outlets:
            by_name.setdefault(name.lower(), (name, domain))
        self.outlets = list(by_name.values())
        for text in self.paragraphs:
            for sentence in _SENTENCE_END.split(text):
                if 50 <= len(sentence) <= 220 and sentence[0].isupper() and sentence[-1] in ".!?":
                    self.sentences.append(sentence)
        self.owner = {p: a for a in self.articles for p in a.paragraphs}
        self.seen.clear()


def _english(text: str) -> bool:
    words = re.findall(r"[a-z']+", text.lower())
    letters = sum(c.isalpha() for c in text)
    ascii_letters = sum(c.isascii() and c.isalpha() for c in text)
    return len(words) >= 25 and sum(w in _STOP for w in words) >= 0.18 * len(words) and ascii_letters >= 0.95 * letters


def _prose(text: str) -> bool:
    if not 200 <= len(text) <= 3000 or text[-1] not in ".!?\"”’)":
        return False
    return (text[0].isupper() or text[0] in "“\"‘") and not _BOILER.search(text) and _english(text)


def _title(title: object) -> str | None:
    if not isinstance(title, str) or not title:
        return None
    title = " ".join(title.split())
    title = re.split(r"\s+[|–—]\s+(?=[A-Z][\w.]*(?:\s\w+){0,3}$)", title)[0]  # "Headline | Outlet"
    letters = [c for c in title if c.isalpha()]
    if not 20 <= len(title) <= 140 or len(title.split()) < 3 or not letters:
        return None
    if sum(c.isascii() for c in letters) < 0.95 * len(letters) or "test" in title.lower().split():
        return None
    return title


def _author(author: object) -> str | None:
    if isinstance(author, list):  # some metadata gold lists several authors
        author = next((a for a in author if isinstance(a, str)), None)
    if not isinstance(author, str) or not author:
        return None
    author = re.sub(r"^(?:by|written by)\s+", "", author.strip(), flags=re.IGNORECASE)
    author = author.split(",")[0].split("|")[0].split("\n")[0].strip()
    if author.lower() in _AGENCIES or not _AUTHOR.match(author) or len(author) > 40:
        return None
    return author


def _domain_outlet(url: str) -> tuple[str, str] | None:
    match = re.match(r"https?://(?:www\d?\.|m\.|edition\.)?([^/:]+)", url)
    if not match:
        return None
    domain = match.group(1).lower()
    stem = domain.split(".")[-2] if domain.count(".") >= 1 else domain
    name = stem.upper() if len(stem) <= 4 else stem.replace("-", " ").title()
    return name, domain


def _slug_domain(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", name.lower().removeprefix("the ")) + ".com"


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _sentence_paragraphs(text: str, size: int = 320) -> list[str]:
    """Group a text without paragraph breaks into paragraphs of a few sentences."""
    text = _GLUED.sub(r"\1 ", " ".join(text.split()))
    out, current = [], ""
    for sentence in _SENTENCE_END.split(text):
        current = f"{current} {sentence}".strip()
        if len(current) >= size:
            out.append(current)
            current = ""
    if current:
        out.append(current)
    return out


def _html_paragraphs(markup: str) -> list[str]:
    import lxml.html

    try:
        tree = lxml.html.fromstring(markup)
    except (ValueError, lxml.etree.ParserError):
        return []
    return [p.text_content() for p in tree.iter("p")]


def _add_scraped_text(pool: Pool, name: str, path: Path) -> None:
    """A scraped article about the conflict: its lines, the first as title, a byline if any."""
    text = path.read_text("utf-8", errors="replace")
    lines = _lines(text)
    byline = _BYLINE.search(text)
    pool.add_article(name, "afghanistan", lines, title=lines[0] if lines else None,
                     author=byline.group(1) if byline else None)


def _from_shared(pool: Pool, used: Counter[str]) -> None:
    eval_dir = SHARED / "eval"
    for path in sorted((SHARED / "corpus/seeds").glob("*.txt")):
        _add_scraped_text(pool, f"seeds/{path.stem}", path)
        used["seeds"] += 1
    for path in sorted((eval_dir / "news-corpus").glob("*.txt")):
        url, _, text = path.read_text("utf-8", errors="replace").partition("\n")
        byline = _BYLINE.search(text)
        pool.add_article(f"news-corpus/{path.stem}", "afghanistan", _lines(text), outlet=_domain_outlet(url.strip()),
                         author=byline.group(1) if byline else None)
        used["news-corpus"] += 1
    meta: dict[str, dict[str, str]] = {}
    meta_path = eval_dir / "quotes-polnear/metadata.tsv"
    if meta_path.is_file():
        rows = meta_path.read_text("utf-8").splitlines()
        header = rows[0].split("\t")
        for row in rows[1:]:
            record = dict(zip(header, row.split("\t")))
            meta[record.get("filename", "")] = record
            pool.add_title(record.get("title"))
            pool.add_author(record.get("author"))
    for split in ("test", "dev"):
        for path in sorted((eval_dir / "quotes-polnear" / split / "text").glob("*.txt")):
            record = meta.get(path.stem, {})
            lines = _lines(path.read_text("utf-8", errors="replace"))
            pool.add_article(f"polnear/{path.stem}", "us-politics", lines[1:], title=record.get("title") or lines[0],
                             outlet=_PUBLISHERS.get(record.get("publisher", "")), author=record.get("author"))
            used["polnear"] += 1
    truth = eval_dir / "extraction-benchmark/ground-truth.json"
    if truth.is_file():
        for key, item in sorted(json.loads(truth.read_text("utf-8")).items()):
            pool.add_article(f"extraction-benchmark/{key[:12]}", "web", _lines(item.get("articleBody", "")),
                             outlet=_domain_outlet(item.get("url", "")))
            used["extraction-benchmark"] += 1
    readability = eval_dir / "readability-testpages"
    meta_all = readability / "all-expected-metadata.json"
    if meta_all.is_file():
        for name, record in sorted(json.loads(meta_all.read_text("utf-8")).items()):
            lang = (record.get("lang") or "en").lower()
            source, expected = readability / name / "source.html.gz", readability / name / "expected.html.gz"
            if not lang.startswith("en") or not record.get("readerable") or not expected.is_file():
                continue
            if not source.is_file() or len(gzip.decompress(source.read_bytes())) < 5000:
                continue  # the small synthetic feature tests (some are lorem ipsum)
            site = record.get("siteName")
            pool.add_article(f"readability/{name}", "web",
                             _html_paragraphs(gzip.decompress(expected.read_bytes()).decode("utf-8", "replace")),
                             title=record.get("title"), author=record.get("byline"),
                             outlet=(site, _slug_domain(site)) if site else None)
            used["readability"] += 1
    traf = eval_dir / "trafilatura-eval/evaldata-en.json"
    if traf.is_file():
        for url, record in sorted(json.loads(traf.read_text("utf-8")).items()):
            pool.add_title(record.get("title"))
            pool.add_author(record.get("author"))
            if record.get("sitename"):
                pool.add_outlet((record["sitename"], _domain_outlet(url)[1] if _domain_outlet(url) else
                                 _slug_domain(record["sitename"])))
    for split in ("test", "dev"):
        path = eval_dir / "events-wikievents" / f"{split}.jsonl"
        if not path.is_file():
            continue
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            pool.add_article(f"wikievents/{record['doc_id']}", "afghanistan", _sentence_paragraphs(record["text"]))
            used["wikievents"] += 1


def _from_samples(pool: Pool, used: Counter[str]) -> None:
    articles = ROOT / "samples/articles"
    for path in sorted(articles.glob("*.txt")):
        _add_scraped_text(pool, f"samples/{path.stem}", path)
        used["samples"] += 1
    for path in sorted(articles.glob("*.html")):
        pool.add_article(f"samples/{path.stem}", "afghanistan", _html_paragraphs(path.read_text("utf-8", "replace")))
        used["samples"] += 1
    extra = articles / "extra.jsonl"
    if extra.is_file():
        for number, line in enumerate(extra.read_text("utf-8").splitlines()):
            if not line.strip():
                continue
            record = json.loads(line)
            body = record.get("text") or "\n".join(_html_paragraphs(record.get("html") or "<p></p>"))
            pool.add_article(f"samples/extra#{number}", "afghanistan", _lines(body), title=record.get("title"),
                             outlet=_domain_outlet(record.get("url", "")))
            used["samples"] += 1


def build_pool() -> tuple[Pool, Counter[str]]:
    """The pool of real text, and how many articles each source gave."""
    pool, used = Pool(), Counter[str]()
    if SHARED.is_dir():
        _from_shared(pool, used)
    _from_samples(pool, used)
    pool.finish()
    if len(pool.paragraphs) < 50:
        sys.exit(f"bench/synth.py: only {len(pool.paragraphs)} usable paragraphs; it needs the shared corpus at "
                 f"{SHARED} (set DOSSIER_SHARED)")
    if not pool.outlets:
        pool.outlets.append(("The Daily Record", "dailyrecord.com"))
    return pool, used


# ---------------------------------------------------------------------------------------------
# Documents
# ---------------------------------------------------------------------------------------------

_SECTIONS = ("world", "politics", "us", "business", "national", "security", "news", "opinion", "tech", "asia")
_NAV = ("Home | World | Politics | Business | Technology | Opinion | Sport | Culture",
        "News  Sport  Business  Opinion  Culture  Lifestyle  Video  Podcasts",
        "Sections ▾   Latest   Politics   World   Business   Opinion   Video   Sign in",
        "HOME › NEWS › WORLD",
        "Menu  Search  U.S.  World  Politics  Economy  Science  Health  Subscribe")
_SHARE = ("Share this article", "Share this article: Facebook | Twitter | LinkedIn | Email",
          "Share on Facebook   Share on Twitter   Share via Email", "f   t   in   ✉   ⎙", "SHARE  TWEET  EMAIL")
_PROMO = ("Sign up for our daily newsletter: the day's top stories in your inbox every morning.",
          "Get the Morning Briefing delivered to your inbox. Subscribe now ›",
          "Enjoying this article? Support independent journalism: subscribe for $1 a week.",
          "Download our app for breaking news alerts.")
_COOKIE = ("We use cookies to improve your experience on our site. By continuing to browse you agree to our use "
           "of cookies. Accept", "This site uses cookies. Learn more   Accept all   Manage preferences",
           "Cookie settings · Privacy policy · Terms of use")
_COMMENT_HEADERS = ("Comments ({n})", "{n} Comments", "Reader comments ({n})", "Join the conversation ({n} comments)")
_CITIES = ("Ohio", "Texas", "London", "Toronto", "Sydney", "Denver", "Lagos", "Mumbai", "Kabul", "Berlin")
_DATE_FORMATS = ("Published {long}", "Published: {iso}", "Posted on {us}", "{us}", "Updated {us} {time} | Published {us}",
                 "{outlet} • {us}")


@dataclass(slots=True)
class SynthDoc:
    """One synthetic document before rendering."""

    index: int
    paragraphs: list[str]
    sources: list[str]  # keys of the articles its paragraphs came from
    title: str
    outlet: str
    domain: str
    author: str
    published: dt.datetime
    url: str
    kind: str  # "text" | "html" | "jsonl-text" | "jsonl-html"
    see_also: str
    comments: list[tuple[str, str]]  # (commenter, sentence)
    rng_state: int  # the seed of this document's own random stream (for rendering)

    @property
    def body(self) -> str:
        """Title and paragraphs: the article text, the same whatever the format (the spaCy baseline's input)."""
        return "\n\n".join([self.title, *self.paragraphs])


def _pick_paragraphs(rng: random.Random, pool: Pool, families: dict[str, list[Article]],
                     long: list[Article]) -> list[int]:
    """A lead run of one article's consecutive paragraphs, plus 0–3 from others (same family first)."""
    primary = rng.choice(long if long and rng.random() < 0.9 else pool.articles)
    own = primary.paragraphs
    target = min(rng.randint(4, 12), len(own) + 3, len(pool.paragraphs))
    k = min(len(own), max(1, target - rng.randint(0, 3)))
    start = rng.randint(0, len(own) - k)
    chosen = list(own[start:start + k])
    same = families[primary.family]
    for _ in range(200):
        if len(chosen) >= target:
            break
        other = rng.choice(same if rng.random() < 0.8 and len(same) > 1 else pool.articles)
        if other is primary:
            continue
        index = rng.choice(other.paragraphs)
        if index not in chosen:
            chosen.insert(rng.randint(1, len(chosen)), index)  # the lead stays first
    return chosen


def _commenter(rng: random.Random, pool: Pool) -> str:
    first = rng.choice(pool.authors).split()[0] if pool.authors else "Reader"
    style = rng.randrange(3)
    if style == 0:
        return f"{first} in {rng.choice(_CITIES)}"
    if style == 1:
        return f"{first}_{rng.choice('ABCDEFGHKLMRSTW')}"
    return f"{first.lower()}{rng.randint(1, 99)}"


def make_doc(index: int, seed: int, pool: Pool, families: dict[str, list[Article]], long: list[Article],
             seen: set[tuple[int, ...]]) -> SynthDoc:
    """Document ``index`` of the corpus for ``seed`` (``seen``: paragraph sets already used)."""
    rng = random.Random(seed * 1_000_003 + index)
    chosen = _pick_paragraphs(rng, pool, families, long)
    while tuple(chosen) in seen:  # every document distinct: redraw, then grow
        chosen = _pick_paragraphs(rng, pool, families, long) if rng.random() < 0.9 else chosen + [
            rng.randrange(len(pool.paragraphs))]
    seen.add(tuple(chosen))
    primary = pool.owner[chosen[0]]
    title = primary.title if primary.title and rng.random() < 0.6 else rng.choice(pool.titles or [primary.key])
    outlet, domain = primary.outlet if primary.outlet and rng.random() < 0.5 else rng.choice(pool.outlets)
    author = primary.author if primary.author and rng.random() < 0.4 else (
        rng.choice(pool.authors) if pool.authors else "Staff Reporter")
    start = dt.datetime(2001, 1, 1)
    published = start + dt.timedelta(days=rng.randrange(8766), minutes=rng.randrange(6 * 60, 23 * 60))
    slug = "-".join(re.findall(r"[a-z0-9]+", title.lower())[:8]) or "story"
    url = (f"https://www.{domain}/{rng.choice(_SECTIONS)}/{published:%Y/%m/%d}/{slug}-{index:06d}")
    roll = rng.random()
    kind = "text" if roll < 0.5 else "html" if roll < 0.8 else "jsonl-text" if roll < 0.95 else "jsonl-html"
    comments = [(_commenter(rng, pool), rng.choice(pool.sentences)) for _ in range(rng.randint(1, 3))] \
        if pool.sentences and rng.random() < 0.7 else []
    return SynthDoc(index=index, paragraphs=[pool.paragraphs[i] for i in chosen],
                    sources=list(dict.fromkeys(pool.owner[i].key for i in chosen)), title=title, outlet=outlet,
                    domain=domain, author=author, published=published, url=url, kind=kind,
                    see_also=rng.choice(pool.titles or [title]), comments=comments,
                    rng_state=rng.randrange(1 << 30))


def build_docs(count: int, seed: int, pool: Pool | None = None) -> list[SynthDoc]:
    """The first ``count`` documents for ``seed``, in memory."""
    if pool is None:
        pool, _ = build_pool()
    families: dict[str, list[Article]] = {}
    for article in pool.articles:
        families.setdefault(article.family, []).append(article)
    long = [article for article in pool.articles if len(article.paragraphs) >= 3]
    seen: set[tuple[int, ...]] = set()
    return [make_doc(i, seed, pool, families, long, seen) for i in range(count)]


# ---------------------------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------------------------

def _dates(doc: SynthDoc) -> dict[str, str]:
    p = doc.published
    return {"long": f"{p.day} {p:%B %Y}", "us": f"{p:%B} {p.day}, {p.year}", "iso": f"{p:%Y-%m-%d}",
            "time": f"{(p.hour - 1) % 12 + 1}:{p:%M} {'am' if p.hour < 12 else 'pm'}", "outlet": doc.outlet}


def render_text(doc: SynthDoc) -> str:
    """A scraped page as plain text: the body among the boilerplate a scraper keeps."""
    rng = random.Random(doc.rng_state)
    lines: list[str] = []
    if rng.random() < 0.5:
        lines.append(doc.outlet.upper() if rng.random() < 0.5 else f"{doc.outlet} | News, analysis and opinion")
    if rng.random() < 0.8:
        lines.append(rng.choice(_NAV))
    lines.append(doc.title)
    if rng.random() < 0.3:
        lines.append(doc.title)  # many scrapes repeat the headline
    lines.append(f"By {doc.author}")
    lines.append(rng.choice(_DATE_FORMATS).format(**_dates(doc)))
    if rng.random() < 0.7:
        lines.append(rng.choice(_SHARE))
    ad_at = rng.randint(2, max(2, len(doc.paragraphs) - 1)) if rng.random() < 0.5 else -1
    for number, paragraph in enumerate(doc.paragraphs):
        if number == ad_at:
            lines.append("Advertisement")
        lines.append(paragraph)
    if rng.random() < 0.6:
        lines.append(f"See also: {doc.see_also}")
    if rng.random() < 0.6:
        lines.append(rng.choice(_PROMO))
    if doc.comments:
        lines.append(rng.choice(_COMMENT_HEADERS).format(n=len(doc.comments)))
        for who, said in doc.comments:
            when = doc.published + dt.timedelta(hours=rng.randint(1, 72))
            lines.append(f"{who}\n{when:%b} {when.day}, {when.year} at {(when.hour - 1) % 12 + 1}:{when:%M} "
                         f"{'am' if when.hour < 12 else 'pm'}\n{said}")
    if rng.random() < 0.6:
        lines.append(rng.choice(_COOKIE))
    lines.append(f"© {doc.published.year} {doc.outlet}. All rights reserved.")
    return "\n\n".join(lines) + "\n"


def render_html(doc: SynthDoc) -> str:
    """A news page as HTML: metadata in <head>, nav, the article, related links, comments, footer."""
    rng = random.Random(doc.rng_state)
    e = html.escape
    iso = doc.published.isoformat() + "Z"
    human = "{us}".format(**_dates(doc))
    nav = "".join(f'<li><a href="/{s}/">{s.title()}</a></li>' for s in rng.sample(_SECTIONS, 6))
    paras = "\n".join(f"<p>{e(p)}</p>" for p in doc.paragraphs)
    comments = ""
    if doc.comments:
        items = "".join(f'<li class="comment"><span class="user">{e(who)}</span><p>{e(said)}</p></li>'
                        for who, said in doc.comments)
        comments = (f'<section id="comments"><h3>{len(doc.comments)} Comments</h3><ol>{items}</ol>'
                    f'<p>Add a comment. <a href="/login">Sign in</a></p></section>')
    cookie = f'<div class="cookie-banner"><p>{e(rng.choice(_COOKIE))}</p><button>OK</button></div>' \
        if rng.random() < 0.6 else ""
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(doc.title)} | {e(doc.outlet)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="author" content="{e(doc.author)}">
<meta name="description" content="{e(doc.paragraphs[0][:150])}">
<meta property="og:title" content="{e(doc.title)}">
<meta property="og:site_name" content="{e(doc.outlet)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{iso}">
<link rel="canonical" href="{e(doc.url)}">
<script>window.dataLayer = window.dataLayer || [];</script>
</head>
<body>
<header class="site-header"><a class="logo" href="/">{e(doc.outlet)}</a>
<nav><ul><li><a href="/">Home</a></li>{nav}</ul></nav></header>
{cookie}
<main>
<article>
<h1>{e(doc.title)}</h1>
<p class="byline">By <a rel="author" href="/authors/{rng.randint(100, 999)}">{e(doc.author)}</a> ·
<time datetime="{iso}">{human}</time></p>
<div class="share"><a href="#">Share this article</a> <a href="#">Facebook</a> <a href="#">Twitter</a></div>
{paras}
</article>
<aside class="related"><h2>See also</h2><ul><li><a href="/{rng.choice(_SECTIONS)}/">{e(doc.see_also)}</a></li></ul></aside>
{comments}
</main>
<footer><p>{e(rng.choice(_PROMO))}</p><p>© {doc.published.year} {e(doc.outlet)}. All rights reserved.</p>
<p><a href="/privacy">Privacy</a> · <a href="/terms">Terms</a> · <a href="/contact">Contact us</a></p></footer>
</body>
</html>
"""


def render_jsonl(doc: SynthDoc) -> str:
    """One JSONL line: the fields dossier's reader takes, with plain text or the whole HTML page."""
    record: dict[str, object] = {"url": doc.url, "title": doc.title, "published": doc.published.isoformat() + "Z",
                                 "authors": [doc.author]}
    if doc.kind == "jsonl-html":
        record["html"] = render_html(doc)
    else:
        record["text"] = "\n\n".join(doc.paragraphs)
    return json.dumps(record, ensure_ascii=False)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

@dataclass(slots=True)
class Summary:
    docs: int
    files: int
    bytes: int
    body_chars: int
    kinds: dict[str, int]
    sources: dict[str, int]  # origin → articles read
    sources_used: dict[str, int]  # origin → distinct articles some document draws on
    pool_paragraphs: int
    pool_titles: int
    pool_authors: int
    pool_outlets: int
    seconds: float

    def as_dict(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in self.__slots__}


def write_corpus(out: Path, docs: list[SynthDoc]) -> tuple[int, int]:
    """Write the documents under ``out``; returns (files, bytes)."""
    files = total = 0
    lines: list[str] = []
    jsonl_files = 0

    def target(name: str) -> Path:
        nonlocal files
        folder = out / f"{files // FILES_PER_FOLDER:03d}"
        if files % FILES_PER_FOLDER == 0:
            folder.mkdir(parents=True, exist_ok=True)
        files += 1
        return folder / name

    def flush() -> None:
        nonlocal total, jsonl_files
        data = ("\n".join(lines) + "\n").encode("utf-8")
        target(f"feed-{jsonl_files:04d}.jsonl").write_bytes(data)
        total += len(data)
        jsonl_files += 1
        lines.clear()

    for doc in docs:
        if doc.kind.startswith("jsonl"):
            lines.append(render_jsonl(doc))
            if len(lines) >= LINES_PER_JSONL:
                flush()
            continue
        data = (render_text(doc) if doc.kind == "text" else render_html(doc)).encode("utf-8")
        target(f"{doc.index:06d}.{'txt' if doc.kind == 'text' else 'html'}").write_bytes(data)
        total += len(data)
    if lines:
        flush()
    return files, total


def generate(count: int, out: Path, seed: int = 0) -> tuple[list[SynthDoc], Summary]:
    """Build ``count`` documents for ``seed`` into ``out`` (replacing an earlier synth.py output there)."""
    start = time.perf_counter()
    out = Path(out)
    if out.exists() and any(out.iterdir()):
        if not (out / STAMP).is_file():
            sys.exit(f"bench/synth.py: {out} is not empty and was not written by synth.py; pick another --out")
        shutil.rmtree(out)
    out.mkdir(parents=True, exist_ok=True)
    pool, used = build_pool()
    docs = build_docs(count, seed, pool)
    files, size = write_corpus(out, docs)
    summary = Summary(docs=count, files=files, bytes=size, body_chars=sum(len(d.body) for d in docs),
                      kinds=dict(sorted(Counter(d.kind for d in docs).items())), sources=dict(sorted(used.items())),
                      sources_used=dict(sorted(Counter(key.split("/")[0] for key in
                                                       {k for d in docs for k in d.sources}).items())),
                      pool_paragraphs=len(pool.paragraphs), pool_titles=len(pool.titles),
                      pool_authors=len(pool.authors), pool_outlets=len(pool.outlets),
                      seconds=time.perf_counter() - start)
    (out / STAMP).write_text(json.dumps({"version": VERSION, "docs": count, "seed": seed,
                                         "summary": summary.as_dict()}, indent=2))
    return docs, summary


def cached(count: int, seed: int, out: Path) -> bool:
    """Whether ``out`` already holds this corpus (same size, seed and generator version)."""
    try:
        stamp = json.loads((out / STAMP).read_text())
    except (OSError, ValueError):
        return False
    return stamp.get("version") == VERSION and stamp.get("docs") == count and stamp.get("seed") == seed


def print_summary(summary: Summary, out: Path) -> None:
    print(f"wrote {summary.docs} documents in {summary.files} files to {out} in {summary.seconds:.1f} s")
    print(f"  bytes: {summary.bytes:,} ({summary.bytes / 1e6:.1f} MB), mean {summary.bytes / summary.docs:,.0f} "
          f"bytes/doc as rendered, mean {summary.body_chars / summary.docs:,.0f} chars/doc of article text")
    print(f"  formats: {', '.join(f'{k} {v}' for k, v in summary.kinds.items())}")
    print(f"  sources (articles used / read): "
          f"{', '.join(f'{k} {summary.sources_used.get(k, 0)}/{v}' for k, v in summary.sources.items())}")
    print(f"  pool: {summary.pool_paragraphs} paragraphs, {summary.pool_titles} titles, "
          f"{summary.pool_authors} authors, {summary.pool_outlets} outlets")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", action="store_true", help="print the summary as JSON instead")
    args = parser.parse_args()
    if args.docs < 1:
        parser.error("--docs must be at least 1")
    _, summary = generate(args.docs, args.out, args.seed)
    if args.json:
        print(json.dumps(summary.as_dict(), indent=2))
    else:
        print_summary(summary, args.out)


if __name__ == "__main__":
    main()
