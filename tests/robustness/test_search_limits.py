"""Hostile search queries (issue 11, item 4): repeats removed, size capped, snippets bounded, reads on a clock.

One word repeated 1,250 times took 21 s on five documents; a query of a few common words took a
minute on one long article (FTS5's snippet() compares every match with every other one). Each test
runs on both store backends where a store is involved.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier.backends import open_store
from dossier.errors import QueryError, QueryTimeout
from dossier.query.search import MAX_DEPTH, MAX_QUERY_CHARS, MAX_TERMS, parse_query, to_fts5, to_tsquery
from dossier.records import Document, content_hash
from dossier.store.base import RawRecord, Store
from dossier.store.snippets import SNIPPET_WORDS, window

GUARD_SECONDS = 2.0  # a guard against hangs only; every assertion that matters is about results

ARTICLES = [
    ("Taliban and US Sign Deal in Doha",
     "DOHA — The United States and the Taliban signed an agreement in Doha on Saturday. The Taliban "
     "promised to cut ties with al-Qaeda, and the US promised to withdraw its troops within 14 months."),
    ("UN Monitors See Ties",
     "KABUL — UN monitors said the Taliban and al-Qaeda remain closely aligned. A Taliban spokesman "
     "rejected the report. Monitors said the Taliban had consulted al-Qaeda during the talks."),
    ("Kabul Airport Evacuation",
     "Crowds gathered at the gates of Kabul airport as the last flights left. Troops guarded the runway "
     "while officials counted the people who had been flown out."),
]
# A long article whose every sentence matches: the case that took FTS5's snippet() minutes.
LONG_TEXT = "Taliban fighters held talks in the capital and the country waited for an end to the war. " * 2_500


def make_doc(title: str, text: str) -> Document:
    return Document(id=content_hash(text), source=f"{title}.txt", title=title, text=text, raw_text=text)


def add(store: Store, doc: Document) -> None:
    store.add_document(doc, RawRecord(sha256=hashlib.sha256(doc.text.encode()).hexdigest(), doc_id=doc.id,
                                      source=doc.source, data=doc.text.encode()))


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    url = request.getfixturevalue("postgres_url") if request.param == "postgres" else str(tmp_path / "s.db")
    opened = open_store(url, create=True)
    for title, text in ARTICLES:
        add(opened, make_doc(title, text))
    yield opened
    opened.close()


# ---- the parser: repeats removed, size bounded -------------------------------------------------


@pytest.mark.parametrize(
    ("query", "same_as"),
    [
        ("Taliban Taliban Taliban", "Taliban"),
        ("Taliban taliban TALIBAN", "Taliban"),
        (" ".join(["Taliban"] * (MAX_QUERY_CHARS // 8)), "Taliban"),  # 125 repeats, just under the cap
        ('"peace deal" "Peace Deal" Doha', '"peace deal" Doha'),
        ("Taliban OR Taliban OR Haqqani", "Taliban OR Haqqani"),
        ("(Taliban OR Haqqani) (Haqqani OR Taliban)", "Taliban OR Haqqani"),
        ("Doha (Taliban (Taliban))", "Doha Taliban"),
        ("Taliban NOT Pakistan NOT pakistan", "Taliban NOT Pakistan"),
        ("(Taliban NOT Pakistan) NOT Iran", "Taliban NOT Pakistan NOT Iran"),
        ("withdraw* withdraw* title:Doha title:doha", "withdraw* title:Doha"),
    ],
)
def test_parse_query_removes_repeats(query: str, same_as: str) -> None:
    assert to_fts5(parse_query(query)) == to_fts5(parse_query(same_as))
    assert to_tsquery(parse_query(query)) == to_tsquery(parse_query(same_as))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # absorption is not removal: "a OR (b AND a)" matches what "a" matches, "a OR b" matches more
        ("Taliban OR Haqqani Taliban", '"Taliban" OR ( "Haqqani" AND "Taliban" )'),
        ("Taliban NOT Taliban", '"Taliban" NOT "Taliban"'),
        ("title:Doha Doha", 'title : "Doha" AND "Doha"'),
        ("withdraw* withdraw", '"withdraw" * AND "withdraw"'),
    ],
)
def test_parse_query_keeps_repeats_that_change_the_meaning(query: str, expected: str) -> None:
    assert to_fts5(parse_query(query)) == expected


def test_parse_query_operators_bind_as_documented() -> None:
    assert to_fts5(parse_query("a b OR c NOT d")) == '( "a" AND "b" ) OR ( "c" NOT "d" )'
    assert to_tsquery(parse_query("a b OR c NOT d")) == "( ('a') & ('b') ) | ( ('c') & ! ('d') )"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ("Taliban " * 1_250, "10,000 characters long, over the limit of 1,000"),
        ("x" * (MAX_QUERY_CHARS + 1), "over the limit of 1,000"),
        (" ".join(f"w{i}" for i in range(MAX_TERMS + 1)), f"{MAX_TERMS + 1} different terms, over the limit of 64"),
        (" OR ".join(f"w{i}" for i in range(MAX_TERMS + 1)), "different terms, over the limit"),
        ("(" * (MAX_DEPTH + 1) + "Taliban" + ")" * (MAX_DEPTH + 1), f"more than {MAX_DEPTH} deep"),
        ("a*", "at least 3 letters before the *"),
        ("peace d*", "at least 3 letters before the *"),
    ],
)
def test_parse_query_refuses_oversized_queries_with_one_line(query: str, fragment: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(query)
    message = str(info.value)
    assert fragment in message
    assert "\n" not in message and len(message) < 240  # the query is quoted cut short, never in full


def test_parse_query_accepts_queries_at_the_caps() -> None:
    at_terms = " ".join(f"w{i}" for i in range(MAX_TERMS))
    assert len(parse_query(at_terms).terms) == MAX_TERMS
    assert parse_query("(" * MAX_DEPTH + "Taliban" + ")" * MAX_DEPTH).terms[0].words == ("Taliban",)
    assert parse_query("Taliban " + "x" * (MAX_QUERY_CHARS - 8)).terms
    repeated = " ".join(["al"] * 200 + [f"w{i}" for i in range(MAX_TERMS - 1)])  # 263 terms, 64 different
    assert len(repeated) <= MAX_QUERY_CHARS and len(parse_query(repeated).terms) == MAX_TERMS


# ---- the stores: same hits, bounded snippets, a clock ----------------------------------------


def test_search_repeated_word_has_the_single_words_hits(store: Store) -> None:
    repeated = " ".join(["Taliban"] * (MAX_QUERY_CHARS // 8))
    started = time.perf_counter()
    hits = store.search(repeated)
    assert time.perf_counter() - started < GUARD_SECONDS
    assert hits and hits == store.search("Taliban")  # ids, order, scores and snippets
    assert all("\x02Taliban\x03" in hit.snippet for hit in hits)


def test_search_over_the_cap_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="over the limit of 1,000"):
        store.search("Taliban " * 1_250)


def test_search_snippet_of_a_long_article_full_of_matches_is_bounded(store: Store) -> None:
    add(store, make_doc("Long Report", LONG_TEXT))
    query = "Taliban OR fighters OR talks OR capital OR country OR war"
    started = time.perf_counter()
    hits = store.search(query, limit=5)
    assert time.perf_counter() - started < GUARD_SECONDS
    long = [h for h in hits if h.title == "Long Report"]
    assert long, [h.title for h in hits]
    snippet = long[0].snippet
    assert "\x02Taliban\x03" in snippet
    assert len(snippet) < 600  # a window of the text, not the text


def test_window_keeps_marks_balanced_and_prefers_more_different_matches() -> None:
    text = ("Officials met. " * 20 + "The \x02Taliban\x03 and \x02al-Qaeda\x03 met in Doha. " + "Talks went on. " * 20
            + "The \x02Taliban\x03 said so.")
    shown = window(text)
    assert "\x02Taliban\x03 and \x02al-Qaeda\x03" in shown
    assert shown.count("\x02") == shown.count("\x03") == 2
    assert shown.startswith("…") and shown.endswith("…")
    assert len(shown.replace("\x02", "").replace("\x03", "").strip("…").split()) <= SNIPPET_WORDS
    assert window("A short \x02text\x03.") == "A short \x02text\x03."
    assert window("no match at all here", size=2, truncated=True) == "no match…"


SLOW_SQL = {  # several seconds of work in one statement, without the clock
    "sqlite": "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 300000000) SELECT count(*) FROM c",
    "postgres": "SELECT count(*) FROM generate_series(1, 300000000)",
}


def test_time_budget_interrupts_a_running_statement(store: Store) -> None:
    backend = "postgres" if store.url.startswith("postgresql") else "sqlite"
    started = time.perf_counter()
    with pytest.raises(QueryTimeout), store.time_budget(0.2):
        store._db.execute(SLOW_SQL[backend]).fetchall()  # type: ignore[attr-defined]
    assert time.perf_counter() - started < GUARD_SECONDS
    assert store.search("Taliban")  # the store works after it, without a budget


def test_time_budget_spent_stops_the_next_read(store: Store) -> None:
    with pytest.raises(QueryTimeout, match="time budget"), store.time_budget(0.0):
        time.sleep(0.01)
        store.search("Taliban")
    with store.time_budget(30):
        assert store.search("Taliban")


def test_cli_search_over_the_cap_exits_2_with_the_message_on_stderr(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    opened = open_store(str(db), create=True)
    add(opened, make_doc(*ARTICLES[0]))
    opened.close()
    dossier = Path(sys.executable).with_name("dossier")
    run = subprocess.run([str(dossier), "search", "Taliban " * 1_250, "--db", str(db)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert run.stdout == ""
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "over the limit of 1,000" in lines[0], run.stderr
    ok = subprocess.run([str(dossier), "search", " ".join(["Taliban"] * 100), "--db", str(db)],
                        capture_output=True, text=True, timeout=60)
    assert ok.returncode == 0 and "Taliban and US Sign Deal in Doha" in ok.stdout
