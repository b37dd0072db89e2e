"""Every option Dossier reads: its name, default, and help. CLI flags and env vars map here."""

from __future__ import annotations

import os
from dataclasses import dataclass

from dossier.errors import ConfigError

__all__ = ["DEFAULT_DB", "Settings", "gazetteer_from_env"]

DEFAULT_DB = "dossier.db"
_OFF = frozenset({"off", "0", "false", "no"})
_ON = frozenset({"on", "1", "true", "yes", ""})


def gazetteer_from_env(value: str | None) -> bool:
    """``DOSSIER_GAZETTEER``'s value as a switch: unset, ``on``/``1``/``true``/``yes`` → True;
    ``off``/``0``/``false``/``no`` → False (any case).

    Raises:
        ConfigError: any other value.
    """
    word = (value or "").strip().lower()
    if word in _OFF or word in _ON:
        return word not in _OFF
    raise ConfigError(f"DOSSIER_GAZETTEER={value!r} is not a switch; set it to on or off.")


@dataclass(frozen=True, slots=True)
class Settings:
    """Options for a pipeline run. Environment variables: DOSSIER_DB, DOSSIER_GAZETTEER (on/off), DOSSIER_CONTACT."""

    db: str = DEFAULT_DB
    """Store location: a SQLite path (default ./dossier.db) or a postgresql:// URL."""
    max_bytes: int = 50_000_000
    """Largest single article file (text, HTML, JSONL, feed) accepted; WARC files stream."""
    keep_bytes: int = 64_000_000
    """Inputs up to this size are kept verbatim in the store as a whole file."""
    gazetteer: bool = True
    """Use the shipped actor gazetteer (``data/actors.jsonl``): its entity matches, canonical names,
    aliases in resolution and affiliate/parent links. Off, entities come from the model and our
    generic rules alone, as on a conflict the gazetteer does not cover. Place coordinates
    (GeoNames and the regional place table) are looked up either way."""

    contact: str = ""
    """How a site's operator reaches whoever runs `dossier collect` (an e-mail address or a URL), sent in
    the User-Agent: ``Dossier/<version> (+contact)``. Environment: DOSSIER_CONTACT."""
    crawl_delay: float = 1.0
    """Least seconds between two requests `dossier collect` makes to one host (a robots.txt Crawl-delay
    that asks for more is honoured)."""

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        values: dict[str, object] = {"db": os.environ.get("DOSSIER_DB") or DEFAULT_DB,
                                     "gazetteer": gazetteer_from_env(os.environ.get("DOSSIER_GAZETTEER")),
                                     "contact": os.environ.get("DOSSIER_CONTACT", "").strip()}
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
