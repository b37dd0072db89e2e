"""The derived-facts codec: any dataclass record round-trips by its own field types."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from dossier.derived.codec import StaleRecord, from_data, to_data
from dossier.records import Span


@dataclass(frozen=True, slots=True)
class Inner:
    span: Span
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Record:
    name: str
    value: float | None
    spans: tuple[Span, ...]
    inner: Inner | None
    tags: frozenset[str] = frozenset()
    attributes: dict[str, str] = field(default_factory=dict)
    pair: tuple[str, int] = ("a", 1)
    added_later: int = 7


SPAN = Span("d1", 3, 9, 1, "test.v1:rule")


@pytest.mark.parametrize("record", [
    Record("x", 13000.0, (SPAN, SPAN), Inner(SPAN, "n"), frozenset({"b", "a"}), {"k": "v"}, ("b", 2)),
    Record("y", None, (), None),
    Record("z", 2.5, (SPAN,), Inner(SPAN)),
])
def test_codec_round_trips_records(record: Record) -> None:
    assert from_data(Record, to_data(record)) == record


def test_codec_reads_an_integer_back_as_a_float() -> None:
    data = to_data(Record("x", 13000.0, (), None))
    data["value"] = 13000
    value = from_data(Record, data).value
    assert value == 13000.0 and isinstance(value, float)


def test_codec_missing_field_with_default_takes_the_default_and_unknown_fields_are_ignored() -> None:
    data = to_data(Record("x", 1.0, (), None))
    del data["added_later"]
    data["removed_since"] = "whatever"
    assert from_data(Record, data).added_later == 7


def test_codec_missing_required_field_is_stale() -> None:
    data = to_data(Record("x", 1.0, (), None))
    del data["name"]
    with pytest.raises(StaleRecord):
        from_data(Record, data)


def test_codec_round_trips_real_claims_and_relations(samples_store) -> None:
    from dossier.claims import Claim, extract_claims, make_context
    from dossier.graph import Relation, find_relations

    docs = list(samples_store.iter_documents())
    context = make_context(docs)
    claims = [c for doc in docs for c in extract_claims(doc, context=context)]
    relations = [r for doc in docs for r in find_relations(doc)]
    assert claims and relations
    assert [from_data(Claim, to_data(c)) for c in claims] == claims
    assert [from_data(Relation, to_data(r)) for r in relations] == relations
