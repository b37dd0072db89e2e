"""Name normalisation for cross-document entity resolution.

One function, :func:`normalise_name`, turns a name as written into a comparison key, in
fixed steps (each a table below, each tested in ``tests/resolve/test_normalise.py``):

1. Unicode: NFKD with combining marks dropped ("Çavuşoğlu" → "cavusoglu"), letters NFKD
   does not split (ø, ł, ı, đ, ß) mapped, curly quotes and dashes unified, casefolded.
2. Punctuation: a trailing possessive ("Taliban's") and a leading "the" go; dots go
   ("U.S." → "us", "Gen." → "gen"); hyphens and slashes become spaces.
3. Particles: the Arabic article "al"/"el" before a name ("al-Qaeda", "Ayman al-Zawahiri",
   "Al Jazeera") is dropped, except as the first word of a two-word person name ("Al Gore").
4. Transliteration variants (:data:`TRANSLITERATIONS`): Qaida/Qa'ida/Qaeda → qaeda,
   Mohammed/Muhammad/… → muhammad, Usama → osama, Taleban → taliban, and a few more: the
   spellings the Library of Congress and AP romanisations alternate between.
5. Persons only: leading titles and honorifics (:data:`TITLES`: President, Lt Gen,
   Secretary of State, Mullah, Sheikh, Dr…) and trailing generational suffixes (Jr., III).
6. Groups of people (NORP) lose a plural "s" ("Afghans" → "afghan").
7. Countries (GPE/LOC): a short alias table (:data:`COUNTRY_ALIASES`) maps "US", "U.S.",
   "USA", "America", "United States of America" → "united states", and so on.

Keys stay readable (they name groups and, through them, cluster ids). Two looser views are
compared by the rules, never stored as keys:

* :func:`romanise`: one word's romanisation skeleton, for the vowel and doubling choices
  transliterations alternate between (Mansoor/Mansour/Mansur → "mansur", Omar/Umar,
  Hekmatyar/Hikmatyar, Zalmay/Zalmai, Sadeeq/Sadiq); not a table of names.
* :func:`place_core`: a place name without its generic head ("Logar province" → "logar").

Example::

    >>> normalise_name("Al-Qa'ida's", "ORG")
    'qaeda'
    >>> normalise_name("Lt. Gen. Kenneth F. McKenzie Jr.", "PERSON")
    'kenneth f mckenzie'
"""

from __future__ import annotations

import functools
import re
import unicodedata

from dossier.extract.roles import HONORIFICS, TITLE_WORDS

__all__ = ["COUNTRY_ALIASES", "ORG_HEADS", "PLACE_HEADS", "TITLES", "TRANSLITERATIONS", "acronym_keys", "fold",
           "is_acronym", "name_tokens", "normalise_name", "place_core", "romanise", "same_word"]

_LETTERS = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D", "ß": "ss",
                          "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE",
                          "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                          "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u02bb": "'", "`": "'", "\u00b4": "'"})

#: Token → canonical token: romanisation variants of the same Arabic/Persian/Pashto word.
TRANSLITERATIONS: dict[str, str] = {
    **dict.fromkeys(("qaida", "qa'ida", "qaeda", "qa'eda", "qaedah"), "qaeda"),
    **dict.fromkeys(("mohammed", "mohammad", "muhammad", "muhammed", "mohamed", "mohamad", "muhammet",
                     "mohamud"), "muhammad"),
    **dict.fromkeys(("usama", "osama"), "osama"),
    **dict.fromkeys(("taleban", "taliban"), "taliban"),
    **dict.fromkeys(("hizb", "hezb"), "hezb"),
    **dict.fromkeys(("hezbollah", "hizbollah", "hizbullah", "hizballah"), "hezbollah"),
    **dict.fromkeys(("yusuf", "yousuf", "yousef", "yousif", "yusef"), "yusuf"),
    **dict.fromkeys(("hussein", "hussain", "husain", "husayn"), "hussein"),
    **dict.fromkeys(("abdel", "abdul", "abdal"), "abdul"),
    **dict.fromkeys(("mujahideen", "mujahedeen", "mujahedin", "mujahidin"), "mujahideen"),
}

#: Words that open a person's name as written but are not part of it (lowercase, no dots).
TITLES = frozenset({w.rstrip(".") for w in TITLE_WORDS | HONORIFICS} | {
    "lt", "gen", "maj", "col", "brig", "capt", "adm", "sgt", "cpl", "pvt", "rear", "vice", "field", "marshal",
    "ambassador", "envoy", "secretary", "minister", "premier", "chairman", "director", "spokesman", "senator",
    "rep", "representative", "sen", "gov", "prof", "professor", "dr", "mr", "mrs", "ms", "mullah", "mawlawi",
    "maulvi", "maulana", "mufti", "sheikh", "shaikh", "sheik", "qari", "haji", "hajji", "sayed", "sayyid",
    "emir", "amir", "king", "prince", "crown", "pope", "rev", "reverend", "father", "imam", "ayatollah",
    "special", "acting", "former", "late", "deputy", "foreign", "defence", "defense", "interior", "prime",
    "general", "president", "vice-president",
})
_TITLE_OF = re.compile(r"^(secretary|minister|ministry) of (state|defen[cs]e|foreign affairs|the interior|interior)\s+")
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})
_PARTICLES = frozenset({"al", "el"})
_LEADING_ARTICLES = frozenset({"the"})
_POSSESSIVE = re.compile(r"'s?$")

