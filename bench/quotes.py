"""Quote and speaker accuracy on PolNeAR (Newell et al., LREC 2018), with a same-run baseline.

Runs :func:`dossier.extract.quotes.find_quotes` on every article of a PolNeAR split, writes
predictions in the scorer's JSONL format and scores them with the shared scorer
(``../shared/eval/scorers/score_quotes.py``, imported, never copied). Two systems run on the
same parsed documents so machine noise cancels:

- ``naive``: any text between double quote marks, speaker = nearest PERSON entity in the
  sentence;
- ``quotes.v1``: our quotes. PolNeAR's "direct" subset is every attribution whose content
  holds quote marks, so we submit our direct quotes plus our reported speech that holds
  quoted words (``mixed``); parts of one attribution (a split quote, a quotation carried
  over paragraphs) are joined with :func:`~dossier.extract.quotes.group_quotes`, as
  PolNeAR annotates them as one relation. The speaker is the mention the speaker was read
  from (``speaker_span``).
- ``quotes.v1 all``: every Quote, scored against all attributions (indirect included).

Documents are parsed with the production pipeline (:func:`~dossier.extract.nlp.dossier_nlp`:
the model, paragraph boundaries and our entity components) and ``find_quotes`` gets the
entity stage's mentions (:func:`~dossier.extract.entities.find_mentions`), so the numbers
measure what ships.

Also prints time per article: ``nlp(text)`` and ``find_mentions`` + ``find_quotes`` on top of it.

Usage: ``python bench/quotes.py [--split dev|test] [--limit N] [--out DIR] [--eval-dir DIR]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from dossier.extract.entities import find_mentions
from dossier.extract.nlp import dossier_nlp
from dossier.extract.quotes import find_quotes, group_quotes
from dossier.extract.records import Quote
from dossier.settings import gazetteer_from_env

ROOT = Path(__file__).resolve().parents[1]
_NAIVE = re.compile(r"[“\"]([^“”\"\n]+)[”\"]")


def naive_quotes(sdoc: Any) -> list[dict[str, Any]]:
    """Baseline: text between double quote marks; nearest PERSON entity in the sentence."""
    out = []
    for m in _NAIVE.finditer(sdoc.text):
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        speaker = None
        if span is not None:
            sent = span.sent
            people = [e for e in sent.ents if e.label_ == "PERSON" and not (m.start() <= e.start_char < m.end())]
            if people:
                best = min(people, key=lambda e: min(abs(e.start_char - m.end()), abs(m.start() - e.end_char)))
                speaker = {"start": best.start_char, "end": best.end_char, "text": best.text}
        out.append({"start": m.start(), "end": m.end(), "text": m.group(), "speaker": speaker})
    return out


def _speaker(quote: Quote, text: str) -> dict[str, Any] | str | None:
    if quote.speaker_span is not None:
        s = quote.speaker_span
        return {"start": s.start, "end": s.end, "text": text[s.start:s.end]}
    return quote.speaker


def ours_direct(quotes: Sequence[Quote], text: str) -> list[dict[str, Any]]:
    """Our direct and mixed quotes, parts of one attribution joined into one span."""
    keep = [q for q in quotes if q.direct or q.span.method.endswith(":mixed")]
    out = []
    for group in group_quotes(keep):
        start, end = group[0].span.start, max(q.span.end for q in group)
        out.append({"start": start, "end": end, "text": text[start:end], "speaker": _speaker(group[0], text)})
    return out


def ours_all(quotes: Sequence[Quote], text: str) -> list[dict[str, Any]]:
    """Every quote (direct and reported), parts of one attribution joined."""
    out = []
    for group in group_quotes(quotes):
        start, end = group[0].span.start, max(q.span.end for q in group)
        out.append({"start": start, "end": end, "text": text[start:end], "speaker": _speaker(group[0], text)})
    return out


def _write(path: Path, preds: dict[str, list[dict[str, Any]]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for key, quotes in preds.items():
            f.write(json.dumps({"id": key, "quotes": quotes}, ensure_ascii=False) + "\n")


def main(argv: Sequence[str] | None = None) -> None:
    """Run both systems on a split, score them, print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="dev", choices=["dev", "test"])
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles")
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--out", help="folder for the prediction JSONL files (default: a temp folder)")
    parser.add_argument("--no-gazetteer", dest="gazetteer", action="store_false",
                    default=gazetteer_from_env(os.environ.get("DOSSIER_GAZETTEER")),
                    help="run Dossier without its shipped actor gazetteer (as dossier ingest --no-gazetteer; "
                         "also DOSSIER_GAZETTEER=off)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(args.eval_dir) / "scorers"))
    from score_quotes import load_gold, score_quotes  # noqa: PLC0415

    gold = load_gold(Path(args.eval_dir), args.split)
    texts: dict[str, str] = {}
    for row in gold:
        texts.setdefault(row["article"], row["text"])
    keys = sorted(texts)[: args.limit or None]
    gold = [row for row in gold if row["article"] in keys]
    nlp = dossier_nlp(gazetteer=args.gazetteer)
    nlp("warm up.")
    preds: dict[str, dict[str, list[dict[str, Any]]]] = {"naive": {}, "quotes.v1": {}, "quotes.v1 all": {}}
    t_nlp, t_quotes = [], []
    doubled = 0
    for key in keys:
        text = texts[key]
        started = time.perf_counter()
        sdoc = nlp(text)
        parsed = time.perf_counter()
        quotes = find_quotes(sdoc, doc_id=key, mentions=find_mentions(sdoc, doc_id=key))
        t_nlp.append(parsed - started)
        t_quotes.append(time.perf_counter() - parsed)
        preds["naive"][key] = [q for q in naive_quotes(sdoc) if q["start"] > text.find("\n")]
        body = text.find("\n")  # the first line is the title: not body text in our pipeline
        quotes = [q for q in quotes if q.span.start > body]
        preds["quotes.v1"][key] = ours_direct(quotes, text)
        preds["quotes.v1 all"][key] = ours_all(quotes, text)
        doubled += sum(1 for q in quotes if q.direct and text[q.span.start - 2:q.span.start] == "''")
    out_dir = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="quotes-bench-"))
    out_dir.mkdir(parents=True, exist_ok=True)
    print(f"PolNeAR {args.split}: {len(keys)} articles, {len(gold)} annotation files; predictions in {out_dir}; "
          f"{'with' if args.gazetteer else 'WITHOUT'} the shipped actor gazetteer\n")
    print("| system | subset | P | R | F1 | speaker acc (lenient) | strict | n | quote+speaker F1 |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, pred in preds.items():
        _write(out_dir / f"{name.replace(' ', '_')}.{args.split}.jsonl", pred)
        r = score_quotes(gold, pred)
        subset = "all" if name.endswith("all") else "direct"
        d = r["all_attributions"] if subset == "all" else r["direct"]
        s, e = r["speaker"], r["end_to_end"]
        print(f"| {name} | {subset} | {d['precision']:.3f} | {d['recall']:.3f} | {d['f1']:.3f} | "
              f"{s['accuracy_lenient']:.3f} | {s['accuracy_strict']:.3f} | {s['n']} | {e['f1']:.3f} |")
    print(f"\n{doubled} of our direct quotes are marked with two apostrophes (''…''); PolNeAR's "
          "content_has_quote_marks ignores that style, so they count against our direct-subset precision.")
    ms_nlp, ms_q = 1000 * statistics.mean(t_nlp), 1000 * statistics.mean(t_quotes)
    print(f"\ntime per article: nlp() {ms_nlp:.1f} ms, find_mentions + find_quotes {ms_q:.1f} ms "
          f"(+{100 * ms_q / ms_nlp:.0f}% over nlp)")


if __name__ == "__main__":
    main()
