"""One type per name per document: the votes of the model's labels and of context cues.

Every mention of a surface form votes with its model label (1); context cues vote stronger
("the town of X", "X's mayor" → GPE; a title before it → PERSON; "X Ltd", "X company" → ORG: 3;
locatives such as "in X", "flew to X": 2); a gazetteer match decides (10). A plural family name
("Bidens") of a person the document names is PERSON (Gale, Church & Yarowsky's one sense per
discourse, with English function words and generic nouns as the only cues).
"""

from __future__ import annotations

from collections import defaultdict

from spacy.tokens import Doc

from dossier.extract.entity_words import POSSESSIVE as _POSSESSIVE
from dossier.extract.entity_words import TITLES as _TITLES
from dossier.extract.entity_words import TYPED, Found, WordClasses
from dossier.extract.entity_words import key as _key

__all__ = ["PLACE", "cue", "plural_families", "retype"]

_SETTLEMENT = frozenset({"town", "city", "village", "region", "province", "district", "capital", "port",
                         "settlement", "suburb", "oblast", "hamlet", "county", "outskirts", "mayor",
                         "residents", "center", "centre", "streets"})
_PLACE_OF = frozenset({"annexation", "occupation", "siege", "shelling", "bombardment", "liberation",
                       "encirclement", "outskirts", "suburbs", "streets", "residents", "people", "map"})
_PLACE_AFTER = frozenset({"mayor", "residents", "outskirts", "suburbs", "streets", "centre", "center",
                          "population", "inhabitants", "townspeople"})
_ORG_AFTER = frozenset({"ltd", "ltd.", "inc", "inc.", "plc", "llc", "corp", "corp.", "company",
                        "corporation", "holdings", "firm", "co", "co.", "ag", "gmbh"})
_ORG_POSSESSED = frozenset({"board", "shares", "ceo", "chairman", "subsidiary", "shareholders", "stock"})
_LOCATIVE = frozenset({"in", "near", "outside", "across", "around", "inside", "throughout", "into",
                       "towards", "toward"})
_TITLE_CUES = _TITLES - {"acting", "former", "foreign", "interior", "defence", "defense", "deputy", "chief", "prime"}
_MOTION = frozenset({"go", "fly", "travel", "return", "move", "head", "flee", "drive", "march",
                     "advance", "retreat", "evacuate", "deploy", "withdraw", "relocate", "sail", "walk"})
_CUE, _LOCAL, _MODEL, _GAZETTEER = 3.0, 2.0, 1.0, 10.0
PLACE = "place"  # a locative cue: the place label the other votes prefer (GPE on a tie)


def cue(doc: Doc, start: int, end: int, words: WordClasses) -> tuple[str, float] | None:
    """The type the words around one mention argue for, and how strongly."""
    before = doc[start - 1] if start > 0 else None
    before2 = doc[start - 2] if start > 1 else None
    after = doc[end] if end < len(doc) else None
    after2 = doc[end + 1] if end + 1 < len(doc) else None
    if before is not None and before.lower_ == "of" and before2 is not None and before2.lower_ in _SETTLEMENT:
        return "GPE", _CUE  # "the town of Soledar", "the mayor of Kharkiv"
    if after is not None and after.text in _POSSESSIVE and after2 is not None:
        if after2.lower_ in _PLACE_AFTER:
            return "GPE", _CUE  # "Bakhmut's mayor"
        if after2.lower_ in _ORG_POSSESSED:
            return "ORG", _CUE
    if (after is not None and after.lower_ in _ORG_AFTER and (after.is_lower or after.is_title)
            and not (end - start == 1 and doc[start].tag_ == "JJ")):
        return "ORG", _CUE  # "Burisma Holdings" read as two words, "Burisma company"
    if before is not None and before.lower_ in _TITLE_CUES and before.is_title and end - start <= 3 \
            and doc[start].tag_ == "NNP":
        return "PERSON", _CUE  # "Mr Volker", "President Zelensky"
    if before is not None and before.lower_ == "of" and before2 is not None and before2.lower_ in _PLACE_OF:
        return PLACE, _LOCAL  # "the annexation of Crimea", "the siege of Mariupol"
    if before is not None and before.lower_ in ("to", "from") and before2 is not None \
            and before2.lemma_ in _MOTION and end - start <= 2:
        return PLACE, _LOCAL  # "flew to Kyiv", "fled from Soledar"
    if after is not None and (after.pos_ == "NOUN" and after.is_lower or after.text in ("-", "\u2010")):
        return None  # a modifier: "in Jim Crow laws", "a Chelsea neighborhood", "Democratic-leaning"
    if before is not None and before.lower_ in _LOCATIVE and before.is_lower and end - start <= 2 \
            and not (after is not None and after.text in _POSSESSIVE | {"'", "\u2019"}) \
            and not (end - start == 1 and (doc[start].is_upper or doc[start].lower_ in words.nouns)):
        return PLACE, _LOCAL  # "fighting in Soledar"; not "in Congress", "in NATO", "in Biden's"
    return None


def plural_families(doc: Doc, items: list[Found]) -> list[Found]:
    """"the Bidens": a plural of a name the document gives a person is a family (PERSON)."""
    names = {doc[e - 1].text for s, e, lab, *_ in items if lab == "PERSON"}
    out: list[Found] = []
    for start, end, label, key, method in items:
        text = doc[start:end].text
        if (not key and end - start == 1 and label != "PERSON" and text.endswith("s")
                and text[:-1] in names):
            out.append((start, end, "PERSON", key, "rule"))
        else:
            out.append((start, end, label, key, method))
    return out


def retype(doc: Doc, items: list[Found], words: WordClasses) -> list[Found]:
    """One type per surface string: the label with the most votes (ties keep the model's)."""
    votes: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    surnames = {_key(doc, e - 1, e) for s, e, lab, *_ in items if lab == "PERSON" and e - s >= 2}
    for start, end, label, key, _ in items:
        tally = votes[_key(doc, start, end)]
        if key:
            tally[label] += _GAZETTEER
            continue
        if label not in TYPED:
            continue
        tally[label] += _MODEL
        argued = cue(doc, start, end, words)
        if argued is not None:
            if argued[0] == PLACE and (label == "NORP" or label in ("ORG", "PERSON") and end - start > 1):
                continue  # "in Salomon Brothers' league table", "confidence in Hillary Clinton"
            tally[argued[0]] += argued[1]
    for key in surnames & votes.keys():  # "McKenzie said" after "Gen. Kenneth McKenzie"
        votes[key]["PERSON"] += _CUE
    companies = {_key(doc, s, e - 1) for s, e, lab, *_ in items
                 if lab == "ORG" and e - s >= 2 and doc[e - 1].lower_ in _ORG_AFTER}
    for key in companies & votes.keys():  # "Burisma" after "Burisma Holdings"
        votes[key]["ORG"] += _CUE
    for tally in votes.values():  # "in X" counts for the kind of place X is said to be most
        if PLACE in tally:
            place = max(("GPE", "LOC", "FAC"), key=lambda lab: tally.get(lab, 0.0))
            tally[place] += tally.pop(PLACE)
    out: list[Found] = []
    for start, end, label, key, method in items:
        tally = votes[_key(doc, start, end)]
        if key or label not in TYPED or not tally:
            out.append((start, end, label, key, method))
            continue
        best = max(tally, key=lambda lab: tally[lab])
        if best != label and tally[best] > tally[label]:
            out.append((start, end, best, key, "rule"))
        else:
            out.append((start, end, label, key, method))
    return out
