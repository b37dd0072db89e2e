"""Noun phrases round a number: what it counts, who owns it, which clause it sits in.

Helpers for :mod:`dossier.extract.quantities`, reading the dependency parse and tags of a Doc.
"""

from __future__ import annotations

from typing import Any

from dossier.extract.numgroups import is_numeral
from dossier.extract.numwords import MONTHS, TIME_UNITS, VAGUE

__all__ = ["linked", "noun_phrase", "phrase", "possessor"]

_NP_POS = frozenset({"NOUN", "PROPN", "ADJ"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_DETERMINERS = frozenset({"the", "those", "these", "its", "their", "his", "her", "our", "your", "my", "this",
                          "that", "all", "whose"})
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_VAGUE_FIRST = frozenset(words[0] for words in VAGUE)
_PREPOSITIONAL = frozenset({"including", "excluding", "following", "according", "regarding", "concerning",
                            "involving", "considering", "pending", "barring"})
_OBJECT_DEPS = frozenset({"dobj", "npadvmod", "acomp", "attr", "conj", "appos"})


def possessor(sdoc: Any, head: int) -> str | None:
    """ "Al-Qaeda has 400 to 600 operatives": the named owner of what is counted."""
    tok = sdoc[head]
    if tok.dep_.startswith("nsubj"):
        return None
    for _ in range(3):
        if tok.head.i == tok.i or tok.dep_ not in _OBJECT_DEPS:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            if tok.lemma_ != "have":
                return None
            subjects = [c for c in tok.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
            if not subjects:
                return None
            subj = subjects[0]
            if subj.ent_type_ in ("ORG", "NORP", "GPE"):
                for ent in sdoc.ents:
                    if ent.start <= subj.i < ent.end:
                        return str(ent.text)
            return str(sdoc[subj.left_edge.i:subj.i + 1].text)
    return None


def noun_phrase(sdoc: Any, i: int, *, partitive: bool = False) -> tuple[int, int, int] | None:
    """The noun phrase starting at token ``i``: (first token, head token, end token).

    Adjectives, compounds and proper nouns lead to the head noun; "and"/"or" joins modifiers
    ("American and coalition lives": head "lives") or whole nouns ("Americans and legal
    permanent residents": head "Americans", the phrase runs to "residents"). With
    ``partitive`` (after "of") a determiner may lead ("the country") or a pronoun stand alone.
    """
    n, j = len(sdoc), i
    if partitive:
        while j < n and (sdoc[j].lower_ in _DETERMINERS or sdoc[j].tag_ == "PRP$"):
            j += 1
        if j < n and sdoc[j].pos_ == "PRON" and j == i and not sdoc[j].tag_.startswith("W"):
            return i, j, j + 1
    segments: list[list[int]] = [[]]
    while j < n and j - i < 10:
        tok = sdoc[j]
        if j > i and tok.is_sent_start or tok.ent_type_ in ("DATE", "TIME") and tok.lemma_.lower() not in TIME_UNITS \
                or tok.lower_ in MONTHS \
                or tok.lower_ in _WEEKDAYS or is_numeral(tok) or tok.lower_ in _VAGUE_FIRST:
            break
        nxt = sdoc[j + 1] if j + 1 < n else None
        if tok.is_space and "\n" not in tok.text:
            pass
        elif tok.tag_ in ("NN", "NNP") and segments[-1] and sdoc[segments[-1][-1]].tag_ in ("NNS", "NNPS"):
            break  # "two suicide bombings part of": a singular noun after a plural head starts anew
        elif tok.pos_ == "ADJ" and segments[-1] and sdoc[segments[-1][-1]].tag_ in ("NN", "NNS"):
            break  # "8,600 troops last week": an adjective after the head noun starts another phrase
        elif tok.pos_ in _NP_POS or tok.lower_ == "other" or tok.tag_ == "POS" and segments[-1]:
            segments[-1].append(j)
        elif tok.tag_ in ("VBN", "VBG") and tok.dep_ != "prep" and tok.lower_ not in _PREPOSITIONAL \
                and nxt is not None and (nxt.pos_ in _NOUNS or nxt.pos_ == "ADJ" and tok.dep_ in ("amod", "compound")):
            segments[-1].append(j)
        elif tok.text == "-" and segments[-1] and not tok.whitespace_ and not sdoc[j - 1].whitespace_:
            segments[-1].append(j)
        elif tok.lower_ in ("and", "or", "&") and segments[-1] and nxt is not None and nxt.pos_ in _NP_POS \
                and not is_numeral(nxt):
            segments.append([])
        else:
            break
        j += 1
    head: int | None = None
    end = i
    for k, seg in enumerate(segments):
        nouns = [x for x in seg if sdoc[x].pos_ in _NOUNS]
        if not nouns:
            if head is not None:
                break
            continue
        if head is None:
            last = sdoc[nouns[-1]]
            modifier = last.tag_ == "NNP" and seg[-1] == nouns[-1] and k + 1 < len(segments) and bool(segments[k + 1])
            if modifier:
                continue
            head = nouns[-1]
        end = nouns[-1] + 1
    if head is None:
        return None
    return i, head, end


def phrase(sdoc: Any, start: int, end: int) -> str:
    """Tokens ``[start, end)`` as one line: whitespace runs (no-break spaces, newlines) become one space."""
    return " ".join(sdoc[start:end].text.split())


def _verb(tok: Any) -> Any:
    for t in (tok, *tok.ancestors):
        if t.pos_ in ("VERB", "AUX"):
            return t
    return None


def linked(first: Any, second: Any) -> bool:
    """Whether two tokens sit in the same or coordinated clauses ("killed 60 … and wounded 140")."""
    if second.dep_ == "conj":
        return True  # "including 11 Marines and one Navy medic, and 15 injured": a coordinated number
    a, b = _verb(first), _verb(second)
    if a is None or b is None:
        return False
    if a == b:
        return True
    return bool(b.dep_ == "conj" and (b.head == a or b.head.is_ancestor(a))
                or a.dep_ == "conj" and (a.head == b or a.head.is_ancestor(b)))
