"""Vocabulary and regex fragments for the time-expression rules.

Fragments are plain strings, combined and compiled once in :mod:`dossier.extract.timex_rules`
(case-insensitive). Functions taking ``name`` return a fragment with a named group, so one
pattern can hold two months or two days.
"""

from __future__ import annotations

import re

__all__ = [
    "CLOCK",
    "DECADE",
    "MONTH_FULL",
    "NUM",
    "QUAL",
    "SEASON",
    "ZONE",
    "UNIT",
    "WEEKDAY",
    "WEEKDAYS",
    "day",
    "month",
    "month_number",
    "month_ok",
    "parse_number",
    "unit_name",
    "year",
]

_MONTHS = {m.lower(): i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

WEEKDAYS = {d: i for i, d in enumerate(
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"))}

_MONTH_ABBR = (
    r"Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|"
    r"Sep(?:t(?:ember|\.)?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?"
)
MONTH_FULL = (
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)(?!\w)"
)
WEEKDAY = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?!\w)"
SEASON = r"(?P<season>spring|summer|autumn|fall|winter)(?!\w)"
DECADE = r"(?P<decade>\b(?:1[89]|20)\d0s|['’]\d0s)(?!\w)"
#: A clock time: "8 PM", "10 p.m.", "5:30 a.m.", "noon", "midnight", "15:00" (a bare 24-hour
#: time only with a zone after it, see ZONE: "15:00" alone may be a score or a race time).
CLOCK = (
    r"(?P<clock>(?P<hh>[01]?\d|2[0-3])(?::(?P<mm>[0-5]\d))?\s*(?P<ampm>[ap])\.?\s?m\b\.?"
    r"|(?P<hh24>[01]?\d|2[0-3])[:.](?P<mm24>[0-5]\d)(?=\s*(?:GMT|UTC|[ECMP][SD]T|BST|CET|CEST|local\s+time|hrs?\b))"
    r"|noon|midday|midnight)"
)
ZONE = r"(?:\s+(?:GMT|UTC|[ECMP][SD]T|BST|CET|CEST|\(\d{4}\s+GMT\)|local\s+time|hrs?\b))?"

_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
_TEENS = ("ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen")
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_WORD_VALUES = {w: i for i, w in enumerate(_ONES, start=1)} | {w: i for i, w in enumerate(_TEENS, start=10)}
_WORD_VALUES |= {w: 10 * i for i, w in enumerate(_TENS, start=2)}
_WORD_VALUES |= {"a": 1, "an": 1, "a couple of": 2, "couple of": 2, "a dozen": 12, "dozen": 12,
                 "a hundred": 100, "one hundred": 100}
_VAGUE = ("several", "a few", "few", "many", "some", "multiple", "a number of", "dozens of",
          "hundreds of", "countless", "a couple", "numerous")

#: A count: digits, number words ("nineteen", "twenty-four", "a couple of") or a vague
#: quantity ("several", "a few"), which parse_number maps to None.
NUM = (
    r"\b(?P<num>\d{1,4}(?![\d,.]\d)|(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(_ONES) + r"))?|"
    r"a\s+couple\s+of|couple\s+of|a\s+dozen|a\s+hundred|one\s+hundred|a\s+number\s+of|dozens\s+of|"
    r"hundreds\s+of|a\s+few|a\s+couple|" + "|".join(_TEENS + _ONES) + r"|several|few|many|some|multiple|"
    r"countless|numerous|an?)(?!\w)"
)
UNIT = r"\b(?P<unit>days?|weeks?|fortnights?|months?|years?|decades?|centur(?:y|ies)|hours?|minutes?)(?!\w)"
#: Hedges before a count: "nearly 20 years", "roughly two weeks after", "more than a decade".
QUAL = (
    r"(?:(?:nearly|almost|about|around|roughly|approximately|some|just|only|barely|more\s+than|"
    r"less\s+than|fewer\s+than|well\s+over|over|under|at\s+least|at\s+most|up\s+to|close\s+to)\s+)*"
)


def month(name: str = "mon") -> str:
    return rf"(?P<{name}>{_MONTH_ABBR})(?!\w)"


def day(name: str = "day") -> str:
    return rf"(?P<{name}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w|:\d)"


def year(name: str = "year") -> str:
    return rf"(?<![\d$£€#.,/])(?P<{name}>(?:1[89]|20)\d\d)(?![\d%]|[.,]\d)"


def month_number(token: str) -> int:
    return _MONTHS[token[:3].lower()]


def month_ok(token: str) -> bool:
    """Reject lower-case "may" and "march", which are nearly always the verbs."""
    return not (token.islower() and token[:3].lower() in {"may", "mar"})


def unit_name(token: str) -> str:
    """"Years" → "year", "centuries" → "century"."""
    token = token.lower()
    if token.startswith("centur"):
        return "century"
    return token[:-1] if token.endswith("s") else token


_SPACES = re.compile(r"[\s-]+")


def parse_number(token: str) -> int | None:
    """The value of a NUM match; None for vague counts ("several", "a few")."""
    token = _SPACES.sub(" ", token.lower().strip())
    if token.isdigit():
        return int(token)
    if token in _VAGUE:
        return None
    if token in _WORD_VALUES:
        return _WORD_VALUES[token]
    tens, _, ones = token.partition(" ")
    return _WORD_VALUES.get(tens, 0) + _WORD_VALUES.get(ones, 0) or None
