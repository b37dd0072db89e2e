"""The actor gazetteer's ``kind``: every shipped entry has a valid one, bad ones fail at load."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from dossier.errors import ConfigError
from dossier.extract.gazetteer import KINDS, default_path, load_actors


def _rows() -> list[dict[str, object]]:
    return [json.loads(line) for line in default_path().read_text(encoding="utf-8").splitlines() if line.strip()]


def test_every_shipped_entry_states_a_valid_kind() -> None:
    rows = _rows()
    assert len(rows) >= 255
    missing = [r["key"] for r in rows if r.get("kind") not in KINDS]
    assert missing == []
    assert {a.kind for a in load_actors().values()} <= KINDS


def test_kinds_agree_with_the_spacy_type() -> None:
    for actor in load_actors().values():
        assert (actor.kind == "person") == (actor.type == "PERSON"), actor.key
        if actor.kind in ("armed_group", "state_agency", "intergovernmental", "ngo", "media"):
            assert actor.type in ("ORG", "NORP"), actor.key  # "Mujahideen" is tagged NORP


@pytest.mark.parametrize(("key", "kind"), [
    ("taliban", "armed_group"), ("iskp", "armed_group"), ("wagner-group", "armed_group"),
    ("cia", "state_agency"), ("irgc", "state_agency"), ("white-house", "state_agency"),
    ("un", "intergovernmental"), ("nato", "intergovernmental"), ("unama", "intergovernmental"),
    ("hrw", "ngo"), ("reuters", "media"), ("zalmay-khalilzad", "person"), ("hazaras", "ethnic_group"),
    ("doha-agreement", "agreement"), ("fall-of-kabul", "event"),
])
def test_known_actors_have_their_real_world_kind(key: str, kind: str) -> None:
    assert load_actors()[key].kind == kind


def test_shipped_counts_per_kind_cover_the_main_actor_kinds() -> None:
    counts = Counter(a.kind for a in load_actors().values())
    assert counts["armed_group"] >= 30 and counts["person"] >= 100 and counts["state_agency"] >= 40
    assert counts["other"] == 0  # the shipped file is curated: every entry has a precise kind


def _write(tmp_path: Path, *rows: dict[str, object]) -> Path:
    path = tmp_path / "extra.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_unknown_kind_is_a_config_error_naming_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, {"key": "ok", "name": "Ok", "type": "ORG", "kind": "ngo"},
                  {"key": "bad", "name": "Bad", "type": "ORG", "kind": "militia"})
    with pytest.raises(ConfigError, match=r"extra\.jsonl:2.*kind 'militia'.*armed_group"):
        load_actors([path], include_default=False)


def test_missing_kind_defaults_from_the_type(tmp_path: Path) -> None:
    path = _write(tmp_path, {"key": "p", "name": "Jane Roe", "type": "PERSON"},
                  {"key": "o", "name": "Some Body", "type": "ORG"})
    actors = load_actors([path], include_default=False)
    assert actors["p"].kind == "person" and actors["o"].kind == "other"
