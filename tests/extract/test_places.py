"""Tests for dossier.extract.places: gazetteer resolution (no model) and find_places (real model)."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.extract.entities import find_mentions
from dossier.extract.nlp import dossier_nlp
from dossier.extract.places import find_places, resolve_name
from dossier.extract.records import Place

PRECISIONS = {"country", "province", "district", "city", "region", "facility"}


@pytest.fixture(scope="session")
def nlp() -> Any:
    return dossier_nlp()


# (name as written, province?, context countries) → (name, precision, country, lat, lon, rule)
RESOLVE = [
    ("Kabul", False, (), ("Kabul", "city", "AF", 34.53, 69.17, "af-gazetteer")),
    ("Kandahar", False, (), ("Kandahar", "city", "AF", 31.61, 65.71, "af-gazetteer")),
    ("Kandahar", True, (), ("Kandahar", "province", "AF", 31.61, 65.71, "af-gazetteer")),
    ("Helmand", False, (), ("Helmand", "province", "AF", 31.59, 64.37, "af-gazetteer")),
    ("Panjshir Valley", False, (), ("Panjshir", "province", "AF", 35.31, 69.52, "af-gazetteer")),
    ("Spin Boldak", False, (), ("Spin Boldak", "district", "AF", 31.0, 66.4, "af-gazetteer")),
    ("Musa Qala", False, (), ("Musa Qala", "district", "AF", 32.45, 64.77, "af-gazetteer")),
    ("Tora Bora", False, (), ("Tora Bora", "district", "AF", 34.12, 70.22, "af-gazetteer")),
    ("Bagram", False, (), ("Bagram Airfield", "facility", "AF", 34.95, 69.27, "af-gazetteer")),
    ("Hamid Karzai International Airport", False, (),
     ("Hamid Karzai International Airport", "facility", "AF", 34.57, 69.21, "af-gazetteer")),
    ("Abbey Gate", False, (), ("Abbey Gate", "facility", "AF", 34.56, 69.22, "af-gazetteer")),
    ("Mazar-e-Sharif", False, (), ("Mazar-i-Sharif", "city", "AF", 36.71, 67.11, "af-gazetteer")),
    ("southern Afghanistan", False, (), ("southern Afghanistan", "region", "AF", 31.5, 65.0, "af-gazetteer")),
    ("Afghanistan", False, (), ("Afghanistan", "country", "AF", 33.94, 67.71, "af-gazetteer")),
    ("the U.S.", False, (), ("United States", "country", "US", 39.83, -98.58, "af-gazetteer")),
    ("Qatar", False, (), ("Qatar", "country", "QA", 25.35, 51.18, "af-gazetteer")),
    ("France", False, (), ("France", "country", "FR", None, None, "geonames-country")),
    ("Doha", False, (), ("Doha", "city", "QA", 25.29, 51.53, "geonames-city")),
    ("Moscow", False, (), ("Moscow", "city", "RU", 55.75, 37.62, "geonames-city")),
    ("Karachi", False, (), ("Karachi", "city", "PK", 24.86, 67.01, "geonames-city")),
    ("Washington", False, ("US",), ("Washington", "city", "US", 38.9, -77.04, "geonames-city")),
    ("Virginia", False, (), ("Virginia", "province", "US", None, None, "geonames-us-state")),
]


@pytest.mark.parametrize(("text", "province", "context", "expected"), RESOLVE)
def test_resolve_name_entry(text: str, province: bool, context: tuple[str, ...],
                            expected: tuple[str, str, str, float | None, float | None, str]) -> None:
    hit = resolve_name(text, province=province, countries=context)
    assert hit is not None
    entry, rule = hit
    name, precision, country, lat, lon, method = expected
    assert (entry.name, entry.precision, entry.country, rule) == (name, precision, country, method)
    if lat is None:
        assert entry.lat is None
    else:
        assert entry.lat == pytest.approx(lat, abs=0.1) and entry.lon == pytest.approx(lon, abs=0.1)
    assert entry.key.startswith(("geonames:", "af:"))


def test_resolve_name_unknown_is_none() -> None:
    assert resolve_name("Qwertyistan") is None


def test_resolve_name_kabul_keeps_geonames_key() -> None:
    hit = resolve_name("Kabul")
    assert hit is not None and hit[0].key == "geonames:1138958"


def places(nlp: Any, text: str) -> list[Place]:
    sdoc = nlp(text)
    found = find_places(sdoc, doc_id="t", mentions=find_mentions(sdoc, doc_id="t"))
    for p in found:
        assert sdoc.text[p.span.start:p.span.end] == p.text
        assert p.precision in PRECISIONS and p.span.method.startswith("places.v1:")
    return found


# (text, [(name, precision)])
FIND = [
    ("A Taliban ambush on a border post in southern Afghanistan killed 11 police officers.",
     [("southern Afghanistan", "region")]),
    ("Talks were held in Doha, Qatar on October 9-10.", [("Doha", "city"), ("Qatar", "country")]),
    ("Al-Qaeda has 400 to 600 operatives active in 12 Afghan provinces.",
     [("Afghanistan (several provinces)", "region")]),
    ("Fighting raged in Helmand province and in Kandahar.", [("Helmand", "province"), ("Kandahar", "city")]),
    ("The Taliban met officials in Afghanistan. Al-Qaeda runs camps in the east of the country.",
     [("Afghanistan", "country"), ("eastern Afghanistan", "region")]),
]


@pytest.mark.parametrize(("text", "expected"), FIND)
def test_find_places_names_and_precision(nlp: Any, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(p.name, p.precision) for p in places(nlp, text)] == expected


def test_find_places_region_replaces_inner_country(nlp: Any) -> None:
    found = places(nlp, "Militants attacked a consulate in western Afghanistan.")
    assert [p.text for p in found] == ["western Afghanistan"]
    assert found[0].key == "af:af-west" and found[0].span.method == "places.v1:region-phrase"


def test_find_places_skips_unresolved_and_non_places(nlp: Any) -> None:
    found = places(nlp, "Afghan officials and Zalmay Khalilzad spoke in Qwertyistan.")
    assert all(p.name != "Qwertyistan" for p in found)
    assert all(p.text != "Afghan" for p in found)
