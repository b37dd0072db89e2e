"""The curated actor gazetteer (``data/actors.jsonl``) and the ruler patterns made from it.

One JSON object per line::

    {"key": "iskp", "name": "Islamic State Khorasan Province", "type": "ORG", "kind": "armed_group",
     "aliases": ["ISKP", "ISIS-K", ...], "affiliate_of": "islamic-state", "parent": null,
     "note": "...", "source": "..."}

``type`` is the spaCy label a match gets; ``kind`` says what the actor is in the world, one of
:data:`KINDS`:

=====================  ==========================================================================
``armed_group``        non-state armed group: insurgents, jihadist groups, militias, private
                       military companies ("Taliban", "ISKP", "Wagner Group")
``state``              a country or its government as a whole ("Afghanistan", "Kabul" for it)
``state_agency``       a body of a state: ministry, army, intelligence service, police, legislature,
                       presidency, state-run council or bank ("CIA", "IRGC", "White House")
``intergovernmental``  an organisation of states or its organs ("UN", "UNAMA", "NATO", "World Bank")
``political_party``    a party that is not (mainly) armed
``ngo``                a non-governmental organisation or research body ("HRW", "ICRC", "ACLED")
``media``              a news outlet or agency ("Reuters", "TOLOnews")
``company``            a business (not a private military company: that is ``armed_group``)
``person``             one human being
``ethnic_group``       a people ("Pashtuns", "Hazaras")
``religious_group``    a religious community or body
``place``              a place below a country (province, city, region)
``agreement``          a law, treaty, resolution or agreement ("Doha Agreement", "UNSCR 1267")
``event``              a named event or operation ("Fall of Kabul")
``other``              none of these
=====================  ==========================================================================

A line without ``kind`` (an older user file) gets ``person`` for a PERSON and ``other``
otherwise. Nothing downstream needs ``kind``: the STIX export reads it when an entity carries a
gazetteer key and falls back to the spaCy label otherwise (``DOSSIER_GAZETTEER=off``).

Aliases are exact strings. Matching widens them only by spelling conventions news text
varies on: letter case (except for acronyms, which match as written), "al-"/"al "/"al–",
Qaeda/Qaida, hyphen or space inside compound names ("Tehrik-e-Taliban"/"Tehrik e Taliban"),
straight or curly apostrophes, and "US"/"U.S."/"UN"/"U.N." prefixes. Typos ("Rassoui") are
the cross-document resolver's job, not this module's.

Example::

    >>> actors = load_actors()
    >>> actors["aqis"].affiliate_of
    'al-qaeda'
    >>> actors["aqis"].kind
    'armed_group'
    >>> normalise_alias("Al Qaida") == normalise_alias("al-Qaeda")
    True
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from dossier.errors import ConfigError

__all__ = ["KINDS", "Actor", "alias_variants", "is_acronym", "load_actors", "normalise_alias", "ruler_patterns"]

ACTOR_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "LAW", "PRODUCT"})
#: What an actor is in the world (see the module docstring); ``Actor.kind`` is one of these.
KINDS = frozenset({
    "armed_group", "state", "state_agency", "intergovernmental", "political_party", "ngo", "media", "company",
    "person", "ethnic_group", "religious_group", "place", "agreement", "event", "other",
})
_REQUIRED = ("key", "name", "type")
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2018": "'", "\u2019": "'", "\u02bc": "'"})
_AL = re.compile(r"(?<![A-Za-z])([Aa]l)[- \u2013](?=[A-Z])")
_QAIDA = re.compile(r"qa'?[ei]da", re.IGNORECASE)
_PREFIXES = {"US ": ("U.S. ", "United States "), "UN ": ("U.N. ", "United Nations "), "UK ": ("U.K. ", "British ")}


@dataclass(frozen=True, slots=True)
class Actor:
    """One gazetteer entry: a conflict actor with its canonical name and spellings."""

    key: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    kind: str = "other"  # one of KINDS
    affiliate_of: str | None = None
    parent: str | None = None
    note: str = ""
    source: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name followed by every alias."""
        return (self.name, *self.aliases)


def default_path() -> Path:
    """The gazetteer shipped with Dossier (``dossier/data/actors.jsonl``)."""
    return Path(str(resources.files("dossier") / "data" / "actors.jsonl"))


