"""Event accuracy: CASE 2021 Task 2 (ACLED subtypes) and WikiEvents triggers, with same-run baselines.

Two public gold sets (../shared/eval/README.md, sections 6 and 7); our PLOVER events are mapped
onto their schemes with fixed, type-level tables (no item is special-cased):

(a) **CASE 2021 Task 2** (Haneczok et al., CASE@ACL 2021): 1,019 ACLED-style snippets, one
    subtype each. A snippet's label is the mapped subtype of its "main" event (ASSAULT with
    casualties first, then by :data:`PRIORITY`, then text order); no event → ``OTHER``. We
    report accuracy, micro-F1 (equal to accuracy here: one label per item) and macro-F1 over
    the gold subtypes, plus the coarse six ACLED event types (unseen subtypes as ``Unseen``).
(b) **WikiEvents** (Li, Ji & Han, NAACL 2021), test split: trigger identification F1 (our
    event word overlaps a gold trigger) and classification F1 (and its KAIROS top-level type,
    Conflict/Life/Contact/Justice/Movement/Transaction/…, matches). **Arguments**: our actor
    and target against the gold arguments of the trigger they hang on, agent roles (Attacker,
    Killer, Communicator…) for actors, undergoer roles (Target, Victim, Detainee…) for
    targets, ``Participant`` either; an argument is right when its span overlaps a mention of
    the gold argument's coreference cluster (WikiEvents' coref match) and, when it was
    resolved from a pronoun or description (span method ``coref-…``), its resolved name is
    written in that cluster too. P over all our arguments, R over all gold agent/undergoer
    arguments. Baseline ``nearest entity``: the keyword cues, the nearest named entity before
    the cue in its sentence as actor, after it as target.

``events.v1`` is every event Dossier stores; ``events.v1 conf>=0.7`` keeps only those with an
entity actor/target, casualties, or a place and a time (``Event.confidence``; the filter that
dropped the rest before cue-only events were stored), to separate typing from that rule.
Baselines, same run, same parses: ``majority`` (CASE: the most frequent gold subtype) and
``keyword`` (every lexicon cue lemma in the text, no parse rules, no argument filter, the same
mapping). Usage: ``python bench/events.py [--limit N] [--eval-dir DIR]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from dossier.extract.entities import add_entity_components, find_mentions
from dossier.extract.event_args import CASUALTY_KEYS
from dossier.extract.event_lexicon import Cue, load_lexicon
from dossier.extract.events import find_events
from dossier.extract.nlp import load_nlp
from dossier.extract.places import find_places
from dossier.extract.quantities import find_quantities
from dossier.extract.records import Event
from dossier.settings import gazetteer_from_env

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
PRIORITY = ("ASSAULT", "PROTEST", "COERCE", "MOBILIZE", "RETREAT", "AGREE", "SANCTION", "THREATEN", "CONSULT",
            "ACCUSE", "DEMAND", "REJECT", "SUPPORT", "COOPERATE", "AID", "CONCEDE")
ASSAULT_MODES = {"aerial": "AIR_STRIKE", "suicide-attack": "SUIC_BOMB", "explosives": "REM_EXPLOS",
                 "heavy-weapons": "ART_MISS_ATTACK", "firearms": "ARMED_CLASH", "abduct": "ABDUCT_DISSAP",
                 "sexual": "SEX_VIOL", "assassinate": "ATTACK", "torture": "ATTACK", "beat": "ATTACK",
                 "cleansing": "ATTACK", "unconventional": "CHEM_WEAP"}
TYPE_TO_ACLED = {"PROTEST": "PEACE_PROTEST", "AGREE": "AGREEMENT", "MOBILIZE": "CHANGE_TO_GROUP_ACT",
                 "SANCTION": "DIPLO", "THREATEN": "DIPLO", "CONSULT": "DIPLO", "ACCUSE": "DIPLO", "DEMAND": "DIPLO",
                 "REJECT": "DIPLO", "SUPPORT": "DIPLO", "COOPERATE": "DIPLO", "AID": "DIPLO", "CONCEDE": "DIPLO"}
COARSE = {
    "Battles": {"ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER"},
    "Explosions/Remote violence": {"AIR_STRIKE", "SUIC_BOMB", "REM_EXPLOS", "GRENADE", "ART_MISS_ATTACK",
                                   "CHEM_WEAP"},
    "Violence against civilians": {"ATTACK", "ABDUCT_DISSAP", "SEX_VIOL"},
    "Protests": {"PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"},
    "Riots": {"VIOL_DEMONSTR", "MOB_VIOL"},
    "Strategic developments": {"AGREEMENT", "ARREST", "CHANGE_TO_GROUP_ACT", "DISR_WEAP", "HQ_ESTABLISHED",
                               "NON_VIOL_TERRIT_TRANSFER", "PROPERTY_DISTRUCT", "OTHER"},
}
KAIROS = {"ASSAULT": "Conflict", "PROTEST": "Conflict", "CONSULT": "Contact", "DEMAND": "Contact",
          "THREATEN": "Contact", "ACCUSE": "Contact", "REJECT": "Contact", "SUPPORT": "Contact", "AGREE": "Contact",
          "COOPERATE": "Contact", "COERCE": "Justice", "AID": "Transaction", "RETREAT": "Movement",
          "MOBILIZE": "Movement", "SANCTION": "Contact", "CONCEDE": "Contact"}
LIFE = ("kill", "dead", "die", "death", "wound", "injur")


def acled_subtype(type_: str, mode: str | None, word: str) -> str:
    """One PLOVER (type, mode, event word) → an ACLED subtype (type-level table)."""
    word = word.lower()
    if type_ == "ASSAULT":
        if "grenade" in word:
            return "GRENADE"
        if any(w.startswith(("destroy", "burn", "torch", "vandal")) for w in word.split()):
            return "PROPERTY_DISTRUCT"
        return ASSAULT_MODES.get(mode or "", "ATTACK")
    if type_ == "PROTEST":
        return "VIOL_DEMONSTR" if mode == "riot" else "PEACE_PROTEST"
    if type_ == "COERCE":
        return {"arrest": "ARREST", "confiscate": "NON_STATE_ACTOR_OVERTAKES_TER"}.get(mode or "", "ARREST")
    if type_ == "RETREAT":
        return "AGREEMENT" if mode in ("release", "ceasefire") else "NON_VIOL_TERRIT_TRANSFER"
    return TYPE_TO_ACLED.get(type_, "OTHER")


def coarse(subtype: str) -> str:
    return next((name for name, members in COARSE.items() if subtype in members), "Unseen")


def kairos_top(type_: str, word: str) -> str:
    word = word.lower()
    if any(w in word for w in LIFE):
        return "Life"
    if type_ == "COERCE" and not any(w.startswith(("arrest", "detain", "captur")) for w in word.split()):
        return "Conflict"
    return KAIROS.get(type_, "Contact")


def main_event(events: Sequence[Event]) -> Event | None:
    if not events:
        return None
    return min(events, key=lambda e: (not (e.type == "ASSAULT" and e.quantities), PRIORITY.index(e.type)
                                      if e.type in PRIORITY else 99, e.span.start))


def keyword_cues(sdoc: Any) -> list[tuple[Any, Cue]]:
    """Baseline: every token whose lemma is a one-word lexicon cue for its part of speech."""
    lexicon = load_lexicon()
    found = []
    for token in sdoc:
        pos = "V" if token.pos_ == "VERB" else "N" if token.pos_ == "NOUN" else None
        cues = [c for c in lexicon.lookup(token.lemma_.lower(), pos) if len(c.words) == 1] if pos else []
        if cues:
            found.append((token, cues[0]))
    return found


def run_events(nlp: Any, texts: Iterable[str]) -> Iterable[tuple[Any, list[Event], list[Event]]]:
    """Per text: the parse, our events as stored, and those of confidence >= 0.7 (the old filter)."""
    for sdoc in nlp.pipe(texts, batch_size=32):
        mentions = find_mentions(sdoc, doc_id="b")
        places = find_places(sdoc, doc_id="b", mentions=mentions)
        quantities = find_quantities(sdoc, doc_id="b")
        events = find_events(sdoc, doc_id="b", mentions=mentions, times=[], quantities=quantities, places=places)
        yield sdoc, events, [e for e in events if e.confidence >= 0.7]


def scores(gold: Sequence[str], pred: Sequence[str]) -> dict[str, float]:
    """Accuracy, micro-F1 and macro-F1 over the gold labels."""
    labels = sorted(set(gold))
    f1s = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label and g != label for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label and p != label for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
    return {"accuracy": acc, "micro_f1": acc, "macro_f1": sum(f1s) / len(f1s)}


def bench_case(nlp: Any, path: Path, limit: int | None) -> None:
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[:limit]
    gold = [r["SubType"] for r in rows]
    ours, anchored, keyword = [], [], []
    started = time.perf_counter()
    for sdoc, events, kept in run_events(nlp, (r["EventSnippet"] for r in rows)):
        main = main_event(events)
        ours.append(acled_subtype(main.type, main.mode, main.action) if main else "OTHER")
        main = main_event(kept)
        anchored.append(acled_subtype(main.type, main.mode, main.action) if main else "OTHER")
        cues = keyword_cues(sdoc)
        best = min(cues, key=lambda tc: (PRIORITY.index(tc[1].type), tc[0].i)) if cues else None
        keyword.append(acled_subtype(best[1].type, best[1].mode, best[0].text) if best else "OTHER")
    elapsed = time.perf_counter() - started
    majority = [Counter(gold).most_common(1)[0][0]] * len(gold)
    print(f"\n## CASE 2021 Task 2: {len(rows)} snippets, {len(set(gold))} gold subtypes ({elapsed:.1f}s)\n")
    print("| system | subtype acc | micro-F1 | macro-F1 | coarse acc | coarse macro-F1 | no event |")
    print("|---|---|---|---|---|---|---|")
    for name, pred in (("majority", majority), ("keyword", keyword), ("events.v1", ours),
                       ("events.v1 conf>=0.7", anchored)):
        fine, rough = scores(gold, pred), scores([coarse(g) for g in gold], [coarse(p) for p in pred])
        print(f"| {name} | {fine['accuracy']:.3f} | {fine['micro_f1']:.3f} | {fine['macro_f1']:.3f} | "
              f"{rough['accuracy']:.3f} | {rough['macro_f1']:.3f} | {pred.count('OTHER')} |")


def _align(text: str, words: Sequence[str]) -> list[tuple[int, int]]:
    """Character offsets of the dataset's tokens in its ``text`` (its own offsets are per sentence)."""
    out, cursor = [], 0
    for word in words:
        at = text.find(word, cursor)
        at = cursor if at < 0 else at
        out.append((at, at + len(word)))
        cursor = at + len(word) if at >= cursor else cursor
    return out


