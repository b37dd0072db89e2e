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
    ("Afghanistan", False, (), ("Afghanistan", "country", "AF", 33.94, 67.71, "geonames-country")),
    ("the U.S.", False, (), ("United States", "country", "US", 39.83, -98.58, "geonames-country")),
    ("Qatar", False, (), ("Qatar", "country", "QA", 25.35, 51.18, "geonames-country")),
    ("France", False, (), ("France", "country", "FR", None, None, "geonames-country")),
    ("Doha", False, (), ("Doha", "city", "QA", 25.29, 51.53, "geonames-city")),
    ("Moscow", False, (), ("Moscow", "city", "RU", 55.75, 37.62, "geonames-city")),
    ("Karachi", False, (), ("Karachi", "city", "PK", 24.86, 67.01, "geonames-city")),
    ("Washington", False, ("US",), ("Washington", "city", "US", 38.9, -77.04, "geonames-city")),
    ("Virginia", False, (), ("Virginia", "province", "US", None, None, "geonames-us-state")),
    # ambiguous names follow the document's countries, else the most populous; no region is preferred
    ("Tripoli", False, ("LB",), ("Tripoli", "city", "LB", 34.44, 35.85, "geonames-city")),
    ("Tripoli", False, (), ("Tripoli", "city", "LY", 32.89, 13.19, "geonames-city")),
    ("Faizabad", False, (), ("Fyzābād", "city", "IN", 26.78, 82.13, "geonames-city")),
    ("Faizabad", False, ("AF",), ("Fayzabad", "city", "AF", 37.12, 70.58, "af-gazetteer")),
    ("Hyderabad", False, ("PK", "IN"), ("Hyderabad", "city", "PK", 25.39, 68.37, "geonames-city")),
    ("Hyderabad", False, (), ("Hyderabad", "city", "IN", 17.38, 78.46, "geonames-city")),
    ("Gao", False, ("ML",), ("Gao", "city", "ML", 16.27, -0.04, "geonames-city")),
    ("Khartoum", False, (), ("Khartoum", "city", "SD", 15.55, 32.53, "geonames-city")),
    ("Kharkiv", False, (), ("Kharkiv", "city", "UA", 49.98, 36.25, "geonames-city")),
    ("Sittwe", False, ("MM",), ("Sittwe", "city", "MM", 20.15, 92.9, "geonames-city")),
    ("Bamako", False, (), ("Bamako", "city", "ML", 12.65, -8.0, "geonames-city")),
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


@pytest.mark.parametrize(("text", "context"), [("West", ()), ("the West", ("AF",)), ("south", ("SD",)),
                                             ("south", ())])
def test_resolve_name_bare_direction_needs_an_afghan_story(text: str, context: tuple[str, ...]) -> None:
    assert resolve_name(text, countries=context) is None


def test_resolve_name_bare_direction_in_an_afghan_story() -> None:
    hit = resolve_name("the south", countries=("AF", "PK"))
    assert hit is not None and hit[0].name == "southern Afghanistan"


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


# Stories about other conflicts: every resolved place lies in the story's countries, none in Afghanistan.
STORIES = [
    ("KHARTOUM, Sudan — Fighting between the army and the Rapid Support Forces spread from Khartoum to "
     "Omdurman and El Fasher on Saturday. Thousands fled to Port Sudan and across the border into Chad.",
     {"SD", "TD"}, {"Khartoum", "Omdurman", "El Fasher", "Port Sudan"}),
    ("KYIV, Ukraine — Russian missiles struck Kharkiv and Zaporizhzhia overnight, and fighting continued near "
     "Bakhmut. Ukrainian officials in Odesa said the port was hit.", {"UA"}, {"Kharkiv", "Bakhmut", "Odesa"}),
    ("BAMAKO, Mali — Jihadists attacked a military camp near Gao, officials said, near the border with Niger "
     "and Algeria.", {"ML", "NE", "DZ"}, {"Gao"}),
    ("YANGON, Myanmar — The Arakan Army said it captured Sittwe's outskirts after weeks of fighting, while "
     "the junta bombed villages near Mandalay and Lashio. Refugees crossed into Bangladesh.",
     {"MM", "BD"}, {"Sittwe", "Mandalay", "Lashio"}),
]


@pytest.mark.parametrize(("text", "countries", "cities"), STORIES, ids=["sudan", "ukraine", "mali", "myanmar"])
def test_find_places_other_conflicts_resolve_to_their_countries(nlp: Any, text: str, countries: set[str],
                                                                cities: set[str]) -> None:
    found = places(nlp, text)
    assert {p.country for p in found} <= countries
    assert cities <= {p.name for p in found if p.precision == "city"}


# An ambiguous name follows the document's other places; without them, the most populous reading.
AMBIGUOUS = [
    ("BEIRUT, Lebanon — Clashes broke out in Tripoli overnight, and protesters blocked roads in Sidon.",
     "Tripoli", "LB"),
    ("Libya's rival governments traded accusations after fighting in Tripoli; Benghazi denied it.", "Tripoli", "LY"),
    ("LUCKNOW, India — Police in Faizabad arrested 12 people after clashes in Uttar Pradesh.", "Faizabad", "IN"),
    ("The Taliban seized Kunduz and Faizabad, officials in Kabul said.", "Faizabad", "AF"),
    ("KARACHI, Pakistan — Floods hit Hyderabad and Sukkur in Sindh.", "Hyderabad", "PK"),
]


@pytest.mark.parametrize(("text", "name", "country"), AMBIGUOUS)
def test_find_places_ambiguous_name_follows_document_context(nlp: Any, text: str, name: str, country: str) -> None:
    hit = [p for p in places(nlp, text) if p.text == name]
    assert hit and hit[0].country == country


def test_find_places_the_west_is_not_western_afghanistan(nlp: Any) -> None:
    found = places(nlp, "The West imposed new sanctions on Russia after the Taliban took Kabul.")
    assert all(p.name != "western Afghanistan" for p in found)
