"""Events: who did what to whom, where and when, typed with PLOVER (``events.v1``).

A rule cascade over the dependency parse, recorded in ``Event.span.method``:

1. **Cues** (:mod:`~dossier.extract.event_lexicon`): verbs and nouns of the PLOVER cue
   lexicon (PLOVER manual Draft 0.8, Sep 2021; CAMEO2PLOVER-2021) give type and mode.
2. **Folding**, so one happening is one event: a casualty verb under an ASSAULT
   ("attack…, *killing* two Afghans and *wounding* 17") adds its count to it; an ASSAULT
   noun that is the subject of a casualty verb ("a Taliban *ambush* … *killed* 11") lends
   the verb its mode and actor; a cue noun that is the object of a cue verb of the same
   type ("*signed* a *deal*") or is modified by it ("the *deal signed* in Doha") is one event.
3. **Arguments** (:mod:`~dossier.extract.event_args`): actor and target linked to entity
   mentions; casualties; modality.
4. **Place** (the place the event happened in): a :class:`Place` under a locative
   preposition (in/at/near/…) attached to the event word, or to its nominal's chain of
   prepositional objects ("an ambush on a border post *in southern Afghanistan*"), or a
   sub-national place modifying an event noun ("the *Kabul* bombing").
5. **Time**: the :class:`TimeExpr` governed by the event's clause (its own adjuncts, a
   fronted "On Monday, …", the light verb of a nominal: "talks *were held* … on October
   9-10"), never crossing into another verb's clause, and never one that is no date
   (:data:`NOT_DATES`: "for years", "now", "every week", "at 8 PM"); None otherwise (no
   fallback to the publication date here).

Every cue becomes an event (``method``: ``verb``, ``noun`` or ``light-verb`` for a noun
carried by hold/launch/carry out…), with a :data:`CONFIDENCE` that says what anchors it: an
actor or target that is an entity; else casualties on an ASSAULT, or both a place and a
time; else nothing but the cue word ("a bomb exploded", "protesters clashed with police").
Consumers that need two parties (graph relations, claims) skip events without them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from dossier.extract.doccache import has_sentences, sentences, text_of
from dossier.extract.event_args import (
    CASUALTY_KEYS,
    MentionIndex,
    casualties,
    modality,
    number_on,
    object_of,
    subject_of,
)
from dossier.extract.event_lexicon import MILITARY_HEADS, Cue, CueLexicon, load_lexicon
from dossier.extract.quotes_cues import cue_kind
from dossier.extract.quotes_marks import find_quoted_spans
from dossier.extract.records import Event, Mention, Place, Quantity, TimeExpr
from dossier.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["CONFIDENCE", "METHOD", "find_events"]

METHOD = "events.v1"
LIGHT_VERBS = frozenset({"hold", "launch", "carry", "conduct", "stage", "begin", "open", "resume", "start",
                         "join", "attend", "mount", "make", "take", "continue", "have", "lead", "order",
                         "end", "announce", "approve", "complete", "provide", "give", "send", "deliver", "impose",
                         "offer", "extend"})
LOC_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout", "around", "within",
                       "into"})
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})
ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
TARGET_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "LAW"})
HUMAN_HEADS = frozenset({"prisoner", "detainee", "hostage", "captive", "people", "person", "man", "woman", "child",
                         "member", "fighter", "soldier", "civilian", "citizen", "journalist", "worker", "official"})
SUBNATIONAL = frozenset({"city", "district", "province", "facility"})
#: prepositions that tie a weapon or attack noun to the act ("killed *in* an airstrike", "*by* a bomb")
INSTRUMENT_PREPS = frozenset({"in", "by", "with", "during", "from"})
#: types whose nominal's ``of`` object is who it was done to ("the arrest of X", "the killing of X")
UNDERGOER_OF = frozenset({"ASSAULT", "COERCE", "SANCTION"})
#: ``Event.confidence`` by what anchors the event (see the module docstring).
#: heads of a noun phrase that names an unnamed party able to act ("gunmen opened fire", "killed by
#: militants"): people and armed or official bodies in general, no particular conflict's
AGENT_NOUNS = frozenset("""gunman gunmen militant insurgent rebel fighter jihadist extremist separatist
terrorist attacker assailant bomber raider kidnapper abductor soldier troop force army militia militiaman
paramilitary mercenary guard police policeman officer sniper settler protester demonstrator rioter mob
crowd man woman youth student worker resident villager civilian official authority government regime
junta navy airforce warplane jet drone unit squad battalion brigade commando""".split())
CONFIDENCE = {"entity": 1.0, "casualties-or-place-time": 0.7, "unnamed-parties": 0.7, "cue-only": 0.4}


@dataclass
class _Draft:
    """An event being assembled: its cue token, folded tokens and the clause it lives in."""

    token: Token
    cue: Cue
    clause: Token  # the verb whose clause holds the event (the cue verb, or a nominal's light verb)
    method: str
    folded: list[Token] = field(default_factory=list)
    mode: str | None = None


def find_events(sdoc: Doc, *, doc_id: str, mentions: Sequence[Mention], times: Sequence[TimeExpr],
                quantities: Sequence[Quantity], places: Sequence[Place],
                lexicon: CueLexicon | None = None, min_confidence: float = 0.0,
                keep_all: bool = False) -> list[Event]:
    """PLOVER-typed events of a parsed document, in text order.

    Args:
        sdoc: the spaCy ``Doc`` of the cleaned text (parser run).
        doc_id: the document id every span records.
        mentions: entity mentions (``entities.find_mentions``); actors and targets link to them.
        times, quantities, places: what the timex, quantity and place stages found.
        lexicon: a cue lexicon (default: the shipped ``data/plover_cues.tsv``).
        min_confidence: drop events below this :data:`CONFIDENCE` (1.0: only events with a
            named actor or target, as before cue-only events were kept).
        keep_all: ignore ``min_confidence`` (for benchmarks and recall studies).

    Returns:
        One :class:`Event` per happening; ``sdoc.text[e.span.start:e.span.end]`` is its
        clause or phrase and contains ``e.action``.
    """
    lexicon = lexicon or load_lexicon()
    index = MentionIndex(sdoc, mentions)
    cues = {t.i: cue for t in sdoc if (cue := lexicon.match(t)) is not None and _cond_holds(t, cue)}
    drafts = _fold(sdoc, cues, lexicon)
    quoted = [(q.content_start, q.content_end) for q in find_quoted_spans(text_of(sdoc))]
    starts = [s.start for s in sentences(sdoc)]
    events = []
    for draft in drafts:
        event = _build(sdoc, draft, doc_id=doc_id, index=index, times=times, quantities=quantities,
                       places=places, quoted=quoted, starts=starts)
        if keep_all or event.confidence >= min_confidence:
            events.append(event)
    return sorted(events, key=lambda e: (e.span.start, e.span.end))


def _cond_holds(token: Token, cue: Cue) -> bool:
    if cue.cond == "obj":
        return bool(object_of(token, verb=cue.pos == "V", type_=cue.type))
    if cue.cond == "hum":
        return any(o.lemma_.lower() in HUMAN_HEADS or o.ent_type_ in ("PERSON", "NORP", "ORG") or o.lower_ in
                   ("him", "her", "them") for o in object_of(token, verb=cue.pos == "V", type_=cue.type))
    if cue.cond == "subj":  # "a bomb went off", "killed by a roadside bomb"; not "defused a bomb"
        return token.dep_ == "nsubj" or (token.dep_ == "pobj" and token.head.lower_ in INSTRUMENT_PREPS
                                         and token.head.head.pos_ == "VERB")
    if cue.cond == "mil":
        if cue.pos == "N":
            heads = [token.head]
        else:
            subject = subject_of(token)[0]
            heads = [subject] if subject is not None else []
        words = {w.lower_ for h in heads for w in h.subtree} | {h.lemma_.lower() for h in heads}
        return bool(words & MILITARY_HEADS)
    return True


def _fold(sdoc: Doc, cues: dict[int, Cue], lexicon: CueLexicon) -> list[_Draft]:
    """Turn cue tokens into drafts, one per happening (rule 2 of the module docstring)."""
    folded_into: dict[int, int] = {}
    lent: dict[int, str | None] = {}  # an ASSAULT verb's mode told by the attack noun it is "in"/"by"
    for i, cue in cues.items():
        token = sdoc[i]
        head = token.head
        head_cue = cues.get(head.i) if head.i != token.i else None
        if cue.pos == "N" and head_cue is not None and head_cue.pos == "V":
            if cue.type == "ASSAULT" and token.dep_ in ("nsubj", "nsubjpass") and head.lemma_ in CASUALTY_KEYS:
                folded_into[i] = head.i  # "a Taliban ambush … killed 11"
            elif cue.type == head_cue.type and token.dep_ in ("dobj", "nsubjpass", "pobj"):
                folded_into[i] = head.i  # "signed a deal"
            elif cue.type == head_cue.type == "ASSAULT" and token.dep_ == "nsubj":
                folded_into[i] = head.i  # "a car bomb exploded", "the clash erupted"
        elif (cue.pos == "N" and cue.type == "ASSAULT" and token.dep_ == "pobj" and head.lower_ in INSTRUMENT_PREPS
              and (verb_cue := cues.get(head.head.i)) is not None and verb_cue.type == "ASSAULT"
              and verb_cue.pos == "V"):
            lent.setdefault(head.head.i, cue.mode)  # "were killed in an airstrike", "wounded by shelling"
        elif cue.pos == "V" and token.lemma_ in CASUALTY_KEYS and head.i != token.i:
            anchor = _assault_anchor(token, cues)
            if anchor is not None:
                folded_into[i] = anchor.i  # "attack …, killing two and wounding 17"
        if cue.pos == "V" and token.dep_ in ("acl", "relcl") and cues.get(head.i) is not None:
            head_cue = cues[head.i]
            if head_cue.pos == "N" and head_cue.type == cue.type:
                folded_into[head.i] = i  # "the deal signed in Doha"
    for i in sorted(folded_into):  # a cycle (a mis-parse can fold two words into each other) keeps its first
        seen, node = {i}, folded_into.get(i)
        while node is not None and node in folded_into and node not in seen:
            seen.add(node)
            node = folded_into[node]
        if node in seen:
            del folded_into[min(seen)]
    drafts: dict[int, _Draft] = {}
    for i, cue in cues.items():
        if i in folded_into:
            continue
        token = sdoc[i]
        clause, method = token, ("verb" if cue.pos == "V" else "noun")
        if cue.pos == "N" and token.dep_ in ("dobj", "nsubjpass", "nsubj") and token.head.lemma_ in LIGHT_VERBS:
            clause, method = token.head, "light-verb"
        elif cue.pos == "N" and token.dep_ == "pobj" and token.head.head.pos_ == "VERB":
            clause = token.head.head
        mode = cue.mode or lent.get(i)
        if mode is None and cue.pos == "N":  # "a bomb attack", "the suicide assault": the modifier says how
            mode = next((c.mode for m in token.children if m.dep_ in ("compound", "amod", "nmod")
                         for c in lexicon.lookup(m.lemma_, "N") if c.type == cue.type and c.mode), None)
        drafts[i] = _Draft(token, cue, clause, method, mode=mode)
    for i, target in folded_into.items():
        root = target
        while root in folded_into:
            root = folded_into[root]
        if root in drafts:
            drafts[root].folded.append(sdoc[i])
            if drafts[root].mode is None and cues[i].mode is not None:
                drafts[root].mode = cues[i].mode
    return [drafts[i] for i in sorted(drafts)]


def _assault_anchor(token: Token, cues: dict[int, Cue]) -> Token | None:
    """The ASSAULT cue a casualty verb hangs off (advcl/conj/relcl chain), if any."""
    node = token
    for _ in range(4):
        if node.dep_ not in ("advcl", "conj", "relcl", "acl", "xcomp") or node.head.i == node.i:
            return None
        node = node.head
        cue = cues.get(node.i)
        if cue is not None and cue.type == "ASSAULT":
            return node
    return None


def _antecedent(index: MentionIndex, party: Mention | None) -> Span | None:
    """The named mention a pronoun or description party ("they", "the militants") was resolved to."""
    if party is None:
        return None
    return index.antecedents.get((party.span.start, party.span.end))


def _build(sdoc: Doc, draft: _Draft, *, doc_id: str, index: MentionIndex, times: Sequence[TimeExpr],
           quantities: Sequence[Quantity], places: Sequence[Place], quoted: list[tuple[int, int]],
           starts: list[int]) -> Event:
    token, cue = draft.token, draft.cue
    where = frozenset(p.span.start for p in places if p.precision in SUBNATIONAL)
    actor, target, target_text, agent_text = _participants(draft, index, where)
    counts: dict[str, float] = {}
    for node in [token, *draft.folded]:
        found = casualties(node, quantities)
        if found is not None:
            counts[found[0]] = counts.get(found[0], 0) + found[1]
    if cue.type in ("RETREAT", "MOBILIZE"):
        troops = _troops(token, draft.clause, quantities)
        if troops is not None:
            counts["released" if draft.mode == "release" else "troops"] = troops
    anchors = {token.i, draft.clause.i, *(t.i for t in draft.folded)}
    if token.pos_ != "VERB":  # "talks … were held in Doha" parsed as the noun's advcl
        anchors.update(c.i for c in token.children if c.dep_ in ("acl", "relcl", "advcl")
                       and c.lemma_ in LIGHT_VERBS)
    node = draft.clause
    while node.head.i != node.i and (node.dep_ == "xcomp" or node.dep_ == "advcl" and (node.tag_ == "VBG" or any(
            c.dep_ == "aux" and c.lower_ == "to" or c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "while", "as")
            for c in node.children))):  # "used car bombs to attack", "in 2010 when … arrested him"
        node = node.head
        anchors.add(node.i)
    place = _place(sdoc, anchors, places, actor)
    time, date_basis = _time(sdoc, anchors, times)
    if actor is not None or target is not None:
        confidence = CONFIDENCE["entity"]
    elif (cue.type == "ASSAULT" and counts) or (place and time):
        confidence = CONFIDENCE["casualties-or-place-time"]
    elif agent_text is not None and target_text is not None:  # "police arrested three suspects"
        confidence = CONFIDENCE["unnamed-parties"]
    else:
        confidence = CONFIDENCE["cue-only"]
    in_quote = any(s <= token.idx < e for s, e in quoted)
    tokens = [token, draft.clause, *draft.folded]
    lo, hi = _extent(sdoc, tokens)
    if actor is not None:
        lo, hi = min(lo, actor.span.start), max(hi, actor.span.end)
    sent = bisect.bisect_right(starts, token.i) - 1
    sent_span = sentences(sdoc)[sent] if has_sentences(sdoc) else sdoc[:]
    lo, hi = max(lo, sent_span.start_char), min(hi, sent_span.end_char)
    target_span = target.span if target is not None else None
    if target is None and target_text is not None:
        target_span = Span(doc_id, target_text[0], target_text[1], sent, f"{METHOD}:np")
    actor_span = actor.span if actor is not None else None
    if actor is None and agent_text is not None:
        actor_span = Span(doc_id, agent_text[0], agent_text[1], sent, f"{METHOD}:np")
    return Event(
        type=cue.type, action=_action(sdoc, token), mode=draft.mode,
        span=Span(doc_id, lo, hi, sent, f"{METHOD}:{draft.method}"),
        actor=actor.name if actor else (text_of(sdoc)[agent_text[0]:agent_text[1]] if agent_text else None),
        actor_span=actor_span,
        actor_antecedent=_antecedent(index, actor), actor_id=actor.entity_id if actor else None,
        target=target.name if target else (text_of(sdoc)[target_text[0]:target_text[1]] if target_text else None),
        target_span=target_span, target_antecedent=_antecedent(index, target),
        target_id=target.entity_id if target else None,
        place=place, time=time, quantities=counts, modality=modality(draft.clause if draft.method == "light-verb"
                                                                     else token, quoted=in_quote),
        confidence=confidence, date_basis=date_basis, **_more_parties(draft, index, actor, target),
    )


def _participants(draft: _Draft, index: MentionIndex, where: frozenset[int] = frozenset()) -> tuple[
        Mention | None, Mention | None, tuple[int, int] | None, tuple[int, int] | None]:
    """Actor mention, target mention, (when no target entity) the target phrase's offsets, and (when
    no actor entity) the offsets of an unnamed agent that acted ("*gunmen* opened fire", "killed *by
    militants*": :data:`AGENT_NOUNS`).

    ``where``: starts of sub-national places; one modifying an event noun says where, not who
    ("the *Birmingham* pub bombings"; a country still acts: "a *US* drone strike")."""
    token, cue = draft.token, draft.cue
    actor: Mention | None = None
    target: Mention | None = None
    subject: Token | None = None
    folded_nouns = {t.i for t in draft.folded if t.pos_ != "VERB"}
    if cue.pos == "V":
        subject, _agent = subject_of(token)
        if subject is not None and subject.i in folded_nouns:  # "the bombing of X by Y killed 12"
            actor, target = _nominal_args(subject, index, cue.type)
            mods = index.all_in_modifiers(subject)
            actor = actor or (mods[0] if mods else None)
        elif subject is not None:
            actor = index.in_phrase(subject)
        if actor is None and cue.type == "ASSAULT":  # "were killed in a *US* drone strike"
            actor = _instrument_actor(token, index)
    else:
        mods = [m for m in index.all_in_modifiers(token) if not _place_modifier(token.doc, m, where)]
        if mods:
            actor = mods[0]
            if cue.type in SYMMETRIC and len(mods) > 1:
                target = mods[1]
        by_actor, of_target = _nominal_args(token, index, cue.type)
        actor = by_actor or actor or _claimant(token, index)  # "the arrest of X by police": the agent acted
        if of_target is not None and (actor is None or of_target.name != actor.name):
            target = target or of_target
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of" and cue.type in ("RETREAT", "MOBILIZE"):
                objs = [c for c in child.children if c.dep_ == "pobj"]  # "withdrawal of U.S. troops"
                if objs and actor is None:
                    actor = index.in_phrase(objs[0])
        if actor is None and draft.clause.i != token.i and token.dep_ == "dobj":
            subject = subject_of(draft.clause)[0]
            actor = index.in_phrase(subject) if subject is not None else None
    for folded in draft.folded:  # "a Taliban ambush … killed", "the US-Taliban deal signed …"
        if folded.pos_ != "VERB":
            found = index.all_in_modifiers(folded)
            actor = actor or (found[0] if found else None)
            if (target is None and cue.type in SYMMETRIC and len(found) > 1 and actor is not None
                    and found[1].name != actor.name):
                target = found[1]
    objects = object_of(token, verb=cue.pos == "V", type_=cue.type)
    for folded in draft.folded:
        objects.extend(object_of(folded, verb=folded.pos_ == "VERB", type_=cue.type))
    if actor is not None and (actor.label not in ACTOR_LABELS or _dateline(text_of(token.doc), actor)
                              or _place_modifier(token.doc, actor, where)):
        actor = None
    phrase: tuple[int, int] | None = None
    for obj in objects:
        named = [m for m in index.in_phrase_all(obj) if m.label in TARGET_LABELS
                 and (actor is None or m.name != actor.name)]
        if named:
            target = target or named[0]
            break
        if phrase is None and obj.pos_ in ("NOUN", "PROPN") and not _weapon(obj):
            phrase = _np_offsets(obj)
    if cue.type in SYMMETRIC and target is None and cue.pos == "V":  # "The US and the Taliban signed"
        subject = subject_of(token)[0]
        for conj in (subject.children if subject is not None else []):
            if conj.dep_ == "conj" and index.in_phrase(conj) is not None:
                target = index.in_phrase(conj)
                break
    if actor is None and cue.type in SYMMETRIC and target is not None:  # "talks between X and Y"
        conjs = [c for c in objects if c.dep_ == "conj"]
        if conjs and index.in_phrase(conjs[0]) is not None:
            actor, target = target, index.in_phrase(conjs[0])
    agent = None
    if (actor is None and subject is not None and subject.pos_ in ("NOUN", "PROPN") and not subject.ent_type_
            and _agent_noun(subject.lemma_.lower())):
        agent = _np_offsets(subject)
    return actor, target, phrase, agent


def _agent_noun(lemma: str) -> bool:
    """An unnamed party able to act; a capitalised plural the tagger left unlemmatised counts ("Rebels")."""
    return lemma in AGENT_NOUNS or (lemma.endswith("s") and lemma[:-1] in AGENT_NOUNS)


def _place_modifier(sdoc: Doc, mention: Mention, where: frozenset[int]) -> bool:
    """A sub-national place modifying a noun ("the *Kabul* attack"): where, not who ("*Kabul* accused…" acts)."""
    if mention.span.start not in where:
        return False
    span = sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("compound", "amod", "nmod", "poss")


def _weapon(noun: Token) -> bool:
    """An attack noun or a weapon ("detonated *the bomb*"): what it was done with, never who underwent it."""
    return any(c.type == "ASSAULT" for c in load_lexicon().lookup(noun.lemma_, "N"))


def _more_parties(draft: _Draft, index: MentionIndex, actor: Mention | None,
                  target: Mention | None) -> dict[str, tuple[str, ...]]:
    """Conjoined actors and targets beyond the first: "the Taliban and Russia attacked X and Y"."""
    token, cue = draft.token, draft.cue
    taken = {m.name for m in (actor, target) if m is not None}
    actors: list[str] = []
    subject = subject_of(token)[0] if cue.pos == "V" and actor is not None else None
    if subject is not None and cue.type not in SYMMETRIC:  # symmetric: the conjunct is the target
        for conj in subject.conjuncts:
            found = index.in_phrase(conj)
            if found is not None and found.label in ACTOR_LABELS and found.name not in taken:
                taken.add(found.name)
                actors.append(found.name)
    targets: list[str] = []
    if target is not None:
        for obj in object_of(token, verb=cue.pos == "V", type_=cue.type):
            found = index.in_phrase(obj)
            if found is not None and found.label in TARGET_LABELS and found.name not in taken:
                taken.add(found.name)
                targets.append(found.name)
    return {"more_actors": tuple(actors), "more_targets": tuple(targets)}


def _nominal_args(noun: Token, index: MentionIndex, type_: str) -> tuple[Mention | None, Mention | None]:
    """A nominal event's ``by`` agent and, for acts done to someone, its ``of`` object:
    "the bombing of the embassy by al-Qaeda", "the arrest of X by police" (the parser often
    hangs the ``by`` phrase on the ``of`` object, so both places are read)."""
    of_objs = [o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
               for o in c.children if o.dep_ == "pobj"]
    actor = None
    for holder in [noun, *of_objs]:
        for child in holder.children:
            if child.dep_ in ("prep", "agent") and child.lower_ == "by":
                objs = [c for c in child.children if c.dep_ == "pobj"]
                actor = actor or (index.in_phrase(objs[0]) if objs else None)
    if actor is None and type_ == "ASSAULT":  # "came under attack from Hamas gunmen" (not a place: "fire from Gaza")
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ == "from":
                found = [index.in_phrase(c) for c in child.children if c.dep_ == "pobj"]
                actor = next((m for m in found if m is not None and m.label in ("PERSON", "ORG", "NORP")), None)
    target = index.in_phrase(of_objs[0]) if of_objs and type_ in UNDERGOER_OF else None
    return actor, target


def _instrument_actor(verb: Token, index: MentionIndex) -> Mention | None:
    """Who is behind the attack noun an ASSAULT verb was done in or by ("killed in a *US* drone
    strike", "wounded in *Russian* shelling"): the first entity among the noun's modifiers."""
    lexicon = load_lexicon()
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in INSTRUMENT_PREPS:
            continue
        for noun in prep.children:
            if noun.dep_ == "pobj" and any(c.type == "ASSAULT" for c in lexicon.lookup(noun.lemma_, "N")):
                found = [m for m in index.all_in_modifiers(noun) if m.label in ACTOR_LABELS]
                if found:
                    return found[0]
    return None


def _claimant(noun: Token, index: MentionIndex) -> Mention | None:
    """Who claimed an attack: "X claimed responsibility for the attack", "the attack was claimed by X",
    "X claimed the attacks"."""
    claim = noun.head
    if noun.dep_ == "pobj" and noun.head.lower_ == "for" and noun.head.head.lemma_ == "responsibility":
        claim = noun.head.head.head
    elif noun.dep_ not in ("nsubjpass", "dobj"):
        return None
    if claim.lemma_ != "claim":
        return None
    subject = subject_of(claim)[0]
    return index.in_phrase(subject) if subject is not None else None


def _dateline(text: str, mention: Mention) -> bool:
    """A dateline place ("KABUL —", "DOHA, Qatar (AP) —") is where the story was filed, not an actor."""
    after = text[mention.span.end:mention.span.end + 30]
    return mention.text.isupper() and bool(re.match(r"(?:,[^\n—–]{0,20})?(?:\s*\(\w+\))?\s+[—–-]\s", after))


def _troops(token: Token, clause: Token, quantities: Sequence[Quantity]) -> float | None:
    """A troop number on the event's subject or object ("60,000 U.S. and NATO forces … leave")."""
    subject = subject_of(clause)[0] if clause.pos_ in ("VERB", "AUX") else None
    heads = [t for t in [subject, *object_of(clause, verb=True)] if t is not None]
    heads += [c for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for c in c.children]
    for head in heads:
        if head.lemma_.lower() in MILITARY_HEADS | HUMAN_HEADS or head.lower_ in MILITARY_HEADS:
            value = number_on(head, quantities)
            if value is not None:
                return value
    return None


def _np_offsets(token: Token) -> tuple[int, int]:
    """A noun phrase without its determiner and numbers: "11 police officers" → "police officers"."""
    left = [c for c in token.children if c.i < token.i and c.dep_ in ("compound", "amod")]
    start = min([token, *left], key=lambda t: t.i)
    return start.idx, token.idx + len(token.text)


def _action(sdoc: Doc, token: Token) -> str:
    """The event word with its auxiliaries, negation, particle or noun modifiers, contiguous."""
    if token.pos_ in ("VERB", "AUX"):
        parts = [c for c in token.children if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - token.i) <= 3]
    else:
        parts = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i
                 and not c.ent_type_ and c.i >= token.i - 2]
    lo = min([token.i, *(p.i for p in parts)])
    hi = max([token.i, *(p.i for p in parts)])
    return str(sdoc[lo:hi + 1].text)


