"""Tables and patterns behind :mod:`dossier.graph.relations`: role heads, PLOVER types, demonyms.

Kept apart from the cascade so the vocabularies can be read (and extended) at a glance.

* Role heads: the last role word of an office ("Foreign *Minister*", "political *deputy*")
  decides the relation, after the ACE 2005 ORG-AFF subtypes (employment, membership,
  leadership; LDC 2005, "ACE English Relation Guidelines" 5.8.3).
* Events: PLOVER types (Schrodt et al., PLOVER manual Draft 0.8, 2021) folded into the
  coarse "quad classes" of CAMEO (verbal/material cooperation and conflict; Schrodt 2012)
  that actor graphs use: CONSULT → negotiates_with / meets, AGREE → agrees_with,
  SUPPORT/AID/COOPERATE → supports, ASSAULT/COERCE → fights, ACCUSE/THREATEN/DEMAND/
  REJECT/SANCTION → opposes. RETREAT, CONCEDE, MOBILIZE and PROTEST name no relation
  between two actors and give none.
* Demonyms: "Afghan Foreign Minister" is an office of Afghanistan; the NORP adjective is
  read as its country (CAMEO's actor dictionaries do the same: "American" → USA).
"""

from __future__ import annotations

import re

__all__ = [
    "ASSERTED", "COUNTRIES", "DEMONYMS", "EVENT_RELATIONS", "LEADER_HEADS", "MEMBER_HEADS",
    "OFFICE_OBJECTS", "RELATION_TYPES", "SPOKES_HEADS", "SYMMETRIC", "country_of", "event_relation",
    "role_relation",
]

#: Every relation type :func:`dossier.graph.find_relations` produces.
RELATION_TYPES = (
    "role_of", "member_of", "leader_of", "spokesman_of", "affiliate_of", "part_of", "allied_with",
    "supports", "negotiates_with", "meets", "agrees_with", "opposes", "fights",
)
#: Types with no direction: the graph stores one edge per pair, from the smaller id.
SYMMETRIC = frozenset({"allied_with", "negotiates_with", "meets", "agrees_with"})
#: Event modalities that count as "it happened (someone says so)"; the default graph keeps only these.
ASSERTED = frozenset({"asserted", "reported"})

SPOKES_HEADS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokesmen", "spokespeople"})
LEADER_HEADS = frozenset({
    "leader", "head", "chief", "chiefs", "chairman", "chairwoman", "chairperson", "chair", "director",
    "commander", "commandant", "emir", "amir", "founder", "co-founder", "deputy", "president", "premier",
    "king", "queen", "ruler", "sultan", "chancellor",
})
MEMBER_HEADS = frozenset({
    "member", "members", "militant", "militants", "fighter", "fighters", "general", "gen", "lieutenant",
    "lt", "colonel", "col", "major", "maj", "brigadier", "brig", "captain", "capt", "admiral", "adm",
    "sergeant", "sgt", "officer", "official", "operative", "cleric", "minister", "secretary", "justice",
    "judge", "negotiator", "senator", "lawmaker", "mp", "marshal",
})
#: Multi-word offices whose head is not their last role word.
_LEADER_PHRASES = ("prime minister", "supreme leader", "secretary general", "secretary-general")
#: "Secretary of *State*": the object of "of" is part of the office, never its organisation.
OFFICE_OBJECTS = frozenset({"state", "staff", "defense", "defence", "the interior", "interior", "justice"})

#: PLOVER type → relation type (None: look at the mode).
EVENT_RELATIONS: dict[str, str | None] = {
    "CONSULT": None, "AGREE": "agrees_with",
    "SUPPORT": "supports", "AID": "supports", "COOPERATE": "supports",
    "ASSAULT": "fights", "COERCE": "fights",
    "ACCUSE": "opposes", "THREATEN": "opposes", "DEMAND": "opposes", "REJECT": "opposes", "SANCTION": "opposes",
}
_NEGOTIATE_MODES = frozenset({"negotiate", "talk", "third-party", "phone"})

