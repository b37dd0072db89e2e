"""Clean-up of the names a page gives itself: authors, outlet and the title's site suffix.

Byline strings ("By Jane Doe and John Roe, Staff Writers") become person names; names
that are the outlet's or the host's are organisations and are dropped. Used by
:mod:`dossier.clean.htmlmeta`; the rules were tuned with it (see ``bench/extraction.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

__all__ = ["byline_agency", "clean_authors", "clean_outlet", "names_outlet", "site_name",
           "strip_site_suffix"]

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|»|·|•)\s+")
# what may lead a byline: "By", "Posted by", "Analysis by", "Opinion by", "Reporting by", ...
BYLINE_LEAD = (r"(?:(?:an?\s+)?(?:posted|written|published|reported|reporting|story|text|words|recipe|analysis"
               r"|opinion|commentary|column|essay|review|article|interview|report|compiled)\s+)?")
_BY = re.compile(r"^" + BYLINE_LEAD + r"(?:(?:by|von|par|por|author)\b|(?-i:By(?=[A-Z])))\s*:?\s*", re.IGNORECASE)
_AUTHOR_SPLIT = re.compile(r"\s*(?:;|,|&|\band\b|\bund\b|\|)\s*", re.IGNORECASE)
_BYLINE_END = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\b\d{1,4}[/.-]\d{1,2}\b|\b\d{1,2}:\d\d"
    r"|\b(?:published|updated|posted on|last updated|(?:mon|tues|wednes|thurs|fri|satur|sun)day)\b"
    r"|\s[|/@\u2013\u2014-]\s|@\w", re.IGNORECASE)
_LABEL_THEN_BY = re.compile(r"^(?:posted|published|written|updated)\b.{0,60}?\bby\b:?\s*", re.IGNORECASE)
_FOR_OUTLET = re.compile(r"\s+for\s+(?:the\s+)?(?-i:[A-Z]).*$", re.IGNORECASE)  # "X for The Daily Mail"
_ROLE = re.compile(  # a trailing job title: "Staff Writer", "Our Foreign Staff", "Senior Editor"
    r"(?:^|\s)(?:our\s+)?(?:(?:senior|chief|staff|contributing|special|political|business|sports"
    r"|news|guest|associate|deputy|managing|executive|investigative|science|health|foreign"
    r"|national)\s+)*(?:staff|writer|reporter|correspondent|contributor|editor|columnist|journalist|analyst"
    r"|producer|anchor|critic|bureau(?:\s+chief)?)s?(?:-at-large)?$",
    re.IGNORECASE)
_VIEW_ALL = re.compile(r"^(?:view|see|show|more|read)\b.{0,30}?\b(?:by|of|from)\s*", re.IGNORECASE)
_NOT_NAMES = re.compile(r"\b(?:says|said|wrote|phd|md|image|photo)$", re.IGNORECASE)
_PLACEHOLDERS = {"admin", "administrator", "no author", "none", "null", "author", "anonymous",
                 "guest", "editor", "editorial", "redaktion", "agencies", "newsroom"}
# news agencies: a byline naming one credits the wire, not a person ("ERIC TUCKER Associated
# Press", "AP Auto Writer"); keys squashed (see _squash), values as displayed. Acronyms count
# only in capitals ("AP", not "Ap").
_AGENCIES = {
    "associatedpress": "Associated Press", "theassociatedpress": "Associated Press", "ap": "Associated Press",
    "reuters": "Reuters", "thomsonreuters": "Reuters", "afp": "AFP", "agencefrancepresse": "AFP",
    "upi": "UPI", "unitedpressinternational": "UPI", "pti": "Press Trust of India",
    "presstrustofindia": "Press Trust of India", "ani": "ANI", "ians": "IANS", "dpa": "dpa",
    "deutschepresseagentur": "dpa", "efe": "EFE", "ansa": "ANSA", "xinhua": "Xinhua",
    "xinhuanewsagency": "Xinhua", "kyodo": "Kyodo News", "kyodonews": "Kyodo News", "yonhap": "Yonhap",
    "tass": "TASS", "aap": "AAP", "australianassociatedpress": "AAP", "canadianpress": "The Canadian Press",
    "thecanadianpress": "The Canadian Press", "pressassociation": "PA Media", "pamedia": "PA Media",
    "bloombergnews": "Bloomberg News", "anadoluagency": "Anadolu Agency",
}
# names a page gives its site that name no site: CMS defaults, platforms, sections
_GENERIC_SITES = {"home", "homepage", "index", "hosted", "news", "latestnews", "breakingnews", "topstories",
                  "login", "signin", "welcome", "untitled", "default", "site", "website", "mysite", "blog",
                  "myblog", "article", "articles", "story", "page", "main", "world", "us", "uk", "business",
                  "politics", "sport", "sports", "opinion", "tech", "technology", "entertainment", "local",
                  "national", "international", "blogger", "wordpress", "blogspot", "tumblr", "wix",
                  "squarespace", "drupal", "joomla"}


def strip_site_suffix(title: str, outlet: str | None = None) -> str:
    """A title without a trailing (or leading) site name: "Story | Site" -> "Story".

    The outer segment goes when it names the outlet, or (trailing only) when it is
    short, at most four words, beside a longer headline.
    """
    title = _SPACE.sub(" ", title).strip()
    seps = list(_SEPARATORS.finditer(title))
    if not seps:
        return title
    head, tail = title[: seps[-1].start()], title[seps[-1].end():]
    lead, body = title[: seps[0].start()], title[seps[0].end():]
    if outlet and names_outlet(tail, outlet):
        return head
    if outlet and names_outlet(lead, outlet):
        return body
    if len(_WORD.findall(tail)) <= 4 < len(_WORD.findall(head)) + 2:
        return head
    return title


def names_outlet(segment: str, outlet: str) -> bool:
    """A title segment that is the outlet's name (ignoring case, spaces, a TLD)."""
    a = re.sub(r"\W+|\.(?:com|org|net|co\.uk)\b", "", segment.casefold())
    b = re.sub(r"\W+|\.(?:com|org|net|co\.uk)\b", "", outlet.casefold())
    return bool(a) and bool(b) and (a == b or (len(b) >= 4 and (a.startswith(b) or b.startswith(a))))


