"""Tests for dossier.ingest.sources: path expansion and loading into Inputs."""

from __future__ import annotations

import hashlib
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from dossier.ingest import Input, iter_inputs, sources
from dossier.records import Rejection


def _write(root: Path, files: dict[str, bytes | str]) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content.encode() if isinstance(content, str) else content)


def _sources(results: list[Input | Rejection], root: Path) -> list[str]:
    return [os.path.relpath(item.source, root) for item in results]


def _only(paths: list[str], **options: int) -> Input | Rejection:
    results = list(iter_inputs(paths, **options))  # type: ignore[arg-type]
    assert len(results) == 1
    return results[0]


def test_iter_inputs_reads_a_file(tmp_path: Path) -> None:
    _write(tmp_path, {"a.txt": "Hello world.\n"})
    inp = _only([str(tmp_path / "a.txt")])
    assert isinstance(inp, Input)
    assert (inp.format, inp.size, inp.data) == ("text", 13, b"Hello world.\n")
    assert inp.sha256 == hashlib.sha256(b"Hello world.\n").hexdigest()
    assert inp.path == tmp_path / "a.txt" and inp.source == str(tmp_path / "a.txt")


def test_iter_inputs_walks_directories_sorted_skipping_hidden_and_junk(tmp_path: Path) -> None:
    _write(tmp_path, {
        "b.txt": "b", "a.html": "<html><body>a</body></html>", "sub/c.txt": "c", "sub/deeper/d.txt": "d",
        ".hidden.txt": "h", ".git/config": "x", "sub/.DS_Store": "x", "Thumbs.db": "x", "logo.png": "x",
        "sub/notes.txt~": "x", "__pycache__/m.pyc": "x", "README.md": "# r", "LICENSE": "x", "make.py": "x",
    })
    results = list(iter_inputs([str(tmp_path)]))
    assert all(isinstance(item, Input) for item in results)
    assert _sources(results, tmp_path) == ["a.html", "b.txt", "sub/c.txt", "sub/deeper/d.txt"]


def test_iter_inputs_keeps_an_explicitly_named_junk_suffix(tmp_path: Path) -> None:
    _write(tmp_path, {"styles.css": "body { color: red }"})
    assert isinstance(_only([str(tmp_path / "styles.css")]), Input)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        ("*.txt", ["a.txt", "b.txt"]),
        ("**/*.txt", ["a.txt", "b.txt", "sub/c.txt"]),
        ("s*", ["sub/c.txt", "sub/d.html"]),  # a matched directory is walked
        ("?.txt", ["a.txt", "b.txt"]),
    ],
)
def test_iter_inputs_expands_globs(tmp_path: Path, pattern: str, expected: list[str]) -> None:
    _write(tmp_path, {"a.txt": "a", "b.txt": "b", "sub/c.txt": "c", "sub/d.html": "<p>d</p>", ".e.txt": "e"})
    results = list(iter_inputs([str(tmp_path / pattern)]))
    assert _sources(results, tmp_path) == expected


def test_iter_inputs_yields_each_file_once(tmp_path: Path) -> None:
    _write(tmp_path, {"a.txt": "a", "b.txt": "b"})
    results = list(iter_inputs([str(tmp_path / "a.txt"), str(tmp_path), str(tmp_path / "*.txt")]))
    assert _sources(results, tmp_path) == ["a.txt", "b.txt"]


