"""Quoted stretches linked to their cues and speakers (pass 1 of :mod:`dossier.extract.quotes`)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from dossier.extract.doccache import sentences, text_of
from dossier.extract.quotes_cues import cue_kind, find_according_to, put_to_subject, subject_of, subject_span
from dossier.extract.quotes_marks import QuotedSpan, find_quoted_spans
from dossier.extract.quotes_speaker import Speaker, SpeakerResolver, speaker_fields
from dossier.extract.records import Mention, Quote
from dossier.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["DirectFinder"]

METHOD = "quotes.v1"
MAX_SCARE_WORDS = 4
ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "advise", "thank", "urge", "warn", "remind"})
MAX_WALK = 5
MAX_OUTER = 10
WINDOW = 12
MARKS = frozenset({"that", "whether", "if"})
CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "dobj", "dep", "advcl", "oprd", "attr",
                          "acomp", "prep", "pcomp", "csubj", "obj", "intj", "conj"})
SHORT_CONTENT_DEPS = frozenset({"ccomp", "xcomp", "parataxis", "dobj", "oprd", "attr", "acomp", "csubj", "obj"})
_SENTENCE_END = re.compile(r"[.!?…]['’\"”)]*$")
_DASH_NAME = re.compile(r"[ \t\u00a0]*[―—–-]+[ \t\u00a0]*(?=[A-Z])")
_WORDS = re.compile(r"[\w’'-]+")


@dataclass(slots=True)
class _Found:
    """A quoted span with what was found for it."""

    span: QuotedSpan
    cue: Token | None = None
    speaker: Speaker | None = None
    rule: str = ""
    content: tuple[int, int] | None = None  # the clause, for mixed quotes
    paragraph: int = 0


class DirectFinder:
    """Finds the quoted stretches of one document and attributes them."""

    def __init__(self, sdoc: Doc, *, doc_id: str, mentions: Sequence[Mention]) -> None:
        self.sdoc = sdoc
        self.doc_id = doc_id
        self.text = text_of(sdoc)
        self.spans = find_quoted_spans(self.text)
        self.quoted = [(s.start, s.end) for s in self.spans]
        self.resolver = SpeakerResolver(sdoc, mentions, quoted=self.quoted)
        self.sent_starts = [s.start_char for s in sentences(sdoc)]
        self.para_starts = [0] + [m.end() for m in re.finditer(r"\n\s*", self.text)]
        self.used_cues: set[int] = set()
        self._from_paragraph: set[int] = set()  # quotes given a speaker by the paragraph before them
        self._results: list[Quote] = []

    def covered(self) -> list[tuple[int, int]]:
        """Char ranges already used by quotes (reported speech must not overlap them); a short
        quoted stretch no cue took is a name or a scare quote ("Fat Tony", "aqua-musicals")
        and may sit inside reported speech."""
        used = [(q.span.start, q.span.end) for q in self._results]
        return used + [(s.start, s.end) for s in self.spans if self._sentence_like(s)
                       or any(a < s.end and s.start < b for a, b in used)]

    def _paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.para_starts, char) - 1

    def _tokens(self, span: QuotedSpan) -> tuple[int, int]:
        s = self.sdoc.char_span(span.start, span.end, alignment_mode="expand")
        if s is None:
            return 0, 0
        return s.start, s.end

    # -- attribution ------------------------------------------------------------------------

    def find(self) -> list[Quote]:
        """Quotes for every quoted stretch that a cue, a neighbour or a chain attributes."""
        found = [_Found(s, paragraph=self._paragraph(s.start)) for s in self.spans]
        for item in found:
            self._attribute(item)
        self._chains(found)
        self._continuations(found)
        quotes: list[Quote] = []
        seen_content: set[tuple[int, int]] = set()
        for item in found:
            quote = self._quote(item, seen_content)
            if quote is not None:
                quotes.append(quote)
        self._results = quotes
        return quotes

    def _attribute(self, item: _Found) -> None:
        lo, hi = self._tokens(item.span)
        if hi <= lo:
            return
        for step in (self._by_parse, self._by_according, self._by_dash, self._by_window, self._by_colon):
            if step(item, lo, hi):
                return

    def _same_paragraph(self, a: int, b: int) -> bool:
        return self._paragraph(a) == self._paragraph(b)

    def _by_parse(self, item: _Found, lo: int, hi: int) -> bool:
        """A cue verb that governs the quote in the parse; the outermost one when they nest.

        Quote marks give the words of the outer speaker: in "Holm said the ad “unmistakably”
        suggests…" the quoted word is Holm's, not the ad's.
        """
        doc = self.sdoc
        short = not self._sentence_like(item.span)
        paths: list[list[tuple[Token, Token, Token, str, int]]] = []
        for token in doc[lo:hi]:
            child, head, steps = token, token.head, 0
            if lo <= head.i < hi or head is token or token.is_punct or token.is_space:
                continue
            path: list[tuple[Token, Token, Token, str, int]] = []
            while steps < (MAX_OUTER if path else MAX_WALK):  # once a cue is found, look for outer ones
                kind = cue_kind(head)
                deps = SHORT_CONTENT_DEPS if short and kind != "evaluative" else CONTENT_DEPS
                if child.dep_ == "dobj" and head.lemma_.lower() in ADDRESSEE_VERBS:
                    deps = frozenset()
                elif short and kind == "speech" and self._classic(item, head):
                    deps = frozenset({child.dep_})  # “Absolutely not,” O'Connor said: a whole reply
                if (kind is not None and child.dep_ in deps and self._same_paragraph(head.idx, item.span.start)
                        and not self._in_any_quote(head)):
                    subject = subject_of(head, skip=self._in_any_quote)
                    if subject is not None and not (lo <= subject.i < hi):
                        path.append((head, child, subject, kind, steps))
                if head.head is head or not self._same_paragraph(head.head.idx, item.span.start):
                    break
                child, head, steps = head, head.head, steps + 1
            if path:
                paths.append(path)
        if not paths:
            return False
        path = min(paths, key=lambda p: (p[0][4], abs(p[0][0].i - lo)))
        # "what Turnbull called “reckless”" binds tightly; otherwise the outermost speaker's words
        verb, child, subject, kind, _ = path[0]
        for outer in path[1:]:
            if kind == "evaluative" or outer[2] == subject:
                break
            if outer[1] == verb and verb.dep_ in ("advcl", "conj"):
                break  # "X, who said…, saying “…”": an adjunct cue, not what the outer cue reports
            verb, child, subject, kind, _ = outer
        if kind == "evaluative":  # "The four “loopholes” he cited are “…,” The Hill reported."
            trailing = self._trailing_cue(hi)
            if trailing is not None:
                verb, subject = trailing
                child, kind = verb, "speech"
        if kind != "evaluative":  # "In office, Mr. Obama said, Americans have come to believe “…”"
            aside = self._parenthetical_cue(verb, subject)
            if aside is not None:
                verb, subject = aside
                child, kind = verb, "speech"
        if verb.i < lo:  # "The spot ends with footage of Trump saying last week, “…”"
            nearer = self._nearer_cue(verb, lo, subject)
            if nearer is not None:
                verb, subject = nearer
                child, kind = verb, "speech"
        if verb.idx < item.span.start and self._gap_has_quote(verb.idx, item.span.start):
            return False
        item.cue, item.speaker = verb, self.resolver.resolve(subject, cue=verb)
        item.rule = "cue-verb"
        clause = None if self._classic(item, verb) else self._mixed_clause(item, child, lo, hi, subject)
        if clause is not None:
            item.rule, item.content = "mixed", clause
        return True

    def _parenthetical_cue(self, verb: Token, subject: Token) -> tuple[Token, Token] | None:
        """``…, X said, …`` set off by commas in the clause of a cue (or a clause above it): the
        writer's source, who reports the cue's subject; (cue, subject) or None."""
        doc = self.sdoc
        for head in [verb, *verb.ancestors]:
            if head.sent != verb.sent:
                break
            for aside in head.children:
                if aside.dep_ != "parataxis" or cue_kind(aside) != "speech" or self._in_any_quote(aside):
                    continue
                found = next((c for c in aside.children if c.dep_ == "nsubj"), None)
                if found is None or found == subject or found.i > aside.i:
                    continue
                first = subject_span(found)[0]
                if first > 0 and doc[first - 1].text == "," and aside.i + 1 < len(doc) and \
                        doc[aside.i + 1].text == ",":
                    return aside, found
        return None

    def _nearer_cue(self, verb: Token, lo: int, subject: Token) -> tuple[Token, Token] | None:
        """A speech cue with its own subject between a cue and the quote it governs, when the
        quote follows it after a comma or colon and no other verb, and the outer cue does not
        report it (the spot *shows* Trump saying): (cue, subject) or None."""
        doc = self.sdoc
        before = [t for t in doc[verb.i + 1:lo] if not t.is_space]
        if not before or before[-1].text not in (",", ":", "“", '"'):
            return None
        for k in range(len(before) - 1, -1, -1):
            token = before[k]
            if cue_kind(token) == "speech":
                # its own subject, and not reported by the outer cue ("I hope America says, “…”")
                found = next((c for c in token.children if c.dep_ == "nsubj" and verb.i < c.i), None)
                if found is None or found == subject or token.dep_ in ("ccomp", "xcomp", "conj", "parataxis"):
                    return None
                return token, found
            if token.pos_ in ("VERB", "AUX"):
                return None
        return None

    def _trailing_cue(self, hi: int) -> tuple[Token, Token] | None:
        """``“…,” The Hill reported.``: a speech cue right after a quote ending in a comma,
        only its subject between (the cue and its subject), else None."""
        doc = self.sdoc
        if not any(t.text == "," for t in doc[max(0, hi - 3):hi]):
            return None
        for verb in doc[hi:min(len(doc), hi + 7)]:
            if cue_kind(verb) != "speech":
                continue
            subject = subject_of(verb, skip=self._in_any_quote)
            if subject is None or not hi <= subject.i < verb.i:
                return None
            lo_s, hi_s = subject_span(subject)
            if all(t.is_punct or t.is_space or lo_s <= t.i < hi_s for t in doc[hi:verb.i]):
                return verb, subject
            return None
        return None

    def _classic(self, item: _Found, verb: Token) -> bool:
        """``“…,” X said`` / ``X said: “…”``: the quote is a whole sentence next to its cue."""
        text, span = self.text, item.span
        before = text[:span.start].rstrip()
        starts_sentence = not before or before[-1] in ".!?:\n" or before.endswith(("”", '"', "''"))
        if verb.idx > span.end:
            inner = text[span.content_end:span.end].strip() + text[span.content_start:span.content_end][-1:]
            return starts_sentence and any(c in inner for c in ",?!") and verb.i - self._tokens(span)[1] <= 10
        after = text[span.end:].lstrip()[:1]
        return before.endswith((":", ",")) and (not after or after in "\n") or (
            before.endswith(":") and span.start - verb.idx < 80)

    def _in_any_quote(self, token: Token) -> bool:
        return any(s <= token.idx < e for s, e in self.quoted)

    def _gap_has_quote(self, a: int, b: int) -> bool:
        return any(a <= s < b for s, _ in self.quoted)

    def _in_other_quote(self, char: int, span: QuotedSpan) -> bool:
        return any(s <= char < e for s, e in self.quoted if s != span.start)

    def _mixed_clause(self, item: _Found, child: Token, lo: int, hi: int,
                      subject: Token) -> tuple[int, int] | None:
        """The cue's clause when it holds words outside the quote (a mixed quote), else None."""
        tokens = list(child.subtree)
        if child.i < lo and child.dep_ not in ("ccomp", "xcomp", "dobj", "advcl", "prep", "conj", "attr",
                                               "acomp", "oprd", "pobj"):
            return None
        speaker = set(range(*subject_span(subject)))
        if subject.dep_ == "appos":
            speaker |= set(range(*subject_span(subject.head)))
        outside = [t for t in tokens if not (lo <= t.i < hi) and not t.is_punct and not t.is_space
                   and t.i not in speaker]
        while outside and outside[0].lower_ in MARKS and outside[0].i < lo:
            outside = outside[1:]
        outside = [t for t in outside if not (t.i > hi and self._is_cue_tail(t, item))]
        if not outside:
            return None
        keep = [t for t in tokens if not t.is_space]
        cue = item.cue
        if cue is not None and keep and keep[0].i < cue.i < keep[-1].i:
            keep = [t for t in keep if (t.i > cue.i) == (lo > cue.i)]
        while keep and (keep[0].lower_ in MARKS or (keep[0].is_punct and keep[0].idx < item.span.start)):
            keep = keep[1:]
        while keep and keep[-1].is_punct and keep[-1].idx >= item.span.end:
            keep = keep[:-1]
        if not keep:
            return None
        start = min(keep[0].idx, item.span.start)
        end = max(keep[-1].idx + len(keep[-1]), item.span.end)
        if "\n" in self.text[start:end]:
            return None
        return start, end

    def _is_cue_tail(self, token: Token, item: _Found) -> bool:
        return item.cue is not None and token.i >= item.cue.i

    def _by_according(self, item: _Found, lo: int, hi: int) -> bool:
        """``“…,” according to X`` in the same sentence after the quote (or before it)."""
        doc = self.sdoc
        end = self._window_end(hi)
        found = find_according_to(doc, hi, end) or find_according_to(doc, self._window_start(lo), lo)
        if found is None:
            return False
        according, source = found
        item.cue, item.speaker, item.rule = according, self.resolver.resolve(source), "according-to"
        return True

    def _window_end(self, hi: int) -> int:
        doc, end = self.sdoc, hi
        while end < len(doc) and end - hi < WINDOW:
            token = doc[end]
            if "\n" in token.text or token.text in DOUBLE_OPENERS or self._is_quote_start(token.idx):
                break
            end += 1
            if token.text in (".", "!", "?", ";"):
                break
        return end

    def _window_start(self, lo: int) -> int:
        doc, start = self.sdoc, lo
        while start > 0 and lo - start < WINDOW + 8:
            token = doc[start - 1]
            if "\n" in token.text or "\n" in token.whitespace_ or token.text in (".", "!", "?", ";"):
                break
            if self._is_quote_end(token.idx + len(token)):
                break
            start -= 1
        return start

    def _is_quote_start(self, char: int) -> bool:
        return any(s == char for s, _ in self.quoted)

    def _is_quote_end(self, char: int) -> bool:
        return any(e == char for _, e in self.quoted)

    def _by_window(self, item: _Found, lo: int, hi: int) -> bool:
        """A cue verb next to the quote when the parse did not link them."""
        doc = self.sdoc
        content = self.text[item.span.content_start:item.span.content_end]
        ends_sentence = bool(_SENTENCE_END.search(content))
        end = self._window_end(hi)
        after = [t for t in doc[hi:end] if not t.is_space]
        asks = content.rstrip("'’\"”)").endswith(("?", "!"))
        if after and not (ends_sentence and after[0].is_title and cue_kind(after[0]) is None
                          and not (asks and self._name_then_cue(after))):
            for token in after[:6]:
                if cue_kind(token) in ("speech", "object") and self._set_window(item, token):
                    lead = [t for t in doc[self._window_start(lo):lo] if t.is_alpha]
                    if lead and not any(cue_kind(t) for t in lead) and "\n" not in self.text[
                            lead[0].idx:item.span.end]:
                        item.rule, item.content = "mixed", (lead[0].idx, item.span.end)
                    return True
        before = [t for t in doc[self._window_start(lo):lo] if not t.is_space]
        if before and before[-1].text in (",", ":", "that") or (before and cue_kind(before[-1])):
            for token in reversed(before[-8:]):
                if cue_kind(token) in ("speech", "object") and self._set_window(item, token):
                    return True
        return False

    @staticmethod
    def _name_then_cue(after: list[Token]) -> bool:
        """``“…?” Vitter demanded.``: a short name, then a speech cue ending the sentence."""
        for k, token in enumerate(after[:4]):
            if cue_kind(token) == "speech":
                names = after[:k]
                return bool(names) and all(t.pos_ == "PROPN" for t in names) and (
                    k + 1 >= len(after) or after[k + 1].text in (".", ","))
        return False

    def _by_dash(self, item: _Found, lo: int, hi: int) -> bool:
        """``“…” ― Jorge Falcon``: a name after a dash that follows the quote."""
        m = _DASH_NAME.match(self.text, item.span.end)
        if m is None or not item.span.closed:
            return False
        span = self.sdoc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is None:
            return False
        token = span[0]
        while token.i + 1 < len(self.sdoc) and self.sdoc[token.i + 1].pos_ == "PROPN" and \
                self._same_paragraph(token.idx, self.sdoc[token.i + 1].idx):
            token = self.sdoc[token.i + 1]
        if token.pos_ != "PROPN":
            return False
        item.cue, item.speaker, item.rule = span[0], self.resolver.resolve(token), "dash"
        return True

    def _by_colon(self, item: _Found, lo: int, hi: int) -> bool:
        """A quote opening a paragraph after one that ends with a colon ("The Times reports:")."""
        para = item.paragraph
        if para == 0 or item.span.start != self.para_starts[para]:
            return False
        before = self.text[:item.span.start].rstrip()
        if not before.endswith(":"):
            return False
        end_tok = self.sdoc.char_span(len(before) - 1, len(before), alignment_mode="expand")
        if end_tok is None:
            return False
        sent = end_tok[0].sent
        cues = [t for t in sent if cue_kind(t) is not None and subject_of(t) is not None]
        verb = cues[-1] if cues else sent.root
        subject = subject_of(verb, skip=self._in_any_quote)
        if subject is None or subject.pos_ not in ("PROPN", "NOUN", "PRON"):
            return False
        item.cue, item.speaker, item.rule = verb, self.resolver.resolve(subject, cue=verb), "colon"
        return True

    def _set_window(self, item: _Found, verb: Token) -> bool:
        subject = subject_of(verb, skip=self._in_any_quote) or self._adjacent_np(verb)
        if subject is None or subject.i in range(*self._tokens(item.span)):
            return False
        item.cue, item.speaker, item.rule = verb, self.resolver.resolve(subject, cue=verb), "cue-window"
        return True

    def _adjacent_np(self, verb: Token) -> Token | None:
        """The noun next to a cue the parse gave no subject: after it ("said Obama"), else before
        it ("Obama said", "Trump, 70, told"). After "told" stands the listener ("told CNN's Dana
        Bash"), never the speaker: an outlet that interviewed someone does not speak for them."""
        doc = self.sdoc
        before = verb.i - 1
        if before >= 3 and doc[before].text == "," and doc[before - 1].like_num and doc[before - 2].text == ",":
            before -= 3  # an age between commas
        after: tuple[int, ...] = () if verb.lemma_.lower() in LISTENER_VERBS else (verb.i + 1,)
        for i in (*after, before):
            if 0 <= i < len(doc) and (doc[i].pos_ in ("PROPN", "PRON", "NOUN") or doc[i].ent_type_ == "PERSON") \
                    and not doc[i].is_punct and doc[i].ent_type_ not in ("DATE", "TIME"):
                token = doc[i]
                while token.dep_ in ("compound", "amod") and token.head.i - token.i in (1, 2) \
                        and not token.head.like_num:
                    token = token.head
                return token
        return None

    # -- neighbours -------------------------------------------------------------------------

    def _chains(self, found: list[_Found]) -> None:
        """Parts of a quotation running over paragraphs share the speaker of any part."""
        chain: list[_Found] = []
        for item in found:
            chain.append(item)
            if item.span.continues:
                continue
            if len(chain) > 1:
                source = next((c for c in chain if c.speaker is not None and c.rule != "mixed"), None)
                if source is not None:
                    for part in chain:
                        if part.speaker is None:
                            part.cue, part.speaker, part.rule = source.cue, source.speaker, "paragraph"
            chain = []

    def _continuations(self, found: list[_Found]) -> None:
        """A quote with no cue right after an attributed one keeps its speaker; one after reported
        speech takes its speaker (and may pass it on to the quote after it)."""
        self._follow(found)
        self._from_paragraph.clear()
        for k, item in enumerate(found):
            if item.speaker is None and self._sentence_like(item.span):
                self._after_reported(item, found[k + 1] if k + 1 < len(found) else None)
        self._follow(found, only=self._from_paragraph)

    def _follow(self, found: list[_Found], only: set[int] | None = None) -> None:
        """``only``: pass speakers on from these quotes only (and from the quotes they pass it to)."""
        for k, item in enumerate(found):
            if item.speaker is not None or k == 0 or not (self._sentence_like(item.span)
                                                          or self._whole_sentence(item.span)):
                continue
            prev = found[k - 1]
            if prev.speaker is None or prev.rule == "mixed" or (only is not None and id(prev) not in only):
                continue
            same_para = prev.paragraph == item.paragraph
            opens = item.paragraph == prev.paragraph + 1 and item.span.start == self.para_starts[item.paragraph]
            if (same_para or opens) and self._no_cue_between(prev.span.end, item.span.start, prev.cue,
                                                             prev.speaker):
                item.cue, item.speaker, item.rule = prev.cue, prev.speaker, "continuation"
                if only is not None:
                    only.add(id(item))

    def _after_reported(self, item: _Found, nxt: _Found | None = None) -> None:
        """A quote right after a sentence of reported speech in the same paragraph takes its speaker."""
        para = self.para_starts[item.paragraph]
        if self._whole_paragraph(item):
            if (nxt is not None and nxt.speaker is not None and nxt.rule != "mixed"
                    and nxt.paragraph == item.paragraph + 1 and nxt.span.start == self.para_starts[nxt.paragraph]):
                # "“…”" / "“…,” she said.": one quotation, its cue in the paragraph after
                item.cue, item.speaker, item.rule = nxt.cue, nxt.speaker, "paragraph"
                return
            self._after_reported_paragraph(item)
            return
        prior = [e for _, e in self.quoted if para <= e <= item.span.start]
        span = self.sdoc.char_span(max([para, *prior]), item.span.start, alignment_mode="contract")
        if span is None:
            return
        skip = self._in_any_quote
        # a cue in a relative clause speaks for a thing ("a conversation that demands respect")
        cues = [t for t in span if cue_kind(t) in ("speech", "object") and t.dep_ not in ("relcl", "acl")
                and subject_of(t, skip=skip) is not None]
        if cues and span.end - cues[-1].i <= 30:
            subject = subject_of(cues[-1], skip=skip)
            if subject is not None:
                item.cue, item.rule = cues[-1], "continuation"
                item.speaker = self.resolver.resolve(subject, cue=cues[-1])

    def _whole_paragraph(self, item: _Found) -> bool:
        para = self.para_starts[item.paragraph]
        return (item.paragraph > 0 and item.span.start == para and item.span.closed
                and not self.text[item.span.end:].split("\n", 1)[0].strip())

    def _after_reported_paragraph(self, item: _Found) -> None:
        """A paragraph that is one quotation, after a paragraph of reported speech with no quote
        ("…, according to President X." / "“My fellow citizens…”"): the reported speaker's words."""
        lo, hi = self.para_starts[item.paragraph - 1], self.para_starts[item.paragraph]
        if any(lo <= s < hi for s, _ in self.quoted):
            return
        span = self.sdoc.char_span(lo, hi, alignment_mode="contract")
        if span is None:
            return
        cues: list[tuple[Token, Token]] = []
        for t in span:
            subject = subject_of(t) if cue_kind(t) == "speech" and t.dep_ not in ("relcl", "acl") else None
            if subject is not None and not put_to_subject(t):
                cues.append((t, subject))
        found = find_according_to(self.sdoc, span.start, span.end)
        if found is not None:
            cues.append(found)
        if cues:
            cue, subject = max(cues, key=lambda c: c[0].i)
            self._from_paragraph.add(id(item))
            item.cue, item.rule = cue, "continuation"
            item.speaker = self.resolver.resolve(subject, cue=None if cue.lower_ == "according" else cue)

    def _no_cue_between(self, a: int, b: int, own: Token | None, speaker: Speaker | None = None) -> bool:
        """No other speaker's cue between two quotes (a negated cue, "he did not suggest…",
        or a pronoun for the same person, "“…,” Obama said. He added: “…”", does not count)."""
        span = self.sdoc.char_span(a, b, alignment_mode="contract")
        if span is None:
            return True
        for token in span:
            if token == own or not cue_kind(token) or any(c.dep_ == "neg" for c in token.children):
                continue
            if put_to_subject(token):  # "“…,” X said when asked whether…"
                continue
            subject = subject_of(token)
            if subject is None:
                continue
            if (speaker is not None and speaker.name and subject.lower_ in ("he", "she")
                    and self.resolver.pronoun_name(subject) == speaker.name):
                continue
            return False
        return len(span) <= 25

    def _whole_sentence(self, span: QuotedSpan) -> bool:
        """A short quote that is a sentence of its own (“We just keep fighting.” on its own after
        an attributed quote): it ends with its own full stop inside the marks, nothing but a
        sentence end stands before it in the paragraph, and the paragraph ends after it."""
        content = self.text[span.content_start:span.content_end].rstrip()
        if not span.closed or content[-1:] not in (".", "!", "?"):
            return False
        before = self.text[self.para_starts[self._paragraph(span.start)]:span.start].rstrip()
        return (not before or before[-1] in ".!?\"”") and not self.text[span.end:].split("\n", 1)[0].strip()

    def _sentence_like(self, span: QuotedSpan) -> bool:
        content = self.text[span.content_start:span.content_end]
        return len(_WORDS.findall(content)) > MAX_SCARE_WORDS

    # -- records ----------------------------------------------------------------------------

    def _quote(self, item: _Found, seen: set[tuple[int, int]]) -> Quote | None:
        if item.speaker is None or item.cue is None:
            return None
        words = len(_WORDS.findall(self.text[item.span.content_start:item.span.content_end]))
        if item.rule == "cue-window" and words <= MAX_SCARE_WORDS:
            return None
        direct = item.content is None
        start, end = item.content or (item.span.content_start, item.span.content_end)
        if not direct:
            if any(s < end and start < e for s, e in seen):
                return None
            seen.add((start, end))
        self.used_cues.add(item.cue.i)
        starts = self.sent_starts
        sentence = bisect.bisect_right(starts, start) - 1
        span = Span(self.doc_id, start, end, sentence, f"{METHOD}:{item.rule}")
        lemma = "according to" if item.rule == "according-to" or item.cue.lower_ == "according" else (
            item.cue.lemma_.lower())
        return Quote(self.text[start:end], span, direct, cue=lemma,
                     **speaker_fields(item.speaker, self.doc_id, starts))


LISTENER_VERBS = frozenset({"tell", "inform", "assure", "brief", "remind", "notify"})
DOUBLE_OPENERS = frozenset({"“", "„", "«"})
