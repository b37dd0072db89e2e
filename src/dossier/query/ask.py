"""`dossier ask`: answer a question from the store, offline, every sentence of the answer cited.

A cascade, like the rest of Dossier: the question is classified cheaply
(:func:`~dossier.query.ask_intents.parse_question`), candidate documents come from FTS5/BM25
and from the entities the question names, then the composer for its intent (quotes, quantity,
when, participants, ties) builds the answer from spans of those documents. When it finds
nothing, a plain passage search is tried; when that finds nothing either, the answer is
:data:`DONT_KNOW` with no citations. Nothing is generated that is not in a cited span.

>>> answer = ask(store, "What did Lavrov say?")
>>> answer.to_json()["citations"][0]["text"]  # doc.text[start:end] of the cited sentence
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from dossier.dates import label_of
from dossier.errors import QueryError
from dossier.query.ask_intents import Question, fold, parse_question, sentences, stem, words
from dossier.query.ask_sources import Evidence, Sources, attribution, claim_clusters
from dossier.records import Document
from dossier.searchlang import MAX_QUERY_CHARS
from dossier.store.base import Store
from dossier.textutil import clip, quoted

__all__ = ["DONT_KNOW", "Answer", "Citation", "ask"]

log = logging.getLogger(__name__)

DONT_KNOW = "The documents in this store do not answer that."
_CLIP = 240


@dataclass(frozen=True, slots=True)
class Citation:
    """A cited span: ``text == store.get_document(doc).text[start:end]``."""

    doc: str
    start: int
    end: int
    text: str
    outlet: str | None = None
    published: str | None = None
    published_precision: str | None = None
    published_inferred: bool = False

    def to_json(self) -> dict[str, Any]:
        return {"doc": self.doc, "start": self.start, "end": self.end, "text": self.text,
                "outlet": self.outlet, "published": self.published,
                "published_precision": self.published_precision, "published_inferred": self.published_inferred}


@dataclass(frozen=True, slots=True)
class Answer:
    """An answer and its citations; ``method`` names the composer that produced it."""

    question: str
    answer: str
    citations: tuple[Citation, ...] = ()
    intent: str = "search"
    method: str = "none"

    @property
    def known(self) -> bool:
        return bool(self.citations)

    def to_json(self) -> dict[str, Any]:
        """The contract's shape (``answer``, ``citations``) plus ``intent`` and ``method``."""
        return {"answer": self.answer, "citations": [c.to_json() for c in self.citations],
                "intent": self.intent, "method": self.method}


@dataclass
class _Builder:
    """Collects answer sentences and numbers their citations (one number per distinct span)."""

    lines: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)

    def cite(self, ev: Evidence) -> str:
        item = Citation(ev.doc.id, ev.start, ev.end, ev.doc.text[ev.start:ev.end], ev.doc.outlet, ev.doc.published,
                        ev.doc.published_precision, ev.doc.published_inferred)
        if item not in self.citations:
            self.citations.append(item)
        return f"[{self.citations.index(item) + 1}]"

    def add(self, line: str) -> None:
        self.lines.append(line)

    def answer(self, question: Question, method: str) -> Answer | None:
        if not self.citations:
            return None
        return Answer(question.text, " ".join(self.lines), tuple(self.citations), question.intent, method)


def _clip(text: str, width: int = _CLIP) -> str:
    return clip(text, width)


def _quoted(text: str) -> str:
    """A clipped passage in “…”, unless it already starts or ends with a quotation mark."""
    return quoted(_clip(text), "“", "”")


def _when(doc: Document) -> str:
    parts = [p for p in (doc.outlet, label_of(doc)) if p]  # an inferred date marked: "~2013", "≥2021-08-26"
    return f" ({', '.join(parts)})" if parts else ""


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


_IRREGULAR = {"say": "said", "tell": "told", "write": "wrote", "think": "thought", "speak": "spoke",
              "according to": "said", "put": "put", "hold": "held", "find": "found", "show": "showed"}


def _past(cue: str | None) -> str:
    """The past tense of a cue verb lemma ("urge" → "urged"); "said" when there is none."""
    if not cue or " " in cue.strip() and cue not in _IRREGULAR:
        return "said"
    cue = cue.strip().lower()
    if cue in _IRREGULAR:
        return _IRREGULAR[cue]
    if cue.endswith("e"):
        return cue + "d"
    if cue.endswith("y") and cue[-2:-1] not in "aeiou":
        return cue[:-1] + "ied"
    return cue + "ed"


# --- composers: each returns None when it has nothing, so the cascade moves on -----------------

