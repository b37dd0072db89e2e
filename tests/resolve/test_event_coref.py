"""Cross-document event coreference (dossier.resolve.events) on small hand-written reports."""

from __future__ import annotations

from collections import Counter

import pytest

from dossier.resolve.events import Mention, Weights, cluster_documents, cluster_mentions, family, trigger_key


@pytest.mark.parametrize(("lemma", "expected"), [
    ("shooting", "shoot"), ("gunfire", "shoot"), ("shoot", "shoot"),
    ("earthquake", "quake"), ("tremor", "quake"), ("temblor", "quake"),
    ("detain", "arrest"), ("arrests", "arrest"), ("capture", "arrest"),
    ("death", "kill"), ("die", "kill"),
    ("negotiate", "negotiat"),  # not in a family: the crude stem
])
def test_trigger_key_maps_generic_families(lemma: str, expected: str) -> None:
    assert trigger_key(lemma) == expected


def test_trigger_key_without_families_is_the_stem() -> None:
    assert trigger_key("gunfire", families=False) == "gunfir"  # the baseline's stem drops a final e


def _words(text: str) -> Counter[str]:
    return Counter(w.strip(".,").casefold() for w in text.split() if len(w) > 3)


SHOOTING_A = "Gunman opened fire at Rosewood mall in Dayton on Friday, killing three shoppers; police arrested Miller."
SHOOTING_B = "Three shoppers died in a shooting at the Rosewood mall in Dayton Friday; police detained suspect Miller."
QUAKE_A = "A magnitude 6.1 earthquake struck Chiapas, Mexico in 2011, damaging churches near Tuxtla."
QUAKE_B = "A strong tremor hit Aceh province, Indonesia in 2014; villages near Banda Aceh reported damage."


def test_cluster_documents_keeps_two_earthquakes_apart() -> None:
    groups = cluster_documents({"s1": _words(SHOOTING_A), "s2": _words(SHOOTING_B),
                                "q1": _words(QUAKE_A), "q2": _words(QUAKE_B)}, threshold=0.1)
    assert ["s1", "s2"] in groups
    assert ["q1"] in groups and ["q2"] in groups


def test_two_reports_of_one_shooting_are_one_event() -> None:
    mentions = [
        Mention("a-fire", "s1", trigger_key("fire"), frozenset({"gunman"}), frozenset({"dayton"}), frozenset({"friday"})),
        Mention("b-shooting", "s2", trigger_key("shooting"), frozenset(), frozenset({"dayton"}), frozenset({"friday"})),
        Mention("a-arrest", "s1", trigger_key("arrest"), frozenset({"police", "miller"})),
        Mention("b-detain", "s2", trigger_key("detain"), frozenset({"police", "miller"})),
    ]
    clusters = cluster_mentions(mentions, doc_groups=[["s1", "s2"]])
    assert sorted(clusters) == [["a-arrest", "b-detain"], ["a-fire", "b-shooting"]]


def test_two_different_earthquakes_are_two_events() -> None:
    mentions = [Mention("q1", "q1", trigger_key("earthquake"), places=frozenset({"chiapas"}), times=frozenset({"2011"})),
                Mention("q2", "q2", trigger_key("tremor"), places=frozenset({"aceh"}), times=frozenset({"2014"}))]
    assert cluster_mentions(mentions, doc_groups=[["q1"], ["q2"]]) == [["q1"], ["q2"]]
    # even in one document group, a different place and year keep them apart
    assert cluster_mentions(mentions, weights=Weights(time_clash=0.6, place_clash=0.6)) == [["q1"], ["q2"]]


def test_cluster_mentions_is_deterministic_and_keeps_input_order() -> None:
    mentions = [Mention(f"m{i}", f"d{i % 2}", trigger_key(w)) for i, w in enumerate(["kill", "quake", "death", "die"])]
    first = cluster_mentions(mentions)
    assert first == cluster_mentions(list(mentions)) == [["m0", "m2", "m3"], ["m1"]]


def test_light_verbs_merge_only_with_a_shared_argument() -> None:
    weights = Weights(light=frozenset({"say"}), light_key=0.4, participant=0.3)
    mentions = [Mention("s1", "d1", trigger_key("say"), frozenset({"police"})),
                Mention("s2", "d2", trigger_key("tell"), frozenset({"police"})),
                Mention("s3", "d3", trigger_key("state"), frozenset({"witness"}))]
    assert cluster_mentions(mentions, weights=weights) == [["s1", "s2"], ["s3"]]


@pytest.mark.parametrize(("word", "expected"), [("gunfire", "shoot"), ("shootings", "shoot"), ("tremors", "quake"),
                                                ("negotiate", None), ("", None)])
def test_family_names_the_generic_event_family(word: str, expected: str | None) -> None:
    assert family(word) == expected