def _triggers_gold(doc: dict[str, Any]) -> list[tuple[int, int, str]]:
    tokens = _align(doc["text"], [t[0] for sent in doc["sentences"] for t in sent[0]])
    out = []
    for mention in doc["event_mentions"]:
        start, end = mention["trigger"]["start"], mention["trigger"]["end"]
        out.append((tokens[start][0], tokens[end - 1][1], mention["event_type"].split(".")[0]))
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> str:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.3f} | {r:.3f} | {f:.3f}"


def _match(pred: list[tuple[int, int, str]], gold: list[tuple[int, int, str]]) -> tuple[int, int]:
    """(identified, classified) true positives; each gold trigger matched once."""
    ident = clas = 0
    used_i: set[int] = set()
    used_c: set[int] = set()
    for s, e, top in pred:
        hit = next((k for k, g in enumerate(gold) if k not in used_i and s < g[1] and g[0] < e), None)
        if hit is not None:
            used_i.add(hit)
            ident += 1
        hit_c = next((k for k, g in enumerate(gold) if k not in used_c and s < g[1] and g[0] < e and g[2] == top),
                     None)
        if hit_c is not None:
            used_c.add(hit_c)
            clas += 1
    return ident, clas


def _event_triggers(sdoc: Any, events: Sequence[Event]) -> list[tuple[int, int, str]]:
    """Each event's word; an ASSAULT's casualty counts also name their verbs ("…, *killing* two"),
    which WikiEvents annotates as Life events of their own."""
    text, out = sdoc.text, []
    for event in events:
        at = text.find(event.action, event.span.start)
        out.append((at, at + len(event.action), kairos_top(event.type, event.action)))
        if event.type == "ASSAULT" and event.quantities:
            span = sdoc.char_span(event.span.start, event.span.end, alignment_mode="expand")
            out.extend((t.idx, t.idx + len(t.text), kairos_top(event.type, t.text)) for t in span or ()
                       if CASUALTY_KEYS.get(t.lemma_.lower()) in event.quantities and not at <= t.idx < at + len(event.action))
    return out


