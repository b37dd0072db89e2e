"""Cross-document entities kept in step with the store: ingest, rm, overrides, order."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier import ingest_paths, open_store
from dossier.cli.main import app
from dossier.pipeline import remove
from dossier.query.entities import entity_page, find_entity

SAMPLES = Path(__file__).resolve().parents[1] / "samples" / "articles"
FILES = sorted(str(p) for p in SAMPLES.iterdir())


def entity_snapshot(store) -> list[tuple]:
    return sorted((e.id, e.name, e.type, e.documents, e.mentions) for e in store.list_entities())


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("resolution") / "all.db")
    store = open_store(path, create=True)
    ingest_paths([str(SAMPLES)], store=store)
    store.close()
    return path


def test_resolution_merges_spellings_across_documents(db):
    store = open_store(db)
    qaeda = find_entity(store, "al Qaida")
    assert qaeda.name == "al-Qaeda" and qaeda.documents >= 5
    assert {"al Qaeda", "al Qaida", "al-Qaeda"} <= set(qaeda.aliases)
    taliban = find_entity(store, "Islamic Emirate")
    assert taliban.name == "Taliban"
    store.close()


def test_resolution_keeps_affiliates_apart(db):
    store = open_store(db)
    iskp = find_entity(store, "ISIS-K")
    assert iskp.id != find_entity(store, "al-Qaeda").id
    assert "Islamic State Khorasan Province" in (iskp.name, *iskp.aliases)
    store.close()


def test_entity_page_cites_quotes_by_the_entity(db):
    store = open_store(db)
    page = entity_page(store, "Khalilzad")
    assert page["name"] == "Zalmay Khalilzad"
    assert page["quotes_by"], "Khalilzad is quoted in the samples"
    for quote in page["quotes_by"]:
        assert store.get_document(quote["doc"]).text[quote["start"]:quote["end"]] == quote["text"]
    assert all(m["rule"] and m["evidence"] is not None for m in page["merges"])
    store.close()


def test_resolution_ids_do_not_depend_on_ingest_order(db, tmp_path):
    store = open_store(str(tmp_path / "reversed.db"), create=True)
    for path in reversed(FILES):
        ingest_paths([path], store=store)
    reversed_snapshot = entity_snapshot(store)
    store.close()
    original = open_store(db)
    assert reversed_snapshot == entity_snapshot(original)
    original.close()


def test_resolution_rm_then_reingest_restores_the_same_entities(db, tmp_path):
    store = open_store(str(tmp_path / "rm.db"), create=True)
    ingest_paths([str(SAMPLES)], store=store)
    before = entity_snapshot(store)
    doc = next(d for d in store.list_documents() if "Zawahiri" in (d.title or ""))
    remove([doc.id], store=store)
    after_rm = entity_snapshot(store)
    assert after_rm != before
    assert all("Zawahiri" not in name or docs < 3 for _, name, _, docs, _ in after_rm)
    ingest_paths([str(SAMPLES)], store=store)
    assert entity_snapshot(store) == before
    store.close()


def test_entity_overrides_survive_reingest(tmp_path):
    db = str(tmp_path / "override.db")
    runner = CliRunner()

    def ids() -> dict[str, str]:
        listed = json.loads(runner.invoke(app, ["entities", "--json", "--db", db]).stdout)
        return {alias: e["id"] for e in listed for alias in (e["name"], *e["aliases"])}

    assert runner.invoke(app, ["ingest", str(SAMPLES / "feed.xml"), "--db", db]).exit_code == 0
    people = sorted(e["name"] for e in json.loads(runner.invoke(app, ["entities", "--json", "--db", db]).stdout)
                    if e["type"] == "PERSON")
    first, second = people[:2]
    assert ids()[first] != ids()[second]
    result = runner.invoke(app, ["entity", "merge", first, second, "--db", db])
    assert result.exit_code == 0, result.stderr
    assert ids()[first] == ids()[second]
    assert runner.invoke(app, ["ingest", str(SAMPLES / "extra.jsonl"), "--db", db]).exit_code == 0
    assert ids()[first] == ids()[second], "the merge must survive ingesting more documents"
    store = open_store(db)
    assert store.entity_overrides() == [("merge", first, second)]
    store.close()
    assert runner.invoke(app, ["entity", "split", first, second, "--db", db]).exit_code == 0
    assert ids()[first] != ids()[second], "a later split wins over the earlier merge"


def test_entity_merge_needs_two_names(tmp_path):
    result = CliRunner().invoke(app, ["entity", "merge", "Taliban", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2 and "two names" in result.stderr


def test_entity_unknown_name_says_how_to_list(db):
    result = CliRunner().invoke(app, ["entity", "Nobody Anywhere", "--db", db])
    assert result.exit_code == 2 and "dossier entities" in result.stderr


def test_graph_json_links_resolved_actors_with_sources(db):
    result = CliRunner().invoke(app, ["graph", "--entity", "Taliban", "--json", "--db", db])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    names = {n["name"] for n in data["nodes"]}
    assert "Taliban" in names and "Zabihullah Mujahid" in names
    edges = data.get("links") or data.get("edges")
    assert edges and all(e["provenance"] for e in edges)


def test_graph_as_of_drops_later_relations(db):
    def count(*extra: str) -> int:
        out = CliRunner().invoke(app, ["graph", "--json", "--db", db, *extra]).stdout
        data = json.loads(out)
        return len(data.get("links") or data.get("edges") or [])

    assert 0 < count("--as-of", "2020-06") < count()


def test_export_graphml_reads_back_in_networkx(db, tmp_path):
    import networkx as nx

    target = tmp_path / "actors.graphml"
    result = CliRunner().invoke(app, ["export", "--format", "graphml", "--out", str(target), "--db", db])
    assert result.exit_code == 0, result.stderr
    graph = nx.read_graphml(target, force_multigraph=True)
    names = {data["name"] for _, data in graph.nodes(data=True)}
    assert {"Taliban", "al-Qaeda", "Zalmay Khalilzad"} <= names
    assert all("type" in data and "weight" in data for _, _, data in graph.edges(data=True))


def test_entity_page_lists_relations_with_sources(db):
    store = open_store(db)
    page = entity_page(store, "Zabihullah Mujahid")
    assert any(r["type"] in ("spokesman_of", "member_of") and r["target"] == "Taliban" for r in page["relations"])
    for rel in page["relations"]:
        assert store.get_document(rel["doc"]).text[rel["start"]:rel["end"]] == rel["text"]
    store.close()


def test_export_markdown_brief_cites_both_sides_of_a_dispute(db):
    import re

    result = CliRunner().invoke(app, ["export", "--format", "markdown", "--db", db])
    assert result.exit_code == 0, result.stderr
    brief = result.stdout
    for heading in ("# Dossier brief", "## Key actors", "## Timeline", "## Claims", "## Sources"):
        assert heading in brief
    assert "### Disputed" in brief and " disputes: “" in brief and " holds: “" in brief
    store = open_store(db)
    ids = {d.id[:12]: d.id for d in store.list_documents()}
    cites = re.findall(r"`([0-9a-f]{12})` (\d+)–(\d+)\)", brief)
    assert cites
    for short, start, end in cites:
        assert store.get_document(ids[short]).text[int(start):int(end)].strip()
    store.close()


def test_export_markdown_topic_with_no_match_says_so(db):
    result = CliRunner().invoke(app, ["export", "--format", "markdown", "--topic", "Antarctica", "--db", db])
    assert result.exit_code == 0
    assert "No stored document matches this topic." in result.stdout


def test_documents_stored_without_resolution_are_resolved_by_the_next_ingest(tmp_path):
    store = open_store(str(tmp_path / "interrupted.db"), create=True)
    ingest_paths([str(SAMPLES / "feed.xml")], store=store)
    baseline = entity_snapshot(store)
    # simulate a run interrupted after storing documents but before resolving them
    store._db.execute("DELETE FROM entity_members")  # noqa: SLF001
    store._db.execute("DELETE FROM entity_clusters")  # noqa: SLF001
    store._db.execute("DELETE FROM resolver_state")  # noqa: SLF001
    assert store.unresolved_documents()
    ingest_paths([str(SAMPLES / "extra.jsonl")], store=store)
    assert not store.unresolved_documents()
    known = {alias for e in store.list_entities() for alias in (e.name, *e.aliases)}
    assert {name for _, name, *_ in baseline} <= known
    store.close()


def test_export_csv_reads_back_with_one_row_per_event(db):
    import csv
    import io

    result = CliRunner().invoke(app, ["export", "--format", "csv", "--db", db])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {"date", "actor1", "actor2", "event_type", "quantities", "place", "source_url", "text"} <= set(rows[0])
    signing = [r for r in rows if r["event_type"] == "AGREE" and r["date"] == "2020-02-29"]
    assert len(signing) == 1 and int(signing[0]["sources"]) >= 2, "one row per event, not per article"
    store = open_store(db)
    for row in rows[:50]:
        assert store.get_document(row["doc"]).text[int(row["start"]):int(row["end"])] == row["text"]
    store.close()


def test_export_plover_lines_are_json_events(db):
    result = CliRunner().invoke(app, ["export", "--format", "plover", "--db", db])
    assert result.exit_code == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert events and all(e["event_type"] and e["sources"] for e in events)
    assert any(e["event_type"] == "ASSAULT" and e["quantities"] for e in events)


def test_entity_split_of_gazetteer_aliases_says_they_stay_one_actor(tmp_path):
    db = str(tmp_path / "aliases.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(SAMPLES), "--db", db]).exit_code == 0
    listed = json.loads(runner.invoke(app, ["entities", "--json", "--db", db]).stdout)
    taliban = next(e for e in listed if e["name"] == "Taliban")
    assert "Islamic Emirate" in taliban["aliases"]
    result = runner.invoke(app, ["entity", "split", "Taliban", "Islamic Emirate", "--db", db])
    assert result.exit_code == 0
    assert "still one entity" in result.stderr and "gazetteer" in result.stderr
    result = runner.invoke(app, ["entity", "split", "Miriam Holloway", "Holloway", "--db", db])
    assert result.exit_code == 0 and "still one entity" not in result.stderr


def test_entity_page_with_max_documents_reads_only_the_newest(db):
    store = open_store(db)
    try:
        whole = entity_page(store, "Taliban")
        cut = entity_page(store, "Taliban", max_documents=3)
        dated = {d.id: d.published or "" for d in store.list_documents()}
    finally:
        store.close()
    assert whole["documents_total"] == cut["documents_total"] == len(whole["documents"]) > 3
    assert len(cut["documents"]) == 3
    newest = sorted((dated[d["id"]] for d in whole["documents"]), reverse=True)[:3]
    assert sorted(dated[d["id"]] for d in cut["documents"]) == sorted(newest)
    assert {e["doc"] for e in cut["events"]} <= {d["id"] for d in cut["documents"]}
