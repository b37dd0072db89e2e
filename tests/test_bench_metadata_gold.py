"""The metadata gold of bench/data/metadata cannot rot silently.

Schema and ISO dates are checked always; when ../shared/eval is present, every referenced
file must exist and every quoted snippet (headline, dek, dateline, boilerplate line, first
body words, URL) must be found in the text the benchmark reads (for ECB+, the rebuilt text).
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import date
from typing import Any

import pytest
from benchgold import EVAL, ROOT, eval_text

GOLD_DIR = ROOT / "bench" / "data" / "metadata"
SETS = ("news-corpus", "ecbplus")
PRECISION_LENGTH = {"day": 10, "month": 7, "year": 4}
FIELDS: dict[str, tuple[type, ...]] = {
    "doc": (str,), "topic": (str,), "title": (str, type(None)), "title_alternatives": (list,),
    "dek": (str, type(None)), "outlet": (str, type(None)), "outlet_alternatives": (list,),
    "url": (str, type(None)), "url_alternatives": (list,), "published": (str, type(None)),
    "published_alternatives": (list,), "published_precision": (str, type(None)), "published_knowable": (bool,),
    "published_evidence": (str,), "modified": (str, type(None)), "dateline": (str, type(None)),
    "boilerplate_lines": (list,), "body_first_words": (str,), "notes": (str,),
}
_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})


def _records(name: str) -> list[dict[str, Any]]:
    lines = (GOLD_DIR / f"{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def _iso(value: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD naming a real date."""
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return False
    parts = [int(p) for p in value.split("-")] + [1, 1]
    try:
        date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()).strip()


RECORDS = [(name, record) for name in SETS for record in _records(name)]


def test_metadata_gold_sizes() -> None:
    """Issue 12's floor: all 20 news-corpus texts, 24+ ECB+ documents from 12+ topics; keys unique."""
    by_set = {name: [r for n, r in RECORDS if n == name] for name in SETS}
    assert len(by_set["news-corpus"]) == 20
    assert len(by_set["ecbplus"]) >= 24
    assert len({r["doc"].split("/")[2] for r in by_set["ecbplus"]}) >= 12
    docs = [r["doc"] for _, r in RECORDS]
    assert len(docs) == len(set(docs))
    assert (GOLD_DIR / "README.md").is_file()


@pytest.mark.parametrize(("name", "record"), RECORDS, ids=[r["doc"] for _, r in RECORDS])
def test_metadata_gold_record_schema(name: str, record: dict[str, Any]) -> None:
    """Every field present with its type; dates ISO at their stated precision; snippets short."""
    assert set(record) == set(FIELDS), sorted(set(record) ^ set(FIELDS))
    for field, types in FIELDS.items():
        assert isinstance(record[field], types), field
    assert record["doc"].startswith(name + "/")
    published, precision = record["published"], record["published_precision"]
    if published is None:
        assert precision is None and not record["published_knowable"] and not record["published_alternatives"]
    else:
        assert precision in PRECISION_LENGTH and len(published) == PRECISION_LENGTH[precision] and _iso(published)
        assert all(isinstance(alt, str) and _iso(alt) for alt in record["published_alternatives"])
    assert record["modified"] is None or _iso(record["modified"])
    assert record["published_evidence"].strip()
    for url in [record["url"], *record["url_alternatives"]]:
        assert url is None or url.startswith(("http://", "https://"))
    assert record["url_alternatives"] == [] or record["url"] is not None
    assert record["outlet_alternatives"] == [] or record["outlet"] is not None
    assert 3 <= len(record["body_first_words"].split()) <= 12
    assert all(isinstance(line, str) and 0 < len(line) <= 200 for line in record["boilerplate_lines"])


@pytest.mark.skipif(not EVAL.is_dir(), reason=f"evaluation sets not found at {EVAL} (set DOSSIER_SHARED); "
                    "the gold's files and snippets are checked only where they are present")
@pytest.mark.parametrize(("name", "record"), RECORDS, ids=[r["doc"] for _, r in RECORDS])
def test_metadata_gold_snippets_found_in_their_document(name: str, record: dict[str, Any]) -> None:
    """The file exists and every quoted snippet is in the text the benchmark reads."""
    assert (EVAL / record["doc"]).is_file(), record["doc"]
    text = _norm(eval_text(record["doc"]))
    snippets = [record["title"], record["dek"], record["dateline"], record["body_first_words"], record["url"],
                *record["boilerplate_lines"]]
    missing = [s for s in snippets if s and _norm(s) not in text]
    assert not missing, missing
