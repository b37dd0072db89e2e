"""Normalisation and similarity tables for the resolver."""

from __future__ import annotations

import pytest

from dossier.resolve.normalise import acronym_keys, fold, is_acronym, normalise_name
from dossier.resolve.similarity import deletes, edit_distance, edit_ratio, jaro_winkler


@pytest.mark.parametrize(("name", "label", "expected"), [
    ("al-Qaeda", "ORG", "qaeda"),
    ("Al Qaida", "ORG", "qaeda"),
    ("al-Qa'ida", "ORG", "qaeda"),
    ("al\u2013Qaeda", "ORG", "qaeda"),
    ("Al-Qaeda's", "ORG", "qaeda"),
    ("the Taliban\u2019s", "ORG", "taliban"),
    ("Taleban", "ORG", "taliban"),
    ("Ayman al-Zawahiri", "PERSON", "ayman zawahiri"),
    ("Al Gore", "PERSON", "al gore"),
    ("Mevl\u00fct \u00c7avu\u015fo\u011flu", "PERSON", "mevlut cavusoglu"),
    ("Lt. Gen. Kenneth F. McKenzie Jr.", "PERSON", "kenneth f mckenzie"),
    ("Gen. Mark Milley", "PERSON", "mark milley"),
    ("President Ashraf Ghani", "PERSON", "ashraf ghani"),
    ("Secretary of State Mike Pompeo", "PERSON", "mike pompeo"),
    ("Mullah Baradar", "PERSON", "baradar"),
    ("Dr Holloway", "PERSON", "holloway"),
    ("Sheikh Mohammed bin Abdulrahman Al Thani", "PERSON", "muhammad bin abdulrahman thani"),
    ("Usama bin Laden", "PERSON", "osama bin laden"),
    ("Tehrik-e-Taliban Pakistan", "ORG", "tehrik e taliban pakistan"),
    ("U.S.", "GPE", "united states"),
    ("America", "GPE", "united states"),
    ("United States of America", "GPE", "united states"),
    ("Britain", "GPE", "united kingdom"),
    ("Afghans", "NORP", "afghan"),
    ("President", "PERSON", "president"),  # a title alone stays
    ("General Assembly", "ORG", "general assembly"),  # titles are stripped from persons only
])
def test_normalise_name_table(name: str, label: str, expected: str) -> None:
    assert normalise_name(name, label) == expected


@pytest.mark.parametrize(("name", "expected"), [
    ("Islamic State Khorasan Province", "iskp"),
    ("al-Qaeda in the Indian Subcontinent", "aqis"),
    ("Tehrik-i-Taliban Pakistan", "ttp"),
    ("Afghan National Defense and Security Forces", "andsf"),
    ("al-Qaeda", "aq"),
])
def test_acronym_keys_contain_the_usual_acronym(name: str, expected: str) -> None:
    assert expected in acronym_keys(name)


@pytest.mark.parametrize(("text", "expected"), [
    ("ISKP", True), ("U.S.", True), ("ISIS-K", True), ("Taliban", False), ("al Qaeda", False), ("A", False),
])
def test_is_acronym_table(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected


def test_fold_drops_diacritics_and_unifies_punctuation() -> None:
    assert fold("M\u00e9decins\u2019 \u2013 \u00d8stergaard") == "medecins' - ostergaard"


@pytest.mark.parametrize(("a", "b", "low", "high"), [
    ("khalilzad", "khalizad", 0.95, 1.0),
    ("zalmay", "zalmai", 0.90, 0.95),
    ("sirajuddin", "jalaluddin", 0.0, 0.80),
    ("pompeo", "pence", 0.0, 0.70),
    ("martha", "marhta", 0.96, 0.97),  # Winkler's textbook pair: 0.961
])
def test_jaro_winkler_table(a: str, b: str, low: float, high: float) -> None:
    assert low <= jaro_winkler(a, b) <= high
    assert jaro_winkler(a, b) == pytest.approx(jaro_winkler(b, a))


@pytest.mark.parametrize(("a", "b", "distance"), [
    ("rassoul", "rassoui", 1), ("khalilzad", "khalizad", 1), ("ab", "ba", 1), ("", "abc", 3), ("same", "same", 0),
])
def test_edit_distance_table(a: str, b: str, distance: int) -> None:
    assert edit_distance(a, b) == distance
    assert edit_ratio(a, b) == pytest.approx(1 - distance / max(len(a), len(b), 1))


def test_deletes_share_a_key_within_one_edit() -> None:
    assert deletes("khalilzad") & deletes("khalizad")
    assert deletes("rassoul") & deletes("rassoui")
    assert not deletes("pompeo") & deletes("pence")
