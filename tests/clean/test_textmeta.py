"""Tests for dossier.clean.textmeta: title, authors, outlet and dates from plain text."""

from __future__ import annotations

from pathlib import Path

import pytest

from dossier.clean.text import clean_text
from dossier.clean.textmeta import extract_meta, find_date
from dossier.clean.textrules import split_lines

SEEDS = Path(__file__).resolve().parents[3] / "shared/corpus/seeds"

BODY = ("The minister said on Tuesday that the talks would resume next week, and that both "
        "sides had agreed to keep the details of the draft out of the press.")

SEED_META = [
    ("000", "Afghanistan Wants Post-2014 Troops to Battle the Taliban, not al Qaeda",
     ("Stephanie Gaskell",), "DefenseOne", None, None, None),
    ("001", "Defying Trump's Landmark Peace Deal, Taliban Continues to Back Al-Qaeda in "
            "Afghanistan, UN Report Says",
     ("Kimberly Dozier",), "Time", "2020-06-01", "dateline: Time•June 1, 2020", None),
    ("002", "Taliban, Russia Demand Foreign Troops Leave Afghanistan",
     ("Ayaz Gul",), "Voice of America", None, None, None),
    ("003", "Taliban Snub US on Counter Terrorism",
     ("Prakash Katoch",), "Indian Defence Review", None, None, "2024-09-02"),
    ("004", "Taliban Maintain Ties to Al-Qaeda Affiliate: Pentagon", (), None, None, None, None),
]


@pytest.mark.parametrize(
    ("seed", "title", "authors", "outlet", "published", "basis", "modified"), SEED_META)
