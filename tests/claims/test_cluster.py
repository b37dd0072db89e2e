"""Clustering and status on hand-built claims and documents: agreed, disputed, changed, or none."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.claims import Claim, ClaimCluster, claim_clusters, cluster_claims
from dossier.records import Span

from .conftest import make_doc

CONTRACT = {"id", "proposition", "status", "supporting", "disputing"}
EVIDENCE = {"doc", "source", "text", "start", "end"}


def claim(source: str, *, polarity: bool = True, modality: str = "certain", doc: str = "d1", outlet: str = "Wire",
          kind: str = "person", predicate: str = "ties", value: float | None = None, date: str | None = "2020-06-01",
          pair: tuple[str, str] = ("ent_taliban", "ent_aq")) -> Claim:
    names = {"ent_taliban": "Taliban", "ent_aq": "al-Qaeda", "ent_us": "United States", "ent_af": "Afghanistan"}
    return Claim(predicate, pair[0], names[pair[0]], pair[1], names[pair[1]], polarity, modality, source,
                 f"id:{source}" if kind != "outlet" else None, kind, doc, outlet, date, Span(doc, 0, 4, 0, "test"),
                 "test", text="text", value=value, published=date)


def troops(source: str, value: float, date: str, **kwargs: Any) -> Claim:
    return claim(source, predicate="troops", value=value, date=date, pair=("ent_us", "ent_af"), **kwargs)


def status(claims: list[Claim]) -> str | None:
    (cluster,) = cluster_claims(claims)
    return cluster.status


@pytest.mark.parametrize(("claims", "expected"), [
    # a denial, a negation, an antonym: both sides → disputed
    ([claim("UN"), claim("Shaheen", modality="denied")], "disputed"),
    ([claim("UN"), claim("Pompeo", polarity=False)], "disputed"),
    ([claim("UN", doc="d1"), claim("Taliban", polarity=False, doc="d2")], "disputed"),
    # several independent sources → agreed; the same speaker twice is one source
    ([claim("UN", doc="d1"), claim("Pentagon", doc="d2")], "agreed"),
    ([claim("UN", doc="d1"), claim("UN", doc="d2")], None),
    ([claim("Wire", kind="outlet", outlet="Wire", doc="d1"), claim("Wire", kind="outlet", outlet="Wire", doc="d2")],
     None),
    ([claim("A", kind="outlet", outlet="A", doc="d1"), claim("B", kind="outlet", outlet="B", doc="d2")], "agreed"),
    # a single side is not a dispute
    ([claim("Shaheen", modality="denied")], None),
    ([claim("Shaheen", modality="denied"), claim("Shaheen", modality="denied", doc="d2")], None),
    # the same source on both sides is no dispute either
    ([claim("UN"), claim("UN", polarity=False, doc="d2")], None),
    # plans say nothing about how things are
    ([claim("UN"), claim("Pompeo", polarity=False, modality="planned")], None),
    # two sources agreeing on the negation: agreed, read as the negated proposition
    ([claim("A", polarity=False), claim("B", polarity=False)], "agreed"),
])
def test_cluster_claims_status(claims: list[Claim], expected: str | None) -> None:
    assert status(claims) == expected


@pytest.mark.parametrize(("claims", "expected"), [
    ([troops("A", 13000, "2020-02-29"), troops("B", 8600, "2020-07-14"), troops("C", 2500, "2021-01-15")], "changed"),
    ([troops("A", 13000, "2020-02-29"), troops("A", 8600, "2020-07-14")], "changed"),
    ([troops("A", 2500, "2021-04-15"), troops("B", 3500, "2021-04-15")], "disputed"),
    ([troops("A", 2500, "2021-04-15"), troops("B", 2500, "2021-04-20")], "agreed"),
    ([troops("A", 8600, "2020-07-14"), troops("B", 8500, "2020-05-25")], "agreed"),
    ([troops("A", 13000, "2020-02-29"), troops("B", 8600, "2020-07-14", modality="planned")], None),
])
def test_cluster_claims_quantity_status(claims: list[Claim], expected: str | None) -> None:
    assert status(claims) == expected


def test_cluster_claims_changed_series_and_proposition() -> None:
    (cluster,) = cluster_claims([troops("C", 2500, "2021-01-15"), troops("A", 13000, "2020-02-29"),
                                 troops("B", 8600, "2020-07-14"), troops("D", 8500, "2020-07-20")])
    assert [v for _, v, _ in cluster.series] == [13000, 8600, 2500]
    assert cluster.proposition == ("United States troops in Afghanistan: "
                                   "13,000 (2020-02) → 8,600 (2020-07) → 2,500 (2021-01)")
    data = cluster.to_json()
    assert [s["value"] for s in data["series"]] == [13000, 8600, 2500]
    assert [v["date"] for v in data["values"]] == sorted(v["date"] for v in data["values"])


def test_cluster_claims_symmetric_pair_is_one_proposition() -> None:
    reverse = claim("Pentagon", pair=("ent_aq", "ent_taliban"))
    (cluster,) = cluster_claims([claim("UN"), reverse], prominence={"ent_taliban": 10, "ent_aq": 5})
    assert cluster.proposition == "Taliban maintains ties with al-Qaeda"


def test_cluster_to_json_has_the_contract_fields() -> None:
    (cluster,) = cluster_claims([claim("UN"), claim("Shaheen", modality="denied")])
    data = cluster.to_json()
    assert CONTRACT <= set(data)
    assert data["status"] == "disputed"
    for side in ("supporting", "disputing"):
        assert data[side] and all(EVIDENCE <= set(item) for item in data[side])


@pytest.mark.parametrize(("texts", "expected"), [
    # "remain close" (UN) vs "broke ties" (Pompeo), two documents
    ({"d1": ("The Taliban remain close to al-Qaeda, the United Nations said.",
             [("The Taliban remain close to al-Qaeda", "United Nations")]),
      "d2": ("Mike Pompeo said the Taliban broke ties with al-Qaeda.",
             [("the Taliban broke ties with al-Qaeda", "Mike Pompeo")])}, "disputed"),
    # a speaker denying it
    ({"d1": ("The Taliban remain close to al-Qaeda, the United Nations said.",
             [("The Taliban remain close to al-Qaeda", "United Nations")]),
      "d2": ("Suhail Shaheen denied the Taliban had ties with al-Qaeda.",
             [("the Taliban had ties with al-Qaeda", "Suhail Shaheen")])}, "disputed"),
    # the same speaker twice, in two documents: not several sources
    ({"d1": ("The Taliban remain close to al-Qaeda, the United Nations said.",
             [("The Taliban remain close to al-Qaeda", "United Nations")]),
      "d2": ("The Taliban maintain ties with al-Qaeda, the United Nations said.",
             [("The Taliban maintain ties with al-Qaeda", "United Nations")])}, None),
    # two speakers
    ({"d1": ("The Taliban remain close to al-Qaeda, the United Nations said.",
             [("The Taliban remain close to al-Qaeda", "United Nations")]),
      "d2": ("Mike Pompeo said the Taliban maintain ties with al-Qaeda.",
             [("the Taliban maintain ties with al-Qaeda", "Mike Pompeo")])}, "agreed"),
])
def test_claim_clusters_on_documents(texts: dict[str, Any], expected: str | None) -> None:
    cue = {"d2": "deny"} if "denied" in texts["d2"][0] else {}
    docs = [make_doc(text, doc_id=doc_id, quotes=quotes, cue=cue.get(doc_id, "said"))
            for doc_id, (text, quotes) in texts.items()]
    clusters = [c for c in claim_clusters(docs, include_unsettled=True) if c.predicate == "ties"]
    assert [c.status for c in clusters] == [expected]


def test_claim_clusters_troops_over_dates_changed() -> None:
    docs = [make_doc("The US had about 13,000 troops in Afghanistan.", doc_id="d1", published="2020-03-02"),
            make_doc("The US has 8,600 troops in Afghanistan.", doc_id="d2", published="2020-07-15", outlet="B"),
            make_doc("About 2,500 US troops remain in Afghanistan.", doc_id="d3", published="2021-04-15")]
    (cluster,) = claim_clusters(docs, status="changed")
    assert [v for _, v, _ in cluster.series] == [13000, 8600, 2500]


def test_claim_clusters_status_filter() -> None:
    docs = [make_doc("The US had about 13,000 troops in Afghanistan.", doc_id="d1", published="2020-03-02"),
            make_doc("The US has 8,600 troops in Afghanistan.", doc_id="d2", published="2020-07-15")]
    assert claim_clusters(docs, status="agreed") == []
    assert all(isinstance(c, ClaimCluster) for c in claim_clusters(docs))
