"""Quantities: numbers with units and what they count ("400 to 600 operatives", "$132 billion").

A cascade over the already-parsed Doc (pure Python, no model calls):

1. find number groups (:mod:`dossier.extract.numgroups`): digits, number words, vague amounts,
   fractions; join ranges. "from 13,000 troops in February to roughly 8,600 troops" and
   "from 13,000 to 8,600" are a change over time: two quantities, never a range;
2. read the context: a qualifier before ("nearly", "more than", "up to"), a currency symbol
   ("$", "US$"), a suffix ("%", "percent", "or so", "+");
3. find what is counted: the noun phrase after the number, the noun after "of" ("dozens of
   Americans"), or a hyphen compound ("a 14-member Taliban delegation": 14 members);
4. drop what is not a count (:mod:`dossier.extract.quantity_filters`): dates, years, times, ages,
   identifiers ("S-400", "COVID-19", "Article 5"), phone numbers, URLs; ordinals never parse;
5. fill an elided unit from a neighbour ("killed 60 Afghans and wounded more than 140").

Each span's method names the rule: ``quantities.v1:`` number, range, money, percent, measure,
vague, fraction, partitive ("one of those options"), hyphen ("14-member"), elided, duration.

Decisions: vague amounts get the conventional floor as ``value`` (``numwords.VAGUE``, after
ACLED) with qualifier "vague". Fractions get unit "fraction" and a value in (0, 1].
Durations ("16 months") are time, not counts: dropped, or kept with unit "duration:<unit>"
when ``durations=True``. A number with nothing counted gets unit "count" and is kept only
when it carries some weight (a qualifier, a magnitude, a verb's argument).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Any

from dossier.extract.doccache import has_sentences, sentences, text_of
from dossier.extract.numgroups import Group, find_groups, is_numeral
from dossier.extract.numwords import (
    COLLECTIVES,
    CURRENCY_NOUNS,
    CURRENCY_SYMBOLS,
    MEASURES,
    QUALIFIERS,
    SUFFIX_QUALIFIERS,
    TIME_UNITS,
    plural,
)
from dossier.extract.quantity_filters import drop_reason, keeps_bare
from dossier.extract.quantity_phrases import linked, noun_phrase, phrase, possessor
from dossier.extract.records import Quantity
from dossier.records import Span

__all__ = ["find_quantities"]

METHOD = "quantities.v1"
_PERCENT = frozenset({"%", "percent", "pct", "percentage"})
_ELIDED = frozenset({"others", "more", "other"})
_SYMBOLS = frozenset("$€£¥₹₽")
_FORWARD_LINKS = frozenset({("to",), ("and",), ("or",), ("-",), ("–",), ("out", "of"), ("of", "the"),
                            ("of",)})


@dataclass(slots=True)
class Reading:
    """One number group read in context; becomes a :class:`Quantity` if it survives the filters."""

    group: Group
    left: int  # first token of the text (qualifier or currency symbol)
    right: int  # token after the text
    qualifier: str
    unit: str | None = None
    counts: str | None = None
    rule: str = "number"
    head: int | None = None  # the counted noun's token
    currency: bool = False
    time_unit: str | None = None  # "years" when this is a duration
    age: bool = False
    label: bool = False  # the number names a singular thing ("the 7600 block"), it counts nothing


def find_quantities(sdoc: Any, *, doc_id: str, durations: bool = False) -> list[Quantity]:
    """The quantities in a parsed document, left to right.

    Args:
        sdoc: the spaCy ``Doc`` of the cleaned text (tagger, parser and ner run).
        doc_id: the document's id, recorded in each span.
        durations: keep "16 months"-style durations, with unit "duration:months".
    Returns:
        one :class:`Quantity` per amount; ``sdoc.text[q.span.start:q.span.end] == q.text``.

    >>> [q.text for q in find_quantities(nlp("It has 400 to 600 operatives."), doc_id="d")]
    ['400 to 600 operatives']
    """
    text = text_of(sdoc)
    readings = [_read(sdoc, group) for group in find_groups(sdoc)]
    kept = [r for r in readings if drop_reason(sdoc, r, text=text, durations=durations) is None]
    _fill_elided(sdoc, kept)
    starts = [s.start for s in sentences(sdoc)]
    out = []
    for r in kept:
        if r.unit is None and r.time_unit is None and not keeps_bare(sdoc, r):
            continue
        first, last = sdoc[r.left], sdoc[r.right - 1]
        start, end = first.idx, last.idx + len(last.text)
        unit = r.unit or "count"
        rule = r.rule
        if r.time_unit is not None:
            unit, rule = f"duration:{r.time_unit}", "duration"
        span = Span(doc_id, start, end, bisect.bisect_right(starts, r.left) - 1, f"{METHOD}:{rule}")
        out.append(Quantity(value=r.group.value, unit=unit, text=text[start:end], span=span,
                            value_max=r.group.value_max, qualifier=r.qualifier, counts=r.counts))
    return out


def _read(sdoc: Any, group: Group) -> Reading:
    """Read a group's context: qualifier, currency, suffix, and what it counts."""
    left, currency = _currency(sdoc, group.start)
    qualifier, left = _qualifier(sdoc, left)
    if group.value_max is not None:
        qualifier = "range"
        if left > 0 and sdoc[left - 1].lower_ == "between":
            left -= 1
    elif group.kind == "vague":
        qualifier = "vague"
    reading = Reading(group, left, group.end, qualifier, rule="range" if group.value_max is not None else group.kind)
    if currency is not None:
        reading.unit, reading.currency, reading.rule = currency, True, "money"
    _suffix(sdoc, reading)
    if reading.unit is None or reading.currency:
        _counted(sdoc, reading)
    if group.kind == "fraction":
        reading.unit = "fraction"
    return reading


