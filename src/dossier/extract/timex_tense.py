"""A cheap tense guess for the clause around a time expression.

Relative dates need to know which way to look: "killed 11 police officers on Monday" is the
Monday before publication, "will meet on Monday" the one after. We do not parse; we look for
cue words in the clause that holds the expression (clauses end at , ; : dashes, brackets,
quotes and sentence ends) and take the cue nearest to it. A fronted adverbial ("On Monday, a Taliban ambush …
killed") borrows the cue of the clause that follows it. The result is one of

* ``future``: will, shall, 'll, scheduled, set to/for, is/are due, expected to, going to,
  plans to, upcoming, tomorrow, as soon as, payable, effective, "postponed/extended … until"
  …
* ``planned``: a plan reported in the past ("had been planned for Monday", "were earlier
  scheduled to begin in March") or a future in the past ("would leave"); weekdays then look
  forward, months take the nearest one
* ``past``: was, were, had, said, told, since, irregular past forms and -ed verbs (not after
  "be" or a determiner: "to be published", "the reduced dividend")
* ``present``: is, are, am ("is payable Jan. 2"); treated as no direction
* ``None``: no cue; callers fall back to the news default (past for weekdays, nearest
  occurrence for months), as HeidelTime does for news documents (Strötgen & Gertz 2013).

The cues added after the first version were tuned on TBAQ-cleaned (TempEval-3 train).
"""

from __future__ import annotations

import re

__all__ = ["tense_at", "tense_of"]

_PLANNED = (
    r"\b(?:was|were|had\s+been|had|would\s+have\s+been)\s+(?:\w+\s+)?"
    r"(?:scheduled|planned|set|due|expected|supposed|going|slated)\b|\bwould\b(?!\s+have\b)"
)
_FUTURE = (
    r"\b(?:will|shall|won['’]t|scheduled|slated|planned\s+for|plans?\s+to|planning\s+to|set\s+(?:to|for)|"
    r"(?:is|are)\s+due|expected\s+to|going\s+to|upcoming|to\s+be\s+held|(?:is|are)\s+to|intends?\s+to|"
    r"tomorrow|(?:postponed|delayed|adjourned|deferred|put\s+off|pushed\s+back|rescheduled|extended|moved)"
    r"\s+(?:\w+\s+){0,3}?(?:until|till|to)|payable|effective|expires?|due\s+to\s+(?:be|expire|end|begin|start)"
    r"|as\s+(?:soon|early)\s+as)\b"
    r"|['’]ll\b"
)
_IRREGULAR = (
    "was|were|had|did|said|told|went|came|took|met|made|began|fled|left|held|saw|gave|got|became|rose|"
    "fell|struck|spoke|wrote|sent|brought|led|won|lost|found|kept|caught|sought|fought|thought|knew|ran|"
    "shot|hid|ago|yesterday|since"
)
_NOT_PAST = "need|needed\\w|indeed|speed|seed|feed|united|hundred|proceed|succeed|exceed|shed|embed|red|bed"
#: An -ed word after "be" ("to be published") or a determiner ("the reduced dividend") is no past tense.
_NOT_VERB = r"(?<!\bbe\s)(?<!\bthe\s)(?<!\ba\s)(?<!\ban\s)(?<!\bits\s)(?<!\bhis\s)(?<!\bher\s)(?<!\btheir\s)"
_PAST = rf"\b(?:{_IRREGULAR})\b|{_NOT_VERB}\b(?!(?:{_NOT_PAST})\b)[a-z]{{2,}}ed\b"
#: Present tense ("is payable Jan. 2", "are expected in December"): no direction; the nearest date wins.
_PRESENT = r"\b(?:is|are|am)\b"
_CUES = re.compile(rf"(?P<planned>{_PLANNED})|(?P<future>{_FUTURE})|(?P<past>{_PAST})|(?P<present>{_PRESENT})",
                   re.IGNORECASE)
_BREAK = re.compile(r"[,;:()\[\]\u2013\u2014\"\u201c\u201d]|\s-\s|[.!?](?=\s+[A-Z\"“]|[A-Z][a-z])")


def _clause(context: str, start: int, end: int) -> tuple[int, int]:
    left = 0
    for found in _BREAK.finditer(context, 0, start):
        left = found.end()
    right = _BREAK.search(context, end)
    return left, (right.start() if right else len(context))


def _nearest(context: str, lo: int, hi: int, start: int, end: int) -> str | None:
    best: tuple[int, str] | None = None
    for m in _CUES.finditer(context, lo, hi):
        if m.start() < end and m.end() > start:
            continue  # a cue inside the expression itself ("tomorrow") says nothing about the verb
        gap = start - m.end() if m.end() <= start else m.start() - end
        if best is None or gap < best[0]:
            best = (gap, m.lastgroup or "")
    return best[1] if best else None


def tense_at(context: str, start: int, end: int) -> str | None:
    """The tense cue nearest to ``context[start:end]`` within its clause (see the module docstring)."""
    lo, hi = _clause(context, start, end)
    found = _nearest(context, lo, hi, start, end)
    if found is None and not context[:lo].strip(" \t\n\"“'‘([") and hi < len(context):
        nxt = _BREAK.search(context, hi + 1)
        found = _nearest(context, hi, nxt.start() if nxt else len(context), start, end)
    return found


def tense_of(context: str) -> str | None:
    """The tense of a context when the expression's position is unknown: future, planned, past or None."""
    kinds = {m.lastgroup for m in _CUES.finditer(context)}
    return next((k for k in ("future", "planned", "past") if k in kinds), None)
