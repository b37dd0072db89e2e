"""Time expressions on TempEval-3: Dossier's finder against dateparser, scored as TE3 does.

The TE3 platinum test set (20 news articles of March 2013, 138 TIMEX3s; UzZaman et al.,
SemEval 2013) and, for development, TBAQ-cleaned (256 documents, 1,822 TIMEX3s) from
``../shared/eval/tempeval3/``. Tune on train, report on test; no item is special-cased.

Dossier runs as the extract stage runs it (``stage.Extractor._facts``): Dossier's spaCy
pipeline parses each document's ``<TEXT>``, and :func:`dossier.extract.timex.find_times`
gets its sentence spans and DATE/TIME entities, with the document creation time (DCT)
as the anchor. Each :class:`TimeExpr` is converted to a TIMEX3 (type, value, extent) by
:func:`dossier.extract.timex_timeml.to_timex3`.

Baselines in the same run: ``dateparser`` as ``../shared/eval/scorers/baselines.py``
makes it (``search_dates`` with ``RELATIVE_BASE`` = DCT; values as YYYY-MM-DD, or at
dateparser's own granularity with ``period``). The literature anchor, HeidelTime's
official TE3 result (relaxed F1 0.903, value F1 0.776), is quoted, not run.

Scoring is the shared scorer's (``score_timex.score_timex``, imported, never copied):
strict and relaxed extent P/R/F1 and value F1 (value accuracy × relaxed F1).

Measured (this machine kind; ``--split test``): Dossier value F1 0.857, strict F1 0.887,
relaxed F1 0.925 (P 0.961 / R 0.891); before this benchmark existed the finder scored 0.667 /
0.709 / 0.778 through the same conversion's first version. dateparser: 0.091 (0.341 at its
own granularity) / 0.167 / 0.689. On train: 0.766 / 0.818 / 0.900 (dateparser 0.197 / 0.248
/ 0.623).

Floors (``--check``): on test, value F1 at least ``FLOOR_VALUE_F1`` and relaxed F1 at least
``FLOOR_RELAXED_F1`` (the issue's targets, above HeidelTime), and the gold files must match
the hashes in ``../shared/eval/SHA256SUMS``.

Usage: python bench/timex.py [--split test|train] [--errors N] [--no-baselines] [--check] [--json OUT]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
SCORERS = SHARED / "eval" / "scorers"
HEIDELTIME = {"relaxed_f1": 0.903, "strict_f1": 0.8134, "value_f1": 0.7761}
FLOOR_VALUE_F1 = 0.78
FLOOR_RELAXED_F1 = 0.90


def load_scorers() -> tuple[Any, Any]:
    """Import ``score_timex`` and ``baselines`` from the shared scorers folder."""
    if not (SCORERS / "score_timex.py").is_file() or not (SHARED / "eval" / "tempeval3").is_dir():
        sys.exit(f"No TempEval-3 set or scorer under {SHARED / 'eval'}; set DOSSIER_SHARED to the shared folder.")
    sys.path.insert(0, str(SCORERS))
    import baselines
    import score_timex

    return score_timex, baselines


def changed_gold(files: list[str]) -> list[str]:
    """Gold files whose sha256 differs from ``eval/SHA256SUMS`` (empty when all match)."""
    sums = {}
    for line in (SHARED / "eval" / "SHA256SUMS").read_text().splitlines():
        digest, _, name = line.partition("  ")
        sums[name.strip().lstrip("./")] = digest
    root = SHARED / "eval"
    bad = []
    for path in files:
        rel = Path(path).resolve().relative_to(root.resolve()).as_posix()
        if sums.get(rel) != hashlib.sha256(Path(path).read_bytes()).hexdigest():
            bad.append(rel)
    return bad


def dossier_timexes(docs: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Dossier's TIMEX3s per document id, found as the extract stage finds them."""
    from dossier.extract.doccache import sentences
    from dossier.extract.nlp import dossier_nlp
    from dossier.extract.timex import find_times
    from dossier.extract.timex_timeml import to_timex3

    nlp = dossier_nlp()
    out: dict[str, list[dict[str, Any]]] = {}
    for d, sdoc in zip(docs, nlp.pipe([d["text"] for d in docs], batch_size=16)):
        anchor = date.fromisoformat(d["dct"][:10])
        spans = [(s.start_char, s.end_char) for s in sentences(sdoc)]
        ents = [(e.start_char, e.end_char, e.label_) for e in sdoc.ents if e.label_ in ("DATE", "TIME")]
        found = find_times(d["text"], doc_id=d["id"], anchor=anchor, sentences=spans, ents=ents)
        rows = []
        for expr in found:
            for t in to_timex3(expr, anchor=anchor):
                rows.append({"start": t.start, "end": t.end, "type": t.type, "value": t.value,
                             "rule": expr.span.method})
        out[d["id"]] = rows
    return out


