"""An order-keeping, bounded parallel map over a stream, for the CPU-heavy stages.

``multiprocessing.Pool.imap`` reads its whole input ahead (memory grows with the corpus);
this keeps at most ``window`` chunks in flight, so memory stays flat however large the
input, and results come back in input order so ingest stays deterministic.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

__all__ = ["chunked", "default_workers", "ordered_map"]

T = TypeVar("T")
R = TypeVar("R")


def default_workers() -> int:
    """Worker processes to use when the user did not say: the CPUs we may run on, at most 4."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def chunked(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of up to ``size`` consecutive items."""
    chunk: list[T] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def ordered_map(func: Callable[[T], R], items: Iterable[T], *, workers: int,
                window: int | None = None) -> Iterator[tuple[T, R]]:
    """``(item, func(item))`` in input order, computed in ``workers`` forked processes.

    With ``workers <= 1`` everything runs in this process. Forking shares whatever the
    parent already loaded (the spaCy model) copy-on-write, so workers start at once.
    """
    if workers <= 1:
        for item in items:
            yield item, func(item)
        return
    context = multiprocessing.get_context("fork")
    limit = window or workers * 2
    pending: deque[tuple[T, Future[R]]] = deque()
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for item in items:
            pending.append((item, pool.submit(func, item)))
            if len(pending) >= limit:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
