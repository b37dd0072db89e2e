import hashlib
import sqlite3
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dossier.backends import open_store
from dossier.errors import QueryError, StoreError
from dossier.records import Document, Segment, content_hash
from dossier.store.base import InputRecord, RawRecord


def make_doc(text: str, **fields) -> Document:
    return Document(id=content_hash(text), source="fixture.txt", text=text, raw_text=text, **fields)


def raw_for(doc: Document, data: bytes = b"raw bytes") -> RawRecord:
    return RawRecord(sha256=hashlib.sha256(data).hexdigest(), doc_id=doc.id, source=doc.source, data=data)


def test_store_migrates_to_latest_version(store):
    assert store.schema_version() >= 1


def test_store_round_trips_a_document(store):
    doc = make_doc("The Taliban signed a deal in Doha.", title="Deal", authors=("Ann Lee", "Bo Chan"),
                   outlet="Frontier Wire", published="2020-02-29", published_basis="dateline",
                   segments=(Segment("body", 0, 34, "prose"),))
    assert store.add_document(doc, raw_for(doc)) is True
    back = store.get_document(doc.id)
    assert back == doc


@pytest.mark.parametrize(("published", "precision", "inferred", "until"), [
    ("2020-02-29", "day", False, None),
    ("2021-08", "month", False, None),
    ("2013", "year", True, None),
    ("2021-08-26", "range", True, "2021-09-01"),
])
def test_store_round_trips_publication_precision_and_inferred(store, published, precision, inferred, until):
    meta = {"published_until": until} if until else {}
    doc = make_doc(f"Dated {published}.", published=published, published_precision=precision,
                   published_inferred=inferred, published_basis="text: fixture", meta=meta)
    store.add_document(doc, raw_for(doc))
    assert store.get_document(doc.id) == doc
    (listed,) = store.list_documents()
    assert (listed.published, listed.published_precision, listed.published_inferred) == (published, precision, inferred)
    (hit,) = store.search("Dated")
    assert (hit.published_precision, hit.published_inferred) == (precision, inferred)


def test_store_set_published_replaces_the_date_and_its_range(store):
    doc = make_doc("Undated report.", meta={"kept": {"chars": 15, "of": 15}})
    store.add_document(doc, raw_for(doc))
    store.set_published(doc.id, "2021-08-26", precision="range", basis="other-documents: fixture",
                        inferred=True, until="2021-09-01")
    back = store.get_document(doc.id)
    assert (back.published, back.published_precision, back.published_inferred, back.published_basis) == (
        "2021-08-26", "range", True, "other-documents: fixture")
    assert back.meta == {"kept": {"chars": 15, "of": 15}, "published_until": "2021-09-01"}
    store.set_published(doc.id, None, precision=None, basis=None, inferred=False)
    back = store.get_document(doc.id)
    assert (back.published, back.published_inferred, back.meta) == (None, False, {"kept": {"chars": 15, "of": 15}})


def test_store_add_document_twice_is_a_duplicate(store):
    doc = make_doc("Same text.")
    assert store.add_document(doc, raw_for(doc)) is True
    assert store.add_document(doc, raw_for(doc, b"other bytes")) is False
    assert store.counts()["documents"] == 1
    assert [r.data for r in store.get_raws(doc.id)] == [b"raw bytes", b"other bytes"]


def test_store_failed_write_leaves_store_unchanged(store):
    doc = make_doc("A document whose raw record is broken.")
    broken = RawRecord(sha256="x", doc_id=doc.id, source="s", data=None)  # type: ignore[arg-type]
    with pytest.raises(StoreError):
        store.add_document(doc, broken)
    assert store.counts()["documents"] == 0
    with pytest.raises(QueryError):
        store.get_document(doc.id)


def test_store_get_document_accepts_unique_prefix(store):
    doc = make_doc("Prefix lookup works.")
    store.add_document(doc, raw_for(doc))
    assert store.get_document(doc.id[:6]).id == doc.id


def test_store_get_document_unknown_id_says_how_to_list(store):
    with pytest.raises(QueryError, match="dossier docs"):
        store.get_document("ffffffff")


def test_store_search_ranks_and_highlights(store):
    a = make_doc("Al-Qaeda and the Taliban remain close, the UN report said.", title="UN report")
    b = make_doc("Troops left Kabul in August.", title="Withdrawal")
    for doc in (a, b):
        store.add_document(doc, raw_for(doc, doc.text.encode()))
    hits = store.search("al-Qaeda")
    assert [h.id for h in hits] == [a.id]
    assert "\x02Al-Qaeda\x03" in hits[0].snippet or "\x02Al\x03-\x02Qaeda\x03" in hits[0].snippet
    assert [h.id for h in store.search("title:withdrawal")] == [b.id]
    assert store.search("Kabul NOT troops") == []


def test_store_search_malformed_query_is_query_error(store):
    with pytest.raises(QueryError, match="incomplete"):
        store.search("al-Qaeda AND")


