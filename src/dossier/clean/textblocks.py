"""What scraped text carries besides chrome: page URL, date stamps, datelines, embeds, notes.

Scraped text as it really comes (``../shared/eval/news-corpus/``) opens with the page's URL
on its own line and a date stamp that shares its line with whatever came next on the page
(`` date 2020-02-29 United States and Taliban sign …``); its first paragraph opens with a
dateline ("KABUL, Oct. 3 (Reuters) -"); embedded tweets, wire photo captions and update
notes sit among the paragraphs. These rules find each of them on one line
(:class:`~dossier.clean.textrules.Line`); :mod:`dossier.clean.text` labels the lines.

The shapes follow the wire styles (AP Stylebook and Reuters datelines: "PLACE, Month Day
(Agency) -"), Twitter's embed markup as flattened to text ("— Name (@handle) May 22, 2016")
and newspapers' update and correction notes. None names an outlet or a story.
"""

from __future__ import annotations

import re
from dataclasses import replace

from dossier.clean.textrules import Line, is_prose, split_lines

__all__ = ["dateline_cut", "dateline_end", "label_blocks", "page_url", "reporting_credit", "signed_prose",
           "split_heads", "stamp_line", "tweet_rule", "tweet_text_above", "update_note", "wire_caption"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY_MONTH = rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?|\d{{1,2}}\s+{_MONTH})"
_WIRE = (r"(?:AP|AFP|Reuters|REUTERS|EFE|EPA|ANSA|dpa|DPA|UPI|TASS|Xinhua|XINHUA|Kyodo|Yonhap|"
         r"Anadolu|IRNA|ANI|PTI|IANS|Bloomberg|Getty Images|Getty|SANA|WAFA|Sputnik|CNN|BBC)")

# ---------------------------------------------------------------- head lines
_URL_LINE = re.compile(r"(?:(?:url|source|link|original(?: url)?)\s*:\s*)?(?P<url>(?:https?://|www\.)"
                       r"[^\s<>\"]+)", re.IGNORECASE)
# A date stamp opening a line: "date 2020-02-29 Title", "Published: 2021-08-15 12:30 …".
_STAMP = re.compile(r"(?:date|published|posted|updated|modified)\s*:?\s*(?:19|20)\d\d-\d\d(?:-\d\d)?"
                    r"(?:[T ]\d\d:\d\d(?::\d\d)?(?:Z|[+-]\d\d:?\d\d)?)?(?=\s+\S)", re.IGNORECASE)
# "Headline | 15 Aug 2021 | Body text …": a digest line.
_DIGEST = re.compile(r"(?P<head>[^|]{10,200}?)\s+\|\s+(?P<date>[^|]{4,30}?\d{4}|\d{4}[^|]{2,26})\s+\|\s+(?=\S)")
# A photo caption and its credit running into the next thing on the page:
# "President Donald Trump. | Chip Somodevilla/Getty Images white house Trump says …".
_INLINE_CREDIT = re.compile(rf"[^|]{{3,300}}?\s\|\s(?:[A-Z][\w.'’-]*\s){{1,3}}?[A-Z][\w.'’-]*\s?/\s?{_WIRE}"
                            r"(?: Images)?(?= \S)")
_STAMP_ALONE = re.compile(_STAMP.pattern.removesuffix(r"(?=\s+\S)"), re.IGNORECASE)
_HEAD_LINES = 5  # stamps, digests and run-on captions are looked for in the first lines only


def stamp_line(line: Line) -> bool:
    """Whether a line is nothing but a date stamp ("date 2021-08", "Published: 2020-02-29")."""
    return bool(_STAMP_ALONE.fullmatch(line.norm))


def page_url(line: Line) -> str | None:
    """The URL a line consists of ("https://…", "www.…", "URL: https://…"), or ``None``."""
    match = _URL_LINE.fullmatch(line.norm)
    return match.group("url") if match else None


def split_heads(lines: list[Line]) -> list[Line]:
    """Split the first lines where a scraper ran several page parts into one line.

    A date stamp becomes a line of its own ahead of the rest; a digest line "Headline |
    date | text" gives three lines; a caption with its credit ahead of more text gives
    two. The parts keep their offsets into the input, so segments still point at it.
    """
    out: list[Line] = []
    for i, line in enumerate(lines):
        out.extend(_split(line) if i < _HEAD_LINES else [line])
    return out


def _split(line: Line) -> list[Line]:
    for pattern in (_STAMP, _INLINE_CREDIT):
        match = pattern.match(line.text)
        if match:
            return [_part(line, 0, match.end()), *_split(_part(line, match.end(), len(line.text)))]
    match = _DIGEST.match(line.text)
    if match and len(line.text) - match.end() >= 80:
        return [_part(line, 0, match.end("head")), _part(line, match.start("date"), match.end("date")),
                _part(line, match.end(), len(line.text))]
    return [line]


def _part(line: Line, start: int, end: int) -> Line:
    """The stripped piece ``line.text[start:end]`` measured as a line of its own."""
    piece = line.text[start:end]
    measured = split_lines(piece)
    if len(measured) != 1:  # pragma: no cover - a piece of one stripped line is one line
        return line
    part = measured[0]
    return replace(part, start=line.start + start + part.start, end=line.start + start + part.end,
                   gap=line.gap if start == 0 else 0)


