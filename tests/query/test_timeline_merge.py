"""Pair generation of the timeline merge: the date sweep skips only pairs that can never be compatible."""

from __future__ import annotations

import random
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest

from dossier.query.timeline_merge import _dated_neighbours


def _cluster(rng: random.Random) -> list[Any]:
    reports = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        if rng.random() < 0.15:
            reports.append(SimpleNamespace(interval=None))
            continue
        start = date(2020, 1, 1) + timedelta(days=rng.randrange(400))
        reports.append(SimpleNamespace(interval=(start, start + timedelta(days=rng.choice((0, 0, 6, 30, 365))))))
    return reports


def _disjoint(a: list[Any], b: list[Any]) -> bool:
    ia, ib = [r.interval for r in a if r.interval], [r.interval for r in b if r.interval]
    if not ia or not ib:
        return False
    return max(hi for _, hi in ia) < min(lo for lo, _ in ib) or max(hi for _, hi in ib) < min(lo for lo, _ in ia)


@pytest.mark.parametrize("seed", range(20))
def test_dated_neighbours_is_every_pair_whose_dates_may_overlap(seed: int) -> None:
    rng = random.Random(seed)
    block = [_cluster(rng) for _ in range(rng.randrange(0, 40))]
    expected = {(i, j) for i in range(len(block)) for j in range(i + 1, len(block)) if not _disjoint(block[i], block[j])}
    pairs = list(_dated_neighbours(block))
    assert len(pairs) == len(set(pairs))
    assert set(pairs) == expected
