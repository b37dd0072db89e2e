"""Pairwise rules between name groups: a cascade, precise first, every result explained.

``compare(a, b)`` returns one :class:`Edge` (or None). An edge either links the groups
(``kind`` "link"), says the smaller name is part of the larger one (``kind`` "partial": a
surname alone, "Kenneth McKenzie" in "Kenneth F. McKenzie"; the clusterer attaches it only
when exactly one cluster fits), or records a merge a guard refused (``kind`` "blocked").

Rules, in order (scores are fixed per rule except the fuzzy ones, which carry the
Jaro-Winkler similarity):

=====================  =====  ==========================================================
alias                  0.95   a multi-word or acronym mention text of one is the other's
                              name ("AQIS" defined in text; "Zabiullah Mujahid")
label-noise            0.80   same normalised name, labels of different families;
                              multi-word names only, or a capitals-only dateline vs a place
org-short-form         0.85   an organisation named by its last words ("Saints" / "New Orleans
                              Saints"), unless they are a generic head ("Bank", "Party")
label-minority         0.70   one word under two label families (not NORP): the label of
                              fewer documents attaches to the other, unless a co-mentioned
                              name begins or ends with the word and one side is PERSON
acronym                0.85   an acronym equals the initials of the other's name ("AQ")
partial-name/surname   0.90   a person's name is a proper subset of another's, ending in
                              the same surname (0.95 when both are in one document)
surname-in-document    0.90   fuzzy surname, same document ("Rassoui" beside "Rassoul")
surname-cross-label    0.75   a one-word non-PERSON whose text is a PERSON's surname,
                              with two or more shared characteristic co-mentions
family-name-first      0.90   a one-word PERSON of up to four letters is the first word of
                              a two-word PERSON ("Xi" in "Xi Jinping"): in one document,
                              or with two shared characteristic co-mentions (0.80)
short-form             0.90   the same person with a shortened first name ("Tim Morrison" /
                              "Timothy Morrison"; 0.95 in one document)
romanisation           0.90   same words up to romanisation (``normalise.romanise``:
                              Mansoor/Mansour/Mansur, Omar/Umar), any label family
fuzzy-person           JW     same number of words, every word equal, an initial, or a
                              close variant; the surname must be equal or one typo away
fuzzy-name             JW     non-person names differing in one word by a typo
place-head             0.85   a place written with and without its generic head ("Logar" /
                              "Logar province"; ``normalise.place_core``)
=====================  =====  ==========================================================

Words are compared up to romanisation everywhere (``normalise.same_word``): surnames,
part-names, cross-label surnames and fuzzy persons, so "Mansour" is the surname of
"Mohammad Mansoor" whatever the labels. Family-name-first, short-form, place-head,
org-short-form and label-minority edges are partial (the shorter side attaches only when exactly one cluster fits).

Guards: different gazetteer actors never merge (affiliation is not identity; the clusterer
enforces it across chains too); two fuzzy variants named in the same document are two
actors ("blocked:co-occur"); persons are fuzzy-matched word by word, so "Sirajuddin
Haqqani"/"Jalaluddin Haqqani", "Mike Pompeo"/"Mike Pence", "Hamid Karzai"/"Hamid Gul" and
"Abdullah Abdullah"/"Abdullah Azzam" stay apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from dossier.resolve.groups import FAMILY_FIRST_MAX, Gazetteer, Group
from dossier.resolve.normalise import ORG_HEADS, place_core, same_word
from dossier.resolve.similarity import edit_ratio, jaro_winkler

__all__ = ["Edge", "RULE_RANK", "compare"]

RULE_RANK = {"override-merge": 0, "alias": 1, "acronym": 2, "fuzzy-person": 3, "fuzzy-name": 4, "label-noise": 5,
             "surname-in-document": 6, "partial-name": 7, "surname": 8, "surname-cross-label": 9, "label-minority": 10,
             "org-short-form": 8,
             "romanisation": 3, "short-form": 7, "family-name-first": 8, "place-head": 8}
_WORD_JW, _WORD_RATIO = 0.90, 0.75
_SURNAME_RATIO = 0.85
_CROSS_DOC_SURNAME_JW, _CROSS_DOC_SURNAME_RATIO = 0.95, 0.85
_PLACES = frozenset({"PLACE"})


@dataclass(frozen=True, slots=True)
class Edge:
    """A rule's verdict on two groups (``a`` < ``b``); ``sub`` is the part-name side of a partial edge."""

    a: str
    b: str
    kind: str  # link | partial | blocked
    rule: str
    score: float
    evidence: str
    sub: str | None = None
    same_doc: bool = False


