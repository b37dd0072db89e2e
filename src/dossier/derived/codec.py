"""Derived records (claims, relations) to JSON-able values and back, by their own field types.

Nothing here names a field: :func:`to_data` walks ``dataclasses.fields`` and :func:`from_data`
rebuilds each field from its annotation (nested dataclasses, ``X | None``, ``tuple[X, ...]``,
``list``, ``dict``, ``frozenset``), so a field added to :class:`~dossier.claims.Claim` is stored
and read back without a change here. A stored value that lacks a field takes the field's
default; a field without a default that is missing raises :class:`StaleRecord` (the stored
facts predate the record's shape and must be derived again).

>>> from dossier.records import Span
>>> from_data(Span, to_data(Span("d1", 0, 5, 0, "x")))
Span(doc_id='d1', start=0, end=5, sentence=0, method='x')
"""

from __future__ import annotations

import collections.abc as abc
import dataclasses
import types
import typing
from typing import Any, TypeVar

__all__ = ["StaleRecord", "from_data", "to_data"]

T = TypeVar("T")


class StaleRecord(ValueError):
    """A stored record that cannot be read back as the current type (a field it needs is missing)."""


def to_data(value: Any) -> Any:
    """A dataclass (or a container of them) as nested dicts, lists and scalars."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_data(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (tuple, list)):
        return [to_data(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_data(item) for item in value), key=repr)
    if isinstance(value, dict):
        return {str(key): to_data(item) for key, item in value.items()}
    return value


_HINTS: dict[type[Any], dict[str, Any]] = {}


def _hints(cls: type[Any]) -> dict[str, Any]:
    """The resolved annotations of ``cls`` (computed once per class)."""
    found = _HINTS.get(cls)
    if found is None:
        found = _HINTS[cls] = typing.get_type_hints(cls)
    return found


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild a ``cls`` dataclass from :func:`to_data`'s output; StaleRecord if it cannot be."""
    if not isinstance(data, dict):
        raise StaleRecord(f"stored {cls.__name__} is not an object: {data!r:.80}")
    hints = _hints(cls)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in data:
            values[f.name] = _convert(hints.get(f.name, Any), data[f.name])
        elif f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
            raise StaleRecord(f"stored {cls.__name__} has no {f.name!r}")
    return cls(**values)


def _convert(hint: Any, value: Any) -> Any:
    """``value`` (from JSON) as the annotated type ``hint``."""
    if hint is Any or value is None:
        return value
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        for option in options:
            if _fits(option, value):
                return _convert(option, value)
        return _convert(options[0], value) if options else value
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return from_data(hint, value)
    if origin is tuple:
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], item) for item in value)
        if args:
            return tuple(_convert(a, item) for a, item in zip(args, value, strict=False))
        return tuple(value)
    if origin in (list, abc.Sequence, abc.MutableSequence) or hint is list:
        item = args[0] if args else Any
        return [_convert(item, v) for v in value]
    if origin in (frozenset, set, abc.Set):
        item = args[0] if args else Any
        made = (_convert(item, v) for v in value)
        return set(made) if origin is set else frozenset(made)
    if origin in (dict, abc.Mapping, abc.MutableMapping) or hint is dict:
        item = args[1] if len(args) == 2 else Any
        return {key: _convert(item, v) for key, v in value.items()}
    if hint is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    return value


def _fits(hint: Any, value: Any) -> bool:
    """Whether a JSON ``value`` can stand for ``hint`` (to pick one side of a union)."""
    origin = typing.get_origin(hint) or hint
    if dataclasses.is_dataclass(hint):
        return isinstance(value, dict)
    if origin in (tuple, list, frozenset, set, abc.Sequence, abc.Set):
        return isinstance(value, list)
    if origin in (dict, abc.Mapping):
        return isinstance(value, dict)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if isinstance(origin, type):
        return isinstance(value, origin)
    return True
