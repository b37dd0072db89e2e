"""Filtering and paging claim clusters (dossier.claims.select) on hand-built clusters."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.claims import ClaimCluster, cluster_claims
from dossier.claims.select import Page, cluster_dates, date_bounds, select_clusters, sort_key

from .test_cluster import claim, troops


def clusters() -> list[ClaimCluster]:
    """Three clusters: ties disputed (2020-06), troops changed (2020-02…2021-01), ties-agreed pair US/Taliban."""
    made = cluster_claims([
        claim("UN", doc="d1", date="2020-06-01"),
        claim("Shaheen", modality="denied", doc="d2", date="2020-06-03"),
        troops("A", 13000, "2020-02-29", doc="d3"), troops("B", 8600, "2020-07", doc="d4"),
        troops("C", 2500, "2021-01-15", doc="d5"),
        claim("Pompeo", doc="d6", date="2019", pair=("ent_us", "ent_taliban"), predicate="talks"),
        claim("Khalilzad", doc="d7", date="2019-09-07", pair=("ent_us", "ent_taliban"), predicate="talks"),
    ])
    return [c for c in made if c.status]


def props(chosen: list[ClaimCluster]) -> list[str]:
    return [c.predicate for c in chosen]


def test_select_clusters_without_filters_keeps_all_in_stable_order() -> None:
    made = clusters()
    assert props(select_clusters(made)) == ["ties", "troops", "talks"]
    assert select_clusters(list(reversed(made))) == select_clusters(made)


@pytest.mark.parametrize(("filters", "expected"), [
    ({"status": "disputed"}, ["ties"]),
    ({"status": "changed"}, ["troops"]),
    ({"status": "agreed"}, ["talks"]),
    ({"predicate": "troops"}, ["troops"]),
    ({"predicate": "killed"}, []),
    # entity: an id, a name (any case), several keys; subject or object
    ({"entity": "ent_af"}, ["troops"]),
    ({"entity": "afghanistan"}, ["troops"]),
    ({"entity": "Taliban"}, ["ties", "talks"]),
    ({"entity": ["nobody", "ent_aq"]}, ["ties"]),
    ({"entity": "  "}, ["ties", "troops", "talks"]),
    # dates: a claim's period need only overlap the window
    ({"start": "2020-06", "end": "2020-06"}, ["ties"]),
    ({"start": "2021"}, ["troops"]),
    ({"end": "2019-12-31"}, ["talks"]),
    ({"start": "2019-09-07", "end": "2019-09-07"}, ["talks"]),  # "2019" covers that day
    ({"start": "2022"}, []),
    # free text: every word, in the proposition, the parties or a claim's text, source, outlet
    ({"text": "shaheen"}, ["ties"]),
    ({"text": "united states afghanistan"}, ["troops"]),
    ({"text": "united states nowhere"}, []),
    # event: words in a party's name or id (an incident, or a party named in part)
    ({"event": "afghan"}, ["troops"]),
    ({"event": "ent_aq"}, ["ties"]),
    ({"event": "united afghanistan"}, ["troops"]),  # words may fall on either party
    ({"event": "afghan taliban"}, []),
    # filters combine with AND
    ({"entity": "Taliban", "status": "agreed"}, ["talks"]),
    ({"entity": "Taliban", "start": "2020"}, ["ties"]),
])
def test_select_clusters_filters(filters: dict[str, Any], expected: list[str]) -> None:
    assert props(select_clusters(clusters(), **filters)) == expected


@pytest.mark.parametrize("bad", [{"start": "last week"}, {"end": "2021-13"}])
def test_select_clusters_bad_date_is_value_error(bad: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="not a date"):
        select_clusters(clusters(), **bad)


def test_select_clusters_undated_cluster_fails_a_date_filter() -> None:
    undated = cluster_claims([claim("UN", doc="d1", date=None), claim("Pentagon", doc="d2", date=None)])
    assert [c.status for c in undated] == ["agreed"]
    assert select_clusters(undated, start="2000") == []
    assert select_clusters(undated) == undated


def test_sort_key_orders_status_then_sources() -> None:
    made = clusters()
    assert sorted(made, key=sort_key)[0].status == "disputed"


@pytest.mark.parametrize(("value", "expected"), [
    ("2021-02", ("2021-02-01", "2021-02-28")), ("2020", ("2020-01-01", "2020-12-31")),
    ("2021-08-26", ("2021-08-26", "2021-08-26")), ("1990-01-01/1993-12-31", ("1990-01-01", "1993-12-31")),
    ("", None), (None, None), ("soon", None), ("2021-02-30", None),
])
def test_date_bounds(value: str | None, expected: tuple[str, str] | None) -> None:
    got = date_bounds(value)
    assert (None if got is None else (got[0].isoformat(), got[1].isoformat())) == expected


def test_cluster_dates_skips_undated_claims() -> None:
    (cluster,) = cluster_claims([claim("UN", date=None), claim("Pentagon", doc="d2", date="2020-06")])
    assert [(a.isoformat(), b.isoformat()) for a, b in cluster_dates(cluster)] == [("2020-06-01", "2020-06-30")]


@pytest.mark.parametrize(("total", "number", "size", "items", "pages", "shown"), [
    (45, 1, 20, list(range(20)), 3, (1, 20)),
    (45, 3, 20, [40, 41, 42, 43, 44], 3, (41, 45)),
    (45, 9, 20, [40, 41, 42, 43, 44], 3, (41, 45)),  # past the end: the last page
    (45, 0, 20, list(range(20)), 3, (1, 20)),  # before the start: the first page
    (0, 1, 20, [], 1, (0, 0)),
    (5, 1, 0, [0], 5, (1, 1)),  # size clamped to at least 1
    (500, 1, 10_000, list(range(200)), 3, (1, 200)),  # and at most MAX_PAGE_SIZE
])
def test_page_of(total: int, number: int, size: int, items: list[int], pages: int, shown: tuple[int, int]) -> None:
    page = Page.of(list(range(total)), number=number, size=size)
    assert list(page.items) == items
    assert page.pages == pages
    assert (page.first, page.last) == shown


def test_page_previous_next() -> None:
    assert (Page.of(list(range(45)), number=1).previous, Page.of(list(range(45)), number=1).next) == (None, 2)
    assert (Page.of(list(range(45)), number=3).previous, Page.of(list(range(45)), number=3).next) == (2, None)


@pytest.mark.parametrize(("number", "pages", "expected"), [
    (1, 1, [1]),
    (1, 3, [1, 2, 3]),
    (6, 20, [1, None, 4, 5, 6, 7, 8, None, 20]),
    (1, 20, [1, 2, 3, None, 20]),
    (20, 20, [1, None, 18, 19, 20]),
    (4, 20, [1, 2, 3, 4, 5, 6, None, 20]),
])
def test_page_links(number: int, pages: int, expected: list[int | None]) -> None:
    assert Page.of(list(range(pages * 10)), number=number, size=10).links() == expected
