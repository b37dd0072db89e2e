"""The PLOVER cue lexicon (``data/plover_cues.tsv``): which verbs and nouns name which event.

Types and modes follow PLOVER (Schrodt et al., *PLOVER manual* Draft 0.8, 17 September 2021;
github.com/openeventdata/PLOVER, ``CAMEO2PLOVER-2021.txt``). The TSV's header lists the few
modes we added and why. A cue is one lemma, or two words: a verb with a particle or
preposition child ("pull out", "call for"), or a noun with a compound/amod modifier
("drone strike"); the two-word cue wins.

Example::

    >>> lexicon = load_lexicon()
    >>> lexicon.lookup("withdraw", "V")[0].type
    'RETREAT'
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from dossier.errors import ConfigError

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["PLOVER_TYPES", "Cue", "CueLexicon", "load_lexicon"]

#: The 16 PLOVER 2021 event types, cooperative first (as the manual orders them).
PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
                "DEMAND", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT")
_CONDS = frozenset({"", "mil", "obj", "hum", "subj"})
#: Heads that make a subject "military" for ``mil`` cues (leave, exit, depart, surge).
MILITARY_HEADS = frozenset({"troop", "troops", "force", "forces", "soldier", "soldiers", "marine", "marines",
                            "personnel", "military", "army", "contingent", "mission", "coalition", "nato",
                            "servicemember", "servicemembers", "member", "members"})
_PARTICLE_DEPS = frozenset({"prt", "prep", "agent"})
_MODIFIER_DEPS = frozenset({"compound", "amod", "nmod"})


@dataclass(frozen=True, slots=True)
class Cue:
    """One lexicon row: ``words`` is the lemma (and its particle/modifier) that names the event."""

    words: tuple[str, ...]
    pos: str  # "V" | "N"
    type: str
    mode: str | None
    cond: str = ""

    @property
    def head(self) -> str:
        """The lemma the cue is keyed by: the verb of "pull out", the noun of "drone strike"."""
        return self.words[0] if self.pos == "V" else self.words[-1]


class CueLexicon:
    """Cue lookup by (lemma, part of speech) with two-word cues checked against the parse."""

    def __init__(self, cues: Sequence[Cue]) -> None:
        self.cues = tuple(cues)
        self._index: dict[tuple[str, str], list[Cue]] = {}
        for cue in cues:
            self._index.setdefault((cue.head, cue.pos), []).append(cue)
        for found in self._index.values():
            found.sort(key=lambda c: -len(c.words))

    def lookup(self, lemma: str, pos: str) -> list[Cue]:
        """Every cue keyed by ``lemma`` for ``pos`` ("V" or "N"), two-word cues first."""
        return list(self._index.get((lemma.lower(), pos), ()))

    def match(self, token: Token) -> Cue | None:
        """The cue a token is, given its children in the parse; None when it is none."""
        pos = _pos(token)
        if pos is None:
            return None
        lemma = token.lemma_.lower()
        candidates = self.lookup(lemma, pos) or (self.lookup(token.lower_, pos) if pos == "N" else [])
        for cue in candidates:
            if len(cue.words) == 1:
                return cue
            other = cue.words[1] if pos == "V" else cue.words[0]
            deps = _PARTICLE_DEPS if pos == "V" else _MODIFIER_DEPS
            if any(c.dep_ in deps and c.lower_ == other for c in token.children):
                return cue
            if pos == "N" and token.i > 0 and token.doc[token.i - 1].lower_ == other:
                return cue
        return None


def _pos(token: Token) -> str | None:
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ == "ROOT" and token.lemma_ != "be"):
        return "V"
    if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.lower_ in {"ceasefire", "talks"}):
        return "N"
    return None


def parse_lexicon(text: str, *, where: str = "plover_cues.tsv") -> CueLexicon:
    """Read the TSV format described in ``data/plover_cues.tsv`` into a :class:`CueLexicon`."""
    cues = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t") + ["", ""]
        words, pos, type_, mode, cond = cols[0], cols[1], cols[2], cols[3], cols[4]
        if pos not in ("V", "N") or type_ not in PLOVER_TYPES or cond not in _CONDS:
            raise ConfigError(f"Cue lexicon {where} line {number} is malformed ({line!r}); "
                              f"use cue<TAB>V|N<TAB>PLOVER type<TAB>mode<TAB>cond.")
        cues.append(Cue(tuple(words.lower().split()), pos, type_, mode or None, cond))
    return CueLexicon(cues)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> CueLexicon:
    """The shipped lexicon, parsed once per process."""
    text = resources.files("dossier.data").joinpath("plover_cues.tsv").read_text(encoding="utf-8")
    return parse_lexicon(text)
