"""Where `dossier ask` finds its evidence: candidate documents, sentence spans, who says what.

:class:`Sources` wraps a store for one question: it retrieves candidate documents (FTS5/BM25
on the question's words, plus the documents of the entities it names), caches them, and
answers small questions about spans ("does this sentence mention al-Qaeda?"). An
:class:`Evidence` is a span of one document that an answer will cite.
"""

from __future__ import annotations

import logging
import re
from dataclasses import asdict, dataclass, is_dataclass
from typing import Any

from dossier.query.ask_intents import STOPWORDS, SYNONYMS, Question, entity_pattern, fold, sentences, stem, words
from dossier.records import Document
from dossier.searchlang import MAX_QUERY_CHARS, MAX_TERMS
from dossier.store.base import EntityRow, Store

__all__ = ["Evidence", "Sources", "attribution", "claim_clusters"]

log = logging.getLogger(__name__)

_MAX_SPAN = 700  # longest sentence group cited whole; longer ones are cited as the fact's own span


@dataclass(frozen=True, slots=True, eq=False)
class Evidence:
    """A span ``doc.text[start:end]`` an answer cites; equal when document and offsets are."""

    doc: Document
    start: int
    end: int

    @property
    def text(self) -> str:
        return self.doc.text[self.start:self.end]

    def overlaps(self, other: Evidence) -> bool:
        return self.doc.id == other.doc.id and self.start < other.end and other.start < self.end

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Evidence) and (self.doc.id, self.start, self.end) == \
            (other.doc.id, other.start, other.end)

    def __hash__(self) -> int:
        return hash((self.doc.id, self.start, self.end))


class Sources:
    """The store as one question sees it: candidate documents and cached lookups."""

    def __init__(self, store: Store, *, max_docs: int = 30) -> None:
        self.store = store
        self.max_docs = max_docs
        self._rows: list[EntityRow] | None = None
        self._docs: dict[str, Document] = {}
        self._order: list[str] = []
        self._sentences: dict[str, list[tuple[int, int]]] = {}
        self._stems: dict[Evidence, set[str]] = {}
        self._patterns: dict[str, re.Pattern[str] | None] = {}
        self._entity_docs: dict[str, list[str]] = {}

    # entities -----------------------------------------------------------------------------
    def rows(self) -> list[EntityRow]:
        """Every resolved entity (read once)."""
        if self._rows is None:
            self._rows = self.store.list_entities()
        return self._rows

    def rows_by_id(self) -> dict[str, EntityRow]:
        return {r.id: r for r in self.rows()}

    def _pattern(self, entity: EntityRow) -> re.Pattern[str] | None:
        if entity.id not in self._patterns:
            self._patterns[entity.id] = entity_pattern([entity.name, *entity.aliases])
        return self._patterns[entity.id]

    def names(self, entity: EntityRow, text: str) -> bool:
        """Whether ``text`` names ``entity`` (its name or an alias, whole words)."""
        pattern = self._pattern(entity)
        return bool(pattern and pattern.search(fold(text)))

    def unknown_names(self, q: Question) -> list[str]:
        """Names in the question that no entity and no document word matches ("Angela Merkel")."""
        known = " ".join(fold(a) for e in q.entities for a in (e.name, *e.aliases))
        unknown = []
        for name in q.names:
            for word in words(name):
                if len(word) < 3 or word in STOPWORDS or word in known:
                    continue
                if not self.store.search(" ".join(f'"{w}"' for w in re.findall(r"\w+", word)), limit=1):
                    unknown.append(name)
                    break
        return unknown

    # documents ----------------------------------------------------------------------------
    def load(self, doc_id: str) -> Document:
        if doc_id not in self._docs:
            self._docs[doc_id] = self.store.get_document(doc_id)
        return self._docs[doc_id]

    def retrieve(self, q: Question) -> None:
        """Candidate documents: BM25 hits on the question's words, then the named entities' documents."""
        terms = [t for t in q.terms if re.search(r"\w", t)]
        terms += [s for t in q.terms for s in SYNONYMS.get(t, ())]
        phrases = [" ".join(re.findall(r"[^\W_]+", t)) for t in dict.fromkeys(terms)]
        expression = _any_of([f'"{p}"' for p in phrases if p])
        hits = self.store.search(expression, limit=self.max_docs) if expression else []
        entity_docs = [d for e in q.entities for d in self._entity_doc_ids(e)]
        # documents naming every entity of the question come first, in BM25 order
        ranked = [h.id for h in hits]
        both = [d for d in ranked if all(d in self._entity_doc_ids(e) for e in q.entities)]
        for doc_id in [*both, *ranked, *entity_docs]:
            if doc_id not in self._order and len(self._order) < self.max_docs:
                self._order.append(doc_id)

    def _entity_doc_ids(self, entity: EntityRow) -> list[str]:
        if entity.id not in self._entity_docs:  # asked for once per entity, not once per hit
            self._entity_docs[entity.id] = sorted({d["doc_id"] for d in self.store.entity_decisions(entity.id)})
        return self._entity_docs[entity.id]

    def docs(self) -> list[Document]:
        """The candidate documents, most relevant first."""
        return [self.load(d) for d in self._order]

    def entity_docs(self, entity: EntityRow) -> list[Document]:
        """Documents where ``entity`` is resolved (the candidates first, at most ``max_docs`` in all)."""
        ids = self._entity_doc_ids(entity)
        chosen = [d for d in self._order if d in set(ids)]
        chosen += [d for d in ids if d not in chosen][: max(0, self.max_docs - len(chosen))]
        return [self.load(d) for d in chosen]

    def mentions(self, doc: Document, entity: EntityRow) -> bool:
        """Whether ``doc`` mentions ``entity`` (resolved id or, failing that, a name or alias)."""
        return any(ref.entity_id == entity.id for ref in doc.entities) or self.names(entity, doc.text)

    def mentions_in(self, ev: Evidence, entity: EntityRow) -> bool:
        """Whether the span ``ev`` mentions ``entity``."""
        for ref in ev.doc.entities:
            if ref.entity_id == entity.id and any(ev.start <= m.span.start < ev.end for m in ref.mentions):
                return True
        return self.names(entity, ev.text)

    # spans --------------------------------------------------------------------------------
    def _bounds(self, doc: Document) -> list[tuple[int, int]]:
        if doc.id not in self._sentences:
            self._sentences[doc.id] = sentences(doc.text)
        return self._sentences[doc.id]

    def sentence_at(self, doc: Document, pos: int) -> Evidence:
        """The sentence holding offset ``pos``."""
        for start, end in self._bounds(doc):
            if start <= pos < end:
                return Evidence(doc, start, end)
        return Evidence(doc, pos, min(len(doc.text), pos + 1))

    def around(self, doc: Document, start: int, end: int) -> Evidence:
        """The sentences covering ``start``…``end``; the span itself when they are too long."""
        first = self.sentence_at(doc, start)
        last = self.sentence_at(doc, max(start, end - 1))
        if last.end - first.start > _MAX_SPAN:
            return Evidence(doc, start, end)
        return Evidence(doc, min(first.start, start), max(last.end, end))

    def stems(self, ev: Evidence) -> set[str]:
        if ev not in self._stems:
            self._stems[ev] = {stem(w) for w in words(ev.text)}
        return self._stems[ev]

    def overlap(self, ev: Evidence, terms: list[str]) -> int:
        """How many of ``terms`` (or a synonym) the span contains."""
        have = self.stems(ev)
        text = fold(ev.text)
        count = 0
        for term in terms:
            options = (term, *SYNONYMS.get(term, ()))
            if any(stem(o) in have or (" " in o or "-" in o) and fold(o) in text for o in options):
                count += 1
        return count

    @staticmethod
    def synonyms(word: str) -> tuple[str, ...]:
        return SYNONYMS.get(word.lower(), ())


