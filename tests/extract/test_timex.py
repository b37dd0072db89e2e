"""Tests for dossier.extract.timex: time expressions resolved against the publication date.

Phrases and passages are quoted from the seed articles (/work/shared/corpus/seeds) and the
eval news corpus (/work/shared/eval/news-corpus). Publication dates: seed 000 2013-09-26
(Thursday), seed 001 2020-06-01 (Monday), seed 002 2019-05-28 (Tuesday: the Moscow meeting
marking 100 years of Russian-Afghan relations; inferred from the text), seed 003 2021-10-13,
seed 004 2020-07-01 (Wednesday: the Pentagon's June 2020 report; inferred), and the eval
articles' dates from their index.
"""

from __future__ import annotations

import doctest
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.extract import timex, timex_timeml
from dossier.extract.stage import anchor_date
from dossier.extract.timex import find_times, resolve_date
from dossier.extract.timex_calendar import month_period, year_period
from dossier.extract.timex_timeml import to_timex3

S000 = date(2013, 9, 26)
S001 = date(2020, 6, 1)
S002 = date(2019, 5, 28)
S003 = date(2021, 10, 13)
S004 = date(2020, 7, 1)

NOV_2020 = (
    "But a U.N. report released on Monday shows the Islamist militant group has failed to fulfill one of "
    "the central tenets of the agreement – that it would break ties with al-Qaeda – undermining Trump’s "
    "biggest foreign policy win as he seeks re-election in November."
)
TROOPS = "now down from 13,000 troops in February to roughly 8,600 troops last week, months ahead of schedule"
DEAL_004 = ("The US-Taliban deal signed on February 29 was supposed to lead to peace talks starting by "
            "March 10 between the insurgents and the Kabul government.")
KABUL = ("After 20 years of war, the Taliban captured Afghanistan's capital Kabul in 10 days on Sunday, "
         "15 August, as President Ashraf Ghani fled the war-torn country.")
ZAWAHIRI = ("Al-Qaeda leader Ayman al-Zawahiri was killed in a CIA drone strike in Afghanistan over the "
            "weekend, US officials said on Monday, the biggest blow to the militant group.")

