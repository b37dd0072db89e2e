"""Language detection: which library, and does Dossier's decision keep English text English?

Detectors, each in a fresh subprocess so load time and memory are its own:

* ``py3langid``: the raw model (``norm_probs``), top label;
* ``lingua-low`` / ``lingua-high``: lingua-language-detector, all languages, low / high
  accuracy mode (skipped unless importable: ``--lingua-path DIR`` adds a ``pip install
  --target DIR`` copy, so it need not be in the project's environment);
* ``dossier``: :func:`dossier.clean.language.detect_language` (py3langid plus the script,
  English-words, confidence and declared-language rules), with "undecided" counted as English
  on English text, as the extract stage reads it (its model is py3langid's, already loaded
  by the cleaning that made the English documents: its load time and memory show as ~0).

Sets:

* ``tests/fixtures/languages.jsonl``: our own news sentences (short) and paragraphs (long)
  in French, Spanish, Portuguese, German, Russian, Ukrainian, Turkish, Arabic, Persian, Urdu,
  Pashto, Italian, and English headlines and chrome-laden English paragraphs;
* English documents as the pipeline sees them (read and cleaned): samples/, the seeds, the
  news-corpus, the PolNeAR dev+test texts: the false non-English rate must be ~0;
* CoNLL-2003 test sentences of 20+ characters (English fragments, many all-caps or lists of
  names): the hardest case for a short-text detector.

Usage: python bench/language.py [--lingua-path /tmp/lingua_only] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
FIXTURES = ROOT / "tests/fixtures/languages.jsonl"
DETECTORS = ("py3langid", "lingua-low", "lingua-high", "dossier")


def fixtures() -> list[dict[str, str]]:
    return [json.loads(line) for line in FIXTURES.read_text("utf-8").splitlines() if line.strip()]


def english_documents() -> list[tuple[str, str, str | None]]:
    """(source, cleaned text, declared language) of every English document in the corpora."""
    from dossier.clean import clean
    from dossier.ingest import iter_inputs, read_items
    from dossier.ingest.sources import Input
    from dossier.records import Document, Raw

    paths = [ROOT / "samples/articles", SHARED / "corpus/seeds", SHARED / "eval/news-corpus",
             SHARED / "eval/quotes-polnear/test/text", SHARED / "eval/quotes-polnear/dev/text"]
    docs = []
    for inp in iter_inputs([str(p) for p in paths if p.exists()]):
        if not isinstance(inp, Input) or inp.source.endswith(".tsv"):
            continue
        for raw in read_items(inp):
            doc = clean(raw) if isinstance(raw, Raw) else None
            if isinstance(doc, Document):
                docs.append((doc.source, doc.text, (doc.meta.get("language") or {}).get("declared")))
    return docs


def conll_sentences() -> list[str]:
    path = SHARED / "eval/conll2003/test.txt"
    if not path.exists():
        return []
    sentences, current = [], []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or line.startswith("-DOCSTART-"):
            if current:
                sentences.append(" ".join(current))
                current = []
            continue
        current.append(line.split()[0])
    return [s for s in sentences if len(s) >= 20]


def make_detector(name: str):  # noqa: ANN201 - a small closure per library
    if name == "py3langid":
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        return lambda text, declared=None: str(ident.classify(text)[0])
    if name.startswith("lingua"):
        from lingua import LanguageDetectorBuilder

        builder = LanguageDetectorBuilder.from_all_languages()
        if name == "lingua-low":
            builder = builder.with_low_accuracy_mode()
        detector = builder.with_preloaded_language_models().build()

        def lingua(text: str, declared: str | None = None) -> str | None:
            found = detector.detect_language_of(text)
            return found.iso_code_639_1.name.lower() if found else None
        return lingua
    from dossier.clean.language import detect_language

    detect_language("warm up the model")
    return lambda text, declared=None: detect_language(text, declared=declared).code


def rss_kb() -> int:
    """This process's resident memory now (Linux), in KiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def run_one(name: str) -> dict[str, object]:
    """Measure one detector in this process (called in a subprocess by ``main``)."""
    docs, sentences, items = english_documents(), conll_sentences(), fixtures()
    base = rss_kb()
    start = time.perf_counter()
    detect = make_detector(name)
    load = time.perf_counter() - start
    loaded = rss_kb()

    def english(code: str | None) -> bool:
        return code == "en" or (name == "dossier" and code is None)

    by_kind: dict[str, list[int]] = {}
    wrong = []
    for item in items:
        code = detect(item["text"])
        good = english(code) if item["lang"] == "en" else code == item["lang"]
        key = f"{'en' if item['lang'] == 'en' else 'other'}-{item['kind']}"
        by_kind.setdefault(key, [0, 0])
        by_kind[key][0] += good
        by_kind[key][1] += 1
        if not good:
            wrong.append(f"{item['lang']}→{code}: {item['text'][:40]}")
    start = time.perf_counter()
    doc_codes = [detect(text, declared) for _, text, declared in docs]
    per_doc = (time.perf_counter() - start) / max(1, len(docs))
    foreign_docs = [f"{Path(src).name}→{code}" for (src, _, _), code in zip(docs, doc_codes) if not english(code)]
    sentence_codes = Counter(c for c in (detect(s) for s in sentences) if not english(c))
    return {"detector": name, "load_s": round(load, 2), "model_rss_mb": round((loaded - base) / 1024),
            "fixtures": {k: f"{v[0]}/{v[1]}" for k, v in sorted(by_kind.items())}, "wrong": wrong,
            "english_docs": len(docs), "english_docs_not_english": foreign_docs,
            "ms_per_doc": round(1000 * per_doc, 2),
            "mean_doc_chars": round(sum(len(t) for _, t, _ in docs) / max(1, len(docs))),
            "conll_sentences": len(sentences), "conll_not_english": sum(sentence_codes.values()),
            "conll_top_wrong": sentence_codes.most_common(5)}


