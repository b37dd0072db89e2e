"""Turn the subject of a cue into a speaker: a canonical in-document name and a mention.

The cascade, most precise first:

1. a named mention at the subject (``Baradar``, ``the Pentagon``) → the longest name in
   the document that shares its surname, titles dropped (``Mullah``, ``Gen.``, ``Mr.``:
   "Abdul Ghani Baradar" for both "Mullah Abdul Ghani Baradar" and "Baradar"); a surname
   one letter off a known one ("Rassoui" for "Rassoul") counts as the same person;
2. a description whose head is an office (``the Russian foreign minister``) → the person
   last named with that office ("Russian Foreign Minister Sergey Lavrov"; "the US president"
   → "President Joe Biden" when one person holds the office); ``the group``, ``the
   organization``, ``the militants`` → the organisation last named outside quotes;
3. a personal pronoun (``he``, ``she``) → the person last in subject position outside
   quotes (a pronoun subject passes its referent on). The pronoun stays the mention and the
   name's mention is kept as the antecedent, except inside what that person says ("Clinton
   says she hopes…": one attribution, the outer subject is the mention); a relative pronoun
   ("Greenpeace, which said…") is the mention, the noun it stands for the antecedent.
   ``it``/``they`` → the nearest non-person subject of a clause above the
   pronoun's ("the Security Council pledged sanctions against what it called…");
   a document or remark someone issued ("He released a letter that says…") → that someone;
4. anything else (``the annual report to the U.N. Security Council``, ``U.N. experts``) →
   the noun phrase itself; ``the report`` → an earlier, longer speaker with the same head.
   A person with no name ("a senior administration official", "officials", "witnesses") is
   kept as its description and marked ``anonymous``.

Whenever the name comes from another mention, that mention's span is kept as the
antecedent (``Quote.antecedent_span``); the speaker span is always the mention at the cue.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from dossier.extract.coref import GROUP_PRONOUNS, PERSON_PRONOUNS, description_kind, nearest
from dossier.extract.doccache import sentences, text_of
from dossier.extract.quotes_cues import relative_pronoun, subject_of, subject_span
from dossier.extract.records import Mention
from dossier.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Speaker", "SpeakerResolver", "mentions_from_ents", "speaker_fields", "strip_titles"]

SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})
TITLES = frozenset("""mr mrs ms miss dr prof gen general lt col maj capt adm sgt sen senator rep
representative gov governor president vice secretary minister mullah maulvi mawlawi sheikh sheik
imam hajji haji ayatollah king queen prince pope rev sir lord judge justice chairman ambassador
mayor former acting deputy prime commander envoy spokesman spokeswoman spokesperson chief""".split())
ROLE_NOUNS = frozenset("""minister spokesman spokeswoman spokesperson envoy chief president secretary
official general commander leader ambassador director head deputy senator chairman chairwoman
adviser advisor negotiator diplomat governor mayor founder ceo representative congressman
congresswoman candidate nominee prosecutor judge officer analyst expert researcher""".split())
SOURCE_NOUNS = frozenset("""source witness resident aide person people staffer insider observer activist
member employee worker survivor villager doctor medic relative neighbour neighbor""".split())
DOCUMENT_NOUNS = frozenset("""report study statement analysis assessment document letter memo survey
review paper assessment communique declaration filing lawsuit complaint ruling""".split())
SPEECH_NOUNS = frozenset("""comment remark tweet post speech message note email remarks""".split())
ISSUE_VERBS = frozenset("""release issue make publish send write post deliver give sign put tweet file
submit""".split())
#: heads of "the newspaper said": the news outlet last named as a source
MEDIA_NOUNS = frozenset("""newspaper paper daily magazine tabloid broadcaster network channel station outlet
website""".split())
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
EMBEDDING_DEPS = frozenset({"ccomp", "xcomp", "relcl", "dobj", "pobj", "pcomp", "acl"})


@dataclass(frozen=True, slots=True)
class Speaker:
    """A resolved speaker: canonical name (None if unknown) and the mention's char span.

    ``start``/``end`` are always the mention at the cue ("he", "the group", "Baradar");
    ``antecedent`` is the char span of the named mention it was resolved to, when that is
    another mention ("Donald Trump" for "he"); ``anonymous`` marks an unnamed source kept
    as its description ("a senior administration official").
    """

    name: str | None
    start: int
    end: int
    label: str | None = None
    antecedent: tuple[int, int] | None = None
    anonymous: bool = False


def speaker_fields(speaker: Speaker, doc_id: str, sent_starts: Sequence[int]) -> dict[str, Any]:
    """The Quote fields for a speaker: name, mention span, antecedent span, anonymity."""

    def span(start: int, end: int) -> Span:
        return Span(doc_id, start, end, bisect.bisect_right(sent_starts, start) - 1, "quotes.v1:speaker")

    antecedent = None
    if speaker.antecedent is not None and speaker.antecedent != (speaker.start, speaker.end):
        antecedent = span(*speaker.antecedent)
    return {"speaker": speaker.name, "speaker_span": span(speaker.start, speaker.end),
            "antecedent_span": antecedent, "anonymous": speaker.anonymous}


def strip_titles(name: str) -> str:
    """The name without leading honorifics and ranks: "Mullah Abdul Ghani Baradar" → "Abdul Ghani Baradar"."""
    words = name.split()
    while len(words) > 1 and words[0].rstrip(".").casefold() in TITLES:
        words = words[1:]
    return " ".join(words).removesuffix("’s").removesuffix("'s")


def mentions_from_ents(sdoc: Doc, doc_id: str) -> list[Mention]:
    """Mentions from the spaCy entities (PERSON, ORG, NORP, GPE) when none were passed in."""
    starts = [s.start_char for s in sentences(sdoc)]
    out = []
    for ent in sdoc.ents:
        if ent.label_ in SPEAKER_LABELS:
            sentence = bisect.bisect_right(starts, ent.start_char) - 1
            span = Span(doc_id, ent.start_char, ent.end_char, sentence, "quotes.v1:ents")
            out.append(Mention(ent.text, ent.label_, span, ent.text))
    return out


def _drop_article(name: str) -> str:
    """A named organisation without its article: "the Pentagon" → "Pentagon"."""
    return name[4:] if name[:4].casefold() == "the " and len(name) > 4 else name


def _surname(name: str) -> str:
    words = strip_titles(name).split()
    return words[-1].casefold() if words else ""


def _near(a: str, b: str) -> bool:
    """Same word, or one edit apart for words of five letters or more sharing the first three."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or a[:3] != b[:3] or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


