"""Titles and offices written next to a person's name.

Two patterns cover most news usage (cf. the OntoNotes/ACE "title" and "apposition"
relations, and the quotation-attribution literature, e.g. Pareti 2016):

* a pre-modifier: "Afghan Foreign Minister Zalmai Rassoul", "Taliban spokesman Suhail
  Shaheen", "U.S. envoy Zalmay Khalilzad", "former president, Hamid Karzai";
* an apposition after a comma: "Mullah Baradar, the political deputy of the Taliban,".

A phrase counts as a role only when it contains a role word (minister, spokesman,
General…), so "Russia's Vladimir Putin" or "Pakistan's Imran Khan" give no role.
The scan reads POS tags when the tagger ran and falls back to capitalisation otherwise.

Example::

    >>> role_of(doc.ents[0])  # doc = nlp("Taliban spokesman Suhail Shaheen said ...")
    'Taliban spokesman'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dossier.extract.doccache import has_sentences

if TYPE_CHECKING:  # the word lists below are read without spaCy (name normalisation, `dossier ask`)
    from spacy.tokens import Span, Token

__all__ = ["HONORIFICS", "ROLE_WORDS", "TITLE_WORDS", "role_of"]

#: Words that make a phrase an office or title (lowercase).
ROLE_WORDS = frozenset("""
minister ministers secretary spokesman spokeswoman spokesperson spokesmen president vice-president premier
chancellor king queen prince emir amir sultan general gen. gen lieutenant lt. colonel col. major maj. brigadier
brig. captain capt. admiral adm. sergeant sgt. commander commandant chief chiefs envoy ambassador diplomat
deputy leader co-founder founder chairman chairwoman chairperson chair director head official officer
representative negotiator adviser advisor governor mayor senator sen. congressman congresswoman lawmaker
legislator mp judge justice prosecutor attorney counsel analyst researcher expert professor correspondent
reporter editor journalist cleric mullah imam scholar commissioner coordinator administrator
undersecretary under-secretary inspector superintendent marshal ruler militant militants
""".split())

#: Titles the model sometimes includes at the start of a PERSON span (trimmed off; they become roles).
TITLE_WORDS = frozenset("""
president vice-president prime minister secretary general gen. gen lieutenant lt. lt colonel col. major maj.
brigadier brig. captain capt. admiral adm. sergeant sgt. commander chief ambassador envoy senator sen. governor
chairman deputy spokesman spokeswoman king queen prince emir judge justice mayor foreign defence defense
interior acting former
""".split())

#: Honorifics that stay part of a name ("Mullah Baradar") but are ignored when matching surnames.
HONORIFICS = frozenset("""
mr mr. mrs mrs. ms ms. dr dr. mullah mulla maulvi mawlawi maulana mufti sheikh shaikh qari hafiz haji hajji
sayed sayyid syed ustad sir dame lord lady
""".split())

_JOINERS = frozenset({"of", "for", "on", "to"})
_POSSESSIVE = frozenset({"'s", "\u2019s", "'", "\u2019"})
_PHRASE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_MODIFIERS = frozenset({"acting", "former", "then", "outgoing", "incoming", "interim", "caretaker", "top", "senior"})
_STOP_AFTER = frozenset({",", ".", ";", ":", ")", "(", "\u2014", "\u2013", "-", '"', "\u201c", "\u201d", "[", "]"})
_MAX_TOKENS = 10


def _is_role_word(token: Token) -> bool:
    return token.lower_ in ROLE_WORDS or token.lower_.rstrip(".") in ROLE_WORDS


def _phrase_token(token: Token) -> bool:
    """May this token sit inside a role phrase ("US State Department spokesman")?"""
    if token.text in _POSSESSIVE or token.text in {".", "&"}:
        return bool(token.text != "." or token.i > 0 and token.nbor(-1).text.isupper())
    if not any(c.isalpha() for c in token.text) and token.text != "-":
        return False
    if token.ent_type_ in {"PERSON", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"}:
        return False
    if token.lower_ in _MODIFIERS:
        return True
    if token.tag_:
        return token.pos_ in _PHRASE_POS or _is_role_word(token) or token.text == "-"
    return token.is_title or token.is_upper or _is_role_word(token)


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop joiners and possessives at the edges ("of the", "’s")."""
    while tokens and (tokens[0].lower_ in _JOINERS | {"the", "a", "an"} or tokens[0].text in _POSSESSIVE):
        tokens = tokens[1:]
    while tokens and (tokens[-1].lower_ in _JOINERS | {"the"} or tokens[-1].text in _STOP_AFTER):
        tokens = tokens[:-1]
    return tokens


def _text(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    doc = tokens[0].doc
    return " ".join(doc[tokens[0].i:tokens[-1].i + 1].text.split())


def _before(span: Span) -> list[Token]:
    """The role phrase written before the name, nearest token last."""
    doc, i = span.doc, span.start - 1
    if i >= 1 and doc[i].text == "," and _is_role_word(doc[i - 1]):
        i -= 1  # "former president, Hamid Karzai"
    sent_start = span.sent.start if has_sentences(doc) else 0
    picked: list[Token] = []
    while i >= sent_start and len(picked) < _MAX_TOKENS:
        token = doc[i]
        if token.lower_ in _JOINERS | {"the"} and picked and i > sent_start and _phrase_token(doc[i - 1]):
            if token.lower_ == "the" and doc[i - 1].lower_ not in _JOINERS:
                break  # "the" only inside "of the"
            picked.append(token)
        elif _phrase_token(token) and token.lower_ != "the":
            picked.append(token)
        else:
            break
        i -= 1
    picked = _trim(list(reversed(picked)))
    # keep the phrase only up to its last role word: "General" in "General Frank", never trailing names
    last_role = max((k for k, t in enumerate(picked) if _is_role_word(t)), default=-1)
    if last_role < 0:
        return []
    tail = picked[last_role + 1:]
    if tail and not all(t.is_title or t.is_upper or t.lower_ in _JOINERS for t in tail):
        return []
    return picked


def _after(span: Span) -> list[Token]:
    """An apposition after a comma: ", the political deputy of the Taliban,"."""
    doc, i = span.doc, span.end
    if i >= len(doc) or doc[i].text != ",":
        return []
    i += 1
    if i < len(doc) and doc[i].lower_ in {"the", "a", "an"}:
        i += 1
    picked: list[Token] = []
    while i < len(doc) and len(picked) < _MAX_TOKENS + 2:
        token = doc[i]
        if token.text in _STOP_AFTER or token.lower_ in {"who", "which", "that", "and", "but", "or"}:
            break
        if token.tag_ and token.pos_ in {"VERB", "AUX"} and not _is_role_word(token):
            break
        if token.is_sent_start and picked:
            break
        picked.append(token)
        i += 1
    picked = _trim(picked)
    head = []
    for token in picked:
        if token.lower_ in _JOINERS or token.pos_ == "ADP":
            break
        head.append(token)
    if not any(_is_role_word(t) for t in head):
        return []
    return picked


def role_of(span: Span) -> str | None:
    """The title or office written with a PERSON mention, or None.

    Args:
        span: an entity span of a parsed (or at least tokenized) spaCy ``Doc``.

    Returns:
        The role text as written ("Afghan Foreign Minister"), the pre-name title first,
        else an apposition ("political deputy of the Taliban").
    """
    return _text(_before(span)) or _text(_after(span))
