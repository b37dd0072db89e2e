"""The alerts tables (migration 0012) on every backend: first copy kept, listing filters, rules, the saved snapshot."""

from __future__ import annotations

from typing import Any

import pytest

from dossier.store.base import Store


def _alert(n: int, *, kind: str = "changed", created: str = "2026-03-01T12:00:00+00:00",
           message: str | None = None) -> dict[str, Any]:
    return {"id": f"alr_{n:016x}", "kind": kind, "key": f"clm_{n}", "created": created,
            "message": message or f"toll {n}", "docs": ["d1", "d2"], "claim": f"clm_{n}",
            "spans": [{"doc": "d1", "start": 3, "end": 5, "text": "50"}], "count": 1}


def test_store_add_alerts_keeps_the_first_copy_of_an_id(store: Store) -> None:
    assert store.add_alerts([_alert(1), _alert(2)]) == [_alert(1)["id"], _alert(2)["id"]]
    again = _alert(1, created="2026-03-02T00:00:00+00:00", message="a later copy")
    assert store.add_alerts([again, _alert(3)]) == [_alert(3)["id"]]
    (first,) = [a for a in store.list_alerts() if a["id"] == _alert(1)["id"]]
    assert first == _alert(1)


def test_store_list_alerts_newest_first_with_since_kinds_and_limit(store: Store) -> None:
    store.add_alerts([_alert(1, created="2026-03-01T10:00:00+00:00"),
                      _alert(2, kind="dispute", created="2026-03-01T11:00:00+00:00"),
                      _alert(3, kind="new-event", created="2026-03-02T09:00:00+00:00")])
    assert [a["id"][-1] for a in store.list_alerts()] == ["3", "2", "1"]
    assert [a["id"][-1] for a in store.list_alerts(since="2026-03-01T11:00:00+00:00")] == ["3", "2"]
    assert [a["id"][-1] for a in store.list_alerts(since="2026-03-02")] == ["3"]
    assert [a["id"][-1] for a in store.list_alerts(kinds=["changed", "dispute"])] == ["2", "1"]
    assert [a["id"][-1] for a in store.list_alerts(limit=1, offset=1)] == ["2"]


def test_store_list_alerts_of_one_second_last_stored_first(store: Store) -> None:
    store.add_alerts([_alert(1), _alert(2)])
    store.add_alerts([_alert(3)])
    assert [a["id"][-1] for a in store.list_alerts()] == ["3", "2", "1"]
    store.add_alerts([_alert(0)])
    assert [a["id"][-1] for a in store.list_alerts()] == ["0", "3", "2", "1"]


def test_store_alert_rules_add_list_remove(store: Store) -> None:
    rule = {"id": "rul_0123456789ab", "entity": "Wagner Group", "story": None, "kinds": ["dispute", "changed"],
            "webhook": "http://127.0.0.1:9/hook"}
    assert store.add_alert_rule(rule, created="2026-03-01T12:00:00+00:00") is True
    assert store.add_alert_rule(rule, created="2026-03-02T12:00:00+00:00") is False
    assert store.alert_rules() == [{**rule, "kinds": ["changed", "dispute"], "created": "2026-03-01T12:00:00+00:00"}]
    assert store.remove_alert_rule(rule["id"]) is True
    assert store.remove_alert_rule(rule["id"]) is False
    assert store.alert_rules() == []


@pytest.mark.parametrize("value", [{"taken": "2026-03-01T12:00:00+00:00", "claims": {}, "docs": {"d": {"n": 1}}},
                                   "text", [1, 2]])
def test_store_alert_state_round_trips_and_replaces(store: Store, value: Any) -> None:
    assert not store.has_alert_state("snapshot") and store.alert_state("snapshot") is None
    store.set_alert_state("snapshot", {"old": True})
    store.set_alert_state("snapshot", value)
    assert store.has_alert_state("snapshot") and store.alert_state("snapshot") == value


def test_store_remove_alerts_citing_drops_only_those_citing_a_removed_document(store: Store) -> None:
    other = {**_alert(2), "docs": ["d3"]}
    store.add_alerts([_alert(1), other])
    assert store.remove_alerts_citing(["d2"]) == 1
    assert [a["id"] for a in store.list_alerts()] == [other["id"]]
    assert store.remove_alerts_citing([]) == 0 and store.remove_alerts_citing(["nope"]) == 0
