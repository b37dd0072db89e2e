"""The search query language, parsed once into a small tree and rendered for each store backend.

Users type what they would type into a news archive's search box::

    al-Qaeda Taliban            both words (AND is implied)
    "peace deal"                a phrase
    Taliban OR Haqqani          either
    Taliban NOT Pakistan        exclude
    withdraw*                   prefix (at least 3 letters before the *)
    title:Doha                  restrict a term to the title

Words with punctuation inside ("al-Qaeda", "U.S.") become phrases of their parts, so they
match the way the text is tokenised. Operators bind as in FTS5: NOT tightest, then AND, then
OR. Mistakes get a :class:`QueryError` that says what is wrong and how to fix it, never a
database error.

The parsed query is bounded, so no query can make a backend work for minutes: at most
:data:`MAX_QUERY_CHARS` characters, :data:`MAX_TERMS` different terms (and so at most as many
OR branches) and :data:`MAX_DEPTH` levels of parentheses. Repeats are removed first, where
removing them cannot change what matches (``x AND x`` is ``x``, ``x OR x`` is ``x``), so
``Taliban Taliban Taliban`` is ``Taliban``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TypeAlias

from dossier.errors import QueryError

__all__ = ["MAX_DEPTH", "MAX_QUERY_CHARS", "MAX_TERMS", "MIN_PREFIX", "Group", "Negation", "Query", "Term",
           "parse_query", "to_fts5", "to_fts5_highlight", "to_tsquery"]

MAX_QUERY_CHARS = 1_000
MAX_TERMS = 64  # different terms once repeats are removed; also bounds OR branches
MAX_DEPTH = 8  # parentheses inside parentheses
MIN_PREFIX = 3  # letters before a *: "a*" would expand to most of the vocabulary

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
class Group:
    """Every child (``op`` "AND") or any child (``op`` "OR"); children are never repeated."""

    op: str
    children: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Negation:
    """``positive NOT negative NOT …``: what matches ``positive`` and none of ``negatives``."""

    positive: Node
    negatives: tuple[Node, ...]


Node: TypeAlias = Term | Group | Negation


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: the user's text and its tree, repeats removed."""

    text: str
    root: Node

    @property
    def terms(self) -> list[Term]:
        """Every term of the tree, in order."""
        return list(_leaves(self.root))

    @property
    def positive_terms(self) -> list[Term]:
        """The terms a matching document contains (those under a NOT excluded), each once."""
        return list(dict.fromkeys(_leaves(self.root, positive_only=True)))


def _leaves(node: Node, *, positive_only: bool = False) -> Iterator[Term]:
    if isinstance(node, Term):
        yield node
    elif isinstance(node, Group):
        for child in node.children:
            yield from _leaves(child, positive_only=positive_only)
    else:
        yield from _leaves(node.positive, positive_only=positive_only)
        if not positive_only:
            for negative in node.negatives:
                yield from _leaves(negative)


def _shown(text: str) -> str:
    """The query as quoted in a message: repr, cut to 60 characters."""
    return repr(text if len(text) <= 60 else text[:59] + "…")


def _term(raw: str, text: str) -> Term:
    field = None
    head, sep, rest = raw.partition(":")
    if sep and head.lower() in FIELDS and rest:
        field, raw = head.lower(), rest
    prefix = raw.endswith("*")
    words = tuple(_WORD_PART.findall(raw.rstrip("*")))
    if not words:
        raise QueryError(
            f"Search query {_shown(text)} has a term with no letters or digits ({raw!r}); remove it."
        )
    if prefix and len(words[-1]) < MIN_PREFIX:
        raise QueryError(f"Search query {_shown(text)} has the prefix {raw!r}, which would match too many "
                         f"words; give at least {MIN_PREFIX} letters before the *.")
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
                    f"Search query {_shown(text)} has an unclosed quote; close the phrase with \" or remove it."
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
            if depth > MAX_DEPTH:
                raise QueryError(f"Search query {_shown(text)} nests parentheses more than {MAX_DEPTH} deep; "
                                 "remove some of them.")
        elif item == ")":
            depth -= 1
            if depth < 0:
                raise QueryError(f"Search query {_shown(text)} closes a parenthesis it never opened; "
                                 "remove the extra ')'.")
            if previous == "(":
                raise QueryError(f"Search query {_shown(text)} has empty parentheses; put terms inside or remove them.")
        if item in OPERATORS and (previous is None or previous in OPERATORS or previous == "("):
            raise QueryError(
                f"Search query {_shown(text)} has {item} with nothing before it; "
                f"put a term before {item} or remove it."
            )
        previous = item
    if depth > 0:
        raise QueryError(f"Search query {_shown(text)} has an unclosed '('; add ')' or remove it.")
    if previous in OPERATORS:
        raise QueryError(
            f"Search query {_shown(text)} is incomplete; add a term after the trailing {previous} or remove it."
        )


def _key(node: Node) -> tuple[object, ...]:
    """What makes two nodes the same search: case does not matter to either backend."""
    if isinstance(node, Term):
        return ("term", tuple(w.casefold() for w in node.words), node.prefix, node.field)
    if isinstance(node, Group):  # AND and OR do not care about order
        return (node.op, tuple(sorted((_key(c) for c in node.children), key=repr)))
    return ("NOT", _key(node.positive), tuple(sorted((_key(n) for n in node.negatives), key=repr)))


def _unique(nodes: list[Node]) -> tuple[Node, ...]:
    seen: dict[tuple[object, ...], Node] = {}
    for node in nodes:
        seen.setdefault(_key(node), node)
    return tuple(seen.values())


