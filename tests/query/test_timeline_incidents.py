"""One timeline event per real event: reports whose tolls the claims layer ties to one incident merge.

Three outlets report the April 2022 Kramatorsk station strike (fixtures we wrote, in
``tests/fixtures/claims_story/``); their events share no resolved participant (the targets are
"crowded railway station" and "people"), so only the incident their casualty figures belong to
can tell the timeline they are one strike.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier import ingest_paths, open_store, service

STORY = Path(__file__).resolve().parents[1] / "fixtures" / "claims_story"


@pytest.fixture(scope="module")
def rows(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    store = open_store(str(tmp_path_factory.mktemp("incidents") / "story.db"), create=True)
    try:
        ingest_paths(sorted(str(p) for p in STORY.glob("0[123]_*.txt")), store=store)
        return service.timeline(store)
    finally:
        store.close()


def test_the_strike_three_outlets_report_is_one_event(rows: list[dict]) -> None:
    strikes = [r for r in rows if r["type"] == "ASSAULT" and r["quantities"].get("killed")]
    assert len(strikes) == 1, [(r["action"], r["documents"]) for r in strikes]
    strike = strikes[0]
    assert strike["documents"] == 3
    assert strike["quantities"]["killed"] == 52  # the latest report's figure
    assert {f["value"] for f in strike["figures"]["killed"]} == {30, 52}
    assert strike["date"] == "2022-04-08"
