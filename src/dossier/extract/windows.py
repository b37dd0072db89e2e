"""Cut a long text into windows that are extracted one at a time.

spaCy refuses texts over ``nlp.max_length`` (1,000,000 characters), its parser needs memory
in proportion to the text it sees at once, and some of our components compare every fact
with every other. A long document (a 2.5 MB situation report) is therefore extracted in
windows of at most :data:`WINDOW` characters, cut at a paragraph break (else a line break,
a sentence end, a space); the windows tile the text exactly, so facts found in a window
shift back to exact offsets in the whole text.

>>> text = "One.\\n\\nTwo.\\n\\nThree."
>>> [text[a:b] for a, b in split_windows(text, size=8)]
['One.\\n\\n', 'Two.\\n\\n', 'Three.']
"""

from __future__ import annotations

__all__ = ["WINDOW", "split_windows"]

WINDOW = 100_000  # characters extracted at once: parser memory and per-window work stay bounded

_BREAKS = ("\n\n", "\n", ". ", "? ", "! ", " ")


def split_windows(text: str, *, size: int = WINDOW) -> list[tuple[int, int]]:
    """``(start, end)`` windows that tile ``text`` exactly, each at most ``size`` characters.

    Each window ends just after the strongest break found in its second half, so windows
    stay large; a text with no break there is cut at ``size`` (inside a word, as a last resort).
    """
    windows: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while length - start > size:
        end = _cut(text, start, start + size, floor=start + size // 2)
        windows.append((start, end))
        start = end
    windows.append((start, length))
    return windows


def _cut(text: str, start: int, limit: int, *, floor: int) -> int:
    for separator in _BREAKS:
        found = text.rfind(separator, floor, limit - len(separator) + 1)
        if found != -1:
            return found + len(separator)
    return limit