RESOLVE_CASES = [
    # seed 000, published Thursday 2013-09-26
    ("Sept. 11, 2001", S000, "in retaliation for the Sept. 11, 2001, terrorist attacks.", "2001-09-11", "day"),
    ("on Tuesday", S000, "During his speech at the United Nations on Tuesday, President Obama said the core "
     "of al Qaeda has been dismantled.", "2013-09-24", "day"),
    ("on Thursday", S000, "Rassoui told CNN’s Situation Room on Thursday.", "2013-09-26", "day"),
    ("On Monday", S000, "On Monday, a Taliban ambush on a border post in southern Afghanistan killed 11 "
     "police officers.", "2013-09-23", "day"),
    ("earlier this month", S000, "And earlier this month, Taliban militants used car bombs to attack a U.S. "
     "consulate", "2013-09-01/2013-09-26", "month"),
    ("by the end of 2014", S000, "The remaining 60,000 U.S. and NATO forces in Afghanistan are scheduled to "
     "leave by the end of 2014", "2014-12-31", "year"),
    ("past 2014", S000, "about 10,000 U.S. and NATO troops would stay past 2014", "2014", "year"),
    ("Post-2014", S000, "Afghanistan Wants Post-2014 Troops to Battle the Taliban, not al Qaeda", "2014", "year"),
    ("next spring’s presidential elections", S000, "", "2014-03-01/2014-05-31", "quarter"),
    ("in January 2017", S000, "", "2017-01", "month"),
    ("12 years later", S000, "Now, 12 years later, will they stay to battle the Taliban?", None, None),
    ("more than a decade", S000, "troops have been battling for more than a decade", None, "duration"),
    # seed 001, published Monday 2020-06-01
    ("June 1, 2020", S001, "Time•June 1, 2020", "2020-06-01", "day"),
    ("the 9/11 terrorist attacks", S001, "", "2001-09-11", "day"),
    ("nearly 20 years of fighting", S001, "", None, "duration"),
    ("released on Monday", S001, NOV_2020, "2020-06-01", "day"),
    ("in November", S001, NOV_2020, "2020-11", "month"),
    ("released Friday", S001, "according to the report released Friday.", "2020-05-29", "day"),
    ("16 months of peace talks", S001, "", None, "duration"),
    ("Feb. 29", S001, "The deal signed in Doha, Qatar, on Feb. 29, says the Taliban must", "2020-02-29", "day"),
    ("in March", S001, "Secretary of State Mike Pompeo went even further in March", "2020-03", "month"),
    ("a day after the deal was signed", S001, "", None, None),
    ("a nearly 19-year-conflict-turned-quagmire", S001, "", None, "duration"),
    ("on March 13", S001, "“That is something,” he said on March 13, roughly two weeks after the peace "
     "deal was signed.", "2020-03-13", "day"),
    ("roughly two weeks after", S001, "", None, None),
    ("in February", S001, TROOPS, "2020-02", "month"),
    ("last week", S001, TROOPS, "2020-05-25/2020-05-31", "week"),
    ("within the next week or so", S001, "", "2020-06-01/2020-06-08", "week"),
    ("the 2001 attacks", S001, "when al-Qaeda plotted the 2001 attacks in the country", "2001", "year"),
    # seed 002, published Tuesday 2019-05-28
    ("Tuesday’s meeting", S002, "were in attendance at Tuesday’s meeting and delivered their own speeches.",
     "2019-05-28", "day"),
    ("17-years ago", S002, "after the U.S.-led military invasion of Afghanistan 17-years ago.", "2002", "year"),
    ("in 2010", S002, "Baradar was traveling through Pakistan in 2010 when American security operatives",
     "2010", "year"),
    ("until late last year", S002, "", "2018-09-01/2018-12-31", "year"),
    ("late last fall", S002, "", "2018-11-01/2018-11-30", "quarter"),
    ("on Wednesday", S002, "Taliban and Afghan delegates also are scheduled to hold an intra-Afghan meeting "
     "on Wednesday to discuss ways to promote peace in their country.", "2019-05-29", "day"),
    ("Wednesday’s intra-Afghan discussions", S002, "It was not immediately known whether Khalili and other "
     "members of the HPC will be part of Wednesday’s intra-Afghan discussions", "2019-05-29", "day"),
    ("in February", S002, "The first such interaction took place in February, but no government "
     "representatives were present", "2019-02", "month"),
    ("in late 2001", S002, "ousted the Taliban from power in late 2001", "2001-09-01/2001-12-31", "year"),
    ("the 1980s", None, "", "1980-01-01/1989-12-31", "decade"),
    ("the 100th anniversary", S002, "Russia organized the meeting to mark the 100th anniversary of "
     "diplomatic relations with Afghanistan.", None, None),
    # seed 003, published 2021-10-13
    ("on October 9-10", S003, "The first in-person talks were held in Doha, Qatar on October 9-10.",
     "2021-10-09/2021-10-10", "range"),
    ("two days of discussions", S003, "", None, "duration"),
    ("in February 2020", S003, "", "2020-02", "month"),
    ("On Oct 11", S003, "On Oct 11, the US State Department and the UK Foreign Ministry warned their "
     "citizens", "2021-10-11", "day"),
    ("On September 1", S003, "On September 1, General Mark Milley, Chairman US Joint Chiefs of Staff had "
     "indicated in a press briefing", "2021-09-01", "day"),
    ("a day before the US-Taliban talks", S003, "", None, None),
    ("in December 2020", S003, "", "2020-12", "month"),
    # seed 004, published Wednesday 2020-07-01
    ("the Pentagon said Wednesday", S004, "", "2020-07-01", "day"),
    ("in February", S004, "Under a deal the Taliban signed with the United States in February, the "
     "insurgents agreed", "2020-02", "month"),
    ("in the months since", S004, "But in the months since, the Taliban have continued", None, None),
    ("released last month", S004, "", "2020-06", "month"),
    ("the September 11, 2001 attacks", S004, "", "2001-09-11", "day"),
    ("on February 29", S004, DEAL_004, "2020-02-29", "day"),
    ("by March 10", S004, DEAL_004, "2020-03-10", "day"),
    ("next year", S004, "foreign forces are supposed to quit Afghanistan next year.", "2021", "year"),
    # eval news corpus
    ("on Sunday, 15 August", date(2021, 8, 16), KABUL, "2021-08-15", "day"),
    ("in 10 days", date(2021, 8, 16), KABUL, None, "duration"),
    ("20 years ago", date(2021, 8, 15), "Western countries invaded Afghanistan 20 years ago", "2001", "year"),
    ("the 911 terror attacks", date(2021, 8, 15), "", "2001-09-11", "day"),
    ("within 14 months", date(2020, 2, 29), "Washington will withdraw all troops from country within 14 "
     "months if Taliban upholds commitments", "2020-02-29/2021-04-29", "month"),
    ("within 135 days of the US-Taliban agreement", date(2020, 2, 29), "", None, "duration"),
    ("over the weekend", date(2022, 8, 2), ZAWAHIRI, "2022-07-30/2022-07-31", "range"),
    ("on Monday", date(2022, 8, 2), ZAWAHIRI, "2022-08-01", "day"),
    ("eleven years ago", date(2022, 8, 2), "since founder Osama bin Laden was killed eleven years ago.",
     "2011", "year"),
    ("in August of last year", date(2022, 8, 2), "When the Taliban recaptured the government in August of "
     "last year", "2021-08", "month"),
    ("Sunday", date(2019, 9, 7), "secret meetings with Taliban leaders and Afghan president Ashraf Ghani set "
     "to take place Sunday at Camp David", "2019-09-08", "day"),
    ("Monday", date(2019, 9, 7), "A senior administration official said the meeting had been planned for "
     "Monday, just two days before the anniversary", "2019-09-09", "day"),
    ("in March", date(2020, 9, 12), "The talks that were earlier scheduled to begin in March, were pushed "
     "repeatedly", "2020-03", "month"),
    ("yesterday", date(2020, 11, 21), "US Secretary of State Mike Pompeo met negotiators in Doha yesterday",
     "2020-11-20", "day"),
    ("Earlier this week", date(2020, 11, 21), "Earlier this week, the Pentagon said it would soon pull some "
     "2,000 troops out", "2020-11-16/2020-11-21", "week"),
    ("in mid-2021", date(2020, 11, 21), "a full US withdrawal in mid-2021", "2021-05-01/2021-08-31", "year"),
    ("15 Aug 2021", None, "Afghanistan President Ashraf Ghani flees the country | 15 Aug 2021 |",
     "2021-08-15", "day"),
    ("tonight", date(2019, 9, 7), "They were coming to the United States tonight", "2019-09-07", "day"),
    ("late Thursday", date(2021, 8, 27), "Officials told Fox News late Thursday that those killed included",
     "2021-08-26", "day"),
    # the examples with no seed sentence
    ("Thursday", S000, "", "2013-09-26", "day"),
    ("today", S000, "", "2013-09-26", "day"),
    ("this week", S000, "", "2013-09-23/2013-09-29", "week"),
    ("last month", S000, "", "2013-08", "month"),
    ("last year", S000, "", "2012", "year"),
    ("this spring", S000, "", "2013-03-01/2013-05-31", "quarter"),
    ("next spring", S000, "", "2014-03-01/2014-05-31", "quarter"),
    ("will meet on Monday", S000, "", "2013-09-30", "day"),
    ("next Monday", S000, "", "2013-09-30", "day"),
    ("February 2020", None, "", "2020-02", "month"),
    ("September 11, 2001", None, "", "2001-09-11", "day"),
    ("9/11", None, "", "2001-09-11", "day"),
    ("late 2001", None, "", "2001-09-01/2001-12-31", "year"),
    ("December 28", date(2021, 1, 5), "The attack happened on December 28.", "2020-12-28", "day"),
    ("Feb. 29", date(2021, 1, 10), "The deal was signed on Feb. 29.", "2020-02-29", "day"),
    ("January 15", date(2020, 12, 20), "Talks will resume on January 15.", "2021-01-15", "day"),
    # no anchor: relative expressions stay unresolved, absolute ones resolve
    ("on Monday", None, "", None, None),
    ("last week", None, "", None, None),
    ("Feb. 29", None, "", None, None),
]