def _quotes(src: Sources, q: Question) -> Answer | None:
    speakers = [e for e in q.entities if e.type in ("PERSON", "ORG", "NORP")]
    if not speakers:
        return None
    entity = speakers[0]
    focus = [stem(w) for w in words(q.focus)] if q.focus else []
    found = []
    for doc in src.entity_docs(entity):
        for quote in doc.quotes:
            if quote.speaker_id != entity.id and not src.names(entity, quote.speaker or ""):
                continue
            ev = src.around(doc, quote.span.start, quote.span.end)
            if focus and not all(f in src.stems(ev) for f in focus):
                continue
            found.append((not quote.direct, -len(quote.text), doc.published or "", ev, quote))
    if not found:
        return None
    out = _Builder()
    seen: list[Evidence] = []
    for *_, ev, quote in sorted(found, key=lambda f: f[:3]):
        if any(ev.overlaps(s) for s in seen) or len(seen) >= 4:
            continue
        seen.append(ev)
        out.add(f"{entity.name} {_past(quote.cue)}{_when(ev.doc)}: {_quoted(quote.text)} {out.cite(ev)}.")
    return out.answer(q, "quotes.by-speaker")


def _quantity(src: Sources, q: Question) -> Answer | None:
    focus = words(q.focus)
    if not focus:
        return None
    head = stem(focus[-1])
    related = [{stem(w) for w in words(s)} for s in src.synonyms(focus[-1])]
    context = [t for t in q.terms if stem(t) != head and t not in ("many", "much")]
    found = []
    for doc in src.docs():
        for quantity in doc.quantities:
            unit = {stem(w) for w in words(f"{quantity.unit} {quantity.counts or ''}")}
            match = 3 if head in unit else 2 if any(r <= unit for r in related) else 0
            if not match:
                continue
            ev = src.sentence_at(doc, quantity.span.start)
            score = match + src.overlap(ev, context)
            found.append((score, match == 3, quantity, ev))
    if not found:
        return None
    best = max(f[0] for f in found)
    if best < 3 + min(1, len(context)):
        return None
    out = _Builder()
    groups: dict[tuple[Any, Any], list[tuple[Any, Evidence]]] = {}
    for score, _, quantity, ev in sorted(found, key=lambda f: (-f[0], f[3].doc.published or "")):
        if score >= best - 0.5:
            groups.setdefault((quantity.value, quantity.value_max), []).append((quantity, ev))
    if len(groups) > 1:
        out.add("Sources give different figures.")
    for items in list(groups.values())[:3]:
        quantity, ev = items[0]
        who = attribution(ev)
        cites = "".join(out.cite(e) for _, e in items[:3])
        out.add(f"{quantity.text}{f', according to {who}' if who else ''}{_when(ev.doc)}: "
                f"{_quoted(ev.text)} {cites}.")
    return out.answer(q, "quantity.counted-noun")


def _near(ev: Evidence, verb: str, pos: int, width: int = 60) -> bool:
    """Whether a word with stem ``verb`` occurs within ``width`` characters of offset ``pos``."""
    window = ev.doc.text[max(ev.start, pos - width):min(ev.end, pos + width)]
    return bool(verb) and verb in {stem(w) for w in words(window)}


def _when_asked(src: Sources, q: Question) -> Answer | None:
    verb = stem(q.focus) if q.focus else ""
    topic = [t for t in q.terms if stem(t) != verb]
    found: list[tuple[float, str, str, Evidence]] = []
    for doc in src.docs():
        dated = [(e.time, verb in {stem(w) for w in words(e.action)}) for e in doc.events if e.time is not None]
        dated += [(t, _near(src.sentence_at(doc, t.span.start), verb, t.span.start)) for t in doc.times]
        for time, acted in dated:
            if not time.value or time.precision == "duration" or (verb and not acted):
                continue
            ev = src.sentence_at(doc, time.span.start)
            score = src.overlap(ev, topic) + (2 if acted else 0) + (0.5 if time.precision == "day" else 0)
            found.append((score, time.value, time.text, ev))
    need = 2 + min(1, len(topic))  # the verb (or its event) near the date, and a topic word
    found = [f for f in found if f[0] >= need]
    if not found:
        return None
    by_date: dict[str, list[tuple[float, str, Evidence]]] = {}
    for score, value, text, ev in sorted(found, key=lambda f: -f[0]):
        by_date.setdefault(value, []).append((score, text, ev))
    for value in sorted(by_date, key=len):  # "2020-02" agrees with "2020-02-29": fold it in
        finer = [v for v in by_date if v != value and v.startswith(value) and "/" not in v]
        if finer:
            by_date[max(finer, key=lambda v: len(by_date[v]))].extend(by_date.pop(value))
    ranked = sorted(by_date.items(), key=lambda kv: (-max(s for s, _, _ in kv[1]), -len(kv[1])))
    best = max(s for s, _, _ in ranked[0][1])
    shown = [(value, items) for value, items in ranked if max(s for s, _, _ in items) >= best - 0.5][:3]
    out = _Builder()
    if len(shown) > 1:
        out.add("Sources give different dates.")
    for value, items in shown:
        items.sort(key=lambda i: (-i[0], not re.search(r"\d", i[1])))
        _, text, ev = items[0]
        seen: list[Evidence] = []
        for _, _, other in items:
            if not any(other.overlaps(s) or other.doc.id == s.doc.id for s in seen):
                seen.append(other)
        cites = "".join(out.cite(e) for e in seen[:3])
        out.add(f"{value} (“{text}”){_when(ev.doc)}: {_quoted(ev.text)} {cites}.")
    return out.answer(q, "when.event-date")