def _group(op: str, nodes: list[Node]) -> Node:
    """``nodes`` joined by ``op``: nested groups of the same op flattened, repeats dropped."""
    flat: list[Node] = []
    for node in nodes:
        flat.extend(node.children if isinstance(node, Group) and node.op == op else (node,))
    children = _unique(flat)
    return children[0] if len(children) == 1 else Group(op, children)


class _Parser:
    """Recursive descent over checked tokens: or := and (OR and)*; and := not ([AND] not)*;
    not := primary (NOT primary)*; primary := term | ( or )."""

    def __init__(self, items: list[Term | str]) -> None:
        self.items = items
        self.pos = 0

    def _peek(self) -> Term | str | None:
        return self.items[self.pos] if self.pos < len(self.items) else None

    def parse_or(self) -> Node:
        parts = [self.parse_and()]
        while self._peek() == "OR":
            self.pos += 1
            parts.append(self.parse_and())
        return _group("OR", parts)

    def parse_and(self) -> Node:
        parts = [self.parse_not()]
        while True:
            following = self._peek()
            if following == "AND":
                self.pos += 1
            elif not (isinstance(following, Term) or following == "("):
                return _group("AND", parts)
            parts.append(self.parse_not())

    def parse_not(self) -> Node:
        positive = self.parse_primary()
        negatives: list[Node] = []
        while self._peek() == "NOT":
            self.pos += 1
            negatives.append(self.parse_primary())
        if not negatives:
            return positive
        if isinstance(positive, Negation):  # (a NOT b) NOT c is a NOT b NOT c
            negatives[:0] = positive.negatives
            positive = positive.positive
        return Negation(positive, _unique(negatives))

    def parse_primary(self) -> Node:
        item = self.items[self.pos]
        self.pos += 1
        if isinstance(item, Term):
            return item
        node = self.parse_or()  # item is "(": _check saw the matching ")"
        self.pos += 1
        return node


def parse_query(text: str) -> Query:
    """Parse a user's search query, raising :class:`QueryError` with a fix when it is malformed or too big.

    >>> to_fts5(parse_query("Taliban taliban TALIBAN"))
    '"Taliban"'
    """
    if not text or not text.strip():
        raise QueryError('Search query is empty; give one or more words, e.g. Taliban or "peace deal".')
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"Search query is {len(text):,} characters long, over the limit of {MAX_QUERY_CHARS:,}; "
                         "keep the words that matter.")
    items = _tokens(text)
    if not any(isinstance(item, Term) for item in items):
        raise QueryError(f"Search query {_shown(text)} has no words to search for; add a word or a quoted phrase.")
    _check(items, text)
    query = Query(text=text, root=_Parser(items).parse_or())
    count = len(query.terms)
    if count > MAX_TERMS:
        raise QueryError(f"Search query {_shown(text)} has {count} different terms, over the limit of {MAX_TERMS}; "
                         "keep the words that matter or quote a phrase.")
    return query


@dataclass(frozen=True, slots=True)
class _Syntax:
    term: Callable[[Term], str]
    and_: str
    or_: str
    not_: str


def _render(node: Node, syntax: _Syntax) -> str:
    """``node`` in a backend's syntax, every group inside another in explicit parentheses."""
    def inner(child: Node) -> str:
        text = _render(child, syntax)
        return text if isinstance(child, Term) else f"( {text} )"

    if isinstance(node, Term):
        return syntax.term(node)
    if isinstance(node, Group):
        return f" {syntax.and_ if node.op == 'AND' else syntax.or_} ".join(inner(c) for c in node.children)
    return " ".join([inner(node.positive), *(f"{syntax.not_} {inner(n)}" for n in node.negatives)])


def _fts5_term(term: Term) -> str:
    phrase = '"' + " ".join(term.words) + '"'
    if term.prefix:
        phrase += " *"
    return f"{term.field} : {phrase}" if term.field else phrase


def _ts_term(term: Term) -> str:
    weight = {"title": "A", "text": "B"}.get(term.field or "", "")
    lexemes = [f"'{word}'" + (":" + weight if weight else "") for word in term.words]
    if term.prefix:  # like FTS5's "a b" *: the last word is the prefix
        lexemes[-1] = f"'{term.words[-1]}':*{weight}"
    return "(" + " <-> ".join(lexemes) + ")"


_FTS5 = _Syntax(_fts5_term, "AND", "OR", "NOT")
_TSQUERY = _Syntax(_ts_term, "&", "|", "& !")


def to_fts5(query: Query) -> str:
    """Render a parsed query as an SQLite FTS5 MATCH expression."""
    return _render(query.root, _FTS5)


def to_fts5_highlight(query: Query) -> str | None:
    """An FTS5 expression matching any term a snippet of the body should mark; None when there is none.

    That is every positive term not bound to the title, each once, joined by OR (a document
    matched ``a AND b`` may show only ``a`` in the part a snippet is cut from).
    """
    terms = dict.fromkeys(Term(t.words, t.prefix) for t in query.positive_terms if t.field != "title")
    return " OR ".join(_fts5_term(t) for t in terms) or None


def to_tsquery(query: Query) -> str:
    """Render a parsed query as PostgreSQL ``to_tsquery`` input (title words carry weight A).

    Phrases are ``<->`` chains; NOT is ``& !``, which binds as FTS5's NOT does.
    """
    return _render(query.root, _TSQUERY)
