"""Tests for dossier.clean.language: our own multilingual fixtures and the English safety rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dossier.clean.language import detect_language

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "languages.jsonl"
ITEMS = [json.loads(line) for line in FIXTURES.read_text("utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("item", [i for i in ITEMS if i["lang"] != "en"], ids=lambda i: f"{i['lang']}-{i['kind']}")
def test_detect_language_names_the_fixture_language(item: dict) -> None:
    assert detect_language(item["text"]).code == item["lang"]


@pytest.mark.parametrize("item", [i for i in ITEMS if i["lang"] == "en"], ids=lambda i: i["text"][:20])
def test_detect_language_never_calls_english_foreign(item: dict) -> None:
    # a headline too short to judge stays undecided, which the extract stage reads as English
    assert detect_language(item["text"]).code in ("en", None)


# (text, declared) -> (code, basis)
DECISIONS = [
    ("Zelensky meets Erdogan in Istanbul", None, (None, "undecided")),
    ("Zelensky meets Erdogan in Istanbul", "en-US", ("en", "declared")),
    ("Un convoi humanitaire bloqué à la frontière depuis trois jours", "en",
     ("fr", "detected")),  # a site template's lang="en" loses to a confident detection
    ("مقتل ثمانية مدنيين على الأقل في قصف استهدف سوقا شعبيا", None, ("ar", "script")),
    ("The army said on Tuesday that the Rapid Support Forces had withdrawn from the city of Omdurman.", "fr",
     ("en", "english-words")),
    ("12 345 678", "de", ("de", "declared")),
    ("", None, (None, "undecided")),
]


@pytest.mark.parametrize(("text", "declared", "expected"), DECISIONS)
def test_detect_language_cascade(text: str, declared: str | None, expected: tuple[str | None, str]) -> None:
    guess = detect_language(text, declared=declared)
    assert (guess.code, guess.basis) == expected


def test_detect_language_keeps_the_evidence() -> None:
    guess = detect_language("Des milliers de personnes ont fui leurs villages après une nuit de bombardements.",
                            declared="en")
    assert guess.to_json() == {"code": "fr", "basis": "detected", "score": pytest.approx(guess.score, abs=1e-3),
                               "detected": "fr", "declared": "en"}
