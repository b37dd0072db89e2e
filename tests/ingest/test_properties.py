"""Property tests: whatever the bytes, ingest yields Inputs, Raws and Rejections, and never raises."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.ingest import Input, iter_inputs, read_items
from dossier.records import Raw, Rejection

from .conftest import DEFAULT_RECORDS, build_warc

WARC_GZ = build_warc(DEFAULT_RECORDS)
WARC_PLAIN = build_warc(DEFAULT_RECORDS, gz=False)
PREFIXES = [
    b"", b"WARC/1.0\r\n", b"WARC/1.1\r\nContent-Length: 5\r\n\r\n", b"\x1f\x8b\x08\x00", gzip.compress(b"WARC/1.0\r\n"),
    b'<?xml version="1.0"?><rss version="2.0"><channel><item><title>', b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>',
    b'{"url": "u", "html": "', b"<!DOCTYPE html><html><body>", b"\xef\xbb\xbf", b"\xff\xfe", b"filedesc://",
]
NAMES = ["a.txt", "a.html", "a.jsonl", "a.rss", "a.xml", "a.warc", "a.warc.gz", "a"]

crafted = st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=2000)).map(lambda pair: pair[0] + pair[1])
cut_archives = st.tuples(st.sampled_from([WARC_GZ, WARC_PLAIN]), st.floats(0, 1)).map(
    lambda pair: pair[0][: int(len(pair[0]) * pair[1])])
damaged_archives = st.tuples(
    st.sampled_from([WARC_GZ, WARC_PLAIN]), st.integers(0, len(WARC_PLAIN)), st.binary(max_size=8),
).map(lambda t: t[0][: t[1]] + t[2] + t[0][t[1] + len(t[2]):])
any_input = st.one_of(st.binary(max_size=3000), crafted, cut_archives, damaged_archives)


def _drain(inputs: list[Input | Rejection]) -> None:
    for inp in inputs:
        assert isinstance(inp, (Input, Rejection))
        if isinstance(inp, Input):
            for item in read_items(inp, max_bytes=10_000):
                assert isinstance(item, (Raw, Rejection))
                if isinstance(item, Raw):
                    assert isinstance(item.data, bytes) and isinstance(item.text, str)
                    assert item.format in ("text", "html")
                else:
                    assert item.reason and "\n" not in item.reason


@settings(max_examples=300, deadline=None)
@given(data=any_input)
def test_any_stdin_bytes_never_raise(data: bytes) -> None:
    _drain(list(iter_inputs(["-"], stdin=io.BytesIO(data), max_bytes=10_000)))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=any_input, name=st.sampled_from(NAMES))
def test_any_file_bytes_never_raise(tmp_path: Path, data: bytes, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    _drain(list(iter_inputs([str(path)], max_bytes=10_000, keep_bytes=1_000)))
