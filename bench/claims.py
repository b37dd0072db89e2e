"""Benchmark: status-labelled cross-source claims on our own multi-story gold (issue 13).

Gold: ``bench/data/claims/gold.jsonl``, written by hand by the Dossier team (see the README
there): the agreements, disputes and changes a careful analyst reports across the 20 texts of
``news-corpus/`` (five stories) and five ECB+ topics (two earthquakes, two shootings, a murder
trial). Each set is ingested into one temporary store through the real pipeline
(:func:`dossier.backends.open_store` + :func:`dossier.pipeline.ingest`): all 20 news-corpus
files by path, and the ECB+ documents the gold was written from as the plain text
:func:`ecbplus_text.ecb_text` rebuilds (one file each). Dossier's claims are then read exactly
as a user reads them: ``dossier claims --json --db STORE`` run as a command (the contract's
claim clusters; ``supporting``/``disputing`` cite document ids, mapped back to gold paths
through each stored document's source).

**Matcher.** A system claim *matches* a gold claim when all four hold:

1. *status*: equal (agreed / disputed / changed);
2. *documents*: the documents it cites (supporting, disputing and, for a changed claim, its
   series) share at least one document with the gold claim's ``docs``;
3. *subject*: one alias of the gold subject, and (when the gold has an object) one alias of
   the gold object, occur (casefolded, NFKC, quotes and dashes unified, hyphens as spaces,
   whole words) in the system's ``subject``, ``object`` and ``proposition`` taken together;
4. *predicate*: the system's ``predicate`` field, or one word of its ``proposition``, is in
   the gold predicate's word list (:data:`PREDICATE_WORDS`: ``killed`` accepts killed, dead,
   death, toll, casualties…; ``responsibility`` accepts claimed, blamed, responsible…).

Precision = system claims (with a status) that match some gold claim / all system claims with a
status; recall = gold claims matched by some system claim / all gold claims; F1 their harmonic
mean. Several system claims may match one gold claim, and one system claim several gold claims
(it counts for precision once). "Recall,
any status" relaxes rule 1 only: how many gold propositions were found at all.

**Baseline "co-mention"** (same stores, same documents): for each document and each sentence
that holds at least one number (a quantity Dossier's extract stage found in that sentence) and
two or more resolved entities (cross-document entity ids; the name where there is none), every
unordered pair of those entities is a key; the document's numbers for a key are all numbers of
all its sentences with that pair. A key seen in two or more documents of one story becomes one
claim citing all of them: ``agreed`` when one number is common to every document, else
``disputed``; it never says ``changed``. Its subject and object are the two entities' names, its
proposition those names plus the first such sentence, and its predicate ``co-mention`` (so
rule 4 is met only through words of that sentence).

Usage::

    .venv/bin/python bench/claims.py [--set news-corpus|ecbplus|all] [--verbose] [--json OUT] [--no-gazetteer]

``--no-gazetteer`` (or ``DOSSIER_GAZETTEER=off``) ingests without the shipped actor gazetteer.

The shared folder is ``../shared`` beside the repository, or ``$DOSSIER_SHARED``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ecbplus_text import ecb_text  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
GOLD_PATH = ROOT / "bench" / "data" / "claims" / "gold.jsonl"
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
EVAL = SHARED / "eval"
SETS = ("news-corpus", "ecbplus")
SYSTEMS = ("Dossier", "co-mention")
STATUSES = ("agreed", "disputed", "changed")

Gold = dict[str, Any]

PREDICATE_WORDS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "killed": "killed kill kills killing dead death deaths died dies toll fatalities casualties victims",
    "wounded": "wounded wounding injured injuring injuries hurt injures wounds casualties",
    "missing": "missing unaccounted",
    "attackers": "attackers bombers bomber gunmen attacker perpetrators",
    "responsibility": "responsibility responsible claimed claims claim blamed blames admitted perpetrator carried "
                      "attack attacked conducted",
    "located": "located location place site near struck hit exploded",
    "date": "date day dated monday tuesday wednesday thursday friday saturday sunday",
    "magnitude": "magnitude richter strength",
    "status-dead": "dead killed death died status-dead",
    "status-guilty": "guilty convicted plea pleaded",
    "leads": "leads leader lead head heads emir chief leads_by",
    "controls": "controls control captured seized took taken holds",
    "entered": "entered entering enter entry reached",
    "left": "left fled leaves flee departed departure",
    "arrested": "arrested arrest detained custody captured surrendered",
    "charged": "charged charges charge accused",
    "convicted": "convicted conviction guilty verdict",
    "troops": "troops forces troop soldiers",
    "signed": "signed sign agreement deal reached",
    "withdraws": "withdraw withdraws withdrawal pull pullout",
    "meets": "meets met meet meeting talks",
    "cancels": "cancels canceled cancelled cancel called-off",
    "announced": "announced announces said says tweeted",
    "condemns": "condemns condemned denounced criticised criticized",
    "bounty": "bounty reward",
}.items()}


@dataclass(frozen=True, slots=True)
class SystemClaim:
    """One claim cluster as a system reports it, its cited documents mapped to gold paths."""

    status: str
    proposition: str
    subject: str
    object: str
    predicate: str
    docs: frozenset[str]
    id: str = ""


# ---------------------------------------------------------------- gold and inputs

def load_gold() -> list[Gold]:
    """All gold claims, in file order."""
    return [json.loads(line) for line in GOLD_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]


def set_documents(name: str, golds: list[Gold]) -> list[str]:
    """The documents ingested for one set: every news-corpus text; the ECB+ documents the gold cites."""
    if name == "news-corpus":
        return sorted(f"news-corpus/{p.name}" for p in (EVAL / "news-corpus").glob("*.txt"))
    return sorted({d["doc"] for g in golds for d in g["docs"]})


def story_of_documents(golds: list[Gold]) -> dict[str, str]:
    """Each cited document's story (its first gold claim's story; news-corpus 18 is Camp David)."""
    story: dict[str, str] = {}
    for gold in golds:
        for doc in gold["docs"]:
            story.setdefault(doc["doc"], gold["story"])
    story["news-corpus/18-wfdd-npr-trump-called-off-talks.txt"] = "camp-david"
    return story


# ---------------------------------------------------------------- systems

def _dossier_command() -> list[str]:
    script = Path(sys.executable).parent / "dossier"
    found = str(script) if script.exists() else shutil.which("dossier")
    if not found:
        raise SystemExit("The `dossier` command is not installed next to this Python; run bash scripts/test.sh first.")
    return [found]


def run_set(docs: list[str], *, gazetteer: bool = True) -> tuple[list[dict[str, Any]], list[Any], dict[str, str]]:
    """Ingest ``docs`` into a fresh store; return ``claims --json``, the stored documents, id → gold path."""
    from dossier.backends import open_store
    from dossier.pipeline import ingest
    from dossier.settings import Settings

    with tempfile.TemporaryDirectory(prefix="dossier-claims-") as tmp:
        paths: dict[str, str] = {}
        for doc in docs:
            path = EVAL / doc
            if path.suffix == ".xml":  # ECB+: the rebuilt text, as a file of its own
                rebuilt = Path(tmp) / (doc.replace("/", "__") + ".txt")
                rebuilt.write_text(ecb_text(path), encoding="utf-8")
                path = rebuilt
            paths[os.path.abspath(path)] = doc
        db = Path(tmp) / "store.db"
        store = open_store(db, create=True)
        try:
            ingest(list(paths), store=store, settings=Settings(db=str(db), gazetteer=gazetteer))
            stored = list(store.iter_documents())
        finally:
            store.close()
        done = subprocess.run([*_dossier_command(), "claims", "--json", "--db", str(db)],
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise SystemExit(f"dossier claims --json failed ({done.returncode}): {done.stderr.strip()[-500:]}")
        clusters = json.loads(done.stdout or "[]")
    by_id = {doc.id: paths[doc.source] for doc in stored if doc.source in paths}
    return clusters, stored, by_id


def dossier_claims(clusters: list[dict[str, Any]], by_id: dict[str, str]) -> list[SystemClaim]:
    """The contract's claim clusters with a status, as :class:`SystemClaim`."""
    found = []
    for cluster in clusters:
        if cluster.get("status") not in STATUSES:
            continue
        cited = [*cluster.get("supporting", []), *cluster.get("disputing", []), *cluster.get("series", [])]
        docs = frozenset(by_id.get(c.get("doc", ""), c.get("doc", "")) for c in cited)
        found.append(SystemClaim(cluster["status"], cluster.get("proposition", ""), cluster.get("subject") or "",
                                 cluster.get("object") or "", cluster.get("predicate") or "", docs,
                                 cluster.get("id", "")))
    return found


