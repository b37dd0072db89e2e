"""What the gold-data tests share: where the evaluation sets are, and a gold document's text
exactly as the benchmarks read it (an ECB+ XML document rebuilt by bench/ecbplus_text.py)."""

from __future__ import annotations

import importlib.util
import os
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared")) / "eval"


@cache
def eval_text(doc: str) -> str:
    """The text of ``doc`` (a path relative to the evaluation folder) as the benchmarks read it."""
    path = EVAL / doc
    if path.suffix != ".xml":
        return path.read_text(encoding="utf-8")
    spec = importlib.util.spec_from_file_location("ecbplus_text", ROOT / "bench" / "ecbplus_text.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return str(module.ecb_text(path))