def clean_outlet(name: str) -> str | None:
    """An outlet name as displayed: trimmed, without a leading "@"."""
    name = _SPACE.sub(" ", name).strip().lstrip("@").strip()
    return name or None


def site_name(value: str, *, titles: tuple[str, ...] = ()) -> str | None:
    """The outlet a declared site name (``og:site_name``, a JSON-LD publisher) gives, or
    None when it names no site.

    A name with a tagline keeps its first part ("LinkNaija | Nigeria's popular news
    platform" -> "LinkNaija"). Junk is refused: generic words and CMS or platform defaults
    ("Hosted", "Home", "News", "Blogger"), a section ("U.S.", "World"), the story's
    title (one of ``titles``), or text too long to be a name. (A site may name a section
    after itself, or its ``<title>`` may be the site's name: neither is a reason to refuse.)

    >>> site_name("Hosted") is None, site_name("The Jerusalem Post | JPost.com")
    (True, 'The Jerusalem Post')
    """
    name = clean_outlet(value)
    if not name or "://" in name:
        return None
    refused = {_squash(t) for t in titles} | _GENERIC_SITES
    for part in _SEPARATORS.split(name):
        part = part.strip()
        squashed = _squash(part)
        if squashed and squashed not in refused and len(part) <= 60 and len(part.split()) <= 8:
            return part
    return None


