"""What an analyst asks to be told about: an alert rule, validated when it is made.

A rule narrows the alerts a pass finds (:func:`dossier.alerts.evaluate`) to an entity, a story
and some kinds, and may name a webhook the matching alerts are posted to::

    >>> rule = make_rule(entity="Wagner Group", kinds=["dispute", "changed"])
    >>> sorted(rule.kinds)
    ['changed', 'dispute']

The entity is matched through the resolved entity clusters (a name, alias or id: "Wagner" finds
"Wagner Group" once the resolver holds it), so a rule set before an outlet spells the name
differently still matches.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from dossier.errors import ConfigError

__all__ = ["KINDS", "Rule", "make_rule", "resolve_entity"]

#: Every kind of alert, in the order a page lists them.
KINDS = ("dispute", "changed", "new-event", "new-source")
_STORY = re.compile(r"(clm|evt)_[0-9a-f]{6,40}")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class Rule:
    """One alert rule. Build it with :func:`make_rule` (which validates); every field is optional.

    ``entity`` is a name, alias or entity id; ``story`` a claim cluster id (``clm_…``) or a
    timeline event id (``evt_…``); ``kinds`` the alert kinds wanted (all of :data:`KINDS` when
    made without any); ``webhook`` an http(s) URL the matching alerts are POSTed to.
    """

    id: str
    entity: str | None = None
    story: str | None = None
    kinds: frozenset[str] = frozenset(KINDS)
    webhook: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "entity": self.entity, "story": self.story, "kinds": sorted(self.kinds),
                "webhook": self.webhook}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Rule:
        """A rule read back from :meth:`to_json` (validated again)."""
        return make_rule(entity=data.get("entity"), story=data.get("story"), kinds=data.get("kinds"),
                         webhook=data.get("webhook"))


def make_rule(*, entity: str | None = None, story: str | None = None, kinds: Iterable[str] | str | None = None,
              webhook: str | None = None) -> Rule:
    """A validated rule; ConfigError naming the bad value and the fix otherwise.

    Args:
        entity: a name, alias or id ("Wagner Group", "ent_fb0d6dbfe300"); blank means any.
        story: a claim cluster id (``dossier claims --json``) or timeline event id (``dossier timeline --json``).
        kinds: some of dispute, changed, new-event, new-source (a comma-separated string is accepted);
            None or empty means all of them.
        webhook: an http:// or https:// URL.
    """
    entity = _blank(entity)
    story = _blank(story)
    if story is not None and not _STORY.fullmatch(story):
        raise ConfigError(f"Story {story!r} is not a claim or event id; copy a clm_… id from `dossier claims "
                          f"--json` or an evt_… id from `dossier timeline --json`.")
    wanted = _kinds(kinds)
    webhook = _blank(webhook)
    if webhook is not None:
        parts = urlsplit(webhook)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ConfigError(f"Webhook {webhook!r} is not an http(s) URL; give one such as "
                              f"https://hooks.example.org/dossier.")
    digest = hashlib.sha1("\x1f".join([entity or "", story or "", ",".join(sorted(wanted)),
                                       webhook or ""]).encode()).hexdigest()[:12]
    return Rule(id=f"rul_{digest}", entity=entity, story=story, kinds=wanted, webhook=webhook)


def _blank(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"Alert rule value {value!r} is not text; give a name, an id or a URL.")
    return value.strip() or None


def _kinds(kinds: Iterable[str] | str | None) -> frozenset[str]:
    if kinds is None:
        return frozenset(KINDS)
    items = kinds.split(",") if isinstance(kinds, str) else list(kinds)
    wanted = {str(k).strip().casefold() for k in items if str(k).strip()}
    unknown = sorted(wanted - set(KINDS))
    if unknown:
        raise ConfigError(f"Unknown alert kind {unknown[0]!r}; known: {', '.join(KINDS)}.")
    return frozenset(wanted) if wanted else frozenset(KINDS)


def _words(text: str) -> set[str]:
    return set(_WORD.findall(text.casefold()))


def resolve_entity(name: str, entities: Mapping[str, Sequence[str]]) -> frozenset[str]:
    """The entity ids ``name`` stands for in ``entities`` (id → [name, *aliases]).

    An id, or a name or alias equal to ``name`` (case-insensitive); failing that, every entity
    one of whose names holds all of ``name``'s words ("Wagner" → "Wagner Group"). Empty when none.
    """
    if name in entities:
        return frozenset({name})
    folded = name.casefold()
    exact = {i for i, names in entities.items() if any(n.casefold() == folded for n in names)}
    if exact:
        return frozenset(exact)
    words = _words(name)
    if not words:
        return frozenset()
    return frozenset(i for i, names in entities.items() if any(words <= _words(n) for n in names))
