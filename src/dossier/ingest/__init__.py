"""Ingest: turn the paths a user names into document-sized raw inputs.

``iter_inputs(paths)`` expands files, directories, globs and ``-`` (stdin) into one
:class:`Input` per file, detecting its format from content first and extension second;
``read_items(inp)`` splits an Input into :class:`~dossier.records.Raw` documents (one per
page, WARC record, feed item or JSONL line). Bad inputs and bad records are
:class:`~dossier.records.Rejection` values, never exceptions.

>>> import io
>>> from dossier.ingest import iter_inputs, read_items
>>> inputs = list(iter_inputs(["-"], stdin=io.BytesIO(b"<html><body><p>Hi</p></body></html>")))
>>> inputs[0].format, [raw.format for raw in read_items(inputs[0])]
('html', ['html'])
"""

from __future__ import annotations

from dossier.ingest.detect import FORMATS, decode, detect_format
from dossier.ingest.readers import read_items
from dossier.ingest.sources import Input, iter_inputs

__all__ = ["FORMATS", "Input", "decode", "detect_format", "iter_inputs", "read_items"]
