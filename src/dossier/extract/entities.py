"""Named-entity mentions corrected for conflict news, with in-document names and roles.

The spaCy model's NER runs first; :func:`add_entity_components` puts two components of
ours after it:

1. ``dossier_actors``: an EntityRuler fed by the curated gazetteer (``data/actors.jsonl``),
   overwriting what the model found where a known actor's spelling matches
   ("al Qaeda", "AQIS", "the Islamic Emirate", "TTP", "ISIS-K", "Central Command");
2. ``dossier_entity_fixes`` (:class:`EntityFixer`): span corrections a news engine needs
   and the model gets wrong: a leading "the" and a trailing possessive or number are not
   part of a name; a title ("President") before a name is a role; "Long Name (ABBR)" is two
   mentions of one entity, and the acronym names the same entity later on; a surname
   alone takes the type of the full name it refers to (one sense per discourse, Gale,
   Church & Yarowsky 1992); then :func:`~dossier.extract.entity_repair.repair` drops
   lowercase and common-word "names", cuts glued verbs and headline words off names, and
   gives each name one type per document from context cues ("the town of X", "Mr X",
   "X Ltd") and the gazetteer.

:func:`find_mentions` turns a processed ``Doc`` into :class:`Mention` records (a cascade
recorded in ``Span.method``: ``entities.v1:ruler`` for gazetteer matches,
``entities.v1:rule`` for spans our rules made or relabelled, ``entities.v1:model`` for
the model's own), with the in-document name (gazetteer canonical name, the longest
full name a surname refers to, the expansion of an acronym) and the role written with a
person. :func:`group_entities` groups them into the document's entity list.

Example::

    >>> nlp = add_entity_components(load_nlp())
    >>> sdoc = nlp("Taliban spokesman Suhail Shaheen said al Qaeda ...")
    >>> [(m.text, m.name, m.role) for m in find_mentions(sdoc, doc_id="d1")][:2]
    [('Taliban', 'Taliban', None), ('Suhail Shaheen', 'Suhail Shaheen', 'Taliban spokesman')]
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from dossier.extract.doccache import has_sentences, sentences
from dossier.extract.entity_repair import Found, WordClasses, repair, word_classes
from dossier.extract.gazetteer import Actor, load_actors, ruler_patterns
from dossier.extract.records import EntityRef, Mention
from dossier.extract.roles import HONORIFICS, TITLE_WORDS, role_of
from dossier.records import Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline import EntityRuler

__all__ = ["MENTION_LABELS", "EntityFixer", "add_entity_components", "find_mentions", "group_entities"]

METHOD = "entities.v1"
ENTS_KEY = "dossier.entities"  # Doc.user_data: {(start_char, end_char): {"method", "key", "name"}}

RULER = "dossier_actors"
FIXER = "dossier_entity_fixes"
#: Entity labels that become mentions (dates, times and numbers belong to other stages).
MENTION_LABELS = frozenset({"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT",
                            "WORK_OF_ART", "LAW", "LANGUAGE"})


_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
_DASH = frozenset({"-", "\u2013", "\u2014", "--"})
_KEEP_THE = frozenset({"the hague"})
_NUMBERED = frozenset({"EVENT", "LAW", "PRODUCT", "WORK_OF_ART", "FAC"})  # "Resolution 1267", "Boeing 747"
_RELABEL = frozenset({"ORG", "NORP", "GPE", "LOC", "PRODUCT", "WORK_OF_ART", "FAC"})
_ROYAL = frozenset({"king", "queen", "prince", "emir"})
_Found = Found  # (start token, end token, label, gazetteer key, method)


def clean_name(text: str) -> str:
    """A mention's text as a name: one space, no leading "the", no trailing possessive."""
    words = text.split()
    if len(words) > 1 and words[0].lower() == "the" and " ".join(words).lower() not in _KEEP_THE:
        words = words[1:]
    name = " ".join(words)
    for suffix in ("'s", "\u2019s"):
        if name.endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    return name


_CAMEL = re.compile(r"[#@]?((?:[A-Z][a-z]+){2,4})")
_CAMEL_PART = re.compile(r"[A-Z][a-z]+")


