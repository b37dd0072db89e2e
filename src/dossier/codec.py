"""Facts to plain JSON-able dicts and back, losslessly (spans included), for the stores.

The contract's export shape is ``to_json`` on each record; this codec is the storage shape:
every field, so a document read back from a store equals the one written.
"""

from __future__ import annotations

import dataclasses
from typing import Any, TypeVar

from dossier.extract.records import EntityRef, Event, Mention, Place, Quantity, Quote, TimeExpr
from dossier.records import Span

__all__ = ["KINDS", "decode", "encode"]

T = TypeVar("T")

KINDS: dict[str, type[Any]] = {
    "entities": EntityRef,
    "quotes": Quote,
    "events": Event,
    "quantities": Quantity,
    "times": TimeExpr,
    "places": Place,
}

# Fields holding nested records, by record type.
_NESTED: dict[type[Any], dict[str, type[Any]]] = {
    Mention: {"span": Span},
    EntityRef: {},
    Quote: {"span": Span, "speaker_span": Span, "antecedent_span": Span},
    TimeExpr: {"span": Span},
    Quantity: {"span": Span},
    Place: {"span": Span},
    Event: {"span": Span, "actor_span": Span, "target_span": Span, "place": Place, "time": TimeExpr,
            "actor_antecedent": Span, "target_antecedent": Span},
}


def encode(record: Any) -> Any:
    """A record (or tuple of them) as nested dicts and lists."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: encode(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (tuple, list)):
        return [encode(item) for item in record]
    if isinstance(record, dict):
        return {key: encode(value) for key, value in record.items()}
    return record


def decode(kind: type[T], data: dict[str, Any]) -> T:
    """Rebuild a record of type ``kind`` from :func:`encode`'s output."""
    values: dict[str, Any] = {}
    nested = _NESTED.get(kind, {})
    for f in dataclasses.fields(kind):  # type: ignore[arg-type]
        if f.name not in data:
            continue
        value = data[f.name]
        if value is None:
            values[f.name] = None
        elif f.name in nested:
            values[f.name] = decode(nested[f.name], value)
        elif kind is EntityRef and f.name == "mentions":
            values[f.name] = tuple(decode(Mention, m) for m in value)
        elif isinstance(value, list):
            values[f.name] = tuple(value)
        else:
            values[f.name] = value
    return kind(**values)
