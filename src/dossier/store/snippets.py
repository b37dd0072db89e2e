"""Search snippets cut from a highlighted excerpt, in time linear in the excerpt.

SQLite's ``snippet()`` compares every match in a document with every other one, so a query
whose words occur thousands of times in a long article (common words, short prefixes) took
a minute for one document. The store instead marks matches in a bounded excerpt of each hit
with FTS5's ``highlight()`` (linear) and this module picks the window to show.

>>> window("The \\x02Taliban\\x03 said on Monday that talks with the \\x02US\\x03 would resume", size=6)
'The \\x02Taliban\\x03 said on Monday that…'
"""

from __future__ import annotations

import re

__all__ = ["SNIPPET_CHARS", "SNIPPET_WORDS", "window"]

SNIPPET_CHARS = 20_000  # characters of each hit's text searched for the snippet
SNIPPET_WORDS = 16  # words shown, as FTS5's snippet(…, 16) did
_CANDIDATES = 256  # windows considered: one per match, the first ones only
_LEAD = 3  # words of context before the first match of a window
# A marked stretch (one match, maybe a phrase) or one word, as FTS5's unicode61 splits them.
_UNIT = re.compile(r"\x02[^\x02\x03]*\x03?|[^\W_]+")
_STOP = re.compile(r"[.!?\n]")  # between two words: the second starts a sentence


def window(highlighted: str, *, size: int = SNIPPET_WORDS, truncated: bool = False) -> str:
    """The ``size`` words of ``highlighted`` that show the most of the matches, scored as FTS5's snippet() does.

    A window scores 1000 for each different match in it and 1 for each repeat, plus 100 when it
    starts a sentence (120 at the start of the text); candidates start a few words before a match
    or at the start of its sentence. The earliest of the best windows wins.

    Args:
        highlighted: text with each match wrapped in \x02 … \x03, as FTS5's ``highlight()`` gives it.
        size: words in the window; a marked phrase counts as one.
        truncated: the text goes on after ``highlighted`` (an ellipsis is added at the end).

    Returns:
        The window, with "…" where text was left out before or after it.
    """
    units = list(_UNIT.finditer(highlighted))
    if not units:
        return highlighted[:200].strip()
    starts_sentence = [k == 0 or bool(_STOP.search(highlighted, units[k - 1].end(), units[k].start()))
                       for k in range(len(units))]
    candidates: dict[int, int] = {0: 120}
    sentence = 0
    for i, unit in enumerate(units):
        if starts_sentence[i]:
            sentence = i
        if not unit.group().startswith("\x02"):
            continue
        if len(candidates) > _CANDIDATES:
            break
        candidates.setdefault(max(0, i - _LEAD), 0)
        if i - sentence < size:
            candidates[sentence] = 120 if sentence == 0 else 100
    best, best_score = 0, -1
    for start in sorted(candidates):
        found = [u.group().casefold() for u in units[start:start + size] if u.group().startswith("\x02")]
        score = 1000 * len(set(found)) + len(found) - len(set(found)) + candidates[start]
        if score > best_score:
            best, best_score = start, score
    end = min(len(units), best + size)
    # from the very start or to the very end when the window reaches it (a leading quote, a full stop)
    text = highlighted[units[best].start() if best else 0:units[end - 1].end() if end < len(units) else None]
    text = text.strip()
    before = "…" if best > 0 else ""
    after = "…" if end < len(units) or truncated else ""
    return before + text + after