class SpeakerResolver:
    """Resolves cue subjects in one document (built once per document)."""

    def __init__(self, sdoc: Doc, mentions: Sequence[Mention], *,
                 quoted: Sequence[tuple[int, int]] = ()) -> None:
        self.sdoc = sdoc
        self.mentions = sorted(mentions, key=lambda m: m.span.start)
        self.starts = [m.span.start for m in self.mentions]
        self.quoted = sorted(quoted)
        self.persons = [m for m in self.mentions if m.label == "PERSON" and not self._in_quote(m.span.start)]
        self.roles = [(m, self._role_words(m)) for m in self.persons]
        self.subject_events = self._subject_events()
        self.speakers: list[tuple[int, str, str]] = []  # (char, head lemma, name) of resolved speakers
        self.sources: list[tuple[int, str]] = []  # (char, name) of speakers named, not persons ("Newsday")

    # -- mentions ---------------------------------------------------------------------------

    def _in_quote(self, char: int) -> bool:
        return any(s <= char < e for s, e in self.quoted)

    def _mention_at(self, start: int, end: int) -> list[Mention]:
        lo = bisect.bisect_left(self.starts, start - 200)
        return [m for m in self.mentions[lo:] if m.span.start < end and start < m.span.end]

    def person_name(self, mention: Mention, at: int) -> str:
        """The longest person name in the document sharing this mention's surname."""
        surname = _surname(mention.name or mention.text)
        best = strip_titles(mention.name or mention.text)
        best_key = (len(best.split()), -abs(mention.span.start - at))
        # A surname matches a person's last word; the second-to-last only when no last word does
        # ("Ghani" is Ashraf Ghani, not Abdul Ghani Baradar, when both are in the story).
        by_last = any(_near(surname, w[-1]) for w in self._person_words() if w)
        for other in self.persons:
            words = [w.casefold() for w in strip_titles(other.name or other.text).split()]
            if not words or not any(_near(surname, w) for w in (words[-1:] if by_last else words[-2:])):
                continue
            name = strip_titles(other.name or other.text)
            key = (len(words), -abs(other.span.start - at) - (100000 if other.span.start > at else 0))
            if key > best_key:
                best, best_key = name, key
        return best

    def _person_words(self) -> list[list[str]]:
        return [[w.casefold() for w in strip_titles(p.name or p.text).split()] for p in self.persons]

    def _role_words(self, mention: Mention) -> set[str]:
        """Words of the office seen with a person: title words before it, an appositive around it."""
        text = mention.role or ""
        doc = self.sdoc
        span = doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is not None and not text:
            i = span.start - 1
            words = []
            while i >= 0 and span.start - i <= 8 and (doc[i].pos_ in ("PROPN", "NOUN", "ADJ", "PART", "VERB")
                                                      or doc[i].text in ("’s", "'s", ".")):
                words.append(doc[i].lower_)
                i -= 1
            if i >= 0 and doc[i].text == "," and span.end < len(doc) and doc[span.end].text == ",":
                j = i - 1
                while j >= 0 and span.start - j <= 10 and doc[j].pos_ not in ("VERB", "AUX", "ADP", "PUNCT"):
                    words.append(doc[j].lower_)
                    j -= 1
            k = span.end
            if k + 1 < len(doc) and doc[k].text == "," and doc[k + 1].lower_ in ("the", "a", "an"):
                words += [t.lower_ for t in doc[k + 1: min(len(doc), k + 9)] if t.text != ","][:8]
            text = " ".join(words)
        lemmas = {strip_titles(w).casefold() for w in text.split()}
        return {w for w in lemmas if w} | {w.rstrip(".") for w in text.casefold().split()}

    def _subject_events(self) -> list[tuple[int, str, int, int]]:
        """(token index, person name, mention start, end) for persons in subject position outside quotes."""
        events: list[tuple[int, str, int, int]] = []
        for token in self.sdoc:
            introduced = self._introduced(token)
            if introduced is not None:
                events.append((token.i, self.person_name(introduced, token.idx), introduced.span.start,
                               introduced.span.end))
                continue
            if token.dep_ not in SUBJECT_DEPS or self._in_quote(token.idx):
                continue
            if token.lower_ in ("he", "she"):
                if events:
                    events.append((token.i, *events[-1][1:]))
                continue
            found = self._person_in(token)
            if found is not None:
                events.append((token.i, self.person_name(found, token.idx), found.span.start, found.span.end))
            elif token.pos_ == "PROPN" and token.ent_type_ not in ("GPE", "NORP"):
                name = self._maybe_person_text(token.text, token.idx)
                if name != token.text or token.ent_type_ == "PERSON":
                    events.append((token.i, name, token.idx, token.idx + len(token)))
        return events

    def _introduced(self, token: Token) -> Mention | None:
        """A person brought in as a source or as the subject of a relative clause, who a later
        "he" or "she" may stand for: "according to her publicist, Jack Ketsoyan"; "a surprise to
        Matthew O'Connor, who coproduced…"."""
        if self._in_quote(token.idx):
            return None
        if token.dep_ == "pobj" and token.head.lower_ == "to" and token.head.head.lower_ == "according":
            return self._person_in(token)
        if token.dep_ in SUBJECT_DEPS and token.lower_ == "who" and token.head.dep_ == "relcl":
            return self._person_in(token.head.head)
        return None

    def _person_in(self, head: Token) -> Mention | None:
        """A PERSON mention at the head token, or in an appositive to it."""
        candidates = [head, *[c for c in head.children if c.dep_ == "appos"]]
        for token in candidates:
            for m in self._mention_at(token.idx, token.idx + len(token)):
                if m.label == "PERSON":
                    return m
        return None

    # -- resolution -------------------------------------------------------------------------

    def resolve(self, subject: Token, *, cue: Token | None = None) -> Speaker:
        """The speaker for the subject token of a cue (or the object of 'according to').

        When the cue's own subject is a relative pronoun standing for ``subject``
        ("Greenpeace, which said…"), the pronoun is the mention and ``subject`` its antecedent.
        """
        speaker = self._resolve(subject)
        relative = relative_pronoun(cue, subject) if cue is not None else None
        if relative is None or relative.lower_ not in ("who", "which") or self._author(subject) is not None:
            return speaker
        return replace(speaker, start=relative.idx, end=relative.idx + len(relative),
                       antecedent=speaker.antecedent or (speaker.start, speaker.end))

    def _resolve(self, subject: Token) -> Speaker:
        doc = self.sdoc
        lo, hi = subject_span(subject)
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
        lower = subject.lower_
        if subject.pos_ == "PRON" or lower in PERSON_PRONOUNS | GROUP_PRONOUNS:
            return self._pronoun(subject)
        author = self._author(subject)
        if author is not None:
            return self.resolve(author)
        titled = self._name_after_title(subject)
        if titled is not None:  # "said Sgt. | Marty Earley.": the parse split the sentence at "Sgt."
            return self._remember(subject, Speaker(self.person_name(titled, subject.idx), start,
                                                   max(end, titled.span.end), "PERSON"))
        earlier = self._earlier_source(subject, start)
        if earlier is not None:  # "the newspaper", "the navy", "The Reporter" after "The Hollywood Reporter"
            return self._remember(subject, Speaker(earlier, start, end, None))
        person = self._person_in(subject)
        if person is not None:
            return self._remember(subject, Speaker(self.person_name(person, subject.idx),
                                                   person.span.start, person.span.end, "PERSON"))
        for m in self._mention_at(subject.idx, subject.idx + len(subject)):
            name = _drop_article(strip_titles(m.name or m.text))
            if name.islower() and subject.lemma_.lower() in ROLE_NOUNS:
                break  # "the president" tagged as a person: an office, resolved below
            if m.label == "PERSON" or subject.pos_ == "PROPN":
                return self._remember(subject, Speaker(self._maybe_person(m, name), m.span.start,
                                                       m.span.end, m.label))
        if subject.pos_ == "PROPN" and not subject.text.islower():  # "the president" tagged PROPN is an office
            name = text_of(doc)[start:end]
            return self._remember(subject, Speaker(self._maybe_person_text(_drop_article(name), start),
                                                   start, end, None))
        return self._description(subject, start, end)

    def _name_after_title(self, subject: Token) -> Mention | None:
        """The person named right after an abbreviated title that the parse took for the subject
        ("Sgt. Marty Earley", "Dist. Atty. Steve Cooley")."""
        doc = self.sdoc
        if not (subject.text[:1].isupper() and len(subject.text.rstrip(".")) <= 5 and subject.pos_ != "PRON"):
            return None
        i, hops = subject.i + 1, 0
        while i < len(doc) and hops < 4:
            if doc[i].text == "." or (doc[i].text[:1].isupper() and doc[i].text.endswith(".")
                                      and len(doc[i].text) <= 6):
                i, hops = i + 1, hops + 1
                continue
            if (doc[i].text[:1].isupper() and len(doc[i].text) <= 5 and i + 2 < len(doc) and doc[i + 1].text == "."
                    and doc[i + 2].text[:1].isupper()):
                i, hops = i + 2, hops + 1  # "Dist. Atty. Steve Cooley"
                continue
            break
        if hops == 0 and not subject.text.endswith("."):
            return None
        if i >= len(doc) or "\n" in text_of(doc)[subject.idx:doc[i].idx]:
            return None
        found = [m for m in self._mention_at(doc[i].idx, doc[i].idx + len(doc[i])) if m.label == "PERSON"]
        return found[0] if found and found[0].span.start >= doc[i].idx else None

    @staticmethod
    def _author(subject: Token) -> Token | None:
        """Who issued a document or remark that speaks ("He released a letter that says…",
        "prompted Clinton to make a comment that described…"): the issuing verb's subject."""
        if subject.lemma_.lower() not in DOCUMENT_NOUNS | SPEECH_NOUNS or subject.dep_ != "dobj":
            return None
        verb = subject.head
        if verb.lemma_.lower() not in ISSUE_VERBS:
            return None
        author = subject_of(verb)
        return author if author is not None and author.i != subject.i else None

    def _maybe_person(self, mention: Mention, name: str) -> str:
        """A non-PERSON mention whose surname matches a person (the tagger's ORG "Rassoui")."""
        return self._maybe_person_text(name, mention.span.start)

    def _maybe_person_text(self, name: str, at: int) -> str:
        words = name.split()
        if len(words) > 2:
            return name
        surname = _surname(name)
        for other in self.persons:
            if any(_near(surname, w.casefold()) for w in strip_titles(other.text).split()[-1:]):
                fake = Mention(name, "PERSON", other.span, name)
                return self.person_name(fake, at)
        return name

    def pronoun_name(self, pronoun: Token) -> str | None:
        """The person a personal pronoun refers to (no side effects), or None."""
        return self._pronoun(pronoun).name if pronoun.lower_ in PERSON_PRONOUNS else None

    def pronoun_group(self, pronoun: Token) -> str | None:
        """The organisation "it" or "they" stands for, if a clause above names it or one spoke before."""
        return self._pronoun(pronoun).name if pronoun.lower_ in GROUP_PRONOUNS else None

    def _pronoun(self, subject: Token) -> Speaker:
        start, end = subject.idx, subject.idx + len(subject)
        if subject.lower_ in PERSON_PRONOUNS:
            keys = [e[0] for e in self.subject_events]
            k = bisect.bisect_left(keys, subject.i) - 1
            content = self._said(subject)
            while k >= 0 and keys[k] in content and not self._nested_in(subject, *self.subject_events[k][2:]):
                k -= 1  # "Gomes lived there, he said": not Gomes
            if k >= 0:
                _, name, m_start, m_end = self.subject_events[k]
                if self._nested_in(subject, m_start, m_end):  # "Clinton says she calls it “…”"
                    return Speaker(name, m_start, m_end, "PERSON")
                return Speaker(name, start, end, "PERSON", antecedent=(m_start, m_end))
            before = [m for m in self.persons if m.span.start < start]
            if before:
                return Speaker(self.person_name(before[-1], start), start, end, "PERSON",
                               antecedent=(before[-1].span.start, before[-1].span.end))
            return Speaker(None, start, end, "PERSON")
        antecedent = self._group_antecedent(subject)
        if antecedent is not None:
            return self.resolve(antecedent)
        groups = [(c, n) for c, h, n in self.speakers if c < start and h == "__group__"]
        return Speaker(groups[-1][1] if groups else None, start, end, None)

    @staticmethod
    def _said(pronoun: Token) -> set[int]:
        """The tokens of what the pronoun's own speech verb reports: its complement clause, or
        the clause it is inserted in ("Catherine Gomes lived there, he said")."""
        verb = pronoun.head
        if pronoun.dep_ not in SUBJECT_DEPS or verb.pos_ not in ("VERB", "AUX"):
            return set()
        out = {t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree}
        inserted = pronoun.i > 0 and pronoun.doc[pronoun.i - 1].text == "," and verb.i > pronoun.i
        if inserted and verb.dep_ in ("parataxis", "ccomp") and verb.head.i < verb.i:
            out |= {t.i for t in verb.head.subtree} - {t.i for t in verb.subtree}
        return out

    @staticmethod
    def _nested_in(pronoun: Token, m_start: int, m_end: int) -> bool:
        """The pronoun's clause sits inside what its antecedent says or does ("Clinton says she
        hopes…", "Ban condemned what he called…"): one attribution, whose source is the outer
        subject. Only a complement counts ("Putney said…, but he said…" is two); an adverbial
        clause ("… after she attacked") starts another story and stops the climb."""
        token, embedded = pronoun.head, False
        while token.head.i != token.i and token.dep_ != "advcl":
            embedded = embedded or token.dep_ in EMBEDDING_DEPS
            token = token.head
            subjects = [c for c in token.children if c.dep_ in SUBJECT_DEPS]
            if embedded and subjects and m_start <= subjects[0].idx < m_end:
                return True
        return False

    def _group_antecedent(self, pronoun: Token) -> Token | None:
        """``they``/``it``: the nearest earlier subject, not a person, of a clause that holds the
        pronoun's clause ("The Security Council pledged sanctions against what it called “a
        threat”"; not "Although the IMF did not name him, it cited…")."""
        if pronoun.lower_ not in ("they", "it"):
            return None
        plural = pronoun.lower_ == "they"
        above = set(t.i for t in pronoun.head.ancestors)
        for token in reversed(pronoun.sent[:pronoun.i - pronoun.sent.start]):
            if token.dep_ not in SUBJECT_DEPS or self._in_quote(token.idx) or token.head.i not in above:
                continue
            if token.pos_ not in ("NOUN", "PROPN") or token.ent_type_ == "PERSON":
                continue
            if not plural and token.tag_ in ("NNS", "NNPS"):
                continue
            return token
        return None

    def _description(self, subject: Token, start: int, end: int) -> Speaker:
        """A common-noun subject: an office held by a named person, or the phrase itself."""
        doc = self.sdoc
        text = text_of(doc)[start:end]
        lemma = subject.lemma_.lower()
        appos = [c for c in subject.children if c.dep_ == "appos"]
        for child in appos:
            for m in self._mention_at(child.idx, child.idx + len(child)):
                return self._remember(subject, Speaker(strip_titles(m.name or m.text), start, end, m.label))
        if lemma in ROLE_NOUNS:
            holder = self._office_holder(subject, lemma, start)
            if holder is not None:
                return self._remember(subject, Speaker(self.person_name(holder, start), start, end, "PERSON",
                                                       antecedent=(holder.span.start, holder.span.end)))
        if lemma in DOCUMENT_NOUNS:
            for at, head, name in reversed(self.speakers):
                if at < start and head == lemma and len(name) > len(text) and name.casefold() != text.casefold():
                    return Speaker(name, start, end, None)
        group = self._group_named(subject, start)
        if group is not None:
            return self._remember(subject, Speaker(_drop_article(strip_titles(group.name or group.text)), start,
                                                   end, group.label, antecedent=(group.span.start, group.span.end)))
        anonymous = lemma in ROLE_NOUNS | SOURCE_NOUNS
        return self._remember(subject, Speaker(text, start, end, None, anonymous=anonymous))

    def _office_holder(self, subject: Token, lemma: str, start: int) -> Mention | None:
        """The person last named with the office ("the Russian foreign minister" → "Russian Foreign
        Minister Sergey Lavrov"); a place or nationality the office was not written with may be
        left out ("the US president" → "President Joe Biden") when one person holds it."""
        doc = self.sdoc
        before = doc[subject_span(subject)[0]:subject.i]
        mods = {t.lower_.rstrip(".") for t in before
                if t.pos_ in ("PROPN", "ADJ", "NOUN") and t.lower_ not in ("former", "then")}
        places = {t.lower_.rstrip(".") for t in before if t.ent_type_ in ("GPE", "NORP")}
        holders = [(m, words) for m, words in self.roles
                   if m.span.start < start and (lemma in words or subject.lower_ in words)]
        if not holders:
            return self._holder_named_next(subject, lemma, start)
        fitting = [m for m, words in holders if mods <= words]
        if fitting and not mods:  # "the president": rather one named without a country ("President Trump")
            plain = [m for m in fitting if not self._qualified(m)]
            return (plain or fitting)[-1]
        if fitting:
            return fitting[-1]
        if mods - places:
            return None
        names = {self.person_name(m, start) for m, _ in holders}
        return holders[-1][0] if len(names) == 1 else None

    def _qualified(self, mention: Mention) -> bool:
        """The office was written with a country or nationality ("Afghan President Ashraf Ghani")."""
        span = self.sdoc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None:
            return False
        return any(t.ent_type_ in ("GPE", "NORP") for t in self.sdoc[max(0, span.start - 4):span.start])

    def _holder_named_next(self, subject: Token, lemma: str, start: int) -> Mention | None:
        """"…, her spokesman said. … spokesman Harlan Boll said": an office held by a person the
        next sentences name with it (a definite or possessive office only; "a spokesman" may be another)."""
        if not any(c.dep_ in ("det", "poss") and c.lower_ in ("the", "his", "her", "its", "their")
                   for c in subject.children):
            return None
        after = [m for m, words in self.roles
                 if start < m.span.start < start + 400 and (lemma in words or subject.lower_ in words)]
        return after[0] if after else None

    def _group_named(self, subject: Token, start: int) -> Mention | None:
        """``the group``, ``the organization``, ``the militants``: the organisation last named
        outside quotes before it (a definite description with no name of its own)."""
        kind = description_kind(subject, institutions=False)
        if kind is None:
            return None
        return nearest(self.mentions, self.starts, start, kind, skip=lambda m: self._in_quote(m.span.start))

    def _earlier_source(self, subject: Token, start: int) -> str | None:
        """A definite description standing for a source named before it: "the newspaper" → the
        outlet last named as a source; "the navy", "the Reporter" → the last named source or
        organisation whose name ends in that word ("The Indian navy", "The Hollywood Reporter")."""
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in subject.children):
            return None
        if any(c.dep_ in ("compound", "amod") for c in subject.children):
            return None
        head = subject.lower_
        if subject.lemma_.lower() in ROLE_NOUNS | SOURCE_NOUNS:
            return None  # a person's office: "the spokesman" is whoever was named with it
        if subject.lemma_.lower() in MEDIA_NOUNS and self.sources:
            before = [name for at, name in self.sources if at < start]
            if before:
                return before[-1]
        named = [name for at, name in self.sources if at < start]
        named += [strip_titles(m.name or m.text) for m in self.mentions
                  if m.span.start < start and m.label in ("ORG", "GPE", "NORP") and not self._in_quote(m.span.start)]
        for name in reversed(named):
            words = _drop_article(name).split()
            if len(words) > 1 and words[-1].casefold() == head:
                return _drop_article(name)
        for token in reversed(self.sdoc[:subject.i]):  # "the Indian navy … the navy"
            if token.lower_ != head or self._in_quote(token.idx):
                continue
            mods = [c for c in token.children if c.dep_ in ("compound", "amod") and c.i < token.i
                    and (c.pos_ == "PROPN" or c.ent_type_ in ("NORP", "GPE", "ORG"))]
            if mods:
                return text_of(self.sdoc)[mods[0].idx:token.idx + len(token)]
        return None

    def _remember(self, subject: Token, speaker: Speaker) -> Speaker:
        named = subject.pos_ == "PROPN" or any(c.dep_ in ("compound", "amod") and (c.pos_ == "PROPN" or c.ent_type_)
                                               for c in subject.children)
        if speaker.name and speaker.label != "PERSON" and named and not speaker.anonymous:
            self.sources.append((speaker.start, speaker.name))
        if speaker.name:
            self.speakers.append((speaker.start, subject.lemma_.lower(), speaker.name))
            if speaker.label != "PERSON":
                self.speakers.append((speaker.start, "__group__", speaker.name))
        return speaker
