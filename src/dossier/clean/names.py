"""Clean-up of the names a page gives itself: authors, outlet and the title's site suffix.

Byline strings ("By Jane Doe and John Roe, Staff Writers") become person names; names
that are the outlet's or the host's are organisations and are dropped. Used by
:mod:`dossier.clean.htmlmeta`; the rules were tuned with it (see ``bench/extraction.py``).
"""

from __future__ import annotations

import re

__all__ = ["clean_authors", "clean_outlet", "names_outlet", "strip_site_suffix"]

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_SEPARATORS = re.compile(r"\s+(?:\||-|\u2013|\u2014|::|»|·|•)\s+")
_BY = re.compile(r"^(?:(?:posted|written|published|reported|story|text|words|recipe)\s+)?"
                 r"(?:(?:by|von|par|por|author)\b|(?-i:By(?=[A-Z])))\s*:?\s*", re.IGNORECASE)
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
    r"|national)\s+)*(?:staff|writer|reporter|correspondent|contributor|editor|columnist|journalist)s?$",
    re.IGNORECASE)
_VIEW_ALL = re.compile(r"^(?:view|see|show|more|read)\b.{0,30}?\b(?:by|of|from)\s*", re.IGNORECASE)
_NOT_NAMES = re.compile(r"\b(?:says|said|wrote|phd|md|image|photo)$", re.IGNORECASE)
_PLACEHOLDERS = {"admin", "administrator", "no author", "none", "null", "author", "anonymous",
                 "guest", "editor", "editorial", "redaktion", "agencies", "newsroom"}


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


def clean_authors(candidates: list[str], *, outlet: str | None = None,
                  host: str | None = None) -> tuple[str, ...]:
    """Person names from byline strings: "By A and B" -> ("A", "B").

    Drops URLs, handles, placeholders, dates, job titles ("Staff Writer"), the outlet
    ("for The Daily Mail", "X PhillyVoice Staff"), names that are the outlet's or the
    host's, and strings too long to be a name. All-capital names are title-cased.
    """
    names: list[str] = []
    for raw in candidates:
        raw = _SPACE.sub(" ", raw).strip()
        if not raw or "://" in raw or raw.startswith(("www.", "{", "[")):
            continue
        raw = _BYLINE_END.split(_LABEL_THEN_BY.sub("", _VIEW_ALL.sub("", raw)))[0]
        raw = _FOR_OUTLET.sub("", raw) if _BY.match(raw) else raw
        if any(_same_org(_BY.sub("", raw), org) for org in (outlet, host) if org):
            continue
        parts = _AUTHOR_SPLIT.split(_BY.sub("", raw))
        for part in parts:
            name = _without_role(_BY.sub("", part.strip(" ,:;-|")).strip(), outlet)
            if len(parts) > 1 and _ROLE.fullmatch(name):  # "Jane Doe, Staff Writer"
                continue
            if _is_name(name) and not any(_same_org(name, org) for org in (outlet, host) if org):
                name = name.title() if name.isupper() and len(name) > 3 else name
                if name.casefold() not in {n.casefold() for n in names}:
                    names.append(name)
    return tuple(names)


def _without_role(name: str, outlet: str | None) -> str:
    """A name without a trailing job title: "Adam Aaronson PhillyVoice Staff" -> "Adam
    Aaronson" (outlet given)."""
    role = _ROLE.search(name)
    if not role or not role.start():  # a byline that is only a title stays: "Staff Writer",
        return "" if name[:4].casefold() == "our " else name  # but not "Our Foreign Staff"
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