@pytest.mark.parametrize(
    ("files", "name", "reason"),
    [
        ({}, "missing.txt", "no such file or directory; check the path and the working directory"),
        ({}, "nothing/*.txt", "no files match the pattern"),
        ({"empty.txt": b""}, "empty.txt", "empty file (0 bytes)"),
        ({"blank.txt": b" \n\t\r\n  \n"}, "blank.txt", "empty file (only whitespace)"),
        ({"junk.txt": bytes(range(256)) * 8}, "junk.txt", "binary data, not text"),
        ({"x.pdf": b"%PDF-1.5\n\x00\x01"}, "x.pdf", "a PDF file"),
        ({"x.html.gz": b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03"}, "x.html.gz", "truncated gzip file"),
    ],
)
def test_iter_inputs_rejects_bad_paths(tmp_path: Path, files: dict[str, bytes], name: str, reason: str) -> None:
    _write(tmp_path, files)
    result = _only([str(tmp_path / name)])
    assert isinstance(result, Rejection)
    assert result.source == str(tmp_path / name)
    assert result.reason.startswith(reason) or reason in result.reason
    assert "\n" not in result.reason


def test_iter_inputs_rejects_a_200_mb_file_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:
        handle.write(b"A first line of text.\n")
        handle.truncate(200_000_000)  # sparse: fast to create, never read in full
    result = _only([str(path)])
    assert result == Rejection(str(path), "too large: 200.0 MB over the 50 MB limit for one article file; "
                                          "split it or raise --max-bytes")


def test_iter_inputs_honours_max_bytes(tmp_path: Path) -> None:
    _write(tmp_path, {"a.txt": "x" * 2000})
    result = _only([str(tmp_path / "a.txt")], max_bytes=1000)
    assert isinstance(result, Rejection) and result.reason.startswith("too large: 0.0 MB over the 0.001 MB limit")


def test_iter_inputs_streams_a_big_warc(tmp_path: Path, warc_bytes: Callable[..., bytes]) -> None:
    data = warc_bytes()
    (tmp_path / "big.warc.gz").write_bytes(data)
    inp = _only([str(tmp_path / "big.warc.gz")], max_bytes=10, keep_bytes=100)
    assert isinstance(inp, Input)
    assert (inp.format, inp.data, inp.size) == ("warc", None, len(data))
    assert inp.sha256 == hashlib.sha256(data).hexdigest()


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_iter_inputs_rejects_an_unreadable_file(tmp_path: Path) -> None:
    _write(tmp_path, {"secret.txt": "x"})
    (tmp_path / "secret.txt").chmod(0)
    result = _only([str(tmp_path / "secret.txt")])
    assert isinstance(result, Rejection) and result.reason.startswith("cannot read: permission denied")


def test_iter_inputs_rejects_a_file_it_may_not_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write(tmp_path, {"secret.txt": "x"})

    def refuse(path: str, mode: str = "r") -> None:
        raise PermissionError(13, "Permission denied", path)

    monkeypatch.setattr(sources, "open", refuse, raising=False)
    result = _only([str(tmp_path / "secret.txt")])
    assert result == Rejection(str(tmp_path / "secret.txt"),
                               "cannot read: permission denied; check the file's permissions (chmod +r)")


def test_iter_inputs_survives_symlink_loops(tmp_path: Path) -> None:
    _write(tmp_path, {"d/a.txt": "a"})
    (tmp_path / "d" / "loop").symlink_to(tmp_path / "d")
    (tmp_path / "d" / "self").symlink_to("self")
    results = list(iter_inputs([str(tmp_path)]))
    assert [type(item).__name__ for item in results] == ["Input", "Rejection"]
    assert results[1].source.endswith("self") and "loop" in results[1].reason  # type: ignore[union-attr]


def test_iter_inputs_names_a_broken_symlink(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    result = _only([str(tmp_path)])
    assert isinstance(result, Rejection) and result.reason.startswith("broken symbolic link")


def test_iter_inputs_reads_stdin() -> None:
    inp = _only(["-"], stdin=io.BytesIO(b"<html><body><p>x</p></body></html>"))  # type: ignore[arg-type]
    assert isinstance(inp, Input)
    assert (inp.source, inp.path, inp.format) == ("<stdin>", None, "html")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input (0 bytes)"),
        (b"   \n", "empty file (only whitespace)"),
        (b"x" * 3000, "too large: more than the 0.002 MB limit"),
    ],
)
def test_iter_inputs_rejects_bad_stdin(data: bytes, reason: str) -> None:
    result = list(iter_inputs(["-"], stdin=io.BytesIO(data), max_bytes=2000))
    assert len(result) == 1 and isinstance(result[0], Rejection)
    assert result[0].reason.startswith(reason)


def test_iter_inputs_reads_stdin_only_once() -> None:
    results = list(iter_inputs(["-", "-"], stdin=io.BytesIO(b"text")))
    assert isinstance(results[0], Input)
    assert isinstance(results[1], Rejection) and "more than once" in results[1].reason


def test_iter_inputs_expands_10000_files(tmp_path: Path) -> None:
    for index in range(10_000):
        (tmp_path / f"{index:05d}.txt").write_bytes(b"Article %d: a short line of text.\n" % index)
    results = list(iter_inputs([str(tmp_path)]))
    assert len(results) == 10_000
    assert all(isinstance(item, Input) and item.format == "text" for item in results)
    assert results[0].source.endswith("00000.txt") and results[-1].source.endswith("09999.txt")