def _currency(sdoc: Any, start: int) -> tuple[int, str | None]:
    if start == 0:
        return start, None
    sym = sdoc[start - 1]
    code = CURRENCY_SYMBOLS.get(sym.lower_)
    if code is None or sym.text not in _SYMBOLS and sym.lower_ not in ("us$", "a$", "c$", "hk$") and not sym.is_upper \
            and sym.lower_ not in ("rs", "rs."):
        return start, None
    country = sdoc[start - 2].text if start >= 2 and not sdoc[start - 2].whitespace_ else ""
    if sym.text == "$" and country in ("US", "A", "C", "HK"):
        return start - 2, CURRENCY_SYMBOLS[f"{country.lower()}$"]
    return start - 1, code


def _qualifier(sdoc: Any, left: int) -> tuple[str, int]:
    for length in (3, 2, 1):
        begin = left - length
        if begin < 0:
            continue
        words = tuple(t.lower_ for t in sdoc[begin:left])
        if words in QUALIFIERS and not sdoc[left].is_sent_start:
            return QUALIFIERS[words], begin
    return "exact", left


def _suffix(sdoc: Any, r: Reading) -> None:
    """Consume what follows the number: "or so"/"+", then "%"/"percent"/"km"/"dollars"."""
    n = len(sdoc)
    for words, qualifier in SUFFIX_QUALIFIERS.items():
        if tuple(t.lower_ for t in sdoc[r.right:r.right + len(words)]) == words:
            if words[0] in ("-", "+") and sdoc[r.right - 1].whitespace_:
                continue
            r.right += len(words)
            if r.qualifier == "exact":
                r.qualifier = qualifier
            break
    if r.right >= n or r.group.kind == "fraction":
        return
    word = sdoc[r.right].lower_
    if word in _PERCENT or word == "per" and r.right + 1 < n and sdoc[r.right + 1].lower_ == "cent":
        length = 2 if word == "per" or word == "percentage" else 1
        if word == "percentage" and (r.right + 1 >= n or sdoc[r.right + 1].lower_ not in ("point", "points")):
            return
        r.unit, r.rule = ("percentage points" if word == "percentage" else "percent"), "percent"
        r.right += length
        _partitive(sdoc, r, r.right)
    elif word in MEASURES and not r.currency:
        r.unit, r.rule = MEASURES[word], "measure"
        r.right += 1
        _partitive(sdoc, r, r.right)


