"""Clean scraped plain text: keep the article body, label everything else.

Input is the visible text of one page (no tags): navigation, headline, byline, captions,
body, share bars, related links and comments, one block per line. The cascade:

1. measure every non-blank line (:mod:`dossier.clean.textrules`);
2. score lines (prose counts for its length, chrome and short lines against) and take
   the densest run as the body core (a maximum-sum segment);
3. cut the run at a comment-section marker, and set apart an appended essay;
4. inside the run keep prose and the short lines that sit between body lines (subheads,
   list items); outside it, everything is title, meta, caption, boilerplate, essay or
   comments, each with the rule that decided;
5. whatever the run says, a promo block between drawn separators ("────") that asks the
   reader to subscribe is boilerplate, a line next to a bare photo credit is a caption,
   and a long multi-paragraph post among the comments is an essay. A standfirst that
   ends with a byline is split: its sentences are body, "By …" is meta.

Example::

    >>> cleaned = clean_text("Menu\\nA headline here\\n" + "Body text that is long. " * 5)
    >>> cleaned.text.startswith("Body text")
    True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from dossier.clean.textblocks import dateline_cut, label_blocks, signed_prose, split_heads
from dossier.clean.textmeta import TextMeta, extract_meta
from dossier.clean.textrules import (
    Line,
    caption_rule,
    chrome_rule,
    comments_rule,
    credit_rule,
    is_prose,
    repeated_texts,
    separator_rule,
    split_lines,
)
from dossier.records import Cleaned, Segment

__all__ = ["clean_text"]

METHOD = "text.v2"

# Weights of the body-run search, tuned on half the extraction-benchmark ids and
# checked on the other half, and the other way round (bench/text_dev.py).
PROSE_WEIGHT = 1.0  # per word of a prose line
ISOLATED_PROSE = 0.3  # factor for a prose line with no prose neighbour
SHORT_COST = 3.0  # a short line of three words or more
TINY_COST = 3.0  # a line of one or two words
SENTENCE_COST = 1.0  # a short line that ends like a sentence
CHROME_COST = 6.0
CAPTION_COST = 3.0
LONG_GAP = 3  # short lines in a row before each further one costs GAP_FACTOR times more
GAP_FACTOR = 3.0
COMMENTS_COST = 6.0  # crossing a comment-section marker
END_COST = 30.0  # crossing a "Related"/"Subscribe" line that a list follows
MAX_STRETCH = 3  # short lines in a row inside the body run beyond which they are chrome
END_MARKERS = frozenset({"related", "subscribe", "sign-in", "share"})  # a list follows: body over
PROMO_SPAN = 6  # lines after a separator that may belong to one promo block
CAPTION_MAX_WORDS = 50  # a caption next to a credit line is at most this long...
CAPTION_MAX_INNER = 1  # ...and at most two sentences
# A post among the comments shaped like an op-ed (ESSAY_MIN_WORDS words or more, with at
# least ESSAY_MIN_PARAGRAPHS paragraphs of ESSAY_PARAGRAPH_WORDS words) is an appended essay;
# long replies are shorter or run in fewer full paragraphs.
ESSAY_MIN_WORDS = 400
ESSAY_MIN_PARAGRAPHS = 5
ESSAY_PARAGRAPH_WORDS = 40
PROMO_CHROME = frozenset({"subscribe", "sign-in"})
NOT_CAPTION = frozenset({"title", "meta", "comments", "essay"})
_DIALOGUE = re.compile(r"^Q\s*[:.]\s")
# Caption wording: "Zalmay Khalilzad, left, and …", "… (pictured)", "Above: …".
_CAPTION_CUE = re.compile(
    r",\s(?:left|right|centre|center|top|bottom|above|below|second (?:from )?(?:left|right))"
    r"\s?,|\((?:pictured|left|right|centre|center|top|bottom|above|below|file)\)|"
    r"^(?:above|below|top|pictured|main picture)\s*:", re.IGNORECASE)
_TWO_SPACES = re.compile(r"[.?!:;][\"”’)]?(?:[ \xa0]{2,})\S")


@dataclass(frozen=True, slots=True)
class _Hint:
    """What the line rules say about one line before position is taken into account."""

    chrome: str | None
    caption: bool
    credit: bool
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
    lines = split_heads(split_lines(text))
    hints = _hints(lines)
    first, last = _core(lines, hints)
    labels: list[tuple[str, str]] = [("boilerplate", "outside-body")] * len(lines)
    if first <= last:
        labels = _label(lines, hints, first, last)
        labels = _mark_essay(lines, labels, first, last)
    labels = _promos(lines, hints, labels)
    meta = extract_meta(lines, body_start=first if first <= last else len(lines))
    labels = _captions(lines, hints, _apply_meta(labels, meta))
    labels = _captions_titles(labels, lines)
    labels = label_blocks(lines, _comment_essays(lines, hints, labels))
    segments = _segments(lines, labels, meta.cuts, dateline_cut(lines, labels))
    body = "\n\n".join(text[s.start:s.end] for s in segments if s.kind == "body")
    return Cleaned(text=body, title=meta.title, authors=meta.authors, outlet=meta.outlet,
                   published=meta.published, published_basis=meta.published_basis,
                   modified=meta.modified, segments=segments, method=METHOD,
                   source_text=text, url=meta.url)


def _hints(lines: list[Line]) -> list[_Hint]:
    """Run the line rules once per line."""
    counts = repeated_texts(lines)
    hints = []
    for line in lines:
        key = line.norm.casefold()
        hints.append(_Hint(chrome=chrome_rule(line), caption=caption_rule(line),
                           credit=credit_rule(line), prose=is_prose(line) or signed_prose(line),
                           comments=comments_rule(line), repeated=counts[key] > 1))
    return hints


def _scores(lines: list[Line], hints: list[_Hint]) -> list[float]:
    """How much each line argues for being inside the body run (negative: against)."""
    seen: set[str] = set()
    prose = [hint.prose and not _repeat(line, hint, seen)
             for line, hint in zip(lines, hints, strict=True)]
    scores = []
    run = 0
    for i, (line, hint) in enumerate(zip(lines, hints, strict=True)):
        if prose[i]:
            run = 0
            alone = not (i > 0 and prose[i - 1]) and not (i + 1 < len(lines) and prose[i + 1])
            scores.append(PROSE_WEIGHT * line.words * (ISOLATED_PROSE if alone else 1.0))
            continue
        run += 1
        cost = _cost(line, hint)
        scores.append(-cost * (GAP_FACTOR if run > LONG_GAP else 1.0))
    return scores


def _repeat(line: Line, hint: _Hint, seen: set[str]) -> bool:
    """Whether a repeated line was already seen earlier in the page (first copy counts)."""
    if not hint.repeated:
        return False
    key = line.norm.casefold()
    if key in seen:
        return True
    seen.add(key)
    return False


def _cost(line: Line, hint: _Hint) -> float:
    """What a non-prose line costs the run that includes it."""
    if hint.chrome or hint.comments:
        return CHROME_COST
    if hint.caption:
        return CAPTION_COST
    if line.sentence and line.words >= 3:
        return SENTENCE_COST
    return SHORT_COST if line.words >= 3 else TINY_COST


def _barriers(hints: list[_Hint]) -> list[float]:
    """What crossing each line costs: comment markers, and end markers a list follows."""
    out = []
    for i, hint in enumerate(hints):
        ends = hint.chrome in END_MARKERS and not any(h.prose for h in hints[i + 1:i + 4])
        out.append(COMMENTS_COST if hint.comments else END_COST if ends else 0.0)
    return out


def _kadane(scores: list[float], lo: int, hi: int) -> tuple[float, int, int]:
    """The maximum-sum run within scores[lo:hi]: (sum, first, last), last < first if none."""
    best, first, last = 0.0, lo, lo - 1
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            total, start = 0.0, i
        total += scores[i]
        if total > best:
            best, first, last = total, start, i
    return best, first, last


def _core(lines: list[Line], hints: list[_Hint]) -> tuple[int, int]:
    """The body run: the densest stretch of prose, ended at a comment-section marker."""
    barriers = _barriers(hints)
    scores = [-barrier if barrier else score
              for barrier, score in zip(barriers, _scores(lines, hints), strict=True)]
    _, first, last = _kadane(scores, 0, len(scores))
    for i in range(first + 1, last + 1):
        if hints[i].comments:
            return first, _last_prose(hints, first, i - 1)
    return first, last


def _last_prose(hints: list[_Hint], first: int, last: int) -> int:
    """Pull the end of a run back to its last prose line."""
    while last > first and not hints[last].prose:
        last -= 1
    return last


def _label(lines: list[Line], hints: list[_Hint], first: int,
           last: int) -> list[tuple[str, str]]:
    """Label every line given the body run [first, last]."""
    labels: list[tuple[str, str]] = []
    comments_from = _comments_start(hints, last)
    stretch = _short_stretches(hints)
    for i, (line, hint) in enumerate(zip(lines, hints, strict=True)):
        if first <= i <= last:
            labels.append(_inside(line, hint, stretch[i]))
        elif i >= comments_from:
            labels.append(("comments", "after-comments-marker"))
        else:
            labels.append(_outside(line, hint))
    return labels


def _short_stretches(hints: list[_Hint]) -> list[int]:
    """For each line, how many non-prose lines in a row it belongs to (0 for prose)."""
    out = [0] * len(hints)
    i = 0
    while i < len(hints):
        if hints[i].prose:
            i += 1
            continue
        j = i
        while j < len(hints) and not hints[j].prose:
            j += 1
        out[i:j] = [j - i] * (j - i)
        i = j
    return out


def _comments_start(hints: list[_Hint], last: int) -> int:
    """Index of the first comment-section line after the body run, or past the end."""
    return next((i for i in range(last + 1, len(hints)) if hints[i].comments), len(hints))


def _inside(line: Line, hint: _Hint, stretch: int) -> tuple[str, str]:
    """Label a line inside the body run."""
    if hint.chrome:
        return "boilerplate", f"chrome-pattern:{hint.chrome}"
    if hint.caption:
        return "caption", "photo-credit" if hint.credit else "caption-with-credit"
    if hint.prose:
        return "body", "prose"
    if stretch > MAX_STRETCH:
        return "boilerplate", "short-block-inside-body"
    return "body", "short-inside-body"


def _segments(lines: list[Line], labels: list[tuple[str, str]], cuts: dict[int, tuple[int, int]],
              datelines: dict[int, int]) -> tuple[Segment, ...]:
    """One segment per line; a standfirst line that ends with a byline gives two, and so
    does a paragraph that opens with a dateline (the dateline is meta)."""
    out: list[Segment] = []
    for i, (line, (kind, reason)) in enumerate(zip(lines, labels, strict=True)):
        if i in cuts and kind == "meta":
            end, by = cuts[i]
            out.append(Segment("body", line.start, line.start + end, "standfirst-before-byline"))
            out.append(Segment(kind, line.start + by, line.end, reason))
        elif i in datelines and kind == "body":
            end = datelines[i]
            out.append(Segment("meta", line.start, line.start + len(line.text[:end].rstrip()), "dateline"))
            out.append(Segment(kind, line.start + end, line.end, reason))
        else:
            out.append(Segment(kind, line.start, line.end, reason))
    return tuple(out)


def _promos(lines: list[Line], hints: list[_Hint],
            labels: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A block opened by a drawn separator and holding a subscribe/sign-up line is a promo.

    The block runs to the next separator, or to the first blank line, at most PROMO_SPAN
    lines. A separator that opens no promo is boilerplate too (it has no words).
    """
    out = list(labels)
    i = 0
    while i < len(lines):
        if not separator_rule(lines[i]):
            i += 1
            continue
        j = i + 1
        while (j < len(lines) and j - i <= PROMO_SPAN and not separator_rule(lines[j])
               and (j == i + 1 or lines[j].gap == 0)):
            j += 1
        closed = j < len(lines) and separator_rule(lines[j])
        if any(hints[k].chrome in PROMO_CHROME for k in range(i + 1, j)):
            end = j if closed else j - 1
            for k in range(i, end + 1):
                if out[k][0] in ("body", "boilerplate", "caption"):
                    out[k] = ("boilerplate", "promo-block")
            i = end + 1
            continue
        if out[i][0] == "body":
            out[i] = ("boilerplate", "separator")
        i += 1
    return out


