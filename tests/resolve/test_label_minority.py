"""One word under two label families across documents: the minority label attaches to the majority."""

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