def _partitive(sdoc: Any, r: Reading, at: int) -> bool:
    """Read "<number> of <noun phrase>": counts is the noun phrase; True if found."""
    if at >= len(sdoc) or sdoc[at].lower_ != "of":
        return False
    found = noun_phrase(sdoc, at + 1, partitive=True)
    if found is None:
        return False
    start, head, end = found
    r.counts, r.head = phrase(sdoc, start, end), head
    if r.unit is None:
        r.right = head + 1
        if sdoc[head].pos_ != "PRON":
            _unit_from_noun(sdoc, r, head)
    return True


def _counted(sdoc: Any, r: Reading) -> None:
    """Find the counted noun after the number (or its hyphen compound, or its "of" phrase)."""
    n, at = len(sdoc), r.right
    if at + 1 < n and sdoc[at].text == "-" and not sdoc[at - 1].whitespace_ and not sdoc[at].whitespace_ \
            and sdoc[at + 1].is_alpha and not is_numeral(sdoc[at + 1]):
        if not r.currency and sdoc[at + 1].pos_ in ("NOUN", "PROPN", "ADJ"):
            _hyphen_compound(sdoc, r, at + 1)
        return
    if _partitive(sdoc, r, at):
        if r.rule == "number":
            r.rule = "partitive"
        return
    found = noun_phrase(sdoc, at)
    if found is None:
        return
    start, head, end = found
    syntactic = sdoc[r.group.end - 1].head.i
    if start <= syntactic < head and sdoc[syntactic].pos_ == "NOUN" and (
            sdoc[syntactic + 1].pos_ == "PROPN" or sdoc[syntactic].lemma_.lower() in TIME_UNITS):
        head = end = syntactic  # "In one instance Russia had", "to one day purchase": the run went too far
        end += 1
    if not r.currency and not _attached(sdoc, r, start, head):
        # "the 7600 block", "1 Kyle Busch" (a table row): the number labels what follows
        r.label = sdoc[head].ent_type_ == "PERSON" or sdoc[r.group.end - 1].head.i == head and sdoc[head].tag_ == "NN"
        return
    if r.currency:
        if sdoc[head].lemma_.lower() not in CURRENCY_NOUNS:
            r.counts = phrase(sdoc, start, end)
        return
    r.counts, r.head, r.right = phrase(sdoc, start, end), head, head + 1
    _unit_from_noun(sdoc, r, head)
    owner = possessor(sdoc, head)
    if owner is not None:
        r.counts = f"{owner} {r.counts}"


def _hyphen_compound(sdoc: Any, r: Reading, at: int) -> None:
    """ "a 14-member Taliban delegation": 14 members, counts "Taliban delegation"."""
    word = sdoc[at]
    lemma = word.lemma_.lower()
    if lemma in TIME_UNITS or word.lower_ in TIME_UNITS:
        r.time_unit, r.right = plural(lemma, "NN", word.text), at + 1
        nxt = sdoc[at + 1:at + 3]
        r.age = any(t.lower_ == "old" for t in nxt)
        return
    if word.lower_ in MEASURES:
        r.unit, r.right, r.rule = MEASURES[word.lower_], at + 1, "measure"
        return
    if at + 1 < len(sdoc) and sdoc[at + 1].text == "-" and not word.whitespace_:
        return  # "a two-on-one": not a unit
    r.unit, r.right, r.rule = plural(lemma, "NN", word.text), at + 1, "hyphen"
    found = noun_phrase(sdoc, at + 1)
    if found is not None:
        start, head, end = found
        r.counts, r.head, r.right = phrase(sdoc, start, end), head, head + 1