@pytest.mark.parametrize(("phrase", "anchor", "context", "value", "precision"), RESOLVE_CASES)
def test_resolve_date_resolves_real_phrases(phrase, anchor, context, value, precision):
    assert resolve_date(phrase, anchor=anchor, context=context) == (value, precision)


def test_resolve_date_table_has_enough_real_phrases():
    assert len(RESOLVE_CASES) >= 50


@pytest.mark.parametrize(
    "phrase",
    ["16 months of peace talks", "two days of discussions", "nearly 20 years of fighting", "an 18-year conflict",
     "for 19 years", "in just over a week", "the 20 years since the allied invasion", "more than a decade"],
)
def test_resolve_date_durations_are_not_dates(phrase):
    assert resolve_date(phrase, anchor=S001, context="They fought " + phrase + ".") == (None, "duration")


PASSAGE_000 = (
    "During his speech at the United Nations on Tuesday, President Obama said the core of al Qaeda – the "
    "terror group that U.S. and NATO troops have been battling for more than a decade – has been dismantled. "
    "On Monday, a Taliban ambush on a border post in southern Afghanistan killed 11 police officers. And "
    "earlier this month, Taliban militants used car bombs to attack a U.S. consulate in western Afghanistan. "
    "The remaining 60,000 U.S. and NATO forces in Afghanistan are scheduled to leave by the end of 2014."
)
PASSAGE_001 = (
    "The deal signed in Doha, Qatar, on Feb. 29, says the Taliban must “prevent the use of the soil of "
    "Afghanistan by any group.” Secretary of State Mike Pompeo went even further in March. “They’ve said "
    "they will not permit terror,” he told CBS’s Face the Nation a day after the deal was signed."
)
PASSAGE_003 = (
    "The first in-person talks between the US and the Taliban after US troop withdrawal from Afghanistan "
    "were held in Doha, Qatar on October 9-10. These followed two days of discussions between visiting US "
    "Deputy Secretary of State Wendy Sherman with Pakistani officials in Islamabad."
)
PASSAGE_004 = (
    "Under a deal the Taliban signed with the United States in February, the insurgents agreed to stop "
    "Al-Qaeda from using Afghanistan as a safe haven to plot attacks. But in the months since, the Taliban "
    "have continued to work with Al-Qaeda. Under the US-Taliban deal, foreign forces are supposed to quit "
    "Afghanistan next year."
)