def hashtag_name(text: str, start: int, end: int) -> str | None:
    """The name a hashtag or handle glues together: "#AkhtarMansoor" → "Akhtar Mansoor"; None for
    anything else (a "McKenzie" written in running text keeps its spelling)."""
    match = _CAMEL.fullmatch(text[start:end])
    if match is None or not (text[start:start + 1] in "#@" or text[max(0, start - 1):start] in ("#", "@")):
        return None
    return " ".join(_CAMEL_PART.findall(match.group(1)))


def name_tokens(span: SpacySpan) -> tuple[str, ...]:
    """A person mention's words for surname matching: lowercased, honorifics and possessives dropped."""
    words = [t.lower_ for t in span if t.text not in _POSSESSIVE and t.lower_ not in HONORIFICS]
    return tuple(w for w in words if any(c.isalnum() for c in w))


def _is_acronym_token(text: str) -> bool:
    return 2 <= len(text) <= 10 and text.isupper() and text.replace("-", "").replace("&", "").isalnum()


def _trim(doc: Doc, start: int, end: int, label: str) -> tuple[int, int]:
    """Normalise a model span's boundaries; an empty result (start >= end) means drop it."""
    for k in range(start + 1, end - 1):  # "RTRS - Australian", "KABUL - Taliban": keep what follows the dash
        if doc[k].text in _DASH and doc[k].whitespace_ and doc[k - 1].whitespace_:
            start = k + 1
    for k in range(start, end):  # "Organisation of the Islamic Conference ( OIC": cut at the bracket
        if doc[k].text in {"(", "["}:
            end = k
            break
    while end - start > 1 and doc[start].lower_ == "the" and doc[start:end].text.lower() not in _KEEP_THE:
        start += 1
    while end - start > 1 and label not in _NUMBERED and not any(c.isalpha() for c in doc[start].text):
        start += 1  # "2. Pernila Wiberg", "8 - Ronny Wabia"
    while (end - start > 1 and label == "PERSON" and doc[start].lower_.rstrip(".") in TITLE_WORDS
           and doc[start].lower_ not in _ROYAL and (doc[start].is_title or doc[start].is_upper)):
        start += 1  # "President Obama": the title is a role, not part of the name
    while end > start:
        last = doc[end - 1]
        if last.text in _POSSESSIVE or not any(c.isalnum() for c in last.text) and last.text != ")":
            end -= 1
        elif (label not in _NUMBERED and end - start > 1 and not any(c.isalpha() for c in last.text)
              and doc[end - 2].lower_ not in {"of", "no", "no."}):
            end -= 1  # "Ross County 4", "Austria 1996-12-07", "Vaughan 9-1-55-1"
        else:
            break
    return start, end


def _capitalised(word: str) -> bool:
    """"Volker", "McKenzie", "al-Zawahiri"'s last part: a capital first letter, not all capitals."""
    return word[:1].isupper() and not word.isupper()


def _is_caps(sent: SpacySpan) -> bool:
    """Mostly capitals: at least two words of 2+ letters, 60% of them upper case."""
    words = [t.text for t in sent if sum(c.isalpha() for c in t.text) >= 2]
    return len(words) >= 2 and sum(w.isupper() for w in words) >= 0.6 * len(words)


def _recase(text: str, common: frozenset[str]) -> str:
    """"GET" → "get", "JAPAN" → "Japan", "UN" stays: common words lowercase, names title case."""
    if not text.isupper() or sum(c.isalpha() for c in text) < 2:
        return text
    lower = text.lower()
    if lower in common:
        return lower
    return text if len(text) <= 3 else text.title()


