"""Which claim clusters to show, and one page of them: pure filters shared by the web page and the CLI.

Nothing here reads a store; it narrows clusters already made (``service.claims``) and cuts a
page out of any list. Every filter is optional and they combine with AND::

    shown = select_clusters(service.claims(store), status="changed", entity="ent_cdc840de1482", start="2020")
    page = Page.of(shown, number=2, size=20)  # page.items, page.pages, page.links()
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from dossier.claims.cluster import ClaimCluster
from dossier.extract.timex_calendar import days_of

__all__ = ["DEFAULT_PAGE_SIZE", "MAX_PAGE_SIZE", "Page", "cluster_dates", "date_bounds", "select_clusters",
           "sort_key"]

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 200
_STATUS_RANK = {"disputed": 0, "changed": 1, "agreed": 2}
_WORD = re.compile(r"\w[\w'.-]*")

T = TypeVar("T")


def date_bounds(value: str | None) -> tuple[date, date] | None:
    """The first and last day an ISO value covers ("2021", "2021-08", "2021-08-26", "start/end"); None if
    it is empty or not a date.

    >>> date_bounds("2021-02")
    (datetime.date(2021, 2, 1), datetime.date(2021, 2, 28))
    """
    return days_of(value.strip()) if value and value.strip() else None


def cluster_dates(cluster: ClaimCluster) -> list[tuple[date, date]]:
    """The days each dated claim of ``cluster`` covers (undated or unparsable dates left out)."""
    return [bounds for claim in cluster.claims if (bounds := date_bounds(claim.date)) is not None]


def sort_key(cluster: ClaimCluster) -> tuple[int, int, str, str]:
    """A stable order: disputed, changed, agreed, unsettled; then most sources, proposition, id."""
    sources = len({c.source_key for c in (*cluster.supporting, *cluster.disputing)})
    return (_STATUS_RANK.get(cluster.status or "", 3), -sources, cluster.proposition.casefold(), cluster.id)


def _entity_keys(entity: str | Collection[str] | None) -> frozenset[str]:
    if entity is None:
        return frozenset()
    values = [entity] if isinstance(entity, str) else list(entity)
    return frozenset(v.strip().casefold() for v in values if v and v.strip())


def _names_entity(cluster: ClaimCluster, keys: frozenset[str]) -> bool:
    """Whether the subject or object of ``cluster`` is one of ``keys`` (ids or names, compared casefolded)."""
    parties = (cluster.subject_id, cluster.subject, cluster.object_id, cluster.object)
    return any(p is not None and p.casefold() in keys for p in parties)


def _in_window(cluster: ClaimCluster, lo: date | None, hi: date | None) -> bool:
    """Whether some claim of ``cluster`` is dated within [lo, hi] (a claim's period need only overlap it)."""
    return any((lo is None or last >= lo) and (hi is None or first <= hi) for first, last in cluster_dates(cluster))


def _party_text(cluster: ClaimCluster) -> str:
    return "\n".join(p for p in (cluster.subject, cluster.subject_id, cluster.object or "", cluster.object_id or "")
                     if p).casefold()


def _haystack(cluster: ClaimCluster) -> str:
    parts = [cluster.proposition, cluster.predicate, cluster.subject, cluster.object or ""]
    for claim in cluster.claims:
        parts.extend((claim.text, claim.source, claim.outlet or ""))
    return "\n".join(parts).casefold()


def select_clusters(clusters: Iterable[ClaimCluster], *, status: str | None = None,
                    entity: str | Collection[str] | None = None, predicate: str | None = None,
                    start: str | None = None, end: str | None = None, text: str | None = None,
                    event: str | None = None) -> list[ClaimCluster]:
    """The clusters that pass every given filter, in :func:`sort_key` order.

    Args:
        clusters: clusters from ``service.claims`` (any order).
        status: "agreed", "disputed" or "changed" (None for every status).
        entity: an entity id or name, or several (e.g. a name and the id it resolves to); a cluster
            passes when its subject or object is one of them (case-insensitive).
        predicate: the predicate family, e.g. "troops" or "ties".
        start, end: "YYYY[-MM[-DD]]"; a cluster passes when one of its claims is dated within
            [first day of ``start``, last day of ``end``]; undated clusters fail a date filter.
        text: words that must all occur (case-insensitive) in the proposition, the parties, or a
            claim's quoted text, source or outlet.
        event: words that must all occur in the name or id of the subject or object: an incident
            such as "bombing in Kabul" (or its kind, "attack"), or a party named in part.

    Raises:
        ValueError: ``start`` or ``end`` is not a date (the caller words the message for its face).
    """
    lo = hi = None
    if start and start.strip():
        bounds = date_bounds(start)
        if bounds is None:
            raise ValueError(f"start {start!r} is not a date")
        lo = bounds[0]
    if end and end.strip():
        bounds = date_bounds(end)
        if bounds is None:
            raise ValueError(f"end {end!r} is not a date")
        hi = bounds[1]
    keys = _entity_keys(entity)
    words = [w.casefold() for w in _WORD.findall(text or "")]
    event_words = [w.casefold() for w in _WORD.findall(event or "")]
    chosen = []
    for cluster in clusters:
        if status and cluster.status != status:
            continue
        if predicate and cluster.predicate != predicate:
            continue
        if keys and not _names_entity(cluster, keys):
            continue
        if (lo or hi) and not _in_window(cluster, lo, hi):
            continue
        if event_words and not all(w in _party_text(cluster) for w in event_words):
            continue
        if words:
            haystack = _haystack(cluster)
            if not all(w in haystack for w in words):
                continue
        chosen.append(cluster)
    return sorted(chosen, key=sort_key)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of a list: its ``items``, which page it is (1-based), the page size and the total.

    >>> page = Page.of(list(range(45)), number=3, size=20)
    >>> page.items, page.pages, page.first, page.last
    ((40, 41, 42, 43, 44), 3, 41, 45)
    """

    items: tuple[T, ...]
    number: int
    size: int
    total: int

    @classmethod
    def of(cls, items: Sequence[T], *, number: int = 1, size: int = DEFAULT_PAGE_SIZE) -> Page[T]:
        """Page ``number`` of ``items``; size clamped to 1…MAX_PAGE_SIZE, number to the pages there are."""
        size = max(1, min(int(size), MAX_PAGE_SIZE))
        pages = max(1, -(-len(items) // size))
        number = max(1, min(int(number), pages))
        offset = (number - 1) * size
        return cls(tuple(items[offset:offset + size]), number, size, len(items))

    @property
    def pages(self) -> int:
        """How many pages there are (1 for an empty list)."""
        return max(1, -(-self.total // self.size))

    @property
    def first(self) -> int:
        """1-based position of the first item on this page (0 when there is none)."""
        return (self.number - 1) * self.size + 1 if self.items else 0

    @property
    def last(self) -> int:
        """1-based position of the last item on this page (0 when there is none)."""
        return self.first + len(self.items) - 1 if self.items else 0

    @property
    def previous(self) -> int | None:
        """The previous page number, or None on the first page."""
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        """The next page number, or None on the last page."""
        return self.number + 1 if self.number < self.pages else None

    def links(self, *, around: int = 2) -> list[int | None]:
        """Page numbers to link: the first, the last and ``around`` either side of this one; None marks a gap.

        >>> Page.of(list(range(200)), number=6, size=10).links()
        [1, None, 4, 5, 6, 7, 8, None, 20]
        """
        keep = sorted({1, self.pages, *range(max(1, self.number - around), min(self.pages, self.number + around) + 1)})
        out: list[int | None] = []
        for n in keep:
            if out and n - (out[-1] or 0) > 1:
                out.append(None)
            out.append(n)
        return out
