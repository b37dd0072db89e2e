"""Clean + extract on a Ray cluster: one long-lived actor per worker, each loading spaCy once.

Actors rather than tasks because the extractor takes seconds to load: an actor pays that
once and then serves batch after batch. Ray restarts an actor whose process dies and
re-runs the batches it held (``max_restarts``, ``max_task_retries``), so a killed worker
costs time, not documents. At most two batches per actor are in flight, so memory stays
flat however large the input, and results come back in the order the batches went out,
which keeps the store identical to a local ingest.

Ray is optional (``pip install 'dossier[ray]'``); this module imports it only when an
engine is made.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType
from typing import Any

from dossier.engine import Result, Work, load_extractor, process
from dossier.errors import ConfigError, ExtractionError
from dossier.parallel import default_workers

__all__ = ["DossierWorker", "RayEngine"]

_RESTARTS = 3  # times Ray restarts a dead actor (a batch that kills its worker every time fails the run)
_IN_FLIGHT = 2  # batches queued per actor: one running, one ready to start
_CONNECT_TIMEOUT = 5.0  # seconds to wait for a host:port to answer before calling it unreachable
_START_TIMEOUT = 60.0  # seconds for every actor to get a CPU (a busy shared cluster may never give one)


class DossierWorker:
    """One Ray actor process: cleans and extracts batches, loading the extractor on first need.

    Loading lazily keeps a restart cheap and lets one set of actors serve runs with and
    without ``--extract`` (and ``--no-gazetteer``); ``load_extractor`` keeps the model for the
    life of the process.
    """

    def run(self, items: Sequence[Work], extract: bool, gazetteer: bool = True) -> list[Result]:
        return process(items, load_extractor(gazetteer=gazetteer) if extract else None)


def _import_ray() -> ModuleType:
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")  # offline tool: never phone home
    try:
        import ray
    except ImportError:
        raise ConfigError("The ray engine needs Ray: pip install 'dossier[ray]' "
                          "(or run without --engine ray to use this machine's processes).") from None
    return ray


def _check_reachable(address: str) -> None:
    """Fail in seconds, not minutes, when nothing listens at a host:port (Ray would retry ~2 min)."""
    if address == "auto" or "://" in address:
        return
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise ConfigError(f"Ray address {address!r} is not host:port, ray://host:port or auto.")
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=_CONNECT_TIMEOUT).close()
    except OSError as exc:
        raise ConfigError(f"No Ray cluster answers at {address} ({exc.strerror or exc}). Start one there "
                          f"with `ray start --head --port={port}`, or drop --address to start a local one.") from None


def _connect_hint(address: str | None) -> str:
    # Ray turns token auth on by itself only for "auto"; `ray start` clusters use it by default.
    if address is None or address == "auto" or "://" in address:
        return ""  # (for ray:// Ray's own message already names the missing package)
    return (" If the cluster uses token authentication (the default for `ray start`), set "
            "RAY_AUTH_MODE=token and give its token in RAY_AUTH_TOKEN or ~/.ray/auth_token.")


@contextmanager
def _sigint_deferred() -> Iterator[None]:
    """Hold Ctrl-C until the block ends: Ray interrupted mid-start can crash on exit and orphan its agents."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: received.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous if previous is not None else signal.SIG_DFL)
    if received:
        raise KeyboardInterrupt