@pytest.mark.parametrize(
    ("text", "anchor", "expected"),
    [
        (PASSAGE_000, S000, [("Tuesday", "2013-09-24", "day"), ("more than a decade", None, "duration"),
                             ("Monday", "2013-09-23", "day"),
                             ("earlier this month", "2013-09-01/2013-09-26", "month"),
                             ("by the end of 2014", "2014-12-31", "year")]),
        (PASSAGE_001, S001, [("Feb. 29", "2020-02-29", "day"), ("March", "2020-03", "month"),
                             ("a day after", None, None)]),
        (PASSAGE_003, S003, [("October 9-10", "2021-10-09/2021-10-10", "range"),
                             ("two days", None, "duration")]),
        (PASSAGE_004, S004, [("February", "2020-02", "month"), ("in the months since", None, None),
                             ("next year", "2021", "year")]),
    ],
)
def test_find_times_finds_seed_expressions_with_offsets(text, anchor, expected):
    found = find_times(text, doc_id="seed", anchor=anchor)
    assert [(t.text, t.value, t.precision) for t in found] == expected
    for t in found:
        assert text[t.span.start:t.span.end] == t.text
        assert t.span.doc_id == "seed"
        assert t.span.method.startswith("timex.v1:")
        assert t.anchor == anchor.isoformat()


def test_find_times_numbers_sentences_from_the_given_spans():
    bounds = [(m.start(), m.end()) for m in re.finditer(r"[^.]+\.", PASSAGE_004)]
    found = find_times(PASSAGE_004, doc_id="d", anchor=S004, sentences=bounds)
    assert [t.span.sentence for t in found] == [0, 1, 2]


def test_find_times_records_the_rule_that_matched():
    found = find_times(PASSAGE_000, doc_id="d", anchor=S000)
    assert [t.span.method for t in found] == ["timex.v1:weekday", "timex.v1:duration", "timex.v1:weekday",
                                              "timex.v1:relative", "timex.v1:edge"]


def test_find_times_without_anchor_keeps_relative_expressions_unresolved():
    found = find_times(PASSAGE_000, doc_id="d", anchor=None)
    assert [(t.text, t.value) for t in found][0] == ("Tuesday", None)
    assert found[-1].value == "2014-12-31" and found[-1].anchor is None


