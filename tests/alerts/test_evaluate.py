"""evaluate() over snapshots of a real store grown report by report (see conftest), and over
hand-built snapshots where the test is about our own counting and matching."""

from __future__ import annotations

import json
from datetime import timedelta

from dossier.alerts import Alert, Snapshot, evaluate, make_rule
from dossier.alerts.snapshot import DocState
from tests.alerts.conftest import NOW, Story


def _kind(alerts: list[Alert], kind: str) -> list[Alert]:
    return [a for a in alerts if a.kind == kind]


def _assert_spans_hold(alerts: list[Alert], story: Story) -> None:
    for alert in alerts:
        for span in alert.spans:
            assert story.text[span.doc][span.start:span.end] == span.text, (alert.message, span)
            assert span.doc in alert.docs


def test_evaluate_rising_toll_is_one_changed_alert_citing_both_reports(story: Story) -> None:
    alerts = evaluate(story.snaps[2], story.snaps[3], new_docs=[story.doc["03"]], now=NOW)
    changed = _kind(alerts, "changed")
    assert len(changed) == 1, [a.message for a in alerts]
    (alert,) = changed
    assert alert.message == "strike in Kramatorsk: killed 50 → 52 (2 reports)"
    assert alert.docs == tuple(sorted((story.doc["02"], story.doc["03"])))
    assert [(s.doc, s.text) for s in alert.spans] == [(story.doc["02"], "50"), (story.doc["03"], "52")]
    assert alert.claim is not None and alert.claim.startswith("clm_") and alert.event is None
    assert alert.count == 1 and alert.created == NOW.isoformat(timespec="seconds")
    assert alert.link.startswith("/claims?status=changed&predicate=killed") and alert.link.endswith(alert.claim)
    _assert_spans_hold(alerts, story)


def test_evaluate_first_rise_cites_the_first_report_figure(story: Story) -> None:
    (alert,) = _kind(evaluate(story.snaps[1], story.snaps[2], now=NOW), "changed")
    assert alert.message == "strike in Kramatorsk: killed 30 → 50 (2 reports)"
    first, second = alert.spans
    assert first.doc == story.doc["01"] and "30" in first.text
    assert second.doc == story.doc["02"] and second.text == "50"
    _assert_spans_hold([alert], story)


def test_evaluate_same_day_clash_is_a_dispute_citing_both_sides(story: Story) -> None:
    alerts = evaluate(story.snaps[4], story.snaps[5], new_docs=[story.doc["05"]], now=NOW)
    toll = [a for a in _kind(alerts, "dispute") if "killed" in a.message]
    assert len(toll) == 1, [a.message for a in alerts]
    (alert,) = toll
    assert "100–300 vs 471" in alert.message and alert.message.startswith("Disputed: ")
    assert alert.docs == tuple(sorted((story.doc["04"], story.doc["05"])))
    by_doc = {s.doc: s.text for s in alert.spans}
    assert "471 people were killed" in by_doc[story.doc["04"]]
    assert "between 100 and 300 people were killed" in by_doc[story.doc["05"]]
    _assert_spans_hold(alerts, story)


def test_evaluate_already_disputed_cluster_is_not_disputed_again(story: Story) -> None:
    # Kramatorsk responsibility: blamed and denied in report 01 already; reports 02 and 03 add to both sides
    first = [a for a in _kind(evaluate(story.snaps[0], story.snaps[1], now=NOW), "dispute")
             if "Russia responsible" in a.message]
    assert len(first) == 1
    later = evaluate(story.snaps[1], story.snaps[3], now=NOW)
    assert [a for a in later if a.claim == first[0].claim and a.kind == "dispute"] == []


def test_evaluate_new_event_only_for_events_no_report_told_before(story: Story) -> None:
    alerts = evaluate(story.snaps[3], story.snaps[4], now=NOW)
    events = _kind(alerts, "new-event")
    assert events, [a.message for a in alerts]
    before_ids = {e.id for e in story.snaps[3].events.values()}
    after_ids = {e.id for e in story.snaps[4].events.values()}
    for alert in events:
        assert alert.docs == (story.doc["04"],)
        assert alert.event in after_ids and alert.event not in before_ids
        assert alert.message.startswith("New event: ") and alert.link.startswith("/timeline")
    assert any("Israeli" in a.message for a in events)
    _assert_spans_hold(alerts, story)
    # report 03 joins the strike 01 and 02 told: the strike grows, it is not new
    grown = _kind(evaluate(story.snaps[2], story.snaps[3], now=NOW), "new-event")
    assert all(a.docs == (story.doc["03"],) for a in grown)
    assert not any(a.event == e.id for a in grown for e in story.snaps[2].events.values())


def test_evaluate_new_outlet_is_one_new_source_alert(story: Story) -> None:
    sources = _kind(evaluate(story.snaps[3], story.snaps[4], now=NOW), "new-source")
    assert [(a.message, a.docs, a.count) for a in sources] == [
        ("New source: Levant Observer, 1 report", (story.doc["04"],), 1)]
    assert sources[0].link == f"/doc/{story.doc['04']}"


def test_evaluate_is_idempotent(story: Story) -> None:
    once = evaluate(story.snaps[2], story.snaps[3], now=NOW)
    again = evaluate(story.snaps[2], story.snaps[3], now=NOW + timedelta(hours=1))
    assert once and [a.id for a in once] == [a.id for a in again]
    assert len({a.id for a in once}) == len(once)
    # the same pass seen again: nothing changed, nothing new
    assert evaluate(story.snaps[3], story.snaps[3], now=NOW) == []
    assert evaluate(story.snaps[3], story.snaps[3], new_docs=[story.doc["03"]], now=NOW) == []


