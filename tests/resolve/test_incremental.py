"""Order independence and incremental updates: same candidate set → same clusters and ids."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.resolve import Candidate, Overrides, Resolver, resolve

NAMES = [
    ("Zalmay Khalilzad", "PERSON"), ("Zalmay Khalizad", "PERSON"), ("Khalilzad", "PERSON"), ("Zalmai Khalilzad", "PERSON"),
    ("Sirajuddin Haqqani", "PERSON"), ("Jalaluddin Haqqani", "PERSON"), ("Haqqani", "PERSON"),
    ("Kenneth F. McKenzie", "PERSON"), ("Kenneth McKenzie", "PERSON"), ("McKenzie", "PERSON"),
    ("Miriam Holloway", "PERSON"), ("Holloway", "ORG"), ("Rassoui", "ORG"), ("Zalmai Rassoul", "PERSON"),
    ("al-Qaeda", "ORG"), ("AQIS", "ORG"), ("AQ", "ORG"), ("Taliban", "ORG"), ("Islamic Emirate", "ORG"),
    ("Kabul", "GPE"), ("KABUL", "ORG"), ("US", "GPE"), ("America", "GPE"), ("Mike Pompeo", "PERSON"),
    ("Mike Pence", "PERSON"), ("Pompeo", "PERSON"),
]
DOCS = [f"doc{i}" for i in range(6)]


@st.composite
def corpora(draw: st.DrawFn) -> list[Candidate]:
    out = []
    for doc in DOCS:
        picks = draw(st.lists(st.sampled_from(NAMES), max_size=6, unique=True))
        names = [n for n, _ in picks]
        for name, label in picks:
            out.append(Candidate(f"{doc}:{name}", doc, name, label, (name,), (), None,
                                 tuple(n for n in names if n != name)))
    return out


def _same(a, b) -> None:  # type: ignore[no-untyped-def]
    assert a.clusters == b.clusters
    assert a.decisions == b.decisions


@settings(max_examples=60, deadline=None)
@given(corpora(), st.randoms(use_true_random=False))
def test_resolve_is_order_independent(cands: list[Candidate], rnd) -> None:  # type: ignore[no-untyped-def]
    shuffled = list(cands)
    rnd.shuffle(shuffled)
    _same(resolve(cands), resolve(shuffled))


@settings(max_examples=60, deadline=None)
@given(corpora(), st.randoms(use_true_random=False))
def test_resolver_incremental_adds_equal_batch(cands: list[Candidate], rnd) -> None:  # type: ignore[no-untyped-def]
    docs = sorted({c.doc_id for c in cands})
    rnd.shuffle(docs)
    resolver = Resolver()
    for doc in docs:
        resolver.add([c for c in cands if c.doc_id == doc])
    _same(resolver.resolution(), resolve(cands))


@settings(max_examples=60, deadline=None)
@given(corpora(), st.randoms(use_true_random=False))
def test_resolver_remove_equals_batch_without_the_document(cands: list[Candidate], rnd) -> None:  # type: ignore[no-untyped-def]
    docs = sorted({c.doc_id for c in cands})
    if not docs:
        return
    gone = rnd.choice(docs)
    resolver = Resolver()
    resolver.add(cands)
    resolver.remove(gone)
    _same(resolver.resolution(), resolve([c for c in cands if c.doc_id != gone]))


@settings(max_examples=60, deadline=None)
@given(corpora(), corpora(), st.randoms(use_true_random=False))
def test_resolver_interleaved_adds_and_removes_equal_batch(first: list[Candidate], second: list[Candidate],
                                                          rnd) -> None:  # type: ignore[no-untyped-def]
    """Ingest a corpus, re-ingest another version of it document by document, delete some documents."""
    resolver = Resolver()
    resolver.add(first)
    for doc in DOCS:
        resolver.remove(doc)
        resolver.add([c for c in second if c.doc_id == doc])
    gone = set(rnd.sample(DOCS, 2))
    for doc in sorted(gone):
        resolver.remove(doc)
    _same(resolver.resolution(), resolve([c for c in second if c.doc_id not in gone]))


@settings(max_examples=30, deadline=None)
@given(corpora())
def test_resolver_overrides_set_later_equal_batch(cands: list[Candidate]) -> None:
    overrides = Overrides.of([("merge", "Mike Pompeo", "Mike Pence"), ("split", "Khalilzad", "Zalmay Khalilzad"),
                              ("split", "doc1:Haqqani")])
    resolver = Resolver()
    resolver.add(cands)
    resolver.set_overrides(overrides)
    _same(resolver.resolution(), resolve(cands, overrides=overrides))


def test_resolver_add_reports_only_touched_clusters() -> None:
    resolver = Resolver()
    resolver.add([Candidate("a:Taliban", "a", "Taliban", "ORG"), Candidate("a:Miriam Holloway", "a", "Miriam Holloway",
                                                                         "PERSON")])
    changed = resolver.add([Candidate("b:Zalmay Khalilzad", "b", "Zalmay Khalilzad", "PERSON")])
    assert changed == {resolver.cluster_of("b:Zalmay Khalilzad")}
    changed = resolver.add([Candidate("c:Holloway", "c", "Holloway", "PERSON")])
    assert changed == {resolver.cluster_of("a:Miriam Holloway"), resolver.cluster_of("c:Holloway")} or \
        changed >= {resolver.cluster_of("a:Miriam Holloway")}
    assert resolver.cluster_of("c:Holloway") == resolver.cluster_of("a:Miriam Holloway")


def test_resolver_re_adding_a_document_changes_nothing() -> None:
    cands = [Candidate("a:Zalmay Khalilzad", "a", "Zalmay Khalilzad", "PERSON"),
             Candidate("b:Khalilzad", "b", "Khalilzad", "PERSON")]
    resolver = Resolver()
    resolver.add(cands)
    before = resolver.resolution()
    resolver.add(cands)
    assert resolver.resolution() == before
