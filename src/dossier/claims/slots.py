"""Claims every conflict report makes, read from its structure rather than from a topic lexicon.

Three kinds of proposition, each normalised so that reports from different outlets land on
the same key (:func:`dossier.claims.cluster.cluster_claims` compares them):

* **Event slots** — counts of the killed, wounded, missing, detained, abducted and displaced
  (read from the extract stage's quantities: "killing at least 60 Afghans", "Twelve U.S.
  troops were killed", "the death toll rose to 11", "leaving two others missing"), an
  earthquake's magnitude, and **responsibility** for an attack (claimed, admitted, denied,
  blamed on, "carried out by", "was behind"). The subject is the *incident*: its kind (attack,
  shooting, earthquake… from the trigger nouns of the sentence, else of the document), the
  country and most specific place the sentence (else the document) names, and when it
  happened (an explicit earlier date in the sentence, else the report's date). The object of
  a count is the victim group: nationality plus a class (troops, people, police, children…).
* **Status facts** — a named person is dead (killed, assassinated, died), detained, charged,
  convicted or guilty (pleaded not guilty → found guilty), a person leads an organisation
  ("al-Qaeda leader X", "X, the emir of Y"), an actor controls or entered a place.
* **Denial and hedging**, the same for every slot: "denied", "rejected", "dismissed",
  "baseless", "no evidence" make the source reject the proposition; "could not confirm",
  "unverified", "unconfirmed", "reportedly", "believed to" make it ``likely``.

Nothing here names a story, a country or an organisation: the cues are the grammar of
reporting (verbs of harm, of responsibility, of status), so the same rules read a strike in
Gaza, a shooting in Philadelphia or an earthquake in Iran.

>>> # "ISIS-K claimed responsibility for the two explosions that killed at least 60 Afghans."
>>> [(c.predicate, c.subject, c.object, c.value) for c in slot_claims(index, make_claim=_claim)]
[('responsibility', 'ISIS-K', 'explosion in Kabul', None), ('killed', 'explosion in Kabul', 'Afghans', 60.0)]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from dossier.claims.text import Attribution, DocIndex, Party

__all__ = ["COUNT_SLOTS", "INCIDENT", "STATE_SLOTS", "slot_claims"]

#: count predicates: a figure per incident and victim group
COUNT_SLOTS = ("killed", "wounded", "missing", "detained", "abducted", "displaced")
#: predicates about a named person's state, compared across reports by stance and time
STATE_SLOTS = ("status-dead", "arrested", "charged", "convicted", "guilty", "released")
INCIDENT = "incident:"  # subject ids of incidents start with this

_W = r"(?:\w[\w'’.-]*\s+)"
_HARM = {  # word → slot; read after a figure ("12 were killed") and before it ("killing 12")
    "killed": "killed", "kill": "killed", "kills": "killed", "killing": "killed", "dead": "killed",
    "died": "killed", "die": "killed", "slain": "killed", "perished": "killed", "murdered": "killed",
    "executed": "killed", "massacred": "killed", "lost": "killed", "deaths": "killed", "fatalities": "killed",
    "wounded": "wounded", "wounding": "wounded", "wounds": "wounded", "injured": "wounded", "injuring": "wounded",
    "injures": "wounded", "injure": "wounded", "hurt": "wounded", "hospitalised": "wounded",
    "hospitalized": "wounded", "injuries": "wounded",
    "missing": "missing", "unaccounted": "missing", "trapped": "missing",
    "arrested": "detained", "detained": "detained", "arresting": "detained", "detaining": "detained",
    "captured": "detained", "capturing": "detained", "jailed": "detained",
    "kidnapped": "abducted", "abducted": "abducted", "kidnapping": "abducted", "abducting": "abducted",
    "hostage": "abducted", "hostages": "abducted",
    "displaced": "displaced", "displacing": "displaced", "evacuated": "displaced", "homeless": "displaced",
}
_HARM_WORDS = "|".join(sorted(_HARM, key=len, reverse=True))
# "12 US troops were killed", "15 others injured", "left 17 sailors dead", "17 sailors dead"
_PASSIVE = {w: k for w, k in _HARM.items() if not w.endswith(("ing", "s")) or w in ("hostages", "fatalities")}
_PASSIVE.pop("kill", None)
_PASSIVE.pop("lost", None)
_PASSIVE_WORDS = "|".join(sorted(_PASSIVE, key=len, reverse=True))
_AFTER = re.compile(
    rf"^[\s,]*(?:(?:others?|more|people|persons)\s+)?(?:(?:who|that)\s+)?"
    rf"(?:(?:were|was|are|is|have|has|had|been|being|remain|remained|also|reportedly|all|later|"
    rf"now|since|so|far|confirmed|believed|thought|feared|to|be|have)\s+){{0,5}}"
    rf"(?:shot\s+)?(?P<w>{_PASSIVE_WORDS})\b", re.IGNORECASE)
# "killing at least 60 Afghans", "wounding other 70", "the death toll rose to 11", "leaving two others missing"
_ACTIVE = ("killed|killing|kills|kill|murdered|murdering|executed|executing|massacred|massacring|slaughtered|"
           "wounded|wounding|wounds|injured|injuring|injures|hurt|hurting|arrested|arresting|detained|detaining|"
           "captured|capturing|kidnapped|kidnapping|abducted|abducting|displaced|displacing|evacuated|"
           "shot\\s+to\\s+death|shot\\s+dead|shot\\s+and\\s+killed|gunned\\s+down")
_BEFORE = re.compile(
    rf"\b(?P<w>{_ACTIVE}|toll|leaving|left)\s+(?:(?!and\b|but\b|or\b|who\b|which\b)\w[\w'’.-]*\s+){{0,3}}?"
    r"(?:at\s+least|more\s+than|over|about|around|some|nearly|almost|roughly|an\s+estimated|as\s+many\s+as|"
    r"other|another|up\s+to|to)?\s*$", re.IGNORECASE)
_INCLUDED = re.compile(rf"\b(?P<w>{_HARM_WORDS})\b[^.;]{{0,30}}\binclud(?:ing|ed|e|es)\s+"
                       r"(?:at\s+least\s+|some\s+)?$", re.IGNORECASE)
_PART_OF = re.compile(r"^\s*of\s+(?:the|those|them)\b", re.IGNORECASE)
_EARLIER = re.compile(r"\b(?:earlier|initial|previous|first)\s+(?:reports?|figures?|estimates?)\s+"
                      r"(?:that|of|had|said)\b[^.;]{0,40}$", re.IGNORECASE)
_UPDATE = re.compile(r"\b(?:toll|number|count|tally)\b[^.;]{0,40}\b(?:rose|risen|rises|rising|climbed|climbs|"
                     r"jumped|increased|reached|raising|raised|to)\s+(?:at\s+least\s+)?$", re.IGNORECASE)
_TOLL_TO = re.compile(  # "the death toll from Friday's strike rose to", "the number of people killed has risen to"
    rf"\b(?:(?P<kind>death|casualty|injury)\s+)?(?:toll|number\s+of\s+(?:\w+\s+){{0,2}}?(?P<w>{_HARM_WORDS})|"
    rf"number\s+of\s+(?P<w2>dead|wounded|injured|casualties|victims))\b[^.;]{{0,90}}?\b(?:rose|risen|rises|"
    r"climbed|climbs|jumped|increased|reached|reaches|stands|stood|hit|hits|is|was|at|to|of)\s+"
    r"(?:to\s+|at\s+)?(?:at\s+least\s+|more\s+than\s+|over\s+|some\s+|about\s+)?$", re.IGNORECASE)
_TOLL = re.compile(r"\b(?:death|casualty|injury)\s+(?:toll|count)\b|\btoll\b", re.IGNORECASE)
_UNCONFIRMED = re.compile(r"\b(?:could\s+not|couldn[’']t|cannot|can[’']t|unable\s+to|did\s+not|has\s+not|have\s+not|"
                          r"had\s+not)\s+(?:be\s+)?(?:independently\s+)?(?:confirm|verify|verified|confirmed)|"
                          r"\bnot\s+(?:been\s+)?(?:independently\s+)?(?:confirmed|verified)\b|\bunconfirmed\b|"
                          r"\bunverified\b|\bno\s+(?:evidence|proof|confirmation)\b", re.IGNORECASE)
_HEDGE = re.compile(r"\b(?:could\s+not|couldn[’']t|cannot|can[’']t|unable\s+to)\s+(?:be\s+)?(?:independently\s+)?"
                    r"(?:confirm|verify)|\bunconfirmed\b|\bunverified\b|\breportedly\b|\bbelieved\s+to\b|"
                    r"\bthought\s+to\b|\bfeared\b|\bpossibly\b|\bmay\s+have\b|\bmight\s+have\b|\balleged(?:ly)?\b",
                    re.IGNORECASE)
_DENY = re.compile(r"\b(?:den(?:y|ied|ies|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing)|"
                   r"disput(?:e|es|ed|ing)|baseless|unfounded|fabricat\w+|no\s+evidence|not\s+true)", re.IGNORECASE)
_NEG = re.compile(r"\b(?:not|never|no|n[’']t)\b", re.IGNORECASE)

_CLASSES = {  # head noun of a victim group → class
    "people": "people", "person": "people", "persons": "people", "individual": "people", "civilian": "people",
    "resident": "people", "villager": "people", "other": "people", "victim": "people", "count": "people",
    "them": "people", "citizen": "people", "inhabitant": "people", "man": "people", "men": "people",
    "woman": "people", "women": "people", "fatality": "people", "casualty": "people", "passenger": "people",
    "local": "people", "worshipper": "people", "pedestrian": "people", "bystander": "people", "dead": "people",
    "troop": "troops", "soldier": "troops", "servicemember": "troops",
    "serviceman": "troops", "servicemen": "troops", "personnel": "troops", "service": "troops",
    "fighter": "fighters", "militant": "fighters", "insurgent": "fighters", "rebel": "fighters",
    "policeman": "police", "policemen": "police", "officer": "police", "police": "police", "cop": "police",
    "child": "children", "children": "children", "kid": "children", "student": "students", "pupil": "students",
    "worker": "people", "co-worker": "people", "coworker": "people", "employee": "people", "colleague": "people",
    "staff": "people", "manager": "people", "receptionist": "people", "patient": "people", "friend": "people",
    "doctor": "medics", "nurse": "medics", "medic": "medics", "journalist": "journalists",
    "reporter": "journalists", "marine": "marines", "sailor": "sailors",
}
_NOT_VICTIMS = re.compile(r"\b(?:km|kilomet|mile|meter|metre|house|home|building|village|hospital|vehicle|car|"
                          r"dollar|percent|year|month|day|hour|minute|week|villages|countries|country|embass|"
                          r"bombing|explosion|attack|blast|strike|rocket|missile|shell|round|bomb|time|magnitude|"
                          r"strength|count|point)", re.IGNORECASE)

_INCIDENTS = {  # trigger noun → incident kind
    "attack": "attack", "attacks": "attack", "assault": "attack", "raid": "attack", "ambush": "attack",
    "bombing": "attack", "bombings": "attack", "bomb": "attack", "blast": "attack", "blasts": "attack",
    "explosion": "attack", "explosions": "attack", "strike": "attack", "strikes": "attack",
    "airstrike": "attack", "airstrikes": "attack", "shelling": "attack", "massacre": "attack",
    "shooting": "attack", "shootings": "attack", "gunfire": "attack", "rampage": "attack", "clash": "attack",
    "clashes": "attack", "fighting": "attack", "battle": "attack", "offensive": "attack", "siege": "attack",
    "stabbing": "attack", "shootout": "attack", "bombardment": "attack",
    "quake": "earthquake", "earthquake": "earthquake", "tremor": "earthquake", "temblor": "earthquake",
    "aftershock": "earthquake", "flood": "flood", "floods": "flood", "flooding": "flood",
    "landslide": "landslide", "landslides": "landslide", "storm": "storm", "cyclone": "storm",
    "hurricane": "storm", "typhoon": "storm", "crash": "crash", "collision": "crash", "derailment": "crash",
    "fire": "fire", "blaze": "fire", "stampede": "stampede", "riot": "unrest", "riots": "unrest",
    "protest": "unrest", "protests": "unrest",
    "war": "war", "wars": "war", "conflict": "war", "insurgency": "war", "genocide": "war", "uprising": "war",
}
_INCIDENT_RE = re.compile(r"\b(" + "|".join(sorted(_INCIDENTS, key=len, reverse=True)) + r")\b", re.IGNORECASE)
_PAST = re.compile(r"\b(?:earlier|last|ago|previous|previously|former)\b", re.IGNORECASE)
_OPENED_FIRE = re.compile(r"\b(?:open|opens|opened|opening|returned|return|ceasefire|cease)\s+$", re.IGNORECASE)
_PRECISION = {"city": 0, "district": 1, "province": 2, "region": 3, "country": 3}

# responsibility: who did it
_ACTORS = ("ORG", "GPE", "NORP", "PERSON")
_RESP_AFTER = re.compile(  # "<X> claimed responsibility for", "<X> admitted to the attack", "<X> carried out"
    r"[\s,]*(?:[^.;]{0,40}?\s)?(?:(?:has|have|had|later|quickly|swiftly|since|reportedly|also|now|"
    r"publicly|officially|already|not|never|did|does|do)\s+){0,3}"
    r"(?P<verb>claimed|claims|claiming|admitted|admits|accepted|took|takes|denied|denies|denying|rejected|"
    r"rejects|disclaimed|carried\s+out|carries\s+out|conducted|perpetrated|staged|launched|was\s+behind|"
    r"were\s+behind|is\s+behind|are\s+behind|was\s+responsible|were\s+responsible|is\s+responsible|"
    r"are\s+responsible)\b(?P<rest>[^.;]{0,80})", re.IGNORECASE)
_RESP_OBJECT = re.compile(r"\b(?:responsibility|involvement|role|responsible|part)\b|"
                          r"(?:\b(?:for|to)\s+|^\s*)(?:an?|the|this|that|its|their|last)?\s*(?:\w+\s+){0,3}?"
                          r"(?:" + "|".join(_INCIDENTS) + r")\b",
                          re.IGNORECASE)
_RESP_BY = re.compile(r"\b(?P<neg>not\s+)?(?:carried\s+out|conducted|perpetrated|staged|launched|committed|"
                      r"claimed|orchestrated|masterminded|caused|fired)\b(?:[^.;,]{0,45}?\s)?by\s+(?:the\s+)?$",
                      re.IGNORECASE)
_BLAMED = re.compile(r"\bblam(?:ed|es|ing)\s+(?:\w+\s+){0,4}?on\s+(?:the\s+)?$|"
                     r"\bblam(?:ed|es|ing)\s+(?:the\s+|an?\s+)?$|\baccus(?:ed|es|ing)\s+(?:the\s+)?$", re.IGNORECASE)

# status facts about a named person
_STATE_AFTER = re.compile(
    r"(?:\s*,[^,;.]{1,80},)?\s+(?:(?:who|was|were|is|has|have|had|been|being|already|reportedly|later|"
    r"also|since|not|never|allegedly|then|now|eventually|subsequently|finally)\s+){1,4}"
    r"(?P<w>killed|assassinated|shot\s+dead|shot\s+and\s+killed|executed|slain|dead|alive|arrested|detained|"
    r"captured|taken\s+into\s+custody|charged|indicted|convicted|sentenced|found\s+guilty|found\s+not\s+guilty|"
    r"acquitted|released|freed)\b", re.IGNORECASE)
_STATE_DIED = re.compile(r"\s+(?:(?:has|had|reportedly|later)\s+)?(?P<w>died|pleaded\s+not\s+guilty|"
                         r"pleaded\s+guilty|pled\s+not\s+guilty|pled\s+guilty|surrendered|survived)\b",
                         re.IGNORECASE)
_STATE_BEFORE = re.compile(r"\b(?P<w>killed|assassinated|killing|executed|arrested|detained|captured|charged|"
                           r"convicted|freed|released|death\s+of|killing\s+of|arrest\s+of|detention\s+of|"
                           r"release\s+of)\s+(?:(?:the|a|an|its|their|his|her|former|top|senior|suspected|alleged|"
                           r"wanted|militant|rebel|leader|emir|chief|commander|head|founder|spokesman|spokeswoman|"
                           r"general|president|minister|member|deputy|of|al|[A-Z][\w'’.-]*),?\s+){0,6}?$")
_STATES = {"killed": ("status-dead", True), "assassinated": ("status-dead", True),
           "shot dead": ("status-dead", True), "shot and killed": ("status-dead", True),
           "executed": ("status-dead", True), "slain": ("status-dead", True), "dead": ("status-dead", True),
           "died": ("status-dead", True), "killing": ("status-dead", True), "death of": ("status-dead", True),
           "killing of": ("status-dead", True),
           "alive": ("status-dead", False), "survived": ("status-dead", False),
           "arrested": ("arrested", True), "detained": ("arrested", True), "captured": ("arrested", True),
           "taken into custody": ("arrested", True), "surrendered": ("arrested", True),
           "arrest of": ("arrested", True), "detention of": ("arrested", True),
           "charged": ("charged", True), "indicted": ("charged", True),
           "convicted": ("convicted", True), "sentenced": ("convicted", True), "found guilty": ("guilty", True),
           "found not guilty": ("guilty", False), "acquitted": ("guilty", False),
           "pleaded not guilty": ("guilty", False), "pled not guilty": ("guilty", False),
           "pleaded guilty": ("guilty", True), "pled guilty": ("guilty", True),
           "released": ("released", True), "freed": ("released", True), "release of": ("released", True)}
_FOUND_BEFORE = re.compile(r"\b(?:found|finding|finds|find|declared|declaring)\s+$", re.IGNORECASE)
_VERDICT_AFTER = re.compile(r"(?:\s*,[^,;.]{1,40},)?\s+(?P<not>not\s+)?guilty\b", re.IGNORECASE)
_CHARGE = re.compile(r"\s*(?:with|of|for|on)\s+(?:(?:two|three|four|five|six|\w+)\s+counts?\s+of\s+)?"
                     r"(?P<c>(?:first-degree\s+|second-degree\s+|attempted\s+)?(?:murder|manslaughter|terrorism|"
                     r"treason|assault|kidnapping|rape|fraud|corruption|espionage|war\s+crimes|genocide|"
                     r"crimes\s+against\s+humanity))", re.IGNORECASE)
_LEADER = r"(?:leader|chief|head|emir|commander|founder|chairman|president|secretary[- ]general|boss)"
_LEADS_BEFORE = re.compile(rf"(?:['’]s?\s+|\s+)(?:(?:top|supreme|new|former|late|military|political|overall|"
                           rf"deputy)\s+)?{_LEADER}\s+$", re.IGNORECASE)
_ROLE_OF = re.compile(rf"\b{_LEADER}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_LEADS_AFTER = re.compile(rf"^,?\s+(?:the\s+|its\s+|a\s+)?(?:(?:top|supreme|new|former|late|military|political|"
                          rf"overall|longtime|long-time)\s+)?{_LEADER}\s+of\s+(?:the\s+)?$", re.IGNORECASE)
_CONTROL = re.compile(r"(?:\s+(?:forces|troops|fighters|units|army|militants|rebels))?"
                      r"\s+(?:(?:has|have|had|now|reportedly|quickly|also|finally)\s+){0,2}"
                      r"(?P<w>captured|seized|took\s+control\s+of|taken\s+control\s+of|took\s+over|overran|"
                      r"controls|control|entered|entering|stormed)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,4}?$",
                      re.IGNORECASE)
_CAPITAL_OF = re.compile(r"['’]s?\s+(?:\w+\s+)?(?:capital|city|town|province|region|district|port),?\s+",
                         re.IGNORECASE)
_MAGNITUDE = re.compile(r"\b(?P<a>\d\.\d)[\s-]*(?:-|\s)?magnitude\b|\bmagnitude(?:\s+of|\s+at|-|\s)\s*(?P<b>\d\.\d)\b|"
                        r"\b(?P<c>\d\.\d)\s+(?:on\s+the\s+richter|richter)", re.IGNORECASE)


def _iso(value: str | None) -> date | None:
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


_LOCATIVE = re.compile(r"\b(?:in|at|near|outside|inside|on|from|of|into|to)\s+(?:the\s+)?(?:\w+\s+){0,2}$",
                       re.IGNORECASE)


def _local_places(doc: Any) -> list[tuple[int, tuple[str, str, str]]]:
    """(offset, (country code, name, precision)) of every place below a country the document names:
    gazetteer places, and place names the gazetteer lacks that the text uses as a location ("in Kramatorsk")."""
    from dossier.graph.relation_rules import country_of

    found = [(p.span.start, (p.country or "", p.name, p.precision)) for p in doc.places
             if p.precision in ("city", "district", "province")]
    known = {p.span.start for p in doc.places}
    for ref in doc.entities:
        if ref.label not in ("GPE", "LOC", "FAC") or country_of(ref.name):
            continue
        for m in ref.mentions:
            if m.span.start in known:
                continue
            if _LOCATIVE.search(doc.text[max(0, m.span.start - 30):m.span.start]):
                found.append((m.span.start, ("", ref.name, "city")))
    groups = {ref.name for ref in doc.entities if ref.label in ("ORG", "NORP")}
    people = {ref.name for ref in doc.entities if ref.label == "PERSON"}
    for m in (*_PLACE_AFTER.finditer(doc.text), *_PLACE_OF.finditer(doc.text)):
        raw = m.group(1)
        name = re.sub(r"['’]s$", "", raw)
        if name in groups or country_of(name) or name.casefold() in _NOT_PLACES or m.start(1) in known:
            continue
        if name in people and (raw != name or len(name.split()) > 1):
            continue  # "in Biden's view", "in Joe Biden": a person; "in Soledar" is a place the tagger missed
        found.append((m.start(1), ("", name, "city")))
    return sorted(set(found))


_PLACE_AFTER = re.compile(r"\b(?:in|at|near|outside|on|into)\s+(?:the\s+)?"
                          r"([A-Z][a-z][\w'’-]+(?:\s+[A-Z][a-z][\w'’-]+)?)")
_PLACE_OF = re.compile(r"\b(?:town|city|village|province|region|district|port|suburb|county|oblast|governorate)\s+of\s+"
                       r"([A-Z][a-z][\w'’-]+(?:\s+[A-Z][a-z][\w'’-]+)?)")
_NOT_PLACES = frozenset("monday tuesday wednesday thursday friday saturday sunday january february march april may "
                        "june july august september october november december the a an this that his her their its "
                        "christmas easter ramadan".split())


class _Incident:
    """Where, what and when the document's incidents happen: the defaults a sentence falls back to."""

    def __init__(self, index: DocIndex) -> None:
        doc = index.doc
        self.index = index
        head = f"{doc.title or ''}\n{doc.text[:6000]}"
        found = [m.group(1).casefold() for m in _INCIDENT_RE.finditer(head)
                 if not _OPENED_FIRE.search(head[max(0, m.start() - 12):m.start()])]
        kinds = Counter(_INCIDENTS[w] for w in found)
        self.kind = kinds.most_common(1)[0][0] if kinds else "incident"
        self.words = {k: Counter(w for w in found if _INCIDENTS[w] == k).most_common(1)[0][0] for k in kinds}
        self.word = self.words.get(self.kind, self.kind)
        self.local_at = _local_places(doc)
        self.locals = [p for _, p in self.local_at]
        self.places = tuple(n.casefold() for n, _ in Counter(p[1] for p in self.locals).most_common(6))
        places = [p for p in doc.places if p.country]
        by_name = Counter(name for _, name, _ in self.locals)
        if self.locals:
            top = max(self.locals, key=lambda p: (by_name[p[1]], -_PRECISION.get(p[2], 2)))
            self.place, self.country = top[1], top[0]
        else:
            self.place = ""
            self.country = Counter(p.country for p in places).most_common(1)[0][0] or "" if places else ""
        self.published = _iso(doc.published)
        self.explicit: str | None = None  # the place the last sentence read names itself

    def old(self, when: str | None) -> bool:
        """Whether an incident date is well before the report: another incident the report recalls."""
        told = _iso(when) or (_iso(when[:7] + "-28") if when and len(when) >= 7 else None)
        if self.published is None or when is None:
            return False
        return told is None or (self.published - told).days > 45

    def at(self, s_start: int, s_end: int, near: int) -> tuple[str, str, str, str | None]:
        """(kind, country, place, date) of the incident a sentence talks about."""
        text = self.index.doc.text
        triggers = [m for m in _INCIDENT_RE.finditer(text, s_start, s_end)
                    if not _OPENED_FIRE.search(text[max(s_start, m.start() - 12):m.start()])]
        kinds = {_INCIDENTS[m.group(1).casefold()] for m in triggers}
        if self.kind in kinds or not triggers:
            kind = self.kind
        else:
            kind = _INCIDENTS[min(triggers, key=lambda m: abs(m.start() - near)).group(1).casefold()]
        own = [m for m in triggers if _INCIDENTS[m.group(1).casefold()] == kind]
        self.word = _singular(min(own, key=lambda m: abs(m.start() - near)).group(1).casefold() if own
                              else self.words.get(kind, kind))
        inside = [(start, country, name, precision) for start, (country, name, precision) in self.local_at
                  if s_start <= start < s_end and _PRECISION.get(precision, 3) <= 2]
        country, place, explicit = self.country, self.place, None
        if inside:
            best = min(inside, key=lambda p: (abs(p[0] - near), _PRECISION.get(p[3], 2)))
            country, place, explicit = best[1] or (country if best[2] == self.place else ""), best[2], best[2]
        when = self.published.isoformat() if self.published else None
        times = sorted((t for t in self.index.doc.times if s_start <= t.span.start < s_end and t.value
                        and t.span.start <= near + 30 and t.value.split("/")[-1][:4].isdigit()),
                       key=lambda t: abs(t.span.start - near))
        for t in times:
            value = t.value.split("/")[-1]
            told = _iso(value) or _iso(value[:7] + "-28") or _iso(value[:4] + "-12-31")
            past = len(value) < 10 and _PAST.search(text[max(s_start, t.span.start - 12):t.span.end]) is not None
            if told is None or self.published is None:
                continue
            if (self.published - told).days > 45 or past:  # an older incident the report recalls
                when = value[:10] if len(value) >= 10 else value[:7] if len(value) >= 7 else value[:4]
                break
            if len(value) >= 10 and told <= self.published:  # the day it happened ("on Thursday")
                when = value[:10]
                break
        if when and self.published and when[:4] != str(self.published.year) and explicit is None:
            country, place = "", ""  # an older incident the report recalls: not where this one happened
        self.explicit = explicit
        return kind, country or "", place or "", when