#: Country names and the aliases news uses for them (normalised → canonical normalised).
COUNTRY_ALIASES: dict[str, str] = {
    **dict.fromkeys(("us", "usa", "united states", "united states of america", "america"), "united states"),
    **dict.fromkeys(("uk", "britain", "great britain", "united kingdom"), "united kingdom"),
    **dict.fromkeys(("uae", "united arab emirates", "emirates"), "united arab emirates"),
    **dict.fromkeys(("russia", "russian federation"), "russia"),
    **dict.fromkeys(("china", "prc", "people's republic of china", "peoples republic of china"), "china"),
    **dict.fromkeys(("ussr", "soviet union"), "soviet union"),
    **dict.fromkeys(("iran", "islamic republic of iran"), "iran"),
    **dict.fromkeys(("pakistan", "islamic republic of pakistan"), "pakistan"),
    **dict.fromkeys(("turkey", "turkiye"), "turkey"),
}
_PLACE_LABELS = frozenset({"GPE", "LOC"})
_ACRONYM_STOP = frozenset({"of", "the", "and", "for", "in", "on", "to", "de", "du", "des", "a", "an", "&"})
_ACRONYM_JOINERS = frozenset({"i", "e", "ul", "ud", "ut", "wal", "al", "el"})


@functools.lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Unicode-fold a name: no diacritics, unified dashes and apostrophes, casefolded, one space."""
    text = unicodedata.normalize("NFKD", text.translate(_LETTERS))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().split())


@functools.lru_cache(maxsize=1 << 18)
def is_acronym(text: str) -> bool:
    """True for names written as an acronym: "ISKP", "U.S.", "ISIS-K", "R&AW" (2–8 capitals)."""
    letters = [c for c in text if c.isalpha()]
    pieces = [sum(c.isalpha() for c in p) for p in text.split("-")]
    if len(pieces) > 1 and min(pieces) >= 2 and max(pieces) >= 5:
        return False  # "AL-QAEDA" is a word in capitals, "ISIS-K" and "IS-KP" are acronyms
    return 2 <= len(letters) <= 8 and all(c.isupper() for c in letters) and " " not in text.strip()


_DOTTED = re.compile(r"\b(?:[a-z]\.){2,}")


def _words(name: str) -> list[str]:
    text = fold(name)
    if is_acronym(name):
        return ["".join(c for c in text if c.isalnum())]
    text = _DOTTED.sub(lambda m: m.group(0).replace(".", "") + " ", text)
    text = _POSSESSIVE.sub("", text.strip())
    text = text.replace(".", " ").replace("-", " ").replace("/", " ").replace("'", "'")
    text = re.sub(r"[^\w' &]+", " ", text)
    words = [w.strip("'") for w in text.split()]
    return [w for w in words if w]


def _strip_titles(words: list[str]) -> list[str]:
    joined = " ".join(words)
    match = _TITLE_OF.match(joined + " ")
    if match and len(joined) > match.end():
        words = joined[match.end():].split()
    while len(words) > 1 and words[0] in TITLES:
        words = words[1:]
    while len(words) > 1 and words[-1] in _SUFFIXES:
        words = words[:-1]
    return words


#: Abbreviated and British spellings of generic words in place and organisation names
#: ("Mt Cook" / "Mount Cook", "Promises Treatment Centre" / "Center").
_SPELLINGS = {"mt": "mount", "mtn": "mountain", "ft": "fort", "centre": "center", "theatre": "theater"}


@functools.lru_cache(maxsize=1 << 18)
def name_tokens(name: str, label: str = "") -> tuple[str, ...]:
    """The normalised words of a name (see the module docstring for the steps)."""
    words = _words(name)
    if len(words) > 1 and words[0] in _LEADING_ARTICLES:
        words = words[1:]
    if label == "PERSON":
        words = _strip_titles(words)
    person_first = label == "PERSON" and len(words) == 2
    kept = [w for i, w in enumerate(words)
            if not (w in _PARTICLES and i + 1 < len(words) and not (i == 0 and person_first))]
    words = [TRANSLITERATIONS.get(w, w) for w in kept] or words
    if label != "PERSON":
        words = [_SPELLINGS.get(w, w) for w in words]
    if label == "NORP" and words and len(words[-1]) > 4 and words[-1].endswith("s") and not words[-1].endswith("ss"):
        words = [*words[:-1], words[-1][:-1]]
    return tuple(words)


@functools.lru_cache(maxsize=1 << 18)
def normalise_name(name: str, label: str = "") -> str:
    """The comparison key of a name of type ``label`` (an OntoNotes label, or "" for any)."""
    key = " ".join(name_tokens(name, label))
    if label in _PLACE_LABELS:
        key = COUNTRY_ALIASES.get(key, key)
    return key


@functools.lru_cache(maxsize=1 << 18)
def acronym_keys(name: str) -> frozenset[str]:
    """The acronyms a multi-word name may be abbreviated to (lowercase letters).

    "Islamic State Khorasan Province" → {"iskp"}; "al-Qaeda in the Indian Subcontinent" →
    {"aqis", "aqitis", "qis", …}; "Tehrik-i-Taliban Pakistan" → {"ttp", "titp"}. A name that
    is itself an acronym gives its letters: "ISIS-K" → {"isisk"}.
    """
    if is_acronym(name):
        return frozenset({"".join(c for c in fold(name) if c.isalpha())})
    words = [w for w in re.split(r"[\s\-]+", fold(name).replace(".", "")) if any(c.isalpha() for c in w)]
    words = [w for w in words if w not in _LEADING_ARTICLES] if len(words) > 2 else words
    if len(words) < 2:
        return frozenset()
    keys = set()
    for skip_stop in (True, False):
        for skip_join in (True, False):
            kept = [w for w in words
                    if not (skip_stop and w in _ACRONYM_STOP) and not (skip_join and w in _ACRONYM_JOINERS)]
            if len(kept) >= 2:
                keys.add("".join(w[0] for w in kept if w[0].isalpha()))
    return frozenset(keys)


_VOWELS = frozenset("aeiou")
_VOWEL_CLASS = str.maketrans({"e": "i", "o": "u"})
_MIN_ROMANISED = 4  # shorter words compare exactly ("Li"/"Lee", "Ben"/"Bin")


@functools.lru_cache(maxsize=1 << 18)
def romanise(word: str) -> str:
    """The romanisation skeleton of one normalised word: apostrophes dropped, e/i and o/u
    merged, a "y" that is not a consonant (before another consonant or at the end) read as
    "i", doubled letters single.

    >>> [romanise(w) for w in ("mansoor", "mansour", "mansur", "omar", "umar", "zalmay", "zalmai")]
    ['mansur', 'mansur', 'mansur', 'umar', 'umar', 'zalmai', 'zalmai']

    Words shorter than four letters are returned unchanged; "mahmoud" ("mahmud") and
    "mohammed" ("muhamid") stay apart, and so do "hamid" and "ahmad".
    """
    if len(word) < _MIN_ROMANISED or not word.isalpha() and "'" not in word:
        return word
    letters = word.replace("'", "").translate(_VOWEL_CLASS)
    chars = [("i" if c == "y" and i and (i + 1 == len(letters) or letters[i + 1] not in _VOWELS) else c)
             for i, c in enumerate(letters)]
    out: list[str] = []
    for c in chars:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def same_word(x: str, y: str) -> bool:
    """Two normalised words are the same word, up to romanisation (:func:`romanise`)."""
    return x == y or (len(x) >= _MIN_ROMANISED and len(y) >= _MIN_ROMANISED and romanise(x) == romanise(y))


#: Generic heads a place is named with or without ("Logar province", "Kunar valley"). Not "city"
#: or "state": "Kuwait City" and "Washington State" are other places than "Kuwait" and "Washington".
#: Generic last words of organisation and facility names: a name ending in one is no short form
#: of a longer one ("Bank" of "Marfin Bank", "Party", "Stadium").
ORG_HEADS = frozenset({
    "agency", "airlines", "airport", "airways", "army", "association", "bank", "board", "center", "church", "club",
    "college", "command", "commission", "committee", "company", "conference", "congress", "corp", "corporation",
    "council", "court", "department", "force", "forces", "foundation", "fund", "government", "group", "guard",
    "hospital", "hotel", "house", "inc", "institute", "jail", "journal", "league", "ltd", "ministry", "motel",
    "navy", "network", "news", "office", "park", "party", "police", "post", "prison", "school", "senate",
    "service", "society", "stadium", "station", "street", "team", "times", "union", "unit", "united",
    "university"})
PLACE_HEADS = frozenset({"province", "district", "town", "village", "county", "region", "valley",
                         "governorate", "prefecture", "oblast"})


@functools.lru_cache(maxsize=1 << 16)
def place_core(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """A place's normalised words without a trailing generic head ("Logar province" → ("logar",)),
    or with no change when nothing would be left ("the province") or the head is not generic."""
    if len(tokens) >= 2 and tokens[-1] in PLACE_HEADS:
        core = tokens[:-1]
        if len(core) >= 2 and core[-1] == "of":  # "city of Kandahar" stays as written
            return tokens
        return core
    if len(tokens) >= 3 and tokens[0] in PLACE_HEADS and tokens[1] == "of":  # "province of Logar"
        return tokens[2:]
    return tokens
