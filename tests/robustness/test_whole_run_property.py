"""Whole ingest runs over generated hostile folders (issue 11, item 3).

Each example is a folder mixing good articles in every format, byte-identical copies,
near-duplicates, empty, binary, oversized, truncated gzip and WARC, broken JSONL and RSS
files. Whatever the mix, a run through the real CLI must:

- name on stderr every input it did not store (and store every other one);
- exit 0 when nothing was rejected, 1 otherwise, never with a traceback;
- leave a store that passes ``PRAGMA integrity_check``;
- change nothing when run again (no document added, the same inputs rejected).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from dossier.cli.main import app
from tests.robustness.corpus import STORIES, gz, jsonl, page, rss, scraped, warc

KEYS = sorted(STORIES)
MAX_BYTES = 200_000  # passed as --max-bytes, so "huge" files stay small enough to generate quickly

# Every kind of file, as (suffix, build(story key, draw) -> bytes)
Build = Callable[[str, st.DrawFn], bytes]


def _cut(data: bytes, draw: st.DrawFn) -> bytes:
    """``data`` cut somewhere inside (drawn as a share: WARC bytes differ from run to run)."""
    return data[: max(12, len(data) * draw(st.integers(5, 95)) // 100)]


def _scraped(key: str, draw: st.DrawFn) -> bytes:
    return scraped(key).encode("utf-8")


def _near_duplicate(key: str, draw: st.DrawFn) -> bytes:
    return scraped(key, variant=draw(st.integers(1, 5))).encode("utf-8")


def _page(key: str, draw: st.DrawFn) -> bytes:
    return page(key).encode("utf-8")


def _jsonl(key: str, draw: st.DrawFn) -> bytes:
    return jsonl(draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=3, unique=True))).encode("utf-8")


def _broken_jsonl(key: str, draw: st.DrawFn) -> bytes:
    lines = jsonl([key]).splitlines()
    return ("\n".join([*lines, '{"url": "https://news.example/x", "text": "unterminated'])).encode("utf-8")


def _rss(key: str, draw: st.DrawFn) -> bytes:
    return rss([key, draw(st.sampled_from(KEYS))]).encode("utf-8")


def _broken_rss(key: str, draw: st.DrawFn) -> bytes:
    data = rss([key]).encode("utf-8")
    return _cut(data, draw)


def _warc(key: str, draw: st.DrawFn) -> bytes:
    return warc([key])


def _truncated_warc(key: str, draw: st.DrawFn) -> bytes:
    return _cut(warc([key, draw(st.sampled_from(KEYS))]), draw)


def _gzip_text(key: str, draw: st.DrawFn) -> bytes:
    return gz(scraped(key))


def _truncated_gzip(key: str, draw: st.DrawFn) -> bytes:
    return _cut(gz(page(key)), draw)


def _empty(key: str, draw: st.DrawFn) -> bytes:
    return draw(st.sampled_from([b"", b"   \n\n  ", b"\xef\xbb\xbf"]))


def _binary(key: str, draw: st.DrawFn) -> bytes:
    return b"\x00" + draw(st.binary(min_size=16, max_size=400))


def _huge(key: str, draw: st.DrawFn) -> bytes:
    return (scraped(key) + "\n\nMore of the same report. " * (MAX_BYTES // 20)).encode("utf-8")


def _junk_text(key: str, draw: st.DrawFn) -> bytes:
    return draw(st.text(min_size=1, max_size=300)).encode("utf-8", errors="surrogatepass")


KINDS: dict[str, tuple[str, Build]] = {
    "scraped": (".txt", _scraped), "near-duplicate": (".txt", _near_duplicate), "page": (".html", _page),
    "jsonl": (".jsonl", _jsonl), "broken-jsonl": (".jsonl", _broken_jsonl), "rss": (".xml", _rss),
    "broken-rss": (".rss", _broken_rss), "warc": (".warc.gz", _warc), "truncated-warc": (".warc.gz", _truncated_warc),
    "gzip": (".txt.gz", _gzip_text), "truncated-gzip": (".html.gz", _truncated_gzip), "empty": (".txt", _empty),
    "binary": (".txt", _binary), "huge": (".txt", _huge), "junk-text": (".txt", _junk_text),
}


@st.composite
def folders(draw: st.DrawFn) -> dict[str, bytes]:
    """File name → bytes: a few files of random kinds, some copied byte for byte under another name."""
    files: dict[str, bytes] = {}
    for index in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(sorted(KINDS)))
        suffix, build = KINDS[kind]
        files[f"{index:02d}-{kind}{suffix}"] = build(draw(st.sampled_from(KEYS)), draw)
    if draw(st.booleans()):
        name = draw(st.sampled_from(sorted(files)))
        files[name.replace("-", " (1)-", 1)] = files[name]  # the same bytes under a second name
    return files


def _ingest(folder: Path, db: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, ["ingest", str(folder), "--db", db, "--json", "--max-bytes", str(MAX_BYTES)],
                              catch_exceptions=True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(files=folders())
def test_every_input_is_stored_or_named_and_a_rerun_changes_nothing(files: dict[str, bytes]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="dossier-run-"))
    try:
        folder = tmp / "in"
        folder.mkdir()
        for name, data in files.items():
            (folder / name).write_bytes(data)
        db = str(tmp / "store.db")

        first = _ingest(folder, db)
        assert first.exception is None or isinstance(first.exception, SystemExit), first.exception
        assert "Traceback" not in first.stderr
        report = json.loads(first.stdout)
        rejected = {Path(r["source"]).name for r in report["rejected"]}
        assert first.exit_code == (1 if rejected else 0), first.stderr
        for name in rejected:  # each rejection is also one line on stderr
            assert any(line.startswith("rejected:") and name in line for line in first.stderr.splitlines())

        with sqlite3.connect(db) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            recorded = {Path(source).name for (source,) in connection.execute("SELECT source FROM inputs")}
            documents = connection.execute("SELECT count(*) FROM documents").fetchone()[0]
        digest = {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}
        for name in files:
            twins = {other for other in files if digest[other] == digest[name]}
            assert name in rejected or twins & recorded, f"{name} was neither stored nor named on stderr"
        assert documents == report["store"]["documents"]

        again = _ingest(folder, db)
        second = json.loads(again.stdout)
        assert second["added"] == [], "a second run over the same folder added documents"
        assert {Path(r["source"]).name for r in second["rejected"]} == rejected
        assert again.exit_code == first.exit_code
        assert second["store"] == report["store"]
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