_ACCORDING = re.compile(r"\baccording to (?:the )?((?:[A-Z][\w.’'-]*\s?){1,5})")
_SAID = re.compile(r"((?:[A-Z][\w.’'-]*\s){0,3}[A-Z][\w.’'-]*),? (?:said|says|stated|found|reported)\b")


def attribution(ev: Evidence) -> str | None:
    """Who asserts the span: the speaker of a quote inside it, "according to X", "X said"."""
    for quote in ev.doc.quotes:
        if quote.speaker and quote.span.start < ev.end and ev.start < quote.span.end:
            return str(quote.speaker)
    for pattern in (_ACCORDING, _SAID):
        match = pattern.search(ev.text)
        if match:
            return match.group(1).strip()
    return None


_CLAIM_FUNCTIONS = ("claim_clusters", "cluster_claims", "find_claims", "list_claims", "claims")


def claim_clusters(src: Sources, x: EntityRow, y: EntityRow) -> dict[str, list[Evidence]]:
    """Supporting and disputing spans from claim clusters (``dossier.claims``) naming ``x`` and ``y``.

    ``dossier.claims.claim_clusters(docs)`` is called on the candidate documents. The claims
    package is optional: when it is missing or fails, both lists are empty and the caller falls
    back to sentences that mention both entities.
    """
    empty: dict[str, list[Evidence]] = {"supporting": [], "disputing": []}
    try:
        import dossier.claims as claims  # noqa: PLC0415 - optional, built alongside
    except ImportError:
        return empty
    function = next((getattr(claims, n) for n in _CLAIM_FUNCTIONS if callable(getattr(claims, n, None))), None)
    if function is None:
        return empty
    try:  # claim_clusters(docs): the candidate documents, so claims stay about this question
        clusters = list(function(src.docs()))
    except Exception as exc:  # the claims package is optional; its failure must not break `ask`
        log.debug("ask: claims unavailable (%s); using co-mentions", exc)
        return empty
    found: dict[str, list[Evidence]] = {"supporting": [], "disputing": []}
    for cluster in clusters:
        data = _as_dict(cluster)
        proposition = str(data.get("proposition") or "")
        ids = {data.get("subject_id"), data.get("object_id")}
        if not ({x.id, y.id} <= ids or (src.names(x, proposition) and src.names(y, proposition))):
            continue
        for side in found:
            for item in data.get(side) or []:
                ev = _evidence(src, _as_dict(item))
                if ev is not None:
                    found[side].append(ev)
    return found


def _as_dict(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return value
    if hasattr(value, "to_json"):
        return dict(value.to_json())
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    return {}


def _evidence(src: Sources, item: dict[str, Any]) -> Evidence | None:
    """The cited span of a claim item, only when its text really is at its offsets."""
    doc_id, start, end = item.get("doc"), item.get("start"), item.get("end")
    if not isinstance(doc_id, str) or not isinstance(start, int) or not isinstance(end, int):
        return None
    doc = src.load(doc_id)
    if item.get("text") not in (None, doc.text[start:end]):
        return None
    return Evidence(doc, start, end)


def _any_of(phrases: list[str]) -> str:
    """The phrases joined by OR, the first ones only when all of them would be over a search's size caps."""
    kept: list[str] = []
    for phrase in phrases[:MAX_TERMS]:
        if len(" OR ".join([*kept, phrase])) > MAX_QUERY_CHARS:
            break
        kept.append(phrase)
    return " OR ".join(kept)
