"""The resolver's rules on hand-built candidates: each tricky case of issue 4, positive and negative."""

from __future__ import annotations

import pytest

from dossier.resolve import Candidate, Overrides, Resolution, resolve

_N = iter(range(10**6))


def cand(name: str, label: str = "PERSON", *, doc: str | None = None, gazetteer: str | None = None,
         aliases: tuple[str, ...] = (), context: tuple[str, ...] = (), roles: tuple[str, ...] = ()) -> Candidate:
    doc_id = doc or f"d{next(_N)}"
    return Candidate(f"{doc_id}:{name}", doc_id, name, label, aliases or (name,), roles, gazetteer, context)


def together(res: Resolution, *cands: Candidate) -> bool:
    ids = res.cluster_of()
    return len({ids[c.key] for c in cands}) == 1


MERGE = [
    ("case", [cand("al-Qaeda", "ORG"), cand("Al Qaida", "ORG"), cand("AL-QAEDA", "ORG")]),
    ("diacritics", [cand("Mevlut Cavusoglu"), cand("Mevl\u00fct \u00c7avu\u015fo\u011flu")]),
    ("title", [cand("Zalmay Khalilzad"), cand("Ambassador Zalmay Khalilzad")]),
    ("military rank", [cand("Kenneth McKenzie"), cand("Lt. Gen. Kenneth McKenzie")]),
    ("middle initial", [cand("Kenneth F. McKenzie"), cand("Kenneth McKenzie")]),
    ("surname only", [cand("Zalmay Khalilzad"), cand("Khalilzad")]),
    ("honorific surname", [cand("Miriam Holloway"), cand("Dr Holloway")]),
    ("typo in surname", [cand("Zalmay Khalilzad"), cand("Zalmay Khalizad")]),
    ("transliteration first name", [cand("Zalmay Khalilzad"), cand("Zalmai Khalilzad")]),
    ("both words vary", [cand("Zalmai Rassoul"), cand("Zalmay Rasoul")]),
    ("first name variant", [cand("Zabihullah Mujahid"), cand("Zabiullah Mujahid")]),
    ("gazetteer alias", [cand("Taliban", "ORG", gazetteer="taliban"), cand("Islamic Emirate", "ORG")]),
    ("gazetteer ISIS-K", [cand("ISIS-K", "ORG"), cand("ISKP", "ORG"), cand("Islamic State Khorasan", "ORG")]),
    ("acronym defined in text", [cand("Al-Qaeda in the Indian Subcontinent", "ORG", aliases=(
        "Al-Qaeda in the Indian Subcontinent", "AQIS")), cand("AQIS", "ORG")]),
    ("acronym of an unknown org", [cand("Centre for Frontier Security Studies", "ORG", aliases=(
        "Centre for Frontier Security Studies", "CFSS")), cand("CFSS", "ORG")]),
    ("ORG/FAC label noise", [cand("Centre for Frontier Security Studies", "ORG"),
                             cand("Centre for Frontier Security Studies", "FAC")]),
    ("dateline", [cand("Kabul", "GPE"), cand("KABUL", "ORG")]),
    ("country alias", [cand("United States", "GPE"), cand("U.S.", "GPE"), cand("America", "GPE")]),
    ("org typo", [cand("Centre for Frontier Security Studies", "ORG"), cand("Centre for Frontier Securty Studies", "ORG")]),
]


@pytest.mark.parametrize(("case", "cands"), MERGE, ids=[m[0] for m in MERGE])
def test_resolve_merges(case: str, cands: list[Candidate]) -> None:
    res = resolve(cands)
    assert together(res, *cands), [(d.candidate, d.rule, d.evidence) for d in res.decisions]


