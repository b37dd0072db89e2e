"""Reading a question cheaply: its intent, content words, named entities, and sentence bounds.

Pure functions over strings (and a list of entity rows): no store access, so they are easy to
test. :func:`parse_question` is the entry point; :func:`sentences` splits a document's text
into sentence offsets that answers cite.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from dossier.store.base import EntityRow

__all__ = ["STOPWORDS", "SYNONYMS", "Question", "entity_pattern", "fold", "parse_question", "sentences", "stem",
           "words"]

# Question forms, most specific first (a cascade: the first pattern that matches decides).
_INTENTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("quantity", re.compile(r"\bhow (?:many|much)\b|\bnumber of\b|\bhow large\b|\bhow big\b", re.I)),
    ("when", re.compile(r"^\s*(?:when|on what date|what date|in what year|what year)\b", re.I)),
    ("participants", re.compile(r"^\s*who\b.*\b(?:attend\w*|met|meet\w*|join\w*|took part|took place|present|"
                                r"participat\w*|was at|were at)\b", re.I)),
    ("quotes", re.compile(r"\bwhat did\b.*\b(?:say|said|tell|told|claim|state|announce)\b|"
                          r"^\s*who said\b|\bwhat (?:has|have)\b.*\b(?:said|stated)\b|\bquotes?\b", re.I)),
    ("ties", re.compile(r"^\s*(?:does|do|did|is|are|has|have|was|were)\b.*\b(?:support\w*|ties|tied|"
                        r"back\w*|ally|allied|align\w*|close|relations?\w*|links?|linked|cooperat\w*|"
                        r"shelter\w*|host\w*|work\w* with|protect\w*)\b", re.I)),
)

STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be been before being below between both but
by can could did do does doing down during each few for from further had has have having he her here hers him
his how i if in into is it its itself just me more most my no nor not now of off on once only or other our out
over own same she should so some still such than that the their them then there these they this those through
to too under until up very was we were what when where which while who whom why will with would you your
say said tell told many much number happen happened
""".split())

# Words that mean the same thing in news copy, both ways (small, hand-made).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "agreement": ("deal", "accord", "pact"), "deal": ("agreement", "accord"),
    "operatives": ("fighters", "members", "militants"), "fighters": ("operatives", "militants", "members"),
    "troops": ("forces", "soldiers", "service members"), "forces": ("troops", "soldiers"),
    "killed": ("dead", "died", "deaths"), "dead": ("killed", "deaths"),
    "signed": ("sign", "signing"), "meeting": ("gathering", "talks", "conference"),
    "support": ("back", "ties", "close", "aligned"), "afghanistan": ("afghan",),
}

_QUESTION_VERB = re.compile(r"\b(?:are|is|were|was|did|do|does|have|has|had|will|remain\w*|live|operate\w*|exist)\b",
                            re.I)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})
_WORD = re.compile(r"[\w][\w'-]*\w|\w", re.UNICODE)
_ABBREVIATIONS = frozenset("""
u.s u.n u.k mr mrs ms dr gen lt col maj sgt capt adm sen rep gov st jr sr no vs jan feb mar apr jun jul aug sep sept
oct nov dec inc corp co ltd prof rev fr e.g i.e a.m p.m
""".split())
_BOUNDARY = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])")


@dataclass(frozen=True, slots=True)
class Question:
    """A question as the answerer sees it.

    ``intent`` is one of quantity, when, participants, quotes, ties, search. ``entities``
    are store entities named in the question (longest match first); ``names`` the
    capitalised phrases in it, so an unknown name ("Angela Merkel") can be noticed.
    ``focus`` is what the intent is about: the counted noun ("al-Qaeda operatives") for a
    quantity, the verb ("signed") for a when-question, the topic after "about" for quotes.
    """

    text: str
    intent: str
    terms: tuple[str, ...]
    entities: tuple[EntityRow, ...]
    names: tuple[str, ...]
    focus: str = ""


def fold(text: str) -> str:
    """Casefold with curly quotes and dashes unified; the same length as ``text`` (offsets hold)."""
    return text.translate(_DASHES).lower()


def words(text: str) -> list[str]:
    """Lower-cased word tokens ("al-Qaeda" stays one token)."""
    return _WORD.findall(fold(text))


_IRREGULAR = {"left": "leave", "took": "take", "taken": "take", "met": "meet", "fell": "fall", "fallen": "fall",
              "fled": "flee", "held": "hold", "began": "begin", "begun": "begin", "went": "go", "gone": "go",
              "came": "come", "struck": "strike", "won": "win", "told": "tell", "said": "say", "flew": "fly",
              "flown": "fly", "sent": "send", "spoke": "speak", "made": "make", "led": "lead", "hid": "hide",
              "died": "die", "dead": "die", "ran": "run", "fought": "fight", "brought": "bring", "chose": "choose"}


