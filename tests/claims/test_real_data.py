"""Claim clusters on the seed articles and our samples, with expectations read off the articles.

The seeds (Time on the 2020 UN report, AFP on the Pentagon report) must give the classic dispute:
UN report and Pentagon vs the Taliban spokesman Suhail Shaheen. The samples (samples/README.md,
"Cross-source material") must give that dispute, the US troop numbers changing over time, and an
agreed claim with at least two independent sources.
"""

from __future__ import annotations

from pathlib import Path

from dossier import Document
from dossier.claims import ClaimCluster, claim_clusters

TALIBAN_AQ = "Taliban maintains ties with al-Qaeda"


def _by_proposition(clusters: list[ClaimCluster]) -> dict[str, ClaimCluster]:
    return {c.proposition: c for c in clusters}


def _seed(docs: list[Document], number: str) -> str:
    return next(d.id for d in docs if Path(d.source).name.startswith(number))


def _assert_citations_hold(clusters: list[ClaimCluster], docs: list[Document]) -> None:
    texts = {d.id: d.text for d in docs}
    for cluster in clusters:
        data = cluster.to_json()
        for item in [*data["supporting"], *data["disputing"]]:
            assert texts[item["doc"]][item["start"]:item["end"]] == item["text"]


def test_seeds_taliban_al_qaeda_disputed_with_both_sides_cited(seed_docs: list[Document]) -> None:
    cluster = _by_proposition(claim_clusters(seed_docs))[TALIBAN_AQ]
    assert cluster.status == "disputed"
    time, afp = _seed(seed_docs, "001"), _seed(seed_docs, "004")
    held = {(c.doc_id, c.source) for c in cluster.supporting}
    assert (time, "U.N. experts") in held
    assert any(doc == afp and source == "US Department of Defense" for doc, source in held)
    assert any(doc == afp and "UN" in source for doc, source in held)
    texts = " ".join(c.text for c in cluster.supporting)
    for phrase in ("fostered its relationship", "honour their historical ties", "remain close",
                   "maintains close ties to the Taliban"):
        assert phrase in texts
    denials = [c for c in cluster.disputing if c.source == "Suhail Shaheen"]
    assert {c.doc_id for c in denials} == {time}
    denied = " ".join(c.text for c in denials)
    assert "I totally refute this report; it is a baseless accusation" in denied
    assert "denying that the Taliban conferred at high levels with al–Qaeda" in denied


def test_seeds_affiliate_rolled_up(seed_docs: list[Document]) -> None:
    cluster = _by_proposition(claim_clusters(seed_docs))[TALIBAN_AQ]
    assert any("al-Qaeda in the Indian Subcontinent" in c.via for c in cluster.supporting)


def test_seeds_troop_numbers_changed(seed_docs: list[Document]) -> None:
    (cluster,) = [c for c in claim_clusters(seed_docs, status="changed") if c.predicate == "troops"]
    assert [v for _, v, _ in cluster.series][:2] == [13000, 8600]


def test_seeds_citations_quote_their_spans(seed_docs: list[Document]) -> None:
    _assert_citations_hold(claim_clusters(seed_docs, include_unsettled=True), seed_docs)


def test_samples_un_monitors_vs_taliban_denial_disputed(sample_docs: list[Document]) -> None:
    cluster = _by_proposition(claim_clusters(sample_docs))[TALIBAN_AQ]
    assert cluster.status == "disputed"
    outlets_for = {c.outlet for c in cluster.supporting if "monitors" in c.source or "report" in c.source}
    assert {"The Kabul Ledger", "Pamir Review"} <= outlets_for
    deniers = {(c.source, c.outlet) for c in cluster.disputing}
    assert ("Suhail Shaheen", "The Kabul Ledger") in deniers
    assert any(source == "Taliban" and outlet == "Pamir Review" for source, outlet in deniers)


def test_samples_us_troops_changed_13000_8600_2500(sample_docs: list[Document]) -> None:
    (cluster,) = [c for c in claim_clusters(sample_docs, status="changed")
                  if c.predicate == "troops" and c.object == "Afghanistan"]
    values = [v for _, v, _ in cluster.series]
    steps = [values.index(v) for v in (13000, 8600, 2500)]
    assert steps == sorted(steps)
    dates = dict((v, d) for d, v, _ in cluster.series)
    assert dates[13000] < dates[8600] < dates[2500]
    assert dates[8600].startswith("2020") and dates[2500].startswith("2021")
    assert "13,000" in cluster.proposition and "8,600" in cluster.proposition and "2,500" in cluster.proposition


def test_samples_troops_same_date_conflict_kept(sample_docs: list[Document]) -> None:
    (cluster,) = [c for c in claim_clusters(sample_docs, status="changed") if c.predicate == "troops"]
    conflicts = cluster.to_json()["conflicts"]
    assert any({a["value"], b["value"]} == {2500.0, 3500.0} and a["date"] == b["date"] for a, b in conflicts)


def test_samples_agreed_claim_has_independent_sources(sample_docs: list[Document]) -> None:
    agreed = claim_clusters(sample_docs, status="agreed")
    assert agreed
    for cluster in agreed:
        assert len({c.source_key for c in cluster.supporting}) >= 2
        assert not cluster.disputing
    doha = _by_proposition(agreed)["Taliban reached an agreement with US (2020-02)"]
    assert {"Frontier Wire", "Global Affairs Daily", "Pamir Review"} <= {c.outlet for c in doha.supporting}


def test_samples_citations_quote_their_spans(sample_docs: list[Document]) -> None:
    _assert_citations_hold(claim_clusters(sample_docs, include_unsettled=True), sample_docs)