AGENT_ROLES = frozenset({"Attacker", "Killer", "Communicator", "Injurer", "Jailer", "Giver", "Prosecutor", "Damager",
                         "Destroyer", "DamagerDestroyer", "Perpetrator", "Transporter", "Identifier", "Observer",
                         "ManufacturerAssembler", "JudgeCourt", "Investigator", "Disabler", "Dismantler"})
UNDERGOER_ROLES = frozenset({"Victim", "Target", "Defendant", "Detainee", "Recipient", "AcquiredEntity", "Artifact",
                             "PassengerArtifact", "IdentifiedObject", "ObservedEntity", "Patient", "Employee"})
EITHER_ROLES = frozenset({"Participant"})
ARG_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def _clusters(path: Path) -> dict[str, dict[str, frozenset[str]]]:
    """Per document: entity mention id → the ids of its coreference cluster."""
    out: dict[str, dict[str, frozenset[str]]] = {}
    if not path.exists():
        return out
    for line in path.open(encoding="utf-8"):
        row = json.loads(line)
        by_id = out.setdefault(row["doc_key"], {})
        for cluster in row["clusters"]:
            members = frozenset(cluster)
            for member in cluster:
                by_id[member] = members
    return out


def _arguments_gold(doc: dict[str, Any], clusters: dict[str, frozenset[str]]) -> list[tuple[int, int, str, list[
        tuple[int, int, str]]]]:
    """(trigger start, end, role class, [(start, end, text) of every mention of the argument's cluster])."""
    tokens = _align(doc["text"], [t[0] for sent in doc["sentences"] for t in sent[0]])
    spans = {m["id"]: (tokens[m["start"]][0], tokens[m["end"] - 1][1], m["text"]) for m in doc["entity_mentions"]}
    out = []
    for mention in doc["event_mentions"]:
        start, end = tokens[mention["trigger"]["start"]][0], tokens[mention["trigger"]["end"] - 1][1]
        for arg in mention["arguments"]:
            role = ("actor" if arg["role"] in AGENT_ROLES else "target" if arg["role"] in UNDERGOER_ROLES
                    else "either" if arg["role"] in EITHER_ROLES else None)
            if role is None or arg["entity_id"] not in spans:
                continue
            members = clusters.get(arg["entity_id"], frozenset({arg["entity_id"]}))
            out.append((start, end, role, [spans[m] for m in members if m in spans]))
    return out


