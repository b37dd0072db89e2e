"""An order-keeping, bounded parallel map over a stream, for the CPU-heavy stages.

``multiprocessing.Pool.imap`` reads its whole input ahead (memory grows with the corpus);
this keeps at most ``window`` chunks in flight, so memory stays flat however large the
input, and results come back in input order so ingest stays deterministic. A worker that
dies (killed by the OOM killer, a segfault in a native library) costs a new pool and a
retry of the chunks in flight, not the run.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

__all__ = ["WorkerLost", "chunked", "default_workers", "ordered_map"]

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

RESTARTS = 3  # pools replaced after a worker died before giving up on the run


class WorkerLost(RuntimeError):
    """Worker processes kept dying on the same work; the run stops rather than loop."""


def default_workers() -> int:
    """Worker processes to use when the user did not say: the CPUs we may run on, at most 4."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 4))


def chunked(items: Iterable[T], size: int, *, weight: Callable[[T], int] | None = None,
            max_weight: int = 0) -> Iterator[list[T]]:
    """Lists of up to ``size`` consecutive items, and (with ``weight``) of at most ``max_weight``
    in all, unless one item alone weighs more: big items travel in small batches."""
    chunk: list[T] = []
    total = 0
    for item in items:
        load = weight(item) if weight is not None else 0
        if chunk and weight is not None and total + load > max_weight:
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += load
        if len(chunk) >= size:
            yield chunk
            chunk, total = [], 0
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
    restarts = 0
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    source = iter(items)
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < limit:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                pending.append((item, _submit(pool, func, item)))
            if not pending:
                return
            done, future = pending[0]
            try:
                result = future.result()
            except BrokenProcessPool:
                restarts += 1
                if restarts > RESTARTS:
                    raise WorkerLost(f"worker processes died {restarts} times; last on work item {done!r:.200}. "
                                     "Check memory (dmesg for the OOM killer) or run with --workers 1.") from None
                log.warning("a worker process died; restarting the pool and retrying %d chunks", len(pending))
                pool.shutdown(wait=False, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
                pending = deque((item, _submit(pool, func, item)) for item, _ in pending)
                continue
            pending.popleft()
            yield done, result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _submit(pool: ProcessPoolExecutor, func: Callable[[T], R], item: T) -> Future[R]:
    """``pool.submit``, except that a pool broken meanwhile gives a failed future, handled in order."""
    try:
        return pool.submit(func, item)
    except BrokenProcessPool as exc:
        failed: Future[R] = Future()
        failed.set_exception(exc)
        return failed
