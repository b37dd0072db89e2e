"""The main body and metadata of one HTML page.

A cascade (``Cleaned.method`` names the path taken):

1. ``html:merge`` - trafilatura (comments off, no internal fallback) and
   readability-lxml both run; their paragraphs are compared by shared word trigrams.
   Paragraphs both agree on are kept. trafilatura-only paragraphs survive only inside
   the agreed stretch and when long (ten words or more): outside it they are navigation,
   teasers and sign-up boxes. When readability holds trafilatura's text *and* at least
   as much again in long paragraphs, trafilatura stopped early, and readability's
   order and long paragraphs are used (``html:merge+readability``).
2. ``html:trafilatura`` / ``html:readability`` - only one extractor found a body.
3. ``html:visible-text`` - neither found enough: the page's visible text is flattened
   and handed to :func:`dossier.clean.text.clean_text`.

Then the headline (when repeated as the first lines) and trailing credit or share
lines are trimmed. Measured on the Scrapinghub article-extraction benchmark (shingle
F1), see ``bench/extraction.py``.

Input policy: a page that is empty or whitespace only raises
:class:`~dossier.errors.InputError`; anything else (unclosed tags, binary junk, a
fragment) is parsed leniently and gives a :class:`~dossier.records.Cleaned`, whose text
may be empty (``method`` then ends in ``:empty``).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from typing import TypeVar

import lxml.etree
import lxml.html
from lxml.html import HtmlElement
from readability import Document as Readability
from trafilatura import bare_extraction

from dossier.clean.htmlmeta import Fallback, PageMeta, read_meta
from dossier.clean.nesting import flatten_deep
from dossier.errors import InputError
from dossier.records import Cleaned

__all__ = ["clean_html", "html_to_text", "merge_bodies"]

log = logging.getLogger(__name__)

_T = TypeVar("_T")
_WORD = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_MIN_WORDS = 20  # below this, an extraction counts as "nothing"
_AGREE = 0.5  # share of a paragraph's trigrams the other extractor must hold
_MID_MIN_WORDS = 10  # a trafilatura-only paragraph inside the agreed stretch
_LONG = 15  # a readability-only paragraph counts as prose from this many words


def clean_html(html: str, *, url: str | None = None) -> Cleaned:
    """The main body and metadata of one HTML page.

    Args:
        html: the decoded page.
        url: where it came from (helps date and outlet detection).
    Returns:
        A :class:`Cleaned` whose ``text`` is the body paragraphs joined by blank lines.
    Raises:
        InputError: the page is empty or holds nothing lxml can parse.

    >>> clean_html("<html><body><article><p>" + "Word " * 30 + "</p></article></body></html>").method
    'html:trafilatura+readability'
    """
    if not isinstance(html, str):
        raise InputError(f"clean_html needs decoded text, got {type(html).__name__}; "
                         "decode the bytes first (see dossier.ingest).", source=url)
    html = _CONTROL.sub("", html)
    if not html.strip():
        raise InputError("The HTML page is empty; nothing to clean. Check the download.",
                         source=url)
    html = flatten_deep(html)  # libxml2 silently drops whatever sits deeper than 256 elements
    tree = _parse(html, url)
    extracted = _safely(lambda: bare_extraction(html, url=url, include_comments=False, fast=True))
    first = getattr(extracted, "text", None) or ""
    second = _safely(lambda: html_to_text(_Readability(html).summary(html_partial=True)))
    meta = read_meta(tree, url=url, fallback=Fallback(sitename=_host(url)))
    text, method = merge_bodies(first, second or "", title=meta.title)
    visible = _tree_text(tree.body if tree.find("body") is not None else tree)
    if len(_WORD.findall(text)) < _MIN_WORDS:
        text, method = _visible_fallback(visible, text, method)
    return replace(_cleaned(text, method, meta), readable_chars=len(visible))


_READABILITY_PARSER = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
_DISPLAY_NONE = re.compile(  # readability-lxml's own displayNoneRe
    r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\s*(?:!important\s*)?(?:;|$)", re.IGNORECASE)


class _Readability(Readability):  # type: ignore[misc]
    """readability-lxml with a cheaper cleaning pass (about half its run time).

    The stock pass runs lxml_html_clean's ``Cleaner``, which copies the tree and spends
    most of its time rewriting links to drop ``javascript:`` URLs: work that never
    changes the text. This one removes what that ``Cleaner`` removes from the text
    (scripts, styles, ``<link>``, comments, processing instructions), after the same
    hidden-element pass; scoring and extraction are readability's own. A test checks the
    text matches stock readability.
    """

    def _parse(self, input: str) -> HtmlElement:  # "input": readability's signature
        doc = lxml.html.document_fromstring(input.encode("utf-8", errors="replace"),
                                            parser=_READABILITY_PARSER)
        for el in doc.xpath("//*[@hidden] | //*[@style]"):
            if el.get("hidden") is not None or _DISPLAY_NONE.search(el.get("style") or ""):
                el.drop_tree()
        lxml.etree.strip_elements(doc, "script", "style", "link", with_tail=False)
        return doc


def _host(url: str | None) -> str | None:
    """The site's host name without "www.", the outlet of last resort."""
    match = re.match(r"^[a-z][a-z0-9+.-]*://(?:www\.)?([^/:?#]+)", url or "", re.IGNORECASE)
    return match.group(1).lower() if match else None


