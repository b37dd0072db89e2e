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
import functools
import types
import typing
from collections.abc import Callable
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


_Converter = Callable[[Any], Any]
#: Per class: (field name, converter or None for a JSON value used as it is, required) — built once.
_PLANS: dict[type[Any], list[tuple[str, _Converter | None, bool]]] = {}


def _plan(cls: type[Any]) -> list[tuple[str, _Converter | None, bool]]:
    found = _PLANS.get(cls)
    if found is None:
        hints = typing.get_type_hints(cls)
        found = _PLANS[cls] = [
            (f.name, _compile(hints.get(f.name, Any)),
             f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
            for f in dataclasses.fields(cls)]
    return found


def from_data(cls: type[T], data: Any) -> T:
    """Rebuild a ``cls`` dataclass from :func:`to_data`'s output; StaleRecord if it cannot be."""
    if not isinstance(data, dict):
        raise StaleRecord(f"stored {cls.__name__} is not an object: {data!r:.80}")
    values: dict[str, Any] = {}
    for name, convert, required in _plan(cls):
        if name in data:
            value = data[name]
            values[name] = value if convert is None or value is None else convert(value)
        elif required:
            raise StaleRecord(f"stored {cls.__name__} has no {name!r}")
    return cls(**values)


def _compile(hint: Any) -> _Converter | None:
    """A function turning a JSON value into ``hint`` (never given None), or None when the value is it already."""
    if hint is Any or hint in (str, int, bool, type(None)):
        return None
    if hint is float:
        return _float
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in args if a is not type(None)]
        if len(options) == 1:
            return _compile(options[0])
        return functools.partial(_convert, hint)
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        return functools.partial(from_data, hint)
    if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis) and args:
        return functools.partial(_convert, hint)
    if origin in (tuple, list, abc.Sequence, abc.MutableSequence, frozenset, set, abc.Set) or hint in (list, tuple):
        inner = _compile(args[0]) if args else None
        made: type[Any] = (tuple if tuple in (origin, hint) else frozenset if origin in (frozenset, abc.Set)
                           else set if origin is set else list)
        if inner is None:
            return made
        each: _Converter = inner
        return lambda value: made(each(v) if v is not None else None for v in value)
    if origin in (dict, abc.Mapping, abc.MutableMapping) or hint is dict:
        inner = _compile(args[1]) if len(args) == 2 else None
        if inner is None:
            return dict
        item: _Converter = inner
        return lambda value: {k: item(v) if v is not None else None for k, v in value.items()}
    return functools.partial(_convert, hint)


def _float(value: Any) -> Any:
    return float(value) if isinstance(value, int) and not isinstance(value, bool) else value


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
