"""Tests for dossier.extract.events (+ event_args, event_lexicon).

The spaCy model is real and loaded once per session; every event found is checked for
offsets (its span is a stretch of the text holding its action; actor and target spans
are the mentions they name). Hand-built TimeExprs test the time attachment on its own.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dossier.errors import ConfigError
from dossier.extract.entities import find_mentions
from dossier.extract.event_lexicon import PLOVER_TYPES, load_lexicon, parse_lexicon
from dossier.extract.events import CONFIDENCE, find_events
from dossier.extract.nlp import dossier_nlp
from dossier.extract.places import find_places
from dossier.extract.quantities import find_quantities
from dossier.extract.records import Event, TimeExpr
from dossier.records import Span

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
ANCHOR = date(2013, 9, 26)
MODALITIES = {"asserted", "planned", "demanded", "negated", "hypothetical", "reported"}


@pytest.fixture(scope="session")
def nlp() -> Any:
    return dossier_nlp()


def _times(sdoc: Any, anchor: date | None) -> list[TimeExpr]:
    from dossier.extract.timex import find_times

    return find_times(sdoc.text, doc_id="t", anchor=anchor, sentences=[(s.start_char, s.end_char) for s in sdoc.sents],
                      ents=[(e.start_char, e.end_char, e.label_) for e in sdoc.ents])


def check_offsets(text: str, events: list[Event]) -> None:
    for e in events:
        assert e.type in PLOVER_TYPES and e.modality in MODALITIES
        assert 0 <= e.span.start < e.span.end <= len(text)
        assert e.action in text[e.span.start:e.span.end], (e.action, text[e.span.start:e.span.end])
        assert e.span.method.startswith("events.v1:")
        if e.actor_span is not None:
            assert text[e.actor_span.start:e.actor_span.end]
        if e.target_span is not None:
            assert text[e.target_span.start:e.target_span.end]
        if e.place is not None:
            assert text[e.place.span.start:e.place.span.end] == e.place.text
        if e.time is not None:
            assert text[e.time.span.start:e.time.span.end] == e.time.text


def events(nlp: Any, text: str, *, anchor: date | None = ANCHOR, times: list[TimeExpr] | None = None) -> list[Event]:
    sdoc = nlp(text)
    mentions = find_mentions(sdoc, doc_id="t")
    found = find_events(sdoc, doc_id="t", mentions=mentions, times=_times(sdoc, anchor) if times is None else times,
                        quantities=find_quantities(sdoc, doc_id="t"),
                        places=find_places(sdoc, doc_id="t", mentions=mentions))
    check_offsets(sdoc.text, found)
    return found


def one(found: list[Event], type_: str, action: str | None = None) -> Event:
    hits = [e for e in found if e.type == type_ and (action is None or action in e.action)]
    assert hits, f"no {type_} event ({action}) in {[(e.type, e.action) for e in found]}"
    return hits[0]


# (sentence, type, mode, actor, target)
TYPES = [
    ("The United States and the Taliban signed an agreement in Doha on Saturday.", "AGREE", "sign", "United States",
     "Taliban"),
    ("Zalmay Khalilzad met Taliban negotiators in Doha on Tuesday.", "CONSULT", "meet", "Zalmay Khalilzad", "Taliban"),
    ("Pakistan praised the Taliban for the deal.", "SUPPORT", None, "Pakistan", "Taliban"),
    ("The Taliban will cooperate with Pakistan on border security.", "COOPERATE", None, "Taliban", "Pakistan"),
    ("Russia provided humanitarian aid to Afghanistan.", "AID", "humanitarian", "Russia", None),
    ("U.S. troops withdrew from Bagram in July.", "RETREAT", "withdraw", "U.S.", None),
    ("The Pentagon accused the Taliban of violating the deal.", "ACCUSE", "disapprove", None, "Taliban"),
    ("Russia demanded that NATO leave Afghanistan.", "DEMAND", None, "Russia", None),
    ("The Taliban rejected the UN report.", "REJECT", None, "Taliban", "United Nations"),
    ("The Taliban threatened to attack U.S. forces.", "THREATEN", None, "Taliban", None),
    ("Thousands of Afghans protested against the Taliban in Kabul.", "PROTEST", "demo", None, "Taliban"),
    ("NATO deployed 3,000 troops to Kandahar.", "MOBILIZE", "troops", "NATO", None),
    ("The United States imposed sanctions on Iran.", "SANCTION", None, "United States", "Iran"),
    ("Pakistani police arrested a Taliban commander in Quetta.", "COERCE", "arrest", None, "Taliban"),
    ("A U.S. drone strike killed Ayman al-Zawahiri in Kabul on Sunday.", "ASSAULT", "aerial", "U.S.",
     "Ayman al-Zawahiri"),
    ("Taliban fighters ambushed an army convoy near Spin Boldak.", "ASSAULT", "firearms", "Taliban", None),
]


@pytest.mark.parametrize(("text", "type_", "mode", "actor", "target"), TYPES)
def test_events_type_mode_and_participants(nlp: Any, text: str, type_: str, mode: str | None, actor: str | None,
                                           target: str | None) -> None:
    event = one(events(nlp, text), type_)
    assert event.mode == mode
    if actor is not None:
        assert event.actor == actor
    if target is not None:
        assert event.target == target


# (sentence, type, action contains, modality)
MODALITY = [
    ("NATO forces are scheduled to leave Afghanistan by September.", "RETREAT", "leave", "planned"),
    ("The Taliban agreed to stop attacks on U.S. forces.", "AGREE", "agreed", "asserted"),
    ("The Taliban agreed to stop attacks on U.S. forces.", "RETREAT", "stop", "planned"),
    ("Russia demanded that NATO leave Afghanistan.", "DEMAND", "demanded", "asserted"),
    ("Russia demanded that NATO leave Afghanistan.", "RETREAT", "leave", "demanded"),
    ("Lavrov urged that foreign forces leave Afghanistan.", "RETREAT", "leave", "demanded"),
    ("The Taliban did not attack the convoy.", "ASSAULT", "attack", "negated"),
    ("The Taliban refused to meet Afghan officials.", "CONSULT", "meet", "negated"),
    ("The Taliban refused to meet Afghan officials.", "REJECT", "refused", "asserted"),
    ("The Taliban could attack the airport.", "ASSAULT", "attack", "hypothetical"),
    ("The Taliban threatened to attack U.S. forces.", "ASSAULT", "attack", "hypothetical"),
    ("The Taliban will cooperate with Pakistan on border security.", "COOPERATE", "cooperate", "planned"),
    ("\u201cWe will attack the Americans,\u201d the Taliban commander said.", "ASSAULT", "attack", "reported"),
    ("Mujahid said the Taliban attacked the checkpoint.", "ASSAULT", "attacked", "reported"),
    ("The Taliban attacked the checkpoint.", "ASSAULT", "attacked", "asserted"),
]


@pytest.mark.parametrize(("text", "type_", "action", "modality"), MODALITY)
def test_events_modality(nlp: Any, text: str, type_: str, action: str, modality: str) -> None:
    assert one(events(nlp, text), type_, action).modality == modality


# (sentence, type, actor, place, time text, quantities)
ARGUMENTS = [
    ("On Monday, a Taliban ambush on a border post in southern Afghanistan killed 11 police officers.",
     "ASSAULT", "Taliban", "southern Afghanistan", "Monday", {"killed": 11}),
    ("Earlier this month, Taliban militants used car bombs to attack a U.S. consulate in western Afghanistan, "
     "killing two Afghans and wounding 17 other Afghans.", "ASSAULT", "Taliban", "western Afghanistan",
     "Earlier this month", {"killed": 2, "wounded": 17}),
    ("Eleven police officers were killed by the Taliban in Helmand.", "ASSAULT", "Taliban", "Helmand", None,
     {"killed": 11}),
    ("The Taliban attacked a police checkpoint in Kunduz, killing four officers and wounding six.", "ASSAULT",
     "Taliban", "Kunduz", None, {"killed": 4, "wounded": 6}),
    ("Peace talks between the Afghan government and the Taliban opened in Doha on Saturday.", "CONSULT", None,
     "Doha", "Saturday", {}),
    ("The deal signed in Doha on Feb. 29 requires the Taliban to cut ties with al-Qaeda.", "AGREE", None, "Doha",
     "Feb. 29", {}),
    ("The remaining 60,000 U.S. and NATO forces in Afghanistan are scheduled to leave by the end of 2014.",
     "RETREAT", "U.S.", None, "by the end of 2014", {"troops": 60000}),
]


@pytest.mark.parametrize(("text", "type_", "actor", "place", "when", "counts"), ARGUMENTS)
def test_events_actor_place_time_quantities(nlp: Any, text: str, type_: str, actor: str | None, place: str | None,
                                            when: str | None, counts: dict[str, float]) -> None:
    event = one(events(nlp, text), type_)
    if actor is not None:
        assert event.actor == actor
    if place is not None:
        assert event.place is not None and event.place.name == place
    if when is not None:
        assert event.time is not None and event.time.text.lower() == when.lower()
    assert event.quantities == counts


def test_events_place_is_where_it_happened_not_every_place(nlp: Any) -> None:
    event = one(events(nlp, "U.S. officials said the Taliban attacked a checkpoint in Kunduz."), "ASSAULT")
    assert event.place is not None and event.place.name == "Kunduz"
    event = one(events(nlp, "The Taliban held talks with U.S. officials."), "CONSULT")
    assert event.place is None  # "U.S." modifies the officials; it is not a location


def test_events_time_is_left_none_without_one_in_the_clause(nlp: Any) -> None:
    found = events(nlp, "On Monday, the ministry said. The Taliban attacked a checkpoint in Kunduz.")
    assert one(found, "ASSAULT").time is None


def test_events_time_attaches_hand_built_timex(nlp: Any) -> None:
    text = "On Monday, a Taliban ambush killed 11 police officers."
    expr = TimeExpr(text="Monday", span=Span("t", 3, 9, 0, "test"), value="2013-09-23", precision="day")
    event = one(events(nlp, text, times=[expr]), "ASSAULT")
    assert event.time is expr and event.to_json()["date"] == "2013-09-23"


def test_events_without_entity_or_casualties_are_kept_with_low_confidence(nlp: Any) -> None:
    found = events(nlp, "They talked about the weather and agreed it was cold.")
    assert found and all(e.confidence == CONFIDENCE["cue-only"] and e.actor is None for e in found)
    assert events(nlp, "A car bomb exploded near a market.")[0].confidence < 1.0
    assert one(events(nlp, "The Taliban attacked a police checkpoint."), "ASSAULT").confidence == 1.0
    sdoc = nlp("They talked about the weather and agreed it was cold.")
    assert find_events(sdoc, doc_id="t", mentions=[], times=[], quantities=[], places=[], min_confidence=1.0) == []


def test_events_fold_casualty_verbs_into_one_assault(nlp: Any) -> None:
    found = events(nlp, "The Taliban attacked a police checkpoint in Kunduz, killing four officers and wounding six.")
    assert [e.type for e in found] == ["ASSAULT"]


def test_events_to_json_has_contract_fields(nlp: Any) -> None:
    event = one(events(nlp, "On Monday, a Taliban ambush in southern Afghanistan killed 11 police officers."),
                "ASSAULT")
    row = event.to_json()
    for key in ("type", "action", "actor", "actor_id", "target", "target_id", "place", "date", "date_text",
                "quantities", "start", "end"):
        assert key in row
    assert row["place"] == "southern Afghanistan" and row["quantities"] == {"killed": 11}


def test_lexicon_covers_all_plover_types() -> None:
    assert {c.type for c in load_lexicon().cues} == set(PLOVER_TYPES)


@pytest.mark.parametrize("line", ["attack\tX\tASSAULT", "attack\tV\tATTACK", "attack\tV\tASSAULT\t\tweird"])
def test_lexicon_rejects_malformed_rows(line: str) -> None:
    with pytest.raises(ConfigError, match="malformed"):
        parse_lexicon(line)


def _seed(prefix: str) -> str:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip(f"seed articles not found at {SEEDS} (a fresh clone has no ../shared)")
    from dossier.clean.text import clean_text

    return clean_text(paths[0].read_text(encoding="utf-8")).text


# (seed, anchor, type, action contains, actor, target, place, date text, quantities, modality)
SEED_EVENTS = [
    ("000", ANCHOR, "ASSAULT", "killed", "Taliban", None, "southern Afghanistan", "Monday", {"killed": 11}, "asserted"),
    ("000", ANCHOR, "ASSAULT", "attack", "Taliban", "U.S.", "western Afghanistan", "earlier this month",
     {"killed": 2, "wounded": 17}, "asserted"),
    ("000", ANCHOR, "RETREAT", "leave", "U.S.", None, None, "by the end of 2014", None, "planned"),
    ("001", date(2020, 6, 1), "AGREE", "signed", None, None, "Doha", "Feb. 29", None, "asserted"),
    ("001", date(2020, 6, 1), "REJECT", "rejected", "Suhail Shaheen", "United Nations", None, None, None, "asserted"),
    ("001", date(2020, 6, 1), "ACCUSE", "criticize", "Zalmay Khalilzad", None, None, "Monday", None, "negated"),
    ("001", date(2020, 6, 1), "CONSULT", "conferred", "Taliban", None, None, None, None, "negated"),
    ("002", date(2019, 5, 29), "DEMAND", "called", "Taliban", None, None, None, None, "asserted"),
    ("002", date(2019, 5, 29), "RETREAT", "withdrawal", None, None, None, None, None, "demanded"),
    ("002", date(2019, 5, 29), "DEMAND", "urged", "Sergey Lavrov", None, None, None, None, "asserted"),
    ("002", date(2019, 5, 29), "RETREAT", "leave", None, "Afghanistan", None, None, None, "demanded"),
    ("002", date(2019, 5, 29), "CONSULT", "meeting", None, None, "Moscow", "Tuesday", None, "asserted"),
    ("002", date(2019, 5, 29), "COERCE", "arrested", None, "Abdul Ghani Baradar", "Karachi", "2010", None, "asserted"),
    ("003", date(2021, 10, 12), "CONSULT", "talks", "US", "Taliban", "Doha", "October 9-10", None, "asserted"),
    ("003", date(2021, 10, 12), "COOPERATE", "will not cooperate", "Taliban", "US", None, None, None, "negated"),
    ("003", date(2021, 10, 12), "REJECT", "snubbed", "Taliban", "US", None, None, None, "asserted"),
    ("004", date(2020, 7, 2), "AGREE", "agreed", "Taliban", None, None, None, None, "asserted"),
    ("004", date(2020, 7, 2), "RETREAT", "stop", "Taliban", "al-Qaeda", None, None, None, "planned"),
    ("004", date(2020, 7, 2), "AGREE", "signed", "US", "Taliban", None, "February 29", None, "asserted"),
    ("004", date(2020, 7, 2), "AID", "sheltered", "Taliban", "Osama bin Laden", "Afghanistan", None, None, "asserted"),
    ("004", date(2020, 7, 2), "RETREAT", "pull out", "US", None, None, None, None, "hypothetical"),
]


@pytest.mark.parametrize(("seed", "anchor", "type_", "action", "actor", "target", "place", "when", "counts",
                          "modality"), SEED_EVENTS)
def test_events_seed_key_events(nlp: Any, seed: str, anchor: date, type_: str, action: str, actor: str | None,
                                target: str | None, place: str | None, when: str | None,
                                counts: dict[str, float] | None, modality: str) -> None:
    found = events(nlp, _seed(seed), anchor=anchor)
    candidates = [e for e in found if e.type == type_ and action in e.action
                  and (actor is None or e.actor == actor) and (target is None or e.target == target)
                  and (place is None or (e.place is not None and e.place.name == place))
                  and (when is None or (e.time is not None and e.time.text == when))
                  and (counts is None or e.quantities == counts) and e.modality == modality]
    seen = [(e.type, e.action, e.actor, e.target, e.place.name if e.place else None,
             e.time.text if e.time else None, e.modality) for e in found]
    assert candidates, f"{type_} {action!r} {actor}->{target} not in {seen}"


@pytest.mark.parametrize(
    "text",
    [
        "DOHA, Qatar — The United States and the Taliban signed an agreement in the Qatari capital on Saturday.",
        "KABUL — The Taliban attacked a police post in Helmand on Monday, killing four officers.",
    ],
)
def test_find_events_dateline_is_never_the_actor(nlp, text):
    found = events(nlp, text)
    assert found, "the event itself must survive"
    assert all(e.actor not in ("Doha", "DOHA", "Kabul", "KABUL") for e in found)
    assert found[0].actor in ("United States", "Taliban")


@pytest.mark.parametrize(("text", "actor", "target"), [
    ("The arrest of Imran Khan by Pakistani police sparked protests.", "Pakistani", "Imran Khan"),
    ("The bombing of the US embassy by al-Qaeda killed 12 people.", "al-Qaeda", "US"),
    ("The US embassy was attacked by the Taliban on Monday.", "Taliban", "US"),
    ("The Taliban claimed responsibility for the attack on the US embassy.", "Taliban", "US"),
])
def test_events_read_nominal_and_passive_arguments(nlp: Any, text: str, actor: str, target: str) -> None:
    event = next(e for e in events(nlp, text) if e.type in ("ASSAULT", "COERCE"))
    assert (event.actor, event.target) == (actor, target)


def test_weapon_noun_is_no_event_of_its_own(nlp: Any) -> None:
    assert [e.action for e in events(nlp, "A car bomb exploded near a market.")] == ["exploded"]
    assert not any("bomb" in e.action for e in events(nlp, "Police said they defused a bomb."))


@pytest.mark.parametrize(("text", "mode"), [
    ("Three soldiers were killed in an airstrike on Tuesday.", "aerial"),
    ("Two people were wounded by a roadside bomb.", "explosives"),
    ("The bomb attack left five dead.", "explosives"),
])
def test_assault_mode_from_the_attack_noun(nlp: Any, text: str, mode: str) -> None:
    assert any(e.type == "ASSAULT" and e.mode == mode for e in events(nlp, text)), events(nlp, text)


def test_events_keep_conjoined_actors_and_targets(nlp: Any) -> None:
    event = one(events(nlp, "The Taliban and Russia attacked the Afghan army and NATO."), "ASSAULT")
    assert (event.actor, event.more_actors) == ("Taliban", ("Russia",)) and event.more_targets == ("NATO",)
    assert event.to_json()["more_actors"] == ["Russia"]