_ATTEND = re.compile(r"\b(?:attend\w*|gathering|delegation|welcome address|address|speech|meeting|met|"
                     r"participa\w*|hosted|talks|remarks)\b")
_NOT_THERE = re.compile(r"\b(?:without|challenging|against|except|absent)\s+(?:\w+\s+){0,2}$")


def _participants(src: Sources, q: Question) -> Answer | None:
    topic_ids = {e.id for e in q.entities}
    docs = [d for d in src.docs()[:5] if all(src.mentions(d, e) for e in q.entities)] if q.entities else []
    rows = src.rows_by_id()
    named: dict[str, list[Evidence]] = {}
    for doc in docs[:2]:
        for start, end in sentences(doc.text):
            ev = Evidence(doc, start, end)
            text = fold(ev.text)
            if not _ATTEND.search(text):
                continue
            for ref in doc.entities:
                if ref.label not in ("PERSON", "ORG") or ref.entity_id in topic_ids:
                    continue
                for mention in ref.mentions:
                    if not (start <= mention.span.start and mention.span.end <= end):
                        continue
                    if _NOT_THERE.search(fold(doc.text[start:mention.span.start])):
                        continue
                    name = rows[ref.entity_id].name if ref.entity_id in rows else ref.name
                    if ev not in named.setdefault(name, []):
                        named[name].append(ev)
    if not named:
        return None
    people = sorted(named, key=lambda n: (_row_type(rows, n) != "PERSON", named[n][0].start))
    out = _Builder()
    parts = [f"{name} {''.join(out.cite(ev) for ev in named[name][:2])}" for name in people[:8]]
    out.add(f"Named as taking part{_when(docs[0])}: {'; '.join(parts)}.")
    return out.answer(q, "participants.co-mentioned")


def _row_type(rows: dict[str, Any], name: str) -> str:
    """The entity type of the row named ``name`` ("" when unknown)."""
    return next((r.type for r in rows.values() if r.name == name), "")


_DENY = re.compile(r"\b(?:den(?:y|ied|ies|ying)|refut\w*|reject\w*|baseless|dismiss\w*|no evidence)\b")
_TIES = re.compile(r"\b(?:ties|close|closely|aligned|support\w*|back\w*|work(?:s|ed|ing)? with|relationship|"
                   r"consult\w*|cooperat\w*|conferred|intermarriage|double game|remain\w*)\b")
_WEAK_TIES = re.compile(r"\b(?:tied|shelter\w*|host\w*|honou?r\w*|foster\w*|safe haven|protection|links?)\b")


def _tie_score(ev: Evidence) -> float:
    """How strongly a sentence asserts a tie: strong cue words count 2, weak ones 1, a named source 1."""
    text = fold(ev.text)
    return 2 * len(_TIES.findall(text)) + len(_WEAK_TIES.findall(text)) + (1 if attribution(ev) else 0)