def test_find_times_uses_dateparser_only_for_leftover_entities():
    text = "Kabul, date 2021-08 Taliban enter Kabul on Sunday."
    start = text.index("2021-08")
    ents = [(start, start + 7, "DATE"), (0, 5, "GPE"), (text.index("Sunday"), len(text) - 1, "DATE"), (40, 999, "DATE")]
    found = find_times(text, doc_id="d", anchor=date(2021, 8, 16), ents=ents)
    assert [(t.text, t.value, t.span.method) for t in found] == [
        ("2021-08", "2021-08", "timex.v1:dateparser"),
        ("Sunday", "2021-08-15", "timex.v1:weekday"),
    ]


def test_find_times_ignores_dates_inside_urls():
    text = "https://www.politico.com/story/2019/09/07/trump-canceled-meeting 2019-09-07 and on 9/11."
    found = find_times(text, doc_id="d", anchor=date(2019, 9, 7))
    assert [t.text for t in found] == ["2019-09-07", "9/11"]


@pytest.mark.parametrize(
    "text",
    ["after nearly 20 years of fighting in which more than 3,500 lives were lost",
     "throughout its 16 months of peace talks with U.S. officials",
     "These followed two days of discussions between visiting officials",
     "Washington will withdraw all troops within 135 days of the agreement"],
)
def test_find_times_durations_produce_no_point_dates(text):
    found = find_times(text, doc_id="d", anchor=S001)
    assert found and all(t.value is None and t.precision == "duration" for t in found)


@pytest.mark.parametrize(
    "text",
    ["This may be termed a setback.", "Russia organized the meeting to mark the 100th anniversary.",
     "Officials say some 2000 troops remain.", "They march in the streets."],
)
def test_find_times_skips_lookalikes(text):
    assert find_times(text, doc_id="d", anchor=S001) == []


_ISO = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?|\d{4}-\d\d-\d\d/\d{4}-\d\d-\d\d")
_TOKENS = ["on", "Monday", "Feb.", "29", "2001", "9/11", "last", "next", "year", "week", "late", "early",
           "earlier", "this", "month", "ago", "17-years", "days", "of", "the", "end", "by", "1980s", "spring",
           "within", "or", "so", "in", "since", "months", "September", "11,", "-", "will", "was", "yesterday",
           "Sunday,", "15", "August", "weekend", "Q4", "quarter", "9999", "0", "31", "'90s", "mid-2021", "now",
           "every", "daily", "8", "p.m.", "noon", "20th", "century", "third-quarter", "58", "a", "6-year-old"]


@settings(max_examples=300, deadline=None)
@given(
    text=st.one_of(st.text(max_size=200), st.lists(st.sampled_from(_TOKENS), max_size=30).map(" ".join)),
    anchor=st.one_of(st.none(), st.dates()),
    ents=st.lists(st.tuples(st.integers(-5, 210), st.integers(-5, 210), st.sampled_from(["DATE", "TIME", "GPE"])),
                  max_size=3),
)
def test_find_times_never_crashes_and_offsets_are_valid(text, anchor, ents):
    found = find_times(text, doc_id="d", anchor=anchor, ents=ents)
    previous_end = 0
    for t in found:
        assert 0 <= previous_end <= t.span.start < t.span.end <= len(text)
        assert text[t.span.start:t.span.end] == t.text
        assert t.value is None or _ISO.fullmatch(t.value)
        assert t.precision in {None, "day", "week", "month", "quarter", "year", "range", "decade", "century",
                               "duration", "ref", "set", "time"}
        assert t.value is None or t.precision not in {"duration", "ref", "set", "time"}
        previous_end = t.span.end


def test_timex_docstring_examples_hold():
    assert doctest.testmod(timex).failed == 0


