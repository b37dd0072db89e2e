"""Cross-document event (and participant) coreference: one cluster per real happening.

Deterministic, no neural model. Two steps, as in Barhom et al. (2019) and Cattan et al. (2021),
but with counts instead of embeddings:

1. **Documents first.** Reports of one happening share names, places, dates and figures.
   :func:`cluster_documents` groups documents by the tf-idf cosine of their content words
   (average link); mentions are only compared inside one document group, so two
   earthquakes a year apart never meet, however alike their wording.
2. **Mentions inside a group.** :func:`cluster_mentions` merges mentions whose trigger
   *meaning* agrees — the same lemma, or one generic event family of :data:`FAMILIES`
   ("shot", "shooting", "gunfire"; "quake", "earthquake", "tremor") — and whose arguments
   do not contradict: participants (resolved ids or head lemmas), places and times.
   A shared argument adds evidence; two different times or places of the same kind
   take it away. Light and reporting verbs (:data:`LIGHT_KEYS`: "said" in ten reports is
   ten statements) need a shared argument as well.

Measured on ECB+ test topics 36–45 with gold mentions (``bench/ecb_coref.py``; weights tuned
on the train/dev topics only): event CoNLL F1 0.806 with gold topics (same-head-lemma 0.731),
0.816 with gold sub-topics (lemma 0.774), 0.799 with no topic information at all.

Pure logic over :class:`Mention` records; spaCy features are built by the caller
(``bench/ecb_coref.py`` builds them from the parse; :func:`trigger_key` normalises a lemma).

>>> ms = [Mention("a", "d1", trigger_key("shot")), Mention("b", "d2", trigger_key("gunfire")),
...       Mention("c", "d2", trigger_key("quake"))]
>>> sorted(sorted(c) for c in cluster_mentions(ms))
[['a', 'b'], ['c']]
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

__all__ = ["FAMILIES", "LIGHT_KEYS", "Mention", "Weights", "cluster_documents", "cluster_mentions",
           "document_similarity", "family", "trigger_key"]

#: Generic event-word families (not tied to any story): every word maps to the first one.
#: Built by hand from common news verbs and their nominalisations.
FAMILIES: tuple[tuple[str, ...], ...] = (
    ("kill", "death", "die", "dead", "murder", "slay", "slaying", "homicide", "fatal", "fatality", "execute",
     "execution"),
    ("arrest", "detain", "detention", "capture", "apprehend", "custody", "nab", "seize"),
    ("shoot", "shooting", "gunfire", "fire", "shot", "gunshot"),
    ("quake", "earthquake", "tremor", "temblor", "shake", "jolt", "aftershock"),
    ("injure", "injury", "wound", "hurt", "injured"),
    ("attack", "assault", "raid", "strike", "bombing", "bomb", "blast", "explosion", "explode"),
    ("charge", "indict", "indictment", "accuse", "accusation"),
    ("sentence", "convict", "conviction", "jail", "imprison", "prison"),
    ("announce", "announcement", "unveil", "introduce", "launch", "release", "debut", "reveal"),
    ("acquire", "acquisition", "buy", "purchase", "takeover", "deal", "merger", "merge"),
    ("hire", "appoint", "appointment", "name", "select", "choose", "pick", "nominate", "nomination"),
    ("fire", "dismiss", "sack", "oust", "dismissal"),
    ("resign", "resignation", "quit", "step", "leave", "departure", "depart", "retire", "retirement"),
    ("win", "victory", "beat", "defeat", "triumph", "lose", "loss", "clinch"),  # one contest, two sides
    ("elect", "election", "vote", "poll"),
    ("meet", "meeting", "talk", "summit", "visit"),
    ("rescue", "save", "evacuate", "evacuation"),
    ("crash", "collision", "collide", "accident", "wreck"),
    ("burn", "fire", "blaze", "flame"),
    ("rob", "robbery", "steal", "theft", "heist", "burglary", "snatch", "grab"),
    ("hijack", "hijacking", "seize", "seizure", "capture"),
    ("sink", "sinking", "capsize"),
    ("say", "tell", "state", "statement", "report", "comment", "remark"),
    ("marry", "wedding", "marriage", "wed"),
    ("born", "birth", "bear"),
    ("divorce", "split", "separation", "separate"),
    ("flee", "escape", "fled"),
    ("stab", "stabbing", "knife"),
    ("sue", "lawsuit", "suit", "litigation"),
    ("protest", "demonstration", "rally", "march", "riot", "unrest", "clash"),
    ("damage", "destroy", "destruction", "devastate", "devastation", "level", "flatten", "wreck"),
    ("find", "discover", "discovery", "uncover", "locate"),
    ("cause", "spark", "trigger", "prompt"),
    ("outage", "downtime", "disruption", "disrupt", "blackout"),
    ("cut", "sever"),
    ("transfer", "transport", "move"),
    ("keep", "retain", "hold"),
)
#: Reporting and light verbs: each use is usually its own act ("said" in ten reports is ten statements).
LIGHT_KEYS = frozenset({"say", "take", "make", "go", "come", "get", "give", "have", "do", "put", "use", "call",
                        "think", "believe", "know", "see", "want", "add", "ask"})
_FAMILY_OF: dict[str, str] = {}
for _family in FAMILIES:
    for _word in _family:
        _FAMILY_OF.setdefault(_word, _family[0])
_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))


def _stem(word: str) -> str:
    """A crude stem, the same rule as the shared ECB+ lemma baseline: ``shootings`` → ``shoot``."""
    w = re.sub(r"[’']s$", "", word.casefold())
    w = re.sub(r"^\W+|\W+$", "", w)
    for suffix, repl in _SUFFIXES:
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)] + repl
            break
    return w[:-1] if w.endswith("e") and len(w) >= 5 else w


def family(word: str) -> str | None:
    """The generic event family a word belongs to, or None: ``family("gunfire") == "shoot"``.

    >>> family("tremors"), family("negotiate")
    ('quake', None)
    """
    low = word.casefold()
    return _FAMILY_OF.get(low) or _FAMILY_OF.get(_stem(low))


def trigger_key(lemma: str, *, families: bool = True) -> str:
    """The meaning key of a trigger lemma: its family head, else its crude stem.

    >>> [trigger_key(w) for w in ("shooting", "gunfire", "earthquake", "tremor", "arrests")]
    ['shoot', 'shoot', 'quake', 'quake', 'arrest']
    """
    return (family(lemma) if families else None) or _stem(lemma)


@dataclass(frozen=True, slots=True)
class Mention:
    """One event (or participant) mention with what clustering compares.

    ``key`` is :func:`trigger_key` of the trigger's lemma; ``participants`` holds resolved
    entity ids or head lemmas of its subject/object; ``places`` and ``times`` normalised
    values (a time at its precision, e.g. ``"2009-04"``, or a weekday word).
    """

    id: str
    doc_id: str
    key: str
    participants: frozenset[str] = frozenset()
    places: frozenset[str] = frozenset()
    times: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Weights:
    """Pair evidence and the merge threshold (tuned on ECB+ train/dev topics, never test)."""

    same_key: float = 1.0
    participant: float = 0.3
    place: float = 0.3
    time: float = 0.3
    time_clash: float = 0.5
    place_clash: float = 0.3
    document: float = 0.0
    threshold: float = 0.5
    #: Keys that name an act repeated many times in one story (statements): their shared
    #: key counts ``light_key`` instead of ``same_key``, so arguments have to agree too.
    light: frozenset[str] = frozenset()
    light_key: float = 1.0


# --- documents ---------------------------------------------------------------------------

def _tfidf(profiles: Mapping[str, Counter[str]]) -> dict[str, dict[str, float]]:
    df: Counter[str] = Counter()
    for words in profiles.values():
        df.update(set(words))
    n = len(profiles)
    vectors = {}
    for doc_id, words in profiles.items():
        vec = {w: (1 + math.log(c)) * math.log((1 + n) / (1 + df[w])) for w, c in words.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        vectors[doc_id] = {w: v / norm for w, v in vec.items()}
    return vectors


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(w, 0.0) for w, v in a.items())


def cluster_documents(profiles: Mapping[str, Counter[str]], *, threshold: float = 0.15,
                      blocks: Mapping[str, str] | None = None) -> list[list[str]]:
    """Group documents that report the same happening: average-link on tf-idf cosine.

    Args:
        profiles: content words per document (lemmas of names, nouns, numbers, dates);
            inverse document frequencies are counted over all of them.
        threshold: the least average cosine at which two groups merge.
        blocks: optional label per document (a known topic); documents of different
            labels never merge.

    Returns:
        Groups of document ids, each sorted, in order of their first id.
    """
    vectors = _tfidf(profiles)
    out: list[list[str]] = []
    by_block: dict[str, list[str]] = {}
    for d in sorted(profiles):
        by_block.setdefault((blocks or {}).get(d, ""), []).append(d)
    for ids in by_block.values():
        out.extend(_average_link(ids, vectors, threshold))
    return sorted(out, key=lambda g: g[0])


def document_similarity(profiles: Mapping[str, Counter[str]]) -> Callable[[str, str], float]:
    """The tf-idf cosine of two documents' content words, as a function (cached per pair).

    >>> sim = document_similarity({"a": Counter(["quake", "Aceh"]), "b": Counter(["quake", "Aceh"]),
    ...                            "c": Counter(["vote"])})
    >>> round(sim("a", "b"), 2), sim("a", "c")
    (1.0, 0.0)
    """
    vectors = _tfidf(profiles)
    cache: dict[tuple[str, str], float] = {}

    def sim(a: str, b: str) -> float:
        key = (a, b) if a < b else (b, a)
        if key not in cache:
            cache[key] = _cosine(vectors[a], vectors[b])
        return cache[key]
    return sim


def _average_link(ids: list[str], vectors: Mapping[str, Mapping[str, float]], threshold: float) -> list[list[str]]:
    sim = {(a, b): _cosine(vectors[a], vectors[b]) for i, a in enumerate(ids) for b in ids[i + 1:]}
    groups: list[list[str]] = [[d] for d in ids]

    def link(x: list[str], y: list[str]) -> float:
        return sum(sim[(a, b) if a < b else (b, a)] for a in x for b in y) / (len(x) * len(y))

    while len(groups) > 1:
        best, pair = threshold, None
        for i in range(len(groups)):
            for j in range(i + 1, len(groups)):
                s = link(groups[i], groups[j])
                if s >= best:
                    best, pair = s, (i, j)
        if pair is None:
            break
        i, j = pair
        groups[i] = sorted(groups[i] + groups[j])
        del groups[j]
    return groups


# --- mentions ----------------------------------------------------------------------------

def _pair_score(a: Mention, b: Mention, w: Weights, similarity: Callable[[str, str], float] | None) -> float:
    score = (w.light_key if a.key in w.light else w.same_key) if a.key == b.key else 0.0
    if w.document and similarity is not None:
        score += w.document * (1.0 if a.doc_id == b.doc_id else similarity(a.doc_id, b.doc_id))
    if a.participants & b.participants:
        score += w.participant
    if a.places & b.places:
        score += w.place
    elif a.places and b.places and a.doc_id != b.doc_id:
        score -= w.place_clash
    if a.times & b.times:
        score += w.time
    elif a.times and b.times:
        score -= w.time_clash
    return score


def cluster_mentions(mentions: Sequence[Mention], *, doc_groups: Iterable[Sequence[str]] | None = None,
                     weights: Weights | None = None,
                     similarity: Callable[[str, str], float] | None = None) -> list[list[str]]:
    """Cluster mentions into events: average-link over pair evidence, inside document groups.

    Args:
        mentions: the mentions to cluster (ids unique).
        doc_groups: groups of document ids from :func:`cluster_documents`; mentions of
            documents in different groups never merge. None puts all documents in one group.
        weights: pair evidence and threshold (:class:`Weights` defaults when None).
        similarity: document similarity in [0, 1] (e.g. :func:`document_similarity`),
            weighted by ``weights.document``.

    Returns:
        Clusters of mention ids, each in input order.
    """
    w = weights or Weights()
    group_of: dict[str, int] = {}
    for n, docs in enumerate(doc_groups or ()):
        for d in docs:
            group_of[d] = n
    blocks: dict[int, list[Mention]] = {}
    for m in mentions:
        blocks.setdefault(group_of.get(m.doc_id, -1), []).append(m)
    out: list[list[str]] = []
    for n in sorted(blocks):
        out.extend(_agglomerate(blocks[n], w, similarity))
    order = {m.id: i for i, m in enumerate(mentions)}
    return sorted((sorted(c, key=order.__getitem__) for c in out), key=lambda c: order[c[0]])


def _agglomerate(block: list[Mention], w: Weights,
                 similarity: Callable[[str, str], float] | None) -> list[list[str]]:
    """Average-link agglomeration inside each trigger key (mentions of different keys never
    merge), so the cost stays near the number of same-key pairs."""
    by_key: dict[str, list[Mention]] = {}
    for m in block:
        by_key.setdefault(m.key, []).append(m)
    clusters: list[list[str]] = []
    for key in sorted(by_key):
        members = by_key[key]
        score = [[_pair_score(a, b, w, similarity) for b in members] for a in members]
        groups = [[i] for i in range(len(members))]
        while len(groups) > 1:
            best, where = w.threshold, None
            for i in range(len(groups)):
                for j in range(i + 1, len(groups)):
                    s = sum(score[a][b] for a in groups[i] for b in groups[j]) / (len(groups[i]) * len(groups[j]))
                    if s >= best:
                        best, where = s, (i, j)
            if where is None:
                break
            i, j = where
            groups[i] = groups[i] + groups[j]
            del groups[j]
        clusters.extend([members[i].id for i in g] for g in groups)
    return clusters