def comention_claims(stored: list[Any], by_id: dict[str, str], story: dict[str, str]) -> list[SystemClaim]:
    """The co-mention baseline (module docstring)."""
    numbers: dict[tuple[str, frozenset[str]], dict[str, set[float]]] = defaultdict(dict)
    first_text: dict[tuple[str, frozenset[str]], str] = {}
    names: dict[str, str] = {}
    for doc in sorted(stored, key=lambda d: by_id.get(d.id, d.id)):
        path = by_id.get(doc.id)
        if path is None or path not in story:
            continue
        in_sentence: dict[int, set[float]] = defaultdict(set)
        spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for q in doc.quantities:
            if q.value is not None:
                in_sentence[q.span.sentence].add(float(q.value))
                spans[q.span.sentence].append((q.span.start, q.span.end))
        entities: dict[int, set[str]] = defaultdict(set)
        for ref in doc.entities:
            key = ref.entity_id or ref.name
            names.setdefault(key, ref.name)
            for m in ref.mentions:
                if m.span.sentence in in_sentence:
                    entities[m.span.sentence].add(key)
                    spans[m.span.sentence].append((m.span.start, m.span.end))
        for sentence, ents in entities.items():
            ordered = sorted(ents)
            for i, a in enumerate(ordered):
                for b in ordered[i + 1:]:
                    key = (story[path], frozenset({a, b}))
                    numbers[key].setdefault(path, set()).update(in_sentence[sentence])
                    if key not in first_text:
                        lo = min(s for s, _ in spans[sentence])
                        hi = max(e for _, e in spans[sentence])
                        first_text[key] = doc.text[lo:hi]
    found = []
    for key, per_doc in numbers.items():
        if len(per_doc) < 2:
            continue
        common = set.intersection(*per_doc.values())
        a, b = sorted(names[k] for k in key[1])
        found.append(SystemClaim("agreed" if common else "disputed", f"{a} — {b}: {first_text[key]}", a, b,
                                 "co-mention", frozenset(per_doc)))
    return found


