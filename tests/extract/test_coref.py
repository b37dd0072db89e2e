"""Tests for dossier.extract.coref: pronouns and definite descriptions as event arguments.

Texts are short made-up reports about several conflicts; the spaCy model is real. A resolved
argument carries the antecedent's name and the local words as its span (method ``coref-…``).
"""

from __future__ import annotations

from typing import Any

import pytest

from dossier.extract.coref import compatible, referring_kind
from dossier.extract.records import Event, Mention
from dossier.records import Span
from tests.extract.test_events import events, nlp, one

__all__ = ["nlp"]


def _local(text: str, event: Event, role: str) -> str:
    span = event.actor_span if role == "actor" else event.target_span
    assert span is not None
    return text[span.start:span.end]


# (text, type, action, role, resolved name, local words)
RESOLVED = [
    ("Hezbollah fired rockets into northern Israel. The group said it attacked an army base.",
     "ASSAULT", "attacked", "actor", "Hezbollah", "it"),
    ("Boko Haram abducted 276 schoolgirls in Chibok. The militants attacked the town again in 2015.",
     "ASSAULT", "attacked", "actor", "Boko Haram", "The militants"),
    ("The Colombian army clashed with FARC rebels. The army killed 12 guerrillas.",
     "ASSAULT", "killed", "actor", "Colombian", "The army"),
    ("Vladimir Putin met Emmanuel Macron in Moscow. He threatened to invade Ukraine.",
     "THREATEN", "threatened", "actor", "Vladimir Putin", "He"),
    ("Al-Shabaab fighters ambushed a convoy in Lamu. Kenyan troops later attacked them near the border.",
     "ASSAULT", "attacked", "target", "Al-Shabaab", "them"),
]


@pytest.mark.parametrize(("text", "type_", "action", "role", "name", "local"), RESOLVED)
def test_argument_resolved_with_local_span(nlp: Any, text: str, type_: str, action: str, role: str, name: str,
                                           local: str) -> None:
    event = one(events(nlp, text), type_, action)
    found = event.actor if role == "actor" else event.target
    assert found is not None and found.casefold() == name.casefold()  # the gazetteer may respell it
    assert _local(text, event, role) == local
    span = event.actor_span if role == "actor" else event.target_span
    assert span is not None and ":coref-" in span.method
    assert event.confidence == 1.0


def test_nationality_adjective_is_not_they(nlp: Any) -> None:
    text = "Spanish diplomats met in Madrid. British officials visited the port. They attacked the plan."
    event = one(events(nlp, text), "ASSAULT", "attacked")
    assert event.actor is None  # "British" modifies "officials"; it is not who "they" are


def test_no_compatible_antecedent_stays_unresolved(nlp: Any) -> None:
    text = "A storm hit the coast of Mozambique. It destroyed hundreds of homes."
    found = events(nlp, text)
    assert all(e.actor is None for e in found if "destroyed" in e.action)


def test_pronoun_prefers_the_governing_subject(nlp: Any) -> None:
    text = "Hamas fired rockets at Israel on Monday. Israel said it struck targets in Gaza."
    event = one(events(nlp, text), "ASSAULT", "struck")
    assert event.actor == "Israel"


def _mention(name: str, label: str) -> Mention:
    return Mention(name, label, Span("t", 0, len(name), 0, "test"), name)


def test_compatible_kinds() -> None:
    assert compatible("institution", _mention("Sudanese Army", "ORG"), "army")
    assert not compatible("institution", _mention("Rapid Support Forces", "ORG"), "army")
    assert compatible("plural", _mention("Houthis", "NORP"), "they")
    assert not compatible("group", _mention("Houthis", "NORP"), "group")
    assert not compatible("person", _mention("Sudan", "GPE"), "he")
    assert compatible("it", _mention("Sudan", "GPE"), "it")


def test_referring_kind(nlp: Any) -> None:
    doc = nlp("The rebels said they and the government and the Wagner group met him.")
    kinds = {t.text: referring_kind(t) for t in doc}
    assert kinds["rebels"] == "plural"
    assert kinds["they"] == "plural"
    assert kinds["government"] == "institution"
    assert kinds["group"] is None  # "the Wagner group" has a name of its own
    assert kinds["him"] == "person"
