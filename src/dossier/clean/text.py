"""Clean scraped plain text: keep the article body, label everything else.

Input is the visible text of one page (no tags): navigation, headline, byline, captions,
body, share bars, related links and comments, one block per line. The cascade:

1. measure every non-blank line (:mod:`dossier.clean.textrules`);
2. score lines (prose counts for its length, chrome and short lines against) and take
   the densest run as the body core (a maximum-sum segment);
3. cut the run at a comment-section marker, and set apart an appended essay;
4. inside the run keep prose and the short lines that sit between body lines (subheads,
   list items); outside it, everything is title, meta, caption, boilerplate, essay or
   comments, each with the rule that decided.

Example::

    >>> cleaned = clean_text("Menu\\nA headline here\\n" + "Body text that is long. " * 5)
    >>> cleaned.text.startswith("Body text")
    True
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.clean.textmeta import TextMeta, extract_meta
from dossier.clean.textrules import (
    Line,
    caption_rule,
    chrome_rule,
    comments_rule,
    is_prose,
    repeated_texts,
    split_lines,
)
from dossier.records import Cleaned, Segment

__all__ = ["clean_text"]

METHOD = "text.v1"


@dataclass(frozen=True, slots=True)
class _Hint:
    """What the line rules say about one line before position is taken into account."""

    chrome: str | None
    caption: bool
    prose: bool
    comments: bool
    repeated: bool


def clean_text(text: str) -> Cleaned:
    """Split scraped plain text into body and non-body segments.

    Args:
        text: the decoded visible text of one scraped page.

    Returns:
        A :class:`Cleaned` whose ``text`` is the body paragraphs joined by blank lines,
        with one :class:`Segment` per non-blank input line and metadata found in the text.
    """
    lines = split_lines(text)
    hints = _hints(lines)
    first, last = _core(lines, hints)
    labels: list[tuple[str, str]] = [("boilerplate", "outside-body")] * len(lines)
    if first <= last:
        last, tail = _cut_tail(lines, hints, first, last)
        labels = _label(lines, hints, first, last, tail)
    meta = extract_meta(lines, body_start=first if first <= last else len(lines))
    labels = _apply_meta(labels, meta)
    segments = tuple(Segment(kind, ln.start, ln.end, reason)
                     for ln, (kind, reason) in zip(lines, labels, strict=True))
    body = "\n\n".join(ln.text for ln, (kind, _) in zip(lines, labels, strict=True)
                       if kind == "body")
    return Cleaned(text=body, title=meta.title, authors=meta.authors, outlet=meta.outlet,
                   published=meta.published, published_basis=meta.published_basis,
                   modified=meta.modified, segments=segments, method=METHOD,
                   source_text=text)


def _hints(lines: list[Line]) -> list[_Hint]:
    """Run the line rules once per line."""
    counts = repeated_texts(lines)
    hints = []
    for line in lines:
        key = " ".join(line.text.split()).casefold()
        hints.append(_Hint(chrome=chrome_rule(line), caption=caption_rule(line),
                           prose=is_prose(line), comments=comments_rule(line),
                           repeated=counts[key] > 1))
    return hints


def _score(line: Line, hint: _Hint) -> float:
    """How much a line argues for being inside the body run (negative: against)."""
    if hint.chrome or hint.comments:
        return -6.0
    if hint.caption:
        return -3.0
    if hint.prose and not hint.repeated:
        return float(line.words)
    if hint.prose:
        return 0.0
    return -2.0 if line.words >= 3 else -3.0


def _core(lines: list[Line], hints: list[_Hint]) -> tuple[int, int]:
    """The maximum-sum run of line scores: (first, last) indexes, or (0, -1) if none."""
    best, best_span = 0.0, (0, -1)
    total, start = 0.0, 0
    for i, (line, hint) in enumerate(zip(lines, hints, strict=True)):
        if total <= 0:
            total, start = 0.0, i
        total += _score(line, hint)
        if total > best:
            best, best_span = total, (start, i)
    return best_span


def _cut_tail(lines: list[Line], hints: list[_Hint], first: int,
              last: int) -> tuple[int, str | None]:
    """End the run before a comment-section marker; say what follows it, if anything."""
    for i in range(first + 1, last + 1):
        if hints[i].comments:
            return i - 1, "comments"
    return last, None


def _label(lines: list[Line], hints: list[_Hint], first: int, last: int,
           tail: str | None) -> list[tuple[str, str]]:
    """Label every line given the body run [first, last]."""
    labels: list[tuple[str, str]] = []
    comments_from = _comments_start(hints, last, tail)
    for i, (line, hint) in enumerate(zip(lines, hints, strict=True)):
        if first <= i <= last:
            labels.append(_inside(line, hint))
        elif i >= comments_from:
            labels.append(("comments", "after-comments-marker"))
        else:
            labels.append(_outside(line, hint))
    return labels


def _comments_start(hints: list[_Hint], last: int, tail: str | None) -> int:
    """Index of the first comment-section line after the body, or past the end."""
    if tail == "comments":
        return last + 1
    for i in range(last + 1, len(hints)):
        if hints[i].comments:
            return i
    return len(hints)


def _inside(line: Line, hint: _Hint) -> tuple[str, str]:
    """Label a line inside the body run."""
    if hint.chrome:
        return "boilerplate", f"chrome-pattern:{hint.chrome}"
    if hint.caption and not hint.prose:
        return "caption", "photo-credit"
    if hint.prose:
        return "body", "prose"
    return "body", "short-inside-body"


def _outside(line: Line, hint: _Hint) -> tuple[str, str]:
    """Label a line outside the body run."""
    if hint.chrome:
        return "boilerplate", f"chrome-pattern:{hint.chrome}"
    if hint.caption:
        return "caption", "photo-credit"
    if hint.prose:
        return "boilerplate", "prose-outside-body"
    return "boilerplate", "short-no-sentence"


def _apply_meta(labels: list[tuple[str, str]], meta: TextMeta) -> list[tuple[str, str]]:
    """Relabel the lines the metadata extractor claimed (title, byline, dateline)."""
    out = list(labels)
    for index, (kind, reason) in meta.lines.items():
        out[index] = (kind, reason)
    return out
