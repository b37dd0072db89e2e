"""The extract stage: one spaCy pass per document, then our components on the parsed Doc.

Order matters and is fixed here: mentions (entities) → times → quantities → quotes (speakers
from mentions) → places (from mentions) → events (all of the above). Every component is a
pure function of the parsed Doc and what came before it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from dossier.extract.ids import link_ids
from dossier.records import Document

__all__ = ["EXTRACTOR_VERSION", "Extractor", "anchor_date"]

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "extract.v1"


def anchor_date(published: str | None) -> date | None:
    """The publication date as a day to resolve "on Monday" against; None unless day-precise."""
    if not published or len(published) != 10:
        return None
    try:
        return date.fromisoformat(published)
    except ValueError:
        return None


class Extractor:
    """Runs spaCy (with our entity components) and every extraction component over documents."""

    def __init__(self, *, nlp: Any = None, gazetteers: Sequence[Path | str] = ()) -> None:
        if nlp is None:
            from dossier.extract.entities import add_entity_components
            from dossier.extract.nlp import add_paragraph_boundaries, dossier_nlp, load_nlp

            if gazetteers:  # a pipeline of its own, so the shared one keeps the stock gazetteer
                nlp = add_entity_components(add_paragraph_boundaries(load_nlp()), gazetteer_paths=gazetteers)
            else:
                nlp = dossier_nlp()
        self.nlp = nlp

    def extract(self, doc: Document) -> Document:
        """One document, parsed and extracted."""
        return next(self.extract_many([doc]))

    def extract_many(self, docs: Iterable[Document], *, batch_size: int = 16) -> Iterator[Document]:
        """Documents in, documents with facts out, in the same order (spaCy batches the parsing)."""
        pending: list[Document] = []
        for doc in docs:
            pending.append(doc)
            if len(pending) >= batch_size:
                yield from self._batch(pending)
                pending = []
        if pending:
            yield from self._batch(pending)

    def _batch(self, docs: list[Document]) -> Iterator[Document]:
        for doc, sdoc in zip(docs, self.nlp.pipe([d.text for d in docs], batch_size=len(docs))):
            yield self.from_parsed(doc, sdoc)

    def from_parsed(self, doc: Document, sdoc: Any) -> Document:
        """Run every component on an already parsed Doc of ``doc.text``."""
        from dossier.extract.entities import find_mentions, group_entities
        from dossier.extract.events import find_events
        from dossier.extract.places import find_places
        from dossier.extract.quantities import find_quantities
        from dossier.extract.quotes import find_quotes
        from dossier.extract.timex import find_times

        mentions = find_mentions(sdoc, doc_id=doc.id)
        sentences = [(s.start_char, s.end_char) for s in sdoc.sents]
        dates = [(e.start_char, e.end_char, e.label_) for e in sdoc.ents if e.label_ in ("DATE", "TIME")]
        times = find_times(doc.text, doc_id=doc.id, anchor=anchor_date(doc.published),
                           sentences=sentences, ents=dates)
        quantities = find_quantities(sdoc, doc_id=doc.id)
        quotes = find_quotes(sdoc, doc_id=doc.id, mentions=mentions)
        places = find_places(sdoc, doc_id=doc.id, mentions=mentions)
        events = find_events(sdoc, doc_id=doc.id, mentions=mentions, times=times,
                             quantities=quantities, places=places)
        meta = {**doc.meta, "extractor": EXTRACTOR_VERSION}
        return link_ids(replace(doc, entities=tuple(group_entities(mentions)), quotes=tuple(quotes),
                       events=tuple(events), quantities=tuple(quantities), times=tuple(times),
                       places=tuple(places), meta=meta))
