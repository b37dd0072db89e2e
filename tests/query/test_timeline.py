"""The merged timeline: merge rules on hand-built documents, then the real pipeline on the samples.

Expectations on the samples were read off the articles: the Doha deal was signed on
2020-02-29 (reported by Frontier Wire, The Kabul Ledger, Pamir Review, Global Affairs Daily,
Meridian Post); the Abbey Gate bombing killed 13 US service members (Meridian Post first
reports McKenzie's 12, then 13; Atlantic Dispatch and The Kabul Ledger say 13).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from dossier import Document, QueryError, ingest_paths, open_store
from dossier.cli.timeline import register
from dossier.extract.records import Event, Place, TimeExpr
from dossier.query.timeline import build_timeline, parse_bound, timeline
from dossier.records import Span
from dossier.store.base import Store

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
TALIBAN, US = "ent_taliban", "ent_us"
DOHA = {"name": "Doha", "precision": "city", "country": "QA", "lat": 25.285, "lon": 51.531}
KABUL = {"name": "Kabul", "precision": "city", "country": "AF", "lat": 34.53, "lon": 69.17}
KANDAHAR = {"name": "Kandahar", "precision": "city", "country": "AF", "lat": 31.61, "lon": 65.71}


# --- hand-built documents ---------------------------------------------------------------------

def make_doc(doc_id: str, text: str, *, published: str | None = "2020-03-01", outlet: str = "Wire",
             events: tuple[dict[str, Any], ...] = ()) -> Document:
    """A document whose events cite ``phrase`` (first occurrence) in ``text``."""
    built = []
    for spec in events:
        spec = dict(spec)
        phrase = spec.pop("phrase")
        start = text.index(phrase)
        span = Span(doc_id, start, start + len(phrase), 0, "test")
        when = spec.pop("date", None)
        place = spec.pop("place", None)
        built.append(Event(
            span=span, type=spec.pop("type", "AGREE"), action=spec.pop("action", "signed"),
            time=TimeExpr(when[2], span, when[0], when[1]) if when else None,
            place=Place(text=place["name"], span=span, key=None, **place) if place else None, **spec))
    return Document(id=doc_id, source=f"{doc_id}.txt", text=text, published=published, outlet=outlet,
                    events=tuple(built))


SIGNED_A = make_doc("a", "The United States and the Taliban signed an agreement in Doha on Saturday.", events=(
    {"phrase": "signed an agreement", "actor": "United States", "actor_id": US, "target": "Taliban",
     "target_id": TALIBAN, "date": ("2020-02-29", "day", "Saturday"), "place": DOHA},))
CONCLUDED_B = make_doc("b", "Taliban and Washington's envoy concluded the deal on February 29 in Doha.", events=(
    {"phrase": "concluded the deal", "action": "concluded", "actor": "Taliban", "actor_id": TALIBAN,
     "target": "US", "target_id": US, "date": ("2020-02-29", "day", "February 29"), "place": DOHA},))
FEBRUARY_C = make_doc("c", "In February 2020 the US and the Taliban signed a deal.", events=(
    {"phrase": "signed a deal", "actor": "US", "actor_id": US, "target": "Taliban", "target_id": TALIBAN,
     "date": ("2020-02", "month", "February 2020")},))
NEXT_YEAR_D = make_doc("d", "The US and the Taliban signed a prisoner deal on 27 February 2021.", events=(
    {"phrase": "signed a prisoner deal", "actor": "US", "actor_id": US, "target": "Taliban",
     "target_id": TALIBAN, "date": ("2021-02-27", "day", "27 February 2021")},))
TALIBAN_ATTACK = make_doc("e", "Taliban fighters attacked a checkpoint in Kabul on Monday.", events=(
    {"phrase": "attacked a checkpoint", "type": "ASSAULT", "action": "attacked", "actor": "Taliban",
     "actor_id": TALIBAN, "target": "checkpoint", "date": ("2021-05-03", "day", "Monday"), "place": KABUL},))
ISIS_ATTACK = make_doc("f", "ISIS-K fighters attacked a checkpoint in Kabul on Monday.", events=(
    {"phrase": "attacked a checkpoint", "type": "ASSAULT", "action": "attacked", "actor": "ISIS-K",
     "actor_id": "ent_isisk", "target": "checkpoint", "date": ("2021-05-03", "day", "Monday"), "place": KABUL},))
KANDAHAR_ATTACK = make_doc("g", "Taliban fighters attacked a checkpoint in Kandahar on Monday.", events=(
    {"phrase": "attacked a checkpoint", "type": "ASSAULT", "action": "attacked", "actor": "Taliban",
     "actor_id": TALIBAN, "target": "checkpoint", "date": ("2021-05-03", "day", "Monday"), "place": KANDAHAR},))


def bombing(doc_id: str, published: str | None, killed: float, target: str = "American",
            target_id: str | None = "ent_american", outlet: str = "Wire") -> Document:
    """An undated report of a bombing (its date falls back to the publication date)."""
    text = f"A suicide bomber struck the gate, killing {killed:g} {target} service members."
    return make_doc(doc_id, text, published=published, outlet=outlet, events=(
        {"phrase": f"killing {killed:g} {target} service members", "type": "ASSAULT", "action": "killing",
         "target": target, "target_id": target_id, "quantities": {"killed": killed}},))


MEETING_X = make_doc("x", "The Taliban met officials, the group said.", published="2021-08-20", events=(
    {"phrase": "met officials", "type": "CONSULT", "action": "met", "actor": "Taliban", "actor_id": TALIBAN},))
MEETING_Y = make_doc("y", "A Taliban delegation held talks with diplomats.", published="2021-08-22", events=(
    {"phrase": "held talks with diplomats", "type": "CONSULT", "action": "held talks", "actor": "Taliban",
     "actor_id": TALIBAN, "target": "diplomats"},))


@pytest.mark.parametrize(
    ("docs", "rows"),
    [
        pytest.param((SIGNED_A, CONCLUDED_B), 1, id="same-event-different-wording"),
        pytest.param((TALIBAN_ATTACK, ISIS_ATTACK), 2, id="same-type-different-actors"),
        pytest.param((SIGNED_A, FEBRUARY_C), 1, id="day-inside-month-merges"),
        pytest.param((FEBRUARY_C, NEXT_YEAR_D), 2, id="far-dates-stay-apart"),
        pytest.param((TALIBAN_ATTACK, KANDAHAR_ATTACK), 2, id="distant-places-stay-apart"),
        pytest.param((bombing("p", "2021-08-27", 13), bombing("q", "2021-09-10", 13, "US", "ent_us")), 1,
                     id="publication-dated-strong-match-and-demonym-merge"),
        pytest.param((MEETING_X, MEETING_Y), 2, id="publication-dated-weak-match-stays-apart"),
        pytest.param((bombing("p", "2021-08-27", 13), bombing("q", "2021-12-01", 13)), 2,
                     id="publication-dates-too-far-apart"),
    ],
)
def test_build_timeline_merge_rules(docs: tuple[Document, ...], rows: int) -> None:
    assert len(build_timeline(docs)) == rows


def test_build_timeline_merged_event_lists_every_source() -> None:
    (row,) = build_timeline([CONCLUDED_B, SIGNED_A])
    assert [s["doc"] for s in row["sources"]] == ["a", "b"]
    assert row["doc"] == "a" and (row["start"], row["end"]) == (row["sources"][0]["start"], row["sources"][0]["end"])
    assert {s["text"] for s in row["sources"]} == {"signed an agreement", "concluded the deal"}


def test_build_timeline_takes_the_most_precise_date() -> None:
    (row,) = build_timeline([FEBRUARY_C, SIGNED_A])
    assert (row["date"], row["date_precision"], row["date_text"]) == ("2020-02-29", "day", "Saturday")


def test_build_timeline_undated_event_uses_publication_date_and_seen_dates() -> None:
    (row,) = build_timeline([bombing("q", "2021-09-10", 13), bombing("p", "2021-08-27", 13)])
    assert (row["date"], row["date_precision"]) == ("2021-08-27", "publication")
    assert (row["first_seen"], row["last_seen"]) == ("2021-08-27", "2021-09-10")


def test_build_timeline_keeps_disagreeing_figures_attributed() -> None:
    docs = [bombing("early", "2021-08-26", 12, outlet="Early Wire"), bombing("late", "2021-08-28", 13,
                                                                                outlet="Late Wire")]
    (row,) = build_timeline(docs)
    assert row["quantities"] == {"killed": 13}  # the most recent report's figure
    figures = [(f["value"], f["outlet"], f["doc"]) for f in row["figures"]["killed"]]
    assert figures == [(13, "Late Wire", "late"), (12, "Early Wire", "early")]


def test_build_timeline_agreeing_figures_are_no_disagreement() -> None:
    (row,) = build_timeline([bombing("p", "2021-08-27", 13), bombing("q", "2021-08-28", 13)])
    assert row["figures"] == {} and row["quantities"] == {"killed": 13}


def test_build_timeline_skips_negated_events_unless_asked() -> None:
    doc = make_doc("n", "The Taliban did not sign an agreement in Doha on Saturday.", events=(
        {"phrase": "sign an agreement", "actor": "Taliban", "actor_id": TALIBAN, "modality": "negated",
         "date": ("2020-02-29", "day", "Saturday"), "place": DOHA},))
    assert len(build_timeline([SIGNED_A, doc])) == 1
    rows = build_timeline([SIGNED_A, doc], include_all=True)
    assert sorted(r["modality"] for r in rows) == ["asserted", "negated"]


def test_build_timeline_orders_by_date_and_puts_undated_last() -> None:
    rows = build_timeline([NEXT_YEAR_D, bombing("u", None, 5), TALIBAN_ATTACK, FEBRUARY_C])
    assert [r["date_value"] for r in rows] == ["2020-02", "2021-02-27", "2021-05-03", None]
    assert rows[0]["date"] == "2020-02-01/2020-02-29"  # the contract wants days; precision says month


@pytest.mark.parametrize(
    ("value", "end", "expected"),
    [("2021", False, "2021-01-01"), ("2021", True, "2021-12-31"), ("2020-02", True, "2020-02-29"),
     ("2021-08-26", False, "2021-08-26")],
)
def test_parse_bound_reads_partial_dates(value: str, end: bool, expected: str) -> None:
    assert parse_bound(value, option="--from", end=end).isoformat() == expected


@pytest.mark.parametrize("value", ["2021-13", "August 2021", "21-08", "2021-02-30", "2020/2021"])
def test_parse_bound_rejects_bad_dates_with_a_fix(value: str) -> None:
    with pytest.raises(QueryError, match="YYYY-MM"):
        parse_bound(value, option="--from")


# --- the sample corpus through the real pipeline ----------------------------------------------

@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    if not SAMPLES.is_dir():
        pytest.skip(f"sample articles not found in {SAMPLES}")
    db = tmp_path_factory.mktemp("timeline") / "samples.db"
    opened = open_store(str(db), create=True)
    ingest_paths([str(SAMPLES)], store=opened)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def rows(store: Store) -> list[dict[str, Any]]:
    return timeline(store)


def test_timeline_doha_signing_is_one_event_with_several_sources(rows: list[dict[str, Any]]) -> None:
    signings = [r for r in rows if r["type"] == "AGREE" and r["date"] == "2020-02-29"]
    assert len(signings) == 1
    (signing,) = signings
    assert signing["date_precision"] == "day" and signing["place"] == "Doha"
    assert signing["documents"] >= 2 and len({s["outlet"] for s in signing["sources"]}) >= 2
    assert signing["first_seen"] == "2020-03-02"


def test_timeline_abbey_gate_bombing_is_one_event_with_attributed_tolls(rows: list[dict[str, Any]]) -> None:
    bombings = [r for r in rows if any("Abbey Gate" in s["text"] for s in r["sources"]) and r["type"] == "ASSAULT"]
    assert len(bombings) == 1
    (row,) = bombings
    outlets = {s["outlet"] for s in row["sources"]}
    assert {"Meridian Post", "Atlantic Dispatch", "The Kabul Ledger"} <= outlets
    told = {(f["value"], f["outlet"]) for f in row["figures"]["killed"]}
    assert {(12, "Meridian Post"), (13, "Meridian Post"), (13, "Atlantic Dispatch")} <= told
    # The extractor sums "13 US service members and more than 170 Afghans" into one figure for
    # The Kabul Ledger (183); the timeline reports it as that outlet's figure, attributed.
    assert {v for v, outlet in told if outlet == "The Kabul Ledger"} == {183}
    assert row["quantities"] == {"killed": 13}  # Atlantic Dispatch, 2021-09-18: the latest report
    lead = [r for r in rows for s in r["sources"] if " ".join(s["text"].split()).startswith("killing 13 American service")]
    assert lead == [row]  # Meridian Post's report sits in this event and nowhere else


def test_timeline_citations_equal_the_document_spans(store: Store, rows: list[dict[str, Any]]) -> None:
    texts = {doc.id: doc.text for doc in store.iter_documents()}
    for row in rows:
        assert (row["doc"], row["start"], row["end"]) == tuple(row["sources"][0][k] for k in ("doc", "start", "end"))
        for source in row["sources"]:
            assert texts[source["doc"]][source["start"]:source["end"]] == source["text"]


def test_timeline_is_ordered_by_resolved_date(rows: list[dict[str, Any]]) -> None:
    dated = [r for r in rows if r["date"]]
    assert [r["date"] is None for r in rows] == sorted(r["date"] is None for r in rows)
    starts = [r["date"].split("/")[0] for r in dated]
    assert [s[:4] for s in starts] == sorted(s[:4] for s in starts)
    assert all(r["date_precision"] for r in dated)


def test_timeline_entity_filter_keeps_that_actor(store: Store, rows: list[dict[str, Any]]) -> None:
    taliban = timeline(store, entity="Taliban")
    assert 0 < len(taliban) < len(rows)
    assert any(r["type"] == "AGREE" and r["date"] == "2020-02-29" for r in taliban)
    assert not any(any("Abbey Gate" in s["text"] for s in r["sources"]) for r in taliban)
    assert all("Taliban" in (r["actor"], r["target"]) for r in taliban)


def test_timeline_unknown_entity_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="dossier entities"):
        timeline(store, entity="Nobody In Particular")


def test_timeline_date_filters(store: Store) -> None:
    august = timeline(store, start="2021-08", end="2021-08")
    assert august and all(r["date"] and "2021-08-01" <= r["date"].split("/")[-1] for r in august)
    assert all(r["date"].split("/")[0][:7] <= "2021-08" for r in august)
    assert any(any("Abbey Gate" in s["text"] for s in r["sources"]) for r in august)
    assert not any(r["date"] == "2020-02-29" for r in august)


def test_timeline_from_after_to_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="swap"):
        timeline(store, start="2022", end="2021")


def test_timeline_all_adds_negated_and_hypothetical_events(store: Store, rows: list[dict[str, Any]]) -> None:
    everything = timeline(store, include_all=True)
    assert len(everything) > len(rows)
    assert {"negated", "hypothetical"} <= {r["modality"] for r in everything}
    assert not {"negated", "hypothetical"} & {r["modality"] for r in rows}


# --- the command --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def app() -> typer.Typer:
    cli = typer.Typer()

    @cli.callback()
    def main() -> None:
        """The timeline command on its own (cli/main.py wires it into `dossier`)."""

    register(cli)
    return cli


def test_cli_timeline_json_is_a_list_ordered_by_date(app: typer.Typer, store: Store) -> None:
    result = CliRunner().invoke(app, ["timeline", "--json", "--entity", "Taliban", "--db", store.url])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert isinstance(data, list) and data
    assert {"date", "doc", "type", "action", "actor", "actor_id", "target", "target_id", "place", "date_text",
            "quantities", "start", "end", "date_precision", "sources", "first_seen", "last_seen",
            "figures"} <= set(data[0])


def test_cli_timeline_lines_show_precision_and_disagreements(app: typer.Typer, store: Store) -> None:
    result = CliRunner().invoke(app, ["timeline", "--from", "2020-02", "--to", "2021-09", "--db", store.url])
    assert result.exit_code == 0, result.stderr
    assert "2020-02-29 (day)" in result.stdout and "(publication)" in result.stdout
    assert "sources disagree on killed:" in result.stdout


def test_cli_timeline_min_confidence(app: typer.Typer, store: Store) -> None:
    from dossier.query.timeline import MIN_CONFIDENCE

    def rows(*extra: str) -> list[dict[str, Any]]:
        result = CliRunner().invoke(app, ["timeline", "--json", *extra, "--db", store.url])
        assert result.exit_code == 0, result.stderr
        data: list[dict[str, Any]] = json.loads(result.stdout)
        return data

    default, everything, strict = rows(), rows("--min-confidence", "0"), rows("--min-confidence", "1")
    assert all(r["confidence"] >= MIN_CONFIDENCE for r in default)
    assert len(strict) < len(default) < len(everything)
    assert all(r["confidence"] == 1.0 for r in strict)
    assert CliRunner().invoke(app, ["timeline", "--min-confidence", "2", "--db", store.url]).exit_code == 2


def test_cli_default_floor_is_the_query_default() -> None:
    import inspect

    from dossier.cli.timeline import timeline as command
    from dossier.query.timeline import MIN_CONFIDENCE

    assert inspect.signature(command).parameters["min_confidence"].default == MIN_CONFIDENCE


def test_cli_timeline_bad_date_is_one_error_line(app: typer.Typer, store: Store) -> None:
    result = CliRunner().invoke(app, ["timeline", "--from", "2021-13", "--db", store.url])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: Date '2021-13'") and "Traceback" not in result.stderr


def test_cli_timeline_help_ends_with_an_example(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["timeline", "--help"])
    assert result.exit_code == 0
    assert "Example: dossier timeline" in result.stdout
