"""Arguments of an event cue read off the dependency parse: actor, target, casualties, modality.

Rules (ClearNLP/spaCy English dependency labels):

- **actor**: the clause subject (``nsubj``), or the ``agent`` of a passive; a clause without
  a subject borrows its governor's (``xcomp`` "used car bombs *to attack*", participial
  ``advcl``, ``conj``); a relative clause's subject is its head noun. When the subject is
  not itself an entity, its modifiers are searched ("a *Taliban* ambush killed…",
  "*U.S.* troops") and then its ``of`` phrase ("members *of the Taliban*").
- **target**: the direct object, the passive subject, or the object of ``with/against/on/
  from/to`` ("talks *with U.S. officials*", "attack *on* a border post").
- **casualties**: the number on the object of kill/wound/injure/arrest/abduct verbs
  ("killing *two* Afghans and wounding *17* other Afghans" → killed 2, wounded 17).
- **modality**: the nearest operators on the path from the event to the sentence root:
  negation and refuse/decline/fail/deny → negated; could/might/would, "if", threaten →
  hypothetical; demand/urge/call for → demanded; will, schedule, plan, agree to, pledge →
  planned; a speech verb's complement or a quotation → reported (Saurí & Pustejovsky's
  FactBank, 2009, reduced to these six values).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from dossier.extract.coref import LABELS, compatible, nearest, referring_kind
from dossier.extract.doccache import has_sentences, sentences
from dossier.extract.numwords import parse_number
from dossier.extract.quotes_cues import cue_kind
from dossier.extract.records import Mention, Quantity
from dossier.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["CASUALTY_KEYS", "MentionIndex", "casualties", "modality", "number_on", "object_of", "subject_of"]

#: casualty verb lemma → quantity key
CASUALTY_KEYS = {"kill": "killed", "wound": "wounded", "injure": "wounded", "arrest": "arrested",
                 "detain": "arrested", "kidnap": "abducted", "abduct": "abducted", "evacuate": "evacuated",
                 "displace": "displaced", "murder": "killed", "slay": "killed", "execute": "killed"}
SUBJ = frozenset({"nsubj", "csubj"})
INHERIT = frozenset({"xcomp", "conj"})
TARGET_PREPS = frozenset({"against", "to", "toward", "towards"})
#: prepositions whose object is a target only for some types ("attack on", "withdraw from")
_WITH = frozenset({"with", "between"})
TYPE_PREPS = {"ASSAULT": frozenset({"on", "upon", "against", "with"}), "CONSULT": _WITH, "AGREE": _WITH,
              "COOPERATE": _WITH, "SUPPORT": _WITH, "SANCTION": frozenset({"on", "against"}),
              "RETREAT": frozenset({"from"}), "COERCE": frozenset({"on", "against"}),
              "DEMAND": frozenset({"of", "from"}), "ACCUSE": frozenset({"of"})}
ACTOR_MODS = frozenset({"compound", "amod", "poss", "nmod", "appos"})
RELATIVE = frozenset({"who", "which", "that", "whom"})
NEGATORS = frozenset({"refuse", "decline", "fail", "deny", "reject", "refute", "avoid", "stop"})
DEMANDERS = frozenset({"demand", "urge", "call", "ask", "press", "insist", "request", "want"})
PLANNERS = frozenset({"schedule", "plan", "expect", "due", "intend", "agree", "promise", "pledge", "vow",
                      "commit", "aim", "prepare", "seek", "hope", "decide", "set", "will", "shall", "likely",
                      "going", "propose", "offer", "try", "attempt", "suppose", "able", "ready", "consider",
                      "push"})
HYPOTHETICAL = frozenset({"could", "might", "may", "would", "should", "threaten", "can", "must"})
FUTURE = frozenset({"will", "shall", "'ll"})
_STOP_UP = frozenset({"relcl", "acl", "appos", "parataxis"})
_MODALITY_ORDER = ("negated", "hypothetical", "demanded", "reported", "planned", "asserted")


class MentionIndex:
    """Entity mentions looked up by token: which mention covers token ``i``; a pronoun or a
    definite description takes the mention it refers to (:mod:`~dossier.extract.coref`)."""

    def __init__(self, sdoc: Doc, mentions: Sequence[Mention]) -> None:
        self.sdoc = sdoc
        self.by_token: dict[int, Mention] = {}
        self.mentions = sorted(mentions, key=lambda m: (m.span.start, m.span.end))
        self.starts = [m.span.start for m in self.mentions]
        self.sent_starts = [s.start_char for s in sentences(sdoc)] if has_sentences(sdoc) else [0]
        self._resolved: dict[int, Mention | None] = {}
        #: a resolved mention's local span (start, end) -> the named mention's span it stands for
        self.antecedents: dict[tuple[int, int], Span] = {}
        starts = [t.idx for t in sdoc]
        for mention in mentions:
            lo = bisect.bisect_right(starts, mention.span.start) - 1
            hi = bisect.bisect_left(starts, mention.span.end)
            for i in range(max(lo, 0), hi):
                if sdoc[i].idx < mention.span.end and sdoc[i].idx + len(sdoc[i].text) > mention.span.start:
                    self.by_token.setdefault(i, mention)

    def at(self, token: Token) -> Mention | None:
        """The mention covering ``token``, if any; a pronoun or a definite description
        ("they", "the insurgents", "the army") takes the mention it refers to, with the local
        words as its span (span method ``events.v1:coref-<kind>``) and the antecedent's name,
        type and id."""
        found = self.by_token.get(token.i)
        if found is None and token.i not in self._resolved:
            self._resolved[token.i] = None  # a cycle ("it … it") ends here
            self._resolved[token.i] = self._refer(token)
        return found or self._resolved.get(token.i)

    def _refer(self, token: Token) -> Mention | None:
        kind = referring_kind(token)
        if kind is None:
            return None
        antecedent = self._antecedent(token, kind)
        if antecedent is None:
            return None
        lo = token.i if kind in ("person", "plural", "it") and token.pos_ == "PRON" else token.left_edge.i
        start, end = token.doc[lo].idx, token.idx + len(token.text)
        sentence = bisect.bisect_right(self.sent_starts, start) - 1
        span = Span(antecedent.span.doc_id, start, end, sentence, f"events.v1:coref-{kind}")
        self.antecedents[(start, end)] = self.antecedents.get(
            (antecedent.span.start, antecedent.span.end), antecedent.span)  # "it" → "the group" → its name
        return replace(antecedent, text=token.doc.text[start:end], span=span)

    def _antecedent(self, token: Token, kind: str) -> Mention | None:
        """Salience first, then distance (within about three sentences): the subject of a clause
        above the word ("The group said *it* attacked…"), an earlier phrase with the same head
        noun ("the Colombian army … *the army*"), the nearest compatible mention in subject
        position, the nearest compatible mention."""
        head = token.lemma_.lower()
        floor = token.idx - 600
        if token.pos_ == "PRON":
            for above in token.head.ancestors:
                subject = next((c for c in above.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and subject.i < token.i:
                    found = self.at(subject) or self._modifier(subject, frozenset())
                    if found is not None and compatible(kind, found, head):
                        return found
            if kind in ("it", "plural") and self._unnamed_subject(token, kind, floor):
                return None
        else:
            for i in range(token.left_edge.i - 1, -1, -1):
                earlier = token.doc[i]
                if earlier.idx < floor:
                    break
                if earlier.lemma_.lower() == head and earlier.pos_ == "NOUN":
                    found = self.by_token.get(i) or self._modifier(earlier, frozenset())
                    if found is not None and found.label in LABELS["institution"]:
                        return found
        before = token.doc[token.left_edge.i].idx
        near = nearest(self.mentions, self.starts, before, kind, head=head, floor=floor,
                       skip=lambda m: self._dep(m, kind) != (False, "nsubj"))
        return near or nearest(self.mentions, self.starts, before, kind, head=head, floor=floor,
                               skip=lambda m: self._dep(m, kind)[0])

    def _unnamed_subject(self, pronoun: Token, kind: str, floor: int) -> bool:
        """Is the last subject before "it"/"they" a thing with no name ("A storm hit Mozambique.
        *It* destroyed…")? Then the pronoun most likely stands for it, not for a named entity."""
        for i in range(pronoun.i - 1, -1, -1):
            token = pronoun.doc[i]
            if token.idx < floor:
                return False
            if token.dep_ not in ("nsubj", "nsubjpass") or token.pos_ not in ("NOUN", "PROPN"):
                continue
            if self.by_token.get(i) is not None or self._modifier(token, frozenset()) is not None:
                return False
            plural = token.tag_ in ("NNS", "NNPS")
            return plural == (kind == "plural") and referring_kind(token) is None
        return False

    def _dep(self, mention: Mention, kind: str) -> tuple[bool, str]:
        """(a nationality adjective that cannot stand for "they": "*British* officials", the
        dependency of the noun phrase the mention names or modifies: "*Taliban* fighters" → nsubj)."""
        span = self.sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            return False, ""
        node = span.root
        adjective = kind == "plural" and mention.label == "NORP" and node.dep_ in ("amod", "compound")
        while node.dep_ in ("compound", "amod", "poss", "nmod") and node.head.i != node.i:
            node = node.head
        return adjective, node.dep_

    def in_phrase(self, token: Token, *, skip: frozenset[int] = frozenset()) -> Mention | None:
        """The entity a noun phrase names: its head's mention, else a modifier's, else its ``of`` object."""
        found = self.at(token)
        if found is not None and token.i not in skip:
            return found
        for i in range(token.left_edge.i, token.i):  # "a Taliban ambush", "An American inter agency delegation"
            found = self.by_token.get(i)
            if found is not None and i not in skip and token.doc[i].dep_ != "det":
                return found
        for child in token.children:  # "members of the Taliban", "leader of al-Qaeda"
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj" and obj.i not in skip:
                        return self.at(obj) or self._modifier(obj, skip)
        return None

    def _modifier(self, token: Token, skip: frozenset[int]) -> Mention | None:
        for i in range(token.left_edge.i, token.i):
            if i not in skip and self.by_token.get(i) is not None:
                return self.by_token[i]
        return None

    def in_phrase_all(self, token: Token) -> list[Mention]:
        """Every mention a noun phrase names or is modified by: head, left modifiers, ``of`` object."""
        found = [m for m in [self.at(token), *self.all_in_modifiers(token)] if m is not None]
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                found.extend(m for obj in child.children if obj.dep_ == "pobj"
                             for m in [self.at(obj), *self.all_in_modifiers(obj)] if m is not None)
        return list(dict.fromkeys(found))

    def all_in_modifiers(self, token: Token) -> list[Mention]:
        """Every distinct mention among a noun's left modifiers, in text order ("US-Taliban deal")."""
        seen: list[Mention] = []
        for i in range(token.left_edge.i, token.i):
            mention = self.by_token.get(i)
            if mention is not None and mention not in seen:
                seen.append(mention)
        return seen


_DASHES = frozenset({"—", "–", "--", "-"})


def _is_dateline(token: Token) -> bool:
    """A dateline ("DOHA, Qatar —", "KABUL (AP) —") the parser made a second subject of the verb."""
    sent = token.sent
    if token.i - sent.start > 2:
        return False
    after = token.doc[token.i + 1:min(sent.end, token.i + 8)]
    return any(t.text in _DASHES for t in after) and (token.text.isupper() or token.ent_type_ == "GPE")


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """The token naming who acts in ``verb``'s clause, and whether it came from a passive ``agent``.

    A ``by`` agent wins over a subject: an active verb takes none, so a subject beside it is a
    reduced passive the parser read as active ("A US helicopter shot down by the Taliban
    crashed": the Taliban acted, the helicopter underwent)."""
    agent = _agent(verb)
    if agent is not None:
        return agent, True
    for child in verb.children:
        if child.dep_ in SUBJ and not _is_dateline(child):
            if child.lower_ in RELATIVE and verb.dep_ == "relcl":
                return verb.head, False
            return child, False
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return None, False
    purpose = verb.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    if verb.dep_ in INHERIT or (verb.dep_ == "advcl" and verb.tag_ == "VBG") or purpose:
        if verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX"):
            head_subject = _any_subject(verb.head)
            if head_subject is not None:
                return head_subject, False
            return subject_of(verb.head)
    if verb.dep_ in ("acl", "amod") and verb.tag_ == "VBG":  # "militants attacking…", "visiting X"
        return verb.head, False
    return None, False


def _agent(verb: Token) -> Token | None:
    """The object of a passive's ``by`` agent ("by the Taliban", "by Russian shelling")."""
    for child in verb.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ in ("pobj", "pcomp"):
                    return obj
    return None


def _undergoes(child: Token, *, verb: bool) -> bool:
    """Is this child of a verb who it was done to: a passive subject, or a subject beside a ``by``
    agent (a reduced passive read as active, see :func:`subject_of`)?"""
    return verb and (child.dep_ == "nsubjpass" or (child.dep_ == "nsubj" and _agent(child.head) is not None))


def _any_subject(verb: Token) -> Token | None:
    """Subject of a governing verb for an ``xcomp``: "forces are scheduled to leave" → forces."""
    for child in verb.children:
        if child.dep_ in SUBJ or child.dep_ == "nsubjpass":
            return child
    return None


def object_of(token: Token, *, verb: bool, type_: str = "") -> list[Token]:
    """Candidate targets in order: direct object / passive subject, then prepositional objects."""
    preps = TARGET_PREPS | TYPE_PREPS.get(type_, frozenset())
    found: list[Token] = []
    for child in token.children:
        if child.dep_ in ("dobj", "dative") or _undergoes(child, verb=verb):
            found.append(child)
    if verb and token.dep_ == "acl" and token.tag_ == "VBN":  # "the deal signed in Doha", "troops killed"
        found.append(token.head)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            found.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prt":  # "pull out of Afghanistan"
            for prep in child.children:
                found.extend(c for c in prep.children if c.dep_ == "pobj")
    for obj in list(found):
        found.extend(c for c in obj.children if c.dep_ == "conj")
    return [t for t in found if t.ent_type_ not in ("DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT")]


def number_on(token: Token, quantities: Sequence[Quantity]) -> float | None:
    """The count on a noun ("two Afghans", "at least 170 Afghans", "11 police officers")."""
    nums = [c for c in token.children if c.dep_ == "nummod" or (c.like_num and c.i < token.i)]
    nums += [t for t in token.doc[token.left_edge.i:token.i] if t.like_num and t.dep_ == "nummod" and t not in nums]
    if token.like_num:
        nums.append(token)
    for num in nums:
        for q in quantities:
            if q.span.start <= num.idx < q.span.end and q.value is not None:
                return q.value
        value = parse_number([t.text for t in num.subtree if t.like_num or t.lower_ in ("hundred", "thousand")])
        if value is not None:
            return value
    return None


def casualties(verb: Token, quantities: Sequence[Quantity]) -> tuple[str, float] | None:
    """("killed", 11) from "killed 11 police officers"; None when the verb counts nothing."""
    key = CASUALTY_KEYS.get(verb.lemma_.lower())
    if key is None:
        return None
    victims = [c for c in verb.children if c.dep_ == "dobj" or _undergoes(c, verb=True)]
    if verb.dep_ == "acl" and verb.tag_ == "VBN":
        victims.append(verb.head)
    total: float | None = None
    for victim in victims:  # "13 U.S. service members and at least 170 Afghans": the sum
        for noun in [victim, *(c for c in victim.children if c.dep_ == "conj")]:
            value = number_on(noun, quantities)
            if value is not None:
                total = (total or 0) + value
        if total is not None:
            return key, total
    return None


def _own_flags(token: Token) -> set[str]:
    flags = set()
    for child in token.children:
        if child.dep_ == "neg" or (child.dep_ == "advmod" and child.lower_ in ("never", "not")):
            flags.add("negated")
        elif child.dep_ in ("aux", "auxpass") and child.lower_ in HYPOTHETICAL:
            flags.add("hypothetical")
        elif child.dep_ == "aux" and child.lower_ in FUTURE:
            flags.add("planned")
        elif child.dep_ == "mark" and child.lower_ in ("if", "unless", "whether", "until"):
            flags.add("hypothetical")
    return flags


def _governor_flags(head: Token, link: str) -> set[str]:
    lemma = head.lemma_.lower()
    flags = set()
    if link in ("xcomp", "ccomp", "obj", "advcl-to"):
        if lemma in NEGATORS:
            flags.add("negated")
        if lemma in DEMANDERS:
            flags.add("demanded")
        if lemma == "threaten":
            flags.add("hypothetical")
        elif lemma in PLANNERS:
            flags.add("planned")
    if (link == "ccomp" and cue_kind(head) in ("speech", "cognition") and lemma not in DEMANDERS
            and lemma not in PLANNERS):
        flags.add("reported")
    return flags


def modality(token: Token, *, quoted: bool = False) -> str:
    """How the text presents the event at ``token``: asserted, planned, demanded, negated,
    hypothetical or reported (see the module docstring)."""
    flags = _own_flags(token)
    child = token
    while child.head.i != child.i and child.dep_ not in _STOP_UP:
        head = child.head
        link = child.dep_
        if link == "pobj" and head.dep_ == "prep":  # "called for the withdrawal"
            child, head, link = head, head.head, "obj"
        elif link in ("dobj", "nsubjpass"):
            link = "obj"
        elif link == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            link = "advcl-to"
        if head.i == child.i:
            break
        flags |= _governor_flags(head, link)
        if link in ("xcomp", "conj", "obj", "advcl-to") and head.pos_ in ("VERB", "AUX", "ADJ"):
            inherited = _own_flags(head)
            if link == "conj":
                inherited.discard("negated")
            flags |= inherited
        child = head
    if quoted:
        flags.add("reported")
    return next(m for m in _MODALITY_ORDER if m in flags or m == "asserted")