def _unit_from_noun(sdoc: Any, r: Reading, head: int) -> None:
    tok = sdoc[head]
    lemma = tok.lemma_.lower()
    if lemma in TIME_UNITS or tok.lower_ in TIME_UNITS:
        r.time_unit = plural(lemma, tok.tag_, tok.text)
    elif lemma in CURRENCY_NOUNS or tok.lower_ in CURRENCY_NOUNS:
        code = CURRENCY_NOUNS.get(lemma) or CURRENCY_NOUNS[tok.lower_]
        r.unit, r.currency, r.rule, r.counts = code, True, "money", None
    elif tok.lower_ in MEASURES:
        r.unit, r.rule = MEASURES[tok.lower_], "measure"
    elif tok.lower_ in _ELIDED:
        r.unit = None
    else:
        k = head
        while k - 1 >= r.group.end and sdoc[k - 1].pos_ == "NOUN" and sdoc[k - 1].dep_ == "compound" \
                and sdoc[k - 1].head.i == head:
            k -= 1
        words = [t.lower_ for t in sdoc[k:head]] + [plural(lemma, tok.tag_, tok.text)]
        r.unit = " ".join(words)


def _attached(sdoc: Any, r: Reading, start: int, head: int) -> bool:
    """Whether the noun phrase after the number really is what it counts (not the next clause)."""
    tok = sdoc[head]
    if tok.ent_type_ == "PERSON":
        return False
    if tok.tag_ in ("NNS", "NNPS") or tok.lower_ in _ELIDED or tok.lower_ in MEASURES:
        return True
    if tok.lemma_.lower() in CURRENCY_NOUNS or tok.lemma_.lower() in TIME_UNITS:
        return True
    if r.group.value == 1 or tok.lemma_.lower() in COLLECTIVES or tok.ent_type_ == "NORP":
        return True
    return tok.pos_ == "PROPN" and sdoc[r.group.end - 1].head.i in range(start, head + 1)


def _fill_elided(sdoc: Any, readings: list[Reading]) -> None:
    """Give a unit-less number its neighbour's unit in the same sentence.

    Forward first ("from 13,000 to 8,600 troops"), then backward within 15 tokens ("killed 60
    Afghans and wounded more than 140"; "12 service members were killed and 15 others").
    """
    for k, r in enumerate(readings):
        if r.unit is not None or r.group.kind == "fraction" or r.time_unit is not None:
            continue
        sent = sdoc[r.left].sent if has_sentences(sdoc) else None
        nxt = readings[k + 1] if k + 1 < len(readings) else None
        link = tuple(t.lower_ for t in sdoc[r.right:nxt.left]) if nxt is not None else ()
        if nxt is not None and nxt.unit is not None and nxt.counts is not None and r.head is None \
                and link in _FORWARD_LINKS:
            r.unit, r.counts, r.rule = nxt.unit, r.counts or nxt.counts, "elided"
            continue
        if r.group.kind == "vague" or not float(r.group.value).is_integer():
            continue  # "hundreds dead", "a magnitude of 3.7": no count to borrow
        for prev in reversed(readings[:k]):
            if r.left - prev.right > 15 or sent is not None and prev.right <= sent.start:
                break
            if _antecedent(sdoc, prev) and linked(sdoc[prev.head], sdoc[r.group.end - 1]):
                r.unit, r.counts, r.rule = prev.unit, prev.counts, "elided"
                break


def _antecedent(sdoc: Any, r: Reading) -> bool:  # r.head is set when this returns True
    """Whether an earlier reading can lend its unit: a plural count of things, not a subset
    named after "including" ("12 killed, including 11 Marines and one Navy medic, and 15 injured")."""
    if r.unit is None or r.head is None or r.group.value == 1 or r.rule not in ("number", "range", "partitive"):
        return False
    return not any(t.lower_ in ("including", "among") for t in sdoc[r.head].ancestors)
