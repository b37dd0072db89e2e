"""Label slips, short forms and spelling variants of names across documents."""

from __future__ import annotations

from dossier.resolve import Candidate, Resolution, resolve

_N = iter(range(10**6))


def cand(name: str, label: str, *, context: tuple[str, ...] = ()) -> Candidate:
    doc_id = f"m{next(_N)}"
    return Candidate(f"{doc_id}:{name}", doc_id, name, label, (name,), (), None, context)


def together(res: Resolution, *cands: Candidate) -> bool:
    ids = res.cluster_of()
    return len({ids[c.key] for c in cands}) == 1


def test_a_town_tagged_person_in_one_report_joins_the_town() -> None:
    towns = [cand("Dunmore", "GPE"), cand("Dunmore", "GPE")]
    slip = cand("Dunmore", "PERSON", context=("Kelso Ridge",))
    res = resolve([*towns, slip])
    assert together(res, *towns, slip)
    rule = next(d.rule for d in res.decisions if d.candidate == slip.key)
    assert rule == "label-minority"
    # the majority keeps its own cluster id: the town's, not the slip's
    assert res.cluster_of()[towns[0].key] == resolve(towns).cluster_of()[towns[0].key]


def test_a_person_beside_a_longer_name_of_the_same_word_stays_apart() -> None:
    country = [cand("Marlow", "GPE"), cand("Marlow", "GPE")]
    person = cand("Marlow", "PERSON", context=("Anna Marlow",))
    assert not together(resolve([*country, person]), country[0], person)


def test_equal_support_and_peoples_are_left_apart() -> None:
    a, b = cand("Tessaly", "ORG"), cand("Tessaly", "GPE")
    assert not together(resolve([a, b]), a, b)
    norp = [cand("Varden", "NORP"), cand("Varden", "NORP")]
    place = cand("Varden", "GPE")
    assert not together(resolve([*norp, place]), norp[0], place)


def test_a_club_named_by_its_last_words_joins_the_full_name() -> None:
    full, short = cand("Port Alder Herons", "ORG"), cand("Herons", "ORG")
    res = resolve([full, short])
    assert together(res, full, short)
    assert next(d.rule for d in res.decisions if d.candidate == short.key) == "org-short-form"


def test_a_generic_head_or_two_fits_stay_apart() -> None:
    bank, other = cand("Marlo Bank", "ORG"), cand("Bank", "ORG")
    assert not together(resolve([bank, other]), bank, other)
    a, b, short = cand("North Vale Rovers", "ORG"), cand("South Vale Rovers", "ORG"), cand("Rovers", "ORG")
    res = resolve([a, b, short])
    assert not together(res, a, short) and not together(res, b, short)


def test_abbreviated_and_british_spellings_of_place_words_match() -> None:
    a, b = cand("Mt. Kessel", "LOC"), cand("Mount Kessel", "LOC")
    c, d = cand("Harlow Treatment Centre", "ORG"), cand("Harlow Treatment Center", "ORG")
    res = resolve([a, b, c, d])
    assert together(res, a, b) and together(res, c, d) and not together(res, a, c)