def _ties(src: Sources, q: Question) -> Answer | None:
    actors = [e for e in q.entities if e.type in ("ORG", "PERSON", "NORP", "GPE")]
    if len(actors) < 2:
        return None
    x, y = actors[:2]
    claims = claim_clusters(src, x, y)
    support: list[Evidence] = list(claims["supporting"])
    dispute: list[Evidence] = list(claims["disputing"])
    scored: list[tuple[float, Evidence]] = []
    for doc in src.docs():
        for start, end in sentences(doc.text):
            ev = Evidence(doc, start, end)
            if not (src.mentions_in(ev, x) and src.mentions_in(ev, y)):
                continue
            if _DENY.search(fold(ev.text)):
                dispute.append(ev)
            elif _tie_score(ev) >= 2:
                scored.append((_tie_score(ev), ev))
    support += [ev for _, ev in sorted(scored, key=lambda s: (-s[0], s[1].doc.published or ""))]
    if not support and not dispute:
        return None
    support = _distinct(support, 5)
    dispute = _distinct(dispute, 2)
    out = _Builder()
    pro = list(dict.fromkeys(attribution(e) or e.doc.outlet or "one source" for e in support))
    con = list(dict.fromkeys(attribution(e) or e.doc.outlet or "one source" for e in dispute))
    pro_cites = "".join(out.cite(e) for e in support)
    con_cites = "".join(out.cite(e) for e in dispute)
    if support and dispute:
        out.add(f"Sources disagree: {_join(pro)} say {x.name} and {y.name} remain linked {pro_cites}; "
                f"{_join(con)} {'dispute' if len(con) > 1 else 'disputes'} it {con_cites}.")
    elif support:
        out.add(f"{_cap(_join(pro))} say {x.name} and {y.name} remain linked {pro_cites}.")
    else:
        out.add(f"{_cap(_join(con))} {'dispute' if len(con) > 1 else 'disputes'} links between {x.name} and {y.name} "
                f"{con_cites}.")
    for ev in support + dispute:
        who = _cap(attribution(ev) or "the article")
        out.add(f"{who}{_when(ev.doc)}: {_quoted(ev.text)} {out.cite(ev)}.")
    return out.answer(q, "ties.claims" if claims["supporting"] or claims["disputing"] else "ties.co-mention")


def _distinct(items: list[Evidence], limit: int) -> list[Evidence]:
    """At most ``limit`` spans: one per source (attribution), two per document, strongest (first) kept."""
    kept: list[Evidence] = []
    for ev in items:
        who = attribution(ev) or ev.doc.outlet or ev.doc.id
        if sum(k.doc.id == ev.doc.id for k in kept) < 2 and \
                not any((attribution(k) or k.doc.outlet or k.doc.id) == who for k in kept):
            kept.append(ev)
    return kept[:limit]


def _passages(src: Sources, q: Question) -> Answer | None:
    terms = list(q.terms)
    if not terms:
        return None
    scored = []
    for doc in src.docs()[:6]:
        for start, end in sentences(doc.text):
            ev = Evidence(doc, start, end)
            hit = src.overlap(ev, terms)
            if hit >= max(2, 0.75 * len(terms)):
                scored.append((-hit, doc.published or "", ev))
    if not scored:
        return None
    out = _Builder()
    for _, _, ev in sorted(scored, key=lambda s: s[:2])[:2]:
        out.add(f"{_cap(attribution(ev) or 'one source')}{_when(ev.doc)}: {_quoted(ev.text)} {out.cite(ev)}.")
    return out.answer(q, "search.passages")


_COMPOSERS: dict[str, Callable[[Sources, Question], Answer | None]] = {
    "quotes": _quotes, "quantity": _quantity, "when": _when_asked, "participants": _participants,
    "ties": _ties,
}


def ask(store: Store, question: str, *, max_docs: int = 30) -> Answer:
    """Answer ``question`` from ``store``; every sentence of the answer cites a span.

    Args:
        store: an open store (extracted documents; entities resolved).
        question: a question in English, e.g. "How many al-Qaeda operatives are in Afghanistan?".
        max_docs: most documents read for one answer (BM25 hits plus the named entities' documents).

    Returns:
        An :class:`Answer`; its text is :data:`DONT_KNOW` and it has no citations when the
        store holds nothing relevant.

    Raises:
        QueryError: the question is empty or over :data:`~dossier.searchlang.MAX_QUERY_CHARS` characters.
    """
    if not question or not question.strip():
        raise QueryError('Question is empty; ask something, e.g. "Who attended the Moscow meeting?"')
    if len(question) > MAX_QUERY_CHARS:
        raise QueryError(f"Question is {len(question):,} characters long, over the limit of {MAX_QUERY_CHARS:,}; "
                         "ask it in fewer words.")
    src = Sources(store, max_docs=max_docs)
    q = parse_question(question.strip(), src.rows())
    if not q.terms or src.unknown_names(q):
        log.debug("ask: no answer for %r (unknown names or no content words)", question)
        return Answer(q.text, DONT_KNOW, (), q.intent, "none")
    src.retrieve(q)
    composer = _COMPOSERS.get(q.intent)
    answer = composer(src, q) if composer else None
    if answer is None and q.intent not in ("quotes",):
        answer = _passages(src, q)
    return answer or Answer(q.text, DONT_KNOW, (), q.intent, "none")
