"""Numbers written in news text: digits, number words, magnitudes, fractions, and the lexicons
the quantities extractor reads them with.

Pure functions over strings; :mod:`dossier.extract.quantities` decides which tokens to feed in.

>>> parse_number(["two", "and", "a", "half", "million"])
2500000.0
>>> parse_number(["13,000"])
13000.0
"""

from __future__ import annotations

import re

__all__ = [
    "ABBREVIATED_MAGNITUDES",
    "COLLECTIVES",
    "CURRENCY_NOUNS",
    "CURRENCY_SYMBOLS",
    "FRACTIONS",
    "MAGNITUDES",
    "MEASURES",
    "MONTHS",
    "QUALIFIERS",
    "SMALL",
    "SUFFIX_QUALIFIERS",
    "TIME_UNITS",
    "VAGUE",
    "digit_value",
    "parse_number",
    "plural",
]

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

SMALL: dict[str, int] = {word: i for i, word in enumerate(_UNITS)}
SMALL.update({word: 20 + 10 * i for i, word in enumerate(_TENS)})
SMALL.update({f"{tens}-{unit}": SMALL[tens] + SMALL[unit] for tens in _TENS for unit in _UNITS[1:10]})

# Words that multiply what precedes them. "lakh" and "crore" are Indian English (our corpus has
# Indian outlets); "bn"/"mn"/"m"/"k" only count directly after digits (see quantities._suffix_mag).
MAGNITUDES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "lakh": 1e5, "crore": 1e7, "dozen": 12.0,
}
ABBREVIATED_MAGNITUDES: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
}

# Fraction words: "half of the country", "two-thirds", "a quarter of".
FRACTIONS: dict[str, float] = {
    "half": 1 / 2, "halves": 1 / 2, "third": 1 / 3, "thirds": 1 / 3, "quarter": 1 / 4,
    "quarters": 1 / 4, "fourth": 1 / 4, "fourths": 1 / 4, "fifth": 1 / 5, "fifths": 1 / 5,
    "tenth": 1 / 10, "tenths": 1 / 10,
}

# Vague amounts and the value we give them: the conventional floor. ACLED's codebook
# (2019, "Fatalities") codes "dozens" as 12 and "hundreds" as 100 when no figure is given;
# we extend that to the other magnitude plurals. "several", "a few", "a handful" get 3.
# The qualifier "vague" tells consumers the value is a floor, not a count.
VAGUE: dict[tuple[str, ...], float] = {
    ("dozens",): 12.0, ("tens",): 10.0, ("scores",): 20.0, ("hundreds",): 100.0, ("thousands",): 1e3,
    ("tens", "of", "thousands"): 1e4, ("hundreds", "of", "thousands"): 1e5, ("millions",): 1e6,
    ("tens", "of", "millions"): 1e7, ("hundreds", "of", "millions"): 1e8, ("billions",): 1e9,
    ("several",): 3.0, ("a", "few"): 3.0, ("a", "handful"): 3.0,
}

# Words before a number and the qualifier they give it (longest match wins).
QUALIFIERS: dict[tuple[str, ...], str] = {
    **{(w,): "approx" for w in ("nearly", "almost", "about", "roughly", "around", "approximately",
                                "some", "estimated", "circa", "ca.", "approx.")},
    ("an", "estimated"): "approx", ("close", "to"): "approx", ("more", "or", "less"): "approx",
    ("a", "couple", "of"): "approx",
    **{(w,): "lower" for w in ("over", "above")},
    ("more", "than"): "lower", ("at", "least"): "lower", ("upwards", "of"): "lower",
    ("in", "excess", "of"): "lower", ("just", "over"): "lower", ("no", "fewer", "than"): "lower",
    ("no", "less", "than"): "lower", ("a", "minimum", "of"): "lower", ("well", "over"): "lower",
    ("north", "of"): "lower",
    **{(w,): "upper" for w in ("under", "below")},
    ("up", "to"): "upper", ("less", "than"): "upper", ("fewer", "than"): "upper",
    ("at", "most"): "upper", ("as", "many", "as"): "upper", ("as", "much", "as"): "upper",
    ("no", "more", "than"): "upper", ("a", "maximum", "of"): "upper", ("just", "under"): "upper",
    ("not", "more", "than"): "upper",
}
# Words after a number: "5,000 or so", "100-plus", "5,000+", "20 or more".
SUFFIX_QUALIFIERS: dict[tuple[str, ...], str] = {
    ("or", "so"): "approx", ("+",): "lower", ("-", "plus"): "lower", ("plus",): "lower",
    ("or", "more"): "lower",
}

CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "¥": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "a$": "AUD", "c$": "CAD",
    "hk$": "HKD", "afn": "AFN", "rub": "RUB", "₽": "RUB", "pkr": "PKR",
}
CURRENCY_NOUNS: dict[str, str] = {
    "dollar": "USD", "euro": "EUR", "sterling": "GBP", "rupee": "INR", "afghani": "AFN",
    "ruble": "RUB", "rouble": "RUB", "yuan": "CNY", "renminbi": "CNY", "yen": "JPY", "riyal": "SAR",
    "lira": "TRY",
}

