"""The extract stage: one spaCy pass per document, then our components on the parsed Doc.

Order matters and is fixed here: mentions (entities) → times → quantities → quotes (speakers
from mentions) → places (from mentions) → events (all of the above). Every component is a
pure function of the parsed Doc and what came before it.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any

from dossier.extract.ids import link_ids
from dossier.extract.timex_calendar import Period, month_period, year_period
from dossier.extract.windows import WINDOW, split_windows
from dossier.records import Document, Span

__all__ = ["EXTRACTOR_VERSION", "Extractor", "anchor_date", "english"]

log = logging.getLogger(__name__)

EXTRACTOR_VERSION = "extract.v1"


def anchor_date(published: str | None, *, precision: str | None = None, until: str | None = None) -> Period | None:
    """The publication date, with its precision, to resolve "on Monday" against.

    Args:
        published: "YYYY-MM-DD", "YYYY-MM", "YYYY" (or "start/end"), as the clean stage stores it.
        precision: day, month, year or range (None: read from ``published``); a range starts
            on ``published`` and ends on ``until``.
        until: the last day of a range; without it ("on or after") there is no anchor, since
            relative dates could then mean any later day.

    Returns:
        The days the document may have been published on (a one-day period when day-precise),
        or None. Expressions resolved against a month or a year widen honestly
        (:mod:`dossier.extract.timex_anchor`).

    >>> anchor_date("2020-11").value, anchor_date("2020-11-05").unit
    ('2020-11', 'day')
    """
    from dossier.extract.timex_calendar import days_of

    if precision == "range":
        first, last = days_of(published), days_of(until)
        if first is None or last is None or last[1] < first[0]:
            return None
        return Period(first[0], last[1], "range") if first[0] != last[1] else Period(first[0], first[0], "day")
    span = days_of(published)
    if span is None or not published:
        return None
    if precision == "month" or precision != "year" and len(published) == 7:
        return month_period(span[0].year, span[0].month)
    if precision == "year" or len(published) == 4:
        return year_period(span[0].year)
    return Period(span[0], span[1], "day" if span[0] == span[1] else "range")


def english(doc: Document) -> bool:
    """Whether the English model may read ``doc``: its language is English or undecided (a short
    text the detector cannot place, see :mod:`dossier.clean.language`)."""
    return doc.language in (None, "en")


def _not_extracted(doc: Document) -> Document:
    """A non-English document: stored and searchable, with no facts (the model is English only)."""
    reason = (f"language {doc.language}: stored and searchable; entities, quotes and events not extracted "
              "(English model only)")
    meta = {**doc.meta, "extractor": EXTRACTOR_VERSION, "not_extracted": reason}
    return replace(doc, entities=(), quotes=(), events=(), quantities=(), times=(), places=(), meta=meta)


class Extractor:
    """Runs spaCy (with our entity components) and every extraction component over documents."""

    def __init__(self, *, nlp: Any = None, gazetteers: Sequence[Path | str] = (), gazetteer: bool = True) -> None:
        """Args:
            nlp: a pipeline with the entity components; None loads Dossier's own.
            gazetteers: extra actor gazetteer files (the format of ``data/actors.jsonl``).
            gazetteer: use the shipped actor gazetteer (``Settings.gazetteer``); ignored with ``nlp``.
        """
        if nlp is None:
            from dossier.extract.entities import add_entity_components
            from dossier.extract.nlp import add_paragraph_boundaries, dossier_nlp, load_nlp

            if gazetteers:  # a pipeline of its own, so the shared one keeps the stock gazetteer
                nlp = add_entity_components(add_paragraph_boundaries(load_nlp()), gazetteer_paths=gazetteers,
                                            shipped=gazetteer)
            else:
                nlp = dossier_nlp(gazetteer=gazetteer)
        self.nlp = nlp
        self.gazetteer = gazetteer

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
        short = [d.text for d in docs if english(d) and len(d.text) <= WINDOW]
        parsed = iter(self.nlp.pipe(short, batch_size=max(1, len(short))))
        for doc in docs:
            if not english(doc):
                yield _not_extracted(doc)
            else:
                yield self.from_parsed(doc, next(parsed)) if len(doc.text) <= WINDOW else self._long(doc)

    def from_parsed(self, doc: Document, sdoc: Any) -> Document:
        """Run every component on an already parsed Doc of ``doc.text``."""
        return self._finish(doc, self._facts(doc, sdoc))

    def _long(self, doc: Document) -> Document:
        """A document longer than one window: each window parsed and extracted on its own (so
        memory and work stay bounded), its facts shifted back to offsets in the whole text."""
        facts = _Facts()
        sentences_before = 0
        for start, end in split_windows(doc.text):
            window = replace(doc, text=doc.text[start:end])
            found = self._facts(window, self.nlp(window.text))
            facts.extend(found.shifted(start, sentences_before))
            sentences_before += found.sentences
        return self._finish(doc, facts)

    def _facts(self, doc: Document, sdoc: Any) -> _Facts:
        from dossier.extract.doccache import sentences
        from dossier.extract.entities import find_mentions
        from dossier.extract.events import find_events
        from dossier.extract.places import find_places
        from dossier.extract.quantities import find_quantities
        from dossier.extract.quotes import find_quotes
        from dossier.extract.timex import find_times

        mentions = find_mentions(sdoc, doc_id=doc.id)
        sentence_spans = [(s.start_char, s.end_char) for s in sentences(sdoc)]
        dates = [(e.start_char, e.end_char, e.label_) for e in sdoc.ents if e.label_ in ("DATE", "TIME")]
        # published_precision arrives with the publication-date work of issue 12; older records lack it
        anchor = anchor_date(doc.published, precision=getattr(doc, "published_precision", None),
                             until=doc.meta.get("published_until"))
        times = find_times(doc.text, doc_id=doc.id, anchor=anchor, sentences=sentence_spans, ents=dates)
        quantities = find_quantities(sdoc, doc_id=doc.id)
        quotes = find_quotes(sdoc, doc_id=doc.id, mentions=mentions)
        places = find_places(sdoc, doc_id=doc.id, mentions=mentions)
        events = find_events(sdoc, doc_id=doc.id, mentions=mentions, times=times,
                             quantities=quantities, places=places)
        return _Facts(mentions, quotes, events, quantities, times, places, sentences=len(sentence_spans))

    def _finish(self, doc: Document, facts: _Facts) -> Document:
        from dossier.extract.entities import group_entities

        meta = {**doc.meta, "extractor": EXTRACTOR_VERSION}
        return link_ids(replace(doc, entities=tuple(group_entities(facts.mentions)), quotes=tuple(facts.quotes),
                        events=tuple(facts.events), quantities=tuple(facts.quantities), times=tuple(facts.times),
                        places=tuple(facts.places), meta=meta))


@dataclass(slots=True)
class _Facts:
    """What the components found in one text (a document, or one window of a long one)."""

    mentions: list[Any] = field(default_factory=list)
    quotes: list[Any] = field(default_factory=list)
    events: list[Any] = field(default_factory=list)
    quantities: list[Any] = field(default_factory=list)
    times: list[Any] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    sentences: int = 0

    def extend(self, other: _Facts) -> None:
        for name in ("mentions", "quotes", "events", "quantities", "times", "places"):
            getattr(self, name).extend(getattr(other, name))
        self.sentences += other.sentences

    def shifted(self, chars: int, sentences: int) -> _Facts:
        """The same facts with every span moved ``chars`` characters and ``sentences`` sentences on."""
        if not chars and not sentences:
            return self
        move = functools.partial(_shift, chars=chars, sentences=sentences)
        return _Facts([move(f) for f in self.mentions], [move(f) for f in self.quotes],
                      [move(f) for f in self.events], [move(f) for f in self.quantities],
                      [move(f) for f in self.times], [move(f) for f in self.places], self.sentences)


def _shift(value: Any, *, chars: int, sentences: int) -> Any:
    """``value`` with every :class:`Span` inside it (however nested in fact records) shifted."""
    if isinstance(value, Span):
        return replace(value, start=value.start + chars, end=value.end + chars,
                       sentence=value.sentence + sentences)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in fields(value):
            old = getattr(value, f.name)
            new = _shift(old, chars=chars, sentences=sentences)
            if new is not old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    if isinstance(value, tuple | list):
        items = [_shift(v, chars=chars, sentences=sentences) for v in value]
        return type(value)(items) if any(a is not b for a, b in zip(items, value)) else value
    return value
