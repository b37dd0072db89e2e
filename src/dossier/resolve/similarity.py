"""String similarity for spelling variants and typos, in pure Python (no dependency).

* :func:`jaro_winkler`: Winkler (1990), "String Comparator Metrics and Enhanced Decision
  Rules in the Fellegi-Sunter Model of Record Linkage"; prefix scale 0.1, up to 4 characters.
  Built for personal names: it rewards a shared beginning ("Zalmay"/"Zalmai").
* :func:`edit_ratio`: 1 − Damerau-Levenshtein distance (optimal string alignment: insertions,
  deletions, substitutions and adjacent transpositions, Damerau 1964) / the longer length.
* :func:`deletes`: the one-deletion neighbourhood of a word (SymSpell-style blocking, Garbe
  2012): two words within one edit share at least one key ("khalilzad"/"khalizad").

Example::

    >>> round(jaro_winkler("khalilzad", "khalizad"), 3), round(edit_ratio("rassoul", "rassoui"), 3)
    (0.978, 0.857)
"""

from __future__ import annotations

__all__ = ["deletes", "edit_distance", "edit_ratio", "jaro_winkler"]


def jaro_winkler(a: str, b: str, *, prefix_scale: float = 0.1) -> float:
    """Jaro-Winkler similarity in [0, 1]; 1.0 for equal strings."""
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    window = max(max(len(a), len(b)) // 2 - 1, 0)
    matched_b = [False] * len(b)
    matches_a = []
    for i, char in enumerate(a):
        for j in range(max(0, i - window), min(len(b), i + window + 1)):
            if not matched_b[j] and b[j] == char:
                matched_b[j] = True
                matches_a.append(char)
                break
    if not matches_a:
        return 0.0
    matches_b = [b[j] for j in range(len(b)) if matched_b[j]]
    transpositions = sum(x != y for x, y in zip(matches_a, matches_b)) / 2
    m = len(matches_a)
    jaro = (m / len(a) + m / len(b) + (m - transpositions) / m) / 3
    prefix = 0
    for x, y in zip(a[:4], b[:4]):
        if x != y:
            break
        prefix += 1
    return jaro + prefix * prefix_scale * (1 - jaro)


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment variant)."""
    if a == b:
        return 0
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[len(b)]


def edit_ratio(a: str, b: str) -> float:
    """1 − edit distance / length of the longer string, in [0, 1]."""
    if not a and not b:
        return 1.0
    return 1 - edit_distance(a, b) / max(len(a), len(b))


def deletes(word: str) -> set[str]:
    """The word and every string one deletion away from it."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}
