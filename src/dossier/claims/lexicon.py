"""The small lexicon claims are normalised with: predicate families, their antonyms and cues.

A *predicate family* groups the ways a sentence can state one relation ("remain close",
"maintains ties to", "consulted with", "sheltered") and the ways it can state its opposite
("break ties", "cut ties", "made the break"). A sentence matched by an antonym is a claim of
the family with ``polarity=False``, so "remain close" and "break ties" land in one cluster
on opposite sides. Cues around the trigger set the modality: a denial verb (``denied``), a
hedge (``likely``), a plan, promise or demand (``planned``), otherwise ``certain``.

Troop levels are a quantity family (``troops``): a number of troops a country has in a
place, compared over time. Event-based propositions reuse the actor graph's relation types
(:mod:`dossier.graph.relations`), phrased by :data:`RELATION_PHRASES`.

The cue lists follow the usual factuality/negation markers (FactBank, Saurí & Pustejovsky
2009; NegEx, Chapman et al. 2001), cut down to what news sentences use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["FAMILIES", "Family", "RELATION_PHRASES", "SYMMETRIC_RELATIONS"]


@dataclass(frozen=True, slots=True)
class Family:
    """A predicate family: how to say it (``positive``), its opposite (``negative``), how to read it."""

    key: str
    positive: re.Pattern[str]
    negative: re.Pattern[str]
    symmetric: bool
    affirm: str  # "{a} maintains ties with {b}"
    negate: str  # "{a} has broken ties with {b}"


def _any(*patterns: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


TIES = Family(
    key="ties",
    positive=_any(
        r"\bmaintain(?:s|ed|ing)?\s+(?:\w+\s+){0,2}(?:ties|links|contacts|relations)\b",
        r"\b(?:close|closer|historical|historic|deep|strong|enduring|longstanding)\s+(?:ties|links|relationship|relations)\b",
        r"\bties\s+(?:to|with)\b", r"\blinks?\s+(?:to|with|between)\b",
        r"\b(?:remain|remains|remained|still|are|were|stay|stayed|stays)\s+(?:very\s+|tightly\s+|closely\s+)?"
        r"(?:close|aligned|bound|allied)\b",
        r"\bclosely\s+aligned\b", r"\btightly\s+bound\b",
        r"\brelationship\s+(?:with|between|to)\b",
        r"\bconnections?\s+(?:between|with|to)\b",
        r"\bwork(?:s|ed|ing)?\s+(?:closely\s+)?with\b", r"\bcooperat\w*\s+with\b",
        r"\bconsult(?:s|ed|ing)?\s+(?:\w+\s+){0,2}with\b", r"\bconferr?\w*\s+(?:\w+\s+){0,3}with\b",
        r"\bsupport(?:s|ed|ing)\b", r"\bshelter(?:s|ed|ing)?\b", r"\bsafe\s+haven\b",
        r"\bunder\s+(?:\w+\s+)?protection\b", r"\boperat\w*\s+in\s+areas\b",
    ),
    negative=_any(
        r"\bbr(?:eak|eaks|eaking|oke|oken)\s+(?:\w+\s+){0,2}(?:ties|relationship|relations|links)\b",
        r"\bbr(?:eak|eaks|eaking|oke|oken)\s+with\b", r"\bmade\s+the\s+break\b",
        r"\b(?:cut|cuts|cutting|sever|severs|severed|severing|end|ends|ended|ending)\s+(?:\w+\s+){0,2}"
        r"(?:ties|relationship|relations|links)\b",
        r"\bsplit\s+with\b", r"\bdistanc\w+\s+(?:itself|themselves)\s+from\b",
    ),
    symmetric=True,
    affirm="{a} maintains ties with {b}",
    negate="{a} has broken ties with {b}",
)

#: Every lexical family, matched in this order.
FAMILIES: tuple[Family, ...] = (TIES,)

#: Relation types from the actor graph that are symmetric (the pair, not the order, is the proposition).
SYMMETRIC_RELATIONS = frozenset({"agrees_with", "negotiates_with", "meets", "allied_with"})
#: How an event relation reads in a proposition; types not listed are not turned into claims.
RELATION_PHRASES = {
    "agrees_with": ("{a} reached an agreement with {b}", "{a} did not reach an agreement with {b}"),
    "negotiates_with": ("{a} negotiated with {b}", "{a} did not negotiate with {b}"),
    "meets": ("{a} met {b}", "{a} did not meet {b}"),
    "fights": ("{a} attacked {b}", "{a} did not attack {b}"),
    "opposes": ("{a} opposes {b}", "{a} does not oppose {b}"),
    "supports": ("{a} supports {b}", "{a} does not support {b}"),
}

#: A negation before a trigger flips its polarity ("show no sign of breaking their ties").
NEGATORS = re.compile(r"\b(?:not|no|never|nor|neither|without|no\s+longer|hardly|failed\s+to|fail\s+to|"
                      r"failure\s+to|refused\s+to)\b|n[’']t\b", re.IGNORECASE)
#: "failed to … that it would break ties": the plan did not happen, so the opposite holds now.
FAILED = re.compile(r"\b(?:failed|fail|failure)\s+to\b", re.IGNORECASE)
#: A denial by the source: the claim is reported only to be denied.
DENIALS = re.compile(r"\b(?:den(?:y|ies|ied|ying)|refut\w*|reject\w*|dismiss\w*|disput\w*|baseless|unfounded)\b",
                     re.IGNORECASE)
DENIAL_CUES = frozenset({"deny", "refute", "reject", "dismiss", "dispute", "rebut"})
#: Plans, promises, demands: not a statement of how things are.
PLANNED = re.compile(r"\b(?:will|would|shall|pledged?|pledging|promised?|promising|vowed?|urged?|urging|asked|"
                     r"demand\w*|must|should|plans?\s+to|agreed\s+(?:to|that)|commit\w*|called\s+on|"
                     r"expected\s+to|in\s+progress|due\s+to|is\s+to|are\s+to)\b", re.IGNORECASE)
#: Hedges: the source believes it rather than states it.
#: After a trigger: the state is not reached yet ("a work in progress").
NOT_YET = re.compile(r"[^.;]{0,50}?\b(?:in\s+progress|not\s+yet|yet\s+to)\b", re.IGNORECASE)
#: Before a planned positive trigger: a promise to keep a relation says the relation exists.
KEEP = re.compile(r"\b(?:honou?r|maintain|keep|continue|preserve)\w*\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
HEDGES = re.compile(r"\b(?:likely|probably|may|might|could|believed|suspected|appears?|reportedly|possibly|"
                    r"apparently|allegedly)\b", re.IGNORECASE)
#: A denial aimed at a report rather than at a stated proposition ("called the findings baseless").
REPORT_DENIAL = re.compile(
    r"\b(?:(?:refut\w*|reject\w*|dismiss\w*|den(?:y|ied|ies|ying))\s+(?:this|the|that|its|their|these)?\s*"
    r"(?:[\w.’'-]+\s+){0,2}?(?:report|findings?|conclusions?|accusations?|allegations?|claims?)\b(?!\s+that)|"
    r"(?:report|findings?|conclusions?|accusations?|allegations?|claims?|finding|it)\b[^.;]{0,40}?"
    r"\b(?:baseless|unfounded|false|lies|rejected|denied|dismissed)\b|"
    r"\b(?:baseless|unfounded)\s+(?:accusations?|allegations?|claims?)\b)",
    re.IGNORECASE)
#: "The UN report found …", "a UN analysis … stated": a report as the sentence's source.
REPORT_SUBJECT = re.compile(
    r"\s*(?:[A-Z]+[^—.]{0,30}—\s*)?(?:the|a|an|its|last\s+year[’']s)\s+(?:[\w.’'-]+\s+){0,5}?(?:report|analysis|study|assessment|findings|review)"
    r"\b[^.;,]{0,60}?\b(?:found|finds|stated|states|said|says|shows?|showed|highlight\w*|conclud\w*|not\w*|"
    r"document\w*|add\w*|estimat\w*|describ\w*)\b",
    re.IGNORECASE)
REPORT_WORDS = re.compile(r"\b(?:report|analysis|study|assessment|findings|monitors|experts|review|authors)\b",
                          re.IGNORECASE)
#: Definite descriptions that stand for earlier organisations ("the group", "the two groups").
ANAPHORA_TWO = re.compile(r"\b(?:the|both)\s+(?:two\s+)?(?:groups|movements|organisations|organizations|sides)\b"
                          r"|\bthe\s+two\b", re.IGNORECASE)
ANAPHORA_ONE = re.compile(r"\bthe\s+(?:\w+\s+){0,2}?(?:group|movement|organisation|organization|network)\b"
                          r"|\b(?:they|them|their)\b", re.IGNORECASE)
FIRST_PERSON = re.compile(r"\b(?:we|our|us)\b", re.IGNORECASE)

#: Troop levels: a number of troops, and the words that stand for troops.
TROOP_WORDS = re.compile(r"\b(?:troops?|forces?|soldiers|service\s*members|personnel|figure|number)\b", re.IGNORECASE)
TROOP_NOUN = re.compile(r"\b(?:troops?|forces?|soldiers|service\s*members|personnel)\b", re.IGNORECASE)
CASUALTY_WORDS = re.compile(r"\b(?:kill\w*|dead|died|deaths?|wounded|injured|casualt\w*|lost)\b", re.IGNORECASE)
NUMBER = re.compile(
    r"(?P<approx>\b(?:about|around|roughly|some|nearly|almost|approximately|fewer\s+than|more\s+than|over|"
    r"closer\s+to|up\s+to|at\s+least)\s+)?(?P<a>\d{1,3}(?:,\d{3})+|\d{3,6})"
    r"(?:\s+(?:to|and|-|–)\s+(?P<b>\d{1,3}(?:,\d{3})+|\d{3,6}))?",
    re.IGNORECASE)
#: What may follow a troop number: a troop word, a country word, or the end of the phrase.
AFTER_NUMBER = re.compile(r"^\s*(?:$|[,.;:)]|(?:US|U\.S\.|American|troops?|forces?|soldiers|service|personnel|"
                          r"to|by|in|on|last|this|and|from|within|when|after|before|because|as)\b)", re.IGNORECASE)
FUTURE = re.compile(r"\b(?:will|shall|is\s+to|are\s+to|plans?\s+to|is\s+set\s+to|would)\b", re.IGNORECASE)
PAST_STATE = re.compile(r"\b(?:when|there\s+were|there\s+was|had\s+been|at\s+the\s+peak|before)\b", re.IGNORECASE)
#: A capital standing for its government ("Washington … its force", "talks with Kabul").
CAPITALS = {"washington": "United States", "kabul": "Afghanistan", "moscow": "Russia", "beijing": "China",
            "london": "United Kingdom", "islamabad": "Pakistan", "tehran": "Iran", "new delhi": "India"}
