"""Status rules for figures and states over time, on hand-built claims."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dossier.claims import Claim, cluster_claims
from dossier.records import Span


def figure(outlet: str, value: float, published: str, *, bound: str = "exact", value_max: float | None = None,
           text: str | None = None, modality: str = "certain", predicate: str = "killed") -> Claim:
    doc = f"{outlet}-{published}"
    return Claim(predicate, "incident:attack", "strike in Lakeside", "victims::people", "people", True, modality,
                 outlet, None, "outlet", doc, outlet, published, Span(doc, 0, 10, 0, "test"), "outlet",
                 text=text or f"{value} people were killed, {outlet} said", value=value, value_max=value_max,
                 published=published, bound=bound, places=("lakeside",))


def state(outlet: str, published: str, *, polarity: bool = True, modality: str = "certain",
          predicate: str = "guilty") -> Claim:
    doc = f"{outlet}-{published}"
    return Claim(predicate, "ent_x", "Jo Doe", None, None, polarity, modality, outlet, None, "outlet", doc, outlet,
                 published, Span(doc, 0, 10, 0, "test"), "outlet", text=f"{outlet} on {published}",
                 published=published)


def only(claims: list[Claim]) -> tuple[str | None, str]:
    (cluster,) = cluster_claims(claims)
    return cluster.status, cluster.proposition


@pytest.mark.parametrize(("claims", "expected"), [
    # a toll that rises over days: changed
    ([figure("A", 3, "2024-05-01"), figure("B", 9, "2024-05-02"), figure("C", 12, "2024-05-03")], "changed"),
    # different exact figures the same day from different outlets: disputed
    ([figure("A", 22, "2024-05-01"), figure("B", 35, "2024-05-01")], "disputed"),
    # "at least 22" and 35 the same day can both hold: the toll rose
    ([figure("A", 22, "2024-05-01", bound="lower"), figure("B", 35, "2024-05-01")], "changed"),
    # a later report that lowers an exact figure: disputed
    ([figure("A", 35, "2024-05-01"), figure("B", 22, "2024-05-02")], "disputed"),
    # a range that excludes an exact figure: disputed
    ([figure("A", 471, "2024-05-01"), figure("B", 100, "2024-05-01", value_max=300)], "disputed"),
    # one figure, two outlets: agreed
    ([figure("A", 10, "2024-05-01"), figure("B", 10, "2024-05-02")], "agreed"),
    # one wire sentence printed by two outlets is one source
    ([figure("A", 10, "2024-05-01", text="Ten died."), figure("B", 10, "2024-05-01", text="Ten died.")], None),
    # a single report settles nothing
    ([figure("A", 10, "2024-05-01")], None),
    # undated reports with different figures: no one can say which came first, or whether they clash
    ([replace(figure("A", 5, "2024-05-01"), published=None, date=None),
      replace(figure("B", 130, "2024-05-01"), published=None, date=None)], None),
    # an undated report beside a dated one of another figure: only the dated one speaks
    ([figure("A", 10, "2024-05-01"), figure("B", 10, "2024-05-02"),
      replace(figure("C", 60, "2024-05-01"), published=None, date=None)], "agreed"),
])
def test_figure_status(claims: list[Claim], expected: str | None) -> None:
    assert only(claims)[0] == expected


def test_changed_proposition_carries_the_series() -> None:
    status, proposition = only([figure("A", 3, "2024-05-01"), figure("B", 9, "2024-05-02"),
                                figure("C", 12, "2024-05-03")])
    assert status == "changed"
    assert proposition.endswith("3 (2024-05-01) → 9 (2024-05-02) → 12 (2024-05-03)")


def test_reports_weeks_apart_are_two_incidents() -> None:
    clusters = cluster_claims([figure("A", 3, "2024-05-01"), figure("B", 3, "2024-05-02"),
                               figure("C", 40, "2024-07-01"), figure("D", 40, "2024-07-02")])
    assert sorted((c.status, c.supporting[0].value) for c in clusters) == [("agreed", 3.0), ("agreed", 40.0)]


def test_reports_with_no_place_in_common_are_two_incidents() -> None:
    other = [replace(c, places=("hillview",)) for c in (figure("C", 40, "2024-05-01"), figure("D", 40, "2024-05-01"))]
    clusters = cluster_claims([figure("A", 3, "2024-05-01"), figure("B", 3, "2024-05-02"), *other])
    assert len(clusters) == 2


@pytest.mark.parametrize(("claims", "expected"), [
    # pleaded not guilty, then found guilty: the state changed
    ([state("A", "2024-01-03", polarity=False), state("B", "2024-09-26")], "changed"),
    # killed vs "could not be confirmed", the same day: disputed
    ([state("A", "2024-01-03", predicate="status-dead"),
      state("B", "2024-01-03", predicate="status-dead", modality="unconfirmed")], "disputed"),
    # two outlets report the arrest: agreed
    ([state("A", "2024-01-03", predicate="arrested"), state("B", "2024-01-04", predicate="arrested")], "agreed"),
])
def test_state_status(claims: list[Claim], expected: str) -> None:
    assert only(claims)[0] == expected


def test_reports_naming_different_days_are_different_incidents() -> None:
    """Two strikes in one city three days apart, each report naming its day: two incidents, no change."""
    first = [replace(figure(o, 12, "2024-05-06"), date="2024-05-03") for o in ("A", "B")]
    second = [replace(figure(o, 30, "2024-05-06"), date="2024-05-06") for o in ("C", "D")]
    second = [replace(c, date="2024-05-06", published="2024-05-07") for c in second]
    clusters = cluster_claims([*first, *second])
    assert sorted((c.status, c.supporting[0].value) for c in clusters) == [("agreed", 12.0), ("agreed", 30.0)]


def test_a_daily_toll_weeks_later_is_not_a_change() -> None:
    clusters = cluster_claims([figure("A", 12, "2024-05-01"), figure("B", 12, "2024-05-02"),
                               figure("C", 30, "2024-05-12"), figure("D", 30, "2024-05-13")])
    assert {c.status for c in clusters} == {"agreed"} and len(clusters) == 2


def test_a_lightly_rewritten_wire_sentence_is_one_source() -> None:
    wire = "At least 12 people were killed when a car bomb exploded near the market, police said on Monday."
    rewrite = "At least 12 people were killed when a car bomb exploded near the busy market, police said Monday."
    own = "Twelve people died in the market bombing, according to hospital staff we spoke to."
    copies = [figure("A", 12, "2024-05-01", text=wire), figure("B", 12, "2024-05-01", text=rewrite)]
    assert only(copies)[0] is None
    assert only([*copies, figure("C", 12, "2024-05-01", text=own)])[0] == "agreed"