def test_store_record_input_makes_has_input_true(store):
    assert not store.has_input("abc")
    store.record_input(InputRecord(sha256="abc", source="a.txt", size=3, format="text", data=b"abc",
                                   documents=1, rejected=0))
    assert store.has_input("abc")


def test_store_list_documents_orders_by_date_undated_last(store):
    docs = [make_doc("one", published="2021-08-15"), make_doc("two"), make_doc("three", published="2020-02-29")]
    for doc in docs:
        store.add_document(doc, raw_for(doc, doc.text.encode()))
    assert [d.published for d in store.list_documents()] == ["2020-02-29", "2021-08-15", None]


def test_sqlite_store_persists_across_reopen(tmp_path):
    path = str(tmp_path / "kept.db")
    first = open_store(path, create=True)
    doc = make_doc("Persisted text.")
    first.add_document(doc, raw_for(doc))
    first.close()
    again = open_store(path)
    assert again.get_document(doc.id).text == "Persisted text."
    again.close()


def test_sqlite_store_rejects_a_file_that_is_not_a_database(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("just some notes, not SQLite\n" * 100)
    with pytest.raises(StoreError, match="Dossier database"):
        open_store(str(path))


def test_sqlite_store_refuses_newer_schema(tmp_path):
    path = str(tmp_path / "future.db")
    open_store(path, create=True).close()
    con = sqlite3.connect(path)
    con.execute("INSERT INTO schema_migrations VALUES (999, 'future', 'now')")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="upgrade Dossier"):
        open_store(path)


def test_sqlite_store_from_before_publication_precision_gets_it_from_its_dates(tmp_path):
    from dossier.store.migrations import load_migrations

    path = tmp_path / "old.db"
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                "applied_at TEXT NOT NULL)")
    for migration in load_migrations("sqlite"):
        if migration.name.endswith("published_precision"):
            break
        for statement in migration.statements:
            con.execute(statement)
        con.execute("INSERT INTO schema_migrations VALUES (?, ?, 'then')", (migration.version, migration.name))
    for doc_id, published in (("a1", "2021-08"), ("b2", "2020-02-29"), ("c3", None)):
        con.execute("INSERT INTO documents (id, source, format, text, raw_text, clean_method, ingested_at, "
                    "published) VALUES (?, 's', 'text', 't', 't', 'm', 'then', ?)", (doc_id, published))
    con.commit()
    con.close()
    store = open_store(str(path))
    try:
        found = {d: (store.get_document(d).published_precision, store.get_document(d).published_inferred)
                 for d in ("a1", "b2", "c3")}
    finally:
        store.close()
    assert found == {"a1": ("month", False), "b2": ("day", False), "c3": (None, False)}


def test_sqlite_store_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        open_store(str(tmp_path / "nope" / "x.db"), create=True)


# Cleaned documents never contain NUL (the clean stage strips control characters, and
# PostgreSQL text cannot hold it), so the round trip is over everything else.
texts = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), min_size=1, max_size=300).filter(
    lambda t: t.strip())
names = st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00"), max_size=60)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts, title=st.none() | names, authors=st.lists(names, max_size=3))
def test_store_round_trip_property(store, text, title, authors):
    doc = make_doc(text, title=title, authors=tuple(authors))
    if not store.add_document(doc, raw_for(doc, text.encode("utf-8", "surrogatepass"))):
        return  # the same text was stored by an earlier example
    back = store.get_document(doc.id)
    assert (back.text, back.title, back.authors) == (doc.text, doc.title, doc.authors)


def test_store_round_trips_extracted_facts(store):
    from dossier.extract.records import EntityRef, Event, Mention, Place, Quantity, Quote, TimeExpr
    from dossier.records import Span

    text = "On Monday, a Taliban ambush killed 11 police officers in Kandahar, Rassoul said."
    doc = make_doc(text)

    def span(part: str) -> Span:
        start = text.index(part)
        return Span(doc.id, start, start + len(part), 0, "test")

    when = TimeExpr(text="On Monday", span=span("On Monday"), value="2013-09-23", precision="day")
    where = Place(text="Kandahar", span=span("Kandahar"), name="Kandahar", precision="province", country="AF",
                  lat=31.6, lon=65.7, key="af:kandahar")
    taliban = Mention(text="Taliban", label="ORG", span=span("Taliban"), name="Taliban", gazetteer="taliban")
    doc = replace(
        doc,
        entities=(EntityRef(name="Taliban", label="ORG", mentions=(taliban,)),),
        quotes=(Quote(text=text[:65], span=span(text[:65]), direct=False, speaker="Zalmai Rassoul", cue="say"),),
        events=(Event(type="ASSAULT", action="killed", span=span("a Taliban ambush killed 11 police officers"),
                      actor="Taliban", actor_span=taliban.span, place=where, time=when,
                      quantities={"killed": 11}),),
        quantities=(Quantity(value=11, unit="police officers", text="11 police officers",
                             span=span("11 police officers")),),
        times=(when,),
        places=(where,),
    )
    store.add_document(doc, raw_for(doc))
    assert store.get_document(doc.id) == doc
    assert [d.events for d in store.iter_documents()] == [doc.events]
