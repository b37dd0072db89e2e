"""Finding the numbers in a parsed Doc: runs of tokens that read as one amount.

Three kinds, tried in this order at each token: vague amounts ("dozens", "tens of thousands",
"a handful"), fractions ("two-thirds", "half of", "a quarter of") and numbers ("13,000",
"1.5 million", "a dozen", "two and a half"). Then ranges are joined ("400 to 600",
"between 2 and 3 million"). Ordinals ("third", "100th") never read as numbers here, whatever
spaCy's ``like_num`` says. Which of these are real quantities is decided in
:mod:`dossier.extract.quantities`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from dossier.extract.numwords import (
    ABBREVIATED_MAGNITUDES,
    CURRENCY_SYMBOLS,
    FRACTIONS,
    MAGNITUDES,
    SMALL,
    VAGUE,
    digit_value,
    parse_number,
)

__all__ = ["Group", "find_groups", "is_numeral"]

_TENS = {w for w, v in SMALL.items() if v >= 20 and v % 10 == 0 and "-" not in w}
_UNIT_WORDS = {w for w, v in SMALL.items() if 1 <= v <= 9}
_SYMBOLS = frozenset("$€£¥₹₽")
_HALF_NEXT = frozenset({"of", "the", "a", "an", "its", "their", "his", "her", "our", "all", "this", "that"})
_HALF_NOT_AFTER = frozenset({"and", "first", "second", "last", "latter", "other", "the", "a", "an"})
_VAGUE_FIRST = frozenset(words[0] for words in VAGUE)
# Words that can begin a group (digits are checked apart).
_STARTS = frozenset({words[0] for words in VAGUE} | set(SMALL) | {"a", "an", "half"})


@dataclass(frozen=True, slots=True)
class Group:
    """A run of tokens ``[start, end)`` that reads as one amount."""

    start: int
    end: int
    value: float
    kind: str  # number | vague | fraction
    value_max: float | None = None
    magnitude: float = 1.0  # the trailing magnitude word's value ("million" → 1e6), for ranges


def is_numeral(tok: Any) -> bool:
    """Whether a token is a cardinal written in digits or as a word ("13,000", "seventeen")."""
    return digit_value(tok.text) is not None or tok.lower_ in SMALL


def find_groups(sdoc: Any) -> list[Group]:
    """All number groups in the Doc, left to right, ranges joined."""
    return _join_ranges(sdoc, list(_scan(sdoc)))


def _scan(sdoc: Any) -> Iterator[Group]:
    candidates = [t.i for t in sdoc if t.lower_ in _STARTS or t.text[:1].isdigit()]
    end = 0
    for i in candidates:
        if i < end:
            continue
        group = _vague_at(sdoc, i) or _fraction_at(sdoc, i) or _number_at(sdoc, i)
        if group is not None:
            yield group
            end = group.end


def _lowers(sdoc: Any, start: int, end: int) -> tuple[str, ...]:
    return tuple(t.lower_ for t in sdoc[max(start, 0):min(end, len(sdoc))])


def _vague_at(sdoc: Any, i: int) -> Group | None:
    if sdoc[i].lower_ not in _VAGUE_FIRST:
        return None
    for length in (3, 2, 1):
        words = _lowers(sdoc, i, i + length)
        if len(words) < length or words not in VAGUE:
            continue
        nxt = sdoc[i + length] if i + length < len(sdoc) else None
        if nxt is None:  # the amount ends the text: "scores", "tens", "several" need a noun after
            if words[-1] in ("scores", "tens", "several", "few", "handful"):
                return None
        elif words[-1] in ("scores", "tens") and nxt.lower_ != "of":
            return None
        elif words[-1] in ("several", "few") and nxt.lower_ in MAGNITUDES:
            return Group(i, i + length + 1, VAGUE[words] * MAGNITUDES[nxt.lower_], "vague")  # "several thousand"
        elif words[-1] in ("several", "few", "handful") and nxt.lower_ != "of" \
                and nxt.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None
        if i > 0 and (is_numeral(sdoc[i - 1]) or sdoc[i - 1].lower_ in ("the", "a") and words == ("few",)):
            return None
        return Group(i, i + length, VAGUE[words], "vague")
    return None


def _fraction_at(sdoc: Any, i: int) -> Group | None:
    tok, n = sdoc[i], len(sdoc)
    nxt = sdoc[i + 1].lower_ if i + 1 < n else ""
    if tok.lower_ == "half":
        prev = sdoc[i - 1].lower_ if i > 0 else ""
        if nxt in _HALF_NEXT and prev not in _HALF_NOT_AFTER:
            return Group(i, i + 1, 0.5, "fraction")
        return None
    count = 1.0 if tok.lower_ in ("a", "an") else SMALL.get(tok.lower_) or digit_value(tok.text)
    if not count:
        return None
    j = i + 1
    if nxt == "-" and not tok.whitespace_ and i + 2 < n:
        j = i + 2
    if j >= n or sdoc[j].lower_ not in FRACTIONS or sdoc[j].lower_ == "half" and tok.lower_ not in ("one", "a", "an"):
        return None
    word = sdoc[j].lower_
    plural_form = word.endswith("s")
    after = sdoc[j + 1].lower_ if j + 1 < n else ""
    if count == 1.0 and not plural_form and after == "of" or count > 1 and plural_form or j == i + 2 and count == 1.0:
        return Group(i, j + 1, count * FRACTIONS[word], "fraction")
    return None


def _number_at(sdoc: Any, i: int) -> Group | None:
    tok, n = sdoc[i], len(sdoc)
    if not is_numeral(tok) and not (tok.lower_ in ("a", "an") and i + 1 < n and sdoc[i + 1].lower_ in MAGNITUDES):
        return None
    j, magnitude = i + 1, 1.0
    while j < n:
        prev, cur = sdoc[j - 1], sdoc[j]
        nxt = sdoc[j + 1].lower_ if j + 1 < n else ""
        if cur.lower_ in MAGNITUDES:
            magnitude = MAGNITUDES[cur.lower_]
            j += 1
        elif cur.lower_ in ABBREVIATED_MAGNITUDES and not prev.whitespace_ and digit_value(prev.text) is not None:
            if cur.lower_ in ("m", "b") and not _currency_before(sdoc, i):
                break
            magnitude = ABBREVIATED_MAGNITUDES[cur.lower_]
            j += 1
        elif cur.text == "-" and not prev.whitespace_ and not cur.whitespace_ and prev.lower_ in _TENS \
                and nxt in _UNIT_WORDS:
            j += 2
        elif prev.lower_ in _TENS and cur.lower_ in _UNIT_WORDS:
            j += 1
        elif cur.lower_ == "and" and _lowers(sdoc, j + 1, j + 3) == ("a", "half"):
            j += 3
        elif cur.lower_ == "and" and prev.lower_ in ("hundred", "thousand") and nxt in SMALL:
            j += 2
        else:
            break
    value = parse_number([t.text for t in sdoc[i:j]])
    if value is None:
        return None
    return Group(i, j, value, "number", magnitude=magnitude if magnitude >= 1000 else 1.0)


def _currency_before(sdoc: Any, i: int) -> bool:
    return i > 0 and (sdoc[i - 1].text in _SYMBOLS or sdoc[i - 1].lower_ in CURRENCY_SYMBOLS)


def _join_ranges(sdoc: Any, groups: list[Group]) -> list[Group]:
    """Join "400 to 600", "400-600", "two or three", "between 2 and 3 million" into one group.

    "from 13,000 to 8,600" and "by 4,400 to 8,600" are changes, not ranges: left as two groups,
    as is any pair whose second number is not larger than the first.
    """
    out: list[Group] = []
    k = 0
    while k < len(groups):
        first = groups[k]
        second = groups[k + 1] if k + 1 < len(groups) else None
        joined = _range(sdoc, first, second) if second is not None else None
        if joined is not None:
            out.append(joined)
            k += 2
        else:
            out.append(first)
            k += 1
    return out


def _range(sdoc: Any, first: Group, second: Group) -> Group | None:
    if first.kind != "number" or second.kind != "number" or first.end >= len(sdoc):
        return None
    link = sdoc[first.end].lower_
    gap = second.start - first.end
    if gap == 2 and not _currency_before(sdoc, second.start) or gap not in (1, 2):
        return None
    before = first.start - 1
    if before >= 0 and _currency_before(sdoc, first.start):
        before -= 1
    word_before = sdoc[before].lower_ if before >= 0 else ""
    if link == "and" and word_before != "between" or link not in ("to", "-", "–", "—", "or", "and"):
        return None
    if word_before in ("from", "by") and link != "and":
        return None  # "down from 13,000 to 8,600", "cut by 4,400 to 8,600": a change, not a range
    low = first.value
    if second.magnitude > first.magnitude and low * second.magnitude <= second.value:
        low *= second.magnitude
    if low >= second.value:
        return None
    return replace(second, start=first.start, value=low, value_max=second.value)
