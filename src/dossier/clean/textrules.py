"""Line-level rules for cleaning scraped plain text (used by :mod:`dossier.clean.text`).

A scraped page arrives as lines: navigation, the headline, bylines, captions, the body,
share bars, related links, comments. This module measures each non-blank line
(:func:`split_lines`) and names the chrome patterns it matches (:func:`chrome_rule`).
The ideas come from jusText (Pomikálek 2011: length and stopword density decide what is
prose) with punctuation and sentence shape standing in for link density, which plain text
does not have.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

__all__ = ["Line", "caption_rule", "chrome_rule", "comments_rule", "credit_rule", "is_prose",
           "repeated_texts", "separator_rule", "split_lines"]

_TOKEN = re.compile(r"\w+")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
_SENT_END = re.compile(r"[.!?…。！？][\"'”’»)\]]*$|[.!?][\"”’»]?\s*\(\w[^()]*\)$")
_INNER_SENT = re.compile(r"[a-z0-9%)\"”’][.!?][\"”’]?\s+[\"“‘(]?[A-Z]|[。！？]"
                         r"|[\u0590-\u08ff\u0900-\u0dff][.!?؟۔]\s+[\u0590-\u08ff\u0900-\u0dff]")  # caseless scripts

# Function words of the languages seen in scraped news (en, de, fr, es, it, pt, nl, id, ru, and
# uk, tr, ar, fa, ur, ps: without theirs a Ukrainian or Arabic article read as all boilerplate).
STOPWORDS = frozenset([
    # en
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has", "have",
    "he", "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "like", "may",
    "more", "most", "my", "no", "not", "of", "on", "one", "only", "or", "other", "our", "out",
    "over", "said", "she", "so", "some", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "up", "us", "was", "we", "were", "what", "when",
    "which", "while", "who", "will", "with", "would", "you", "your",
    # de
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "zu", "von", "im", "auf", "für",
    "sich", "ein", "eine", "dem", "des", "auch", "es", "als", "wie",
    # fr
    "le", "la", "les", "des", "et", "est", "du", "une", "dans", "pour", "que", "qui", "pas", "sur",
    "au", "avec", "il", "elle", "sont", "ce",
    # es
    "el", "los", "las", "que", "y", "en", "un", "una", "por", "con", "para", "del", "al", "se",
    "es", "lo", "su", "como", "más", "pero",
    # it
    "di", "che", "è", "per", "non", "della", "dei", "gli", "il", "un", "una", "sono", "con", "da",
    "si",
    # pt
    "de", "da", "em", "um", "uma", "os", "não", "com", "do", "na", "ao", "mais", "como", "mas",
    "foi", "ele", "ela", "são",
    # nl
    "het", "een", "van", "en", "is", "niet", "op", "te", "dat", "voor", "met", "zijn",
    # id
    "yang", "dan", "ini", "itu", "dengan", "untuk", "dari", "ke", "tidak", "di", "ada", "akan",
    # ru
    "и", "в", "не", "на", "что", "с", "по", "как", "это", "он", "она", "из", "к", "но", "за", "то",
    "же", "от", "для",
    # uk
    "і", "й", "у", "що", "з", "із", "до", "як", "це", "він", "вона", "від", "про", "та", "але", "після",
    "його", "її", "їх", "вже", "які", "який", "яка",
    # tr
    "ve", "bir", "bu", "için", "ile", "olarak", "daha", "çok", "gibi", "ama", "kadar", "sonra", "olan",
    "göre", "ise", "veya",
    # ar
    "في", "من", "على", "إلى", "عن", "أن", "التي", "الذي", "مع", "هذا", "هذه", "كان", "قد", "بعد", "لا",
    "ما", "أو", "قال", "وقال", "منذ", "بين", "كما", "وفي",
    # fa
    "و", "در", "به", "از", "که", "این", "را", "با", "است", "برای", "آن", "یک", "بر", "هم", "شد", "می",
    "کرد", "های", "شده",
    # ur
    "کے", "کی", "میں", "ہے", "اور", "سے", "کو", "نے", "کا", "پر", "ہیں", "یہ", "کہ", "تھا", "گیا", "بھی",
    "ایک",
    # ps
    "د", "په", "او", "چې", "له", "ته", "دا", "کې", "یې", "شوي", "دي", "سره",
])

# Whole-line chrome: the line is (almost) nothing but one of these. Order matters: the
# first alternative that matches names the rule.
_CHROME_RULES: tuple[tuple[str, str], ...] = (
    ("share", (r"(?:share|tweet|e-?mail|print|pin|save|copy link|whatsapp|facebook|twitter|"
               r"linkedin|reddit|pinterest|telegram|flipboard|messenger|sms)(?: (?:this|on|via|"
               r"to|it|article|story|post|page|link|email|facebook|twitter|other sites|[0-9]+))*"
               r"|share (?:this|the) (?:post|article|story|page)\b.*|link to (?:post|comment)"
               r"|share on other sites|(?:[a-z]+ )?font size.*|aa font.*|text size.*")),
    ("subscribe", (r".*\b(?:subscrib\w*|newsletters?|sign up for|sign up to|unsubscribe|"
                   r"inbox|e-?mail alerts?)\b.*")),
    ("sign-in", (r"(?:sign|log) ?(?:in|out|up)\b.*|register\b.*|create (?:an |new )?account.*|"
                 r"already have an account.*|you need to be a member.*|my account|forgot "
                 r"(?:your )?password.*|create new\W*|no registered users.*|recently browsing.*")),
    ("cookie", (r".*\b(?:cookies?|privacy (?:policy|notice|settings)|terms (?:of|and) "
                r"(?:use|service|conditions)|ad ?choices|do not sell)\b.*")),
    ("copyright", r"(?:©|\(c\)|copyright\b).*|.*\ball rights reserved\b.*"),
    ("related", (r"(?:related|see also|read (?:more|next|also)|also read|more (?:from|on|about|"
                 r"stories|news|articles)|recommended|most (?:popular|read|viewed|shared)|"
                 r"trending|popular|you (?:may|might) (?:also )?(?:like|enjoy)|don'?t miss|"
                 r"we think these .*|.*\b(?:might|may) interest you|you may be interested.*|"
                 r"further reading|top stories|latest|editor'?s picks?|what to read next|"
                 r"full article|continue reading|keep reading|view (?:all|more)|load more|"
                 r"show more|next (?:article|story|post)|previous (?:article|story|post)|"
                 r"story timeline|topics|tags|filed under|categories)\b.*")),
    ("advertisement", (r"(?:advertisement|advertising|sponsored(?: content)?|ad|ads|"
                       r"promoted|paid (?:post|content)|partner content|story continues below.*|"
                       r"continue reading (?:the )?main story|article continues below.*)\W*")),
    ("navigation", (r"(?:back to (?:top|gallery|home)\b.*|jump to .*|skip to .*|return to top|"
                    r"menu|home|search|close|open|toggle.*|navigation|previous|next|more|"
                    r"go to .*|click (?:here|to) .*|to change colou?r scheme.*|rate this \w+|"
                    r"recommended posts|follow us.*|follow\b.*|sections|expand|collapse|"
                    r"image \d+ of \d+|\d+ of \d+|caption|enlarge.*|"
                    r"(?:[a-z]+ )?logo|listen(?: to (?:this )?(?:article|story))?.*|"
                    r"\d+ min(?:ute)?s? read|reading time.*|loading.*|play video.*|"
                    r"watch(?: the)? video.*|photo gallery|gallery|video|photos)\W*")),
)
_CHROME = re.compile(r"(?:close\W*(?:x\W+)?)?(?:" + "|".join(
    f"(?P<{name.replace('-', '_')}>{pattern})" for name, pattern in _CHROME_RULES) + ")",
    re.IGNORECASE)
# Teasers that may run long: "See also  The West Misled the Public on …".
_TEASER = re.compile(r"(?:see also|read (?:more|next|also)|also read|related(?: stories| articles"
                     r"| posts| content)?|recommended|more from|watch|listen)\b\W.*",
                     re.IGNORECASE)

# A comment section starts here: everything after it is reader comments.
_COMMENTS = re.compile(
    r"\W*(?:\d+\s+|top rated |newest |oldest |all |reader )?(?:comments?|responses?|replies|"
    r"reactions?)\b(?: \(\d+\))?(?! (?:are|is|were|was|and|to|from)\b).{0,40}|"
    r".{0,40}\b\d+ (?:comments?|responses?|replies)\b.{0,60}|[\w .'’-]{1,40} (?:says|said|wrote):|"
    r"(?:leave|post|add|write|submit|view|show|read|load|hide|join)(?: all)? (?:a |the |your |\d+ )?"
    r"(?:comments?|reply|replies|discussion|conversation|response)\b.*|"
    r"no comments?(?: yet| on\b.*)?|reply|share this post|conversation|"
    r"discussion(?: \(\d+\))?|notify of.*|\d+ thoughts on .*|one thought on .*|"
    r"what do you think\??|have your say.*|comments are closed.*|"
    r"you must be logged in to post a comment.*|be the first to comment.*",
    re.IGNORECASE)

# Photo credits and captions: "Allauddin Khan/AP", "Photo: AFP", "Getty Images".
_AGENCY = (r"(?:AP|AFP|Reuters|Getty(?: Images)?|EPA|Shutterstock|iStock|Xinhua|Bloomberg|"
           r"Alamy|PA|ANI|PTI|IANS|UPI|TASS|Sputnik|WireImage|NurPhoto|Anadolu)")
_CAPTION = re.compile(
    rf"(?:[\w.'’ -]{{2,40}}/{_AGENCY}(?: Images| Photo)?(?: via Getty Images)?|"
    rf"{_AGENCY} ?/ ?[\w.'’ -]{{2,40}}|"
    rf".*\b(?:photo|photograph|image|picture|pic|credit|source|courtesy|file photo)s?"
    rf"(?: credit)?\s*(?::|by|\.\.\.)\s*[\w .,'’/&()@-]{{2,60}}|"
    rf".*\({_AGENCY}[^()]*\)|.*\bGetty Images\b.*|.*\((?:AP|AFP|Reuters) Photo[^()]*\)|"
    rf"(?:AP|AFP|Reuters|EPA|Getty) (?:photo|file photo)\b.*|.+\s[-–|]\s*©.*)\W*",
    re.IGNORECASE)
_CAPTION_HINTS = ("/", "©", "(", "photo", "image", "picture", "pic", "credit", "source",
                  "courtesy", "getty", "file")
# A caption that ends a longer line: "… ahead of 9/11 attacks. Photo: AFP".
_CREDIT_END = re.compile(
    rf"(?:\b(?:photo|photograph|image|picture|credit|file photo)s?(?: credit)?\s*(?::|by)\s*"
    rf"[\w .,'’/&@-]{{2,50}}|/{_AGENCY}(?: Images| Photo)?|\({_AGENCY} Photo[^()]*\)|"
    rf"\bGetty Images)\W*$", re.IGNORECASE)
# A line that is nothing but a credit: "Photo: Yusuf Haidari / Frontier Wire", "Image: pool
# photographer via …", "Credit: …", "Allauddin Khan/AP", "REUTERS/Kevin Lamarque",
# "(Getty Images)". The line next to it is the picture's caption.
_BARE_CREDIT = re.compile(
    rf"\(?(?:(?:photo(?:graph)?|image|picture|pic|credit)s?(?: credits?)?\s*(?::|by)\s*"
    rf"[^.!?;]{{2,80}}|[\w.'’ -]{{2,40}} ?/ ?{_AGENCY}(?: Images| Photo)?(?: via Getty Images)?|"
    rf"{_AGENCY} ?/ ?[\w.'’ -]{{2,40}}|{_AGENCY} (?:Photo|Images)(?: via [\w.'’ -]{{2,30}})?"
    rf"|\({_AGENCY}(?: Photo| Images)?(?:[/,][^()]{{0,40}})?\))\)?\W*",
    re.IGNORECASE)
# A separator drawn with box-drawing characters or punctuation: "────", "* * *", "=====".
_SEPARATOR = re.compile(r"[\s\-–—_=*~·•#+\u2500-\u257f\u2580-\u259f]{3,}")


@dataclass(frozen=True, slots=True)
class Line:
    """One non-blank input line and the measurements the classifier uses.

    ``start``/``end`` point at the stripped text inside the input; ``gap`` is the number
    of blank lines before it; ``stop`` the stopword share of its words; ``caps`` the share
    of its words that start with a capital letter.
    """

    text: str
    norm: str  # whitespace collapsed to single spaces
    start: int
    end: int
    gap: int
    words: int
    stop: float
    caps: float
    sentence: bool
    inner: int


def split_lines(text: str) -> list[Line]:
    """Split ``text`` into measured non-blank lines, with offsets into ``text``."""
    lines: list[Line] = []
    pos = 0
    gap = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        stripped = body.strip()
        if not stripped:
            gap += 1
            pos += len(raw)
            continue
        start = pos + (len(body) - len(body.lstrip()))
        lines.append(_measure(stripped, start, gap))
        gap = 0
        pos += len(raw)
    return lines


def _measure(text: str, start: int, gap: int) -> Line:
    """Measure one stripped line that begins at ``start``."""
    tokens = _TOKEN.findall(text)
    cjk = 0 if text.isascii() else len(_CJK.findall(text))
    words = max(len(tokens), cjk // 2)
    lowered = [t.lower() for t in tokens]
    stop = sum(t in STOPWORDS for t in lowered) / len(tokens) if tokens else 0.0
    if cjk > len(text) / 3:
        stop = 0.3  # no spaces, no stopword list: judge by length and punctuation
    alpha = [t for t in tokens if t[0].isalpha()]
    caps = sum(t[0].isupper() for t in alpha) / len(alpha) if alpha else 0.0
    return Line(text=text, norm=" ".join(text.split()), start=start, end=start + len(text),
                gap=gap, words=words, stop=stop, caps=caps, sentence=bool(_SENT_END.search(text)),
                inner=len(_INNER_SENT.findall(text)))


_LEGAL = re.compile(r"^(?:©|copyright\b)|\ball rights reserved\b|\bregistered trademarks?\b",
                    re.IGNORECASE)


def chrome_rule(line: Line) -> str | None:
    """The name of the chrome pattern a short line matches ("share", "related"...), if any.

    A long line is chrome only when it is a legal notice ("© 2019 …", "All rights reserved").
    """
    if line.words > 14:
        if _LEGAL.search(line.text):
            return "copyright"
        teaser = line.words <= 30 and not line.sentence and _TEASER.match(line.text)
        return "related" if teaser else None
    match = _CHROME.fullmatch(line.norm)
    return match.lastgroup.replace("_", "-") if match and match.lastgroup else None


def comments_rule(line: Line) -> bool:
    """Whether a short line opens a comment section ("Leave a comment", "12 Comments")."""
    return line.words <= 12 and bool(_COMMENTS.fullmatch(line.norm))


def caption_rule(line: Line) -> bool:
    """Whether a line is a photo caption or credit ("Allauddin Khan/AP", "… Photo: AFP")."""
    lowered = line.norm.lower()
    if line.words > 60 or not any(hint in lowered for hint in _CAPTION_HINTS):
        return False
    return bool(_CAPTION.fullmatch(line.norm) or _CREDIT_END.search(line.norm[-90:]))


def credit_rule(line: Line) -> bool:
    """Whether a short line is nothing but a photo credit ("Photo: AFP", "Allauddin Khan/AP")."""
    return line.words <= 14 and bool(_BARE_CREDIT.fullmatch(line.norm))


def separator_rule(line: Line) -> bool:
    """Whether a line is a drawn separator ("────────", "* * *") with no words."""
    return bool(_SEPARATOR.fullmatch(line.text))


def is_prose(line: Line) -> bool:
    """Whether a line reads like running text: long enough, sentence-shaped, function words."""
    if line.words >= 30:
        return line.stop >= 0.12 or line.inner >= 1
    if line.words < 7:
        return False
    shaped = line.sentence or line.inner >= 1
    return shaped and line.stop >= 0.15 and line.caps < 0.7


def repeated_texts(lines: list[Line]) -> Counter[str]:
    """How often each (case-folded) line text occurs in the page."""
    return Counter(line.norm.casefold() for line in lines)