def _extent(sdoc: Doc, tokens: Sequence[Token]) -> tuple[int, int]:
    """Character extent of the tokens' phrases, without conjoined clauses or edge punctuation."""
    lo, hi = len(sdoc), 0
    for token in tokens:
        lo, hi = min(lo, token.i), max(hi, token.i)
        for child in token.children:
            if child.dep_ in ("conj", "cc", "punct", "parataxis") or (child.dep_ == "ccomp" and child.i < token.i):
                continue
            lo, hi = min(lo, child.left_edge.i), max(hi, child.right_edge.i)
    while hi > lo and sdoc[hi].is_punct:
        hi -= 1
    while lo < hi and (sdoc[lo].is_punct or sdoc[lo].dep_ == "cc"):
        lo += 1
    return sdoc[lo].idx, sdoc[hi].idx + len(sdoc[hi].text)


def _governs(sdoc: Doc, start: int, end: int, anchors: set[int], *, need_loc: bool) -> int | None:
    """Path length from the phrase at [start, end) up to an anchor token, if it reaches one
    without entering another verb's clause (and, for places, through a locative preposition)."""
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    if not need_loc and any(sdoc[a].dep_ == "relcl" and span.start <= sdoc[a].head.i < span.end for a in anchors):
        return 1  # "in 2010 when … arrested him": the clause modifies the time itself
    node, steps, via_loc, first_prep = span.root, 0, not need_loc, True
    while steps < 8:
        if node.i in anchors and steps > 0:
            return steps if via_loc else None
        if node.head.i == node.i:
            return None
        if node.dep_ == "pobj" and first_prep:
            first_prep = False
            via_loc = via_loc or node.head.lower_ in LOC_PREPS
        node = node.head
        steps += 1
        if node.pos_ in ("VERB", "AUX") and node.i not in anchors:
            return None
    return None