def byline_agency(candidates: list[str]) -> str | None:
    """The news agency a byline credits ("By Jane Doe, Associated Press" -> "Associated
    Press"; "Reuters"), or None."""
    for part in _parts(candidates):
        for text in (_PARENS.sub("", part), *_PARENS.findall(part)):  # "Jane Doe (AP)"
            agency = _without_agency(_without_role(text.strip(" ,:;-|"), None))[1]
            if agency:
                return agency
    return None


def credits_organisation(candidates: list[str]) -> bool:
    """A byline crediting an agency or an organisation's staff ("Reuters", "HNN Staff",
    "CNN Editor-at-large"): a credit found, whether or not it names a person too."""
    return bool(byline_agency(candidates)) or any(
        _without_role(part, None) == "" and _ROLE.search(part) for part in _parts(candidates))


def _parts(candidates: list[str]) -> Iterator[str]:
    for raw in candidates:
        raw = _BY.sub("", _GLUED.sub(" ", _SPACE.sub(" ", raw).strip()))
        for part in _AUTHOR_SPLIT.split(raw):
            yield _BY.sub("", part.strip(" ,:;-|")).strip()


def clean_authors(candidates: list[str], *, outlet: str | None = None,
                  host: str | None = None) -> tuple[str, ...]:
    """Person names from byline strings: "By A and B" -> ("A", "B").

    Drops URLs, handles, placeholders, dates, lead words ("Analysis by"), job titles
    ("Staff Writer", "CNN Editor-at-large"), news agencies ("ERIC TUCKERAssociated Press"
    -> "Eric Tucker"), acronyms and credentials ("CNN", "MS"), the outlet ("for The Daily
    Mail", "X PhillyVoice Staff", "X USA TODAY"), names that are the outlet's or the
    host's, and strings too long to be a name. All-capital names are title-cased.
    """
    names: list[str] = []
    for raw in candidates:
        raw = _GLUED.sub(" ", _SPACE.sub(" ", raw).strip())
        if not raw or "://" in raw or raw.startswith(("www.", "{", "[")):
            continue
        raw = _BYLINE_END.split(_LABEL_THEN_BY.sub("", _VIEW_ALL.sub("", raw)))[0]
        raw = _FOR_OUTLET.sub("", raw) if _BY.match(raw) else raw
        if any(_same_org(_BY.sub("", raw), org) for org in (outlet, host) if org):
            continue
        parts = _AUTHOR_SPLIT.split(_BY.sub("", raw))
        for part in parts:
            text = _PARENS.sub(_unless_agency, _BY.sub("", part.strip(" ,:;-|"))).strip()
            name = _without_agency(_without_role(text, outlet))[0]
            if len(parts) > 1 and (_ROLE.fullmatch(name) or _acronym_led(name)  # "Jane Doe, CNN", "…, MS"
                                   or (name != text and len(name.split()) == 1)):  # "…, Washington Bureau Chief"
                continue
            name = _without_outlet(name, outlet)
            if _is_name(name) and not any(_same_org(name, org) for org in (outlet, host) if org):
                name = name.title() if name.isupper() and len(name) > 3 else name
                if name.casefold() not in {n.casefold() for n in names}:
                    names.append(name)
    return tuple(names)


_GLUED = re.compile(r"(?<=[A-Z]{2})(?=[A-Z][a-z]{2})")  # "ERIC TUCKERAssociated Press": two texts run together
_PARENS = re.compile(r"\s*\(([^()]*)\)")


def _unless_agency(match: re.Match[str]) -> str:
    """A parenthesis is dropped when it credits an agency ("Jane Doe (AP)"), else kept
    ("Richard (R.J.) Eskow")."""
    return "" if _agency(match.group(1).strip()) else match.group(0)



def _agency(text: str) -> str | None:
    """The agency ``text`` names ("AP", "Associated Press"), or None; acronyms only in
    capitals or lower case ("dpa"), so a name such as "Ani" or "Efe" is not one."""
    key = _squash(text)
    if key not in _AGENCIES or (len(key) <= 4 and not (text.isupper() or text.islower())):
        return None
    return _AGENCIES[key]