class EntityFixer:
    """The ``dossier_entity_fixes`` component: boundary, acronym and surname corrections.

    Runs after the gazetteer ruler. Leaves gazetteer matches as they are (dropping only
    all-lowercase ones, "resolute support" in running text), writes per-span provenance to
    ``doc.user_data[ENTS_KEY]`` for :func:`find_mentions`.
    """

    def __init__(self, actors: dict[str, Actor], *, gazetteer_paths: Sequence[str] = (), nlp: Any = None) -> None:
        self.actors = dict(actors)
        self.gazetteer_paths = list(gazetteer_paths)
        self.nlp = nlp
        self._common: frozenset[str] | None = None
        self._words: WordClasses | None = None

    def add_actors(self, actors: dict[str, Actor], *, paths: Sequence[str]) -> None:
        """Extend the gazetteer this component names matches from."""
        self.actors.update(actors)
        self.gazetteer_paths.extend(paths)

    def __call__(self, doc: Doc) -> Doc:
        found: list[_Found] = []
        for ent in self._recased_caps(doc):
            if ent.ent_id_ in self.actors:
                if any(c.isupper() for c in ent.text):
                    found.append((ent.start, ent.end, ent.label_, ent.ent_id_, "ruler"))
                continue
            start, end = _trim(doc, ent.start, ent.end, ent.label_)
            if start < end and any(c.isalpha() for c in doc[start:end].text):
                found.append((start, end, ent.label_, "", "model"))
        acronyms: dict[str, str] = {}
        found = self._acronyms(doc, found, acronyms)
        found = self._surnames(doc, found)
        if self._words is None:
            self._words = word_classes(self.nlp)
        found = repair(doc, found, words=self._words)
        found.sort()
        spans, infos = [], {}
        for start, end, label, key, method in found:
            span = SpacySpan(doc, start, end, label=label, span_id=key)
            spans.append(span)
            name = self.actors[key].name if key else ""
            infos[(span.start_char, span.end_char)] = {"method": method, "key": key, "name": name}
        doc.ents = spans
        doc.user_data[ENTS_KEY] = infos
        doc.user_data[ENTS_KEY + ".acronyms"] = acronyms
        return doc

    def _recased_caps(self, doc: Doc) -> list[SpacySpan]:
        """``doc.ents``, with the model's entities in ALL-CAPS sentences (wire headlines,
        datelines) replaced by what the model finds in a re-cased copy of the sentence.

        The sm model reads shape and case; "JAPAN GET LUCKY WIN" gives it nothing to go on,
        "Japan get lucky win" does. Gazetteer matches stay.
        """
        ner = self.nlp.get_pipe("ner") if self.nlp is not None and "ner" in self.nlp.pipe_names else None
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else [doc[:]]
        caps = [s for s in sents if _is_caps(s)] if ner is not None else []
        if ner is None or not caps:
            return list(doc.ents)
        common = self._common_words()
        ents = [e for e in doc.ents if e.ent_id_ in self.actors or not any(s.start <= e.start < s.end for s in caps)]
        taken = {i for e in ents for i in range(e.start, e.end)}
        for sent in caps:
            words = [_recase(t.text, common) for t in sent]
            copy = ner(Doc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in sent]))
            for ent in copy.ents:
                start, end = sent.start + ent.start, sent.start + ent.end
                if not taken.intersection(range(start, end)):
                    ents.append(SpacySpan(doc, start, end, label=ent.label_))
        return sorted(ents, key=lambda e: e.start)

    def _common_words(self) -> frozenset[str]:
        """Lowercase words to write lowercase when re-casing: stop words, plus the
        lemmatizer's verb/adjective/adverb index (WordNet-derived) when the pipeline has it."""
        if self._common is None:
            words = set(STOP_WORDS)
            lemmatizer = self.nlp.get_pipe("lemmatizer") if "lemmatizer" in self.nlp.pipe_names else None
            tables = getattr(lemmatizer, "lookups", None)
            if tables is not None and tables.has_table("lemma_index"):
                index = tables.get_table("lemma_index")
                for pos in ("verb", "adj", "adv"):
                    if pos in index:
                        words.update(index[pos])
            self._common = frozenset(words)
        return self._common

    def _name(self, doc: Doc, item: _Found) -> str:
        return self.actors[item[3]].name if item[3] else clean_name(doc[item[0]:item[1]].text)

    def _acronyms(self, doc: Doc, found: list[_Found], acronyms: dict[str, str]) -> list[_Found]:
        """"Long Name (ABBR)": label ABBR like the long name, and name both alike in the document."""
        taken = {i for start, end, *_ in found for i in range(start, end)}
        out = list(found)
        for item in found:
            start, end, label = item[0], item[1], item[2]
            if end + 2 >= len(doc) or doc[end].text != "(" or doc[end + 2].text != ")":
                continue
            abbr = doc[end + 1]
            if not _is_acronym_token(abbr.text) or end - start < 2:
                continue
            acronyms.setdefault(abbr.text, self._name(doc, item))
            if abbr.i not in taken:
                out.append((abbr.i, abbr.i + 1, label, "", "rule"))
                taken.add(abbr.i)
        if acronyms:  # later bare uses of the acronym
            labels = {doc[s:e].text: lab for s, e, lab, *_ in out if doc[s:e].text in acronyms}
            for token in doc:
                if token.text in labels and token.i not in taken:
                    out.append((token.i, token.i + 1, labels[token.text], "", "rule"))
                    taken.add(token.i)
        return out

    def _surnames(self, doc: Doc, found: list[_Found]) -> list[_Found]:
        """A surname alone takes PERSON when the document names that person in full."""
        surnames = {doc[end - 1].text for start, end, label, *_ in found
                    if label == "PERSON" and end - start >= 2 and _capitalised(doc[end - 1].text)}
        if not surnames:
            return found
        out = []
        taken = {i for start, end, *_ in found for i in range(start, end)}
        for item in found:
            start, end, label, key, method = item
            if (not key and end - start == 1 and label in _RELABEL and doc[start].text in surnames):
                item = (start, end, "PERSON", key, "rule")
            out.append(item)
        for token in doc:
            if (token.text in surnames and token.i not in taken
                    and (not token.tag_ or token.pos_ == "PROPN")):
                out.append((token.i, token.i + 1, "PERSON", "", "rule"))
        return out


