"""Find the stretches of text between quotation marks (no parsing, characters only).

Rules, in order (news style as in the AP and Reuters style guides):

- double marks (straight ``"`` and curly ``“ ”``, also ``„ « »``) open and close top-level
  quotes; whether a mark opens or closes is read from its neighbours, so mistyped marks
  (``”Mr. Trump…`` opening a paragraph) still pair;
- single marks inside a double-quoted stretch are quotes inside the quote and stay part of
  it; outside, ``‘…’`` and ``'…'`` make a quote only when the opening mark starts a word
  and the closing one ends a word (``don’t`` and ``Taliban’s`` are apostrophes);
- quotes never cross a line break, except that a quote left open at the end of a
  paragraph continues in the next paragraph when that one opens with a quote mark (the
  news convention for a quotation that runs over several paragraphs), or when the next
  line's first mark closes it (text laid out a sentence per line);
- marks inside leftover markup (``<tweet id="…">``) are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["QuotedSpan", "find_quoted_spans"]

DOUBLE_OPEN = "“„«‟"
DOUBLE_CLOSE = "”»"
DOUBLE = '"' + DOUBLE_OPEN + DOUBLE_CLOSE
SINGLE = "'‘’‚‹›`"
_OPENERS = " \t\n([{—–-/" + DOUBLE + SINGLE
_MARKUP = re.compile(r"<[A-Za-z/][^<>\n]{0,500}>")
_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"\w")
MAX_SINGLE_WORDS = 40


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """One quoted stretch: ``start``/``end`` include the marks; ``content_*`` exclude them.

    ``closed`` is False when the paragraph ended before a closing mark; ``continues`` is
    True when the next quoted span carries on the same quotation in the next paragraph;
    ``single`` marks a top-level quote in single marks.
    """

    start: int
    end: int
    content_start: int
    content_end: int
    closed: bool
    continues: bool = False
    single: bool = False


def _can_open(text: str, i: int, width: int = 1) -> bool:
    """A mark can open when it follows a space, a bracket or a dash and precedes a non-space."""
    before_ok = i == 0 or text[i - 1] in _OPENERS
    after_ok = i + width < len(text) and not text[i + width].isspace()
    return before_ok and after_ok


def _can_close(text: str, i: int, width: int = 1) -> bool:
    """A mark can close when it follows a non-space and precedes a space or punctuation."""
    before_ok = i > 0 and not text[i - 1].isspace()
    after_ok = i + width >= len(text) or not text[i + width].isalnum()
    return before_ok and after_ok


def _is_opening(text: str, i: int, is_open: bool, width: int = 1) -> bool:
    """Decide whether the double mark at ``i`` opens a quote (``is_open``: one is pending)."""
    ch, can_open, can_close = text[i], _can_open(text, i, width), _can_close(text, i, width)
    if ch in DOUBLE_OPEN:
        return not (can_close and not can_open)
    if ch in DOUBLE_CLOSE:
        return can_open and not can_close and not is_open
    if can_open and not can_close:
        return True
    if can_close and not can_open:
        return False
    return not is_open


def _masked(text: str) -> str:
    """The text with markup tags blanked out (same length), so their marks are ignored."""
    return _MARKUP.sub(lambda m: " " * len(m.group()), text)


def _double_spans(text: str, lo: int, hi: int) -> list[tuple[int, int | None]]:
    """Pairs (open, end) of double marks in one line (end after the closing mark; None when open).

    Two straight apostrophes (``''``, the New York Times' archive style) count as one double mark.
    """
    pairs: list[tuple[int, int | None]] = []
    opened: int | None = None
    depth = 0  # curly marks nest: “… “inner” …”
    i = lo
    while i < hi:
        width = 2 if text.startswith("''", i) else 1
        if text[i] not in DOUBLE and width == 1:
            i += 1
            continue
        opening = _is_opening(text, i, opened is not None, width)
        if opening and opened is not None and text[i] in DOUBLE_OPEN and text[opened] in DOUBLE_OPEN \
                and _has_closer(text, i + 1, hi, 2 + depth):
            depth += 1
        elif opening:
            opened, depth = i, 0
        elif opened is not None and depth > 0 and text[i] in DOUBLE_CLOSE:
            depth -= 1
        elif opened is not None:
            pairs.append((opened, i + width))
            opened, depth = None, 0
        i += width
    if opened is not None and hi - opened > 1:
        pairs.append((opened, None))
    return pairs


def _has_closer(text: str, i: int, hi: int, count: int) -> bool:
    """Whether at least ``count`` closing curly marks follow (so an inner opening can nest)."""
    return sum(text.count(c, i, hi) for c in DOUBLE_CLOSE) >= count


def _single_spans(text: str, lo: int, hi: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Top-level single-quoted stretches in one line, outside the double-quoted ones."""
    out: list[tuple[int, int]] = []
    i = lo
    while i < hi:
        inside = next((e for s, e in taken if s <= i < e), None)
        if inside is not None:
            i = inside
            continue
        if text[i] in "'‘‚‹`" and _can_open(text, i) and _WORD.match(text[i + 1]):
            close = _single_close(text, i + 1, hi, taken)
            if close is not None:
                out.append((i, close))
                i = close + 1
                continue
        i += 1
    return out


def _single_close(text: str, i: int, hi: int, taken: list[tuple[int, int]]) -> int | None:
    """The closing single mark for an opening one before ``i``, or None."""
    words = 0
    for j in range(i, hi):
        ch = text[j]
        if ch == " ":
            words += 1
            if words > MAX_SINGLE_WORDS:
                return None
        if any(s <= j < e for s, e in taken):
            return None
        if ch in "'’›`" and _can_close(text, j) and not (j + 1 < hi and text[j + 1].isalpha()):
            if text[j - 1] in "sS" and j + 1 < hi and text[j + 1] == " " and _looks_possessive(text, j):
                continue
            return j
    return None


def _looks_possessive(text: str, j: int) -> bool:
    """``students’ union``: a plural possessive followed by a lowercase noun."""
    rest = text[j + 2: j + 3]
    return rest.islower()


def _span(text: str, start: int, end: int, closed: bool, single: bool = False) -> QuotedSpan | None:
    """A :class:`QuotedSpan` with the content trimmed of marks, spaces and a trailing comma."""
    cs, ce = start + (2 if text.startswith("''", start) else 1), end
    if closed:
        ce -= 2 if text.startswith("''", end - 2) and not single else 1
    while cs < ce and text[cs].isspace():
        cs += 1
    while ce > cs and (text[ce - 1].isspace() or text[ce - 1] in ","):
        ce -= 1
    if ce <= cs or not _WORD.search(text, cs, ce):
        return None
    return QuotedSpan(start, end, cs, ce, closed, single=single)


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    """Every quoted stretch in ``text``, in order, with paragraph continuations marked.

    >>> [text[s.content_start:s.content_end] for s in find_quoted_spans(text := 'He said "yes," then.')]
    ['yes']
    """
    masked = _masked(text)
    spans: list[QuotedSpan] = []
    for line in _LINE.finditer(masked):
        lo, hi = line.start(), line.end()
        while hi > lo and masked[hi - 1].isspace():
            hi -= 1
        if spans and not spans[-1].closed and spans[-1].end <= lo:
            carried = _carried_over(masked, lo, hi)
            if carried is not None:
                last = spans[-1]
                spans[-1] = QuotedSpan(last.start, last.end, last.content_start, last.content_end, False,
                                       continues=True, single=last.single)
                spans.append(carried)
                lo = carried.end
        doubles = _double_spans(masked, lo, hi)
        taken = [(s, e if e is not None else hi) for s, e in doubles]
        found = [(s, end, e is not None, False) for (s, e), (_, end) in zip(doubles, taken, strict=True)]
        found += [(s, e + 1, True, True) for s, e in _single_spans(masked, lo, hi, taken)]
        for s, e, closed, single in sorted(found):
            span = _span(text, s, e, closed, single)
            if span is not None:
                spans.append(span)
    return _link_paragraphs(text, spans)


def _carried_over(text: str, lo: int, hi: int) -> QuotedSpan | None:
    """The start of a line that ends a quotation the line before left open: its first double
    mark closes and none opens before it (text laid out a sentence per line: ``"It is hard
    to say.`` / ``Everything is speculation," he said.``)."""
    for i in range(lo, hi):
        if text[i] not in DOUBLE:
            continue
        if text[i] in DOUBLE_OPEN or _can_open(text, i) or not _can_close(text, i):
            return None
        ce = i
        while ce > lo and (text[ce - 1].isspace() or text[ce - 1] == ","):
            ce -= 1
        return QuotedSpan(lo, i + 1, lo, ce, True) if _WORD.search(text, lo, ce) else None
    return None


def _link_paragraphs(text: str, spans: list[QuotedSpan]) -> list[QuotedSpan]:
    """Mark an unclosed quote that carries on into a next paragraph opening with a quote."""
    out = list(spans)
    for k, span in enumerate(spans[:-1]):
        nxt = spans[k + 1]
        if span.closed or nxt.single:
            continue
        between = text[span.end:nxt.start]
        if "\n" in between and not between.strip():
            out[k] = QuotedSpan(span.start, span.end, span.content_start, span.content_end,
                                span.closed, continues=True, single=span.single)
    return out