def stem(word: str) -> str:
    """A crude stem so "signed"/"signing"/"sign", "left"/"leave" and "operatives"/"operative" compare equal."""
    word = word.lower()
    word = _IRREGULAR.get(word, word)
    for suffix in ("ings", "ing", "ied", "ies", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)] + ("y" if suffix in ("ied", "ies") else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


def entity_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """A regex matching any of ``names`` as whole words in :func:`fold`-ed text."""
    alternatives = sorted({fold(n) for n in names if n and len(n) >= 2}, key=len, reverse=True)
    if not alternatives:
        return None
    body = "|".join(re.escape(a).replace(r"\-", r"[- ]?").replace(r"\ ", r"[- ]") for a in alternatives)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)")


def _find_entities(text: str, rows: Sequence[EntityRow]) -> list[EntityRow]:
    """Entities whose name or alias appears in ``text``; short aliases must match case exactly."""
    spans: list[tuple[int, int, EntityRow]] = []
    folded = fold(text)
    for row in rows:
        for alias in {row.name, *row.aliases}:
            if len(alias) < 2 or fold(alias) in STOPWORDS:
                continue
            short = len(alias) <= 3
            haystack, needle = (text, alias) if short else (folded, fold(alias))
            for match in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack):
                spans.append((match.start(), match.end(), row))
        surname = row.name.split()[-1] if row.type == "PERSON" and " " in row.name else ""
        if len(surname) >= 4:  # "Blinken" for Antony Blinken: case must match exactly
            spans += [(m.start(), m.end(), row) for m in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", text)]
    spans.sort(key=lambda s: (-(s[1] - s[0]), -s[2].mentions))
    taken: list[tuple[int, int, EntityRow]] = []
    for start, end, row in spans:
        if not any(start < e and s < end for s, e, _ in taken):
            taken.append((start, end, row))
    found: list[EntityRow] = []
    for _, _, row in sorted(taken, key=lambda t: t[0]):  # in the order the question names them
        if row not in found:
            found.append(row)
    return found


def _names(text: str) -> list[str]:
    """Capitalised phrases after the first word: the proper names a question mentions."""
    found = []
    for match in re.finditer(r"(?:[A-Z][\w'-]*(?:\s+(?:al-|bin\s+)?[A-Z][\w'-]*)*)", text):
        if match.start() == 0 or text[: match.start()].strip() == "":
            first, _, rest = match.group().partition(" ")
            if not rest:
                continue
            found.append(rest)
            continue
        found.append(match.group())
    return [n for n in found if n.lower() not in STOPWORDS]


def _focus(text: str, intent: str) -> str:
    if intent == "quantity":
        match = re.search(r"\bhow (?:many|much)\s+(.*?)(?:\?|$)", text, re.I) or \
            re.search(r"\bnumber of\s+(.*?)(?:\?|$)", text, re.I)
        if match:
            noun = _QUESTION_VERB.split(match.group(1), maxsplit=1)[0]
            return noun.strip(" ,")
    if intent == "when":  # the verb: the last all-lower-case content word ("When did the plane leave Kabul?")
        tail = [w for w in re.findall(r"[\w'-]+", text) if w == w.lower() and w not in STOPWORDS
                and not w.isdigit()]
        return tail[-1] if tail else ""
    if intent == "quotes":
        match = re.search(r"\babout\s+(.*?)(?:\?|$)", text, re.I)
        return match.group(1).strip() if match else ""
    return ""


def parse_question(text: str, entities: Sequence[EntityRow]) -> Question:
    """Classify ``text`` and pick out its content words, entities and focus.

    Example: ``parse_question("What did Lavrov say?", rows).intent == "quotes"``.
    """
    intent = next((name for name, pattern in _INTENTS if pattern.search(text)), "search")
    terms = tuple(dict.fromkeys(w for w in words(text) if w not in STOPWORDS and len(w) > 1))
    return Question(text=text, intent=intent, terms=terms, entities=tuple(_find_entities(text, entities)),
                    names=tuple(_names(text)), focus=_focus(text, intent))


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence (start, end) offsets: paragraphs split at line breaks, then at sentence ends.

    A full stop after a known abbreviation ("U.S.", "Feb.") or an initial does not end a sentence.
    """
    out: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        start = para.start()
        for match in _BOUNDARY.finditer(para.group()):
            cut = para.start() + match.start()
            token = re.search(r"([\w.]+)$", text[start:cut])
            previous = (token.group(1) if token else "").lower().rstrip(".")
            if previous in _ABBREVIATIONS or (len(previous) == 1 and previous.isalpha()):
                continue
            end = para.start() + match.end()
            out.append(_trim(text, start, end))
            start = end
        out.append(_trim(text, start, para.end()))
    return [(s, e) for s, e in out if e > s]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
