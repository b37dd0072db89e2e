"""Quote and speaker accuracy on real news of many stories (our own hand-made gold), with a baseline.

PolNeAR is political news; the hidden evaluation is news about other stories and conflicts.
``bench/data/quotes_other/gold.jsonl`` holds our reading of 44 documents over 39 stories (ECB+
topics: shootings, earthquakes, arrests, fires, piracy, sport, business…, and four scraped
Afghanistan stories from ``news-corpus/``): every direct quotation and every piece of reported
speech with its speaker (see the README there). Texts are rebuilt at run time from
``../shared/eval/`` (ECB+ XML through :func:`ecbplus_text.ecb_text`, news-corpus files as they
are); only offsets and short prefixes are stored.

Systems, run in the same process on the same parsed documents:

- ``naive``: text between double quote marks, speaker = nearest PERSON in the sentence (the
  baseline of ``bench/quotes.py``);
- ``dossier``: :func:`~dossier.extract.quotes.find_quotes` as shipped (``dossier_nlp`` +
  ``find_mentions``), parts of one attribution joined with ``group_quotes``.

Scores (a gold quote is found when a predicted quote overlaps it; a prediction is right when it
overlaps some gold quote):

- quote P / R / F1, on all quotes and on the direct subset (gold direct quotes vs Dossier's
  direct and mixed quotes, as ``bench/quotes.py`` submits to PolNeAR);
- speaker strict: of the found gold quotes, the predicted speaker mention overlaps the gold
  mention at the cue ("he", "police", "the spokesman", "Tim Fanning");
- speaker by name: of the found gold quotes whose speaker the document names, the predicted
  speaker string names them (all tokens of the gold name, titles and case aside).

``heldout.jsonl`` (6 more documents, 32 quotes) was annotated after the fixes made on
``gold.jsonl`` and never used to make them: ``--gold bench/data/quotes_other/heldout.jsonl``.

Usage: ``python bench/quotes_other.py [--no-gazetteer] [--errors] [--gold FILE] [--eval-dir DIR]``
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ecbplus_text import ecb_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "data" / "quotes_other" / "gold.jsonl"
_NAIVE = re.compile(r"[“\"]([^“”\"\n]+)[”\"]")
_TITLES = {"the", "mr", "mrs", "ms", "dr", "sir", "gov", "sgt", "lt", "capt", "gen", "president", "secretary",
           "judge", "coach", "spokesman", "spokeswoman", "spokesperson", "senator", "sen", "rep"}


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    """One record per document: ``doc`` (path under the eval folder) and its gold ``quotes``."""
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def doc_text(doc: str, eval_dir: Path) -> str:
    """The text of a gold document exactly as the gold offsets count it."""
    path = eval_dir / doc
    if path.suffix != ".xml":
        return path.read_text(encoding="utf-8")
    return ecb_text(path)


def naive_quotes(sdoc: Any) -> list[dict[str, Any]]:
    """Baseline: text between double quote marks; nearest PERSON entity in the sentence."""
    out = []
    for m in _NAIVE.finditer(sdoc.text):
        span = sdoc.char_span(m.start(), m.end(), alignment_mode="expand")
        speaker = None
        if span is not None:
            people = [e for e in span.sent.ents if e.label_ == "PERSON" and not (m.start() <= e.start_char < m.end())]
            if people:
                best = min(people, key=lambda e: min(abs(e.start_char - m.end()), abs(m.start() - e.end_char)))
                speaker = {"start": best.start_char, "end": best.end_char, "text": best.text}
        out.append({"start": m.start(), "end": m.end(), "direct": True, "speaker": speaker,
                    "name": speaker["text"] if speaker else None})
    return out


def dossier_quotes(sdoc: Any, doc_id: str) -> list[dict[str, Any]]:
    """Dossier's quotes as shipped, one prediction per attribution (joined parts)."""
    from dossier.extract.entities import find_mentions  # noqa: PLC0415
    from dossier.extract.quotes import find_quotes, group_quotes  # noqa: PLC0415

    text = sdoc.text
    out = []
    for group in group_quotes(find_quotes(sdoc, doc_id=doc_id, mentions=find_mentions(sdoc, doc_id=doc_id))):
        first = group[0]
        start, end = first.span.start, max(q.span.end for q in group)
        s = first.speaker_span
        speaker = {"start": s.start, "end": s.end, "text": text[s.start:s.end]} if s is not None else None
        direct = any(q.direct or q.span.method.endswith(":mixed") for q in group)
        out.append({"start": start, "end": end, "direct": direct, "speaker": speaker, "name": first.speaker})
    return out


def _overlap(a: dict[str, Any], b: dict[str, Any]) -> int:
    return max(0, int(min(a["end"], b["end"])) - int(max(a["start"], b["start"])))


def _tokens(name: str) -> list[str]:
    words = re.findall(r"[\w']+", name.lower().replace("’", "'"))
    return [w for w in words if w not in _TITLES]


def name_matches(gold: str, predicted: str | None) -> bool:
    """The predicted speaker names the gold speaker: every word of the gold name, titles aside.

    >>> name_matches("Ken Salazar", "Interior Secretary Ken Salazar"), name_matches("Ken Salazar", "Salazar")
    (True, False)
    """
    if not predicted:
        return False
    want, have = _tokens(gold), _tokens(predicted)
    return bool(want) and all(w in have for w in want)


def _rate(a: float, b: float) -> float:
    return a / b if b else 0.0


