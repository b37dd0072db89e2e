"""One named person killed in overlapping windows is one killing, however the reports date it."""

from __future__ import annotations

from dataclasses import replace

from dossier.extract.records import Event, TimeExpr
from dossier.query.timeline import build_timeline
from dossier.records import Document, Span


def _doc(doc_id: str, text: str, published: str, *, actor: str | None, day: str | None) -> Document:
    start = text.index("was killed")
    time = TimeExpr(text="on Sunday", value=day, span=Span(doc_id, 0, 1, 0, "t"), precision="day") if day else None
    event = Event(type="ASSAULT", action="was killed", span=Span(doc_id, 0, start + 10, 0, "t"),
                  actor=actor, actor_id=f"ent_{actor.lower()}" if actor else None,
                  target="Rahim Zadran", target_id="ent_zadran", time=time)
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, published=published, outlet=doc_id,
                    events=(event,))


def test_a_person_killed_once_is_one_event_across_reports() -> None:
    dated = _doc("a1", "Rahim Zadran was killed by the army on Sunday.", "2024-03-04", actor="Army", day="2024-03-03")
    undated = _doc("b2", "Militant commander Rahim Zadran was killed, officials said.", "2024-03-05",
                   actor=None, day=None)
    rows = build_timeline([dated, undated])
    assert len(rows) == 1
    assert rows[0]["documents"] == 2 and rows[0]["date"] == "2024-03-03"


def test_different_victims_stay_apart() -> None:
    one = _doc("a1", "Rahim Zadran was killed by the army on Sunday.", "2024-03-04", actor="Army", day="2024-03-03")
    other = _doc("b2", "Rahim Zadran was killed, officials said.", "2024-03-05", actor=None, day=None)
    other = replace(other, events=(replace(other.events[0], target="Omar Sadiq", target_id="ent_sadiq"),))
    assert len(build_timeline([one, other])) == 2