# ---------------------------------------------------------------- datelines
_SOURCE = r"(?:\([^()]{2,40}\)\s*:?\s*)?"  # "(The new york times): " before the place
_CAPS_PLACE = r"[A-Z][A-Z.'’-]{2,}(?:\s[A-Z][A-Z.'’-]+){0,3}"  # KABUL, NEW DELHI, ST. LOUIS
_NAME_PLACE = r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+){0,2}"  # Washington, Port Sudan
_REGION = r"(?:,\s[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,2})?"  # ", Qatar", ", Afghanistan"
_WHEN = rf"(?:,?\s(?:\w+day,?\s)?{_DAY_MONTH}(?:,?\s(?:19|20)\d\d)?)?"  # ", Oct. 3", ", June 4, 2021"
_CREDIT = r"(?:\s?\([A-Za-z][\w .&/-]{0,30}\))?"  # " (Reuters)", " (AP)"
_DATELINES = (
    re.compile(rf"{_SOURCE}{_CAPS_PLACE}{_REGION}{_WHEN}{_CREDIT}\s?(?:—|–|-{{1,2}}|:)\s+(?=[\"“‘'A-Z0-9])"),
    re.compile(rf"{_SOURCE}{_NAME_PLACE}{_REGION}{_WHEN}{_CREDIT}\s?[—–]\s+(?=[\"“‘'A-Z0-9])"),
    re.compile(rf"{_SOURCE}{_DAY_MONTH}(?:,?\s(?:19|20)\d\d)?\s?\([A-Za-z][\w .&/-]{{0,30}}\)"
               r"\s?(?:—|–|-{1,2}|:)\s+(?=[\"“‘'A-Z0-9])"),
)


def dateline_end(text: str) -> int:
    """Where a dateline opening a paragraph ends (after its dash and space), or 0.

    "KABUL, Oct. 3 (Reuters) - Gunmen …", "DOHA, Qatar — …", "Washington — …", "DOHA: …",
    "July 30 (UPI) -- …", "(The new york times): WASHINGTON — …". At least three words
    must follow: a line that is only a place and a dash is not a paragraph.

    >>> text = "KABUL, Oct. 3 (Reuters) - Gunmen attacked a checkpoint."
    >>> text[dateline_end(text):]
    'Gunmen attacked a checkpoint.'
    """
    for pattern in _DATELINES:
        match = pattern.match(text)
        if match and len(text[match.end():].split()) >= 3:
            return match.end()
    return 0


# ---------------------------------------------------------------- embeds and notes
# "— NDS Afghanistan (@NDSAfghanistan) May 22, 2016": the attribution line of an embedded tweet.
_TWEET_BY = re.compile(rf"(?:^|\s|[.!?\w/])[—–-]{{1,2}}\s*[^()\n]{{0,60}}?\s*\(@\w{{1,15}}\)\s*"
                       rf"(?:{_DAY_MONTH},?\s+(?:19|20)\d\d)\W*$")
_TWEET_LINK = re.compile(r"(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)\W*", re.IGNORECASE)
TWEET_TEXT_CHARS = 320  # a tweet's text above its attribution line is at most this long


def tweet_rule(line: Line) -> str | None:
    """"attribution" for the line that closes an embedded tweet (it may hold the tweet's
    text too), "link" for a bare pic.twitter.com / t.co link, else ``None``."""
    if "(@" in line.norm and _TWEET_BY.search(line.norm[-140:]):
        return "attribution"
    if line.words <= 4 and _TWEET_LINK.fullmatch(line.norm):
        return "link"
    return None


def tweet_text_above(line: Line, gap: int) -> bool:
    """Whether a line ``gap`` blank lines above a tweet's attribution reads as its text:
    short enough, and right above it or holding a tweet's marks (a t.co link, #, @)."""
    return len(line.norm) <= TWEET_TEXT_CHARS and (gap == 0 or gap == 1 and bool(
        re.search(r"pic\.twitter\.com/|https?://t\.co/|(?:^|\s)[#@]\w", line.norm)))


_NOTE_WORDS = 45
_UPDATE_NOTE = re.compile(
    rf"\(?(?:(?:last\s+)?updated?|update)(?:\s+(?:on|at))?\s*:?\s*(?:\d|{_MONTH}\s|\w+day\b).*|"
    r"\(?(?:this|the) (?:story|article|report|post|piece|page|copy|video|headline) (?:has been|was|had been|"
    r"is being|will be|has) (?:updated|corrected|amended|revised|changed|clarified)\b.*|"
    r"\(?(?:update|correction|clarification|editor'?s note|editors'? note)s?\s*(?:\d+\s*)?[:—–-].*|"
    r"\(?an earlier version of this (?:story|article|report|post|piece)\b.*",
    re.IGNORECASE)
_CREDITS = re.compile(r"\(?(?:additional )?(?:reporting|writing|editing|compiled|produced|"
                      r"research) by\b.*", re.IGNORECASE)