def _arg_match(pred: list[tuple[int, int, str, int, int, str | None]],
               gold: list[tuple[int, int, str, list[tuple[int, int, str]]]]) -> int:
    """Right arguments: (trigger, role, span[, resolved name]) against gold, each gold argument once."""
    used: set[int] = set()
    right = 0
    for t_start, t_end, role, start, end, name in pred:
        for k, (g_start, g_end, g_role, mentions) in enumerate(gold):
            if k in used or not (t_start < g_end and g_start < t_end) or g_role not in (role, "either"):
                continue
            if not any(start < m_end and m_start < end for m_start, m_end, _ in mentions):
                continue
            if name is not None and not any(name.casefold() in text.casefold() or text.casefold() in
                                            name.casefold() for _, _, text in mentions):
                continue
            used.add(k)
            right += 1
            break
    return right


def _event_arguments(sdoc: Any, events: Sequence[Event]) -> list[tuple[int, int, str, int, int, str | None]]:
    """(trigger start, end, actor|target, arg start, end, resolved name when coreference gave it)."""
    out = []
    for event in events:
        at = sdoc.text.find(event.action, event.span.start)
        for role, span, name in (("actor", event.actor_span, event.actor), ("target", event.target_span,
                                                                            event.target)):
            if span is not None:
                resolved = name if ":coref-" in span.method else None
                out.append((at, at + len(event.action), role, span.start, span.end, resolved))
    return out


