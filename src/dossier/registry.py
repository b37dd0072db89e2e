"""Named backends: a kind ("store", "nlp", …) maps names to factories.

Import alone registers nothing; :func:`dossier.backends.register_builtins` registers the
built-ins the same way an outside package would.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dossier.errors import ConfigError

__all__ = ["Registry", "registry"]


class Registry:
    """A two-level map kind → name → factory, with helpful errors for unknown names."""

    def __init__(self) -> None:
        self._factories: dict[str, dict[str, Callable[..., Any]]] = {}

    def register(self, kind: str, name: str, factory: Callable[..., Any]) -> None:
        self._factories.setdefault(kind, {})[name] = factory

    def names(self, kind: str) -> list[str]:
        return sorted(self._factories.get(kind, {}))

    def get(self, kind: str, name: str) -> Callable[..., Any]:
        try:
            return self._factories[kind][name]
        except KeyError:
            known = ", ".join(self.names(kind)) or "none registered"
            raise ConfigError(f"No {kind} {name!r}. Known: {known}.") from None


registry = Registry()