def installed_mb(module: str, extra: str | None) -> float | None:
    code = ("import importlib.util, pathlib, sys; spec = importlib.util.find_spec(sys.argv[1]); "
            "root = pathlib.Path(spec.origin).parent; "
            "print(sum(p.stat().st_size for p in root.rglob('*') if p.is_file()))")
    env = {**os.environ, **({"PYTHONPATH": extra} if extra else {})}
    done = subprocess.run([sys.executable, "-c", code, module], capture_output=True, text=True, env=env)
    return round(int(done.stdout) / 2**20, 1) if done.returncode == 0 else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lingua-path", help="a folder lingua-language-detector was installed into (--target)")
    parser.add_argument("--json", help="write the results here too")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    if not (SHARED / "eval").exists():
        sys.exit(f"needs the evaluation sets in {SHARED / 'eval'}; set DOSSIER_SHARED to the shared folder")
    results = []
    for name in DETECTORS:
        env = dict(os.environ)
        if name.startswith("lingua"):
            if not args.lingua_path:
                print(f"{name}: skipped (no --lingua-path)", file=sys.stderr)
                continue
            env["PYTHONPATH"] = args.lingua_path
        done = subprocess.run([sys.executable, __file__, "--one", name], capture_output=True, text=True, env=env)
        if done.returncode != 0:
            print(f"{name}: failed: {done.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
            continue
        result = json.loads(done.stdout)
        module = "lingua" if name.startswith("lingua") else "py3langid"
        result["installed_mb"] = installed_mb(module, args.lingua_path if module == "lingua" else None)
        results.append(result)
    print(f"{'detector':<12} {'fixtures other short/long':>26} {'en short/long':>14} {'en docs wrong':>14} "
          f"{'conll wrong':>12} {'ms/doc':>7} {'load s':>7} {'model MB':>9} {'installed MB':>13}")
    for r in results:
        f = r["fixtures"]
        print(f"{r['detector']:<12} {f.get('other-short', '-'):>13} / {f.get('other-long', '-'):<10} "
              f"{f.get('en-short', '-'):>6} / {f.get('en-long', '-'):<5} "
              f"{len(r['english_docs_not_english'])}/{r['english_docs']:<10} "
              f"{r['conll_not_english']}/{r['conll_sentences']:<7} {r['ms_per_doc']:>7} {r['load_s']:>7} "
              f"{r['model_rss_mb']:>9} {r['installed_mb'] if r['installed_mb'] is not None else '-':>13}")
        for line in r["wrong"]:
            print(f"    {r['detector']} wrong: {line}")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), "utf-8")


if __name__ == "__main__":
    main()
