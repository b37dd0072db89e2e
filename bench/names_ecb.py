"""Names on many news stories: ECB+ named entity mentions and their cross-document chains.

ECB+ (Cybulska & Vossen, LREC 2014; ``../shared/eval/README.md`` section 9) annotates the
people, organisations, places and things of 43 news topics with cross-document chains. This
bench keeps the NAMED mentions: entity mentions (``HUMAN_PART_*``, ``LOC_*``,
``NON_HUMAN_PART*``; no times) in validated sentences with at least one name-like token (a
capitalised word that is not a stopword, written capitalised somewhere other than at a line
start or in a title-case or capitals line of its document, or an acronym in running text). Each document's text is
rebuilt from the tokens (``bench/ecbplus_text.py``), the way a user would hold it, and run
through Dossier's entity stage as shipped (``dossier_nlp`` + ``find_mentions``).

(a) names found: recall of the gold named mentions by overlap (any predicted mention overlaps
    it), by overlap with a matching type (``typed``: PER→PERSON, ORG→ORG/NORP, LOC→GPE/LOC/FAC)
    and exactly (a predicted span equals the name inside the gold extent: its longest run of
    name-like words, "of"/"-"/"&" allowed between them); precision is the share of predicted
    mentions in validated sentences that overlap an annotated entity mention (ECB+ annotates
    only the entities of its events, so this is a lower bound). Baseline: the bare spaCy model's NER.
(b) cross-document clusters: every gold named mention that Dossier found gets the resolver
    cluster of its document entity (``dossier.resolve.resolve`` over all documents of the split
    at once, no topic information); scored against the gold chains restricted to those
    mentions: B³, pairwise, and ``unified``, the share of gold chains with two or more found
    named mentions whose mentions all land in one cluster (``xdoc``: chains over 2+ documents).
    Baselines on the same mentions: ``exact-name`` (label + in-document name) and
    ``normalised`` (the resolver's name groups only), as ``bench/coref.py``.

Splits as the ECB+ README: tune on train/dev, report test (``--split``). Usage::

    .venv/bin/python bench/names_ecb.py                      # test, gazetteer on and off
    .venv/bin/python bench/names_ecb.py --split dev --misses 40
    .venv/bin/python bench/names_ecb.py --topics 36 37 --no-baselines
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from ecbplus_text import ecb_text  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("DOSSIER_SHARED", ROOT.parent / "shared"))
EDIR = SHARED / "eval"
SCORERS = EDIR / "scorers"
_STOP = {"the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their", "our",
         "this", "that", "these", "those", "mr", "mrs", "ms", "dr", "who", "which", "one", "some", "all",
         "both", "there", "here", "then", "but", "and", "or", "in", "on", "at", "of", "for", "to", "by"}
_LINKS = {"of", "-", "&", "de", "al", "bin", "van", "von", "da", "la", "le", "'s", "’s", "."}
TYPE_OF = {"HUMAN_PART_PER": "PER", "HUMAN_PART_ORG": "ORG", "HUMAN_PART_GPE": "LOC", "LOC_GEO": "LOC",
           "LOC_FAC": "LOC", "LOC_OTHER": "LOC"}
TYPED = {"PER": {"PERSON"}, "ORG": {"ORG", "NORP"}, "LOC": {"GPE", "LOC", "FAC"}}


def _scorer() -> Any:
    if not (SCORERS / "score_coref.py").exists() or not (EDIR / "ecbplus").is_dir():
        sys.exit(f"No ECB+ under {EDIR}; set DOSSIER_SHARED to the shared folder.")
    sys.path.insert(0, str(SCORERS))
    import score_coref
    return score_coref


# --- gold --------------------------------------------------------------------------------

@dataclass
class GoldDoc:
    name: str
    text: str
    offsets: dict[int, tuple[int, int]]  # t_id → char span in text
    validated: set[int]
    sentence_of: dict[int, int]
    named: list[dict[str, Any]] = field(default_factory=list)  # gold named mentions
    entity_spans: list[tuple[int, int]] = field(default_factory=list)  # every entity mention (validated)


def align(text: str, tokens: Iterable[tuple[int, int, str]]) -> dict[int, tuple[int, int]]:
    """t_id → (start, end) in ``text`` rebuilt by :func:`ecb_text` (tokens appear in order).

    >>> align('He said "no".', [(1, 1, "He"), (2, 1, "said"), (3, 1, "``"), (4, 1, "no"), (5, 1, "''"), (6, 1, ".")])
    {1: (0, 2), 2: (3, 7), 3: (8, 9), 4: (9, 11), 5: (11, 12), 6: (12, 13)}
    """
    out, pos = {}, 0
    for tid, _sent, tok in tokens:
        t = '"' if tok in ("``", "''") else tok
        at = text.find(t, pos) if t else -1
        if at < 0 or at - pos > 40:
            out[tid] = (pos, pos)
            continue
        out[tid] = (at, at + len(t))
        pos = at + len(t)
    return out


def _title_lines(tokens: list[tuple[int, int, str]]) -> set[int]:
    """Sentences written in title case (headlines): most of their words capitalised."""
    by: dict[int, list[str]] = {}
    for _tid, sent, tok in tokens:
        if tok[:1].isalpha() and tok.lower() not in _STOP:
            by.setdefault(sent, []).append(tok)
    return {s for s, ws in by.items() if len(ws) >= 3 and sum(w[0].isupper() for w in ws) / len(ws) > 0.6}


def name_words(tokens: list[tuple[int, int, str]], titles: set[int]) -> set[str]:
    """Words of a document written capitalised in running text (not a line start, not a title
    line), lowercased: in a title-case or capitals line only these count as names."""
    out, prev_sent = set(), None
    for _tid, sent, tok in tokens:
        first = sent != prev_sent
        prev_sent = sent
        if not first and sent not in titles and tok[:1].isupper() and tok.lower() not in _STOP:
            out.add(tok.lower())
    return out


def _name_like(tok: str, names: set[str], *, title: bool) -> bool:
    if tok.lower() in _STOP or not tok[:1].isalpha():
        return False
    if tok.lower() in names:
        return tok[:1].isupper()
    return not title and len(tok) >= 2 and tok.isupper() and tok.isalpha()  # an acronym in running text


def load(split: str, topics: Iterable[int] | None = None) -> list[GoldDoc]:
    sc = _scorer()
    gold = sc.load_gold(EDIR, split if topics is None else "all")
    keep = set(topics) if topics is not None else None
    docs = []
    for name, d in gold["docs"].items():
        if keep is not None and d["topic"] not in keep:
            continue
        text = ecb_text(EDIR / "ecbplus" / "ECB+" / str(d["topic"]) / name)
        offsets = align(text, d["tokens"])
        words = {tid: tok for tid, _s, tok in d["tokens"]}
        g = GoldDoc(name, text, offsets, set(d["validated"]), {tid: s for tid, s, _ in d["tokens"]})
        titles = _title_lines(d["tokens"])
        names = name_words(d["tokens"], titles)
        for m in d["mentions"]:
            if m["kind"] != "entity" or m["tag"].startswith("TIME") or m["sentence"] not in g.validated:
                continue
            tids = [t for t in range(m["tids"][0], m["tids"][-1] + 1) if t in words]
            span = (offsets[tids[0]][0], offsets[tids[-1]][1])
            g.entity_spans.append(span)
            flags = [_name_like(words[t], names, title=m["sentence"] in titles) for t in tids]
            if not any(flags):
                continue
            # the name inside the extent: the longest run of name-like words (links between them)
            best: tuple[int, int] = (0, 0)
            i = 0
            while i < len(tids):
                if not flags[i]:
                    i += 1
                    continue
                j = i
                while j + 1 < len(tids) and (flags[j + 1] or (words[tids[j + 1]].lower() in _LINKS
                                                              and j + 2 < len(tids) and flags[j + 2])):
                    j += 1
                if j - i + 1 > best[1] - best[0]:
                    best = (i, j + 1)
                i = j + 1
            name_span = (offsets[tids[best[0]]][0], offsets[tids[best[1] - 1]][1])
            g.named.append({"span": span, "name": name_span, "type": TYPE_OF.get(m["tag"], "OTHER"),
                            "tag": m["tag"], "chain": m["cluster"], "text": text[span[0]:span[1]]})
        docs.append(g)
    return docs


# --- systems -----------------------------------------------------------------------------

def run_dossier(docs: list[GoldDoc], *, gazetteer: bool) -> dict[str, Any]:
    """Documents with entities: {doc name: Document}."""
    from dossier.extract.entities import find_mentions, group_entities
    from dossier.extract.nlp import dossier_nlp
    from dossier.records import Document

    nlp = dossier_nlp(gazetteer=gazetteer)
    out = {}
    for g, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True):
        ents = tuple(group_entities(find_mentions(sdoc, doc_id=g.name)))
        out[g.name] = Document(id=g.name, source=g.name, text=g.text, entities=ents)
    return out


def run_bare(docs: list[GoldDoc]) -> dict[str, list[tuple[int, int, str]]]:
    from dossier.extract.entities import MENTION_LABELS
    from dossier.extract.nlp import load_nlp

    nlp = load_nlp()
    return {g.name: [(e.start_char, e.end_char, e.label_) for e in sdoc.ents if e.label_ in MENTION_LABELS]
            for g, sdoc in zip(docs, nlp.pipe(d.text for d in docs), strict=True)}


def dossier_spans(out: Mapping[str, Any]) -> dict[str, list[tuple[int, int, str]]]:
    return {name: [(m.span.start, m.span.end, m.label) for ref in doc.entities for m in ref.mentions]
            for name, doc in out.items()}


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _in_validated(g: GoldDoc, start: int) -> bool:
    # the sentence of the token at or before ``start``
    best = None
    for tid, (s, _e) in g.offsets.items():
        if s <= start:
            best = tid
        else:
            break
    return best is not None and g.sentence_of[best] in g.validated


def mention_scores(docs: list[GoldDoc], pred: Mapping[str, list[tuple[int, int, str]]],
                   misses: list[str] | None = None) -> dict[str, float]:
    hit = typed = exact = n = 0
    per: Counter[str] = Counter()
    per_hit: Counter[str] = Counter()
    p_ok = p_all = 0
    for g in docs:
        spans = pred[g.name]
        for m in g.named:
            n += 1
            per[m["type"]] += 1
            over = [s for s in spans if _overlap(s[:2], m["span"])]
            if over:
                hit += 1
                per_hit[m["type"]] += 1
                typed += m["type"] in TYPED and any(s[2] in TYPED[m["type"]] for s in over)
            elif misses is not None:
                line_start = g.text.rfind("\n", 0, m["span"][0]) + 1
                line_end = g.text.find("\n", m["span"][1])
                misses.append(f"{m['tag']:15} {m['text']!r:30} | {g.text[line_start:line_end][:160]}")
            exact += any(s[:2] == m["name"] for s in spans)
        for s in spans:
            if _in_validated(g, s[0]):
                p_all += 1
                p_ok += any(_overlap(s[:2], e) for e in g.entity_spans)
    typed_n = sum(per[t] for t in TYPED)
    out = {"n": n, "recall": hit / max(n, 1), "typed": typed / max(typed_n, 1), "exact": exact / max(n, 1),
           "precision": p_ok / max(p_all, 1)}
    out.update({f"R_{t}": per_hit[t] / per[t] for t in ("PER", "ORG", "LOC", "OTHER") if per[t]})
    return out


def cluster_scores(items: list[tuple[str, str, str]]) -> dict[str, float]:
    """B³, pairwise and unified over (system cluster, gold chain, document) per mention."""
    sys_size = Counter(s for s, _, _ in items)
    gold_size = Counter(g for _, g, _ in items)
    joint = Counter((s, g) for s, g, _ in items)
    n = max(len(items), 1)
    b3p = sum(k * k / sys_size[s] for (s, _g), k in joint.items()) / n
    b3r = sum(k * k / gold_size[g] for (_s, g), k in joint.items()) / n

    def pairs(c: Counter[Any]) -> int:
        return sum(k * (k - 1) // 2 for k in c.values())

    tp, sp, gp = pairs(joint), pairs(sys_size), pairs(gold_size)
    pp, pr = (tp / sp if sp else 1.0), (tp / gp if gp else 1.0)
    chains: dict[str, set[str]] = {}
    chain_docs: dict[str, set[str]] = {}
    for s, g, d in items:
        chains.setdefault(g, set()).add(s)
        chain_docs.setdefault(g, set()).add(d)
    multi = [g for g in chains if gold_size[g] >= 2]
    xdoc = [g for g in multi if len(chain_docs[g]) >= 2]

    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    return {"b3_p": b3p, "b3_r": b3r, "b3_f1": f1(b3p, b3r), "pair_p": pp, "pair_r": pr, "pair_f1": f1(pp, pr),
            "unified": sum(len(chains[g]) == 1 for g in multi) / max(len(multi), 1),
            "xdoc": sum(len(chains[g]) == 1 for g in xdoc) / max(len(xdoc), 1), "chains": len(multi)}


def clusterings(out: Mapping[str, Any], *, gazetteer: bool) -> dict[str, dict[str, str]]:
    from dossier.resolve import candidates_from_document, resolve
    from dossier.resolve.groups import Gazetteer, default_gazetteer, group_key

    cands = [c for doc in out.values() for c in candidates_from_document(doc)]
    gaz = default_gazetteer() if gazetteer else Gazetteer.build({})
    res = resolve(cands) if gazetteer else resolve(cands, actors={})
    return {"exact-name": {c.key: f"{c.label}:{c.name}" for c in cands},
            "normalised": {c.key: group_key(c, gaz)[0] for c in cands},
            "resolver": res.cluster_of()}


def aligned_mentions(docs: list[GoldDoc], out: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """(candidate key, gold chain, document) for every gold named mention Dossier found."""
    from dossier.resolve.candidates import candidate_key

    rows = []
    for g in docs:
        doc = out[g.name]
        for m in g.named:
            best = None
            for ref in doc.entities:
                for pm in ref.mentions:
                    span = (pm.span.start, pm.span.end)
                    if _overlap(span, m["span"]):
                        size = min(span[1], m["span"][1]) - max(span[0], m["span"][0])
                        if best is None or size > best[0] or (span == m["name"]):
                            best = (size if span != m["name"] else 10 ** 6, candidate_key(doc.id, ref))
            if best is not None:
                rows.append((best[1], m["chain"], g.name))
    return rows


def report(docs: list[GoldDoc], *, gazetteer: bool, baselines: bool, misses: int = 0,
           split_misses: int = 0) -> dict[str, dict[str, float]]:
    out = run_dossier(docs, gazetteer=gazetteer)
    missed: list[str] = []
    results = {"dossier": mention_scores(docs, dossier_spans(out), missed)}
    if baselines:
        results["bare spaCy"] = mention_scores(docs, run_bare(docs))
    head = f"{'names':12} {'n':>5} {'recall':>7} {'typed':>7} {'exact':>7} {'prec≥':>7}  R_PER  R_ORG  R_LOC  R_OTH"
    print(f"\n(a) gold named mentions, gazetteer {'on' if gazetteer else 'off'}\n{head}\n" + "-" * len(head))
    for name, r in results.items():
        print(f"{name:12} {r['n']:5d} {r['recall']:7.3f} {r['typed']:7.3f} {r['exact']:7.3f} {r['precision']:7.3f}"
              + "".join(f" {r.get(k, 0.0):6.3f}" for k in ("R_PER", "R_ORG", "R_LOC", "R_OTHER")))
    rows = aligned_mentions(docs, out)
    maps = clusterings(out, gazetteer=gazetteer)
    head = f"{'clusters':12} {'B3 P':>6} {'B3 R':>6} {'B3 F1':>6} {'pair P':>7} {'pair R':>7} {'pair F1':>7} " \
           f"{'unified':>7} {'xdoc':>6}"
    print(f"\n(b) {len(rows)} found named mentions, gazetteer {'on' if gazetteer else 'off'}\n{head}\n" + "-" * len(head))
    for name, mapping in maps.items():
        s = cluster_scores([(mapping[k], c, d) for k, c, d in rows])
        results[name] = s
        print(f"{name:12} {s['b3_p']:6.3f} {s['b3_r']:6.3f} {s['b3_f1']:6.3f} {s['pair_p']:7.3f} {s['pair_r']:7.3f} "
              f"{s['pair_f1']:7.3f} {s['unified']:7.3f} {s['xdoc']:6.3f}   ({s['chains']} chains)")
    if misses:
        print(f"\nmissed named mentions ({len(missed)}; first {misses}):")
        for line in missed[:misses]:
            print("  " + line)
    if split_misses:
        show_splits(docs, out, maps["resolver"], rows, split_misses)
    return results


def show_splits(docs: list[GoldDoc], out: Mapping[str, Any], mapping: Mapping[str, str],
                rows: list[tuple[str, str, str]], limit: int) -> None:
    """Gold chains split over several resolver clusters: the names in each."""
    from dossier.resolve.candidates import candidate_key

    names = {candidate_key(doc.id, ref): f"{ref.label}:{ref.name}" for doc in out.values() for ref in doc.entities}
    by: dict[str, Counter[str]] = {}
    for k, chain, _d in rows:
        by.setdefault(chain, Counter())[mapping[k] + " " + names[k]] += 1
    split = [(c, v) for c, v in by.items() if len({x.split(" ")[0] for x in v}) > 1]
    print(f"\nsplit chains ({len(split)}; first {limit}):")
    for chain, v in split[:limit]:
        print(f"  {chain}: " + "; ".join(f"{x.split(' ', 1)[1]}×{k}" for x, k in v.most_common(6)))
    merged: dict[str, Counter[str]] = {}
    for k, chain, _d in rows:
        merged.setdefault(mapping[k], Counter())[chain + " " + names[k]] += 1
    wrong = [(c, v) for c, v in merged.items() if len({x.split(" ")[0] for x in v}) > 1]
    print(f"\nover-merged clusters ({len(wrong)}; first {limit}):")
    for _c, v in wrong[:limit]:
        print("  " + "; ".join(f"{x}×{k}" for x, k in v.most_common(5)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("train", "dev", "test", "all"))
    parser.add_argument("--topics", type=int, nargs="*", help="only these topics (any split)")
    parser.add_argument("--gazetteer", choices=("both", "on", "off"), default="both")
    parser.add_argument("--no-baselines", dest="baselines", action="store_false")
    parser.add_argument("--misses", type=int, default=0, help="print this many missed named mentions")
    parser.add_argument("--splits", type=int, default=0, help="print this many split / over-merged chains")
    a = parser.parse_args(argv)
    docs = load(a.split, a.topics)
    print(f"ECB+ {a.split if a.topics is None else 'topics ' + ' '.join(map(str, a.topics))}: {len(docs)} documents, "
          f"{sum(len(d.named) for d in docs)} gold named entity mentions in validated sentences")
    for gaz in ((True, False) if a.gazetteer == "both" else (a.gazetteer == "on",)):
        report(docs, gazetteer=gaz, baselines=a.baselines, misses=a.misses, split_misses=a.splits)
    return 0


if __name__ == "__main__":
    sys.exit(main())
