"""What the entity repair rules share: the span record, English word classes, a few token tests.

:class:`WordClasses` holds the pipeline lemmatizer's own WordNet index (no word list of ours);
:func:`key` is the surface form one type per document is voted for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

from dossier.extract.roles import HONORIFICS, TITLE_WORDS

__all__ = ["OPENERS", "POSSESSIVE", "TITLES", "TYPED", "Found", "WordClasses", "common_word", "has_capital", "key",
           "lowercase_words", "sentence_initial", "word_classes"]

#: (start token, end token, label, gazetteer key, method): one entity span of the fixer.
Found = tuple[int, int, str, str, str]

#: Labels the document vote may move a mention between.
TYPED = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "NORP", "EVENT"})
TITLES = HONORIFICS | TITLE_WORDS | {w.rstrip(".") for w in HONORIFICS | TITLE_WORDS}
POSSESSIVE = frozenset({"'s", "\u2019s"})
OPENERS = frozenset({'"', "\u201c", "\u2018", "'", "(", "[", "-", "\u2013", "\u2014", ":"})


@dataclass(frozen=True, slots=True)
class WordClasses:
    """Lowercase English words by part of speech, from the lemmatizer's WordNet index."""

    verbs: frozenset[str] = frozenset()
    adjectives: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    common: frozenset[str] = frozenset()  # all three

    def is_verb_form(self, word: str) -> bool:
        """"questioning", "injected", "asks": an inflected form of a known verb."""
        for suffix in ("ing", "ed"):
            if word.endswith(suffix) and len(word) > len(suffix) + 2:
                stem = word[: -len(suffix)]
                if {stem, stem + "e", stem[:-1]} & self.verbs:
                    return True
        return word in self.verbs and word not in self.nouns


def word_classes(nlp: Any) -> WordClasses:
    """The word classes of a pipeline's lemmatizer (empty classes without one)."""
    lemmatizer = nlp.get_pipe("lemmatizer") if nlp is not None and "lemmatizer" in nlp.pipe_names else None
    tables = getattr(lemmatizer, "lookups", None)
    if tables is None or not tables.has_table("lemma_index"):
        return WordClasses()
    index = tables.get_table("lemma_index")

    def words(pos: str) -> frozenset[str]:
        return frozenset(index[pos]) if pos in index else frozenset()

    verbs, adjectives, nouns = words("verb"), words("adj"), words("noun")
    return WordClasses(verbs=verbs, adjectives=adjectives, nouns=nouns, common=verbs | adjectives | nouns)


def sentence_initial(doc: Doc, i: int) -> bool:
    """The first word of a sentence or line, past any opening quote or bracket."""
    while i > 0 and doc[i - 1].text in OPENERS:
        i -= 1
    return i == 0 or bool(doc[i].is_sent_start) or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_


def lowercase_words(doc: Doc) -> set[str]:
    """Words the document writes in lowercase somewhere (its common nouns, verbs…)."""
    return {t.text for t in doc if t.text.islower() and t.is_alpha}


def has_capital(doc: Doc, start: int, end: int) -> bool:
    return any(c.isupper() or c.isdigit() for c in doc[start:end].text)


def key(doc: Doc, start: int, end: int) -> str:
    words = [t.lower_ for t in doc[start:end] if t.text not in POSSESSIVE]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def common_word(word: str, words: WordClasses, lower: set[str]) -> bool:
    """A word the document writes lowercase, or an adjective that is nothing else ("crooked");
    the lexicon's nouns and verbs include given names ("bill", "douglas", "chandler")."""
    return word in lower or (word in words.adjectives and word not in words.nouns and word not in words.verbs)