def _without_agency(name: str) -> tuple[str, str | None]:
    """A name without the agency it credits: "Tom Davies Associated Press" -> ("Tom Davies",
    "Associated Press"); "AP Auto" or "Reuters" -> ("", agency): a desk, not a person."""
    words = name.split()
    for k in range(min(4, len(words)), 0, -1):
        agency = _agency(" ".join(words[:k]))
        if agency:
            return "", agency
        agency = _agency(" ".join(words[-k:]))
        if agency and len(words) - k >= 2:
            return " ".join(words[:-k]), agency
    return name, None


def _without_outlet(name: str, outlet: str | None) -> str:
    """A name without the outlet after it: "Kevin McCoy USA TODAY" -> "Kevin McCoy"."""
    words, size = name.split(), len((outlet or "").split())
    if outlet and len(words) - size >= 2 and _squash(" ".join(words[-size:])) == _squash(outlet):
        return " ".join(words[:-size])
    return name


def _without_role(name: str, outlet: str | None) -> str:
    """A name without a trailing job title: "Adam Aaronson PhillyVoice Staff" -> "Adam
    Aaronson" (outlet given)."""
    role = _ROLE.search(name)
    if not role or not role.start():  # a byline that is only a title stays: "Staff Writer",
        return "" if name[:4].casefold() == "our " else name  # but not "Our Foreign Staff"
    if _acronym_led(name[:role.start()]) or role.group().casefold().endswith(("bureau", "bureaus")):
        return ""  # an organisation's: "HNN Staff", "CNN Editor-at-large", "News Nation Bureau"
    words = name[:role.start()].strip(" ,").split()
    if outlet and len(words) > 2 and _squash(words[-1]) == _squash(outlet):
        words = words[:-1]
    return " ".join(words)


def _is_name(name: str) -> bool:
    if not name or name.startswith("@") or "@" in name or any(c.isdigit() for c in name):
        return False
    words = name.split()
    return not (_NOT_NAMES.search(name) or len(words) > 5 or len(name) > 50
                or name.casefold() in _PLACEHOLDERS or words[0] in {"The", "THE"})


def _acronym_led(name: str) -> bool:
    """Beside a person's name, an organisation or a credential: a short acronym ("CNN",
    "MS") or one leading mixed-case words ("CNN Business"); not "TJ Holmes" nor "ERIC TUCKER"."""
    words = name.split()
    if not words or not (words[0].isalpha() and words[0].isupper()):
        return False
    if len(words) == 1:
        return len(words[0]) <= 4
    return 3 <= len(words[0]) <= 5 and not all(w.isupper() for w in words[1:])


def _same_org(name: str, org: str) -> bool:
    """A name that is an organisation's: "CBS News" for cbsnews.com, "Google" for
    "Google Online Security Blog", "Betty Crocker Kitchens" for bettycrocker.com, but
    not "Daniel Lemire" for "Daniel Lemire's blog"."""
    domain = " " not in org and "." in org
    if domain:
        org = re.sub(r"^www\.|(?:\.[a-z]{2,3})?\.[a-z]{2,6}$", "", org.casefold())
    a, b = _WORD.findall(name.casefold()), _WORD.findall(org.casefold())
    if not a or not b:
        return False
    whole_a, whole_b = "".join(a), "".join(b)
    if whole_a == whole_b:
        return True
    if domain and any("".join(a[:i]) == whole_b for i in range(1, len(a))):
        return True  # the host's name plus a word: "Betty Crocker Kitchens"
    owner = re.match(re.escape(name) + r"[’']s\b", org, re.IGNORECASE)
    return not owner and any("".join(b[:i]) == whole_a for i in range(1, len(b)))


def _squash(name: str) -> str:
    return re.sub(r"\W+", "", name.casefold())
