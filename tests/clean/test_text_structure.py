"""Scraped text as it really comes: URL line, stamps, headline vs dek, datelines, embeds, notes.

Covers :mod:`dossier.clean.textblocks` and the title / url / outlet parts of
:mod:`dossier.clean.textmeta`, through :func:`dossier.clean.text.clean_text`. The fixture
texts are our own; the last test runs over the real news-corpus texts in ``../shared``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.clean.text import clean_text
from dossier.clean.textblocks import dateline_end
from dossier.records import Cleaned

NEWS_CORPUS = Path(__file__).resolve().parents[3] / "shared/eval/news-corpus"

BODY1 = ("Fighters loyal to the council moved into the northern districts of the city overnight, "
         "residents said, and the main road to the port was closed to traffic by the morning.")
BODY2 = ("Aid agencies said they had suspended deliveries to two camps on the edge of the city "
         "after a convoy came under fire, and that stocks of food and water would last a week.")
BODY3 = ("The army said in a statement that it had pushed back the attack and would restore order, "
         "but gave no figures for the dead or wounded in the fighting of the past three days.")


def _page(*head: str, body: tuple[str, ...] = (BODY1, BODY2, BODY3)) -> str:
    return "\n".join([*head, *body]) + "\n"


def _segment(text: str, cleaned: Cleaned, needle: str) -> tuple[str, str]:
    """(kind, reason) of the one segment whose text contains ``needle``."""
    found = [(s.kind, s.reason) for s in cleaned.segments if needle in text[s.start:s.end]]
    assert len(found) == 1, found
    return found[0]


# ---------------------------------------------------------------- URL line and outlet
@pytest.mark.parametrize(("url", "outlet"), [
    ("https://www.aljazeera.com/news/2023/4/16/fighting-spreads-in-capital", "Al Jazeera"),
    ("https://www.dawn.com/news/1750001/floods-cut-off-valley", "Dawn"),
    ("https://kyivindependent.com/drone-strike-hits-port/", "The Kyiv Independent"),
    ("http://www.northern-valley-courier.co.uk/news/story-17", "Northern Valley Courier"),
    ("https://smallpaper.com.au/2023/04/story", "smallpaper.com.au"),
])
def test_text_url_line_gives_url_and_outlet(url: str, outlet: str) -> None:
    text = _page(url, "Fighting Spreads Across the Capital for a Third Day")
    cleaned = clean_text(text)
    assert cleaned.url == url
    assert cleaned.outlet == outlet
    assert _segment(text, cleaned, url) == ("meta", "page-url")
    assert url not in cleaned.text


def test_text_url_line_table_beats_text_outlet() -> None:
    text = _page("https://www.reuters.com/world/africa/story-2023-04-16/", "Fighting Spreads in the Capital",
                 body=(BODY1, BODY2, BODY3, "© 2023 Some Syndicator Ltd. All rights reserved."))
    assert clean_text(text).outlet == "Reuters"


def test_text_without_url_line_has_no_url() -> None:
    cleaned = clean_text(_page("Fighting Spreads Across the Capital for a Third Day"))
    assert cleaned.url is None


# ---------------------------------------------------------------- date stamps
@pytest.mark.parametrize("stamp", ["date 2023-04-16", "date 2023-04", "Published: 2023-04-16 09:30"])
def test_text_stamp_is_split_from_the_headline(stamp: str) -> None:
    text = _page("https://example.org/fighting-spreads", f" {stamp} Fighting spreads across the capital")
    cleaned = clean_text(text)
    assert cleaned.title == "Fighting spreads across the capital"
    assert _segment(text, cleaned, stamp)[0] == "meta"
    assert "Fighting spreads across the capital" not in cleaned.text


def test_text_stamp_is_split_from_a_first_paragraph() -> None:
    text = _page("https://example.org/story", f" date 2023-04-16 {BODY1}", body=(BODY2, BODY3))
    cleaned = clean_text(text)
    assert cleaned.text.startswith(BODY1)
    assert cleaned.title is None


def test_text_digest_line_gives_headline_date_and_body() -> None:
    text = f"Fighting spreads across the capital | 16 Apr 2023 | {BODY1} {BODY2}\n"
    cleaned = clean_text(text)
    assert cleaned.title == "Fighting spreads across the capital"
    assert cleaned.text == f"{BODY1} {BODY2}"


# ---------------------------------------------------------------- headline, dek, caption, byline
def test_text_headline_is_not_the_dek_below_it() -> None:
    text = _page("Council fighters take the port road",
                 "Residents say the army withdrew from the northern districts before dawn without a fight")
    assert clean_text(text).title == "Council fighters take the port road"


@pytest.mark.parametrize("caption", [
    "Smoke rises over the northern districts on Sunday. Photograph: Jane Roe/AP",
    "Residents queue for water at a camp outside the city, 15 April 2023. EPA-EFE/STRINGER",
    "Fighters stand guard at a checkpoint on the port road – AFP",
])
def test_text_caption_is_not_the_title(caption: str) -> None:
    text = _page("Council fighters take the port road", caption)
    cleaned = clean_text(text)
    assert cleaned.title == "Council fighters take the port road"
    assert _segment(text, cleaned, caption)[0] == "caption"


def test_text_caption_alone_above_the_body_is_not_a_title() -> None:
    caption = "Fighters stand guard at a checkpoint on the port road – AFP"
    text = _page(caption)
    cleaned = clean_text(text)
    assert cleaned.title is None
    assert _segment(text, cleaned, caption) == ("caption", "wire-credit")


def test_text_wire_sign_off_ending_the_body_stays_body() -> None:
    last = "Talks are due to resume in the capital next week, officials said. –Reuters"
    cleaned = clean_text(_page("Council fighters take the port road", body=(BODY1, BODY2, last)))
    assert cleaned.text.endswith(last)


@pytest.mark.parametrize("site", ["ABC News Share", "Frontline Daily Menu"])
def test_text_site_name_with_buttons_is_not_the_title(site: str) -> None:
    text = _page(site, "Council fighters take the port road")
    cleaned = clean_text(text)
    assert cleaned.title == "Council fighters take the port road"
    assert cleaned.outlet == site.rsplit(" ", 1)[0]


def test_text_byline_is_not_the_title_of_a_short_text() -> None:
    text = "Floods cut off three valley towns\nBy Test Writer\nThe river rose overnight. Roads are closed.\n"
    cleaned = clean_text(text)
    assert cleaned.title == "Floods cut off three valley towns"
    assert cleaned.text == "The river rose overnight. Roads are closed."


def test_text_without_headline_has_no_title() -> None:
    cleaned = clean_text(_page("https://example.org/news/123"))
    assert cleaned.title is None
    assert cleaned.text.startswith(BODY1)


@pytest.mark.parametrize(("line", "title"), [
    ("January 1, Council fighters take the port road", "Council fighters take the port road"),
    ("world news Council fighters take the port road", "Council fighters take the port road"),
    ("16/04/2023-Council fighters take the port road", "Council fighters take the port road"),
])
def test_text_title_without_glued_date_or_section_label(line: str, title: str) -> None:
    assert clean_text(_page(line)).title == title


def test_text_url_slug_picks_the_headline() -> None:
    text = _page("https://example.org/2023/04/16/aid-convoy-comes-under-fire-near-camps",
                 "Latest Updates From The Region", "Aid convoy comes under fire near camps")
    assert clean_text(text).title == "Aid convoy comes under fire near camps"


# ---------------------------------------------------------------- datelines
@pytest.mark.parametrize("dateline", [
    "KHARTOUM, April 16 (Reuters) -", "PORT SUDAN, Sudan —", "KYIV (AP) —", "Washington —",
    "GAZA CITY, Oct. 9, 2023 —", "July 30 (UPI) --", "ADEN:", "(The Daily Record): BAMAKO —",
])
def test_text_dateline_is_meta_and_its_paragraph_body(dateline: str) -> None:
    text = _page("Council fighters take the port road", body=(f"{dateline} {BODY1}", BODY2, BODY3))
    cleaned = clean_text(text)
    assert cleaned.text.startswith(BODY1)
    assert BODY2 in cleaned.text
    assert _segment(text, cleaned, dateline) == ("meta", "dateline")


@pytest.mark.parametrize("paragraph", [
    "NATO allies met in Brussels on Tuesday to discuss the supply of air defence systems.",
    "The U.S. - China talks ended without a statement, both delegations said on Friday.",
    "KABUL —",
])
def test_dateline_end_none(paragraph: str) -> None:
    assert dateline_end(paragraph) == 0


def test_text_only_the_first_paragraph_has_a_dateline() -> None:
    later = f"WASHINGTON — {BODY3}"
    cleaned = clean_text(_page("Council fighters take the port road", body=(BODY1, BODY2, later)))
    assert later in cleaned.text


# ---------------------------------------------------------------- embeds and notes
def test_text_embedded_tweet_and_its_text_leave_the_body() -> None:
    tweet = "Our teams are on the ground in the east of the city. #aid https://t.co/AbC123"
    attribution = "— Relief Coalition (@ReliefCoalition) April 16, 2023"
    text = _page(body=(BODY1, BODY2, tweet, attribution, BODY3))
    cleaned = clean_text(text)
    assert cleaned.text == "\n\n".join((BODY1, BODY2, BODY3))
    assert _segment(text, cleaned, attribution) == ("boilerplate", "embedded-tweet")
    assert _segment(text, cleaned, tweet) == ("boilerplate", "embedded-tweet-text")


def test_text_embedded_tweet_on_one_line_leaves_the_body() -> None:
    tweet = ("Proud to open the talks in Jeddah today. Peace is possible. pic.twitter.com/XyZ987 "
             "— Foreign Minister (@FM_Office) May 6, 2023")
    cleaned = clean_text(_page(body=(BODY1, tweet, BODY2, BODY3)))
    assert "Jeddah" not in cleaned.text
    assert cleaned.text.endswith(BODY3)


@pytest.mark.parametrize("note", [
    "Updated at 10:45 GMT",
    "Updated: April 17, 2023",
    "This story has been updated to include the army's statement.",
    "Correction: An earlier version of this article misstated the number of camps.",
    "Editor's note: Some names have been withheld for the safety of those quoted.",
])
def test_text_update_note_leaves_the_body(note: str) -> None:
    text = _page(body=(BODY1, BODY2, note, BODY3))
    cleaned = clean_text(text)
    assert note not in cleaned.text
    assert _segment(text, cleaned, note)[0] == "meta"  # "update-note", or the dates' "date-line"


def test_text_reporting_credits_leave_the_body() -> None:
    credits = "Reporting by Jane Roe in Nairobi; Editing by John Doe"
    text = _page(body=(BODY1, BODY2, BODY3, credits))
    cleaned = clean_text(text)
    assert cleaned.text.endswith(BODY3)
    assert _segment(text, cleaned, credits) == ("meta", "reporting-credits")


def test_text_segments_cover_each_line_once() -> None:
    text = _page("https://www.bbc.co.uk/news/world-africa-1", " date 2023-04-16 Fighting spreads in the capital",
                 body=(f"KHARTOUM, April 16 (Reuters) - {BODY1}", BODY2, BODY3, "Updated at 10:45 GMT"))
    cleaned = clean_text(text)
    ends = 0
    for segment in cleaned.segments:
        assert ends <= segment.start < segment.end
        ends = segment.end
    for paragraph in cleaned.text.split("\n\n"):
        assert paragraph in text


# ---------------------------------------------------------------- real scraped texts
def _news_corpus() -> list[Path]:
    if not NEWS_CORPUS.is_dir():
        pytest.skip(f"news-corpus texts not found at {NEWS_CORPUS} (a fresh clone has no ../shared)")
    return sorted(NEWS_CORPUS.glob("*.txt"))


def test_text_news_corpus_url_outlet_and_stamps() -> None:
    for path in _news_corpus():
        text = path.read_text(encoding="utf-8")
        first = text.lstrip().split("\n", 1)[0].strip()
        cleaned = clean_text(text)
        if first.startswith(("http://", "https://")):
            assert cleaned.url == first, path.name
            assert cleaned.outlet, path.name
            assert first not in cleaned.text, path.name
        assert not any(line.strip().startswith("date ") for line in cleaned.text.splitlines()), path.name
        assert cleaned.title is None or len(cleaned.title.split()) <= 30, path.name
        assert "(@" not in cleaned.text, path.name
