"""`dossier ask` on the real seed articles and our samples; expectations read off the articles by hand.

Every answer is checked for content (key words and numbers) and for provenance: each
citation's text must be exactly ``doc.text[start:end]`` of a stored document.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier import ingest_paths, open_store
from dossier.errors import QueryError
from dossier.query.ask import DONT_KNOW, Answer, ask
from dossier.query.ask_intents import parse_question, sentences, stem
from dossier.store.base import EntityRow, Store

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"


def _store(path: Path, tmp: Path) -> Store:
    store = open_store(str(tmp / "ask.db"), create=True)
    ingest_paths([str(path)], store=store)
    return store


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Store:
    if not SEEDS.is_dir() or not any(SEEDS.glob("*.txt")):
        pytest.skip(f"seed articles not found in {SEEDS} (shared corpus not mounted)")
    return _store(SEEDS, tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> Store:
    if not SAMPLES.is_dir():
        pytest.skip(f"sample articles not found in {SAMPLES}")
    return _store(SAMPLES, tmp_path_factory.mktemp("samples"))


def _check_citations(store: Store, answer: Answer) -> None:
    for c in answer.citations:
        assert c.text and store.get_document(c.doc).text[c.start:c.end] == c.text
    numbers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert numbers == set(range(1, len(answer.citations) + 1))  # every citation is used, none missing


def _cited(answer: Answer) -> str:
    return " ".join(c.text for c in answer.citations)


# --- the seed corpus ---------------------------------------------------------------------------

def test_ask_ties_cites_both_sides(seeds: Store) -> None:
    answer = ask(seeds, "Does the Taliban still support al-Qaeda?")
    _check_citations(seeds, answer)
    assert answer.answer.startswith("Sources disagree")
    assert "Shaheen" in answer.answer and "dispute" in answer.answer
    cited = _cited(answer)
    assert "Pentagon" in cited or "U.N." in cited or "UN " in cited
    assert "denying" in cited or "refute" in cited


def test_ask_quantity_finds_operatives(seeds: Store) -> None:
    answer = ask(seeds, "How many al-Qaeda operatives are in Afghanistan?")
    _check_citations(seeds, answer)
    assert "400 to 600" in answer.answer and "400 to 600 operatives" in _cited(answer)


def test_ask_quotes_by_lavrov(seeds: Store) -> None:
    answer = ask(seeds, "What did Lavrov say?")
    _check_citations(seeds, answer)
    assert answer.intent == "quotes" and "Lavrov" in answer.answer
    assert "no military solution" in answer.answer
    assert len(answer.citations) >= 2


def test_ask_when_doha_agreement_signed(seeds: Store) -> None:
    answer = ask(seeds, "When was the Doha agreement signed?")
    _check_citations(seeds, answer)
    assert answer.answer.startswith("2020-02-29") and "Feb. 29" in _cited(answer)


def test_ask_participants_of_moscow_meeting(seeds: Store) -> None:
    answer = ask(seeds, "Who attended the Moscow meeting?")
    _check_citations(seeds, answer)
    for name in ("Baradar", "Karzai", "Khalili", "Lavrov", "Taliban"):
        assert name in answer.answer
    assert "Ashraf Ghani" not in answer.answer  # named as the man they challenge, not an attendee


@pytest.mark.parametrize("question", [
    "What did Angela Merkel say about Brexit?",
    "What did Lavrov say about Brexit?",
    "Who won the 2018 World Cup?",
])
def test_ask_does_not_know_without_evidence(seeds: Store, question: str) -> None:
    answer = ask(seeds, question)
    assert answer.answer == DONT_KNOW and answer.citations == ()


# --- our samples -------------------------------------------------------------------------------

@pytest.mark.parametrize(("question", "expected"), [
    ("How many civilians were killed in the Kabul drone strike?", ["10 civilians"]),
    ("When did the last US plane leave Kabul?", ["2021-08-30"]),
    ("When did intra-Afghan talks open?", ["2020-09-12"]),
    ("What did Blinken say?", ["Saigon"]),
    ("How many Hellfire missiles were fired?", ["Two Hellfire missiles"]),
    ("How many people were evacuated from Kabul?", ["100,000"]),
])
def test_ask_answers_sample_questions(samples: Store, question: str, expected: list[str]) -> None:
    answer = ask(samples, question)
    _check_citations(samples, answer)
    for word in expected:
        assert word in answer.answer


# --- our own logic -----------------------------------------------------------------------------

def test_ask_rejects_an_empty_question(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "empty.db"), create=True)
    with pytest.raises(QueryError, match="empty"):
        ask(store, "   ")


def test_ask_on_an_empty_store_does_not_know(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "empty.db"), create=True)
    answer = ask(store, "Who attended the Moscow meeting?")
    assert answer.to_json() == {"answer": DONT_KNOW, "citations": [], "intent": "participants", "method": "none"}


_ROWS = [EntityRow("e1", "Sergey Lavrov", "PERSON", ("Lavrov",), (), None, 1, 2),
         EntityRow("e2", "Taliban", "ORG", ("Taliban",), (), None, 5, 50),
         EntityRow("e3", "al-Qaeda", "ORG", ("al Qaida", "al-Qaeda"), (), None, 5, 40),
         EntityRow("e4", "Antony Blinken", "PERSON", ("Antony Blinken",), (), None, 2, 4)]


@pytest.mark.parametrize(("question", "intent", "entities", "focus"), [
    ("What did Lavrov say?", "quotes", ["Sergey Lavrov"], ""),
    ("What did Blinken say about the Taliban?", "quotes", ["Antony Blinken", "Taliban"], "the Taliban"),
    ("How many al-Qaeda operatives are in Afghanistan?", "quantity", ["al-Qaeda"], "al-Qaeda operatives"),
    ("When was the Doha agreement signed?", "when", [], "signed"),
    ("When did the last US plane leave Kabul?", "when", [], "leave"),
    ("Who attended the Moscow meeting?", "participants", [], ""),
    ("Does the Taliban still support al-Qaeda?", "ties", ["Taliban", "al-Qaeda"], ""),
    ("Why did Ghani leave?", "search", [], ""),
])
def test_parse_question_classifies(question: str, intent: str, entities: list[str], focus: str) -> None:
    q = parse_question(question, _ROWS)
    assert (q.intent, [e.name for e in q.entities], q.focus) == (intent, entities, focus)


@pytest.mark.parametrize(("text", "expected"), [
    ("The U.S. deal was signed on Feb. 29 in Doha. Shaheen denied it.",
     ["The U.S. deal was signed on Feb. 29 in Doha.", "Shaheen denied it."]),
    ("“We will leave,” he said. Gen. McKenzie agreed.\nNew paragraph",
     ["“We will leave,” he said.", "Gen. McKenzie agreed.", "New paragraph"]),
])
def test_sentences_split_at_sentence_ends_only(text: str, expected: list[str]) -> None:
    assert [text[s:e] for s, e in sentences(text)] == expected


@pytest.mark.parametrize(("a", "b"), [("signed", "sign"), ("left", "leave"), ("operatives", "operative"),
                                      ("entered", "enter"), ("seized", "seize")])
def test_stem_makes_word_forms_equal(a: str, b: str) -> None:
    assert stem(a) == stem(b)


# --- the CLI -----------------------------------------------------------------------------------

def _app():  # type: ignore[no-untyped-def]
    import typer

    from dossier.cli.ask import register

    app = typer.Typer()
    register(app)
    app.command("noop")(lambda: None)  # two commands, so `ask` is a subcommand as in `dossier`
    return app


def test_ask_cli_json_follows_the_contract(seeds: Store) -> None:
    result = CliRunner().invoke(_app(), ["ask", "How many al-Qaeda operatives are in Afghanistan?",
                                         "--db", seeds.url, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert isinstance(data["answer"], str) and data["citations"]
    assert {"doc", "start", "end", "text"} <= set(data["citations"][0])


def test_ask_cli_prints_numbered_citations(seeds: Store) -> None:
    result = CliRunner().invoke(_app(), ["ask", "What did Lavrov say?", "--db", seeds.url])
    assert result.exit_code == 0 and "\n[1] " in result.stdout


def test_ask_cli_empty_question_is_a_usage_error(seeds: Store) -> None:
    result = CliRunner().invoke(_app(), ["ask", " ", "--db", seeds.url])
    assert result.exit_code == 2


def test_ask_cli_help_ends_with_an_example() -> None:
    result = CliRunner().invoke(_app(), ["ask", "--help"])
    assert result.exit_code == 0 and "Example: dossier ask" in result.stdout
