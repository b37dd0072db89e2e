"""Alerts kept pass after pass through the real pipeline (dossier.alerts.passes, called by ingest)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier import service
from dossier.alerts.passes import SNAPSHOT, begin, finish
from dossier.backends import open_store
from dossier.pipeline import ingest
from dossier.store.base import Store
from tests.alerts.conftest import STORY


def _report(n: str) -> str:
    (path,) = STORY.glob(f"{n}_*.txt")
    return str(path)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(str(tmp_path / "s.db"), create=True)
    yield opened
    opened.close()


def _changed(store: Store) -> list[dict[str, object]]:
    return service.alerts(store, kinds=["changed"])


def test_passes_ingest_keeps_each_pass_alerts_and_an_idle_pass_keeps_none(store: Store) -> None:
    first = ingest([_report("01")], store=store, workers=1)
    assert first.alerts and not first.alert_errors and store.has_alert_state(SNAPSHOT)
    assert {a["id"] for a in store.list_alerts()} == set(first.alerts)
    second = ingest([_report("02")], store=store, workers=1)
    (changed,) = _changed(store)
    assert changed["id"] in second.alerts and changed["message"] == "strike in Kramatorsk: killed 30 → 50 (2 reports)"
    snapshot, stored = store.alert_state(SNAPSHOT), store.list_alerts()
    idle = ingest([_report("01"), _report("02")], store=store, workers=1)
    assert idle.alerts == [] and store.list_alerts() == stored and store.alert_state(SNAPSHOT) == snapshot


def test_passes_documents_a_failed_evaluation_left_are_evaluated_by_the_next_pass(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.alerts.passes as passes

    ingest([_report("01"), _report("02")], store=store, workers=1)
    real = passes.finish

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("interrupted")

    monkeypatch.setattr(passes, "finish", broken)
    failed = ingest([_report("03")], store=store, workers=1)  # like a pass that died before its alerts
    assert failed.added and failed.alerts == [] and failed.alert_errors
    assert [a["message"] for a in _changed(store)] == ["strike in Kramatorsk: killed 30 → 50 (2 reports)"]
    monkeypatch.setattr(passes, "finish", real)
    later = ingest([_report("04")], store=store, workers=1)
    messages = {a["message"]: a for a in _changed(store)}
    assert "strike in Kramatorsk: killed 50 → 52 (2 reports)" in messages
    assert messages["strike in Kramatorsk: killed 50 → 52 (2 reports)"]["id"] in later.alerts


def test_passes_a_run_without_alerts_never_raises_any_later(store: Store) -> None:
    ingest([_report("01")], store=store, workers=1)
    archive = ingest([_report("02"), _report("04")], store=store, workers=1, alerts=False)  # an archive, in bulk
    assert archive.added and archive.alerts == []
    assert _changed(store) == []  # the 30 → 50 rise came with the archive: no alert, now or later
    later = ingest([_report("03")], store=store, workers=1)
    assert [a["message"] for a in _changed(store)] == ["strike in Kramatorsk: killed 50 → 52 (2 reports)"]
    assert later.alerts


def test_passes_finish_twice_finds_the_same_alerts_and_keeps_them_once(store: Store) -> None:
    ingest([_report("01")], store=store, workers=1, alerts=False)
    begin(store)  # the snapshot of a store that holds report 01 already: nothing to say about it
    assert finish(store).found == []
    store.set_alert_state(SNAPSHOT, None)  # compare with an empty store instead
    once = finish(store)
    store.set_alert_state(SNAPSHOT, None)
    twice = finish(store)
    assert once.new and {a.id for a in twice.found} == {a.id for a in once.found}
    assert twice.new == [] and len(store.list_alerts()) == len(once.new)


def test_passes_webhook_gets_only_new_alerts_its_rule_matches(store: Store,
                                                             hook: tuple[str, list[dict[str, object]]]) -> None:
    url, received = hook
    ingest([_report("01")], store=store, workers=1)
    service.add_alert_rule(store, entity="Kramatorsk", kinds=["changed"], webhook=url)
    service.add_alert_rule(store, entity="Soledar", webhook=url + "/soledar")  # matches nothing in this story
    report = ingest([_report("02")], store=store, workers=1)
    assert not report.alert_errors
    (body,) = received
    (alert,) = body["alerts"]  # type: ignore[call-overload]
    assert alert["kind"] == "changed" and "30 → 50" in alert["message"] and alert["rules"]
    assert [a["id"] for a in service.alerts(store, matching=True)] == [alert["id"]]
    ingest([_report("02"), _report("01")], store=store, workers=1)
    assert len(received) == 1  # nothing new: nothing posted


def test_passes_a_dead_webhook_is_reported_and_the_documents_stay(store: Store) -> None:
    service.add_alert_rule(store, webhook="http://127.0.0.1:9/nothing-listens")
    report = ingest([_report("01")], store=store, workers=1)
    assert report.added and report.alerts
    assert report.alert_errors and "127.0.0.1:9" in report.alert_errors[0]


def test_passes_an_alerts_failure_never_fails_the_ingest(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.alerts.passes as passes

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("snapshot unreadable")

    monkeypatch.setattr(passes, "finish", broken)
    report = ingest([_report("01")], store=store, workers=1)
    assert report.added and report.alerts == []
    assert report.alert_errors == ["alerts not evaluated: RuntimeError: snapshot unreadable; the next run tries "
                                   "again"]


def test_passes_on_postgres_keep_the_changed_alert_and_an_idle_pass_nothing(request: pytest.FixtureRequest) -> None:
    store = open_store(str(request.getfixturevalue("postgres_url")), create=True)
    try:
        ingest([_report("01")], store=store, workers=1)
        second = ingest([_report("02")], store=store, workers=1)
        (changed,) = _changed(store)
        assert changed["id"] in second.alerts and "30 → 50" in changed["message"]
        stored = store.list_alerts()
        assert ingest([_report("02")], store=store, workers=1).alerts == [] and store.list_alerts() == stored
    finally:
        store.close()


def test_passes_after_rm_alerts_never_compare_with_or_cite_the_removed_report(store: Store) -> None:
    from dossier.pipeline import remove

    first = ingest([_report("01"), _report("02")], store=store, workers=1)
    fifty = first.added[1]  # report 02: the toll at 50
    assert any(fifty in a["docs"] for a in store.list_alerts())  # "killed 30 → 50" cites it
    remove([fifty], store=store)
    assert all(fifty not in a["docs"] for a in store.list_alerts())  # gone with its source
    ingest([_report("03")], store=store, workers=1)
    latest = [a for a in _changed(store) if "52" in a["message"]]
    assert len(latest) == 1 and latest[0]["message"].endswith("in Kramatorsk: killed 30 → 52 (2 reports)")
    assert fifty not in latest[0]["docs"] and all(s["doc"] != fifty for s in latest[0]["spans"])


def test_passes_the_first_load_into_an_empty_store_is_the_baseline(store: Store) -> None:
    """An archive loaded first raises no "new" alerts for everything in it, only the changes and
    disputes inside it; what comes after is new against it."""
    first = ingest([_report("01"), _report("02")], store=store, workers=1)
    kinds = {a["kind"] for a in store.list_alerts()}
    assert first.alerts and kinds <= {"changed", "dispute"} and "changed" in kinds
    later = ingest([_report("04")], store=store, workers=1)
    assert {a["kind"] for a in store.list_alerts() if a["id"] in later.alerts} & {"new-event", "new-source"}
