"""End to end on our own sample corpus: ingest → clean → extract → store → export."""

import json
from pathlib import Path

import pytest

from dossier import ingest_paths as ingest
from dossier import open_store
from dossier.export import document_record

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    store = open_store(str(tmp_path_factory.mktemp("pipeline") / "samples.db"), create=True)
    report = ingest([str(SAMPLES)], store=store)
    assert report.rejections == []
    out = [document_record(doc) for doc in store.iter_documents()]
    store.close()
    return out


def by_title(records: list[dict], fragment: str) -> dict:
    return next(r for r in records if fragment in (r["title"] or ""))


def test_pipeline_stores_every_sample_article(records):
    assert len(records) == 13
    assert all(r["text"].strip() and r["entities"] for r in records)


def test_pipeline_every_fact_points_at_its_source_text(records):
    checked = 0
    for record in records:
        text = record["text"]
        for entity in record["entities"]:
            for mention in entity["mentions"]:
                assert text[mention["start"]:mention["end"]] == mention["text"]
                checked += 1
        for kind in ("quotes", "quantities"):
            for fact in record[kind]:
                assert text[fact["start"]:fact["end"]] == fact["text"]
                checked += 1
        for event in record["events"]:
            assert event["action"] in text[event["start"]:event["end"]]
            checked += 1
    assert checked > 500


def test_pipeline_links_speakers_and_actors_to_entities(records):
    ids = {e["id"] for r in records for e in r["entities"]}
    speaker_ids = [q["speaker_id"] for r in records for q in r["quotes"] if q["speaker_id"]]
    actor_ids = [e["actor_id"] for r in records for e in r["events"] if e["actor_id"]]
    assert speaker_ids and actor_ids
    assert set(speaker_ids) <= ids and set(actor_ids) <= ids


def test_pipeline_gives_one_id_to_one_actor_across_documents(records):
    taliban = {e["id"] for r in records for e in r["entities"] if e["name"] == "Taliban"}
    assert len(taliban) == 1
    holders = [r for r in records if any(e["id"] in taliban for e in r["entities"])]
    assert len(holders) >= 10


def test_pipeline_abbey_gate_bombing_is_an_assault_with_casualties(records):
    doc = by_title(records, "Suicide Bombing at Kabul Airport Gate")
    assaults = [e for e in doc["events"] if e["type"] == "ASSAULT" and e["quantities"].get("killed")]
    assert assaults, "no ASSAULT with a death toll"
    assert any(e["quantities"]["killed"] >= 12 for e in assaults)


def test_pipeline_resolves_relative_dates_against_publication(records):
    doc = by_title(records, "US and Taliban Sign Doha Deal")
    assert doc["published"] == "2020-03-02"
    signed = [e for e in doc["events"] if e["type"] == "AGREE" and e["date"]]
    assert any(e["date"] == "2020-02-29" for e in signed)


def test_pipeline_reingest_changes_nothing(tmp_path):
    store = open_store(str(tmp_path / "twice.db"), create=True)
    ingest([str(SAMPLES / "feed.xml"), str(SAMPLES / "extra.jsonl")], store=store)
    first = [json.dumps(document_record(d), sort_keys=True) for d in store.iter_documents()]
    report = ingest([str(SAMPLES / "feed.xml"), str(SAMPLES / "extra.jsonl")], store=store)
    assert report.added == [] and report.unchanged == 2
    assert [json.dumps(document_record(d), sort_keys=True) for d in store.iter_documents()] == first
    store.close()


def test_pipeline_workers_give_the_same_store_as_one_process(tmp_path):
    exports = []
    for workers in (1, 2):
        store = open_store(str(tmp_path / f"w{workers}.db"), create=True)
        ingest([str(SAMPLES / "feed.xml"), str(SAMPLES / "archive.warc.gz")], store=store, workers=workers)
        exports.append([json.dumps(document_record(d), sort_keys=True) for d in store.iter_documents()])
        store.close()
    assert exports[0] == exports[1] and len(exports[0]) == 5


DAY = r"\d{4}-\d{2}-\d{2}"


def test_pipeline_dates_have_the_contract_shape(records):
    import re

    for record in records:
        assert record["published"] is None or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", record["published"])
        for event in record["events"]:
            assert event["date"] is None or re.fullmatch(f"{DAY}(/{DAY})?", event["date"]), event["date"]


def test_contract_date_turns_months_and_years_into_day_ranges():
    from dossier.extract.records import contract_date

    assert contract_date("2020-02") == "2020-02-01/2020-02-29"
    assert contract_date("2014") == "2014-01-01/2014-12-31"
    assert contract_date("2021-08-26") == "2021-08-26"
    assert contract_date(None) is None


def _mixed_folder(folder: Path) -> Path:
    """An English sample article beside French, Arabic, Russian and Ukrainian news of our own."""
    items = [json.loads(line) for line in (Path(__file__).parent / "fixtures/languages.jsonl").read_text("utf-8").splitlines()]
    (folder / "en.txt").write_text((SAMPLES / "frontier_wire_doha_deal.txt").read_text("utf-8"), "utf-8")
    for lang in ("fr", "ar", "ru", "uk"):
        long = [i["text"] for i in items if i["lang"] == lang and i["kind"] == "long"]
        (folder / f"{lang}.txt").write_text("\n\n".join(long) + "\n", "utf-8")
    return folder


def test_pipeline_stores_non_english_documents_without_english_extraction(tmp_path):
    (tmp_path / "mixed").mkdir()
    folder = _mixed_folder(tmp_path / "mixed")
    store = open_store(str(tmp_path / "mixed.db"), create=True)
    report = ingest([str(folder)], store=store)
    docs = {Path(d.source).stem: d for d in store.iter_documents()}
    hits = {lang: [h.id for h in store.search(word)] for lang, word in
            (("fr", "bombardements"), ("ru", "обстрелов"), ("ar", "الدفاع"))}
    store.close()
    assert report.rejections == [] and set(docs) == {"en", "fr", "ar", "ru", "uk"}
    assert {k: d.language for k, d in docs.items()} == {"en": "en", "fr": "fr", "ar": "ar", "ru": "ru", "uk": "uk"}
    assert docs["en"].entities and docs["en"].events
    for lang in ("fr", "ar", "ru", "uk"):
        doc = docs[lang]
        assert (doc.entities, doc.quotes, doc.events, doc.places) == ((), (), (), ())
        assert lang == "uk" or doc.id in hits[lang]  # stored and searchable in its own words
    notes = {Path(n.source).stem: n.message for n in report.notes}
    assert notes["fr"] == ("language fr: stored and searchable; entities, quotes and events not extracted "
                           "(English model only)")
    assert set(notes) >= {"fr", "ar", "ru", "uk"} and "en" not in notes


def test_pipeline_mixed_languages_ingest_the_same_with_workers(tmp_path):
    (tmp_path / "mixed").mkdir()
    folder = _mixed_folder(tmp_path / "mixed")
    exports = []
    for workers in (1, 2):
        store = open_store(str(tmp_path / f"w{workers}.db"), create=True)
        ingest([str(folder)], store=store, workers=workers)
        exports.append(sorted(json.dumps(document_record(d), sort_keys=True) for d in store.iter_documents()))
        store.close()
    assert exports[0] == exports[1]
