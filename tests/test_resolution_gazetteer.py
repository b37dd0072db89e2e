"""Resolution and derived relations with the shipped gazetteer switched off (``Settings.gazetteer``).

Off, no alias merge (Islamic Emirate = Taliban) and no affiliate/parent link comes from
``data/actors.jsonl``; the store keeps the mode it was resolved in through ``rm`` and
``entity merge``, until an ingest with the other setting re-resolves it.
"""

import json
from pathlib import Path

import pytest

from dossier import ingest_paths, open_store
from dossier.pipeline import remove
from dossier.resolution import add_override
from dossier.settings import Settings

FIRST = ("Islamic Emirate Says ISIS-K Cell Broken Up\n\n"
         "KABUL — The Islamic Emirate said on Monday that its forces had broken up an ISIS-K cell in Kabul, "
         "and that the Islamic State would find no shelter in Afghanistan.\n\n"
         "AQIS, the al-Qaeda branch in South Asia, praised an attack on a checkpoint in Khost.\n")
SECOND = ("Taliban Deny Talks With Pakistan Stalled\n\n"
          "ISLAMABAD — A Taliban spokesman said on Tuesday that talks with Pakistan had not stalled, "
          "and that al-Qaeda had no fighters in Kunar.\n")


@pytest.fixture()
def files(tmp_path: Path) -> list[str]:
    paths = []
    for name, text in (("first.txt", FIRST), ("second.txt", SECOND)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(str(tmp_path / name))
    return paths


def _ingest(db: Path, files: list[str], *, gazetteer: bool):
    store = open_store(str(db), create=True)
    ingest_paths(files, store=store, settings=Settings(db=str(db), gazetteer=gazetteer))
    return store


def _together(store, a: str, b: str) -> bool:
    """Whether two names as written ended in one resolved entity."""
    return any({a, b} <= {e.name, *e.aliases} for e in store.list_entities())


def _gazetteer_links(store) -> list[dict]:
    return [r for r in store.derived_relations() if "gazetteer:" in json.dumps(r)]


def test_resolution_with_gazetteer_merges_aliases_and_links_affiliates(tmp_path, files):
    store = _ingest(tmp_path / "on.db", files, gazetteer=True)
    try:
        assert _together(store, "Islamic Emirate", "Taliban")
        assert _gazetteer_links(store), "ISIS-K → Islamic State, AQIS → al-Qaeda"
        assert any(e.gazetteer for e in store.list_entities())
    finally:
        store.close()


def test_resolution_without_gazetteer_merges_no_aliases_and_rolls_nothing_up(tmp_path, files):
    store = _ingest(tmp_path / "off.db", files, gazetteer=False)
    try:
        assert not _together(store, "Islamic Emirate", "Taliban")
        assert _gazetteer_links(store) == []
        assert not any(e.gazetteer for e in store.list_entities())
    finally:
        store.close()


def test_resolution_keeps_the_stores_mode_through_rm_and_merge(tmp_path, files):
    store = _ingest(tmp_path / "off.db", files, gazetteer=False)
    try:
        second = next(d.id for d in store.iter_documents() if d.source.endswith("second.txt"))
        remove([second], store=store)
        add_override(store, "merge", ["Khost", "Kabul"])
        # still no gazetteer: switched back on, the resolver's alias table would key "Islamic Emirate"
        assert not any(e.gazetteer for e in store.list_entities())
        assert _together(store, "Khost", "Kabul")
        ingest_paths([files[1]], store=store, settings=Settings(gazetteer=False))
        assert not _together(store, "Islamic Emirate", "Taliban")
    finally:
        store.close()


def test_resolution_switching_the_gazetteer_on_re_resolves_the_store(tmp_path, files):
    store = _ingest(tmp_path / "both.db", files[:1], gazetteer=False)
    try:
        ingest_paths(files[1:], store=store, settings=Settings(gazetteer=True))
        assert _together(store, "Islamic Emirate", "Taliban")  # the resolver's alias table is back
    finally:
        store.close()


def test_ingest_without_settings_reads_dossier_gazetteer(tmp_path, files, monkeypatch):
    """Library and web ingests pass no Settings: the environment variable still switches the gazetteer."""
    monkeypatch.setenv("DOSSIER_GAZETTEER", "off")
    store = open_store(str(tmp_path / "env.db"), create=True)
    try:
        ingest_paths(files, store=store)
        assert not _together(store, "Islamic Emirate", "Taliban")
        assert not any(m.gazetteer for d in store.iter_documents() for e in d.entities for m in e.mentions)
    finally:
        store.close()