def _actor_from_json(row: dict[str, Any], where: str) -> Actor:
    missing = [f for f in _REQUIRED if not row.get(f)]
    if missing:
        raise ConfigError(f"Gazetteer entry at {where} lacks {', '.join(missing)}; "
                          "every line needs at least key, name and type.")
    if row["type"] not in ACTOR_TYPES:
        raise ConfigError(f"Gazetteer entry {row['key']!r} at {where} has type {row['type']!r}; "
                          f"use one of {', '.join(sorted(ACTOR_TYPES))}.")
    kind = row.get("kind") or ("person" if row["type"] == "PERSON" else "other")
    if kind not in KINDS:
        raise ConfigError(f"Gazetteer entry {row['key']!r} at {where} has kind {kind!r}; "
                          f"use one of {', '.join(sorted(KINDS))}.")
    aliases = row.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise ConfigError(f"Gazetteer entry {row['key']!r} at {where}: 'aliases' must be a list of non-empty strings.")
    return Actor(key=row["key"], name=row["name"], type=row["type"], aliases=tuple(aliases), kind=kind,
                 affiliate_of=row.get("affiliate_of"), parent=row.get("parent"),
                 note=row.get("note") or "", source=row.get("source") or "")


def load_actors(paths: Sequence[Path | str] = (), *, include_default: bool = True) -> dict[str, Actor]:
    """Read gazetteer files into ``{key: Actor}``; a later file's entry replaces an earlier one.

    Args:
        paths: extra JSONL files in the same format as ``data/actors.jsonl``.
        include_default: read the shipped gazetteer first.

    Raises:
        ConfigError: a file is missing or a line is not a valid entry.
    """
    files = ([default_path()] if include_default else []) + [Path(p) for p in paths]
    actors: dict[str, Actor] = {}
    for path in files:
        if not path.is_file():
            raise ConfigError(f"Gazetteer file {str(path)!r} does not exist; pass an existing JSONL file.")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ConfigError(
                    f"Gazetteer line {where} is not JSON ({exc.msg}); write one object per line."
                ) from exc
            actor = _actor_from_json(row, where)
            actors[actor.key] = actor
    return actors


def normalise_alias(text: str) -> str:
    """A comparison key for a name: NFKC, casefolded, unified dashes, "al-" and "Qaeda" spellings."""
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = _AL.sub(r"\1-", text)
    text = _QAIDA.sub("qaeda", text)
    text = re.sub(r"[\s-]+", " ", text.casefold())
    return text.strip()


def is_acronym(alias: str) -> bool:
    """True for aliases written in capitals ("ISI", "ISIS-K", "U.N."): they match case-sensitively."""
    letters = [c for c in alias if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(alias) <= 12


def alias_variants(alias: str) -> set[str]:
    """The spellings an alias stands for (before case folding), e.g. "al-Qaeda" → "al Qaida", …"""
    base = unicodedata.normalize("NFC", alias).strip()
    out = {base}
    for prefix, replacements in _PREFIXES.items():
        if base.startswith(prefix):
            out.update(r + base[len(prefix):] for r in replacements)
    for form in list(out):
        if _AL.search(form):
            out.update(_AL.sub(r"\1" + sep, form) for sep in ("-", " ", "\u2013"))
    for form in list(out):
        if _QAIDA.search(form):
            out.update(_QAIDA.sub(word, form) for word in ("Qaeda", "Qaida"))
    for form in list(out):
        if "-" in form and not is_acronym(form):
            out.add(form.replace("-", " "))
        if "'" in form or "\u2019" in form:
            out.add(form.replace("'", "\u2019"))
            out.add(form.replace("\u2019", "'"))
    return out


def ruler_patterns(actors: Iterable[Actor], tokenize: Any) -> list[dict[str, Any]]:
    """EntityRuler patterns for every spelling of every actor, with ``id`` = the actor's key.

    Acronyms become token patterns matched on ``ORTH``; other names become phrase patterns
    (the ruler matches those on ``LOWER``). ``tokenize`` is ``nlp.make_doc``, so a pattern is
    split exactly as text is.
    """
    patterns: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for actor in actors:
        for alias in actor.names:
            for form in sorted(alias_variants(alias)):
                acronym = is_acronym(form)
                dedupe = (actor.key, form if acronym else form.lower())
                if dedupe in seen:
                    continue
                seen.add(dedupe)
                if acronym:
                    tokens = [{"ORTH": t.text} for t in tokenize(form)]
                    patterns.append({"label": actor.type, "pattern": tokens, "id": actor.key})
                else:
                    patterns.append({"label": actor.type, "pattern": form, "id": actor.key})
    return patterns