def _in_sentence(sdoc: Doc, anchors: set[int]) -> tuple[int, int]:
    """Character bounds of the anchors' sentence: a dependency path never leaves it, so facts
    outside need not be tried (trying every fact of the document was quadratic in its length)."""
    sent = sdoc[min(anchors)].sent
    return sent.start_char, sent.end_char


def _place(sdoc: Doc, anchors: set[int], places: Sequence[Place], actor: Mention | None) -> Place | None:
    best: tuple[int, Place] | None = None
    lo, hi = _in_sentence(sdoc, anchors)
    for place in places:
        if place.span.end <= lo or place.span.start >= hi:
            continue
        steps = _governs(sdoc, place.span.start, place.span.end, anchors, need_loc=True)
        if steps is None and place.precision in SUBNATIONAL:  # "the Kabul bombing"
            span = sdoc.char_span(place.span.start, place.span.end, alignment_mode="expand")
            if span is not None and span.root.dep_ == "compound" and span.root.head.i in anchors:
                if actor is None or actor.span.start != place.span.start:
                    steps = 1
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, place)
    return best[1] if best else None


#: Time expressions that never date an event: lengths of time, "now"/"recently", sets
#: ("every week") and clock times without a day (see dossier.extract.timex_kinds).
NOT_DATES = frozenset({"duration", "ref", "set", "time"})


