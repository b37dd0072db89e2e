"""Tests for dossier.ingest's public surface."""

from __future__ import annotations

import dossier.ingest


def test_all_is_exact() -> None:
    public = {name for name in vars(dossier.ingest) if not name.startswith("_")}
    modules = {"detect", "feeds", "readers", "sources", "warc", "annotations"}
    assert set(dossier.ingest.__all__) == public - modules
    assert dossier.ingest.__all__ == ["FORMATS", "Input", "decode", "detect_format", "iter_inputs", "read_items"]