# Sentences from TBAQ-cleaned (TempEval-3 train: TimeBank and AQUAINT news), with their creation dates.
KINDS_CASES = [
    ("The reduced dividend is payable Jan. 2 to stock of record Dec. 15.", date(1989, 11, 2),
     [("Jan. 2", "1990-01-02", "day"), ("Dec. 15", "1989-12-15", "day")]),
    ("Meissner gave no reason for the Jan. 14 deadline, and it is still unclear", date(2000, 1, 5),
     [("Jan. 14", "2000-01-14", "day")]),
    ("The INS extended its deadline until 9 a.m. EST Tuesday.", date(2000, 4, 3),
     [("9 a.m. EST Tuesday", "2000-04-04", "day")]),
    ("This means Nestle is now in the candybar business in a big way.", date(1989, 10, 31),
     [("now", None, "ref")]),
    ("In the past, Russia has often claimed that", date(1998, 3, 1), [("the past", None, "ref")]),
    ("Qantas plans daily flights between Sydney and Bombay.", date(1998, 2, 13), [("daily", None, "set")]),
    ("two new flights would leave Bombay from March 30, with the third departing each Thursday from August 6.",
     date(1998, 2, 13), [("March 30", "1998-03-30", "day"), ("each Thursday", None, "set"),
                         ("August 6", "1998-08-06", "day")]),
    ("Net sales for this year's third quarter were $14 million", date(1989, 11, 1),
     [("this year's third quarter", "1989-07-01/1989-09-30", "quarter")]),
    ("It closed at 2082.1, down 4.5% from the previous Friday and 6.8% from Oct. 13.", date(1989, 10, 30),
     [("the previous Friday", None, None), ("Oct. 13", "1989-10-13", "day")]),
    ("The New York Times said in an editorial on Monday, Oct. 26: The murder of Dr. Barnett Slepian",
     date(1998, 10, 25), [("Monday, Oct. 26", "1998-10-26", "day")]),
    ("It was one of the most important events of the 20th century.", date(1998, 2, 13),
     [("20th century", "1900-01-01/1999-12-31", "century")]),
    ("Kopp had been tracking abortion providers for years, and recently moved to Vermont.", date(1999, 1, 22),
     [("years", None, "duration"), ("recently", None, "ref")]),
    ("Call me Sunday night at 8 PM at the resort.", date(2012, 8, 1),
     [("Sunday night", "2012-07-29", "day"), ("8 PM", None, "time")]),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), KINDS_CASES)
def test_find_times_keeps_refs_sets_and_clock_times_out_of_dates(text, anchor, expected):
    found = find_times(text, doc_id="d", anchor=anchor)
    assert [(t.text, t.value, t.precision) for t in found] == expected


@pytest.mark.parametrize(
    "text",
    ["Elian Gonzalez, the 6-year-old boy who survived", "Mr. Schwarz, 52 years old, will succeed Daniel P. Davison",
     "the plan would help it save $500 million a year in costs", "up from the current four flights a week"],
)
def test_find_times_ages_and_rates_are_not_time_expressions(text):
    assert find_times(text, doc_id="d", anchor=date(1999, 1, 22)) == []


TIMEX3_CASES = [
    # (sentence, creation date, [(extent, TIMEX3 type, TIMEX3 value)])
    ("The man who was accused of faking his death last summer pleaded guilty.", date(2013, 3, 22),
     [("last summer", "DATE", "2012-SU")]),
    ("He said that he had spoken to both leaders over the past two years about it.", date(2013, 3, 22),
     [("the past two years", "DURATION", "P2Y")]),
    ("Before departing for Jordan on Friday afternoon, Mr Obama revealed", date(2013, 3, 22),
     [("Friday afternoon", "TIME", "2013-03-22TAF")]),
    ("Shots were fired at 10 p.m. Wednesday, police said.", date(1998, 2, 13),
     [("10 p.m. Wednesday", "TIME", "1998-02-11T22:00")]),
    ("She checked for smog every morning and the levels are high now.", date(2013, 3, 21),
     [("every morning", "SET", "XXXX-XX-XXTMO"), ("now", "DATE", "PRESENT_REF")]),
    ("The company grew rapidly in the 1990s and the worst flu in a decade followed.", date(2013, 3, 22),
     [("the 1990s", "DATE", "199"), ("a decade", "DURATION", "P10Y")]),
    ("Leaders meet this week and the remaining forces leave by the end of 2014.", date(2013, 3, 22),
     [("this week", "DATE", "2013-W12"), ("the end of 2014", "DATE", "2014")]),
    ("The flu pandemic of 2009-2010 killed 348 children.", date(2013, 3, 22),
     [("2009", "DATE", "2009"), ("2010", "DATE", "2010")]),
    ("An hour before her colleagues gathered, she spoke; earlier this month she had said so.", date(2013, 3, 21),
     [("An hour", "DURATION", "PT1H"), ("this month", "DATE", "2013-03")]),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), TIMEX3_CASES)
def test_to_timex3_writes_timeml_values_and_extents(text, anchor, expected):
    found = [t for expr in find_times(text, doc_id="d", anchor=anchor) for t in to_timex3(expr, anchor=anchor)]
    assert [(text[t.start:t.end], t.type, t.value) for t in found] == expected


def test_timex_timeml_docstring_examples_hold():
    assert doctest.testmod(timex_timeml).failed == 0