def _time(sdoc: Doc, anchors: set[int], times: Sequence[TimeExpr]) -> tuple[TimeExpr | None, str | None]:
    """The event's date and how it was found: "clause" (governed by the event's clause), else
    "outer-clause" (the date of a clause the event is a conjunct or complement of: "rebels seized
    the town *on Monday* and killed five"), never a reporting verb's ("police *said on Tuesday*
    that…") nor one of a clause the event only modifies ("militants, who attacked…, were arrested
    on Friday"); (None, None) otherwise: the publication date is no event's date here."""
    best: tuple[int, TimeExpr] | None = None
    lo, hi = _in_sentence(sdoc, anchors)
    dated = [e for e in times if e.precision not in NOT_DATES and e.span.end > lo and e.span.start < hi]
    for expr in dated:
        steps = _governs(sdoc, expr.span.start, expr.span.end, anchors, need_loc=False)
        if steps is not None and (best is None or steps < best[0]):
            best = (steps, expr)
    if best is not None:
        return best[1], "clause"
    above: dict[int, int] = {}  # clauses the event is a conjunct or complement of, by distance
    node = sdoc[min(anchors)]
    while node.dep_ in ("conj", "xcomp", "ccomp", "advcl") and node.head.i != node.i and len(above) < 6:
        node = node.head
        above[node.i] = len(above)
    outer: tuple[int, TimeExpr] | None = None
    for expr in dated:
        verb = _date_verb(sdoc, expr)
        if verb is not None and verb.i in above and cue_kind(verb) not in ("speech", "cognition"):
            if outer is None or above[verb.i] < outer[0]:
                outer = (above[verb.i], expr)
    return (outer[1], "outer-clause") if outer is not None else (None, None)


def _date_verb(sdoc: Doc, expr: TimeExpr) -> Token | None:
    """The verb whose clause a date belongs to (the first verb above it)."""
    span = sdoc.char_span(expr.span.start, expr.span.end, alignment_mode="expand")
    node = span.root if span is not None else None
    for _ in range(6):
        if node is None or node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in ("VERB", "AUX"):
            return node
    return None