# ---------------------------------------------------------------- matching

_FOLD = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2010": " ", "\u2011": " ",
                       "\u2013": " ", "\u2014": " ", "-": " ", "\u00a0": " "})


def norm(text: str | None) -> str:
    """Casefolded, NFKC, quotes unified, hyphens and dashes as spaces, whitespace collapsed."""
    text = unicodedata.normalize("NFKC", text or "").translate(_FOLD).casefold()
    return re.sub(r"\s+", " ", text).strip()


def _has_phrase(haystack: str, phrase: str) -> bool:
    phrase = norm(phrase)
    return bool(phrase) and re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", haystack) is not None


def gold_docs(gold: Gold) -> frozenset[str]:
    return frozenset(d["doc"] for d in gold["docs"])


def same_docs(gold: Gold, claim: SystemClaim) -> bool:
    return bool(gold_docs(gold) & claim.docs)


def same_subject(gold: Gold, claim: SystemClaim) -> bool:
    text = norm(" | ".join((claim.subject, claim.object, claim.proposition)))
    return all(any(_has_phrase(text, alias) for alias in part["aliases"])
               for part in (gold["subject"], gold["object"]) if part)


def same_predicate(gold: Gold, claim: SystemClaim) -> bool:
    words = PREDICATE_WORDS.get(gold["predicate"], frozenset({gold["predicate"]}))
    if norm(claim.predicate) in {norm(w) for w in words}:
        return True
    return bool(words & set(re.findall(r"[\w-]+", claim.proposition.casefold())))


def matches(gold: Gold, claim: SystemClaim, *, status: bool = True) -> bool:
    """Rules 1–4 of the module docstring (rule 1 skipped with ``status=False``)."""
    return ((not status or gold["status"] == claim.status) and same_docs(gold, claim)
            and same_subject(gold, claim) and same_predicate(gold, claim))


def miss_kind(gold: Gold, claims: list[SystemClaim]) -> str:
    """Why no system claim matched this gold claim (the first rule every candidate fails)."""
    on_docs = [c for c in claims if same_docs(gold, c)]
    label = f"{gold['status']} {gold['predicate']}"
    if not on_docs:
        return f"{label}: no claim cites its documents"
    right = [c for c in on_docs if same_subject(gold, c) and same_predicate(gold, c)]
    if right:
        return f"{label}: found as {'/'.join(sorted({c.status for c in right}))}"
    if any(same_subject(gold, c) for c in on_docs):
        return f"{label}: claims on its subject, other predicates"
    return f"{label}: claims on its documents, other subjects"


# ---------------------------------------------------------------- scoring and report

def score(golds: list[Gold], claims: list[SystemClaim]) -> dict[str, Any]:
    matched_claims = sum(any(matches(g, c) for g in golds) for c in claims)
    found = [any(matches(g, c) for c in claims) for g in golds]
    loose = sum(any(matches(g, c, status=False) for c in claims) for g in golds)
    p = matched_claims / len(claims) if claims else 0.0
    r = sum(found) / len(golds) if golds else 0.0
    row: dict[str, Any] = {"claims": len(claims), "matched_claims": matched_claims, "gold": len(golds),
                           "found": sum(found), "precision": p, "recall": r,
                           "f1": 2 * p * r / (p + r) if p + r else 0.0, "recall_any_status": loose / len(golds)}
    for status in STATUSES:
        of = [f for f, g in zip(found, golds, strict=True) if g["status"] == status]
        row[f"recall_{status}"] = (sum(of), len(of))
    return row


