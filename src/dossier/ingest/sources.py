"""Turn the paths a user names into :class:`Input` values, one per file, or Rejections.

``iter_inputs`` expands files, directories (recursively, in sorted order, skipping hidden
entries and obvious non-inputs), glob patterns (``samples/*.txt``, ``**``) and ``-`` for
stdin. Every problem with a path becomes a ``Rejection(source, reason)`` with one
actionable line; nothing here raises for a bad input.

A file's source is its absolute path (not resolved through symbolic links), so what the store
records points at the file from any working directory; ``dossier show`` prints it relative to
the working directory when that is shorter. Document ids hash the cleaned text, never the path.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import io
import logging
import os
import stat
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from dossier.errors import InputError
from dossier.ingest.detect import (
    detect_format,
    gunzip,
    is_blank,
    is_compressed_document,
    looks_like_warc,
    unsupported_reason,
)
from dossier.records import Rejection

__all__ = ["Input", "bytes_input", "iter_inputs"]

log = logging.getLogger(__name__)

STDIN = "<stdin>"
HEAD_BYTES = 65_536
_CHUNK = 1 << 20
_GLOB_CHARS = frozenset("*?[")
_SKIP_NAMES = frozenset({"thumbs.db", "desktop.ini", "__pycache__", "node_modules", "__macosx"})
_SKIP_STEMS = frozenset({"readme", "license", "licence", "changelog", "contributing", "copying", "notice",
                         "makefile", "dockerfile", "requirements"})  # project files, not articles
_SKIP_SUFFIXES = (
    "~", ".pyc", ".pyo", ".so", ".dll", ".exe", ".o", ".class", ".swp", ".tmp", ".part", ".lock",
    ".py", ".sh", ".bat", ".ps1", ".rb", ".pl", ".ipynb", ".toml", ".cfg", ".ini", ".yaml", ".yml",
    ".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".ico", ".svg", ".tif", ".tiff",
    ".mp3", ".mp4", ".m4a", ".wav", ".ogg", ".mov", ".avi", ".mkv", ".webm",
    ".woff", ".woff2", ".ttf", ".otf", ".eot", ".css", ".js", ".map",
    ".db", ".sqlite", ".sqlite3", ".db-wal", ".db-shm", ".db-journal", ".cdx", ".cdxj",
)


@dataclass(frozen=True, slots=True)
class Input:
    """One file (or stdin) as the user gave it, detected but not yet split into documents."""

    source: str  # the file's absolute path (or "<stdin>")
    path: Path | None  # None for stdin
    sha256: str  # of the verbatim bytes
    size: int
    format: str  # "text" | "html" | "warc" | "rss" | "jsonl"
    data: bytes | None  # verbatim bytes; None only when the file is over keep_bytes
    url: str | None = None  # the page's URL when it was fetched (dossier.collect), not read from a file


def iter_inputs(
    paths: Sequence[str],
    *,
    stdin: BinaryIO | None = None,
    max_bytes: int = 50_000_000,
    keep_bytes: int = 64_000_000,
) -> Iterator[Input | Rejection]:
    """Expand ``paths`` and yield one :class:`Input` per usable file, or a Rejection.

    Args:
        paths: files, directories, glob patterns, or ``-`` for stdin.
        stdin: the stream ``-`` reads (default: ``sys.stdin.buffer``).
        max_bytes: the largest single article file (text, HTML, RSS, JSONL) accepted.
        keep_bytes: files up to this size keep their bytes in ``Input.data``; a larger
            WARC is streamed from disk by the reader.

    Yields:
        Inputs in a deterministic order; a file named twice (or reached twice) once.

    >>> [type(x).__name__ for x in iter_inputs(["no/such/file.txt"])]
    ['Rejection']
    """
    limits = _Limits(max_bytes=max_bytes, keep_bytes=keep_bytes)
    seen: set[tuple[int, int]] = set()
    stdin_read = False
    for arg in paths:
        if arg == "-":
            if stdin_read:
                yield Rejection(STDIN, "'-' given more than once; stdin can be read only once")
                continue
            stdin_read = True
            yield _load_stream(STDIN, stdin if stdin is not None else sys.stdin.buffer, limits)
            continue
        for source in _expand(arg, seen):
            yield source if isinstance(source, Rejection) else _load_file(source, limits)


def bytes_input(source: str, data: bytes, *, url: str | None = None,
                max_bytes: int = 50_000_000) -> Input | Rejection:
    """The Input for bytes already in memory (a fetched page, feed or file), detected and limited
    exactly as a file would be: gzip decompressed, format sniffed, blank or oversized rejected.

    >>> bytes_input("https://example.org/a", b"<html><p>Hi</p></html>", url="https://example.org/a").format
    'html'
    """
    found = _load_stream(source, io.BytesIO(data), _Limits(max_bytes=max_bytes, keep_bytes=max_bytes))
    return found if isinstance(found, Rejection) or url is None else replace(found, url=url)


@dataclass(frozen=True, slots=True)
class _Limits:
    max_bytes: int
    keep_bytes: int


def _expand(arg: str, seen: set[tuple[int, int]]) -> Iterator[str | Rejection]:
    """The file paths one command-line argument names, in order, or Rejections."""
    if os.path.lexists(arg):
        yield from _expand_path(arg, seen, explicit=True)
        return
    if not _GLOB_CHARS.intersection(arg):
        yield Rejection(arg, "no such file or directory; check the path and the working directory")
        return
    matches = sorted(glob.glob(arg, recursive=True))
    if not matches:
        yield Rejection(arg, f"no files match the pattern '{arg}'; check the pattern and the working directory")
    for match in matches:
        yield from _expand_path(match, seen, explicit=False)


def _expand_path(path: str, seen: set[tuple[int, int]], *, explicit: bool) -> Iterator[str | Rejection]:
    """``path`` itself if it is a file, or the files under it if it is a directory."""
    try:
        st = os.stat(path)
    except OSError as err:
        yield Rejection(path, _os_reason(err, path))
        return
    key = (st.st_dev, st.st_ino)
    if key in seen:
        log.debug("skipping %s: already visited", path)
        return
    seen.add(key)
    if stat.S_ISDIR(st.st_mode):
        yield from _walk(path, seen)
    elif explicit or not _skipped(os.path.basename(path)):
        yield os.path.abspath(path)


def _walk(directory: str, seen: set[tuple[int, int]]) -> Iterator[str | Rejection]:
    """Files under ``directory``, depth-first in name order; hidden and junk entries skipped."""
    try:
        with os.scandir(directory) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as err:
        yield Rejection(directory, _os_reason(err, directory))
        return
    skipped = 0
    for entry in entries:
        if _skipped(entry.name):
            skipped += 1
            continue
        yield from _expand_path(entry.path, seen, explicit=False)
    if skipped:
        log.debug("%s: skipped %d hidden or non-input entries", directory, skipped)


def _skipped(name: str) -> bool:
    """Hidden files and folders, OS litter, project files (README, code), media, databases."""
    lower = name.lower()
    return (name.startswith(".") or lower in _SKIP_NAMES or lower.endswith(_SKIP_SUFFIXES)
            or lower.split(".", 1)[0] in _SKIP_STEMS)


def _load_file(source: str, limits: _Limits) -> Input | Rejection:
    """Stat, sniff and read one file; the size limit is checked before the bulk is read."""
    try:
        st = os.stat(source)
        if not stat.S_ISREG(st.st_mode):  # a pipe such as <(zcat x.gz), a device
            with open(source, "rb") as stream:
                return _load_stream(source, stream, limits, path=Path(source))
        with open(source, "rb") as handle:
            return _read_regular(source, handle, st.st_size, limits)
    except OSError as err:
        return Rejection(source, _os_reason(err, source))


def _read_regular(source: str, handle: BinaryIO, size: int, limits: _Limits) -> Input | Rejection:
    """Read an open regular file of known ``size`` into an Input (or reject it)."""
    if size == 0:
        return Rejection(source, "empty file (0 bytes); remove it or check the export that produced it")
    head = handle.read(HEAD_BYTES)
    if is_compressed_document(head):
        return _read_compressed(source, Path(source), handle, head, limits)
    if size > limits.max_bytes and not looks_like_warc(head):
        return Rejection(source, _too_large(size, limits.max_bytes))
    fmt = detect_format(head, source)
    if fmt is None:
        return Rejection(source, unsupported_reason(head))
    if size > limits.keep_bytes:
        digest = hashlib.sha256(head)
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
        return Input(source, Path(source), digest.hexdigest(), size, fmt, None)
    return _read_rest(source, Path(source), handle, head, fmt, limits)


def _load_stream(source: str, stream: BinaryIO, limits: _Limits, *, path: Path | None = None) -> Input | Rejection:
    """Read stdin or a pipe (size unknown): sniff the head, then read the rest within limits."""
    head = _read_exactly(stream, HEAD_BYTES)
    if not head:
        return Rejection(source, "empty input (0 bytes); check the command that feeds it")
    if is_compressed_document(head):
        return _read_compressed(source, path, stream, head, limits)
    fmt = detect_format(head, source)
    if fmt is None:
        return Rejection(source, unsupported_reason(head))
    return _read_rest(source, path, stream, head, fmt, limits)


def _read_rest(source: str, path: Path | None, stream: BinaryIO, head: bytes, fmt: str,
               limits: _Limits) -> Input | Rejection:
    """Read what follows the head, at most ``max_bytes`` in all unless it is a WARC.

    A file that grew since it was stat'ed, or a stream, is cut off and rejected there.
    """
    limit = limits.max_bytes if fmt != "warc" else None
    rest = stream.read() if limit is None else _read_exactly(stream, limit + 1 - len(head))
    data = head + rest
    if limit is not None and len(data) > limit:
        return Rejection(source, _too_large(None, limit))
    return _finish(source, path, data, fmt)


def _read_compressed(source: str, path: Path | None, stream: BinaryIO, head: bytes,
                     limits: _Limits) -> Input | Rejection:
    """A gzip-compressed article, feed or JSONL file (``page.html.gz``): decompressed (within
    the size limit) and detected by its content; the Input holds the decompressed bytes."""
    compressed = head + _read_exactly(stream, limits.max_bytes + 1 - len(head))
    if len(compressed) > limits.max_bytes:
        return Rejection(source, _too_large(None, limits.max_bytes))
    try:
        data = gunzip(compressed, limit=limits.max_bytes)
    except InputError as exc:
        return Rejection(source, str(exc))
    if not data.strip():
        return Rejection(source, "empty file once decompressed; remove it or check the export that produced it")
    inner = source.removesuffix(".gz").removesuffix(".GZ").removesuffix(".gzip")
    fmt = detect_format(data[:HEAD_BYTES], inner)
    if fmt is None:
        return Rejection(source, f"compressed {unsupported_reason(data[:HEAD_BYTES])}")
    return _finish(source, path, data, fmt, verbatim=compressed)


def _finish(source: str, path: Path | None, data: bytes, fmt: str, *,
            verbatim: bytes | None = None) -> Input | Rejection:
    """The Input for fully read bytes, unless they hold only whitespace.

    ``verbatim`` is the file as it was when that differs from ``data`` (a gzip file): the
    input is known by the hash of the file's own bytes.
    """
    if fmt != "warc" and is_blank(data):
        return Rejection(source, "empty file (only whitespace); remove it or check the export that produced it")
    digest = hashlib.sha256(verbatim if verbatim is not None else data).hexdigest()
    return Input(source, path, digest, len(data), fmt, data)


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    """Up to ``size`` bytes, reading again after short reads (pipes return what they have)."""
    parts: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(min(remaining, _CHUNK))
        if not chunk:
            break
        parts.append(chunk)
        remaining -= len(chunk)
    return b"".join(parts)


def _too_large(size: int | None, limit: int) -> str:
    """The one-line reason for a file over the size limit (``size`` None: a stream, cut off)."""
    amount = f"{size / 1e6:.1f} MB over" if size is not None else "more than"
    return f"too large: {amount} the {limit / 1e6:g} MB limit for one article file; split it or raise --max-bytes"


def _os_reason(err: OSError, path: str) -> str:
    """One actionable line for an OS error on ``path``."""
    if isinstance(err, PermissionError):
        return "cannot read: permission denied; check the file's permissions (chmod +r)"
    if isinstance(err, FileNotFoundError):
        target = os.readlink(path) if os.path.islink(path) else None
        if target is not None:
            return f"broken symbolic link to '{target}'; fix or remove the link"
        return "no such file or directory; check the path and the working directory"
    if err.errno == errno.ELOOP:
        return "symbolic link loop; fix or remove the link"
    return f"cannot read: {err.strerror or err}; check the path"
