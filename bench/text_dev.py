"""Dev check for the scraped-plain-text cleaner: shingle P/R/F1 on extraction-benchmark.

Flattens every page with the scorers' ``htmltext.visible_text`` (the "scraped plain text"
task), runs :func:`dossier.clean.text.clean_text`, and prints P/R/F1 for it and for the
keep-everything baseline, overall and on two halves of the ids (even/odd position in
sorted order), plus pages per second.

Usage: ``python bench/text_dev.py [--eval-dir ../shared/eval] [--worst 10]``
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from dossier.clean.text import clean_text

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    """Score the cleaner and the baseline; print one line per run and half."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--worst", type=int, default=0, help="list the N worst pages")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(args.eval_dir) / "scorers"))
    from common import load_extraction_benchmark  # noqa: PLC0415
    from htmltext import visible_text  # noqa: PLC0415
    from score_extraction import score_shingles  # noqa: PLC0415

    items = load_extraction_benchmark(Path(args.eval_dir))
    gold = {key: body for key, _, _, body in items}
    flat = {key: visible_text(html) for key, _, html, _ in items}
    started = time.perf_counter()
    ours = {key: clean_text(text).text for key, text in flat.items()}
    elapsed = time.perf_counter() - started
    halves = {"all": sorted(gold), "A": sorted(gold)[0::2], "B": sorted(gold)[1::2]}
    for name, pred in (("keep-everything", flat), ("text.v2", ours)):
        for half, keys in halves.items():
            r = score_shingles({k: gold[k] for k in keys}, pred)
            print(f"{name:16s} {half:3s} n={r['n']:3d} P={r['precision']:.3f} "
                  f"R={r['recall']:.3f} F1={r['f1']:.3f}")
    print(f"text.v2 speed: {len(flat) / elapsed:.0f} pages/s")
    if args.worst:
        per_doc = score_shingles(gold, ours)["per_doc"]
        worst = sorted(per_doc.items(), key=lambda kv: kv[1]["tp"])[: args.worst]
        for key, c in worst:
            print(f"  {sorted(gold).index(key):3d} {key[:12]} tp={c['tp']:.2f} "
                  f"fp={c['fp']:.2f} fn={c['fn']:.2f}")


if __name__ == "__main__":
    main()