def _nearest_arguments(sdoc: Any) -> list[tuple[int, int, str, int, int, str | None]]:
    """Baseline: each keyword cue's nearest named entity before it (actor) and after it (target), same sentence."""
    out: list[tuple[int, int, str, int, int, str | None]] = []
    for token, _ in keyword_cues(sdoc):
        ents = [e for e in token.sent.ents if e.label_ in ARG_LABELS]
        before = [e for e in ents if e.end <= token.i]
        after = [e for e in ents if e.start > token.i]
        end = token.idx + len(token.text)
        if before:
            out.append((token.idx, end, "actor", before[-1].start_char, before[-1].end_char, None))
        if after:
            out.append((token.idx, end, "target", after[0].start_char, after[0].end_char, None))
    return out


def bench_wikievents(nlp: Any, path: Path, limit: int | None) -> None:
    docs = [json.loads(line) for line in path.open(encoding="utf-8")][:limit]
    clusters = _clusters(path.parent / "coref" / path.name.replace(".jsonl", ".jsonlines"))
    totals = {"events.v1": [0, 0, 0], "events.v1 conf>=0.7": [0, 0, 0], "keyword": [0, 0, 0]}
    args = {"events.v1": [0, 0], "nearest entity": [0, 0]}
    n_gold = n_args = 0
    for doc, (sdoc, events, kept) in zip(docs, run_events(nlp, (d["text"] for d in docs)), strict=True):
        gold = _triggers_gold(doc)
        n_gold += len(gold)
        gold_args = _arguments_gold(doc, clusters.get(doc["doc_id"], {}))
        n_args += len(gold_args)
        for name, found in (("events.v1", _event_arguments(sdoc, events)), ("nearest entity", _nearest_arguments(sdoc))):
            args[name][0] += len(found)
            args[name][1] += _arg_match(found, gold_args)
        keyword = [(t.idx, t.idx + len(t.text), kairos_top(c.type, t.text)) for t, c in keyword_cues(sdoc)]
        for name, pred in (("events.v1", _event_triggers(sdoc, events)),
                           ("events.v1 conf>=0.7", _event_triggers(sdoc, kept)), ("keyword", keyword)):
            ident, clas = _match(pred, gold)
            totals[name][0] += len(pred)
            totals[name][1] += ident
            totals[name][2] += clas
    print(f"\n## WikiEvents test: {len(docs)} documents, {n_gold} gold triggers (KAIROS top-level types)\n")
    print("| system | predicted | ident P | ident R | ident F1 | class P | class R | class F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, (n_pred, ident, clas) in totals.items():
        print(f"| {name} | {n_pred} | {_prf(ident, n_pred, n_gold)} | {_prf(clas, n_pred, n_gold)} |")
    print(f"\n### WikiEvents arguments: {n_args} gold actor/target arguments (coref match)\n")
    print("| system | predicted | right | P | R | F1 |")
    print("|---|---|---|---|---|---|")
    for name, (n_pred, right) in args.items():
        print(f"| {name} | {n_pred} | {right} | {_prf(right, n_pred, n_args)} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="first N items of each set")
    parser.add_argument("--eval-dir", type=Path, default=EVAL, help="the shared eval directory")
    parser.add_argument("--no-gazetteer", dest="gazetteer", action="store_false",
                    default=gazetteer_from_env(os.environ.get("DOSSIER_GAZETTEER")),
                    help="run Dossier without its shipped actor gazetteer (as dossier ingest --no-gazetteer; "
                         "also DOSSIER_GAZETTEER=off)")
    args = parser.parse_args(argv)
    case = args.eval_dir / "events-case2021-task2" / "test_set_final_release_with_labels.tsv"
    wiki = args.eval_dir / "events-wikievents" / "test.jsonl"
    if not case.exists() or not wiki.exists():
        print(f"gold sets not found under {args.eval_dir}; pass --eval-dir", file=sys.stderr)
        return 2
    nlp = add_entity_components(load_nlp(), shipped=args.gazetteer)
    print(f"{'with' if args.gazetteer else 'WITHOUT'} the shipped actor gazetteer")
    bench_case(nlp, case, args.limit)
    bench_wikievents(nlp, wiki, args.limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
