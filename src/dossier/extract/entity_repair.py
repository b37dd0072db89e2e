"""Noise filter and document-level type repair for the model's entity spans.

The sm model reads shape and a few words of context; on general news it tags a town
PERSON in one sentence and ORG in the next, keeps a sentence-initial verb in a name
("Questioning Vindman"), takes lowercase words for names ("gaunt", "potential exchange")
and a family ("the Bidens") for a place. :func:`repair` runs inside
:class:`~dossier.extract.entities.EntityFixer`, on its token spans, after the boundary,
acronym and surname rules, in this order:

1. noise: spans with no capital letter (nor digit), a leading "a"/"an", a sentence-initial
   common word alone ("Smoke rose…") are dropped or trimmed; a sentence-initial verb glued
   to a name is cut off ("Questioning Vindman" → "Vindman");
2. splits: a span running across a sentence or line boundary, or a place/headline word
   glued to a person named in full elsewhere ("Ukraine Kurt Volker" → "Ukraine" +
   "Kurt Volker");
3. types, one per surface string per document (Gale, Church & Yarowsky's one sense per
   discourse): every mention votes with its model label (1), context cues vote stronger
   ("the town of X", "X's mayor", "in X" → GPE; a title before it → PERSON; "X Ltd",
   "X company" → ORG; 3, locatives 2), a gazetteer match decides; a plural family name
   ("Bidens") of a person named in the document is PERSON (:mod:`dossier.extract.entity_types`).

What the steps share (the span record, the lemmatizer's word classes) is in
:mod:`dossier.extract.entity_words`.

Nothing here is fitted to one story: the cues are English function words and generic
nouns, the word classes come from the pipeline's own lemmatizer tables. Spans stay token
spans of the ``Doc``, so character offsets stay exact.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from spacy.tokens import Doc

from dossier.extract.entity_types import PLACE as _PLACE
from dossier.extract.entity_types import cue as _cue
from dossier.extract.entity_types import plural_families as _plural_families
from dossier.extract.entity_types import retype as _retype
from dossier.extract.entity_words import TITLES as _TITLES
from dossier.extract.entity_words import TYPED, Found, WordClasses, word_classes
from dossier.extract.entity_words import common_word as _common_word
from dossier.extract.entity_words import has_capital as _has_capital
from dossier.extract.entity_words import key as _key
from dossier.extract.entity_words import lowercase_words as _lowercase_words
from dossier.extract.entity_words import sentence_initial as _sentence_initial

__all__ = ["Found", "WordClasses", "repair", "word_classes"]

_DEMONYM = ("ian", "ean", "can", "ghan", "ese", "ish")  # adjective endings of peoples; not "-stan"
_AGENT = ("er", "or", "ist", "ant", "ent", "man", "woman")  # "Defender", "Striker", "Analyst"
_ARTICLES = frozenset({"a", "an"})


def _denoise(doc: Doc, item: Found, words: WordClasses, lower: set[str]) -> Found | None:
    """The span trimmed of a glued article or verb; None when it is no name at all."""
    start, end, label, key, method = item
    if key:
        return item
    if not _has_capital(doc, start, end):
        return None  # "gaunt", "potential exchange", "n't"
    if end - start > 1 and doc[start].text in _ARTICLES:
        start, method = start + 1, "rule"  # "a Mitt Romney"
    first = doc[start]
    if _sentence_initial(doc, start) and first.is_title and first.lower_ not in _TITLES:
        common = first.lower_ in lower or (first.tag_ not in ("NNP", "NNPS") and first.lower_ in words.verbs)
        if end - start == 1 and common and label != "NORP":  # "Afghan", "Republican" stay
            return None  # "Smoke rose over…", "Select the…"
        verb = first.tag_.startswith("VB") or first.lower_.endswith("ing")
        if end - start > 1 and verb and words.is_verb_form(first.lower_) and doc[start + 1].is_title:
            start, method = start + 1, "rule"  # "Questioning Vindman" → "Vindman"
        elif (label == "PERSON" and end - start > 2 and first.lower_ in words.nouns
              and first.lower_.endswith(_AGENT)
              and all(t.is_title and t.pos_ == "PROPN" for t in doc[start + 1:end])
              and doc[start + 1].lower_ not in words.common):
            start, method = start + 1, "rule"  # "Defender Hassan Abbas": a role in front of the name
    if not _has_capital(doc, start, end):
        return None
    if (end - start == 1 and label != "NORP" and first.lower_ in lower and first.lower_ in words.adjectives
            and first.lower_ not in words.nouns and not (end < len(doc) and doc[end].is_title)):
        return None  # "General", "Central" alone, in a document that writes "general", "central"
    if label == "GPE" and all(t.tag_ == "JJ" and t.lower_.endswith(_DEMONYM) for t in doc[start:end]):
        label, method = "NORP", "rule"  # "Ukrainian officials": a place's name is no adjective
    return (start, end, label, key, method)


def _glued_cut(doc: Doc, start: int, end: int, persons: set[str], labels: dict[str, str],
               words: WordClasses, lower: set[str]) -> int | None:
    """Where a person's name starts inside a longer span: the rest is a person named in full
    elsewhere and the head is common words ("Miss Universe Alicia Machado"), or the head is a
    place of the document and the rest two or more name-like words ("for Ukraine Kurt Volker")."""
    common = words.common
    for k in range(start + 1, end - 1):
        head = doc[start:k]
        if _key(doc, k, end) in persons and all(_common_word(t.lower_, words, lower) for t in head):
            return k  # not "Osama bin Laden" after "bin Laden", nor "Bill de Blasio" after "de Blasio"
        tail = doc[k:end]
        if labels.get(_key(doc, start, k)) in ("GPE", "LOC") and all(
                t.is_title and t.pos_ == "PROPN" and not {t.lower_, t.lemma_.lower()} & common for t in tail):
            return k
    return None


def _split(doc: Doc, items: list[Found], words: WordClasses, lower: set[str]) -> list[Found]:
    """Cut spans at sentence and line boundaries, and a glued head word off a person's name."""
    persons = {_key(doc, s, e) for s, e, lab, *_ in items if lab == "PERSON" and e - s >= 2}
    labels = {_key(doc, s, e): lab for s, e, lab, *_ in items}
    out: list[Found] = []
    for start, end, label, key, method in items:
        if key:
            out.append((start, end, label, key, method))
            continue
        cuts = [k for k in range(start + 1, end)
                if doc[k].is_sent_start or "\n" in doc[k - 1].whitespace_ or doc[k].is_space]
        glued = _glued_cut(doc, start, end, persons, labels, words, lower) if not cuts and end - start >= 3 else None
        if glued is not None:
            out.append((glued, end, "PERSON", "", "rule"))
            if _key(doc, start, glued) in labels:
                out.append((start, glued, labels[_key(doc, start, glued)], "", "rule"))
            continue
        if not cuts:
            out.append((start, end, label, key, method))
            continue
        bounds = [start, *cuts, end]
        parts = [(a + doc[a].is_space, b) for a, b in zip(bounds, bounds[1:], strict=False)]
        parts = [(a, b) for a, b in parts if a < b and _has_capital(doc, a, b)]
        longest = max(parts, key=lambda p: p[1] - p[0], default=None)
        for a, b in parts:  # the longest part keeps the label, another one only a label seen elsewhere
            own = label if (a, b) == longest else labels.get(_key(doc, a, b))
            if own is not None:
                out.append((a, b, own, "", "rule"))
    return out


