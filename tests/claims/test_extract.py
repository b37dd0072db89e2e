"""Claims read from hand-built documents: polarity, modality, source, parties, spans."""

from __future__ import annotations

import pytest

from dossier.claims import extract_claims
from dossier.claims.text import split_sentences

from .conftest import make_doc


def _ties(text: str, **kwargs: object) -> list:
    return [c for c in extract_claims(make_doc(text, **kwargs)) if c.predicate == "ties"]


@pytest.mark.parametrize(("text", "polarity", "modality"), [
    ("The Taliban remain close to al-Qaeda.", True, "certain"),
    ("The Taliban and al-Qaeda remain closely aligned.", True, "certain"),
    ("The Taliban maintains ties with al-Qaeda.", True, "certain"),
    ("The Taliban broke ties with al-Qaeda last year.", False, "certain"),
    ("The Taliban have now made the break with al-Qaeda.", False, "certain"),
    ("The Taliban show no sign of breaking their ties with al-Qaeda.", True, "certain"),
    ("The Taliban will break ties with al-Qaeda.", False, "planned"),
    ("The Taliban probably maintain ties with al-Qaeda.", True, "likely"),
    ("The Taliban denied that they had ties with al-Qaeda.", True, "denied"),
    ("The Taliban failed to keep the promise that they would break ties with al-Qaeda.", True, "certain"),
])
def test_extract_claims_polarity_and_modality(text: str, polarity: bool, modality: str) -> None:
    (claim,) = _ties(text)
    assert {claim.subject, claim.object} == {"Taliban", "al-Qaeda"}
    assert (claim.polarity, claim.modality) == (polarity, modality)


def test_extract_claims_stance_combines_polarity_and_denial() -> None:
    (claim,) = _ties("The Taliban denied that they had ties with al-Qaeda.")
    assert claim.stance is False


@pytest.mark.parametrize(("text", "quotes", "source", "kind"), [
    ("The Taliban remain close to al-Qaeda, the article says.", (), "Test Wire", "outlet"),
    ("Mike Pompeo said the Taliban remain close to al-Qaeda.",
     [("the Taliban remain close to al-Qaeda", "Mike Pompeo")], "Mike Pompeo", "person"),
    ("The UN report found that the Taliban remain close to al-Qaeda.", (), "a report", "report"),
])
def test_extract_claims_source(text: str, quotes: list, source: str, kind: str) -> None:
    (claim,) = _ties(text, quotes=quotes)
    assert (claim.source, claim.source_kind) == (source, kind)


def test_extract_claims_span_is_the_sentence() -> None:
    doc = make_doc("Kabul is calm. The Taliban remain close to al-Qaeda. Nothing else.")
    for claim in extract_claims(doc):
        assert doc.text[claim.span.start:claim.span.end] == claim.text
    (claim,) = extract_claims(doc)
    assert claim.text == "The Taliban remain close to al-Qaeda."


def test_extract_claims_two_groups_are_the_organisations_named_before() -> None:
    (claim,) = _ties("The report covers the Taliban and al-Qaeda. The two groups remain close.")
    assert {claim.subject, claim.object} == {"Taliban", "al-Qaeda"}


def test_extract_claims_affiliate_rolls_up_to_its_parent() -> None:
    (claim,) = _ties("AQIS maintains close ties to the Taliban. al-Qaeda is named here too.")
    assert {claim.subject_id, claim.object_id} == {"ent_taliban", "ent_aq"}
    assert claim.via == ("AQIS",)


def test_extract_claims_report_denial_disputes_the_report_about_the_deniers_side() -> None:
    text = ("The United Nations said the Taliban remain close to al-Qaeda. "
            "Suhail Shaheen called the report baseless.")
    claims = _ties(text, quotes=[("the Taliban remain close to al-Qaeda", "United Nations")])
    denial = [c for c in claims if c.basis == "report-denial"]
    assert [(c.source, c.stance) for c in denial] == [("Suhail Shaheen", False)]


@pytest.mark.parametrize(("text", "values"), [
    ("The US had about 13,000 troops in Afghanistan.", [(13000.0, None, "certain")]),
    ("The US will reduce its force in Afghanistan from roughly 13,000 troops to 8,600 within 135 days.",
     [(13000.0, None, "certain"), (8600.0, None, "planned")]),
    ("Officials said the roughly 2,500 to 3,500 US troops in Afghanistan could leave.",
     [(2500.0, 3500.0, "certain")]),
    ("Two US soldiers were killed in Afghanistan, and 300 troops were wounded.", []),
])
def test_extract_claims_troop_figures(text: str, values: list) -> None:
    claims = [c for c in extract_claims(make_doc(text)) if c.predicate == "troops"]
    assert [(c.value, c.value_max, c.modality) for c in claims] == values
    assert all((c.subject, c.object) == ("United States", "Afghanistan") or c.subject == "US" for c in claims)


@pytest.mark.parametrize(("text", "count"), [
    ("The U.S. envoy spoke. Then he left.", 2),
    ("Gen. McKenzie said so. The end.", 2),
    ("One line\nAnother line", 2),
])
def test_split_sentences_respects_abbreviations(text: str, count: int) -> None:
    assert len(split_sentences(text)) == count
