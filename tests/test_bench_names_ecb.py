"""bench/names_ecb.py runs end to end on two ECB+ topics, and its scoring helpers score what they say."""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import pytest
from benchgold import EVAL, ROOT


def _bench() -> ModuleType:
    if "names_ecb" in sys.modules:
        return sys.modules["names_ecb"]
    sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("names_ecb", ROOT / "bench" / "names_ecb.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["names_ecb"] = module  # its dataclass looks its module up
    spec.loader.exec_module(module)
    return module


def test_cluster_scores_count_unified_chains() -> None:
    s = _bench().cluster_scores([("s1", "g1", "d1"), ("s1", "g1", "d2"), ("s2", "g2", "d1"), ("s3", "g2", "d3")])
    assert s["unified"] == 0.5 and s["xdoc"] == 0.5 and s["chains"] == 2
    assert s["b3_p"] == 1.0 and s["pair_r"] == 0.5


def test_align_finds_tokens_in_rebuilt_text() -> None:
    offsets = _bench().align("the U.S. Navy's ship", [(1, 1, "the"), (2, 1, "U.S."), (3, 1, "Navy"), (4, 1, "'s")])
    assert offsets == {1: (0, 3), 2: (4, 8), 3: (9, 13), 4: (13, 15)}


@pytest.mark.skipif(not (EVAL / "ecbplus" / "ECB+").is_dir() or not (EVAL / "scorers" / "score_coref.py").exists(),
                    reason=f"ECB+ and its scorer are not under {EVAL} (set DOSSIER_SHARED)")
def test_bench_runs_on_two_topics(capsys: pytest.CaptureFixture[str]) -> None:
    bench = _bench()
    docs = bench.load("test", topics=[36, 41])
    assert len(docs) >= 20 and sum(len(d.named) for d in docs) >= 50
    for d in docs:  # every gold name points at its own words in the rebuilt text
        for m in d.named:
            assert d.text[m["span"][0]:m["span"][1]].split() and d.text[m["name"][0]:m["name"][1]][:1].isupper()
    res = bench.report(docs, gazetteer=True, baselines=False)
    assert "(a) gold named mentions" in capsys.readouterr().out
    assert res["dossier"]["recall"] >= 0.75 and res["dossier"]["precision"] >= 0.7
    assert res["resolver"]["b3_f1"] >= res["exact-name"]["b3_f1"] - 0.01 and res["resolver"]["b3_f1"] >= 0.6