def _shares_doc(a: Group, b: Group) -> bool:
    small, large = (a, b) if len(a.docs) <= len(b.docs) else (b, a)
    return any(d in large.docs for d in small.docs)


def _close(x: str, y: str, *, jw: float = _WORD_JW, ratio: float = _WORD_RATIO) -> bool:
    return x == y or (min(len(x), len(y)) >= 4 and jaro_winkler(x, y) >= jw and edit_ratio(x, y) >= ratio)


def _word_match(x: str, y: str) -> bool:
    if same_word(x, y) or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
        return True
    return _close(x, y) and x[0] == y[0]


def _subset(small: tuple[str, ...], large: tuple[str, ...]) -> bool:
    """``small`` is ``large`` with words left out (same order), and not equal to it."""
    if len(small) >= len(large):
        return False
    it = iter(large)
    return all(any(same_word(w, x) for x in it) for w in small)


def _characteristic(small: Group, large: Group) -> list[str]:
    """Co-mentions of ``small`` seen with ``large`` in at least half of ``large``'s documents."""
    floor = max(1, len(large.docs) // 2)
    return sorted(n for n in small.context if large.context.get(n, 0) >= floor and n)


def _person_rules(a: Group, b: Group, same_doc: bool) -> Edge | None:
    ta, tb = a.tokens, b.tokens
    if not ta or not tb:
        return None
    small, large = (a, b) if len(ta) < len(tb) else (b, a)
    ts, tl = small.tokens, large.tokens
    if len(ts) < len(tl) and large.family == "PERSON":
        initials = [t for t in ts if len(t) == 1]
        exact = _subset(ts, tl) and same_word(ts[-1], tl[-1]) and \
            (not initials or initials == [t for t in tl if len(t) == 1])
        if small.family == "PERSON":
            if exact:
                rule, score = ("partial-name", 0.95 if same_doc else 0.90) if len(ts) > 1 else \
                    ("surname", 0.95 if same_doc else 0.90)
                return _edge(a, b, "partial", rule, score, f"'{small.name}' is part of '{large.name}'"
                             + (" in the same document" if same_doc else ""), small.key, same_doc)
            if len(ts) == 1 and len(tl) == 2 and ts[0] == tl[0] and len(ts[0]) <= FAMILY_FIRST_MAX:
                shared = [] if same_doc else _characteristic(small, large)
                if same_doc or len(shared) >= 2:
                    return _edge(a, b, "partial", "family-name-first", 0.90 if same_doc else 0.80,
                                 f"'{small.name}' is the first (family) name of '{large.name}'"
                                 + (" in the same document" if same_doc else f"; shared co-mentions: "
                                    f"{', '.join(shared[:4])}"), small.key, same_doc)
            if len(ts) == 1 and ts[-1][0] == tl[-1][0]:
                jw, ratio = jaro_winkler(ts[-1], tl[-1]), edit_ratio(ts[-1], tl[-1])
                if same_doc and ratio >= _SURNAME_RATIO and jw >= _WORD_JW:
                    return _edge(a, b, "partial", "surname-in-document", round(jw, 3),
                                 f"'{small.name}' ~ surname of '{large.name}' in the same document "
                                 f"(JW {jw:.2f}, edit ratio {ratio:.2f})", small.key, same_doc)
                if ratio >= _CROSS_DOC_SURNAME_RATIO and jw >= _CROSS_DOC_SURNAME_JW and len(ts[-1]) >= 6:
                    return _edge(a, b, "partial", "surname", round(jw * 0.9, 3),
                                 f"'{small.name}' ~ surname of '{large.name}' (JW {jw:.2f}, edit ratio {ratio:.2f})",
                                 small.key, same_doc)
            return None
        if len(ts) == 1 and small.family != "PLACE":  # a mislabelled surname ("Rassoui" as ORG)
            if same_doc and ts[-1][0] == tl[-1][0] and edit_ratio(ts[-1], tl[-1]) >= _SURNAME_RATIO \
                    and jaro_winkler(ts[-1], tl[-1]) >= _WORD_JW:
                return _edge(a, b, "partial", "surname-in-document", 0.85,
                             f"{small.label} '{small.name}' ~ surname of PERSON '{large.name}' in the same document",
                             small.key, same_doc)
            shared = _characteristic(small, large) if same_word(ts[-1], tl[-1]) else []
            if len(shared) >= 2:
                return _edge(a, b, "partial", "surname-cross-label", 0.75,
                             f"{small.label} '{small.name}' is the surname of PERSON '{large.name}'; shared "
                             f"co-mentions: {', '.join(shared[:4])}", small.key, same_doc)
        return None
    if a.family != "PERSON" or b.family != "PERSON" or len(ta) != len(tb):
        return None
    short = _short_form(a, b, same_doc)
    if short is not None:
        return short
    if not (same_word(ta[-1], tb[-1]) or (_close(ta[-1], tb[-1], ratio=_SURNAME_RATIO) and ta[-1][0] == tb[-1][0])):
        return None
    if not all(_word_match(x, y) for x, y in zip(ta, tb)):
        return None
    sims = [jaro_winkler(x, y) for x, y in zip(ta, tb)]
    whole = jaro_winkler(" ".join(ta), " ".join(tb))
    if sum(same_word(x, y) for x, y in zip(ta, tb)) == 0 and whole < 0.93:
        return None
    if all(same_word(x, y) for x, y in zip(ta, tb)):
        diff = ", ".join(f"{x}/{y}" for x, y in zip(ta, tb) if x != y)
        if same_doc:
            return _edge(a, b, "blocked", "blocked:co-occur", 0.90,
                         f"'{a.name}' and '{b.name}' ({diff}) are two entities in one document")
        return _edge(a, b, "link", "romanisation", 0.90, f"'{a.name}' ~ '{b.name}' ({diff}: romanisation variants)")
    score = round(sum(sims) / len(sims), 3)
    diff = ", ".join(f"{x}/{y}" for x, y in zip(ta, tb) if x != y)
    if same_doc:
        return _edge(a, b, "blocked", "blocked:co-occur", score,
                     f"'{a.name}' and '{b.name}' ({diff}) are two entities in one document")
    return _edge(a, b, "link", "fuzzy-person", score, f"'{a.name}' ~ '{b.name}' ({diff}; JW {score:.2f})")


def _short_form(a: Group, b: Group, same_doc: bool) -> Edge | None:
    """"Tim Morrison" / "Timothy Morrison": same words but the first, which one side shortens
    (three letters or more, a proper prefix); partial, so the short side needs a unique fit."""
    ta, tb = a.tokens, b.tokens
    if len(ta) < 2 or not all(same_word(x, y) for x, y in zip(ta[1:], tb[1:])):
        return None
    small, large = (a, b) if len(ta[0]) < len(tb[0]) else (b, a)
    s, f = small.tokens[0], large.tokens[0]
    if len(s) < 3 or len(f) - len(s) < 2 or not f.startswith(s):
        return None
    return _edge(a, b, "partial", "short-form", 0.95 if same_doc else 0.90,
                 f"'{small.name}' is a short form of '{large.name}' ({s}/{f})"
                 + (" in the same document" if same_doc else ""), small.key, same_doc)


def _edge(a: Group, b: Group, kind: str, rule: str, score: float, evidence: str,
          sub: str | None = None, same_doc: bool = False) -> Edge:
    x, y = sorted((a.key, b.key))
    return Edge(x, y, kind, rule, score, evidence, sub, same_doc)


def _minority_label(a: Group, b: Group) -> Edge | None:
    """One word under two label families ("Microsoft" ORG in most documents, PERSON in one;
    "Wasilla" GPE and PERSON): the label of fewer documents is the model's slip, so it attaches
    (partially: only where one cluster fits) to the other. Not for peoples (NORP), and not when
    a co-mentioned name of the documents starts or ends with the word ("Paris" beside "Paris
    Hilton", "Jordan" beside "Michael Jordan": a person's name and a place)."""
    if len(a.docs) == len(b.docs) or "NORP" in (a.family, b.family) or " " in a.norm or len(a.norm) < 3:
        return None
    small, large = (a, b) if len(a.docs) < len(b.docs) else (b, a)
    if "PERSON" in (a.family, b.family):
        for g in (a, b):
            for name in g.context:
                words = name.split()
                if len(words) > 1 and a.norm in (words[0], words[-1]):
                    return None
    return _edge(a, b, "partial", "label-minority", 0.70,
                 f"'{small.name}' is {small.label} in {len(small.docs)} document(s), "
                 f"{large.label} in {len(large.docs)}: the same name, the label of fewer documents yields",
                 small.key, _shares_doc(a, b))


def _match(a: Group, b: Group) -> Edge | None:
    same_doc = _shares_doc(a, b)
    na, nb = a.norm, b.norm
    fam_ok = a.family == b.family
    for x, y in ((a, b), (b, a)):
        if (x.norm in y.alias_norms() and (fam_ok or x.is_acronym) and x.norm != y.norm
                and (x.family != "PERSON" or " " in x.norm)):
            return _edge(a, b, "link", "alias", 0.95, f"'{x.name}' is written for '{y.name}' in a document")
    if na == nb and not fam_ok:
        multi = " " in na
        dateline = any(g.dateline for g in (a, b)) and {a.family, b.family} & _PLACES
        if multi or dateline:
            why = "a capitals-only dateline" if not multi else "the same multi-word name"
            return _edge(a, b, "link", "label-noise", 0.80,
                         f"'{a.name}' ({a.label}) = '{b.name}' ({b.label}): {why} under two labels")
        return _minority_label(a, b)
    for x, y in ((a, b), (b, a)):
        if x.is_acronym and x.norm.replace(" ", "") in y.acronyms() and y.family != "PERSON" \
                and x.family in (y.family, "ORG", "PLACE"):
            return _edge(a, b, "link", "acronym", 0.85, f"'{x.name}' = initials of '{y.name}'")
    if a.family == "PERSON" or b.family == "PERSON":
        return _person_rules(a, b, same_doc)
    ta, tb = a.tokens, b.tokens
    if fam_ok and len(ta) == len(tb) and ta != tb and all(same_word(x, y) for x, y in zip(ta, tb)):
        diff = ", ".join(f"{x}/{y}" for x, y in zip(ta, tb) if x != y)
        return _edge(a, b, "link", "romanisation", 0.90, f"'{a.name}' ~ '{b.name}' ({diff}: romanisation variants)")
    if fam_ok and a.family == "PLACE" and ta != tb and (place_core(ta) == tb or place_core(tb) == ta):
        small = a if len(ta) < len(tb) else b  # the bare name; two different heads never link
        return _edge(a, b, "partial", "place-head", 0.85,
                     f"'{a.name}' and '{b.name}' name one place with and without its generic head",
                     small.key, same_doc)
    if fam_ok and a.family == "ORG" and ta and tb and len(ta) != len(tb):
        small, large = (a, b) if len(ta) < len(tb) else (b, a)
        ts, tl = small.tokens, large.tokens
        if tl[-len(ts):] == ts and ts[-1] not in ORG_HEADS and not small.is_acronym and not large.is_acronym:
            return _edge(a, b, "partial", "org-short-form", 0.85,
                         f"'{small.name}' is the short form of '{large.name}' (its leading words left out)",
                         small.key, same_doc)
    if fam_ok and len(ta) == len(tb) >= 2:
        diffs = [(x, y) for x, y in zip(ta, tb) if x != y]
        if len(diffs) == 1 and min(len(diffs[0][0]), len(diffs[0][1])) >= 5 \
                and _close(*diffs[0], jw=0.92, ratio=_SURNAME_RATIO):
            score = round(jaro_winkler(na, nb), 3)
            if same_doc:
                return _edge(a, b, "blocked", "blocked:co-occur", score,
                             f"'{a.name}' and '{b.name}' are two entities in one document")
            return _edge(a, b, "link", "fuzzy-name", score, f"'{a.name}' ~ '{b.name}' ({'/'.join(diffs[0])})")
    return None


def compare(a: Group, b: Group, gazetteer: Gazetteer) -> Edge | None:
    """What the rules say about two groups (None: nothing in common); symmetric in ``a`` and ``b``."""
    if b.key < a.key:
        a, b = b, a
    edge = _match(a, b)
    if edge is None or edge.kind == "blocked":
        return edge
    if a.gazetteer and b.gazetteer and a.gazetteer != b.gazetteer:
        relation = gazetteer.relation(a.gazetteer, b.gazetteer)
        rule = "blocked:affiliation" if relation else "blocked:gazetteer"
        why = relation or f"'{gazetteer.name(a.gazetteer)}' and '{gazetteer.name(b.gazetteer)}' are distinct actors"
        return Edge(edge.a, edge.b, "blocked", rule, edge.score, f"{edge.rule} refused: {why}")
    return edge