_LINK_WORDS = frozenset({"of", "and", "&", "-", "de", "du", "al", "bin", "van", "von", "la", "le", "the", "for"})
_FUNCTION = frozenset({"in", "on", "at", "to", "by", "as", "after", "over", "with", "from", "into", "a", "an",
                       "is", "are", "was", "be", "vs", "vs.", "says", "said"})
#: A title-case (or capitals) line: this share of its words capitalised, of at least three.
_TITLE_SHARE, _TITLE_MIN = 0.85, 3
#: Running text a document needs before its headline words are judged by it (lowercase words).
_RUNNING_MIN = 20


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the document's lines."""
    out, start = [], 0
    for t in doc:
        if t.is_space and "\n" in t.text:
            out.append((start, t.i))
            start = t.i + 1
        elif "\n" in t.whitespace_:
            out.append((start, t.i + 1))
            start = t.i + 1
    out.append((start, len(doc)))
    return [(a, b) for a, b in out if a < b]


def _is_title_line(doc: Doc, start: int, end: int) -> bool:
    words = [t for t in doc[start:end] if t.is_alpha and t.lower_ not in _LINK_WORDS | _FUNCTION]
    return len(words) >= _TITLE_MIN and sum(t.is_title or t.is_upper for t in words) >= _TITLE_SHARE * len(words)