def _parse(html: str, url: str | None) -> HtmlElement:
    """Parse leniently; a page lxml cannot read at all becomes an InputError."""
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True)
    data = html.encode("utf-8", errors="replace")
    try:
        return lxml.html.document_fromstring(data, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise InputError(f"The page holds no readable HTML ({exc}); "
                         "check that it is a web page and not a binary file.", source=url) from exc


def _safely(step: Callable[[], _T]) -> _T | None:
    """Run one extractor; a crash inside a third-party library means "found nothing"."""
    try:
        return step()
    except Exception as exc:  # noqa: BLE001 - the cascade's next step takes over
        log.debug("extractor failed: %r", exc)
        return None


def _cleaned(text: str, method: str, meta: PageMeta) -> Cleaned:
    return Cleaned(text=text, title=meta.title, authors=meta.authors, outlet=meta.outlet,
                   published=meta.published, published_basis=meta.published_basis,
                   modified=meta.modified, language=meta.language, url=meta.url,
                   method=method if text else f"{method}:empty")


def _visible_fallback(visible: str, text: str, method: str) -> tuple[str, str]:
    """Neither extractor found a body: clean the page's visible text as plain text."""
    if len(_WORD.findall(visible)) <= len(_WORD.findall(text)):
        return text, method
    try:
        from dossier.clean.text import clean_text
    except ImportError:  # the plain-text cleaner is optional here
        return visible, "html:visible-text"
    cleaned = clean_text(visible)
    if len(_WORD.findall(cleaned.text)) > len(_WORD.findall(text)):
        return cleaned.text, f"html:visible-text+{cleaned.method or 'text'}"
    return text, method


# ---------------------------------------------------------------- flattening
_DROP = {"script", "style", "noscript", "template", "head", "svg", "iframe", "object",
         "embed", "canvas", "title", "meta", "link", "button", "select", "textarea", "form"}
_BLOCK = {"address", "article", "aside", "blockquote", "body", "br", "caption", "dd",
          "details", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
          "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol",
          "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"}
_INLINE_SPACE = re.compile(r"[^\S\n]+")


def html_to_text(fragment: str) -> str:
    """Visible text of an HTML fragment, one block element per line."""
    if not fragment.strip():
        return ""
    root = lxml.html.fragment_fromstring(fragment.encode("utf-8"), create_parent="div",
                                         parser=lxml.html.HTMLParser(encoding="utf-8"))
    return _tree_text(root)


def _tree_text(root: HtmlElement) -> str:
    parts: list[str] = []
    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, el in walker:
        name = el.tag.lower() if isinstance(el.tag, str) else None
        if event == "start":
            if name is None or name in _DROP:
                walker.skip_subtree()
                continue
            parts.append("\n" if name in _BLOCK else "")
            parts.append(el.text or "")
        else:
            parts.append("\n" if name in _BLOCK else "")
            if el is not root:
                parts.append(el.tail or "")
    lines = (_INLINE_SPACE.sub(" ", ln).strip() for ln in "".join(parts).replace("\xa0", " ").split("\n"))
    return "\n".join(ln for ln in lines if ln)


# ---------------------------------------------------------------- merging
def _words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


def _grams(text: str) -> set[tuple[str, ...]]:
    """All 1-, 2- and 3-word sequences of a text (short paragraphs match too)."""
    words = _words(text)
    return {tuple(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}


def _coverage(paragraph: str, grams: set[tuple[str, ...]]) -> float:
    """Share of a paragraph's word trigrams (or its whole run, if shorter) in ``grams``."""
    words = _words(paragraph)
    n = min(3, len(words))
    if not n:
        return 0.0
    own = {tuple(words[i:i + n]) for i in range(len(words) - n + 1)}
    return sum(g in grams for g in own) / len(own)


def _paragraphs(text: str) -> list[str]:
    return [ln.strip() for ln in text.split("\n") if ln.strip()]


def merge_bodies(first: str, second: str, *, title: str | None = None) -> tuple[str, str]:
    """Combine trafilatura's body (``first``) with readability's (``second``).

    Returns:
        ``(text, method)`` with paragraphs joined by blank lines.
    """
    ours, theirs = _paragraphs(first), _paragraphs(second)
    if len(_words(second)) < _MIN_WORDS or not theirs:
        return _finish(ours, title), "html:trafilatura"
    if len(_words(first)) < _MIN_WORDS or not ours:
        return _finish(theirs, title), "html:readability"
    kept, method = _agreed(ours, theirs)
    return _finish(kept, title), method


def _agreed(ours: list[str], theirs: list[str]) -> tuple[list[str], str]:
    their_grams, our_grams = _grams("\n".join(theirs)), _grams("\n".join(ours))
    our_cov = [_coverage(p, their_grams) for p in ours]
    their_cov = [_coverage(p, our_grams) for p in theirs]
    our_words = [len(_words(p)) for p in ours]
    their_words = [len(_words(p)) for p in theirs]
    agree_ours = _share(our_words, our_cov)
    if agree_ours < _AGREE:  # they found different things: keep trafilatura
        return ours, "html:trafilatura"
    if agree_ours >= 0.9:
        extra = sum(w for w, c in zip(their_words, their_cov) if c < _AGREE and w >= _LONG)
        if extra >= sum(our_words):  # trafilatura stopped early
            kept = [p for p, c, w in zip(theirs, their_cov, their_words) if c >= _AGREE or w >= _LONG]
            return kept, "html:merge+readability"
    inside = [i for i, c in enumerate(our_cov) if c >= _AGREE]
    lo, hi = (inside[0], inside[-1]) if inside else (0, -1)
    kept = [p for i, (p, c, w) in enumerate(zip(ours, our_cov, our_words))
            if c >= _AGREE or (lo < i < hi and w >= _MID_MIN_WORDS)]
    return kept, "html:trafilatura+readability"


def _share(words: list[int], coverage: list[float]) -> float:
    total = sum(words)
    return sum(w for w, c in zip(words, coverage) if c >= _AGREE) / total if total else 0.0


_CREDIT = re.compile(
    r"^\(?(?:additional |with )?reporting by\b|^.{0,80}\bcontributed (?:reporting|to this report)"
    r"|^(?:follow|email|write to|reach|contact) .{0,80}(?:@|\bat\b|twitter)"
    r"|^(?:you may also like|related|read more|more from|filed under|tags?)\b.{0,60}$"
    r"|^(?:share|like) this\b", re.IGNORECASE)
_READING_TIME = re.compile(r"^(?:\d+\s*min(?:ute)?s? read|reading time\b|updated\b.{0,40}$)", re.IGNORECASE)
_SENTENCE_END = tuple('.!?"\u201d\u2019')


def _finish(paragraphs: list[str], title: str | None) -> str:
    """Drop a repeated headline, reading-time lines and trailing credits or share lines."""
    head = _words(title or "")
    if head:
        for i, p in enumerate(paragraphs[:3]):
            if _words(p) == head:
                paragraphs = paragraphs[:i] + paragraphs[i + 1:]
                break
    while paragraphs and _READING_TIME.search(paragraphs[0]):
        paragraphs = paragraphs[1:]
    while paragraphs and (_CREDIT.search(paragraphs[-1]) or (
            len(_words(paragraphs[-1])) < 4 and not paragraphs[-1].endswith(_SENTENCE_END))):
        paragraphs = paragraphs[:-1]
    return "\n\n".join(paragraphs)