APART = [
    ("Abdullah Abdullah / Abdullah Azzam", [cand("Abdullah Abdullah"), cand("Abdullah Azzam")]),
    ("Hamid Karzai / Hamid Gul", [cand("Hamid Karzai"), cand("Hamid Gul")]),
    ("Sirajuddin / Jalaluddin Haqqani", [cand("Sirajuddin Haqqani"), cand("Jalaluddin Haqqani")]),
    ("Mike Pompeo / Mike Pence", [cand("Mike Pompeo"), cand("Mike Pence")]),
    ("Nawaz / Shehbaz Sharif", [cand("Nawaz Sharif"), cand("Shehbaz Sharif")]),
    ("George W. / George H. W. Bush", [cand("George W. Bush"), cand("George H. W. Bush")]),
    ("AQIS is an affiliate of al-Qaeda", [cand("al-Qaeda", "ORG"), cand("al Qaida in the Indian Subcontinent", "ORG")]),
    ("AQIS acronym is not al-Qaeda", [cand("al Qaida", "ORG"), cand("AQIS", "ORG")]),
    ("TTP is not the Afghan Taliban", [cand("Taliban", "ORG"), cand("TTP", "ORG")]),
    ("Pakistani Taliban are not the Taliban", [cand("Taleban", "ORG"), cand("Pakistani Taliban", "ORG")]),
    ("Tehrik-e-Taliban is not the Taliban", [cand("Islamic Emirate", "ORG"), cand("Tehrik-e-Taliban", "ORG")]),
    ("bin Laden is not al-Qaeda", [cand("Osama bin Laden"), cand("al-Qaeda", "ORG")]),
    ("Islamic State is not ISKP", [cand("Islamic State", "ORG"), cand("Islamic State Khorasan Province", "ORG")]),
    ("an unknown branch is not its parent", [cand("al-Qaeda", "ORG"), cand("al-Qaeda in Yemen", "ORG")]),
    ("Miriam / Mariam", [cand("Miriam Holloway"), cand("Mariam")]),
    ("province typo is not a surname", [cand("Ashraf Ghani", doc="x"), cand("Ghazni", doc="x")]),
    ("Washington the place / a person", [cand("Washington", "GPE"), cand("Denzel Washington")]),
    ("single-word label noise", [cand("Herat", "GPE"), cand("Herat", "PERSON")]),
]


@pytest.mark.parametrize(("case", "cands"), APART, ids=[a[0] for a in APART])
def test_resolve_keeps_apart(case: str, cands: list[Candidate]) -> None:
    res = resolve(cands)
    ids = res.cluster_of()
    assert len({ids[c.key] for c in cands}) == len(cands), [(d.candidate, d.cluster, d.rule) for d in res.decisions]


def test_resolve_surname_joins_only_a_unique_full_name() -> None:
    sira, jala, haqqani = cand("Sirajuddin Haqqani"), cand("Jalaluddin Haqqani"), cand("Haqqani")
    res = resolve([sira, jala, haqqani])
    assert len(res.clusters) == 3
    assert any(b.rule == "blocked:ambiguous" and "Haqqani" in b.evidence for b in res.blocked)


def test_resolve_surname_prefers_the_full_name_in_its_own_document() -> None:
    sira, jala = cand("Sirajuddin Haqqani", doc="a"), cand("Jalaluddin Haqqani", doc="b")
    haqqani = cand("Haqqani", doc="a")
    res = resolve([sira, jala, haqqani])
    assert together(res, sira, haqqani) and not together(res, jala, haqqani)
    assert res.decision_for(haqqani.key).rule == "surname"


def test_resolve_mislabelled_surname_joins_a_person_in_its_document() -> None:
    full, typo = cand("Zalmai Rassoul", doc="s"), cand("Rassoui", "ORG", doc="s")
    res = resolve([full, typo])
    assert together(res, full, typo)
    decision = res.decision_for(typo.key)
    assert decision.rule == "surname-in-document" and "Rassoul" in decision.evidence


def test_resolve_mislabelled_surname_needs_evidence_across_documents() -> None:
    full, org = cand("Miriam Holloway", doc="a"), cand("Holloway", "ORG", doc="b")
    assert not together(resolve([full, org]), full, org)
    ctx = ("Centre for Frontier Security Studies", "Kabul Ledger")
    full, org = cand("Miriam Holloway", doc="a", context=ctx), cand("Holloway", "ORG", doc="b", context=ctx)
    res = resolve([full, org])
    assert together(res, full, org) and res.decision_for(org.key).rule == "surname-cross-label"