# -- a publication date known only to a month, a year or a range of days (issue 12) --------

POMPEO = "US Secretary of State Mike Pompeo met negotiators in Doha on Thursday."
POMPEO_YESTERDAY = "US Secretary of State Mike Pompeo met negotiators in Doha yesterday"
OMAR = "The Taliban confirmed on July 30 that Mullah Omar had died two years earlier."


@pytest.mark.parametrize(
    ("published", "precision", "until", "value", "unit"),
    [
        ("2020-11-05", None, None, "2020-11-05", "day"),
        ("2020-11", None, None, "2020-11", "month"),
        ("2020", "year", None, "2020", "year"),
        ("2020-11-05", "month", None, "2020-11", "month"),
        ("2020-11-02", "range", "2020-11-05", "2020-11-02/2020-11-05", "range"),
    ],
)
def test_anchor_date_keeps_the_publication_precision(published, precision, until, value, unit):
    anchor = anchor_date(published, precision=precision, until=until)
    assert anchor is not None and (anchor.value, anchor.unit) == (value, unit)


@pytest.mark.parametrize(("published", "precision"), [(None, None), ("", None), ("2020-13", None), ("2020-11-02", "range")])
def test_anchor_date_is_none_when_nothing_bounds_the_day(published, precision):
    assert anchor_date(published, precision=precision) is None  # a range without its last day: "on or after"


@pytest.mark.parametrize(
    ("text", "published", "precision", "until", "expected"),
    [
        # "on Thursday" in a November 2020 article: any Thursday from the one before Nov 1 to Nov 26
        (POMPEO, "2020-11", None, None, [("Thursday", "2020-10-29/2020-11-26", "month")]),
        (POMPEO_YESTERDAY, "2020-11", None, None, [("yesterday", "2020-10-31/2020-11-29", "month")]),
        ("Earlier this week, the Pentagon said it would soon pull some 2,000 troops out", "2020-11", None, None,
         [("Earlier this week", "2020-10-26/2020-11-30", "month")]),
        ("A senior official said the Taliban captured the city last month.", "2021", None, None,
         [("last month", "2020-12-01/2021-11-30", "year")]),
        # a date the calendar names without its year takes the anchor's year
        (OMAR, "2015", None, None, [("July 30", "2015-07-30", "day"), ("two years earlier", None, None)]),
        (OMAR, "2015-08", None, None, [("July 30", "2015-07-30", "day"), ("two years earlier", None, None)]),
        ("The attack happened on December 28.", "2021-01", None, None, [("December 28", "2020-12-28", "day")]),
        (PASSAGE_004, "2020-07", None, None, [("February", "2020-02", "month"), ("in the months since", None, None),
                                             ("next year", "2021", "year")]),
        # readings that agree across the range stay exact
        (ZAWAHIRI, "2022-08-01", "range", "2022-08-04",
         [("the weekend", "2022-07-30/2022-07-31", "range"), ("Monday", "2022-08-01", "day")]),
        # "on or after 2022-08-01" bounds nothing: only absolute dates resolve
        (ZAWAHIRI, "2022-08-01", "range", None, [("the weekend", None, None), ("Monday", None, None)]),
    ],
)
def test_find_times_widens_precision_against_a_coarse_publication_date(text, published, precision, until, expected):
    anchor = anchor_date(published, precision=precision, until=until)
    found = find_times(text, doc_id="d", anchor=anchor)
    assert [(t.text, t.value, t.precision) for t in found] == expected
    assert all(t.anchor == (anchor.value if anchor else None) for t in found)


def test_resolve_date_widens_against_a_month():
    assert resolve_date("on Thursday", anchor=month_period(2020, 11), context=POMPEO) == (
        "2020-10-29/2020-11-26", "month")
    assert resolve_date("on July 30", anchor=year_period(2015), context=OMAR) == ("2015-07-30", "day")


def test_extractor_dates_events_against_a_month_precision_publication_date():
    from dossier.extract.nlp import dossier_nlp
    from dossier.extract.stage import Extractor
    from dossier.records import Document

    doc = Document(id="m", source="m.txt", text=POMPEO, published="2020-11")
    dated = [e.to_json() for e in Extractor(nlp=dossier_nlp()).extract(doc).events if e.time is not None]
    assert dated and all((e["date"], e["date_precision"]) == ("2020-10-29/2020-11-26", "month") for e in dated)