def _common_form(word: str, words: WordClasses, lower: set[str]) -> bool:
    """A word the document writes lowercase, or an English word or its inflection ("returns", "picked")."""
    if word in lower or word in words.common or words.is_verb_form(word):
        return True
    return any(word.endswith(end) and word[: -len(end)] in words.common for end in ("s", "es"))


def _headline_words(doc: Doc, items: list[Found], words: WordClasses, lower: set[str]) -> list[Found]:
    """Names in title-case or capitals lines (headlines) cut to the words the story writes as names.

    In "Sixers Hire Maurice Cheeks" or "Woman Killed In Queens Hit-And-Run" every word is
    capitalised, and the model glues verbs and nouns to names. A word of such a line that the
    document's running text never writes capitalised (outside a line start) and that is a
    common English word, or one the document writes lowercase, is no part of a name there:
    the span is cut at it ("Hire Maurice Cheeks" → "Maurice Cheeks"); a span of nothing else
    goes ("DRUNK DRIVER"). Only for documents with running text to judge by.
    """
    lines = _lines(doc)
    titles = [(a, b) for a, b in lines if _is_title_line(doc, a, b)]
    if not titles:
        return items
    in_title = {i for a, b in titles for i in range(a, b)}
    running = [t for t in doc if t.i not in in_title and t.is_alpha]
    if sum(t.is_lower for t in running) < _RUNNING_MIN:
        return items
    named = {t.lower_ for t in running if t.text[:1].isupper() and not _sentence_initial(doc, t.i)}
    labels = {_key(doc, s, e): lab for s, e, lab, *_ in items if s not in in_title}
    out: list[Found] = []
    for item in items:
        start, end, label, key, method = item
        if key or start not in in_title:
            out.append(item)
            continue

        def kind(t: Any) -> str:
            if t.lower_ in named or not t.is_alpha:
                return "name" if not t.is_punct or t.text in _LINK_WORDS else "link"
            if t.lower_ in _LINK_WORDS | _FUNCTION:
                return "link" if t.lower_ in _LINK_WORDS else "cut"
            return "cut" if _common_form(t.lower_, words, lower) else "name"

        kinds = [kind(t) for t in doc[start:end]]
        if "cut" not in kinds:
            out.append(item)
            continue
        runs: list[tuple[int, int]] = []
        i = 0
        while i < len(kinds):
            if kinds[i] != "name":
                i += 1
                continue
            j = i
            while j + 1 < len(kinds) and (kinds[j + 1] == "name" or (
                    kinds[j + 1] == "link" and j + 2 < len(kinds) and kinds[j + 2] == "name")):
                j += 1
            runs.append((start + i, start + j + 1))
            i = j + 1
        runs = [(a, b) for a, b in runs if any(c.isalnum() for c in doc[a:b].text)]
        longest = max(runs, key=lambda r: r[1] - r[0], default=None)
        for a, b in runs:
            seen = labels.get(_key(doc, a, b))
            if (a, b) == longest or seen is not None:
                out.append((a, b, seen or label, "", "rule"))
    return out


_PROPER = frozenset({"NNP", "NNPS"})
_DOCUMENT_MIN = 40  # lowercase words a document needs before proper nouns the model left out are added


