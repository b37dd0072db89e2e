"""Tests for dossier.extract.quantities (+ numgroups, numwords, quantity_filters, quantity_phrases).

The spaCy model is real and loaded once per module; number-word parsing is tested on strings.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.clean.text import clean_text
from dossier.extract.nlp import load_nlp
from dossier.extract.numwords import digit_value, parse_number, plural
from dossier.extract.quantities import find_quantities
from dossier.extract.records import Quantity

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"
Row = tuple[str, float | None, float | None, str, str]


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def quantities(nlp, text: str, **options: bool) -> list[Quantity]:
    sdoc = nlp(text)
    found = find_quantities(sdoc, doc_id="t", **options)
    for q in found:
        assert sdoc.text[q.span.start:q.span.end] == q.text
    return found


def rows(found: list[Quantity]) -> list[Row]:
    return [(q.text, q.value, q.value_max, q.unit, q.qualifier) for q in found]


POSITIVE: list[tuple[str, list[Row]]] = [
    # the issue and the seed articles
    ("Al-Qaeda has 400 to 600 operatives active in 12 Afghan provinces.",
     [("400 to 600 operatives", 400, 600, "operatives", "range"),
      ("12 Afghan provinces", 12, None, "provinces", "exact")]),
    ("The U.S. military has quickened the pace of its troop withdrawal, now down from 13,000 troops in February "
     "to roughly 8,600 troops last week.",
     [("13,000 troops", 13000, None, "troops", "exact"), ("roughly 8,600 troops", 8600, None, "troops", "approx")]),
    ("It has cost U.S. taxpayers some $132 billion.", [("some $132 billion", 132e9, None, "USD", "approx")]),
    ("The group killed nearly 3,000 people in the 9/11 terrorist attacks.",
     [("nearly 3,000 people", 3000, None, "people", "approx")]),
    ("After nearly 20 years of fighting in which more than 3,500 American and coalition lives have been lost.",
     [("more than 3,500 American and coalition lives", 3500, None, "lives", "lower")]),
    ("Mullah Baradar, who is heading a 14-member Taliban delegation, was the center of attention.",
     [("14-member Taliban delegation", 14, None, "members", "exact")]),
    ("On Monday, a Taliban ambush on a border post in southern Afghanistan killed 11 police officers.",
     [("11 police officers", 11, None, "police officers", "exact")]),
    ("Militants attacked a U.S. consulate, killing two Afghans and wounding 17 other Afghans.",
     [("two Afghans", 2, None, "Afghans", "exact"), ("17 other Afghans", 17, None, "Afghans", "exact")]),
    ("He believes that about 10,000 U.S. and NATO troops would stay past 2014.",
     [("about 10,000 U.S. and NATO troops", 10000, None, "troops", "approx")]),
    ("The remaining 60,000 U.S. and NATO forces in Afghanistan are scheduled to leave by the end of 2014.",
     [("60,000 U.S. and NATO forces", 60000, None, "forces", "exact")]),
    ("At least 20 were killed.", [("At least 20", 20, None, "count", "lower")]),
    ("Up to 5,000 could leave.", [("Up to 5,000", 5000, None, "count", "upper")]),
    ("US officials say they are in contact with dozens of Americans.",
     [("dozens of Americans", 12, None, "Americans", "vague")]),
    ("There are thousands of US-allied Afghans at risk of Taliban persecution.",
     [("thousands of US-allied Afghans", 1000, None, "Afghans", "vague")]),
    ("The blast killed 13 US service members and 170 Afghans.",
     [("13 US service members", 13, None, "service members", "exact"), ("170 Afghans", 170, None, "Afghans", "exact")]),
    ("The Islamist group has since retaken control or influences nearly half of the country.",
     [("nearly half of the country", 0.5, None, "fraction", "approx")]),
    ("The US pledged $2.5 billion in aid.", [("$2.5 billion", 2.5e9, None, "USD", "exact")]),
    ("The programme reached 1.5 million.", [("1.5 million", 1.5e6, None, "count", "exact")]),
    ("Two-thirds said no.", [("Two-thirds", 2 / 3, None, "fraction", "exact")]),
    # news phrasing: casualties, troops, money, shares
    ("Twelve U.S. service members were killed and 15 others injured.",
     [("Twelve U.S. service members", 12, None, "service members", "exact"),
      ("15 others", 15, None, "service members", "exact")]),
    ("The explosions are believed to have killed at least 60 Afghans and wounded more than 140.",
     [("at least 60 Afghans", 60, None, "Afghans", "lower"), ("more than 140", 140, None, "Afghans", "lower")]),
    ("The attack killed 13 U.S. service members and injured at least 18 more.",
     [("13 U.S. service members", 13, None, "service members", "exact"),
      ("at least 18", 18, None, "service members", "lower")]),
    ("Those killed included 10 Marines, two Army soldiers and a Navy corpsman.",
     [("10 Marines", 10, None, "Marines", "exact"), ("two Army soldiers", 2, None, "soldiers", "exact")]),
    ("Some 15 U.S. troops were injured in the attack.", [("Some 15 U.S. troops", 15, None, "troops", "approx")]),
    ("Zawahiri had a $25 million bounty on his head.", [("$25 million", 25e6, None, "USD", "exact")]),
    ("The Pentagon said it would soon pull some 2,000 troops out of Afghanistan.",
     [("some 2,000 troops", 2000, None, "troops", "approx")]),
    ("A rocket attack struck Kabul, killing at least eight people.",
     [("at least eight people", 8, None, "people", "lower")]),
    ("The attack killed a U.S. service member, a Romanian service member, and ten civilians.",
     [("ten civilians", 10, None, "civilians", "exact")]),
    ("It would bring home some of the 14,000 U.S. troops still stationed in Afghanistan.",
     [("14,000 U.S. troops", 14000, None, "troops", "exact")]),
    ("Between 2,000 and 3,000 fighters crossed the border.",
     [("Between 2,000 and 3,000 fighters", 2000, 3000, "fighters", "range")]),
    ("The group has 2,000-3,000 fighters.", [("2,000-3,000 fighters", 2000, 3000, "fighters", "range")]),
    ("Two or three soldiers were wounded.", [("Two or three soldiers", 2, 3, "soldiers", "range")]),
    ("The strike killed a dozen militants.", [("a dozen militants", 12, None, "militants", "exact")]),
    ("Attacks killed scores of civilians and a handful of soldiers.",
     [("scores of civilians", 20, None, "civilians", "vague"),
      ("a handful of soldiers", 3, None, "soldiers", "vague")]),
    ("Police say several gunmen opened fire.", [("several gunmen", 3, None, "gunmen", "vague")]),
    ("Tens of thousands of Afghans fled.", [("Tens of thousands of Afghans", 1e4, None, "Afghans", "vague")]),
    ("About 40% of the country is contested.", [("About 40%", 40, None, "percent", "approx")]),
    ("Some 30 percent of voters stayed home.", [("Some 30 percent", 30, None, "percent", "approx")]),
    ("The convoy travelled 120 km to Kabul.", [("120 km", 120, None, "km", "exact")]),
    ("Officials said 5,000+ people had gathered.", [("5,000+ people", 5000, None, "people", "lower")]),
    ("The budget rose to €3.2bn this year.", [("€3.2bn", 3.2e9, None, "EUR", "exact")]),
    ("The fund is worth Rs 500 crore.", [("Rs 500 crore", 5e9, None, "INR", "exact")]),
    ("The US has spent over $2 trillion on the war.", [("over $2 trillion", 2e12, None, "USD", "lower")]),
    ("A quarter of the population needs aid.", [("A quarter of the population", 0.25, None, "fraction", "exact")]),
    ("Three quarters of the districts fell.", [("Three quarters of the districts", 0.75, None, "fraction", "exact")]),
    ("One hundred and twenty people were evacuated.",
     [("One hundred and twenty people", 120, None, "people", "exact")]),
    ("Two and a half million Afghans are refugees.",
     [("Two and a half million Afghans", 2.5e6, None, "Afghans", "exact")]),
    ("As many as 60 Afghans may have been killed.", [("As many as 60 Afghans", 60, None, "Afghans", "upper")]),
    ("Fewer than 2,500 troops remain.", [("Fewer than 2,500 troops", 2500, None, "troops", "upper")]),
    ("No fewer than 300 prisoners were released.", [("No fewer than 300 prisoners", 300, None, "prisoners", "lower")]),
    ("Nearly 2,500 U.S. troops died in the 20-year war.",
     [("Nearly 2,500 U.S. troops", 2500, None, "troops", "approx")]),
    ("The Taliban released 5,000 prisoners in exchange for 1,000 Afghan security personnel.",
     [("5,000 prisoners", 5000, None, "prisoners", "exact"),
      ("1,000 Afghan security personnel", 1000, None, "security personnel", "exact")]),
    ("It fell from 13,000 to 8,600 troops.",
     [("13,000", 13000, None, "troops", "exact"), ("8,600 troops", 8600, None, "troops", "exact")]),
    ("The attack killed one of our great great soldiers, and 11 other people.",
     [("one of our great great soldiers", 1, None, "soldiers", "exact"),
      ("11 other people", 11, None, "people", "exact")]),
    ("Biden said the attacks left 17 sailors dead.", [("17 sailors", 17, None, "sailors", "exact")]),
]


@pytest.mark.parametrize(("text", "expected"), POSITIVE, ids=[t[:40] for t, _ in POSITIVE])
def test_find_quantities_reads_news_phrasing(nlp, text: str, expected: list[Row]) -> None:
    got = rows(quantities(nlp, text))
    assert [(t, u, q) for t, _, _, u, q in got] == [(t, u, q) for t, _, _, u, q in expected]
    for (_, value, value_max, _, _), (_, want, want_max, _, _) in zip(got, expected):
        assert value == pytest.approx(want)
        assert value_max == (None if want_max is None else pytest.approx(want_max))


COUNTS = [
    ("Al-Qaeda has 400 to 600 operatives active in 12 Afghan provinces.", "400 to 600 operatives",
     "Al-Qaeda operatives"),
    ("Al-Qaeda has 400 to 600 operatives active in 12 Afghan provinces.", "12 Afghan provinces", "Afghan provinces"),
    ("He believes that about 10,000 U.S. and NATO troops would stay.", "about 10,000 U.S. and NATO troops",
     "U.S. and NATO troops"),
    ("Mullah Baradar is heading a 14-member Taliban delegation.", "14-member Taliban delegation", "Taliban delegation"),
    ("more than 3,500 American and coalition lives have been lost", "more than 3,500 American and coalition lives",
     "American and coalition lives"),
    ("They are in contact with dozens of Americans and legal permanent residents who wish to leave.",
     "dozens of Americans", "Americans and legal permanent residents"),
    ("It controls nearly half of the country.", "nearly half of the country", "the country"),
    ("The Taliban killed 11 police officers.", "11 police officers", "police officers"),
    ("Twelve U.S. service members were killed and 15 others injured.", "15 others", "U.S. service members"),
    ("Some 30 percent of voters stayed home.", "Some 30 percent", "voters"),
]


@pytest.mark.parametrize(("text", "quantity", "counts"), COUNTS)
def test_find_quantities_names_what_is_counted(nlp, text: str, quantity: str, counts: str) -> None:
    found = {q.text: q for q in quantities(nlp, text)}
    assert found[quantity].counts == counts


NEGATIVE = [
    "U.S. troops went to Afghanistan in retaliation for the Sept. 11, 2001, terrorist attacks.",
    "Now, 12 years later, will they stay to battle the Taliban?",
    "The forces are scheduled to leave by the end of 2014.",
    "The third phase has started.",
    "Russia organized the meeting to mark the 100th anniversary of diplomatic relations.",
    "The first step is to remove obstacles in the way of peace.",
    "Turkey bought the Russian S-400 air defence system in December 2020.",
    "The US would offer Afghan people vaccines against COVID-19.",
    "ISIS was trained in Turkey under the eye of the CIA and MI-6.",
    "The group plotted 9/11.",
    "It held 16 months of peace talks.",
    "After nearly 20 years of fighting, they left.",
    "Al-Zawahiri, 71, was in a home in Kabul.",
    "He was a 71-year-old surgeon.",
    "Call 202-555-0143 for details.",
    "The president will speak at 5 p.m. ET on Thursday.",
    "Talks were held in Doha, Qatar on October 9-10.",
    "The deal signed on Feb. 29 was supposed to lead to talks by March 10.",
    "Article 5 of the treaty applies.",
    "In the 1980s the war was different.",
    "One might suggest it was inevitable.",
    "Mosul fell in 2014 and the 2001 attacks were long past.",
    "The mid-2021 withdrawal was chaotic.",
    "Gen. Mark Milley spoke on September 1.",
    "Western countries invaded Afghanistan 20 years ago after the 911 terror attacks.",
    "See https://gsnplus.com/news/315/12-u-s-service-members-killed for more.",
    "The invasion took place 17-years ago.",
    "Internally displaced families took shelter in Kabul, 14 August (issued 15 August).",
    "Flight 93 crashed in Pennsylvania.",
    "It would travel from there to a third country.",
    "Envoys of the so-called Three Amigos met the minister in Doha on Monday.",
    "Leaders of the Group of Seven pledged more aid on Friday.",
    "The shell landed near the Two Rivers hospital, witnesses said.",
]


@pytest.mark.parametrize(("text", "quantity"), [
    ("Taliban Kill Three Soldiers In Helmand Ambush", "Three Soldiers"),  # a title-case headline
    ('The governor said: "Two people died in the blast."', "Two people"),  # a quotation's first word
    ("Casualties: Three soldiers died overnight.", "Three soldiers"),
])
def test_find_quantities_keeps_capitalised_numbers_that_start_a_line(nlp, text: str, quantity: str) -> None:
    assert quantity in [text[q.span.start:q.span.end] for q in quantities(nlp, text)]


@pytest.mark.parametrize("text", NEGATIVE)
def test_find_quantities_ignores_dates_ordinals_and_codes(nlp, text: str) -> None:
    assert rows(quantities(nlp, text)) == []


def test_find_quantities_bare_vague_word_at_the_end(nlp) -> None:
    # "tens" as the last token once raised AttributeError (no next token to read).
    assert rows(quantities(nlp, "The dead numbered in the tens")) == []


def test_find_quantities_keeps_durations_when_asked(nlp) -> None:
    found = quantities(nlp, "It held 16 months of peace talks.", durations=True)
    assert rows(found) == [("16 months", 16, None, "duration:months", "exact")]
    assert found[0].span.method == "quantities.v1:duration"


def test_find_quantities_span_records_sentence_and_rule(nlp) -> None:
    found = quantities(nlp, "The war dragged on. Al-Qaeda has 400 to 600 operatives. It cost $2.5 billion.")
    assert [(q.span.sentence, q.span.method, q.span.doc_id) for q in found] == [
        (1, "quantities.v1:range", "t"), (2, "quantities.v1:money", "t")]


def test_find_quantities_to_json_has_contract_fields(nlp) -> None:
    (q,) = quantities(nlp, "Al-Qaeda has 400 to 600 operatives.")
    assert q.to_json() == {"value": 400, "value_max": 600, "unit": "operatives", "text": "400 to 600 operatives",
                           "start": 13, "end": 34, "sentence": 0, "method": "quantities.v1:range",
                           "qualifier": "range", "counts": "Al-Qaeda operatives"}


@pytest.mark.parametrize(("words", "value"), [
    (["13,000"], 13000), (["1.5", "million"], 1.5e6), (["a", "dozen"], 12), (["seventeen"], 17),
    (["twenty", "-", "four"], 24), (["one", "hundred", "and", "twenty"], 120),
    (["two", "and", "a", "half", "million"], 2.5e6), (["2.5bn"], 2.5e9), (["third"], None), (["100th"], None),
])
def test_parse_number_reads_digits_and_words(words: list[str], value: float | None) -> None:
    assert parse_number(words) == (None if value is None else pytest.approx(value))


@pytest.mark.parametrize(("text", "value"), [("8,600", 8600), ("1.5", 1.5), ("25m", 25e6), ("9/11", None),
                                             ("S-400", None), ("2nd", None)])
def test_digit_value_reads_only_cardinals(text: str, value: float | None) -> None:
    assert digit_value(text) == value


@pytest.mark.parametrize(("lemma", "tag", "text", "expected"), [
    ("member", "NN", "member", "members"), ("person", "NN", "person", "people"), ("troop", "NNS", "Troops", "troops"),
    ("Afghans", "NNPS", "Afghans", "Afghans"), ("casualty", "NN", "casualty", "casualties"),
])
def test_plural_names_units(lemma: str, tag: str, text: str, expected: str) -> None:
    assert plural(lemma, tag, text) == expected


# Each seed article (the whole stored text, boilerplate included): (text, value, unit, qualifier) in order.
SEED_EXPECTED: dict[str, list[tuple[str, float, str, str]]] = {
    "000": [("One thing", 1, "things", "exact"), ("11 police officers", 11, "police officers", "exact"),
            ("two Afghans", 2, "Afghans", "exact"), ("17 other\xa0Afghans", 17, "Afghans", "exact"),
            ("60,000 U.S. and NATO forces", 60000, "forces", "exact"),
            ("about 10,000 U.S. and NATO troops", 10000, "troops", "approx"), ("two sides", 2, "sides", "exact")],
    "001": [("one goal", 1, "goals", "exact"), ("nearly 3,000 people", 3000, "people", "approx"),
            ("more than 3,500 American and coalition lives", 3500, "lives", "lower"),
            ("one of the central tenets", 1, "tenets", "exact"), ("400 to 600 operatives", 400, "operatives", "range"),
            ("12 Afghan provinces", 12, "provinces", "exact"), ("thousands of lives", 1000, "lives", "vague"),
            ("some $132 billion", 132e9, "USD", "approx"), ("13,000 troops", 13000, "troops", "exact"),
            ("roughly 8,600 troops", 8600, "troops", "approx"), ("two sources", 2, "sources", "exact"),
            ("One of those options", 1, "options", "exact")],
    "002": [("14-member Taliban delegation", 14, "members", "exact"),
            ("nearly half of the country", 0.5, "fraction", "approx")],
    "003": [("dozens of Americans", 12, "Americans", "vague"),
            ("thousands of US-allied Afghans", 1000, "Afghans", "vague"), ("one instance", 1, "instances", "exact")],
    "004": [("two groups", 2, "groups", "exact")],
}


@pytest.mark.parametrize("prefix", sorted(SEED_EXPECTED))
def test_find_quantities_on_seed_articles(nlp, prefix: str) -> None:
    paths = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not paths:
        pytest.skip("seed articles not available (../shared/corpus/seeds)")
    body = clean_text(paths[0].read_text(encoding="utf-8")).text  # the article, not its chrome or comments
    found = quantities(nlp, body)
    got = [(q.text, q.unit, q.qualifier) for q in found]
    assert got == [(t, u, q) for t, _, u, q in SEED_EXPECTED[prefix]]
    assert [q.value for q in found] == pytest.approx([v for _, v, _, _ in SEED_EXPECTED[prefix]])


def test_find_quantities_a_count_followed_by_a_time_phrase_is_still_a_count(nlp) -> None:
    text = "The force fell from 13,000 troops in February to roughly 8,600 troops last week."
    found = [(q.value, q.unit) for q in quantities(nlp, text)]
    assert found == [(13000, "troops"), (8600, "troops")]


def test_find_quantities_a_year_after_a_non_breaking_space_is_still_a_year(nlp) -> None:
    assert rows(quantities(nlp, "Al-Qaeda plotted the\u00a02001 attacks\u00a0in the mountains.")) == []
