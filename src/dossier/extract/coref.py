"""In-document reference: which named mention a pronoun or a definite description stands for.

One resolver for quote speakers (:mod:`~dossier.extract.quotes_speaker`) and event actors and
targets (:mod:`~dossier.extract.event_args`). It answers two questions:

1. **What can this word refer to?** (:func:`referring_kind`) A personal pronoun ("he", "she")
   refers to a PERSON; "they"/"them" to a group (ORG, or NORP: "the Afghans"); "it" to an
   organisation or a country (ORG, GPE); a definite description with no name of its own:
   a group noun ("the group", "the militants", "the rebels": ORG, and NORP when plural) or an
   institution noun ("the army", "the government", "the police": an earlier mention whose
   name holds that noun, "Colombian Army" for "the army").
2. **Which earlier mention?** (:func:`nearest`) The nearest preceding mention of a compatible
   type (number, animacy, entity type), within a window; the caller may add salience first
   (events: the subject of the clause above, a mention in subject position, an earlier phrase
   with the same head noun, as "the Colombian army … the army").

No word in these lists names an actor: they are English function words and common nouns.
The local mention ("they") stays the provenance; the named mention is the antecedent.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from dossier.extract.records import Mention

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["GROUP_NOUNS", "GROUP_PRONOUNS", "INSTITUTION_NOUNS", "LABELS", "PERSON_PRONOUNS", "compatible",
           "description_kind", "nearest", "referring_kind"]

PERSON_PRONOUNS = frozenset({"he", "she", "him", "her"})
GROUP_PRONOUNS = frozenset({"they", "it", "them"})
#: heads of a definite description that stand for an organisation ("the group", "the militants")
GROUP_NOUNS = frozenset("""group organization organisation movement militia charity agency alliance
coalition network company firm outfit faction militant insurgent rebel""".split())
#: heads of a definite description that stand for an institution named with that word
#: ("the army" → "Colombian Army"; "the ministry" → "Ministry of Defence")
INSTITUTION_NOUNS = frozenset("""army military government police ministry navy regime council parliament
junta administration""".split())
#: entity labels each kind of referring word may take
LABELS: dict[str, frozenset[str]] = {
    "person": frozenset({"PERSON"}),
    "plural": frozenset({"ORG", "NORP"}),  # they, them, the militants
    "group": frozenset({"ORG"}),  # the group, the organization
    "it": frozenset({"ORG", "GPE"}),
    "institution": frozenset({"ORG", "GPE", "NORP"}),
}
_DETERMINERS = frozenset({"the", "this"})


def description_kind(token: Token, *, institutions: bool = True) -> str | None:
    """``group``/``plural`` for "the group"/"the militants", ``institution`` for "the army";
    None for anything else, or a description with a name of its own ("the Taliban militants")."""
    lemma = token.lemma_.lower()
    if lemma not in GROUP_NOUNS and not (institutions and lemma in INSTITUTION_NOUNS):
        return None
    if not any(c.lower_ in _DETERMINERS and c.dep_ == "det" for c in token.children):
        return None
    if any(c.pos_ == "PROPN" or c.ent_type_ for c in token.children if c.dep_ in ("compound", "amod")):
        return None
    if lemma in GROUP_NOUNS:
        return "plural" if token.tag_ == "NNS" else "group"
    return "institution"


def referring_kind(token: Token, *, institutions: bool = True) -> str | None:
    """The kind of referent a pronoun or definite description needs (see :data:`LABELS`), or None."""
    lower = token.lower_
    if lower in PERSON_PRONOUNS:
        return "person"
    if lower in ("they", "them"):
        return "plural"
    if lower == "it":
        return "it"
    return description_kind(token, institutions=institutions)


def compatible(kind: str, mention: Mention, head: str = "") -> bool:
    """May ``mention`` be what a referring word of ``kind`` (with head noun ``head``) stands for?"""
    if mention.label not in LABELS[kind]:
        return False
    if kind == "institution":
        words = {w.casefold().strip(".,'’") for w in (mention.name or mention.text).split()}
        return head in words or f"{head}s" in words
    return True


def nearest(mentions: Sequence[Mention], starts: Sequence[int], before: int, kind: str, *, head: str = "",
            floor: int | None = None, skip: Callable[[Mention], bool] | None = None) -> Mention | None:
    """The nearest mention starting before ``before`` compatible with ``kind``.

    Args:
        mentions, starts: the document's mentions sorted by start, and their starts.
        floor: do not look at mentions starting before this offset (a window).
        skip: mentions that may not be antecedents (quotes: mentions inside quotation marks).
    """
    for k in range(bisect.bisect_left(starts, before) - 1, -1, -1):
        mention = mentions[k]
        if floor is not None and mention.span.start < floor:
            break
        if skip is not None and skip(mention):
            continue
        if compatible(kind, mention, head):
            return mention
    return None
