"""Pages nested deeper than HTML parsers go: flattened before they are parsed.

libxml2 (under lxml, trafilatura and readability) stops building the tree 256 elements
deep, silently: a page whose article sits inside 300 wrapper ``<div>``s came out empty and
was rejected as "every line looked like boilerplate". Such a page is re-serialised here
with every element deeper than :data:`MAX_DEPTH` unwrapped (its text and children kept,
its own tags dropped), by the standard library's tokenizer, which has no depth limit.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["MAX_DEPTH", "flatten_deep", "nesting_depth"]

MAX_DEPTH = 200  # deeper than any real page; well under libxml2's 256

_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)[^>]*?(/?)>")
# Elements with no end tag, or whose end tag is routinely left out: never counted as nesting.
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "thead",
                   "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "optgroup", "caption"})
_BREAK = frozenset({"div", "section", "article", "main", "blockquote", "ul", "ol", "table", "header",
                    "footer", "aside", "nav", "figure", "form", "fieldset", "center", "dl", "pre"})


def nesting_depth(html: str) -> int:
    """The deepest element nesting the tags suggest (a fast estimate, no tree is built)."""
    depth = deepest = 0
    for match in _TAG.finditer(html):
        name = match.group(2).lower()
        if name in _VOID or match.group(3):
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def flatten_deep(html: str, *, max_depth: int = MAX_DEPTH) -> str:
    """``html`` with elements nested deeper than ``max_depth`` unwrapped; unchanged if none are.

    >>> flatten_deep("<div><div><p>x</p></div></div>", max_depth=1)
    '<div>\\n<p>x</p>\\n</div>'
    """
    if nesting_depth(html) <= max_depth:
        return html
    flattener = _Flattener(max_depth)
    flattener.feed(html)
    flattener.close()
    return "".join(flattener.parts)


class _Flattener(HTMLParser):
    def __init__(self, max_depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.max_depth = max_depth
        self.parts: list[str] = []
        self.stack: list[tuple[str, bool]] = []  # (tag, kept)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.parts.append(self.get_starttag_text() or "")
            return
        kept = len(self.stack) < self.max_depth
        self.stack.append((tag, kept))
        self.parts.append((self.get_starttag_text() or "") if kept else "\n" if tag in _BREAK else "")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.parts.append(self.get_starttag_text() or "")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            self.parts.append(f"</{tag}>")
            return
        for index in range(len(self.stack) - 1, -1, -1):  # close up to the matching open tag
            if self.stack[index][0] == tag:
                for name, kept in reversed(self.stack[index:]):
                    self.parts.append(f"</{name}>" if kept else "\n" if name in _BREAK else "")
                del self.stack[index:]
                return
        # a stray end tag: dropped, as parsers do

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_entityref(self, name: str) -> None:
        self.parts.append(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.parts.append(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self.parts.append(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self.parts.append(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self.parts.append(f"<?{data}>")

    def unknown_decl(self, data: str) -> None:
        self.parts.append(f"<![{data}]>")
