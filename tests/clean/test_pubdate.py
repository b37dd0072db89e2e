"""Publication dates from a document's own evidence: stamp, URL, dateline, text; precision and inferred flag.

Every text here is written for the test (no outlet's page is copied), one per kind of evidence.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.clean.dispatch import clean
from dossier.clean.pubdate import infer_published
from dossier.clean.pubdate_rules import dateline, stamp, text_dates, url_date, years_after
from dossier.records import Document, Raw

BODY = ("Floodwaters rose across the valley and forced thousands of families from their homes, "
        "officials said, as rescue teams worked through the night.")


def infer(text: str = BODY, **kwargs):
    return infer_published(declared=kwargs.pop("declared", None), text=text, **kwargs)


@pytest.mark.parametrize(("url", "expected"), [
    ("https://news.example/world/2015/07/30/flood-kills-nine/", ("2015-07-30", "2015/07/30")),
    ("https://news.example/2015-07-30-flood-kills-nine", ("2015-07-30", "2015-07-30")),
    ("https://news.example/news/20150730-flood-kills-nine", ("2015-07-30", "20150730")),
    ("https://news.example/2015/07/flood-kills-nine", ("2015-07", "2015/07")),
    ("https://news.example/story/flood-kills-nine-061647168.html", None),  # an article number, not a date
    ("https://news.example/2020-election/results", None),  # a section, not a date
    ("https://20150730.example/flood", None),  # the host name is not read
])
def test_url_date_reads_days_and_months_from_the_path(url, expected):
    assert url_date(url) == expected


@pytest.mark.parametrize(("lines", "expected"), [
    ([" date 2019-03-04 Floods hit the valley"], ("2019-03-04", "date 2019-03-04")),
    (["https://news.example/x", "date 2021-08 Floods hit the valley"], ("2021-08", "date 2021-08")),
    (["Published: 7 May 2021 | Updated: 9 May 2021"], ("2021-05-07", "Published: 7 May 2021")),
    (["Posted on September 3, 2020 by Ann Lee"], ("2020-09-03", "Posted on September 3, 2020")),
    (["Date of the vote is not yet known"], None),
])
def test_stamp_reads_a_labelled_date_at_the_start_of_a_line(lines, expected):
    assert stamp(lines) == expected


@pytest.mark.parametrize(("paragraph", "expected"), [
    ("KABUL, Oct. 3 (Reuters) - Gunmen attacked a checkpoint.", (10, 3, None)),
    ("July 30 (UPI) -- Rescuers pulled nine people from the river.", (7, 30, None)),
    ("NAIROBI, Kenya, March 3, 2018 — The rains came early.", (3, 3, 2018)),
    ("LIMA, 12 June (AFP) - Protesters marched on Congress.", (6, 12, None)),
    ("WASHINGTON (AP) — The Senate voted.", None),  # no date in it
    ("Floods, Fires Hit Region — officials", None),
])
def test_dateline_finds_place_date_and_agency(paragraph, expected):
    found = dateline([paragraph])
    assert (None if found is None else (found.month, found.day, found.year)) == expected


def test_text_dates_mark_plans_and_deadlines_as_looking_forward():
    found = text_dates("Voters will go to the polls on June 5, 2024. The count began on June 2, 2024, "
                       "ahead of the August 31 deadline.")
    assert [(d.text, d.future) for d in found] == [("June 5, 2024", True), ("June 2, 2024", False),
                                                  ("August 31", True)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The towers fell on Sept. 11, 2001. Now, 12 years later, troops are still there.", (2013, "12 years later")),
    ("The dam was built in 1998. Twenty years later, it is cracking.", (2018, "Twenty years later")),
    ("He joined the army in 1990. Twelve years later he left it.", None),  # a story told in the past
    ("The party marks the 50th anniversary of its founding in 1971 this week.", (2021, "the 50th anniversary of")),
])
def test_years_after_counts_from_a_written_year(text, expected):
    assert years_after(text) == expected


def test_declared_date_is_stated_at_day_precision():
    dated = infer(declared=("2020-02-29", "json-ld datePublished"), url="https://x.example/2019/01/01/a")
    assert (dated.value, dated.precision, dated.inferred, dated.basis) == (
        "2020-02-29", "day", False, "json-ld datePublished")


def test_stamp_beats_the_url():
    dated = infer(source_text=f"https://x.example/2019/01/01/a\n date 2019-01-02 Floods\n{BODY}",
                  url="https://x.example/2019/01/01/a")
    assert (dated.value, dated.precision, dated.inferred) == ("2019-01-02", "day", False)
    assert dated.basis.startswith("stamp:")


def test_stamp_with_month_and_day_swapped_yields_to_the_url():
    dated = infer(source_text=f" date 2019-07-09 Talks called off\n{BODY}", url="https://x.example/2019/09/07/talks")
    assert (dated.value, dated.inferred) == ("2019-09-07", False)
    assert "swapped" in dated.basis


def test_url_month_is_month_precision():
    dated = infer(url="https://x.example/2015/07/flood")
    assert (dated.value, dated.precision, dated.inferred, dated.basis) == ("2015-07", "month", False, "url: '2015/07'")


def test_dateline_with_its_year_is_stated():
    dated = infer("NAIROBI, March 3, 2018 (Reuters) - " + BODY)
    assert (dated.value, dated.precision, dated.inferred) == ("2018-03-03", "day", False)


def test_dateline_without_year_takes_it_from_a_stated_month_and_says_so():
    dated = infer("KABUL, Oct. 3 (Reuters) - " + BODY, url="https://x.example/2021/10/gunmen")
    assert (dated.value, dated.precision, dated.inferred) == ("2021-10-03", "day", True)
    assert "year 2021 from the stated date" in dated.basis


def test_dateline_without_year_takes_it_from_the_latest_date_the_text_reports():
    text = "July 30 (UPI) -- " + BODY + "\n\nThe last flood, on Aug. 2, 2016, killed four people."
    dated = infer(text)
    assert (dated.value, dated.precision, dated.inferred) == ("2017-07-30", "day", True)
    assert "Aug. 2, 2016" in dated.basis


def test_text_date_with_its_weekday_named_gives_a_week():
    text = ("Two bombs exploded outside the stadium on Thursday, killing nine people.\n\n"
            "Medics carry the wounded outside the stadium on March 4, 2021.")  # a Thursday
    dated = infer(text)
    assert (dated.value, dated.precision, dated.inferred, dated.until) == ("2021-03-04", "range", True, "2021-03-10")


def test_text_alone_without_a_weekday_gives_no_date():
    dated = infer("The agreement signed on March 4, 2021 set out a timetable. " + BODY)
    assert dated is None  # a bare lower bound is too weak to show


def test_old_date_beside_a_later_year_is_history_not_the_present():
    text = "The 9/11 attacks changed the region. In 2010 troops surged. On Tuesday, officials met."
    assert infer(text) is None


def test_years_later_gives_the_year_of_writing():
    dated = infer("Troops went in after the Sept. 11, 2001, attacks. Now, 12 years later, will they stay?")
    assert (dated.value, dated.precision, dated.inferred) == ("2013", "year", True)


def test_stated_month_narrowed_by_the_text_is_a_range():
    dated = infer("Families fled the fighting on Sunday.\n\nA shelter in the park, 15 August 2021.",
                  source_text=" date 2021-08 Families flee\nFamilies fled the fighting on Sunday.")
    assert (dated.value, dated.precision, dated.inferred, dated.until) == ("2021-08-15", "range", True, "2021-08-21")
    assert dated.basis.startswith("stamp: 'date 2021-08'; text:")


def test_future_date_is_not_a_lower_bound():
    dated = infer("Voters will go to the polls on Sunday, June 5, 2022.", url="https://x.example/2022/05/vote")
    assert (dated.value, dated.precision, dated.inferred) == ("2022-05", "month", False)


def test_modified_date_is_never_the_publication_date():
    dated = infer("Last modified on August 28, 2021. " + BODY, modified="2021-08-28")
    assert dated is None


def _scraped(text: str) -> Document:
    doc = clean(Raw(source="page.txt", data=text.encode(), format="text"))
    assert isinstance(doc, Document)
    return doc


def test_scraped_text_opening_with_its_url_is_dated_by_it():
    doc = _scraped("https://www.valley-news.example/2015/07/30/floods-force-thousands-from-homes/\n"
                   "Floods force thousands from homes\n\n" + BODY + "\n\n" + BODY.replace("valley", "town"))
    assert (doc.published, doc.published_precision, doc.published_inferred) == ("2015-07-30", "day", False)
    assert doc.published_basis == "url: '2015/07/30'"


def test_scraped_text_dateline_year_from_the_url_month_is_inferred():
    doc = _scraped("https://www.valley-news.example/2015/07/floods-force-thousands-from-homes/\n"
                   "Floods force thousands from homes\n\n"
                   "SRINAGAR, July 30 (Reuters) - " + BODY + "\n\n" + BODY.replace("valley", "town"))
    assert (doc.published, doc.published_precision, doc.published_inferred) == ("2015-07-30", "day", True)


def test_scraped_text_range_keeps_its_last_day_in_meta():
    doc = _scraped("Stadium bombing kills nine\n\n"
                   "Two bombs exploded outside the stadium on Thursday, killing nine people, police said.\n\n"
                   "Medics carried the wounded outside the stadium on March 4, 2021, witnesses said.")
    assert (doc.published, doc.published_precision, doc.published_inferred) == ("2021-03-04", "range", True)
    assert doc.meta["published_until"] == "2021-03-10"


def test_a_date_named_inside_a_sentence_is_not_a_publication_label():
    doc = _scraped("Singer arrested after crash\n\n"
                   "The singer was arrested on Sunday, February 1, 2009, after his car hit a wall, police said.\n\n"
                   "His court date is set for February 17, 2009.\n\n"
                   "Police said on Tuesday, February 3, 2009, that the case had not yet been sent to prosecutors.")
    assert (doc.published, doc.published_precision, doc.published_inferred) == ("2009-02-03", "range", True)
    assert "court date" not in (doc.published_basis or "")


def test_an_impossible_declared_day_is_no_date():
    dated = infer(declared=("2021-02-30", "meta date"), url="https://x.example/2021/02/storm")
    assert (dated.value, dated.precision, dated.basis) == ("2021-02", "month", "url: '2021/02'")


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from(list("0123456789 -/.,:()\nAugSunTuesdaydateyearslater—KABUL")), max_size=300),
       url=st.text(alphabet=st.sampled_from(list("htps:/x.e0123456789-")), max_size=60))
def test_infer_published_never_crashes(text, url):
    dated = infer(text, source_text=text, url=url, declared=None)
    assert dated is None or dated.precision in ("day", "month", "year", "range")
