"""What a number in news text is when it is not a count: a date, a year, a time, an age, an
identifier ("S-400", "COVID-19", "Article 5", "Flight 93"), a phone number, part of a URL.

:func:`drop_reason` says why a reading is dropped (None: keep it); :func:`keeps_bare` decides
whether a number with nothing counted is still worth reporting.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from dossier.extract.numwords import MONTHS

if TYPE_CHECKING:
    from dossier.extract.quantities import Reading

__all__ = ["drop_reason", "keeps_bare"]

# Nouns that a following number names rather than counts ("Article 5", "the year 2000").
IDENTIFIER_NOUNS = frozenset({
    "article", "section", "chapter", "resolution", "page", "paragraph", "clause", "no.", "no", "number",
    "nos.", "flight", "route", "room", "level", "phase", "grade", "part", "item", "rule", "amendment", "model",
    "version", "type", "class", "gate", "terminal", "platform", "camp", "road", "highway", "street",
    "avenue", "building", "block", "box", "vol.", "volume", "issue", "episode", "season", "round", "stage",
    "tier", "category", "wave", "windows", "iphone", "boeing", "airbus", "year", "ward", "code", "unit",
    "sector", "zone", "line", "exit", "lane", "precinct", "battalion", "brigade", "regiment", "squadron",
    "covid", "sars", "mark", "mk", "p.", "pp.", "art.", "sec.", "ch.", "act",
})
_YEAR_BEFORE = frozenset({"the", "in", "since", "by", "until", "till", "of", "from", "to", "before", "after",
                          "'s", "’s", ",", "during", "for", "through", "and", "early", "late", "mid", "circa"})
_TIME_AFTER = frozenset({"a.m.", "p.m.", "am", "pm", "a.m", "p.m", "gmt", "et", "est", "edt", "pst", "utc",
                         "o'clock", "o’clock", "hrs", "h", "bst", "cet", "ist"})
_NUMERIC_LABELS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "DATE", "TIME", "ORDINAL"})
_OPENERS = frozenset({":", "-", "\u2013", "\u2014", "\u2022", "*", ";"})
_CORE_DEPS = frozenset({"dobj", "nsubj", "nsubjpass", "attr", "pobj", "oprd"})
_SLASHY = re.compile(r"/|@|://|www\.")
_LETTER_DIGIT = re.compile(r"[A-Za-z]-?\d|\d-\d+-\d")


def drop_reason(sdoc: Any, r: Reading, *, text: str, durations: bool = False) -> str | None:
    """Why this reading is not a quantity ("date", "year", "age"…), or None to keep it.

    ``text`` is ``sdoc.text``, passed in because spaCy rebuilds it on every access.
    """
    g = r.group
    if r.age:
        return "age"
    if r.label:
        return "label"
    if r.time_unit is not None:
        return None if durations else "duration"
    for i in {g.start, g.end - 1}:
        if _chunk_is_code(text, sdoc[i]):
            return "code"
    if g.kind != "number":
        return None
    first, before = sdoc[g.start], _previous(sdoc, g.start)
    if first.ent_iob_ == "I" and first.ent_type_ not in _NUMERIC_LABELS:
        return "name"  # "Formula One Grand Prix", "Boeing 737", "Apollo 11"
    if _capitalised_word_number(sdoc, g):
        return "name"  # "the Three Amigos", "the Big Four", "Group of Seven", "Two Rivers Hospital"
    for check in (_date_reason, _age_reason, _identifier_reason):
        reason = check(sdoc, r, first, before)
        if reason is not None:
            return reason
    if first.lower_ == "one" and g.end - g.start == 1 and r.head is None and r.counts is None and not r.currency:
        return "pronoun"
    return None


def keeps_bare(sdoc: Any, r: Reading) -> bool:
    """Whether a number with no unit is worth reporting (unit "count")."""
    g = r.group
    if g.value == 0:
        return False
    if r.qualifier != "exact" or g.value >= 1000 or g.magnitude > 1 or r.counts is not None:
        return True
    return bool(sdoc[g.end - 1].dep_ in _CORE_DEPS)


def _previous(sdoc: Any, i: int) -> Any:
    """The token before ``i`` that is not whitespace ("the\xa02001 attacks": "the"), or None."""
    i -= 1
    while i >= 0 and sdoc[i].is_space:
        i -= 1
    return sdoc[i] if i >= 0 else None


def _capitalised_word_number(sdoc: Any, g: Any) -> bool:
    """A number spelled in a capital letter inside a sentence that is not in title case names something.

    Prose writes "killed three soldiers"; "the so-called Three Amigos" or "Group of Seven" is a
    name. A sentence's first word, a word after a colon or a line break, and headline-style lines
    (most words capitalised) prove nothing.
    """
    first = sdoc[g.start]
    if not first.is_alpha or not first.text[:1].isupper():
        return False
    i = g.start
    while i > 0 and not sdoc[i].is_sent_start and (sdoc[i - 1].is_quote or sdoc[i - 1].is_left_punct):
        i -= 1  # an opening quote or bracket: look at what comes before it
    if i == 0 or sdoc[i].is_sent_start:
        return False
    before = sdoc[i - 1]
    if before.text in _OPENERS or "\n" in before.whitespace_ + before.text:
        return False
    longer = [t for t in first.sent if t.is_alpha and len(t) > 3 and t.i > first.sent.start
              and not g.start <= t.i < g.end]
    if all(t.text[:1].isupper() for t in longer):
        return False  # a headline in title case
    common = [t for t in longer if t.pos_ != "PROPN"]
    return sum(1 for t in common if t.text[:1].isupper()) * 2 <= len(common)


def _chunk_is_code(text: str, tok: Any) -> bool:
    """The whitespace-delimited chunk round ``tok`` is a URL, a slash date, a model or a phone number."""
    start, end = tok.idx, tok.idx + len(tok.text)
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    chunk = text[start:end]
    return bool(_SLASHY.search(chunk) or _LETTER_DIGIT.search(chunk))


def _is_month(tok: Any) -> bool:
    return bool(tok.lower_ in MONTHS and tok.text[:1].isupper())


def _date_reason(sdoc: Any, r: Reading, first: Any, before: Any) -> str | None:
    g, n = r.group, len(sdoc)
    after = sdoc[g.end] if g.end < n else None
    if before is not None and before.text == "." and g.start >= 2:
        before = sdoc[g.start - 2]
    if before is not None and _is_month(before) or after is not None and _is_month(after) and g.value <= 31:
        return "date"
    if after is not None and after.lower_ in _TIME_AFTER:
        return "time"
    if first.text == "911" or len(first.text) > 1 and first.text[0] == "0" and first.text[1].isdigit():
        return "date"  # 9/11 without the slash; "03", "0143": clock times and codes
    if before is not None and before.text == "-" and not before.whitespace_ and g.start >= 2 \
            and not sdoc[g.start - 2].whitespace_:
        return "hyphenated"
    text = first.text
    if len(text) == 4 and text.isdigit() and 1000 <= g.value <= 2100 and not r.currency:
        plural_head = r.head is not None and sdoc[r.head].tag_ in ("NNS", "NNPS")
        word_before = before.lower_ if before is not None else ""
        if r.qualifier in ("exact", "range") and not (plural_head and word_before not in _YEAR_BEFORE
                                                       and first.ent_type_ != "DATE"):
            return "year"
    in_date = any(t.ent_type_ in ("DATE", "TIME") for t in sdoc[g.start:g.end])
    if in_date and r.head is None and r.counts is None and not r.currency and r.unit is None:
        return "date"
    return None


def _age_reason(sdoc: Any, r: Reading, first: Any, before: Any) -> str | None:
    g, n = r.group, len(sdoc)
    if before is None or r.head is not None or r.unit is not None:
        return None
    if before.lower_ in ("aged", "age", "ages"):
        return "age"
    after = sdoc[g.end] if g.end < n else None
    if before.text in (",", "(") and g.start >= 2 and after is not None and after.text in (",", ")"):
        name = sdoc[g.start - 2]
        if name.pos_ == "PROPN" or name.ent_type_ == "PERSON":
            return "age"
    return None


def _identifier_reason(sdoc: Any, r: Reading, first: Any, before: Any) -> str | None:
    if before is None or r.currency:
        return None
    last = sdoc[r.group.end - 1]
    if last.dep_ == "nummod" and last.head.i < r.left and last.head.pos_ in ("PROPN", "NOUN"):
        return "identifier"  # "Formula One", "Flight 93": the number follows the noun it names
    if before.lower_ in IDENTIFIER_NOUNS:
        return "identifier"
    if r.head is None and r.unit is None and r.left == r.group.start and before.pos_ in ("NOUN", "PROPN") \
            and before.whitespace_:
        return "identifier"
    return None