def _unlabelled_names(doc: Doc, items: list[Found], words: WordClasses, lower: set[str]) -> list[Found]:
    """Runs of proper nouns in running text that the model gave no entity ("coach of the
    Philadelphia 76ers", "the Indian Navy" read as "Indian" alone): added, typed like the same
    name elsewhere in the document, else by their context, else ORG. Not at a line or sentence
    start, not in headlines, not title words ("Coach"), not English words alone ("Privacy", "Treaty")
    nor words the document writes lowercase (so only in documents of some length); a people's
    adjective right before the run joins it ("Indian" + "Navy" → ORG)."""
    if sum(t.is_lower and t.is_alpha for t in doc) < _DOCUMENT_MIN or (
            doc.has_annotation("SENT_START") and sum(1 for _ in doc.sents) < 3):
        return items  # the "lowercase elsewhere" guard needs a document, not a sentence
    taken = {i for s, e, *_ in items for i in range(s, e)}
    taken |= {i for ent in doc.ents if ent.label_ not in TYPED for i in range(ent.start, ent.end)}
    titles = {i for a, b in _lines(doc) if _is_title_line(doc, a, b) for i in range(a, b)}
    labels = {_key(doc, s, e): lab for s, e, lab, *_ in items}

    def proper(t: Any) -> bool:
        return (t.tag_ in _PROPER and t.i not in taken and t.i not in titles
                and (t.is_alpha or t.text.replace(".", "").isalpha())
                and (t.is_title or t.is_upper or (t.text[:1].isdigit() and t.text[-1:].isalpha()))
                and t.lower_ not in _TITLES and t.lower_ not in lower and t.lower_ not in _LINK_WORDS | _FUNCTION)

    written: dict[str, int] = defaultdict(int)  # two common words written as a name again and again
    for k in range(1, len(doc) - 1):  # ("Internet Explorer")
        pair = doc[k:k + 2]
        if all(t.is_title for t in pair) and not _sentence_initial(doc, k) and k not in titles:
            written[_key(doc, k, k + 2)] += 1
    out = list(items)
    i = 0
    while i < len(doc):
        if not proper(doc[i]) or _sentence_initial(doc, i):
            i += 1
            continue
        j = i
        while j < len(doc) and not (j > i and _sentence_initial(doc, j)) and (proper(doc[j]) or (
                j > i and j not in taken and doc[j].text[:1].isdigit() and doc[j].text[-1:].isalpha())):
            j += 1  # "Philadelphia 76ers"
        start, end = i, j
        i = j
        joined = next((item for item in out if item[1] == start and item[2] in ("NORP", "GPE") and not item[3]
                       and end - start <= 2), None)  # "Indian" + "Navy", "Indianapolis" + "Colts"
        key = _key(doc, start, end)
        common = all(_common_form(t.lower_, words, lower) or not t.is_alpha for t in doc[start:end])
        if joined is None and common and (end - start < 2 or written.get(key, 0) < 3):
            continue  # "Privacy Policy", "Treaty", "Director": English words, capitalised on a page
        label = labels.get(key)
        if label is None:
            cue = _cue(doc, start, end, words)
            label = "GPE" if cue is None or cue[0] == _PLACE else cue[0]
            label = "ORG" if cue is None else label
        if joined is not None:
            out.remove(joined)
            out.append((joined[0], end, "ORG", "", "rule"))
        else:
            out.append((start, end, label, "", "rule"))
    return out


def repair(doc: Doc, found: list[Found], *, words: WordClasses) -> list[Found]:
    """The fixer's spans with the noise dropped, glued words split off and one type per name.

    Args:
        doc: the processed document (tags and sentence starts are read when present).
        found: the fixer's spans so far; gazetteer matches (a non-empty key) are kept as they are.
        words: the pipeline's word classes (:func:`word_classes`).

    Returns:
        Non-overlapping spans, in no particular order.
    """
    lower = _lowercase_words(doc)
    kept = [item for item in (_denoise(doc, f, words, lower) for f in found) if item is not None]
    kept = _split(doc, kept, words, lower)
    kept = _headline_words(doc, kept, words, lower)
    kept = _unlabelled_names(doc, kept, words, lower)
    kept = _plural_families(doc, kept)
    kept = _retype(doc, kept, words)
    seen: set[int] = set()
    out: list[Found] = []
    for item in sorted(kept, key=lambda f: (f[0], -f[1])):
        tokens = set(range(item[0], item[1]))
        if not tokens & seen:
            out.append(item)
            seen |= tokens
    return out

