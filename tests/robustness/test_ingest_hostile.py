"""Issue 11, items 1-3, 7, 8, 11: inputs that used to crash a run, hang it or lose text silently."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.backends import open_store
from dossier.cli.main import app
from dossier.engine import process
from dossier.extract.stage import Extractor
from dossier.extract.windows import split_windows
from dossier.ingest import detect_format, iter_inputs, read_items
from dossier.pipeline import ingest
from dossier.records import Document, Raw, Rejection
from tests.robustness.corpus import STORIES, gz, page, rss, scraped


def run(*args: str):
    return CliRunner().invoke(app, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


# -- 1. documents longer than spaCy's 1,000,000-character limit ----------------------------------

def test_windows_tile_the_text_and_cut_at_paragraphs() -> None:
    text = "\n\n".join(f"Paragraph {i} " + "word " * (i % 40) for i in range(2000))
    windows = split_windows(text, size=5_000)
    assert windows[0][0] == 0 and windows[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(windows, windows[1:]))
    assert all(end - start <= 5_000 for start, end in windows)
    assert all(text[end - 2:end] == "\n\n" for _, end in windows[:-1])
    unbroken = "x" * 12_000
    assert [e - s for s, e in split_windows(unbroken, size=5_000)] == [5_000, 5_000, 2_000]


def test_a_text_over_spacys_limit_is_extracted_with_exact_spans() -> None:
    # A blank English pipeline enforces the same 1,000,000-character limit as the real one
    # and tokenizes fast, so the whole over-limit path runs here in seconds.
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    unit = "The ministry in Kabul said 12 people were killed on Monday. \"We will rebuild,\" she said.\n\n"
    text = unit * (1_050_000 // len(unit) + 1)
    assert len(text) > nlp.max_length
    doc = Extractor(nlp=nlp).extract(Document(id="long", source="long.txt", text=text, published="2024-03-04"))
    assert len(doc.times) >= 10_000
    for fact in (*doc.quantities, *doc.times, *doc.quotes):
        assert text[fact.span.start:fact.span.end] == fact.text
    assert doc.times[-1].span.start > 1_000_000  # facts from the last window, at their true offsets
    sentences = [t.span.sentence for t in doc.times]
    assert sentences == sorted(sentences) and sentences[-1] > 10_000  # sentence numbers run on


def test_windowed_extraction_finds_what_whole_extraction_finds(extractor: Extractor,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(scraped(key).split("By Staff Reporter\n\n", 1)[1].split("\nRelated:")[0] for key in STORIES)
    whole = extractor.extract(Document(id="d", source="d", text=text, published="2024-01-15"))
    monkeypatch.setattr("dossier.extract.stage.WINDOW", 700)
    windowed = extractor.extract(Document(id="d", source="d", text=text, published="2024-01-15"))
    assert len(split_windows(text, size=700)) >= 4
    for fact in (*windowed.quotes, *windowed.quantities, *windowed.times, *windowed.places):
        assert text[fact.span.start:fact.span.end] == fact.text
    for entity in windowed.entities:
        for mention in entity.mentions:
            assert text[mention.span.start:mention.span.end] == mention.text

    def names(doc: Document) -> set[str]:
        return {e.name for e in doc.entities}

    assert len(names(whole) & names(windowed)) >= 0.8 * len(names(whole))
    assert {q.text for q in windowed.quotes if q.direct} == {q.text for q in whole.quotes if q.direct}


# -- 2. byte-identical files in one run ----------------------------------------------------------

def test_identical_files_are_one_document_and_one_duplicate(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_text(scraped("sudan"))
    (folder / "report (1).txt").write_text(scraped("sudan"))
    (folder / "other.txt").write_text(scraped("ukraine"))
    db = str(tmp_path / "s.db")
    result = run("ingest", str(folder), "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert len(report["added"]) == 2 and report["duplicates"] == 1 and report["rejected"] == []
    assert report["store"]["documents"] == 2
    again = json.loads(run("ingest", str(folder), "--db", db, "--json").stdout)
    assert again["added"] == [] and again["unchanged"] + again["duplicates"] == 3


# -- 3. no single item takes the run down --------------------------------------------------------

def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for key in STORIES:
        (folder / f"{key}.txt").write_text(scraped(key))
    return folder


def test_a_crash_while_cleaning_one_item_rejects_only_that_item(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier import engine

    real = engine.clean

    def flaky(raw: Raw) -> Document | Rejection:
        if "sahel" in raw.source:
            raise RuntimeError("boom in the cleaner")
        return real(raw)

    monkeypatch.setattr(engine, "clean", flaky)
    store = open_store(tmp_path / "s.db", create=True)
    report = ingest([str(_folder(tmp_path))], store=store, workers=1)
    assert [r.source.endswith("sahel.txt") for r in report.rejections] == [True]
    reason = report.rejections[0].reason
    assert "unexpected error while cleaning (RuntimeError: boom in the cleaner)" in reason and "\n" not in reason
    assert "Traceback" in (report.rejections[0].detail or "")
    assert len(report.added) == 3
    assert store.unresolved_documents() == []  # resolution ran for the rest
    assert any(e.name == "Oleh Syniehubov" for e in store.list_entities())
    store.close()


def test_a_crash_while_extracting_one_document_spares_the_rest_of_its_batch(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    real = Extractor.from_parsed

    def flaky(self: Extractor, doc: Document, sdoc: object) -> Document:
        if "Kidal" in doc.text:
            raise ValueError("boom in a component")
        return real(self, doc, sdoc)

    monkeypatch.setattr(Extractor, "from_parsed", flaky)
    store = open_store(tmp_path / "s.db", create=True)
    report = ingest([str(_folder(tmp_path))], store=store, workers=1)
    assert len(report.added) == 3 and len(report.rejections) == 1
    assert report.rejections[0].source.endswith("sahel.txt")
    assert "while extracting" in report.rejections[0].reason
    store.close()


def test_a_crash_while_reading_or_storing_costs_one_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier import pipeline

    real_read = pipeline.read_items

    def flaky_read(inp, **kwargs):  # type: ignore[no-untyped-def]
        if inp.source.endswith("myanmar.txt"):
            raise OSError("disk hiccup")
        return real_read(inp, **kwargs)

    monkeypatch.setattr(pipeline, "read_items", flaky_read)
    store = open_store(tmp_path / "s.db", create=True)
    real_add = store.add_document

    def flaky_add(doc, raw):  # type: ignore[no-untyped-def]
        if "Kharkiv" in doc.text:
            raise sqlite3.IntegrityError("constraint failed")
        return real_add(doc, raw)

    monkeypatch.setattr(store, "add_document", flaky_add)
    report = ingest([str(_folder(tmp_path))], store=store, workers=1)
    rejected = sorted(Path(r.source).name for r in report.rejections)
    assert rejected == ["myanmar.txt", "ukraine.txt"]
    assert len(report.added) == 2 and store.counts()["documents"] == 2
    store.close()
    # Nothing half-written: the rejected inputs are not recorded, so a fixed run takes them.
    monkeypatch.undo()
    store = open_store(tmp_path / "s.db")
    again = ingest([str(tmp_path / "in")], store=store, workers=1)
    assert len(again.added) == 2 and not again.rejections
    store.close()


def test_the_cli_names_an_unexpected_error_in_one_line_and_shows_the_traceback_only_with_debug(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier import engine

    real = engine.clean
    monkeypatch.setattr(engine, "clean", lambda raw: (_ for _ in ()).throw(KeyError("x"))
                        if "sudan" in raw.source else real(raw))
    folder = _folder(tmp_path)
    plain = run("ingest", str(folder), "--db", str(tmp_path / "a.db"), "--no-extract")
    assert plain.exit_code == 1
    lines = [ln for ln in plain.stderr.splitlines() if "sudan.txt" in ln]
    assert len(lines) == 1 and "unexpected error while cleaning (KeyError" in lines[0]
    assert "Traceback" not in plain.stderr
    debug = run("ingest", str(folder), "--db", str(tmp_path / "b.db"), "--no-extract", "--debug")
    assert debug.exit_code == 1 and "Traceback" in debug.stderr


def test_process_never_raises_for_one_bad_item() -> None:
    good = Raw(source="good.txt", data=b"x", format="text", text=scraped("ukraine"))
    bad = Raw(source="bad.txt", data=b"x", format="no-such-format", text=None)
    broken = replace(good, source="broken.txt", text=123)  # type: ignore[arg-type]
    results = process([good, bad, broken, None], None)
    assert isinstance(results[0], Document)
    assert all(isinstance(r, Rejection) for r in results[1:3]) and results[3] is None


# -- 7. scraped text with a few tags is not HTML; little text kept is reported -------------------

def test_scraped_text_with_stray_tags_is_text_and_keeps_its_body(tmp_path: Path) -> None:
    text = scraped("sudan").replace(
        "\nBy Staff Reporter", "<script>window.dataLayer = window.dataLayer || [];</script>\nBy Staff Reporter")
    text = "<script src='/analytics.js'></script>\n" + text + (
        "\nComments\nreader42: great piece <img src=x onerror=alert(1)> thanks\n")
    path = tmp_path / "scraped.txt"
    path.write_text(text)
    assert detect_format(text.encode(), "scraped.txt") == "text"
    db = str(tmp_path / "s.db")
    assert run("ingest", str(path), "--db", db, "--no-extract").exit_code == 0
    record = json.loads(run("export", "--format", "jsonl", "--db", db).stdout)
    body = STORIES["sudan"][1]
    assert all(paragraph in record["text"] for paragraph in body.split("\n\n"))
    assert "<script" not in record["text"] and "onerror" not in record["text"]
    assert record["title"] == STORIES["sudan"][0]  # a tag line above the headline does not displace it


def test_real_pages_and_fragments_are_still_html() -> None:
    assert detect_format(page("sudan").encode(), "x.txt") == "html"
    fragment = "<div class='story'>\n" + "".join(f"<p>{p}</p>\n" for p in STORIES["sudan"][1].split("\n\n")) + "</div>"
    assert detect_format(fragment.encode(), "x.txt") == "html"
    assert detect_format(b"<div>Just one line</div>", "x.html") == "html"
    assert detect_format(b"Use the <div> element for layout.", "note.txt") == "text"


def test_the_report_says_when_cleaning_kept_little_of_a_file(tmp_path: Path) -> None:
    junk = "".join(f"Share this story with friends number {i} | Login | Subscribe | Menu\n" for i in range(120))
    path = tmp_path / "mostly-chrome.txt"
    path.write_text(scraped("ukraine") + junk)
    result = run("ingest", str(path), "--db", str(tmp_path / "s.db"), "--no-extract")
    assert result.exit_code == 0
    notes = [ln for ln in result.stderr.splitlines() if ln.startswith("note:")]
    assert len(notes) == 1 and "mostly-chrome.txt" in notes[0] and "--segments" in notes[0]
    assert "boilerplate" in notes[0]
    quiet = run("ingest", str(_folder(tmp_path)), "--db", str(tmp_path / "t.db"), "--no-extract")
    assert "note:" not in quiet.stderr  # ordinary articles are not flagged


# -- 8. deeply nested HTML -----------------------------------------------------------------------

@pytest.mark.parametrize("depth", [300, 5_000])
def test_deeply_nested_html_keeps_its_article(tmp_path: Path, depth: int) -> None:
    title, body = STORIES["myanmar"]
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    html = (f"<html><head><title>{title}</title></head><body>" + "<div class='wrap'>" * depth
            + paragraphs + "</div>" * depth + "</body></html>")
    path = tmp_path / "deep.html"
    path.write_text(html)
    db = str(tmp_path / "s.db")
    assert run("ingest", str(path), "--db", db, "--no-extract").exit_code == 0
    record = json.loads(run("export", "--format", "jsonl", "--db", db).stdout)
    assert all(paragraph in record["text"] for paragraph in body.split("\n\n"))
    assert record["title"] == title


# -- 11. gzip-compressed documents ---------------------------------------------------------------

def test_gzip_documents_are_decompressed_and_ingested(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "page.html.gz").write_bytes(gz(page("sudan")))
    (folder / "article.txt.gz").write_bytes(gz(scraped("ukraine")))
    (folder / "feed.xml.gz").write_bytes(gz(rss(["sahel", "myanmar"])))
    formats = {Path(i.source).name: i.format for i in iter_inputs([str(folder)]) if not isinstance(i, Rejection)}
    assert formats == {"page.html.gz": "html", "article.txt.gz": "text", "feed.xml.gz": "rss"}
    db = str(tmp_path / "s.db")
    result = run("ingest", str(folder), "--db", db, "--no-extract", "--json")
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)["added"]) == 4
    texts = " ".join(json.loads(line)["text"] for line in run("export", "--format", "jsonl", "--db", db).stdout.splitlines())
    assert "eleven trucks" in texts and "Kharkiv" in texts and "Kidal" in texts and "Laukkai" in texts


def test_broken_and_oversized_gzip_files_are_named(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    whole = gz(scraped("sudan"))
    (folder / "truncated.txt.gz").write_bytes(whole[: len(whole) // 2])
    (folder / "bomb.txt.gz").write_bytes(gz(b"A" * 3_000_000))
    (folder / "empty.txt.gz").write_bytes(gz(b""))
    (folder / "binary.gz").write_bytes(gz(bytes(range(256)) * 10))
    (folder / "good.txt").write_text(scraped("ukraine"))
    result = run("ingest", str(folder), "--db", str(tmp_path / "s.db"), "--no-extract", "--max-bytes", "1000000")
    assert result.exit_code == 1
    reasons = {Path(ln.split(": ")[1]).name: ln for ln in result.stderr.splitlines() if ln.startswith("rejected:")}
    assert set(reasons) == {"truncated.txt.gz", "bomb.txt.gz", "empty.txt.gz", "binary.gz"}
    assert "truncated gzip" in reasons["truncated.txt.gz"]
    assert "1 MB limit" in reasons["bomb.txt.gz"]
    assert "binary" in reasons["binary.gz"]
    assert "1 document added" in result.stderr


def test_read_items_of_a_gzip_input_hold_the_decompressed_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt.gz"
    path.write_bytes(gz(scraped("sahel")))
    (inp,) = list(iter_inputs([str(path)]))
    assert not isinstance(inp, Rejection)
    (raw,) = list(read_items(inp))
    assert isinstance(raw, Raw) and raw.data == scraped("sahel").encode()


def test_show_segments_says_how_much_was_kept_and_how(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(scraped("sahel"))
    db = str(tmp_path / "s.db")
    report = json.loads(run("ingest", str(path), "--db", db, "--no-extract", "--json").stdout)
    shown = run("show", report["added"][0], "--segments", "--db", db).stdout
    kept = [line for line in shown.splitlines() if line.startswith("kept ")]
    assert len(kept) == 1 and "read as text" in kept[0] and "characters (" in kept[0]
