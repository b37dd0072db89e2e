"""Cue verbs and their speakers, read from the dependency parse.

A *cue* links content to a source: a speech verb (``said``, ``told``, ``stressed``…), a
verb of belief for reported speech (``believes``), or the preposition ``according to``.
The lexicon is ``dossier/data/cue_verbs.txt`` (lemma, kind). The speaker is the cue's
``nsubj``; a participle cue (``…, adding that…``, ``insisting that…``) borrows the subject
of the verb it hangs from, as in PARC 3.0's attribution guidelines (Pareti 2016), and the
subject of the main clause when the parser hung it on a relative clause.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Cue", "cue_kind", "find_according_to", "load_cues", "put_to_subject", "relative_pronoun", "subject_of",
           "subject_span"]

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
BORROW_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "acl", "relcl"})
NP_LEFT_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "nummod", "case", "punct",
                          "quantmod", "npadvmod", "advmod"})
NP_RIGHT_DEPS = frozenset({"compound", "flat", "case", "prep", "pobj", "nummod"})
NP_PREPS = frozenset({"of", "to", "for", "at", "from", "in"})
ACCORDING = frozenset({"according", "accord"})


@dataclass(frozen=True, slots=True)
class Cue:
    """A cue token, its kind, the subject token (or None) and how it was found."""

    verb: Token
    kind: str
    subject: Token | None
    rule: str


@functools.lru_cache(maxsize=1)
def load_cues() -> dict[str, str]:
    """The cue lexicon: lemma → kind (speech, object, cognition)."""
    text = resources.files("dossier.data").joinpath("cue_verbs.txt").read_text(encoding="utf-8")
    cues: dict[str, str] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            lemma, kind = line.split("\t")
            cues[lemma.strip()] = kind.strip()
    return cues


def cue_kind(token: Token) -> str | None:
    """The cue kind of a verb token, or None when it is not a cue."""
    if token.pos_ not in ("VERB", "AUX") and not (token.pos_ == "NOUN" and token.tag_ in ("VBZ", "VBD")):
        return None
    if token.lower_ in ACCORDING:
        return None
    kind = load_cues().get(token.lemma_.lower())
    if kind is None and token.lower_ in ("says", "said"):
        kind = "speech"
    if kind is None and token.lemma_.lower() == "quote" and any(c.dep_ == "auxpass" for c in token.children) and any(
            c.lower_ == "as" and any(g.lemma_.lower() in ("say", "tell") for g in c.children)
            for c in token.children):
        kind = "speech"  # "Pompeo was quoted as saying …": Pompeo speaks
    return kind


def subject_of(verb: Token, *, skip: Callable[[Token], bool] | None = None) -> Token | None:
    """The subject of a cue: its own nsubj, else the subject of the verb it hangs from.

    ``skip`` rejects candidates (e.g. words inside quotes). An ``xcomp`` with an object
    above it takes that object ("led the journalist to fear…"); a relative pronoun gives
    the noun it stands for. A subject in another paragraph is a parse error and is refused.
    """
    seen = 0
    token: Token | None = verb
    if _participle_after_relative(verb):  # "Trump defended not paying an architect who said…, saying “…”"
        root = verb.sent.root
        subjects = [c for c in root.children if c.dep_ in SUBJECT_DEPS and not (skip and skip(c))]
        if subjects and subjects[0].i < verb.i and _same_paragraph(subjects[0], verb):
            return subjects[0]
    while token is not None and seen < 4:
        subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS and not (skip and skip(c))
                    and c.ent_type_ not in ("DATE", "TIME")]
        if subjects:
            subject = subjects[0]
            if subject.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                subject = token.head
            return subject if _same_paragraph(subject, verb) else None
        if token.dep_ == "xcomp":
            objects = [c for c in token.head.children if c.dep_ == "dobj" and c.i < token.i]
            if objects:
                return objects[0] if _same_paragraph(objects[0], verb) else None
        if token.dep_ == "agent" or (token.dep_ not in BORROW_DEPS):
            break
        if token.dep_ == "relcl" and token.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return token.head
        token = token.head if token.head is not token else None
        seen += 1
    return None


def put_to_subject(verb: Token) -> bool:
    """A participle cue with no subject of its own in an adverbial clause ("X said when asked
    whether…", "if pressed on…"): the question was put to the subject above, who did not ask it."""
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def relative_pronoun(verb: Token, subject: Token) -> Token | None:
    """The relative pronoun that stands for ``subject`` as the cue's subject
    ("Greenpeace, *which* said…"), when :func:`subject_of` gave the noun it refers to."""
    token = verb
    for _ in range(4):
        pronouns = [c for c in token.children if c.dep_ in SUBJECT_DEPS and c.tag_ in ("WDT", "WP")]
        if pronouns and token.dep_ == "relcl" and token.head.i == subject.i:
            return pronouns[0]
        if pronouns or token.dep_ not in BORROW_DEPS or token.head.i == token.i:
            return None
        token = token.head
    return None


def _participle_after_relative(verb: Token) -> bool:
    """``…, saying`` hung by the parser on a relative clause: it belongs to the main clause."""
    doc = verb.doc
    return bool(verb.tag_ == "VBG" and verb.dep_ == "advcl" and verb.head.dep_ == "relcl"
                and verb.i > 0 and doc[verb.i - 1].text == ",")


def _same_paragraph(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.i, b.i))
    return not any("\n" in t.text or "\n" in t.whitespace_ for t in a.doc[lo:hi])


def subject_span(subject: Token) -> tuple[int, int]:
    """Token range [start, end) of the subject's noun phrase (no relative or appositive clauses)."""
    start = subject.i
    for child in subject.lefts:
        if child.dep_ in NP_LEFT_DEPS and not (child.dep_ == "punct" and child.text in ",;:"):
            start = min(start, child.left_edge.i)
    end = _np_end(subject)
    if subject.ent_iob_ != "O":
        ent = next((e for e in subject.doc.ents if e.start <= subject.i < e.end), None)
        if ent is not None:
            start, end = min(start, ent.start), max(end, ent.end)
    doc = subject.doc
    while start < subject.i and doc[start].is_punct:
        start += 1
    return start, end


def _np_end(token: Token, depth: int = 0) -> int:
    """End (exclusive) of a noun phrase: compounds and short ``of``/``to`` phrases, no clauses."""
    end: int = token.i + 1
    for child in token.rights:
        if child.left_edge.i != end or depth > 3:
            break
        if child.dep_ in ("compound", "flat", "case", "pobj") or (
                child.dep_ == "prep" and child.lower_ in NP_PREPS):
            end = _np_end(child, depth + 1)
        else:
            break
    return end


def find_according_to(doc: Doc, lo: int, hi: int) -> tuple[Token, Token] | None:
    """``according to X`` between tokens lo and hi: (the 'according' token, X's head)."""
    for token in doc[lo:hi]:
        if token.lower_ != "according" or token.i + 1 >= len(doc) or doc[token.i + 1].lower_ != "to":
            continue
        to = doc[token.i + 1]
        objects = [c for c in to.children if c.dep_ == "pobj"]
        if not objects:
            objects = [c for c in token.children if c.dep_ == "pobj"]
        if objects:
            return token, objects[0]
        nxt = token.i + 2
        if nxt < len(doc) and doc[nxt].pos_ in ("PROPN", "NOUN", "PRON", "DET"):
            head = doc[nxt]
            while head.head.i > head.i and head.head.i < hi and head.dep_ in NP_LEFT_DEPS:
                head = head.head
            return token, head
    return None