def test_resolve_variants_named_in_one_document_stay_apart() -> None:
    a, b = cand("Zalmay Khalilzad", doc="one"), cand("Zalmay Khalizad", doc="one")
    res = resolve([a, b])
    assert not together(res, a, b)
    assert any(d.rule == "blocked:co-occur" for d in res.blocked)


def test_resolve_affiliation_blocks_a_chain_of_links() -> None:
    """An unknown name that fits both al-Qaeda and AQIS must not glue them together."""
    core = cand("al-Qaeda", "ORG", gazetteer="al-qaeda", aliases=("al-Qaeda", "AQ"))
    branch = cand("AQIS", "ORG", gazetteer="aqis", aliases=("AQIS", "AQ"))
    bridge = cand("AQ", "ORG")
    res = resolve([core, branch, bridge])
    assert not together(res, core, branch)
    assert any(b.rule == "blocked:affiliation" and "affiliate" in b.evidence for b in res.blocked)


def test_resolve_every_decision_has_rule_score_and_evidence() -> None:
    cands = [c for _, cs in MERGE for c in cs]
    res = resolve(cands)
    assert {d.candidate for d in res.decisions} == {c.key for c in cands}
    for d in res.decisions:
        assert d.rule and d.evidence and 0.0 <= d.score <= 1.0


def test_resolve_cluster_ids_are_stable_and_prefer_the_gazetteer_key() -> None:
    from dossier.resolve import cluster_id

    res = resolve([cand("Taliban", "ORG"), cand("Islamic Emirate", "ORG"), cand("Miriam Holloway")])
    assert {c.id for c in res.clusters} == {cluster_id("gazetteer:taliban"), cluster_id("PERSON:miriam holloway")}
    by_id = res.by_id()
    assert by_id[cluster_id("gazetteer:taliban")].name == "Taliban"


def test_resolve_overrides_win_over_rules() -> None:
    a, b = cand("Abdullah Abdullah", doc="a"), cand("Abdullah Azzam", doc="b")
    merged = resolve([a, b], overrides=Overrides.of([("merge", "Abdullah Abdullah", "Abdullah Azzam")]))
    assert together(merged, a, b) and merged.decision_for(b.key).rule in ("override-merge",) or \
        merged.decision_for(a.key).rule == "override-merge"
    x, y = cand("Zalmay Khalilzad", doc="a"), cand("Zalmay Khalizad", doc="b")
    split = resolve([x, y], overrides=Overrides.of([("split", "Zalmay Khalizad", "Zalmay Khalilzad")]))
    assert not together(split, x, y)
    assert any(d.rule == "blocked:override-split" for d in split.blocked)


def test_resolve_later_override_wins() -> None:
    x, y = cand("Zalmay Khalilzad", doc="a"), cand("Zalmay Khalizad", doc="b")
    ops = [("split", "Zalmay Khalizad", "Zalmay Khalilzad"), ("merge", "Zalmay Khalizad", "Zalmay Khalilzad")]
    assert together(resolve([x, y], overrides=Overrides.of(ops)), x, y)


def test_resolve_split_one_candidate_by_key_survives_a_rerun() -> None:
    full, sur_a, sur_b = cand("Sirajuddin Haqqani", doc="a"), cand("Haqqani", doc="b"), cand("Haqqani", doc="c")
    overrides = Overrides.of([("split", sur_b.key)])
    first = resolve([full, sur_a, sur_b], overrides=overrides)
    assert together(first, full, sur_a) and not together(first, full, sur_b)
    again = resolve([sur_b, full, sur_a], overrides=overrides)  # re-ingest, another order
    assert again.clusters == first.clusters


def test_override_rejects_an_unknown_operation() -> None:
    from dossier.errors import ConfigError

    with pytest.raises(ConfigError, match="merge"):
        Overrides.of([("join", "A", "B")])
