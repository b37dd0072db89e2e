"""Quotes and reported speech with their speakers (``quotes.v1``).

:func:`find_quotes` reads a parsed document in two passes:

1. **Quoted stretches** (:mod:`~dossier.extract.quotes_marks`). Each is linked to a cue,
   most precise first, and the rule that decided is kept in ``span.method``:

   - ``cue-verb``: a cue verb governs the quote in the dependency parse
     (``“…,” Baradar said``; ``Lavrov said: “…”``; ``“…,” said Taliban spokesman X``);
   - ``mixed``: the quote is only part of the cue's clause (``Rassoui said Afghan-U.S.
     relations are “solid.”``). This is reported speech holding quoted words, so it is
     one Quote with ``direct=False`` whose text is the whole clause, quote marks included;
   - ``according-to``: ``“…,” according to the report``;
   - ``cue-window``: the parse missed, but a cue verb sits next to the quote
     (``, X said`` after it or ``X said,`` before it);
   - ``paragraph``: a quotation running over several paragraphs takes the speaker found
     for any of its parts;
   - ``continuation``: a quote with no cue right after an attributed one in the same
     paragraph (``“…,” he said. “…”``), or opening the next paragraph, keeps that speaker.

   A split quote (``“…,” he said, “…”``) gives two Quotes with the same ``speaker_span``;
   :func:`group_quotes` puts such parts back together. A short quote (four words or
   fewer) that no cue links to is a scare quote or a title (``‘good boy’``, ``“solid”``
   as a predicate) and is dropped; so is a longer one no cue or neighbour explains.

2. **Reported speech** (``direct=False``): a cue verb outside quotes whose subject is a
   person, organisation, pronoun or description and whose ``ccomp`` is the content
   (``reported``: "Lavrov urged that foreign forces leave Afghanistan"), a speech act
   with a noun-phrase object (``reported-object``: "Shaheen rejected the report's
   conclusions"), or ``according to X`` with the rest of its sentence (``according-to``).

Brackets inside quotes ("[The] Taliban") stay in the text: they are the writer's, but
removing them would break ``text == doc.text[start:end]``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dossier.extract.doccache import sentences, text_of
from dossier.extract.quotes_cues import cue_kind, find_according_to, put_to_subject, subject_of
from dossier.extract.quotes_direct import DirectFinder
from dossier.extract.quotes_speaker import SpeakerResolver, mentions_from_ents, speaker_fields
from dossier.extract.records import Mention, Quote
from dossier.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["METHOD", "find_quotes", "group_quotes"]

METHOD = "quotes.v1"
MARKS = frozenset({"that", "whether", "if"})
MIN_REPORTED_TOKENS = 3


def find_quotes(sdoc: Doc, *, doc_id: str, mentions: Sequence[Mention] = ()) -> list[Quote]:
    """Direct quotes and reported speech in a parsed document, with speakers.

    Args:
        sdoc: spaCy ``Doc`` of the cleaned text (paragraphs separated by blank lines),
            parsed (tagger and dependency parser) and, when ``mentions`` is empty, with NER.
        doc_id: the document id written into every ``Span``.
        mentions: entity mentions found by the entity stage; when empty the PERSON, ORG,
            NORP and GPE entities of ``sdoc`` are used.

    Returns:
        Quotes in text order. For each, ``sdoc.text[q.span.start:q.span.end] == q.text``.

    Example::

        >>> doc = nlp('“We are ready,” Lavrov said.')          # doctest: +SKIP
        >>> [(q.text, q.speaker, q.cue) for q in find_quotes(doc, doc_id="d")]   # doctest: +SKIP
        [('We are ready', 'Lavrov', 'say')]
    """
    if not text_of(sdoc).strip():
        return []
    if not mentions:
        mentions = mentions_from_ents(sdoc, doc_id)
    finder = DirectFinder(sdoc, doc_id=doc_id, mentions=mentions)
    direct = finder.find()
    reported = _reported(sdoc, doc_id, finder.resolver, finder.used_cues, finder.covered(), finder.quoted)
    return sorted([*direct, *reported], key=lambda q: (q.span.start, q.span.end))


def group_quotes(quotes: Sequence[Quote]) -> list[list[Quote]]:
    """Parts of one attribution side by side: consecutive quotes with the same speaker mention.

    A split quote (``“…,” he said, “…”``) and a quotation carried on over several
    paragraphs come out of :func:`find_quotes` as several Quotes sharing ``speaker_span``;
    this regroups them (PolNeAR annotates them as one relation with several segments).
    """
    groups: list[list[Quote]] = []
    for quote in sorted(quotes, key=lambda q: q.span.start):
        last = groups[-1][-1] if groups else None
        if (last is not None and quote.speaker_span is not None and last.speaker_span == quote.speaker_span
                and last.direct == quote.direct):
            groups[-1].append(quote)
        else:
            groups.append([quote])
    return groups


@dataclass(frozen=True, slots=True)
class _Content:
    start: int
    end: int


def _reported(sdoc: Doc, doc_id: str, resolver: SpeakerResolver, used: set[int],
              covered: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> list[Quote]:
    """Reported speech outside quotes: cue verbs with a subject and a clause or object."""
    out: list[Quote] = []
    starts = [s.start_char for s in sentences(sdoc)]
    taken = list(covered)

    def inside(lo: int, hi: int, spans: list[tuple[int, int]]) -> bool:
        return any(s < hi and lo < e for s, e in spans)

    for token in sdoc:
        kind = cue_kind(token)
        if kind is None or kind == "evaluative" or token.i in used or inside(token.idx, token.idx + 1, quoted):
            continue
        subject = subject_of(token)
        if subject is None or subject.lower_ in ("there", "what", "which", "who", "that"):
            continue
        if subject.lower_ == "it" and (subject.dep_ != "nsubj" or kind != "speech"
                                       or resolver.pronoun_group(subject) is None):
            continue  # "it said" only for an organisation that spoke before ("the navy said… it said")
        if put_to_subject(token):
            continue  # "X said when asked whether…": the question was put to X, not asked by X
        content = _clause(token, kind)
        if content is None:
            continue
        if inside(content.start, content.end, taken):
            continue
        rule = "reported-object" if text_of(sdoc)[content.start:content.end] and kind == "object" and not any(
            c.dep_ == "ccomp" for c in token.children) else "reported"
        out.append(_make(sdoc, doc_id, starts, content, resolver, subject, token, rule))
        taken.append((content.start, content.end))
    out += _according(sdoc, doc_id, starts, resolver, taken, quoted)
    return out


def _clause(verb: Token, kind: str) -> _Content | None:
    """The content of a cue: its ccomp subtree (without ``that``), or its object for speech acts;
    failing both, the clause a speech verb is inserted after (``…, police said``).

    Only the cue's own line counts: a headline with no full stop is parsed into the first
    sentence below it, and its words are not what the source said."""
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses and kind == "object":
        clauses = [c for c in verb.children if c.dep_ == "dobj"]
    # "Obama has asked Gupta…, a senior Democrat said": the parse hangs the inserted cue under "asked"
    clauses = [c for c in clauses if not (c.i > verb.i and cue_kind(c) == "speech" and _inserted_after(c))]
    candidates = [_trim([t for t in clause.subtree if _same_line(t, verb) and not t.is_space])
                  for clause in clauses]
    if not clauses and kind == "speech":
        candidates = [_inserted_after(verb), _parenthetical(verb)]
    for tokens in candidates:
        if len([t for t in tokens if not t.is_punct]) >= MIN_REPORTED_TOKENS:
            return _Content(tokens[0].idx, tokens[-1].idx + len(tokens[-1]))
    return None


def _trim(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].lower_ in MARKS or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct and tokens[-1].text not in ")]”’\"'":
        tokens = tokens[:-1]
    return tokens


def _same_line(token: Token, other: Token) -> bool:
    lo, hi = sorted((token.idx, other.idx))
    return "\n" not in text_of(token.doc)[lo:hi]


def _parenthetical(verb: Token) -> list[Token]:
    """``Before the talks, Trump said, the Taliban attacked…``: a speech verb set off by commas in
    the middle of the clause it reports; the content is that clause from the second comma on."""
    subject = subject_of(verb)
    doc = verb.doc
    if subject is None or verb.dep_ != "parataxis" or verb.head.i < verb.i or subject.i > verb.i:
        return []
    first = min(t.i for t in subject.subtree)
    after = verb.i + 1
    while after < len(doc) and doc[after].dep_ in ("npadvmod", "advmod") and doc[after].head == verb:
        after += 1
    if first < 1 or doc[first - 1].text != "," or after >= len(doc) or doc[after].text != ",":
        return []
    body = _trim([t for t in verb.head.subtree if t.i > after and _same_line(t, verb) and not t.is_space])
    return body if any(t.pos_ in ("VERB", "AUX") for t in body) else []


def _inserted_after(verb: Token) -> list[Token]:
    """``Ten people were killed, officials said on Tuesday.`` / ``…, said Sgt. Marty Earley.``
    when the parse missed the clause: a speech verb and its subject after a comma that end
    the line or sentence, and the sentence before the comma is the content."""
    subject = subject_of(verb)
    if subject is None:
        return []
    doc = verb.doc
    own = {t.i for t in verb.subtree if t.i >= verb.i} | {t.i for t in subject.subtree}
    start = min(own)
    while start > 0 and doc[start - 1].text != "," and (doc[start - 1].pos_ == "PROPN" or doc[start - 1].text == "."
                                                         ) and _same_line(doc[start - 1], verb):
        start -= 1  # "Philadelphia Homicide Capt. | James Clark said": a sentence split after "Capt."
    if start < 2 or doc[start - 1].text != ",":
        return []
    subject_words = {t.i for t in subject.subtree}
    extra = 0
    for t in doc[verb.i + 1:]:
        if "\n" in text_of(doc)[verb.idx:t.idx] or t.is_sent_start and t.i > max(own):
            break
        if t.text in "\"“”«»" or t.i not in own and not t.is_punct:
            return []  # a quote or more clause after the cue: not an inserted "…, X said."
        if t.i not in subject_words and not t.is_punct:
            extra += 1
            if extra > 4 or t.pos_ in ("VERB", "AUX"):
                return []  # "…, X said on Tuesday." only
    first = doc[start - 2]
    lo = first.sent.start
    body = _trim([t for t in doc[lo:start - 1] if _same_line(t, verb) and not t.is_space])
    if not any(t.pos_ in ("VERB", "AUX") for t in body):
        return []  # "In his speech, X said…": a phrase, not what was said
    return body


def _according(sdoc: Doc, doc_id: str, starts: list[int], resolver: SpeakerResolver,
               taken: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> list[Quote]:
    """``…, according to X`` / ``According to X, …`` outside quotes: the rest of the sentence."""
    out = []
    for sent in sentences(sdoc):
        found = find_according_to(sdoc, sent.start, sent.end)
        if found is None:
            continue
        according, source = found
        if any(s <= according.idx < e for s, e in quoted):
            continue
        words = [t for t in sent if not t.is_space]
        if according.i - sent.start <= 1:
            comma = next((t for t in sent if t.i > source.i and t.text == ","), None)
            body = [t for t in words if comma is not None and t.i > comma.i]
        else:
            body = [t for t in words if t.i < according.i]
        while body and body[-1].is_punct:
            body = body[:-1]
        while body and body[0].is_punct:
            body = body[1:]
        if len(body) < MIN_REPORTED_TOKENS:
            continue
        content = _Content(body[0].idx, body[-1].idx + len(body[-1]))
        if any(s < content.end and content.start < e for s, e in taken) or "\n" in text_of(sdoc)[
                content.start:content.end]:
            continue
        out.append(_make(sdoc, doc_id, starts, content, resolver, source, according, "according-to"))
        taken.append((content.start, content.end))
    return out


def _make(sdoc: Doc, doc_id: str, starts: list[int], content: _Content, resolver: SpeakerResolver,
          subject: Token, cue: Token, rule: str) -> Quote:
    speaker = resolver.resolve(subject, cue=None if rule == "according-to" else cue)
    sentence = bisect.bisect_right(starts, content.start) - 1
    span = Span(doc_id, content.start, content.end, sentence, f"{METHOD}:{rule}")
    lemma = "according to" if rule == "according-to" else cue.lemma_.lower()
    return Quote(text_of(sdoc)[content.start:content.end], span, False, cue=lemma,
                 **speaker_fields(speaker, doc_id, starts))