# Measurement words after a number and their normalised unit.
MEASURES: dict[str, str] = {
    "km": "km", "kms": "km", "kilometre": "km", "kilometer": "km", "kilometres": "km",
    "kilometers": "km", "mile": "miles", "miles": "miles", "metre": "m", "meter": "m",
    "metres": "m", "meters": "m", "feet": "ft", "foot": "ft", "ft": "ft", "kg": "kg",
    "kilogram": "kg", "kilograms": "kg", "kilos": "kg", "tonne": "tonnes", "tonnes": "tonnes",
    "ton": "tons", "tons": "tons", "acre": "acres", "acres": "acres", "hectare": "ha",
    "hectares": "ha", "litre": "litres", "litres": "litres", "liter": "litres",
    "liters": "litres", "barrel": "barrels", "barrels": "barrels", "gallon": "gallons", "gallons": "gallons",
    "inch": "in", "inches": "in", "cm": "cm", "mm": "mm", "mph": "mph", "kph": "km/h", "hp": "hp",
    "horsepower": "hp", "mw": "MW", "gw": "GW", "kw": "kW", "gb": "GB", "tb": "TB", "mb": "MB",
}

# Units of time: a number counting these is a duration ("16 months"), not a count.
TIME_UNITS = frozenset({
    "second", "minute", "hour", "day", "week", "fortnight", "month", "year", "decade", "century",
    "millennium", "yr", "yrs", "hr", "hrs", "min", "mins", "sec", "secs", "night", "weekend",
    "year-old", "month-old", "day-old", "week-old",
})

MONTHS = frozenset({
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "jan.", "feb.", "mar.", "apr.", "jun.", "jul.", "aug.", "sep.",
    "sept.", "oct.", "nov.", "dec.",
})

_DIGITS = re.compile(r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+")
_DIGITS_MAG = re.compile(r"((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(k|m|mn|mln|bn|b|bln|tn|trn)", re.I)
_IRREGULAR = {"person": "people", "man": "men", "woman": "women", "child": "children",
              "police": "police", "personnel": "personnel", "staff": "staff", "people": "people",
              "militia": "militia", "crew": "crew", "aircraft": "aircraft", "sheep": "sheep",
              "foot": "feet", "life": "lives", "wife": "wives", "knife": "knives", "datum": "data"}
_NOT_MAN = frozenset({"human", "german", "roman", "shaman", "talisman", "caiman", "ottoman", "romans"})
# Nouns that count in the singular ("12 police", "200 personnel").
COLLECTIVES = frozenset({"police", "personnel", "staff", "crew", "people", "militia", "infantry", "cavalry",
                         "livestock", "cattle", "deer", "sheep", "fish", "aircraft", "artillery", "clergy"})


def digit_value(text: str) -> float | None:
    """The value of a token written in digits ("13,000", "1.5", "2.5bn"), or None.

    >>> digit_value("2.5bn")
    2500000000.0
    """
    if _DIGITS.fullmatch(text):
        return float(text.replace(",", ""))
    match = _DIGITS_MAG.fullmatch(text)
    if match:
        return float(match.group(1).replace(",", "")) * ABBREVIATED_MAGNITUDES[match.group(2).lower()]
    return None


def parse_number(words: list[str]) -> float | None:
    """The value of a run of number words and digits, or None if it does not read as one number.

    Handles "1.5 million", "a dozen", "one hundred and twenty", "two and a half million",
    "twenty - four" (hyphen tokens). Words are matched case-insensitively.
    """
    total, current, seen = 0.0, 0.0, False
    i, lowered = 0, [w.lower() for w in words]
    while i < len(lowered):
        word = lowered[i]
        if word in ("a", "an") and i + 1 < len(lowered) and lowered[i + 1] in MAGNITUDES:
            current, seen = 1.0, True
        elif word in ("-", "and") and seen:
            if lowered[i + 1:i + 3] == ["a", "half"]:
                current += 0.5
                i += 2
        elif word in SMALL:
            current, seen = current + SMALL[word], True
        elif (value := digit_value(word)) is not None:
            current, seen = current + value, True
        elif word in MAGNITUDES and seen:
            mag = MAGNITUDES[word]
            if mag < 1000:
                current = (current or 1.0) * mag
            else:
                total, current = total + (current or 1.0) * mag, 0.0
        else:
            return None
        i += 1
    return total + current if seen else None


def plural(lemma: str, tag: str, text: str) -> str:
    """The plural form we use as a unit name: "member" → "members", "person" → "people".

    Proper nouns keep their case ("Afghans", "Marines"); common nouns are lower-cased.
    """
    if tag in ("NNS", "NNPS"):
        return text if tag == "NNPS" else text.lower()
    if tag == "NNP":
        return text if text.endswith(("s", "ese", "sh", "ch", "i")) else text + "s"
    word = lemma.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("man") and word not in _NOT_MAN:
        return word[:-3] + "men"  # policeman, gunman, chairman
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and len(word) > 1 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"