#: Country name → the names a GPE entity for it may carry in a document.
COUNTRIES: dict[str, tuple[str, ...]] = {
    "Afghanistan": ("Afghanistan", "Islamic Republic of Afghanistan"),
    "United States": ("United States", "US", "U.S.", "USA", "U.S.A.", "America", "United States of America"),
    "United Kingdom": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain"),
    "Russia": ("Russia", "Russian Federation"),
    "Pakistan": ("Pakistan",), "Iran": ("Iran",), "China": ("China",), "India": ("India",),
    "Qatar": ("Qatar",), "Turkey": ("Turkey", "Türkiye"), "Iraq": ("Iraq",), "Syria": ("Syria",),
    "Venezuela": ("Venezuela",), "Tajikistan": ("Tajikistan",), "Uzbekistan": ("Uzbekistan",),
    "Turkmenistan": ("Turkmenistan",), "Kazakhstan": ("Kazakhstan",), "Saudi Arabia": ("Saudi Arabia",),
    "United Arab Emirates": ("United Arab Emirates", "UAE"), "Germany": ("Germany",), "France": ("France",),
    "Israel": ("Israel",), "Egypt": ("Egypt",), "Yemen": ("Yemen",), "Somalia": ("Somalia",),
    "Jordan": ("Jordan",), "Kuwait": ("Kuwait",), "Palestine": ("Palestine",), "Ukraine": ("Ukraine",),
    "Japan": ("Japan",), "Italy": ("Italy",), "Spain": ("Spain",), "Canada": ("Canada",),
    "Australia": ("Australia",), "Norway": ("Norway",), "Netherlands": ("Netherlands",), "Poland": ("Poland",),
}
#: Demonym (casefolded) → country name.
DEMONYMS: dict[str, str] = {
    "afghan": "Afghanistan", "afghans": "Afghanistan", "american": "United States", "americans": "United States",
    "u.s.": "United States", "us": "United States", "british": "United Kingdom", "russian": "Russia",
    "pakistani": "Pakistan", "iranian": "Iran", "chinese": "China", "indian": "India", "qatari": "Qatar",
    "turkish": "Turkey", "iraqi": "Iraq", "syrian": "Syria", "venezuelan": "Venezuela", "tajik": "Tajikistan",
    "uzbek": "Uzbekistan", "turkmen": "Turkmenistan", "kazakh": "Kazakhstan", "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates", "german": "Germany", "french": "France", "israeli": "Israel",
    "egyptian": "Egypt", "yemeni": "Yemen", "somali": "Somalia", "jordanian": "Jordan", "kuwaiti": "Kuwait",
    "palestinian": "Palestine", "ukrainian": "Ukraine", "japanese": "Japan", "italian": "Italy",
    "spanish": "Spain", "canadian": "Canada", "australian": "Australia", "norwegian": "Norway",
    "dutch": "Netherlands", "polish": "Poland",
}
_ALIAS_TO_COUNTRY = {alias.casefold(): country for country, aliases in COUNTRIES.items() for alias in aliases}


def country_of(name: str) -> str | None:
    """The country a demonym or country name stands for ("Afghan" → "Afghanistan"), or None."""
    key = name.casefold().strip()
    return DEMONYMS.get(key) or _ALIAS_TO_COUNTRY.get(key)


def role_relation(role: str, head: str, *, target_label: str | None) -> str:
    """The relation an office gives between a person and the organisation or country it names.

    Args:
        role: the office as written ("Afghan Foreign Minister").
        head: its head word, lowercased without a final dot ("minister").
        target_label: the entity type of the organisation/country, None when there is none.

    >>> role_relation("Taliban spokesman", "spokesman", target_label="ORG")
    'spokesman_of'
    """
    if target_label is None:
        return "role_of"
    if head in SPOKES_HEADS:
        return "spokesman_of"
    lowered = role.casefold()
    if head in LEADER_HEADS or any(p in lowered for p in _LEADER_PHRASES):
        return "leader_of"
    if target_label in {"ORG", "FAC", "NORP"} and head in MEMBER_HEADS:
        return "member_of"
    return "role_of"


def event_relation(event_type: str, mode: str | None) -> str | None:
    """The relation a PLOVER event gives between its actor and target, or None."""
    if event_type == "CONSULT":
        return "negotiates_with" if mode in _NEGOTIATE_MODES else "meets"
    return EVENT_RELATIONS.get(event_type)


# --- cheap sentence patterns between two mentions (text between them, and after the second)
_ROLE_WORD = r"(?P<head>[A-Za-z][\w.-]*)"
_DET = r"(?:the|a|an|its|their|his|her)"
#: "X, the head of Y" / "X is the leader of Y" / "X was a member of Y" (gap before Y).
APPOSITION = re.compile(
    rf"^\s*(?:,\s*|\s+(?:is|was|has been|had been|remains|became)\s+){_DET}\s+"
    rf"(?:(?:[\w’'-]+\s+){{0,3}}?){_ROLE_WORD}\s+(?:of|at)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "X, who heads Y" / "X, who leads Y".
WHO_LEADS = re.compile(
    r"^\s*,?\s*who\s+(?:heads|headed|leads|led|commands|commanded|chairs|chaired|runs|ran)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "Y's (regional) affiliate, X" / "Y's branch in Afghanistan known as X" (gap between Y and X).
AFFILIATE_AFTER = re.compile(
    r"^(?:\s+group)?(?:’s|'s)\s+(?:[\w-]+\s+){0,2}?(?:affiliate|branch|offshoot|wing|franchise)"
    r"(?:\s+in\s+[\w\s-]{1,30}?)?(?:\s*,\s*(?:(?:known as|called)\s+)?|\s+(?:known as|called)\s+)(?:the\s+)?$",
    re.IGNORECASE,
)
#: "X, an affiliate of Y" / "X is an offshoot of Y".
AFFILIATE_OF = re.compile(
    rf"^\s*(?:,\s*|\s+(?:is|was|remains|became)\s+){_DET}\s+(?:[\w-]+\s+){{0,2}}?"
    r"(?:affiliate|branch|offshoot|wing|franchise)\s+of\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "X, an ally of Y" / "X is allied with Y" / "X is closely aligned with Y".
ALLY_OF = re.compile(
    rf"^\s*(?:,\s*{_DET}\s+(?:\w+\s+)?ally\s+of|\s+(?:is|are|was|were|remains?|has been)\s+(?:\w+\s+)?"
    r"(?:allied|aligned)\s+with)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
#: "X and Y remain closely aligned" (gap " and " between them, this after Y).
ALLIED_PAIR = re.compile(
    r"\s+(?:remain|are|were|have been|stay|had been)\s+(?:\w+\s+)?(?:aligned|allied|allies)\b", re.IGNORECASE,
)