def test_textmeta_seed_metadata(seed: str, title: str, authors: tuple[str, ...],
                                outlet: str | None, published: str | None, basis: str | None,
                                modified: str | None) -> None:
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (a fresh clone has no ../shared)")
    text = next(SEEDS.glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
    cleaned = clean_text(text)
    assert (cleaned.title, cleaned.authors, cleaned.outlet) == (title, authors, outlet)
    assert (cleaned.published, cleaned.published_basis) == (published, basis)
    assert cleaned.modified == modified


def _meta(*lines: str):
    """Metadata of a page made of ``lines`` followed by two body paragraphs."""
    head = list(lines)
    return extract_meta(split_lines("\n".join([*head, BODY, BODY])), body_start=len(head))


@pytest.mark.parametrize(("text", "expected"), [
    ("Time•June 1, 2020", "2020-06-01"),
    ("Last modified on September 2, 2024 1:18 pm", "2024-09-02"),
    ("Tuesday, November 19, 2019 08:38 AM", "2019-11-19"),
    ("Nov. 19, 2019 8:03 am ET", "2019-11-19"),
    ("18 November 2019", "2019-11-18"),
    ("Published 2019-11-20T10:00", "2019-11-20"),
    ("No date on this line", None),
    ("February 31, 2020 is not a day we check", "2020-02-31"),
])
def test_find_date(text: str, expected: str | None) -> None:
    assert find_date(text) == expected


@pytest.mark.parametrize(("lines", "authors"), [
    (["Some Headline About the Talks", "By Stephanie Gaskell"], ("Stephanie Gaskell",)),
    (["Some Headline About the Talks", "By Lt Gen Prakash Katoch Last modified on May 2, 2024"],
     ("Prakash Katoch",)),
    (["Some Headline About the Talks", "By Dr. Jane Roe and John Smith"],
     ("Jane Roe", "John Smith")),
    (["Some Headline About the Talks",
      "The minister says the war is over. By Stephanie Gaskell"], ("Stephanie Gaskell",)),
    (["Some Headline About the Talks", "Ayaz Gul – Voice of America"], ("Ayaz Gul",)),
    (["Some Headline About the Talks", "Kimberly Dozier", "Time•June 1, 2020"],
     ("Kimberly Dozier",)),
    (["Some Headline About the Talks", "Passers by Market Street"], ()),
])
def test_textmeta_authors(lines: list[str], authors: tuple[str, ...]) -> None:
    assert _meta(*lines).authors == authors


@pytest.mark.parametrize(("lines", "outlet"), [
    (["Some Headline About the Talks", "Ayaz Gul – Voice of America"], "Voice of America"),
    (["Some Headline About the Talks", "Kimberly Dozier", "Time•June 1, 2020"], "Time"),
    (["Some Headline About the Talks", "Photo - © Indian Defence Review"], "Indian Defence Review"),
    (["Some Headline About the Talks", "Close [ x ] More from DefenseOne"], "DefenseOne"),
    (["Small Wars Journal", "Some Headline About the Talks"], "Small Wars Journal"),
    (["Some Headline About the Talks"], None),
])
def test_textmeta_outlet(lines: list[str], outlet: str | None) -> None:
    assert _meta(*lines).outlet == outlet


@pytest.mark.parametrize(("lines", "published", "modified"), [
    (["Some Headline About the Talks", "Time•June 1, 2020"], "2020-06-01", None),
    (["Some Headline About the Talks", "Published: 18 November 2019"], "2019-11-18", None),
    (["Some Headline About the Talks", "Last modified on September 2, 2024 1:18 pm"],
     None, "2024-09-02"),
    (["Some Headline About the Talks", "Updated November 20, 2019"], None, "2019-11-20"),
    (["Some Headline About the Talks"], None, None),
])
def test_textmeta_dates(lines: list[str], published: str | None, modified: str | None) -> None:
    meta = _meta(*lines)
    assert (meta.published, meta.modified) == (published, modified)
    assert (meta.published_basis is None) == (published is None)


def test_textmeta_modified_date_is_never_published() -> None:
    meta = _meta("Headline Goes Here Today", "By Jane Roe Last modified on September 2, 2024")
    assert meta.published is None
    assert meta.published_basis is None
    assert meta.modified == "2024-09-02"


def test_textmeta_title_prefers_repeated_headline() -> None:
    meta = _meta("Small Wars Journal", "Taliban Demand Troops Leave", "Menu",
                 "Taliban Demand Troops Leave")
    assert meta.title == "Taliban Demand Troops Leave"
    assert {meta.lines[1], meta.lines[3]} == {("title", "title"), ("title", "title-repeat")}


def _page_meta(head: list[str], tail: list[str]):
    """Metadata of ``head`` lines, two body paragraphs, then ``tail`` lines (a footer)."""
    return extract_meta(split_lines("\n".join([*head, BODY, BODY, *tail])),
                        body_start=len(head))


TITLE = "Some Headline About the Talks"


@pytest.mark.parametrize(("head", "tail", "outlet", "authors"), [
    ([TITLE, "FRONTIER WIRE\xa0| News from the edges of the map"], [], "Frontier Wire", ()),
    ([TITLE, "FRONTIER WIRE | News from the edges of the map", "Farid Noorzai – Frontier Wire"],
     [], "Frontier Wire", ("Farid Noorzai",)),
    ([TITLE, "GLOBAL AFFAIRS DAILY", "Independent reporting on a connected world", "Menu"],
     ["Global Affairs Daily © 2021. Republication without permission prohibited."],
     "Global Affairs Daily", ()),
    ([TITLE, "MERIDIAN POST", "World › Asia › Afghanistan"],
     ["Crowds wait at the gate. (Photo: Rahim Samadi / Meridian Post)"], "Meridian Post", ()),
    ([TITLE, "THE KABUL LEDGER"], ["© 2021 The Kabul Ledger"], "The Kabul Ledger", ()),
    ([TITLE, "BBC NEWS"], ["Copyright BBC NEWS 2020"], "BBC News", ()),
    ([TITLE, "BREAKING NEWS"], [], None, ()),  # ALL CAPS, named nowhere else: not a masthead
    ([TITLE, "SKIP AD", "You will be redirected back to your article in seconds"], [], None, ()),
    ([TITLE, "Daily Courier | the best news in town"], [], "Daily Courier", ()),
    # an ALL-CAPS name that ends like a newspaper's is a masthead on its own
    ([TITLE, "THE BLACK SEA HERALD", "Sections: Politics | War | Business"], [], "The Black Sea Herald", ()),
    # "Name, Outlet" above the date is a byline when the outlet reads as one
    ([TITLE, "DNIPRO DAILY", "Iryna Sokil, Dnipro Daily", "9 April 2022"], [], "Dnipro Daily", ("Iryna Sokil",)),
    ([TITLE, "Ali Raza, Senior Fellow"], [], None, ()),
])

def test_textmeta_masthead(head: list[str], tail: list[str], outlet: str | None,
                           authors: tuple[str, ...]) -> None:
    meta = _page_meta(head, tail)
    assert (meta.outlet, meta.authors) == (outlet, authors)

@pytest.mark.parametrize("chrome", ["Share on Facebook   Share on X   Copy link", "Home | Middle East | Analysis | Video",
                                    "Sections: Politics | War | Business | Sport", "Share   Tweet   Email"])
def test_textmeta_button_and_menu_rows_are_not_the_title(chrome: str) -> None:
    title = "Missile strike on railway station kills dozens waiting to flee"
    meta = _page_meta([title, "EASTERN COURIER | Independent news from Donbas", chrome, "By Olena Marchuk"], [])
    assert meta.title == title


def test_textmeta_masthead_and_tagline_lines_are_meta() -> None:
    meta = _page_meta([TITLE, "GLOBAL AFFAIRS DAILY", "Independent reporting on a connected world"],
                      ["Global Affairs Daily © 2021."])
    assert (meta.lines[1], meta.lines[2]) == (("meta", "masthead"), ("meta", "tagline"))


@pytest.mark.parametrize(("tail", "outlet"), [
    (["Meridian Post © 2021 · Terms · Privacy · Cookie settings · Contact us"], "Meridian Post"),
    (["© 2020 Frontier Wire Media Ltd. All rights reserved."], "Frontier Wire"),
    (["Copyright © 2019, Los Angeles Times | Terms of Service | Privacy Policy"],
     "Los Angeles Times"),
    (["☰ Menu    World    Americas    South Asia    Analysis", "More from South Asia"], None),
    (["World    Americas    South Asia    Analysis", "More from DefenseOne"], "DefenseOne"),
])
def test_textmeta_outlet_from_footer(tail: list[str], outlet: str | None) -> None:
    assert _page_meta([TITLE], tail).outlet == outlet


@pytest.mark.parametrize(("line", "published", "modified"), [
    ("Published: 15\xa0April 2021, 06:45\xa0GMT   |   Updated: 15 April 2021, 11:20 GMT",
     "2021-04-15", "2021-04-15"),
    ("Updated 2 May 2021 | Published 1 May 2021", "2021-05-01", "2021-05-02"),
])
def test_textmeta_published_and_updated_on_one_line(line: str, published: str,
                                                    modified: str) -> None:
    meta = _meta(TITLE, line)
    assert (meta.published, meta.modified) == (published, modified)


@pytest.mark.parametrize(("line", "standfirst"), [
    ("The minister says the war is over and the troops will stay. By Jane Roe",
     "The minister says the war is over and the troops will stay."),
    ("By Jane Roe", None),
    ("Pictures. By Jane Roe", None),  # too short to be a standfirst
])
def test_textmeta_standfirst_cut(line: str, standfirst: str | None) -> None:
    meta = _meta(TITLE, line)
    assert meta.authors == ("Jane Roe",)
    expected = None if standfirst is None else (len(standfirst), line.index("By Jane"))
    assert meta.cuts.get(1) == expected