def markdown(title: str, rows: dict[str, dict[str, Any]]) -> str:
    lines = [f"### {title}", "",
             "| system | claims | precision | recall | F1 | recall agreed | recall disputed | recall changed "
             "| recall, any status |", "|---|---|---|---|---|---|---|---|---|"]
    for system, row in rows.items():
        per = " | ".join(f"{row[f'recall_{s}'][0]}/{row[f'recall_{s}'][1]}" for s in STATUSES)
        lines.append(f"| {system} | {row['claims']} | {row['precision']:.3f} ({row['matched_claims']}/{row['claims']}) "
                     f"| {row['recall']:.3f} ({row['found']}/{row['gold']}) | {row['f1']:.3f} | {per} "
                     f"| {row['recall_any_status']:.3f} |")
    return "\n".join(lines)


def per_story(golds: list[Gold], claims: dict[str, list[SystemClaim]]) -> str:
    """Recall per story, every system: which stories the claims layer covers at all."""
    lines = ["| story | gold | " + " | ".join(f"{s} recall" for s in SYSTEMS) + " |",
             "|---|---|" + "---|" * len(SYSTEMS)]
    for story in dict.fromkeys(g["story"] for g in golds):
        of = [g for g in golds if g["story"] == story]
        found = [sum(any(matches(g, c) for c in claims[s]) for g in of) for s in SYSTEMS]
        lines.append(f"| {story} | {len(of)} | " + " | ".join(f"{n}/{len(of)}" for n in found) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    from dossier.settings import gazetteer_from_env

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=[*SETS, "all"], default="all")
    parser.add_argument("--verbose", action="store_true", help="list the gold claims each system missed, and "
                        "Dossier's claims that match no gold claim")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--no-gazetteer", dest="gazetteer", action="store_false",
                    default=gazetteer_from_env(os.environ.get("DOSSIER_GAZETTEER")),
                    help="run Dossier without its shipped actor gazetteer (as dossier ingest --no-gazetteer; "
                         "also DOSSIER_GAZETTEER=off)")
    args = parser.parse_args(argv)
    if not EVAL.is_dir():
        print(f"No evaluation data at {EVAL}; set DOSSIER_SHARED to the folder holding eval/ "
              "(e.g. DOSSIER_SHARED=/work/shared).", file=sys.stderr)
        return 2
    all_gold = load_gold()
    story = story_of_documents(all_gold)
    names = SETS if args.set == "all" else (args.set,)
    report: dict[str, Any] = {}
    pooled_gold: list[Gold] = []
    pooled: dict[str, list[SystemClaim]] = {s: [] for s in SYSTEMS}
    kinds: Counter[str] = Counter()
    for name in names:
        golds = [g for g in all_gold if g["set"] == name]
        docs = set_documents(name, golds)
        for doc in docs:
            story.setdefault(doc, doc)  # news-corpus texts no gold claim cites: a story of their own
        clusters, stored, by_id = run_set(docs, gazetteer=args.gazetteer)
        claims = {"Dossier": dossier_claims(clusters, by_id), "co-mention": comention_claims(stored, by_id, story)}
        rows = {s: score(golds, claims[s]) for s in SYSTEMS}
        report[name] = rows
        pooled_gold += golds
        for s in SYSTEMS:
            pooled[s] += claims[s]
        stories = len({g["story"] for g in golds})
        print(markdown(f"{name}: {len(golds)} gold claims, {stories} stories, {len(docs)} documents", rows) + "\n")
        print(per_story(golds, claims) + "\n")
        for gold in golds:
            if not any(matches(gold, c) for c in claims["Dossier"]):
                kind = miss_kind(gold, claims["Dossier"])
                kinds[kind.split(": ", 1)[1]] += 1
                if args.verbose:
                    print(f"- missed {gold['id']} ({gold['story']}): {kind}")
        if args.verbose:
            for c in claims["Dossier"]:
                if not any(matches(g, c) for g in golds):
                    print(f"- unmatched Dossier claim {c.status}: {c.proposition[:120]!r} "
                          f"({', '.join(sorted(Path(d).name for d in c.docs))})")
            for system in SYSTEMS[1:]:
                for gold in golds:
                    if not any(matches(gold, c) for c in claims[system]):
                        print(f"- {system} missed {gold['id']}: {miss_kind(gold, claims[system])}")
            print()
    if len(names) > 1:
        rows = {s: score(pooled_gold, pooled[s]) for s in SYSTEMS}
        report["all"] = rows
        print(markdown(f"all: {len(pooled_gold)} gold claims", rows) + "\n")
    print("Dossier miss kinds: " + ("; ".join(f"{k} ×{n}" for k, n in kinds.most_common()) or "none"))
    if args.json:
        args.json.write_text(json.dumps({"sets": report, "miss_kinds": dict(kinds)}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