def score(gold_docs: Iterable[tuple[list[dict[str, Any]], list[dict[str, Any]]]]) -> dict[str, Any]:
    """Counts and rates over (gold quotes, predicted quotes) pairs, one pair per document."""
    c = {k: 0 for k in ("gold", "pred", "found", "right", "gold_d", "pred_d", "found_d", "right_d",
                        "strict", "named", "by_name")}
    errors: list[dict[str, Any]] = []
    for gold, pred in gold_docs:
        c["gold"] += len(gold)
        c["pred"] += len(pred)
        c["right"] += sum(1 for p in pred if any(_overlap(p, g) for g in gold))
        gd = [g for g in gold if g["direct"]]
        pd = [p for p in pred if p["direct"]]
        c["gold_d"] += len(gd)
        c["pred_d"] += len(pd)
        c["right_d"] += sum(1 for p in pd if any(_overlap(p, g) for g in gd))
        c["found_d"] += sum(1 for g in gd if any(_overlap(p, g) for p in pd))
        for g in gold:
            best = max(pred, key=lambda p: _overlap(p, g), default=None)
            if best is None or not _overlap(best, g):
                errors.append({"kind": "missed", "gold": g})
                continue
            c["found"] += 1
            sp = best["speaker"]
            ok = sp is not None and _overlap(sp, g["speaker"]) > 0
            c["strict"] += ok
            if g["name"]:
                c["named"] += 1
                named = name_matches(g["name"], best["name"])
                c["by_name"] += named
            else:
                named = True
            if not ok or not named:
                errors.append({"kind": "speaker", "gold": g, "pred": best})
    p, r = _rate(c["right"], c["pred"]), _rate(c["found"], c["gold"])
    pdd, rd = _rate(c["right_d"], c["pred_d"]), _rate(c["found_d"], c["gold_d"])
    return {**c, "P": p, "R": r, "F1": _rate(2 * p * r, p + r), "P_direct": pdd, "R_direct": rd,
            "F1_direct": _rate(2 * pdd * rd, pdd + rd), "strict_acc": _rate(c["strict"], c["found"]),
            "name_acc": _rate(c["by_name"], c["named"]), "errors": errors}


def run(gold: Sequence[dict[str, Any]], eval_dir: Path, *, gazetteer: bool) -> dict[str, dict[str, Any]]:
    """Both systems on the gold documents; the scores of each, with their errors and texts."""
    from dossier.extract.nlp import dossier_nlp  # noqa: PLC0415

    nlp = dossier_nlp(gazetteer=gazetteer)
    pairs: dict[str, list[tuple[list[dict[str, Any]], list[dict[str, Any]]]]] = {"naive": [], "dossier": []}
    texts = {}
    for record in gold:
        text = doc_text(record["doc"], eval_dir)
        texts[record["doc"]] = text
        sdoc = nlp(text)
        quotes = [dict(q, doc=record["doc"]) for q in record["quotes"]]
        pairs["naive"].append((quotes, naive_quotes(sdoc)))
        pairs["dossier"].append((quotes, dossier_quotes(sdoc, record["doc"])))
    return {name: dict(score(p), texts=texts) for name, p in pairs.items()}


def _show_errors(result: dict[str, Any]) -> None:
    texts = result["texts"]
    for e in result["errors"]:
        g = e["gold"]
        t = texts[g["doc"]]
        head = f"{e['kind']:7} {g['doc'].split('/')[-1]:22} «{t[g['start']:g['end']][:60]}»"
        if e["kind"] == "missed":
            print(head, "gold:", g["speaker"]["text"])
        else:
            sp = e["pred"]["speaker"]
            print(head, f"gold: {g['speaker']['text']!r} / {g['name']!r}  got: {sp['text'] if sp else None!r} / "
                        f"{e['pred']['name']!r}")


def main(argv: Sequence[str] | None = None) -> None:
    """Run both systems, print a Markdown table (and the errors with ``--errors``)."""
    from dossier.settings import gazetteer_from_env  # noqa: PLC0415

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--eval-dir", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--errors", action="store_true", help="print every missed quote and wrong speaker")
    parser.add_argument("--gold", default=str(GOLD), help="gold JSONL (default: gold.jsonl; heldout.jsonl is the "
                        "check written after the fixes)")
    parser.add_argument("--no-gazetteer", dest="gazetteer", action="store_false",
                        default=gazetteer_from_env(os.environ.get("DOSSIER_GAZETTEER")),
                        help="run Dossier without its shipped actor gazetteer (also DOSSIER_GAZETTEER=off)")
    args = parser.parse_args(argv)
    eval_dir = Path(args.eval_dir)
    if not (eval_dir / "ecbplus").is_dir() or not (eval_dir / "news-corpus").is_dir():
        print(f"quotes_other: ECB+ / news-corpus not found under {eval_dir}; nothing to measure "
              "(the texts are rebuilt from ../shared/eval at run time).")
        return
    gold = load_gold(Path(args.gold))
    results = run(gold, eval_dir, gazetteer=args.gazetteer)
    n = sum(len(r["quotes"]) for r in gold)
    print(f"quotes_other: {len(gold)} documents, {n} gold quotes; "
          f"{'with' if args.gazetteer else 'WITHOUT'} the shipped actor gazetteer\n")
    print("| system | quote P | R | F1 | direct P | R | F1 | speaker strict | by name | found / gold |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for name, r in results.items():
        print(f"| {name} | {r['P']:.3f} | {r['R']:.3f} | {r['F1']:.3f} | {r['P_direct']:.3f} | {r['R_direct']:.3f} "
              f"| {r['F1_direct']:.3f} | {r['strict_acc']:.3f} ({r['strict']}/{r['found']}) "
              f"| {r['name_acc']:.3f} ({r['by_name']}/{r['named']}) | {r['found']} / {r['gold']} |")
    if args.errors:
        print()
        _show_errors(results["dossier"])


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    main()
