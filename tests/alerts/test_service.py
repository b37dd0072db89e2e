"""The alerts operations of dossier.service that both faces call: --since parsing, kinds, rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier import service
from dossier.backends import open_store
from dossier.errors import ConfigError


@pytest.mark.parametrize(("given", "expected"), [
    ("2026-03-01", "2026-03-01"),
    ("2026-03-01T12:00", "2026-03-01T12:00:00+00:00"),
    ("2026-03-01T12:00:00Z", "2026-03-01T12:00:00+00:00"),
    ("2026-03-01T14:00:00+02:00", "2026-03-01T12:00:00+00:00"),
    ("2026-03-01T14:00:00 02:00", "2026-03-01T12:00:00+00:00"),  # "+" read as a space from a URL
    (" ", None),
    (None, None),
])
def test_parse_since_reads_iso_dates_and_times_as_utc(given: str | None, expected: str | None) -> None:
    assert service.parse_since(given) == expected


@pytest.mark.parametrize("given", ["yesterday", "2026-13-01", "01/03/2026", "2026-03-01T25:00"])
def test_parse_since_refuses_what_is_not_iso(given: str) -> None:
    with pytest.raises(ConfigError, match="is not an ISO 8601 date or time"):
        service.parse_since(given)


def test_alert_rules_through_the_service(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"), create=True)
    try:
        rule = service.add_alert_rule(store, entity=" Wagner Group ", kinds=["dispute,changed"])
        assert rule["added"] and rule["entity"] == "Wagner Group" and rule["kinds"] == ["changed", "dispute"]
        assert rule["entities"] == []  # nothing stored is called so yet
        assert not service.add_alert_rule(store, entity="Wagner Group", kinds=["changed", "dispute"])["added"]
        assert [r["id"] for r in service.alert_rules(store)] == [rule["id"]]
        service.remove_alert_rule(store, rule["id"])
        with pytest.raises(ConfigError, match="No alert rule"):
            service.remove_alert_rule(store, rule["id"])
        with pytest.raises(ConfigError, match="limit and offset"):
            service.alerts(store, limit=-1)
    finally:
        store.close()