def _singular(word: str) -> str:
    if word.endswith(("shes", "ches", "sses")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word


def _incident_party(kind: str, country: str, place: str, when: str | None, published: date | None,
                    word: str = "") -> Party:
    name = word or kind
    if place:
        name = f"{name} in {place}"
    elif country:
        name = f"{name} ({country})"
    if when and published and when[:4] != str(published.year):
        name = f"{name}, {when[:4]}"
    return Party(f"{INCIDENT}{kind}", name, "EVENT")


def _victims(counts: str | None, unit: str) -> tuple[str, str, str] | None:
    """(group id, readable group, class) for what a figure counts, or None when it counts no people."""
    from dossier.graph.relation_rules import country_of

    phrase = (counts or unit or "").strip()
    if _NOT_VICTIMS.search(unit or "") and unit != "count":
        return None
    words = [w for w in re.split(r"\s+", phrase) if w]
    nationality = ""
    for w in words:
        found = country_of(w) or country_of(w.rstrip(".,")) or country_of(w.replace(".", ""))
        if found:
            nationality = found
            break
    head = (words[-1] if words else "people").casefold().strip(".,")
    for suffix in ("ies", "s"):
        if head not in _CLASSES and head.endswith(suffix):
            head = head[: -len(suffix)] + ("y" if suffix == "ies" else "")
    cls = _CLASSES.get(head) or _CLASSES.get((words[-1] if words else "").casefold()) or head
    if head == "member":  # "service members" are troops, "ISIS-K members" fighters, "family members" people
        named = [w for w in words[:-1] if w[:1].isupper() and not country_of(w.strip(".,"))]
        cls = "troops" if re.search(r"\bservice\b", phrase, re.IGNORECASE) else "fighters" if named else "people"
    if nationality and cls == head and head.casefold() == phrase.casefold().rstrip("s"):
        cls = "people"  # "Afghans": people of that nationality
    if country_of(head) or country_of(words[-1] if words else ""):
        cls = "people"
    if cls in ("", "people") and not nationality and head in ("them",):
        cls = "people"
    label = re.sub(r"^(?:the|other|another|more|some|of)\s+", "", phrase, flags=re.IGNORECASE)
    if not label or label.casefold() in ("count", "them", "others"):
        label = f"{_demonym(nationality)} {cls}".strip() if nationality else cls
    return f"victims:{nationality}:{cls}", label, cls


def _demonym(country: str) -> str:
    return {"United States": "US", "United Kingdom": "UK"}.get(country, country)


def _modality(text: str, lo: int, start: int, end: int, hi: int) -> tuple[bool, str]:
    """(polarity, modality) for a proposition read at text[start:end] in the clause text[lo:hi]."""
    before = text[max(lo, start - 90):start]
    around = text[max(lo, start - 90):min(hi, end + 40)]
    if _DENY.search(before):
        return True, "denied"
    if _UNCONFIRMED.search(around):
        return True, "unconfirmed"
    if _HEDGE.search(around):
        return True, "likely"
    return True, "certain"


def _count_claims(index: DocIndex, incidents: _Incident, make_claim: Callable[..., Any]) -> list[Any]:
    text = index.doc.text
    out: list[Any] = []
    for q in index.doc.quantities:
        if q.value is None or q.qualifier == "vague" or q.unit.startswith(("duration", "percent")) \
                or q.unit in ("fraction", "percentage points") or q.value > 5_000_000:
            continue
        start, end = q.span.start, q.span.end
        s_start, s_end = index.sentence_bounds(start)
        clause_start = max(s_start, text.rfind(";", s_start, start) + 1)
        after = text[end:min(s_end, end + 90)]
        before = text[clause_start:start]
        if _PART_OF.match(after) or _EARLIER.search(before):
            continue
        slot = None
        bound = q.qualifier
        match = _AFTER.match(after)
        if match:
            slot = _HARM[match.group("w").casefold()]
        else:
            b = _BEFORE.search(before[-60:])
            if b is not None:
                word = b.group("w").casefold()
                if word in ("toll", "leaving", "left"):
                    tail = re.match(rf"^\s*(?:others?\s+|more\s+|people\s+)?(?P<w>{_HARM_WORDS})\b", after,
                                    re.IGNORECASE)
                    if word == "toll" and _TOLL.search(before[-60:]):
                        slot = "wounded" if re.search(r"injur", before[-60:], re.IGNORECASE) else "killed"
                    elif tail is not None:
                        slot = _HARM[tail.group("w").casefold()]
                else:
                    slot = _HARM.get(word.split()[-1] if word.startswith(("shot", "gunned")) else word) or (
                        "killed" if word.startswith(("shot", "gunned")) else None)
            else:
                inc = _INCLUDED.search(before[-70:])
                toll = _TOLL_TO.search(before[-140:])
                if inc is not None:
                    slot = _HARM[inc.group("w").casefold()]
                elif toll is not None:
                    word = (toll.group("w") or toll.group("w2") or "").casefold()
                    slot = (_HARM.get(word) if word not in ("casualties", "victims") else "killed") or (
                        "wounded" if (toll.group("kind") or "").casefold() == "injury" else "killed")
                    bound = "update" if re.search(r"\b(?:rose|risen|rises|climbed|climbs|jumped|increased|reached|"
                                                  r"reaches)\b", toll.group()) else bound
        if slot is None:
            continue
        if _UPDATE.search(before[-70:]) and slot in ("killed", "wounded"):
            bound = "update"
        victims = _victims(q.counts, q.unit)
        if victims is None:
            continue
        group_id, group, _ = victims
        kind, country, place, when = incidents.at(s_start, s_end, start)
        if kind in ("incident",) and not country:
            continue
        polarity, modality = _modality(text, clause_start, start, end, s_end)
        if _NEG.search(text[max(clause_start, start - 12):start]):
            continue  # "not 12 killed": no figure to compare
        attribution = index.attribute(start, s_start, s_end)
        incident = _incident_party(kind, country, place, when, incidents.published, incidents.word)
        claim = make_claim(index, slot, incident, Party(group_id, group, "GROUP"), polarity, modality, attribution,
                           s_start, s_end, f"slot:{slot}", date=when or "", value=float(q.value),
                           value_max=float(q.value_max) if q.value_max else None)
        out.append(replace(claim, date=claim.date or None, bound=bound, place=incidents.explicit,
                           places=incidents.places, figure=(start, end)))
    return out


def _magnitudes(index: DocIndex, incidents: _Incident, make_claim: Callable[..., Any]) -> list[Any]:
    text = index.doc.text
    out: list[Any] = []
    for m in _MAGNITUDE.finditer(text):
        raw = m.group("a") or m.group("b") or m.group("c")
        s_start, s_end = index.sentence_bounds(m.start())
        if not re.search(r"quake|tremor|temblor|richter", text[s_start:s_end], re.IGNORECASE) or re.search(
                r"aftershock", text[s_start:s_end], re.IGNORECASE):
            continue
        kind, country, place, when = incidents.at(s_start, s_end, m.start())
        if kind != "earthquake" or incidents.old(when):
            continue  # an earlier quake the report recalls
        approx = re.search(r"\b(?:about|around|roughly|nearly|some|approximately)\s+$",
                           text[max(0, m.start() - 14):m.start()])
        attribution = index.attribute(m.start(), s_start, s_end)
        incident = _incident_party(kind, country, place, when, incidents.published, incidents.word)
        claim = make_claim(index, "magnitude", incident, None, True, "certain", attribution, s_start, s_end,
                           "slot:magnitude", date=when or "", value=float(raw))
        out.append(replace(claim, date=claim.date or None, bound="approx" if approx else "exact",
                           places=incidents.places, figure=(m.start(), m.end())))
    return out


def _actors(index: DocIndex) -> list[tuple[int, int, Party]]:
    """Entity mentions that can do something: organisations, countries, people, and nationalities
    read as their country ("an Israeli air strike" → Israel)."""
    from dossier.graph.relation_rules import country_of

    found = list(index.mentions)
    for ref in index.doc.entities:
        if ref.label != "NORP":
            continue
        country = country_of(ref.name)
        party = (Party(index.ids.get(country, country), country, "GPE") if country
                 else Party(ref.entity_id or ref.name, ref.name, "ORG"))
        found.extend((m.span.start, m.span.end, party) for m in ref.mentions)
    return sorted(found, key=lambda m: (m[0], m[1]))


def _speaker(actors: list[tuple[int, int, Party]], lo: int, at: int) -> Attribution | None:
    """The actor named last before ``at`` in text[lo:at]: who blames, claims or denies."""
    before = [p for a, b, p in actors if lo <= a and b <= at]
    if not before:
        return None
    who = before[-1]
    return Attribution(who.name, who.id, "person" if who.label == "PERSON" else "organisation", "statement")


def _responsibility(index: DocIndex, incidents: _Incident, make_claim: Callable[..., Any]) -> list[Any]:
    """Who did it: "X claimed responsibility", "X denied involvement", "blamed X", "carried out by X"."""
    text = index.doc.text
    out: list[Any] = []
    actors = _actors(index)
    for a, b, party in actors:
        s_start, s_end = index.sentence_bounds(a)
        own_voice: Attribution | None = None
        after = _RESP_AFTER.match(text, b, s_end)
        if after is not None and party.label != "PERSON":
            verb = after.group("verb").casefold()
            rest = after.group("rest")
            between = text[b:after.start("verb")]
            if verb.startswith(("claim", "admit", "accept", "took", "take", "den", "reject", "disclaim")):
                if not _RESP_OBJECT.search(rest[:60]):
                    continue
                if verb.startswith(("den", "reject", "disclaim")):  # a denial speaks for the one denying;
                    own_voice = Attribution(party.name, party.id, "organisation", "statement")
                # a claim of responsibility is a fact each report asserts: its source is the report
            elif verb.startswith(("carr", "conduct", "perpetrat", "stag", "launch")):
                if not _INCIDENT_RE.search(rest[:50]):
                    continue
            elif not re.match(r"\s+for\s+(?:the|an?|this|that|last|its|their)?\s*(?:\w+\s+){0,2}?"
                              + _INCIDENT_RE.pattern, rest, re.IGNORECASE) if "responsib" in verb \
                    else not _INCIDENT_RE.search(rest[:60]):
                continue
            if re.search(r"[.;:]|\b(?:said|says|told|and|but|which|who|while|as)\b", between):
                continue
            if any(b <= x < after.start("verb") for x, _, _ in actors):
                continue  # another actor stands between this one and the verb
            if re.search(r"\b(?:who|which|that|whom|whether|will|would|could|to|if)\b", between, re.IGNORECASE):
                continue  # "will find who carried out the attack": a question, not an attribution
            stance = not verb.startswith(("den", "reject", "disclaim"))
            if _NEG.search(between[-25:]) or re.match(r"\s*not\b", text[after.end("verb"):after.end("verb") + 5]):
                stance = not stance
        else:
            window = text[max(s_start, a - 90):a]
            by = _RESP_BY.search(window)
            blamed = _BLAMED.search(text[max(s_start, a - 40):a])
            if by is None and blamed is None:
                continue
            stance = not (by is not None and by.group("neg"))
            if blamed is not None:
                own_voice = _speaker(actors, s_start, max(s_start, a - 40) + blamed.start())
        kind, country, place, when = incidents.at(s_start, s_end, a)
        if kind not in ("attack", "incident"):
            continue
        attribution = index.attribute(a, s_start, s_end)
        if own_voice is not None and attribution.kind in ("outlet", "unnamed"):
            attribution = own_voice
        modality = "likely" if _HEDGE.search(text[max(s_start, a - 60):min(s_end, b + 60)]) else "certain"
        incident = _incident_party(kind if kind != "incident" else "attack", country, place, when,
                                   incidents.published, incidents.word if kind != "incident" else "attack")
        claim = make_claim(index, "responsibility", party, incident, stance, modality, attribution, s_start,
                           s_end, "slot:responsibility", date=when or "")
        out.append(replace(claim, date=claim.date or None, place=incidents.explicit, places=incidents.places))
    return out


def _states(index: DocIndex, incidents: _Incident, make_claim: Callable[..., Any]) -> list[Any]:
    text = index.doc.text
    out: list[Any] = []
    local = {name.casefold() for _, (_, name, _) in incidents.local_at}
    for a, b, party in index.mentions:
        if party.label != "PERSON" or party.name.casefold() in local:
            continue  # "had captured Soledar": a town the tagger took for a person
        s_start, s_end = index.sentence_bounds(a)
        found: list[tuple[str, bool, int]] = []
        for pattern in (_STATE_AFTER, _STATE_DIED):
            m = pattern.match(text, b, s_end)
            if m is not None:
                word = re.sub(r"\s+", " ", m.group("w").casefold())
                predicate, positive = _STATES[word]
                if _NEG.search(text[b:m.start("w")]) and word not in ("pleaded not guilty", "pled not guilty",
                                                                      "found not guilty"):
                    positive = not positive
                found.append((predicate, positive, m.end("w")))
                break
        verdict = _VERDICT_AFTER.match(text, b, s_end)
        if not found and verdict is not None and _FOUND_BEFORE.search(text[max(s_start, a - 30):a]):
            found.append(("guilty", verdict.group("not") is None, verdict.end()))
        if not found:
            m = _STATE_BEFORE.search(text[max(s_start, a - 70):a])
            if m is not None and not re.search(r"\b(?:who|that|which)\s+$", text[max(s_start, a - 80):a]):
                word = re.sub(r"\s+", " ", m.group("w").casefold())
                predicate, positive = _STATES[word]
                # "X killed Y": Y is the victim only when the verb is not the subject's own act on Y
                found.append((predicate, positive, b))
        for predicate, positive, until in found:
            charge = _CHARGE.match(text, until, s_end)
            obj = Party(f"charge:{charge.group('c').casefold()}", charge.group("c"), "CHARGE") if charge else None
            clause_start = max(s_start, text.rfind(";", s_start, a) + 1)
            _, modality = _modality(text, clause_start, a, until, s_end)
            attribution = index.attribute(a, s_start, s_end)
            claim = make_claim(index, predicate, party, obj if predicate in ("charged", "convicted") else None,
                               positive, modality, attribution, s_start, s_end, f"slot:{predicate}")
            out.append(claim)
    return out


def _leads(index: DocIndex, make_claim: Callable[..., Any]) -> list[Any]:
    text = index.doc.text
    out: list[Any] = []
    orgs = [(a, b, p) for a, b, p in index.mentions if p.label in ("ORG", "NORP")]
    for a, b, person in index.mentions:
        if person.label != "PERSON":
            continue
        s_start, s_end = index.sentence_bounds(a)
        org = None
        for oa, ob, party in orgs:
            if ob <= a and a - ob <= 40 and s_start <= oa and _LEADS_BEFORE.fullmatch(text[ob:a]) is not None:
                org = party
            elif ob <= a and a - ob <= 4 and re.fullmatch(r",\s*", text[ob:a]) and _ROLE_OF.search(
                    text[max(s_start, oa - 40):oa]):
                org = party  # "the emir of al Qaeda, Ayman al-Zawahiri"
            elif oa >= b and oa - b <= 60 and _LEADS_AFTER.match(text[b:oa]) is not None:
                org = party
                break
        if org is None:
            continue
        attribution = index.attribute(a, s_start, s_end)
        out.append(make_claim(index, "leads", person, org, True, "certain", attribution, s_start, s_end,
                              "slot:leads"))
    return out


def _control(index: DocIndex, incidents: _Incident, make_claim: Callable[..., Any]) -> list[Any]:
    """Who holds a place: "Russian forces captured the town of Soledar", "the Taliban entered Kabul";
    "Ukraine denied that Russian forces had captured Soledar" rejects it."""
    text = index.doc.text
    out: list[Any] = []
    local = {name.casefold() for _, (_, name, _) in incidents.local_at}
    places = sorted(((a, b, p) for a, b, p in index.mentions
                     if p.label == "GPE" or p.name.casefold() in local), key=lambda m: m[0])
    actors = _actors(index)
    for a, b, actor in actors:
        if actor.label not in ("ORG", "NORP", "GPE") or actor.name.casefold() in local:
            continue
        s_start, s_end = index.sentence_bounds(a)
        for pa, pb, place in places:
            if pa < b or pa - b > 70 or place.id == actor.id:
                continue
            m = _CONTROL.fullmatch(text[b:pa])
            if m is None:
                break
            inner = next((p for qa, _, p in places if 0 < qa - pb <= 40 and _CAPITAL_OF.fullmatch(text[pb:qa])),
                         None)
            place = inner or place  # "captured Afghanistan's capital Kabul": Kabul
            word = m.group("w").casefold()
            predicate = "entered" if word.startswith(("enter", "storm")) else "controls"
            polarity = not _NEG.search(text[b:b + m.start("w")])
            clause_start = max(s_start, text.rfind(";", s_start, a) + 1)
            _, modality = _modality(text, clause_start, a, pa, s_end)
            attribution = index.attribute(a, s_start, s_end)
            if modality == "denied":
                denier = _speaker(actors, s_start, a)
                attribution = denier if denier is not None and attribution.kind in ("outlet", "unnamed") \
                    else attribution
            out.append(make_claim(index, predicate, actor, place, polarity, modality, attribution, s_start, s_end,
                                  f"slot:{predicate}"))
            break
    return out


def slot_claims(index: DocIndex, *, make_claim: Callable[..., Any]) -> list[Any]:
    """Event-slot, status and responsibility claims of one document (see the module docstring)."""
    incidents = _Incident(index)
    claims = _count_claims(index, incidents, make_claim)
    claims += _magnitudes(index, incidents, make_claim)
    claims += _responsibility(index, incidents, make_claim)
    claims += _states(index, incidents, make_claim)
    claims += _leads(index, make_claim)
    claims += _control(index, incidents, make_claim)
    return claims