def _make_fixer(nlp: Any, name: str, gazetteer_paths: list[str], shipped: bool) -> EntityFixer:
    actors = load_actors([Path(p) for p in gazetteer_paths], include_default=shipped)
    return EntityFixer(actors, gazetteer_paths=gazetteer_paths, nlp=nlp)


def _register_factory() -> None:
    from spacy.language import Language

    if not Language.has_factory(FIXER):
        Language.factory(FIXER, default_config={"gazetteer_paths": [], "shipped": True})(_make_fixer)


def _ruler(nlp: Language) -> EntityRuler:
    """The gazetteer EntityRuler, added right after the model's NER the first time it is needed."""
    if RULER in nlp.pipe_names:
        return cast("EntityRuler", nlp.get_pipe(RULER))
    placement: dict[str, Any] = {"before": FIXER} if FIXER in nlp.pipe_names else \
        {"after": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    return cast("EntityRuler", nlp.add_pipe("entity_ruler", name=RULER, config={
        "overwrite_ents": True, "phrase_matcher_attr": "LOWER", "validate": False}, **placement))


def add_entity_components(nlp: Language, *, gazetteer_paths: Sequence[Path | str] = (),
                          shipped: bool = True) -> Language:
    """Add the gazetteer EntityRuler and our corrective component after the model's NER.

    Idempotent: calling it again adds nothing, except the entries of gazetteer files not
    loaded before.

    Args:
        nlp: a loaded spaCy pipeline (``dossier.extract.nlp.load_nlp()``).
        gazetteer_paths: extra JSONL files in the format of ``data/actors.jsonl``; their
            entries extend (or, for the same key, replace) the shipped ones.
        shipped: use the shipped gazetteer (``data/actors.jsonl``). Without it and without
            ``gazetteer_paths`` there is no ruler: entities are the model's, corrected by our
            generic rules (boundaries, acronyms, surnames), and no mention has a gazetteer key.
            Applies when the components are first added.

    Returns:
        The same ``nlp``, changed in place.
    """
    _register_factory()
    paths = [str(Path(p)) for p in gazetteer_paths]
    if FIXER in nlp.pipe_names:
        fixer = cast(EntityFixer, nlp.get_pipe(FIXER))
        new = [p for p in paths if p not in fixer.gazetteer_paths]
        if new:
            actors = load_actors(new, include_default=False)
            fixer.add_actors(actors, paths=new)
            _ruler(nlp).add_patterns(ruler_patterns(actors.values(), nlp.make_doc))
        return nlp
    placement: dict[str, Any] = {"after": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    fixer = cast(EntityFixer, nlp.add_pipe(FIXER, config={"gazetteer_paths": paths, "shipped": shipped},
                                           **placement))
    if fixer.actors:  # a ruler with no patterns only warns on every document
        ruler = _ruler(nlp)
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(ruler_patterns(fixer.actors.values(), nlp.make_doc))
    return nlp


def _sentence_starts(sdoc: Doc) -> list[int]:
    if not has_sentences(sdoc):
        return [0]
    return [sent.start for sent in sentences(sdoc)]


def _person_names(persons: list[SpacySpan], infos: dict[tuple[int, int], dict[str, str]]) -> dict[int, str]:
    """In-document name of every PERSON mention, keyed by its start token.

    A mention whose words (honorifics aside) end a longer PERSON mention ("Baradar",
    "Mullah Baradar" → "Mullah Abdul Ghani Baradar") takes the nearest preceding longer
    one's name, else the first following; a gazetteer match names itself canonically.
    """
    own: dict[int, str] = {}
    words: dict[int, tuple[str, ...]] = {}
    for ent in persons:
        info = infos.get((ent.start_char, ent.end_char), {})
        own[ent.start] = info.get("name") or clean_name(ent.text)
        words[ent.start] = name_tokens(ent)
    names: dict[int, str] = {}
    for ent in persons:
        info = infos.get((ent.start_char, ent.end_char), {})
        mine = words[ent.start]
        if info.get("key") or not mine:
            names[ent.start] = own[ent.start]
            continue
        longer = [other for other in persons
                  if len(words[other.start]) > len(mine) and words[other.start][-len(mine):] == mine]
        before = [o for o in longer if o.start < ent.start]
        after = [o for o in longer if o.start > ent.start]
        best = before[-1] if before else after[0] if after else None
        names[ent.start] = own[best.start] if best is not None else own[ent.start]
    return names


def find_mentions(sdoc: Doc, *, doc_id: str) -> list[Mention]:
    """The named-entity mentions of a processed document, in text order.

    Args:
        sdoc: a ``Doc`` from a pipeline with :func:`add_entity_components` (a bare
            pipeline works too: then every mention is the model's, named by its text).
        doc_id: the :class:`~dossier.records.Document` id the spans point into.

    Returns:
        One :class:`Mention` per entity with a label in :data:`MENTION_LABELS`; its span
        offsets index ``sdoc.text``.
    """
    infos: dict[tuple[int, int], dict[str, str]] = sdoc.user_data.get(ENTS_KEY, {})
    acronyms: dict[str, str] = sdoc.user_data.get(ENTS_KEY + ".acronyms", {})
    ents = [e for e in sdoc.ents if e.label_ in MENTION_LABELS]
    person_names = _person_names([e for e in ents if e.label_ == "PERSON"], infos)
    starts = _sentence_starts(sdoc)
    mentions = []
    for ent in ents:
        info = infos.get((ent.start_char, ent.end_char), {})
        key = info.get("key") or ent.ent_id_ or None
        if ent.label_ == "PERSON":
            name = person_names[ent.start]
        else:
            name = info.get("name") or acronyms.get(ent.text) or clean_name(ent.text)
        if not key and (glued := hashtag_name(sdoc.text, ent.start_char, ent.end_char)):
            name = glued
        span = Span(doc_id=doc_id, start=ent.start_char, end=ent.end_char,
                    sentence=bisect.bisect_right(starts, ent.start) - 1,
                    method=f"{METHOD}:{info.get('method', 'model')}")
        role = role_of(ent) if ent.label_ == "PERSON" else None
        mentions.append(Mention(text=ent.text, label=ent.label_, span=span, name=name, role=role, gazetteer=key))
    return mentions


def group_entities(mentions: Sequence[Mention]) -> list[EntityRef]:
    """Group mentions by ``name`` into the document's entity list, in order of first mention.

    The entity's label is its mentions' most common label (the first seen on a tie); its
    roles are the distinct roles of its mentions, in order.
    """
    groups: dict[str, list[Mention]] = {}
    for mention in mentions:
        groups.setdefault(mention.name, []).append(mention)
    entities = []
    for name, group in groups.items():
        counts = Counter(m.label for m in group)
        label = max(counts, key=lambda lab: (counts[lab], -[m.label for m in group].index(lab)))
        roles = tuple(dict.fromkeys(m.role for m in group if m.role))
        entities.append(EntityRef(name=name, label=label, mentions=tuple(group), roles=roles))
    return entities
