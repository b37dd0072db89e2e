"""ECB+ documents as a user would have them: plain text rebuilt from the corpus tokens.

ECB+ (Cybulska & Vossen, LREC 2014) stores each document as ``<token t_id sentence>``
elements with no whitespace, so the raw text has to be rebuilt. A user who saved one of
these pages would hold scraped text: the page URL on its own line (ECB+ keeps it as
sentence 0 of every ``*ecbplus.xml`` document), then the headline, date lines and body.
:func:`ecb_text` writes exactly that: one corpus sentence per line, sentence 0 joined
without spaces, and the tokens of every other sentence detokenised:

* no space before closing punctuation (``. , ; : ! ? ) ] %``), clitics (``'s n't``) and a
  closing quote; none after an opening bracket, ``$`` or an opening quote (PTB `````
  and ``''`` become ``"``; straight quotes alternate open/close through the document);
* ``. : /`` between two numbers are glued (``6 . 1`` → ``6.1``, ``8 : 05am`` → ``8:05am``,
  ``8 / 2 / 13`` → ``8/2/13``), as are single-letter abbreviations (``U . S .`` → ``U.S.``);
* ``*ecbplus.xml`` documents split hyphenated words (``court - mandated``): a ``-`` between
  two word tokens is glued unless the word before it is in capitals (a dateline such as
  ``LOS ANGELES - A man``). The original ``*ecb.xml`` documents keep their hyphens inside
  tokens, so a ``-`` token there is a dash and keeps its spaces.

Paragraph breaks are not in the corpus; a sentence per line is the closest honest layout.
The rebuild is deterministic; ``bench/data/metadata/ecbplus.jsonl`` quotes its lines.

>>> _join(["He", "said", "``", "no", "''", ",", "then", "left", "."], split_hyphens=False)
('He said "no", then left.', False)
>>> _join(["a", "6", ".", "1", "-", "magnitude", "quake", "in", "the", "U", ".", "S", "."], split_hyphens=True)
('a 6.1-magnitude quake in the U.S.', False)
>>> _join(["He", "responded", ",", '"Yes', ",", '"', "to", "them", "."], split_hyphens=True)
('He responded, "Yes," to them.', False)
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

__all__ = ["ecb_text"]

_CLOSERS = {".", ",", ";", ":", "!", "?", ")", "]", "}", "%", "...", "''", "”", "’"}
_OPENERS = {"(", "[", "{", "$", "``", "“", "‘", "#"}
_CLITICS = {"s", "t", "re", "ll", "ve", "d", "m"}
_WORD = re.compile(r"^\w[\w.]*$")
_GLUE_BETWEEN_NUMBERS = {".", ":", "/"}


def _is_clitic(tok: str) -> bool:
    low = tok.lower()
    return low == "n't" or (low[:1] in ("'", "’") and low[1:] in _CLITICS)


def _join(tokens: list[str], *, split_hyphens: bool, open_quote: bool = False) -> tuple[str, bool]:
    """One sentence's tokens as text (rules in the module docstring), and whether a
    straight double quote is still open at its end (quotations run across sentences)."""
    out = ""
    glue_next = False  # the previous token asked for no space after it
    for i, tok in enumerate(tokens):
        prev = tokens[i - 1] if i else ""
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        space = bool(out) and not glue_next
        glue_next = tok in _OPENERS
        if tok in _CLOSERS or _is_clitic(tok):
            space = False
        if tok in ("'", "’") and nxt.lower() in _CLITICS and prev[-1:].isalpha():
            space, glue_next = False, True  # Lohan ’ s → Lohan’s
        if tok == '"':
            space = space and not open_quote
            glue_next = not open_quote
            open_quote = not open_quote
        elif tok.startswith('"') or tok.endswith('"'):  # the corpus glues some quotes to a word: '"Yes'
            open_quote = tok.startswith('"') and not (len(tok) > 1 and tok.endswith('"'))
        if tok in _GLUE_BETWEEN_NUMBERS and prev[-1:].isdigit() and nxt[:1].isdigit():
            space, glue_next = False, True
        if tok == "." and len(prev) == 1 and prev.isalpha() and len(nxt) == 1 and nxt.isalpha():
            glue_next = True  # U . S . → U.S.
        if (split_hyphens and tok == "-" and _WORD.match(prev) and _WORD.match(nxt)
                and not (prev.isupper() and len(prev) > 1)):
            space, glue_next = False, True
        text = '"' if tok in ("``", "''") else tok
        out += (" " if space else "") + text
    return out, open_quote


def ecb_text(path: str | Path) -> str:
    """The plain text of one ECB+ XML document, one sentence per line (URL first in ecbplus).

    >>> ecb_text("/no/such.xml")
    Traceback (most recent call last):
    ...
    FileNotFoundError: [Errno 2] No such file or directory: '/no/such.xml'
    """
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for token in root.findall("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    plus = Path(path).name.endswith("ecbplus.xml")
    lines, open_quote = [], False
    for number in sorted(sentences):
        tokens = sentences[number]
        if plus and number == 0:
            lines.append("".join(tokens))
            continue
        line, open_quote = _join(tokens, split_hyphens=plus, open_quote=open_quote)
        lines.append(line)
    return "\n".join(line.rstrip() for line in lines) + "\n"