class RayEngine:
    """Runs :func:`dossier.engine.process` on Ray actors; results in batch order.

    Args:
        address: an existing cluster ("auto", "host:6379", "ray://host:10001"), which is left
            running on close; None starts a local Ray here and shuts it down on close. The
            cluster's workers must be able to import this version of ``dossier``.
        workers: actors (one CPU each); None means one per CPU (at most 4) for a local Ray,
            or every CPU of an existing cluster.

    A Ray already initialised in this process (e.g. by a notebook) is used as it is.
    """

    name = "ray"

    def __init__(self, address: str | None = None, workers: int | None = None) -> None:
        self._ray = ray = _import_ray()
        self._owns_ray = not ray.is_initialized()  # then this engine connects, and disconnects on close
        self._actors: list[Any] = []
        try:
            if self._owns_ray:
                with _sigint_deferred():
                    self._init(address, workers)
            cpus = int(ray.cluster_resources().get("CPU", 0))
            self.workers = workers or (cpus if address else min(cpus, default_workers())) or 1
            if self.workers > cpus:
                raise ConfigError(f"--workers {self.workers} asks for more actors than the Ray cluster has "
                                  f"CPUs ({cpus}); ask for at most {cpus} or add nodes.")
        except BaseException:  # a bad setting, or Ctrl-C mid-start: what started must not outlive us
            self.close()
            raise

    def _init(self, address: str | None, workers: int | None) -> None:
        options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False,
                                   "logging_level": logging.ERROR}
        if address is None:
            # "local": a new instance even when `ray start` left a cluster address behind.
            options.update(address="local", num_cpus=workers or default_workers())
        else:
            _check_reachable(address)
            options.update(address=address)
        try:
            self._ray.init(**options)
        except (ConnectionError, ValueError, RuntimeError) as exc:
            where = f"the Ray cluster at {address}" if address else "a local Ray"
            reason = str(exc).rstrip(".")
            raise ConfigError(f"Cannot start or reach {where} ({reason}).{_connect_hint(address)}") from None

    def map(self, batches: Iterable[Sequence[Work]], *, extract: bool,
            gazetteer: bool = True) -> Iterator[list[Result]]:
        actors = self._start_actors()
        load = [0] * len(actors)  # batches handed to each actor and not yet taken back
        pending: deque[tuple[Any, int]] = deque()  # (ObjectRef, actor index), in batch order
        try:
            for batch in batches:
                index = load.index(min(load))
                pending.append((actors[index].run.remote(list(batch), extract, gazetteer), index))
                load[index] += 1
                if len(pending) >= _IN_FLIGHT * len(actors):
                    yield self._take(pending, load)
            while pending:
                yield self._take(pending, load)
        finally:
            if pending and self._ray.is_initialized():
                # Abandoned mid-stream (interrupt, store error): drop the queued batches; running
                # ones finish, and the actors stay loaded for the next run.
                for ref, _ in pending:
                    self._ray.cancel(ref)

    def _start_actors(self) -> list[Any]:
        """The actors, started on first use; an actor with no free CPU fails the run instead of hanging it."""
        if not self._actors:
            ray = self._ray
            remote = ray.remote(num_cpus=1, max_restarts=_RESTARTS, max_task_retries=_RESTARTS)
            self._actors = [remote(DossierWorker).remote() for _ in range(self.workers)]
            ready, _ = ray.wait([actor.__ray_ready__.remote() for actor in self._actors],
                                num_returns=len(self._actors), timeout=_START_TIMEOUT)
            if len(ready) < len(self._actors):
                self._stop_actors()
                raise ConfigError(f"Only {len(ready)} of {self.workers} Ray actors started within "
                                  f"{_START_TIMEOUT:.0f} s: the cluster's CPUs are busy (other jobs?). "
                                  "Ask for fewer --workers or retry later.")
        return self._actors

    def _take(self, pending: deque[tuple[Any, int]], load: list[int]) -> list[Result]:
        ref, index = pending.popleft()
        load[index] -= 1
        try:
            results: list[Result] = self._ray.get(ref)
        except self._ray.exceptions.RayActorError as exc:
            raise ExtractionError(
                f"A Ray worker died and was not restarted (it died {_RESTARTS + 1} times: out of memory? "
                f"see `ray logs` or dmesg on its node); the documents stored so far are kept: run the "
                f"same ingest again to resume. Ray said: {exc}") from None
        return results

    def _stop_actors(self) -> None:
        actors, self._actors = self._actors, []
        for actor in actors:
            self._ray.kill(actor, no_restart=True)

    def close(self) -> None:
        """Shut Ray down if this engine started it (that ends the actors too), else kill the actors."""
        if self._owns_ray:
            self._owns_ray, self._actors = False, []
            self._ray.shutdown()
        elif self._ray.is_initialized():
            self._stop_actors()
