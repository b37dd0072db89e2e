"""Who acted and who underwent it, whatever the construction (issue 14, item 2).

Active, passive, reduced passive the parser reads as active, phrasal verbs, and attack nouns
("killed in a US drone strike", "came under attack from…"). Made-up sentences about several
conflicts; the spaCy model is real.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.test_events import events, nlp, one

__all__ = ["nlp"]

# (sentence, action, actor, target)
CASES = [
    ("The Houthis shot down an American drone over Marib.", "shot down", "Houthis", "American"),
    ("An American drone was shot down by the Houthis over Marib.", "shot down", "Houthis", "American"),
    ("A Russian helicopter shot down by Ukrainian forces crashed near Bakhmut.", "shot down", "Ukrainian", "Russian"),
    ("Two aid workers kidnapped by Boko Haram were freed.", "kidnapped", "Boko Haram", "aid workers"),
    ("Three soldiers were wounded by Russian shelling in Kharkiv.", "wounded", "Russian", "soldiers"),
    ("Five Shabaab commanders were killed in a US drone strike.", "killed", "US", None),
    ("Israeli troops came under attack from Hamas gunmen.", "attack", "Hamas", None),
    ("Ukrainian air defences downed 20 Russian drones over Kyiv overnight.", "downed", "Ukrainian", "Russian"),
]


@pytest.mark.parametrize(("text", "action", "actor", "target"), CASES)
def test_actor_and_target(nlp: Any, text: str, action: str, actor: str, target: str | None) -> None:
    event = one(events(nlp, text), "ASSAULT", action)
    assert event.actor is not None and actor.casefold() in event.actor.casefold()
    if target is not None:
        assert event.target is not None and target.casefold() in event.target.casefold()
    assert event.target != event.actor


def test_a_city_modifying_an_attack_noun_is_where_not_who(nlp: Any) -> None:
    event = one(events(nlp, "The Mosul market bombing killed 21 people."), "ASSAULT", "killed")
    assert event.actor is None
    assert one(events(nlp, "Kabul accused Islamabad of sheltering militants."), "ACCUSE").actor == "Kabul"
    assert one(events(nlp, "A US drone strike killed five commanders."), "ASSAULT", "killed").actor == "US"


def test_the_weapon_is_not_the_target(nlp: Any) -> None:
    event = one(events(nlp, "The rebels detonated a bomb outside the embassy."), "ASSAULT", "detonated")
    assert event.target is None


def test_a_party_resolved_from_a_description_keeps_both_spans(nlp: Any) -> None:
    text = "The Houthis said on Sunday that they hit a US destroyer. The group later attacked a cargo ship."
    event = one(events(nlp, text), "ASSAULT", "attacked")
    record = event.to_json()
    assert event.actor == "Houthis"
    local, named = record["actor_span"], record["actor_antecedent"]
    assert text[local["start"]:local["end"]] == "The group"
    assert text[named["start"]:named["end"]] == "Houthis"
    assert record["target_antecedent"] is None  # "a cargo ship" is named where it stands


@pytest.mark.parametrize(("text", "type_", "action", "actor", "target"), [
    ("Gunmen fired on a minibus near Kaduna on Sunday.", "ASSAULT", "fired", "Gunmen", "minibus"),
    ("Six villagers were killed by militants in Borno.", "ASSAULT", "were killed", "militants", "villagers"),
    ("Rebels besieged the town of El Fasher for months.", "COERCE", "besieged", "Rebels", "El Fasher"),
    ("Government forces recaptured the city of Palmyra.", "COERCE", "recaptured", "Government forces", "Palmyra"),
    ("Police arrested three suspects in Lahore.", "COERCE", "arrested", "Police", "suspects"),
])
def test_an_unnamed_party_that_acts_is_the_actor(nlp: Any, text: str, type_: str, action: str, actor: str,
                                                 target: str) -> None:
    event = one(events(nlp, text), type_, action)
    assert event.actor == actor and event.actor_id is None and event.actor_span is not None
    assert text[event.actor_span.start:event.actor_span.end] == actor
    assert event.target is not None and target in event.target
    assert event.confidence >= 0.7


def test_a_thing_that_caused_harm_is_no_actor(nlp: Any) -> None:
    event = one(events(nlp, "The explosion killed five people in the market."), "ASSAULT", "killed")
    assert event.actor is None
