"""The search query language, parsed once and rendered for each store backend.

Users type what they would type into a news archive's search box::

    al-Qaeda Taliban            both words (AND is implied)
    "peace deal"                a phrase
    Taliban OR Haqqani          either
    Taliban NOT Pakistan        exclude
    withdraw*                   prefix
    title:Doha                  restrict a term to the title

Words with punctuation inside ("al-Qaeda", "U.S.") become phrases of their parts, so they
match the way the text is tokenised. Mistakes get a :class:`QueryError` that says what is
wrong and how to fix it, never a database error.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from dossier.errors import QueryError

__all__ = ["Query", "Term", "parse_query", "to_fts5", "to_tsquery"]

OPERATORS = {"AND", "OR", "NOT"}
FIELDS = {"title", "text"}
_TOKEN = re.compile(r'\s*(?:(?P<quote>"[^"]*"?)|(?P<paren>[()])|(?P<word>[^\s()"]+))')
_WORD_PART = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class Term:
    """One searchable unit: a phrase of words, maybe a prefix, maybe bound to a field."""

    words: tuple[str, ...]
    prefix: bool = False
    field: str | None = None


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: a flat sequence of terms, operators and parentheses."""

    text: str
    items: tuple[Term | str, ...]  # str items are "AND", "OR", "NOT", "(", ")"

    @property
    def terms(self) -> list[Term]:
        return [item for item in self.items if isinstance(item, Term)]


def _term(raw: str, text: str) -> Term:
    field = None
    head, sep, rest = raw.partition(":")
    if sep and head.lower() in FIELDS and rest:
        field, raw = head.lower(), rest
    prefix = raw.endswith("*")
    words = tuple(_WORD_PART.findall(raw.rstrip("*")))
    if not words:
        raise QueryError(
            f"Search query {text!r} has a term with no letters or digits ({raw!r}); remove it."
        )
    return Term(words=words, prefix=prefix, field=field)


def _tokens(text: str) -> list[Term | str]:
    items: list[Term | str] = []
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            break
        pos = match.end()
        if match.group("quote") is not None:
            quoted = match.group("quote")
            if len(quoted) < 2 or not quoted.endswith('"'):
                raise QueryError(
                    f"Search query {text!r} has an unclosed quote; close the phrase with \" or remove it."
                )
            words = tuple(_WORD_PART.findall(quoted[1:-1]))
            if words:
                items.append(Term(words=words))
        elif match.group("paren") is not None:
            items.append(match.group("paren"))
        else:
            word = match.group("word")
            items.append(word if word in OPERATORS else _term(word, text))
    return items


def _check(items: list[Term | str], text: str) -> None:
    depth = 0
    previous: Term | str | None = None
    for item in items:
        if item == "(":
            depth += 1
        elif item == ")":
            depth -= 1
            if depth < 0:
                raise QueryError(f"Search query {text!r} closes a parenthesis it never opened; remove the extra ')'.")
            if previous == "(":
                raise QueryError(f"Search query {text!r} has empty parentheses; put terms inside or remove them.")
        if item in OPERATORS and (previous is None or previous in OPERATORS or previous == "("):
            raise QueryError(
                f"Search query {text!r} has {item} with nothing before it; "
                f"put a term before {item} or remove it."
            )
        previous = item
    if depth > 0:
        raise QueryError(f"Search query {text!r} has an unclosed '('; add ')' or remove it.")
    if previous in OPERATORS:
        raise QueryError(
            f"Search query {text!r} is incomplete; add a term after the trailing {previous} or remove it."
        )


def parse_query(text: str) -> Query:
    """Parse a user's search query, raising :class:`QueryError` with a fix when it is malformed."""
    if not text or not text.strip():
        raise QueryError("Search query is empty; give one or more words, e.g. dossier search Taliban.")
    items = _tokens(text)
    if not any(isinstance(item, Term) for item in items):
        raise QueryError(f"Search query {text!r} has no words to search for; add a word or a quoted phrase.")
    _check(items, text)
    return Query(text=text, items=tuple(items))


def _fts5_term(term: Term) -> str:
    phrase = '"' + " ".join(term.words) + '"'
    if term.prefix:
        phrase += " *"
    return f"{term.field} : {phrase}" if term.field else phrase


def _render(query: Query, term: Callable[[Term], str], operators: dict[str, str]) -> str:
    """The items in a backend's syntax, with its AND between adjacent operands."""
    out: list[str] = []
    previous: Term | str | None = None
    for item in query.items:
        starts_operand = isinstance(item, Term) or item == "("
        ends_operand = isinstance(previous, Term) or previous == ")"
        if starts_operand and ends_operand:
            out.append(operators["AND"])
        out.append(term(item) if isinstance(item, Term) else operators[item])
        previous = item
    return " ".join(out)


_FTS5_OPERATORS = {"AND": "AND", "OR": "OR", "NOT": "NOT", "(": "(", ")": ")"}
_TS_OPERATORS = {"AND": "&", "OR": "|", "NOT": "& !", "(": "(", ")": ")"}


def to_fts5(query: Query) -> str:
    """Render a parsed query as an SQLite FTS5 MATCH expression (AND between adjacent terms)."""
    return _render(query, _fts5_term, _FTS5_OPERATORS)


def _ts_term(term: Term) -> str:
    weight = {"title": "A", "text": "B"}.get(term.field or "", "")
    lexemes = [f"'{word}'" + (":" + weight if weight else "") for word in term.words]
    if term.prefix:  # like FTS5's "a b" *: the last word is the prefix
        lexemes[-1] = f"'{term.words[-1]}':*{weight}"
    return "(" + " <-> ".join(lexemes) + ")"


def to_tsquery(query: Query) -> str:
    """Render a parsed query as PostgreSQL ``to_tsquery`` input (title words carry weight A).

    Operators bind as in FTS5: NOT tightest, then AND, then OR; phrases are ``<->`` chains.
    """
    return _render(query, _ts_term, _TS_OPERATORS)
