"""Where clean + extract run: processes on this machine, or a Ray cluster.

The pipeline reads inputs and writes the store itself, in input order; an engine only turns
batches of raw items into documents. Every engine returns one result list per batch, in the
order the batches came, so the store ends up the same whichever engine did the work.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from dossier.clean import clean
from dossier.parallel import default_workers, ordered_map
from dossier.records import Document, Raw, Rejection

__all__ = ["Engine", "LocalEngine", "Result", "Work", "load_extractor", "process"]

Work = Raw | Rejection | None  # None: a placeholder that keeps positions (end of an input)
Result = Document | Rejection | None

_LOADED: dict[bool, Any] = {}  # loaded once per process and gazetteer switch: spaCy takes seconds to load


def load_extractor(*, gazetteer: bool = True) -> Any:
    """This process's extractor (the spaCy pipeline and the extract components), loaded once.

    Args:
        gazetteer: use the shipped actor gazetteer (``Settings.gazetteer``).
    """
    if gazetteer not in _LOADED:
        from dossier.extract.stage import Extractor

        _LOADED[gazetteer] = Extractor(gazetteer=gazetteer)
    return _LOADED[gazetteer]


def process(items: Sequence[Work], extractor: Any | None) -> list[Result]:
    """Clean each raw item, then extract the documents in one spaCy batch when asked to.

    No item can take the others down: an unexpected error in one becomes that item's
    Rejection (with the traceback for --debug) and the rest of the batch goes on.
    """
    results: list[Result] = [_clean(item) if isinstance(item, Raw) else item for item in items]
    if extractor is not None:
        docs = [r for r in results if isinstance(r, Document)]
        extracted = iter(_extract(extractor, docs))
        results = [next(extracted) if isinstance(r, Document) else r for r in results]
    return results


def _clean(raw: Raw) -> Document | Rejection:
    try:
        return clean(raw)
    except Exception as exc:  # noqa: BLE001 - one bad item must not lose the batch
        return Rejection.unexpected(raw.source, "cleaning", exc)


def _extract(extractor: Any, docs: list[Document]) -> list[Document | Rejection]:
    """The batch in one spaCy pass; if that fails, each document alone, so only the culprit is lost."""
    try:
        return list(extractor.extract_many(docs, batch_size=max(1, len(docs))))
    except Exception:  # noqa: BLE001 - retried one by one below
        return [_extract_one(extractor, doc) for doc in docs]


def _extract_one(extractor: Any, doc: Document) -> Document | Rejection:
    try:
        return extractor.extract(doc)  # type: ignore[no-any-return]
    except Exception as exc:  # noqa: BLE001 - one bad item must not lose the batch
        return Rejection.unexpected(doc.source, "extracting entities and events from", exc)


@runtime_checkable
class Engine(Protocol):
    """Runs :func:`process` over a stream of batches; results in batch order.

    ``gazetteer`` is the run's ``Settings.gazetteer``: the extractor every worker uses for the
    run is loaded with it (an engine loads at most one extractor per switch and process).
    """

    name: str

    def map(self, batches: Iterable[Sequence[Work]], *, extract: bool,
            gazetteer: bool = True) -> Iterator[list[Result]]: ...

    def close(self) -> None: ...


# The extractor forked workers use: set in the parent before the pool forks, so children
# share the loaded model copy-on-write instead of loading it again.
_FORKED: Any = None


def _process_forked(items: Sequence[Work]) -> list[Result]:
    return process(items, _FORKED)


class LocalEngine:
    """Forked worker processes on this machine (or this process alone with ``workers=1``)."""

    name = "local"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = workers or default_workers()

    def map(self, batches: Iterable[Sequence[Work]], *, extract: bool,
            gazetteer: bool = True) -> Iterator[list[Result]]:
        global _FORKED
        _FORKED = load_extractor(gazetteer=gazetteer) if extract else None
        try:
            for _, results in ordered_map(_process_forked, batches, workers=self.workers):
                yield results
        finally:
            _FORKED = None

    def close(self) -> None:
        pass