def _captions(lines: list[Line], hints: list[_Hint],
              labels: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A bare credit line ("Photo: …", "Name/AP") and the caption beside it.

    The caption is the line just above the credit (at most one blank line between), or,
    when that one cannot be a caption, the line just below it if it is worded like one
    (", left,", "(pictured)"). Later copies of a caption's text are captions too.
    """
    out = list(labels)
    for i, line in enumerate(lines):
        if not hints[i].credit or out[i][0] in NOT_CAPTION:
            continue
        out[i] = ("caption", "photo-credit")
        if i > 0 and line.gap <= 1 and _caption_like(lines[i - 1], hints[i - 1], out[i - 1]):
            out[i - 1] = ("caption", "above-credit")
        elif (i + 1 < len(lines) and lines[i + 1].gap <= 1
              and _caption_like(lines[i + 1], hints[i + 1], out[i + 1])
              and _CAPTION_CUE.search(lines[i + 1].text)):
            out[i + 1] = ("caption", "below-credit")
    captions = {ln.norm for ln, (kind, _) in zip(lines, out, strict=True)
                if kind == "caption" and ln.words >= 4}
    return [("caption", "caption-repeat") if kind == "boilerplate" and ln.norm in captions
            else (kind, reason) for ln, (kind, reason) in zip(lines, out, strict=True)]


def _caption_like(line: Line, hint: _Hint, label: tuple[str, str]) -> bool:
    """Whether a line could be a photo caption: short, one or two sentences, not chrome."""
    return (label[0] in ("body", "boilerplate") and not hint.chrome and not hint.comments
            and not hint.credit and line.words <= CAPTION_MAX_WORDS
            and line.inner <= CAPTION_MAX_INNER)


def _comment_essays(lines: list[Line], hints: list[_Hint],
                    labels: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A post in the comments that runs to several long paragraphs is an appended essay."""
    out = list(labels)
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and out[j][0] == "comments" and hints[j].prose:
            j += 1
        full = sum(ln.words >= ESSAY_PARAGRAPH_WORDS for ln in lines[i:j])
        if full >= ESSAY_MIN_PARAGRAPHS and sum(ln.words for ln in lines[i:j]) >= ESSAY_MIN_WORDS:
            out[i:j] = [("essay", "long-post-in-comments")] * (j - i)
        i = max(j, i + 1)
    return out


def _captions_titles(labels: list[tuple[str, str]], lines: list[Line]) -> list[tuple[str, str]]:
    """A short line just above a caption is the picture's title ("Osama Bin Laden")."""
    out = list(labels)
    for i in range(len(lines) - 1):
        if (out[i + 1][0] == "caption" and out[i][0] in ("body", "boilerplate")
                and not out[i][1].startswith("chrome-pattern") and lines[i].words <= 8
                and not lines[i].sentence and lines[i + 1].gap == 0):
            out[i] = ("caption", "above-caption")
    return out


def _mark_essay(lines: list[Line], labels: list[tuple[str, str]], first: int,
                last: int) -> list[tuple[str, str]]:
    """Set apart a reader's essay appended to the article after a wide gap.

    It starts at a line after two or more blank lines (where body paragraphs are one
    blank line apart) whose section opens with "Q:" or is typed differently: two spaces
    after full stops on a third of its lines, none in the article.
    """
    for i in range(first + 1, last + 1):
        if lines[i].gap < 2 or labels[i][0] != "body" or lines[i - 1].gap >= 2:
            continue
        before = [ln for ln, (kind, _) in zip(lines[first:i], labels[first:i], strict=True)
                  if kind == "body"]
        after = lines[i:]
        if _DIALOGUE.match(lines[i].text) or (
                _typewriter(after) >= 0.3 and _typewriter(before) <= 0.05):
            tail = [("essay", "typography-shift-after-gap") if kind in ("body", "boilerplate")
                    else (kind, reason) for kind, reason in labels[i:]]
            return labels[:i] + tail
    return labels


def _typewriter(lines: list[Line]) -> float:
    """Share of lines typed with two spaces after a full stop or colon."""
    return sum(bool(_TWO_SPACES.search(ln.text)) for ln in lines) / len(lines) if lines else 0.0


def _outside(line: Line, hint: _Hint) -> tuple[str, str]:
    """Label a line outside the body run."""
    if hint.chrome:
        return "boilerplate", f"chrome-pattern:{hint.chrome}"
    if hint.caption:
        return "caption", "photo-credit" if hint.credit else "caption-with-credit"
    if hint.prose:
        return "boilerplate", "prose-outside-body"
    return "boilerplate", "short-no-sentence"


def _apply_meta(labels: list[tuple[str, str]], meta: TextMeta) -> list[tuple[str, str]]:
    """Relabel the lines the metadata extractor claimed (title, byline, dateline)."""
    out = list(labels)
    for index, (kind, reason) in meta.lines.items():
        out[index] = (kind, reason)
    return out