def update_note(line: Line) -> bool:
    """Whether a line is an update or correction note: "Updated at 10:45 GMT", "This story
    has been updated to …", "Correction: An earlier version …", "Editor's note: …"."""
    return line.words <= _NOTE_WORDS and bool(_UPDATE_NOTE.fullmatch(line.norm))


def reporting_credit(line: Line) -> bool:
    """Whether a line credits the reporting: "Reporting by …; Editing by …"."""
    return line.words <= _NOTE_WORDS and bool(_CREDITS.fullmatch(line.norm))


# A caption that ends in a wire's credit: "… in Kabul, 15 August 2021. EFE/EPA/STRINGER",
# "… in the Qatari capital yesterday. – AFP", "… on Saturday. Photograph: X/Reuters".
_WIRE_CAPTION = re.compile(
    rf"(?:\s|^)(?:{_WIRE}(?:[-/]{_WIRE})*(?:/[A-Z][A-Za-z.'’ -]{{1,40}})+|[–—-]\s?{_WIRE}|\({_WIRE}\))\W*$")


_SIGN_OFF = re.compile(rf"(?<=[.!?\"”’])\s*[–—-]{{1,2}}\s?{_WIRE}\W*$")


def signed_prose(line: Line) -> bool:
    """Whether a line is a paragraph ending with the wire's sign-off ("… said. –Reuters"),
    prose once the sign-off is set aside."""
    tail = line.text[-40:]
    match = _SIGN_OFF.search(tail) if line.words >= 7 else None
    if not match:
        return False
    rest = split_lines(line.text[:len(line.text) - len(tail) + match.start()])
    return len(rest) == 1 and is_prose(rest[0])


def wire_caption(line: Line) -> bool:
    """Whether a line ends with a wire agency's photo credit ("EPA-EFE/STRINGER", "– AFP").

    A body paragraph may end with the wire's sign-off too ("… in Doha. –Reuters"): the
    cleaner uses this only for lines above the body.
    """
    return line.words <= 80 and bool(_WIRE_CAPTION.search(line.norm))


# ---------------------------------------------------------------- labelling
Label = tuple[str, str]
_SETTLED = frozenset({"title", "meta", "comments", "essay"})  # kinds these rules leave alone


def label_blocks(lines: list[Line], labels: list[Label]) -> list[Label]:
    """Relabel date stamps, update notes, reporting credits, embedded tweets and the wire
    photo captions above the body; lines already labelled title, meta, comments or essay
    keep their label."""
    out = list(labels)
    for i, line in enumerate(lines):
        if out[i][0] in _SETTLED:
            continue
        if stamp_line(line):
            out[i] = ("meta", "date-stamp")
        elif update_note(line):
            out[i] = ("meta", "update-note")
        elif reporting_credit(line):
            out[i] = ("meta", "reporting-credits")
    out = _tweets(lines, out)
    # captions above the first paragraph: "… 15 August. EFE/EPA/STRINGER"; a story whose
    # only paragraph ends with the wire's sign-off keeps it
    first = next((i for i, line in enumerate(lines) if out[i][0] == "body" and not wire_caption(line)), 0)
    for i in range(first):
        if out[i][0] in ("body", "boilerplate") and wire_caption(lines[i]):
            out[i] = ("caption", "wire-credit")
    return out


def _tweets(lines: list[Line], labels: list[Label]) -> list[Label]:
    """An embedded tweet: its attribution line, the text above it, a bare pic.twitter link."""
    out = list(labels)
    for i, line in enumerate(lines):
        rule = tweet_rule(line)
        if rule is None or out[i][0] in _SETTLED:
            continue
        out[i] = ("boilerplate", "embedded-tweet" if rule == "attribution" else "embedded-tweet-link")
        if rule != "attribution" or not re.match(r"[—–-]", line.norm):
            continue  # the tweet's text is on the attribution's own line
        chars, j = 0, i - 1
        # the line right above; more lines only while they are short (a tweet's line breaks)
        while (j >= 0 and out[j][0] in ("body", "boilerplate") and tweet_text_above(lines[j], lines[j + 1].gap)
               and chars + len(lines[j].norm) <= TWEET_TEXT_CHARS and (j == i - 1 or len(lines[j].norm) <= _TWEET_LINE)
               and (j == i - 1 or len(lines[j + 1].norm) <= _TWEET_LINE)):
            out[j] = ("boilerplate", "embedded-tweet-text")
            chars += len(lines[j].norm)
            if lines[j + 1].gap:
                break
            j -= 1
    return out


_TWEET_LINE = 80  # a tweet written over several lines has short ones


def dateline_cut(lines: list[Line], labels: list[Label]) -> dict[int, int]:
    """{line index: where its dateline ends} for the first body paragraph, when it opens
    with one ("KABUL, Oct. 3 (Reuters) - …"): the dateline is metadata, the rest body."""
    first = next((i for i, (kind, _) in enumerate(labels) if kind == "body"), None)
    if first is None:
        return {}
    end = dateline_end(lines[first].text)
    return {first: end} if end else {}