def errors(score_timex: Any, docs: list[dict[str, Any]], pred: dict[str, list[dict[str, Any]]],
           limit: int) -> list[str]:
    """Missed gold, spurious predictions and wrong values, for reading (most frequent first)."""
    lines: list[str] = []
    kinds: Counter[str] = Counter()
    for d in docs:
        text, gold = d["text"], d["timexes"]
        p = pred.get(d["id"], [])
        pairs = score_timex.match(gold, [dict(x) for x in p])
        got_g = {i for i, _ in pairs}
        got_p = {j for _, j in pairs}

        def ctx(s: int, e: int, text: str = text) -> str:
            return text[max(0, s - 40):s].replace("\n", " ") + "[" + text[s:e] + "]" + text[e:e + 30].replace("\n", " ")

        for i, g in enumerate(gold):
            if i not in got_g:
                kinds["missed"] += 1
                lines.append(f"MISS  {d['id'][:18]:18} {g['type']:8} {g['value']:16} {ctx(g['start'], g['end'])}")
        for j, x in enumerate(p):
            if j not in got_p:
                kinds["spurious"] += 1
                lines.append(f"SPUR  {d['id'][:18]:18} {x['type']:8} {x['value']:16} {ctx(x['start'], x['end'])}"
                             f"  ({x.get('rule', '')})")
        for i, j in pairs:
            g, x = gold[i], p[j]
            if g["value"] != x["value"]:
                kinds["value"] += 1
                lines.append(f"VALUE {d['id'][:18]:18} gold {g['value']:14} ours {x['value']:14} "
                             f"{ctx(g['start'], g['end'])} ours[{text[x['start']:x['end']]}] ({x.get('rule', '')}) "
                             f"dct {d['dct']}")
            elif (g["start"], g["end"]) != (x["start"], x["end"]):
                kinds["extent"] += 1
                lines.append(f"EXTENT {d['id'][:18]:18} gold [{g['text']}] ours [{text[x['start']:x['end']]}]")
    head = [f"errors: {dict(kinds)}"]
    return head + lines[:limit]


def row(name: str, r: dict[str, Any]) -> str:
    s, x, v = r["strict"], r["relaxed"], r["value"]
    return (f"| {name} | {v['f1']:.3f} ({v['accuracy']:.3f}) | {s['f1']:.3f} ({s['precision']:.3f} / "
            f"{s['recall']:.3f}) | {x['f1']:.3f} ({x['precision']:.3f} / {x['recall']:.3f}) | {r['type']['f1']:.3f} |")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", default="test", choices=("test", "train"))
    ap.add_argument("--errors", type=int, default=0, help="print up to N disagreements with the gold")
    ap.add_argument("--no-baselines", action="store_true", help="skip dateparser (slow on train)")
    ap.add_argument("--check", action="store_true", help="exit 1 below the floors or if the gold changed")
    ap.add_argument("--json", help="write every score to this file")
    a = ap.parse_args(argv)
    score_timex, baselines = load_scorers()
    from common import eval_dir

    edir = eval_dir(None)
    docs = score_timex.load_gold(edir, a.split)
    results: dict[str, Any] = {}
    started = time.perf_counter()
    ours = dossier_timexes(docs)
    elapsed = time.perf_counter() - started
    results["dossier"] = score_timex.score_timex(docs, ours)
    if not a.no_baselines:
        for values in ("day", "period"):
            rows = baselines.dateparser_baseline(edir, a.split, values)
            results[f"dateparser ({values})"] = score_timex.score_timex(docs, {r["id"]: r["timexes"] for r in rows})
    gold = sum(len(d["timexes"]) for d in docs)
    print(f"TempEval-3 {a.split}: {len(docs)} documents, {gold} gold TIMEX3s; Dossier {elapsed:.1f} s "
          "(spaCy parse included)")
    print("| system | value F1 (accuracy) | strict F1 (P / R) | relaxed F1 (P / R) | type F1 |")
    print("|---|---|---|---|---|")
    for name, r in results.items():
        print(row(name, r))
    if a.split == "test":
        print(f"| HeidelTime (official TE3 run, quoted) | {HEIDELTIME['value_f1']:.3f} | {HEIDELTIME['strict_f1']:.3f}"
              f" | {HEIDELTIME['relaxed_f1']:.3f} | |")
    print("Dossier by gold type:", json.dumps(results["dossier"]["by_gold_type"]))
    if a.errors:
        print("\n".join(errors(score_timex, docs, ours, a.errors)))
    if a.json:
        Path(a.json).write_text(json.dumps(results, indent=1))
    if a.check:
        ours_scores = results["dossier"]
        problems = [f"gold file changed: {name}" for name in changed_gold([d["file"] for d in docs])]
        if a.split == "test" and ours_scores["value"]["f1"] < FLOOR_VALUE_F1:
            problems.append(f"value F1 {ours_scores['value']['f1']:.3f} < {FLOOR_VALUE_F1}")
        if a.split == "test" and ours_scores["relaxed"]["f1"] < FLOOR_RELAXED_F1:
            problems.append(f"relaxed F1 {ours_scores['relaxed']['f1']:.3f} < {FLOOR_RELAXED_F1}")
        if problems:
            sys.exit("; ".join(problems))
        print("check: floors hold, gold unchanged")


if __name__ == "__main__":
    main()