def test_snapshot_json_round_trip_gives_the_same_alerts(story: Story) -> None:
    before = Snapshot.from_json(json.loads(json.dumps(story.snaps[4].to_json())))
    assert before == story.snaps[4]
    assert evaluate(before, story.snaps[5], now=NOW) == evaluate(story.snaps[4], story.snaps[5], now=NOW)


def test_alert_json_has_the_contract_fields_and_round_trips(story: Story) -> None:
    for alert in evaluate(story.snaps[2], story.snaps[3], now=NOW):
        data = json.loads(json.dumps(alert.to_json()))
        assert {"id", "kind", "created", "message", "docs"} <= set(data)
        assert ("claim" in data) == (alert.claim is not None) and ("event" in data) == (alert.event is not None)
        assert Alert.from_json(data) == alert


def test_rule_entity_keeps_only_alerts_about_it(story: Story) -> None:
    pij = make_rule(entity="Palestinian Islamic Jihad")
    everything = evaluate(story.snaps[4], story.snaps[5], now=NOW)
    alerts = evaluate(story.snaps[4], story.snaps[5], [pij], now=NOW)
    assert len(_kind(everything, "dispute")) == 2 and len(alerts) < len(everything)
    (dispute,) = _kind(alerts, "dispute")  # the hospital toll's dispute names no party: left out
    assert "Palestinian Islamic Jihad responsible" in dispute.message
    assert all(a.rules == (pij.id,) for a in alerts)
    assert {a.kind for a in alerts} == {"dispute", "new-source"}  # its denial (a dispute); the report naming it


def test_rule_entity_matches_a_place_and_kinds_narrow(story: Story) -> None:
    place = make_rule(entity="Kramatorsk", kinds=["changed"])
    alerts = evaluate(story.snaps[2], story.snaps[3], [place], now=NOW)
    assert [a.kind for a in alerts] == ["changed"] and "Kramatorsk" in alerts[0].message
    only_sources = make_rule(kinds="new-source")
    assert {a.kind for a in evaluate(story.snaps[2], story.snaps[3], [only_sources], now=NOW)} == {"new-source"}
    elsewhere = make_rule(entity="Hamas")
    assert evaluate(story.snaps[2], story.snaps[3], [elsewhere], now=NOW) == []


def test_rule_partial_name_matches_the_resolved_entity(story: Story) -> None:
    wagner = make_rule(entity="Wagner", kinds="new-source")
    assert any("Wagner Group" in names for names in story.snaps[6].entities.values())
    (alert,) = evaluate(story.snaps[5], story.snaps[6], [wagner], now=NOW)
    assert alert.docs == (story.doc["06"],) and alert.rules == (wagner.id,)
    assert evaluate(story.snaps[4], story.snaps[5], [wagner], now=NOW) == []  # no Wagner in report 05


def test_rule_story_keeps_one_claim_and_lists_every_matching_rule(story: Story) -> None:
    (toll,) = _kind(evaluate(story.snaps[2], story.snaps[3], now=NOW), "changed")
    assert toll.claim is not None
    by_story, by_kind = make_rule(story=toll.claim), make_rule(kinds="changed")
    alerts = evaluate(story.snaps[2], story.snaps[3], [by_story, by_kind], now=NOW)
    assert [(a.id, a.rules) for a in alerts] == [(toll.id, (by_story.id, by_kind.id))]


def _snap(docs: dict[str, str]) -> Snapshot:
    return Snapshot(taken="2026-01-01T00:00:00+00:00",
                    docs={d: DocState(f"outlet:{o.casefold()}", o) for d, o in docs.items()})


def test_evaluate_new_source_counts_its_reports_in_one_alert() -> None:
    before = _snap({"a": "Old Wire"})
    after = _snap({"a": "Old Wire", "b": "Old Wire", "c": "New Post", "d": "New Post", "e": "New Post"})
    alerts = evaluate(before, after, now=NOW)
    assert [(a.kind, a.docs, a.count, a.message) for a in alerts] == [
        ("new-source", ("c", "d", "e"), 3, "New source: New Post, 3 reports")]


def test_evaluate_two_rises_in_one_pass_are_one_alert_with_counts(story: Story) -> None:
    alerts = evaluate(story.snaps[1], story.snaps[3], new_docs=[story.doc["02"], story.doc["03"]], now=NOW)
    (alert,) = [a for a in _kind(alerts, "changed") if "killed" in a.message]
    assert alert.message == "strike in Kramatorsk: killed 30 → 52 (3 reports)"
    assert alert.count == 2
    assert [s.doc for s in alert.spans] == [story.doc["01"], story.doc["02"], story.doc["03"]]
    assert "30" in alert.spans[0].text and alert.spans[-1].text == "52"
    _assert_spans_hold(alerts, story)


def test_evaluate_a_toll_first_seen_already_rising(story: Story) -> None:
    (alert,) = [a for a in _kind(evaluate(story.snaps[0], story.snaps[2], now=NOW), "changed") if "killed" in a.message]
    assert alert.message == "strike in Kramatorsk: killed 30 → 50 (2 reports)" and alert.count == 2


def test_a_new_statement_is_no_new_event_but_a_new_strike_is(story: Story) -> None:
    said = [a for a in evaluate(story.snaps[2], story.snaps[3], now=NOW) if a.kind == "new-event"]
    assert said == []  # report 03 adds only "Russia again denied…": told as the dispute it feeds
    done = [a for a in evaluate(story.snaps[3], story.snaps[4], now=NOW) if a.kind == "new-event"]
    assert done and all(a.event for a in done)
