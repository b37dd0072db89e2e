"""NER accuracy and speed: the bare spaCy sm model against sm + Dossier's entity components.

Scores both on CoNLL++ (the main number) and the original CoNLL-2003 test set with the
shared scorer (``../shared/eval/scorers/score_ner.py``, imported, never copied): exact
span + type, micro and per-type P/R/F1, OntoNotes labels mapped by ``score_ner.LABEL_MAP``.
Each sentence is one input (the text ``score_ner.py --export-sentences`` writes: the tokens
joined by spaces), run through ``nlp.pipe`` in batches; "ours" also runs
:func:`dossier.extract.entities.find_mentions`, as the engine does. Speed is words/s
(gold tokens) of the whole pipeline, best of ``--repeat`` runs, both in this same run.

Floors (``--check``): ours must not score below bare on CoNLL++ micro F1, must reach
``FLOOR_F1``, and must keep ``FLOOR_SPEED`` of bare speed; the gold files must match the
hashes in ``../shared/eval/SHA256SUMS``.

``--no-gazetteer`` (or ``DOSSIER_GAZETTEER=off``) runs "ours" without the shipped actor
gazetteer (the entity fixes alone, as on a conflict the gazetteer does not cover).

Usage: python bench/ner.py [--model PACKAGE] [--batch-size 256] [--repeat 2] [--errors 30] [--check] [--json out.json] [--no-gazetteer]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
SCORERS = SHARED / "eval" / "scorers"
GOLDS = {"conllpp": "conll2003/conllpp_test.txt", "test": "conll2003/test.txt"}
FLOOR_F1 = 0.65
FLOOR_SPEED = 0.7


def load_scorer() -> Any:
    """Import ``score_ner`` from the shared scorers folder."""
    if not (SCORERS / "score_ner.py").is_file():
        sys.exit(f"No scorer at {SCORERS}; set DOSSIER_SHARED to the shared folder.")
    sys.path.insert(0, str(SCORERS))
    import score_ner

    return score_ner


def check_hashes() -> list[str]:
    """Gold files whose sha256 differs from ``eval/SHA256SUMS`` (empty when all match)."""
    sums = {}
    for line in (SHARED / "eval" / "SHA256SUMS").read_text().splitlines():
        digest, _, name = line.partition("  ")
        sums[name.strip().lstrip("./")] = digest
    bad = []
    for rel in GOLDS.values():
        digest = hashlib.sha256((SHARED / "eval" / rel).read_bytes()).hexdigest()
        if sums.get(rel) != digest:
            bad.append(rel)
    return bad


def run(nlp: Any, texts: list[str], *, batch_size: int, mentions: bool) -> tuple[list[list[dict[str, Any]]], float]:
    """Entities per text and the elapsed seconds."""
    from dossier.extract.entities import find_mentions

    start = time.perf_counter()
    out = []
    for i, sdoc in enumerate(nlp.pipe(texts, batch_size=batch_size)):
        if mentions:
            out.append([{"start": m.span.start, "end": m.span.end, "label": m.label}
                        for m in find_mentions(sdoc, doc_id=f"s{i}")])
        else:
            out.append([{"start": e.start_char, "end": e.end_char, "label": e.label_} for e in sdoc.ents])
    return out, time.perf_counter() - start


def errors(score_ner: Any, sents: list[dict[str, Any]], pred: dict[str, Any], limit: int) -> list[str]:
    """The most frequent (gold, predicted) disagreements, for reading."""
    counts: Counter[str] = Counter()
    for sent in sents:
        gold = score_ner.chunks(sent["tags"])
        got = score_ner.pred_chunks(sent, pred.get(sent["id"], []), Counter())
        toks = sent["tokens"]
        for a, b, typ in gold - got:
            counts[f"missed {typ:4} {' '.join(toks[a:b])}"] += 1
        for a, b, typ in got - gold:
            counts[f"wrong  {typ:4} {' '.join(toks[a:b])}"] += 1
    return [f"{n:4}  {k}" for k, n in counts.most_common(limit)]


def main(argv: list[str] | None = None) -> int:
    from dossier.settings import gazetteer_from_env

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--model", help="spaCy model package or directory for both pipelines (default: "
                    "$DOSSIER_SPACY_MODEL, else the sm package); bench/models.py compares models")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--repeat", type=int, default=2, help="timed runs per pipeline; the best counts")
    ap.add_argument("--errors", type=int, default=0, help="print the N most frequent errors of ours on CoNLL++")
    ap.add_argument("--check", action="store_true", help="exit 1 when a floor is not met")
    ap.add_argument("--json", help="write the results here")
    ap.add_argument("--no-gazetteer", dest="gazetteer", action="store_false",
                    default=gazetteer_from_env(os.environ.get("DOSSIER_GAZETTEER")),
                    help="run Dossier without its shipped actor gazetteer (as dossier ingest --no-gazetteer; "
                         "also DOSSIER_GAZETTEER=off)")
    args = ap.parse_args(argv)

    score_ner = load_scorer()
    from dossier.extract.entities import add_entity_components
    from dossier.extract.nlp import load_nlp, model_name

    sents = score_ner.read_conll(SHARED / "eval" / GOLDS["conllpp"])  # ids, text and tokens as --export-sentences
    texts = [s["text"] for s in sents]
    words = sum(len(s["tokens"]) for s in sents)
    bare = load_nlp(model=args.model)
    ours = add_entity_components(load_nlp(model=args.model), shipped=args.gazetteer)  # a separate, uncached pipeline object
    print(f"model: {model_name(args.model)}")
    print(f"ours: {'with' if args.gazetteer else 'WITHOUT'} the shipped actor gazetteer")
    for nlp in (bare, ours):
        list(nlp.pipe(texts[:200], batch_size=args.batch_size))  # warm up
    preds: dict[str, Any] = {}
    best = {"bare": float("inf"), "ours": float("inf")}
    for _ in range(args.repeat):  # interleaved, so a busy machine slows both alike
        for name, nlp in (("bare", bare), ("ours", ours)):
            ents, elapsed = run(nlp, texts, batch_size=args.batch_size, mentions=name == "ours")
            best[name] = min(best[name], elapsed)
            preds[name] = {s["id"]: e for s, e in zip(sents, ents)}
    speed = {name: words / seconds for name, seconds in best.items()}

    results: dict[str, Any] = {"model": model_name(args.model), "words": words, "sentences": len(sents), "speed_words_per_s": speed}
    print(f"{'gold':8} {'system':6} {'P':>6} {'R':>6} {'F1':>6} | " + " ".join(f"{t:>5}" for t in score_ner.TYPES))
    for gold, rel in GOLDS.items():
        gold_sents = score_ner.read_conll(SHARED / "eval" / rel)
        for name in ("bare", "ours"):
            res = score_ner.score_ner(gold_sents, preds[name])
            results[f"{gold}/{name}"] = res
            micro = res["micro"]
            print(f"{gold:8} {name:6} {micro['precision']:6.3f} {micro['recall']:6.3f} {micro['f1']:6.3f} | "
                  + " ".join(f"{res[t]['f1']:5.3f}" for t in score_ner.TYPES))
    ratio = speed["ours"] / speed["bare"]
    print(f"speed: bare {speed['bare']:,.0f} words/s, ours {speed['ours']:,.0f} words/s ({ratio:.2f}x), "
          f"batch_size={args.batch_size}, {words:,} words")
    if args.errors:
        print("\n".join(errors(score_ner, sents, preds["ours"], args.errors)))
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))

    failures = []
    if args.check:
        f1 = {name: results[f"conllpp/{name}"]["micro"]["f1"] for name in ("bare", "ours")}
        if f1["ours"] < f1["bare"]:
            failures.append(f"ours {f1['ours']:.3f} < bare {f1['bare']:.3f} on CoNLL++")
        if f1["ours"] < FLOOR_F1:
            failures.append(f"ours {f1['ours']:.3f} < floor {FLOOR_F1} on CoNLL++")
        if ratio < FLOOR_SPEED:
            failures.append(f"speed ratio {ratio:.2f} < {FLOOR_SPEED}")
        failures += [f"gold file {rel} does not match SHA256SUMS" for rel in check_hashes()]
    for failure in failures:
        print(f"FAIL: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
