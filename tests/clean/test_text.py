"""Tests for dossier.clean.text: the scraped-plain-text cleaner."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dossier.clean.text import clean_text
from dossier.records import Cleaned

SEEDS = Path(__file__).resolve().parents[3] / "shared/corpus/seeds"

PARAGRAPH = ("The minister said on Tuesday that the talks would resume next week, and that "
             "both sides had agreed to keep the details of the draft out of the press.")


def _seed(prefix: str) -> tuple[str, Cleaned]:
    """Read one seed article and clean it; skip when ../shared is not there."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS} (a fresh clone has no ../shared)")
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, clean_text(text)


def _kinds(text: str, cleaned: Cleaned, needle: str) -> set[str]:
    """Kinds of the segments whose text contains ``needle``."""
    return {s.kind for s in cleaned.segments if needle in text[s.start:s.end]}


# ---------------------------------------------------------------- seeds
SEED_GONE = [
    ("000", ["AA Font size + Print", "Allauddin Khan/AP", "Close [ x ] More from DefenseOne",
             "Thank you for subscribing", "Modernizing IT for Mission Success",
             "When you download a report", "By Stephanie Gaskell",
             "Afghan National Army soldiers marching"]),
    ("001", ["Jump to content", "Sign in to follow this", "Rate this topic", "Recommended Posts",
             "Share this post", "Link to post", "Full Article", "Isn't that what they do?",
             "Create an account", "Kimberly Dozier", "Time•June 1, 2020"]),
    ("002", ["Small Wars Journal", "Ayaz Gul", "How to see the Russian/Taliban triumph",
             "Bottom Line Thought", "30 years later?"]),
    ("003", ["Indiandefencereview Logo", "Last modified on", "See also", "© Indian Defence Review",
             "Tehrik E Taliban Pakistan", "No comment on", "Col Anil Bhat", "Leave a comment",
             "Required fields", "Reply"]),
    ("004", ["Photo: AFP", "Related Articles", "Back to top button", "Osama Bin Laden\n"]),
]

SEED_KEPT = [
    ("000", "The Afghan Foreign Minister says the core of al Qaeda has been defeated",
     "Rassoui said Afghan-U.S. relations are\xa0“solid.”"),
    ("001", "The U.S. went to war in Afghanistan with one goal in mind",
     "while under Taliban attack.”"),
    ("002", "The Taliban and Russia have jointly called for the withdrawal",
     "inflicting heavy casualties on American-backed and trained embattled Afghan security forces."),
    ("003", "The first in-person talks between the US and the Taliban",
     "Afghanistan would become a breeding ground for terrorists!"),
    ("004", "Al-Qaeda’s regional affiliate in Afghanistan maintains close ties",
     "are not going to be generated from Afghanistan” before the US would pull out."),
]


@pytest.mark.parametrize(("seed", "lines"), SEED_GONE)
def test_clean_text_seed_drops_boilerplate(seed: str, lines: list[str]) -> None:
    _, cleaned = _seed(seed)
    for line in lines:
        assert line not in cleaned.text, line


@pytest.mark.parametrize(("seed", "first", "last"), SEED_KEPT)
def test_clean_text_seed_keeps_first_and_last_body_sentence(seed: str, first: str,
                                                              last: str) -> None:
    _, cleaned = _seed(seed)
    assert cleaned.text.startswith(first)
    assert cleaned.text.endswith(last)


def test_clean_text_seed_002_essay_is_set_apart() -> None:
    text, cleaned = _seed("002")
    assert _kinds(text, cleaned, "Q:\xa0 How to see the Russian/Taliban triumph") == {"essay"}
    assert _kinds(text, cleaned, "Bottom Line Thought") == {"essay"}
    assert "turnabout being fair play" not in cleaned.text


@pytest.mark.parametrize(("seed", "comment"), [
    ("001", "Isn't that what they do? Come out of the woodwork"),
    ("003", "How can the US expect any “cooperation” on counter-terrorism"),
])
def test_clean_text_seed_comments_are_segments(seed: str, comment: str) -> None:
    text, cleaned = _seed(seed)
    assert _kinds(text, cleaned, comment) == {"comments"}
    assert comment not in cleaned.text


@pytest.mark.parametrize(("seed", "needle", "kind"), [
    ("000", "Allauddin Khan/AP", "caption"),
    ("004", "Photo: AFP", "caption"),
    ("001", "Time•June 1, 2020", "meta"),
    ("003", "By Lt Gen Prakash Katoch", "meta"),
])
def test_clean_text_seed_segment_kinds(seed: str, needle: str, kind: str) -> None:
    text, cleaned = _seed(seed)
    assert _kinds(text, cleaned, needle) == {kind}


def _uncovered(text: str, cleaned: Cleaned) -> str:
    """The non-space characters of ``text`` that no segment covers."""
    covered = [False] * len(text)
    for segment in cleaned.segments:
        covered[segment.start:segment.end] = [True] * (segment.end - segment.start)
    return "".join(c for c, hit in zip(text, covered, strict=True) if not hit and not c.isspace())


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_clean_text_seed_segments_cover_every_line(seed: str) -> None:
    text, cleaned = _seed(seed)
    assert _uncovered(text, cleaned) == ""


# ---------------------------------------------------------------- rules
@pytest.mark.parametrize(("line", "reason"), [
    ("Share this post", "after-comments-marker"),
    ("Sign in to follow this", "chrome-pattern:sign-in"),
    ("AA Font size + Print", "chrome-pattern:share"),
    ("Subscribe to our newsletter", "chrome-pattern:subscribe"),
    ("We use cookies to improve your experience", "chrome-pattern:cookie"),
    ("© 2019 Hearst Communications, Inc.", "chrome-pattern:copyright"),
    ("Related Articles", "chrome-pattern:related"),
    ("Advertisement", "chrome-pattern:advertisement"),
    ("Back to top button", "chrome-pattern:navigation"),
    ("Menu", "chrome-pattern:navigation"),
    ("Allauddin Khan/AP", "photo-credit"),
    ("Photo: AFP", "photo-credit"),
    ("Kathrin Ziegler/Getty Images", "photo-credit"),
])
def test_clean_text_rule_reasons(line: str, reason: str) -> None:
    text = f"{PARAGRAPH}\n{PARAGRAPH} Again.\n{line}\n{PARAGRAPH} Once more."
    cleaned = clean_text(text)
    segment = next(s for s in cleaned.segments if text[s.start:s.end] == line)
    assert segment.reason == reason
    assert segment.kind != "body"


@pytest.mark.parametrize(("marker", "comment"), [
    ("Leave a comment", "Great article, thanks for writing it."),
    ("12 Comments", "I disagree with every word of this piece, frankly."),
    ("joetoronto says:", "It is time for fans to come to grips with reality."),
])
def test_clean_text_everything_after_comments_marker_is_comments(marker: str,
                                                                  comment: str) -> None:
    text = f"{PARAGRAPH}\n{PARAGRAPH} More.\n{marker}\n{comment}\n{PARAGRAPH} Reply text."
    cleaned = clean_text(text)
    assert comment not in cleaned.text
    assert {s.kind for s in cleaned.segments if s.start >= text.index(comment)} == {"comments"}


def test_clean_text_keeps_subhead_between_body_paragraphs() -> None:
    text = f"Home\nNews\n{PARAGRAPH}\nThe Next Steps\n{PARAGRAPH} Second."
    assert "The Next Steps" in clean_text(text).text


def test_clean_text_drops_navigation_block() -> None:
    nav = "\n".join(["Home", "World", "Politics", "Business", "Sports", "Opinion", "Video"])
    cleaned = clean_text(f"{nav}\n{PARAGRAPH}\n{PARAGRAPH} Two.\n{nav}")
    assert cleaned.text == f"{PARAGRAPH}\n\n{PARAGRAPH} Two."


def test_clean_text_title_repeat_is_not_body() -> None:
    title = "Taliban Snub US on Counter Terrorism"
    cleaned = clean_text(f"{title}\nMenu\n{title}\n{PARAGRAPH}\n{PARAGRAPH} Two.")
    assert cleaned.title == title
    assert title not in cleaned.text


def test_clean_text_keeps_paragraph_text_verbatim() -> None:
    paragraph = "  Odd\xa0 spacing,  “quotes” — and dashes stay as they are in the input.  "
    cleaned = clean_text(f"{paragraph}\n{PARAGRAPH}")
    assert paragraph.strip() in cleaned.text


def test_clean_text_records_method_and_source() -> None:
    cleaned = clean_text(PARAGRAPH)
    assert cleaned.method == "text.v2"
    assert cleaned.source_text == PARAGRAPH


@pytest.mark.parametrize("text", ["", "   \n\n  ", "Menu", "\u2028\x85\r\n"])
def test_clean_text_empty_or_chrome_only_gives_empty_body(text: str) -> None:
    assert clean_text(text).text == ""


# ---------------------------------------------------------------- properties
_LINES = st.lists(st.one_of(
    st.sampled_from(["Menu", "Share this post", "Leave a comment", "By Jane Doe",
                     "Photo: AFP", "June 1, 2020", PARAGRAPH, "", "  ", "Q:  Why?"]),
    st.text(max_size=120)), max_size=30)


@settings(max_examples=200, deadline=None)
@given(lines=_LINES, sep=st.sampled_from(["\n", "\n\n", "\r\n", "\n\n\n"]))
def test_clean_text_segments_are_sound(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    cleaned = clean_text(text)
    previous_end = 0
    for segment in cleaned.segments:
        assert previous_end <= segment.start < segment.end <= len(text)
        previous_end = segment.end
    for segment in cleaned.segments:
        if segment.kind == "body":
            assert text[segment.start:segment.end] in text
            assert text[segment.start:segment.end] in cleaned.text
    for paragraph in filter(None, cleaned.text.split("\n\n")):
        assert paragraph in text


# ---------------------------------------------------------------- captions
CAPTION = "Zalmay Khalilzad, left, and Mullah Abdul Ghani Baradar exchange copies of the agreement."
TWO_SENTENCE_PROSE = ("The talks were held in a hotel ballroom in the capital. The envoy said the "
                      "deal was a beginning. Officials said more meetings would follow next month.")


def _page(*blocks: str) -> str:
    """Two body paragraphs, ``blocks`` and two more body paragraphs, a blank line apart."""
    return "\n\n".join([PARAGRAPH, f"{PARAGRAPH} Two.", *blocks, f"{PARAGRAPH} Three.",
                        f"{PARAGRAPH} Four."])


@pytest.mark.parametrize(("caption", "credit"), [
    (CAPTION, "Photo: Yusuf Haidari\xa0/ Frontier Wire"),
    ("President Joe Biden speaks about Afghanistan in the Treaty Room of the White House on "
     "Wednesday.", "Image: pool photographer via Global Affairs Daily"),
    ("Protesters gather outside the parliament building in the capital on Monday.",
     "Credit: Jane Roe"),
    ("A soldier walks past a damaged armoured vehicle near the airport on Sunday.",
     "REUTERS/Kevin Lamarque"),
    ("Mourners carry the coffin of a police officer through the streets of Herat.",
     "(Getty Images)"),
    ("Afghan National Army soldiers marching in a district in Kandahar", "\nAllauddin Khan/AP"),
])
def test_clean_text_line_above_credit_is_caption(caption: str, credit: str) -> None:
    text = _page(f"{caption}\n{credit}")
    cleaned = clean_text(text)
    assert _kinds(text, cleaned, caption) == {"caption"}
    assert _kinds(text, cleaned, credit.strip()) == {"caption"}
    assert caption not in cleaned.text
    assert cleaned.text.startswith(PARAGRAPH) and cleaned.text.endswith(f"{PARAGRAPH} Four.")


@pytest.mark.parametrize("caption", [
    "The envoy, right, greets the foreign minister at the airport on Sunday.",
    "The new commander (pictured) arrives in Kabul for the handover ceremony.",
])
def test_clean_text_worded_caption_below_credit_is_caption(caption: str) -> None:
    text = _page(f"Share this article\nPhoto: Jane Roe/AP\n{caption}")
    cleaned = clean_text(text)
    assert _kinds(text, cleaned, caption) == {"caption"}


@pytest.mark.parametrize("block", [
    f"{TWO_SENTENCE_PROSE}\nPhoto: AFP",  # three sentences: a paragraph, not a caption
    "Share this article\nPhoto: Jane Roe/AP\nThe envoy greets the foreign minister at the airport.",
])
def test_clean_text_body_next_to_credit_stays_body(block: str) -> None:
    text = _page(block)
    cleaned = clean_text(text)
    paragraph = block.splitlines()[-1] if "Share" in block else TWO_SENTENCE_PROSE
    assert _kinds(text, cleaned, paragraph) == {"body"}


def test_clean_text_line_ending_in_credit_is_caption() -> None:
    caption = ("Crowds of Afghans waiting outside the gate earlier in the week, before the "
               "attack. (Photo: Rahim Samadi\xa0/ Meridian Post)")
    text = _page(caption)
    assert _kinds(text, clean_text(text), caption) == {"caption"}


# ---------------------------------------------------------------- promo blocks
PROMO = ("THE WEEKLY BRIEF\nWeekly analysis from our correspondents in Kabul and Delhi.\n"
         "Enter your email  →  Subscribe   ·   No spam. Unsubscribe any time.")


@pytest.mark.parametrize("block", [
    f"───────────────────\n{PROMO}\n───────────────────",
    f"=====\n{PROMO}\n=====",
    f"* * *\n{PROMO}",  # no closing separator: the block ends at the blank line
    "────────\n📩 Get the Briefing\nOur editors’ pick of the day’s news, free every morning.\n"
    "[ Your email address ]  [ Sign me up ]\nBy subscribing you agree to our Terms.\n────────",
])
def test_clean_text_promo_block_after_separator_is_boilerplate(block: str) -> None:
    text = _page(block)
    cleaned = clean_text(text)
    for line in block.splitlines():
        assert _kinds(text, cleaned, line) == {"boilerplate"}, line
    assert cleaned.text.endswith(f"{PARAGRAPH} Four.")


def test_clean_text_separator_without_promo_keeps_following_body() -> None:
    text = _page("───────────────────", TWO_SENTENCE_PROSE)
    cleaned = clean_text(text)
    assert _kinds(text, cleaned, "───") == {"boilerplate"}
    assert TWO_SENTENCE_PROSE in cleaned.text


# ---------------------------------------------------------------- standfirst + byline
@pytest.mark.parametrize(("standfirst", "byline", "authors"), [
    ("The Afghan Foreign Minister says the core of al Qaeda has been defeated, but the country "
     "still needs U.S. troops to help battle the Taliban.", "By Stephanie Gaskell",
     ("Stephanie Gaskell",)),
    ("The envoy says the deal is only a beginning, and that the hardest talks lie ahead.",
     "By Jane Roe and John Smith", ("Jane Roe", "John Smith")),
])
def test_clean_text_standfirst_ending_in_byline_is_split(standfirst: str, byline: str,
                                                         authors: tuple[str, ...]) -> None:
    text = f"Menu\n\n{standfirst} {byline}\n\n{PARAGRAPH}\n\n{PARAGRAPH} Two."
    cleaned = clean_text(text)
    kinds = {text[s.start:s.end]: (s.kind, s.reason) for s in cleaned.segments}
    assert kinds[standfirst] == ("body", "standfirst-before-byline")
    assert kinds[byline] == ("meta", "byline")
    assert cleaned.text.startswith(f"{standfirst}\n\n{PARAGRAPH}")
    assert byline not in cleaned.text
    assert cleaned.authors == authors
    assert _uncovered(text, cleaned) == ""


def test_clean_text_byline_alone_is_not_split() -> None:
    text = f"By Jane Roe\n\n{PARAGRAPH}\n\n{PARAGRAPH} Two."
    cleaned = clean_text(text)
    assert [s.reason for s in cleaned.segments if s.start == 0] == ["byline"]
    assert cleaned.text.startswith(PARAGRAPH)


# ---------------------------------------------------------------- essays among comments
ESSAY_PARAGRAPH = ("The bargain was never a peace treaty but a schedule, and the side that "
                   "wrote down the dates will keep them whether or not the other side keeps "
                   "its promises, because the dates are the only part anyone at home can see, "
                   "count and report on before the next election comes round.")


@pytest.mark.parametrize(("paragraphs", "kind"), [(8, "essay"), (3, "comments")])
def test_clean_text_long_post_among_comments_is_essay(paragraphs: int, kind: str) -> None:
    post = "\n\n".join(f"{ESSAY_PARAGRAPH} ({n})" for n in range(paragraphs))
    text = (f"{PARAGRAPH}\n\n{PARAGRAPH} Two.\n\n3 Comments\n\nreader_one\nGood piece, thanks.\n\n"
            f"OldHand\nPosted June 3, 2020\n\n{post}\n\nShare this post")
    cleaned = clean_text(text)
    assert _kinds(text, cleaned, ESSAY_PARAGRAPH) == {kind}
    assert _kinds(text, cleaned, "Good piece, thanks.") == {"comments"}
    assert ESSAY_PARAGRAPH not in cleaned.text


# ---------------------------------------------------------------- sample corpus
SAMPLES = Path(__file__).resolve().parents[2] / "samples/articles"

# Per samples/README.md: title, authors, outlet, published, modified (D1-D4).
SAMPLE_META = [
    ("frontier_wire_doha_deal.txt",
     "US and Taliban Sign Doha Deal Setting a Clock on Troop Withdrawal",
     ("Farid Noorzai",), "Frontier Wire", "2020-03-02", None),
    ("kabul_ledger_un_report_forum.txt",
     "UN Monitors Say Taliban Still Close to al Qaida Months After Doha Deal; Taliban Call "
     "Report Baseless", ("Laila Hashimi",), "The Kabul Ledger", "2020-06-02", None),
    ("meridian_post_abbey_gate.txt",
     "Suicide Bombing at Kabul Airport Gate Kills 13 US Troops and Scores of Afghans",
     ("Thomas Brennan",), "Meridian Post", None, "2021-08-28"),
    ("global_affairs_daily_biden_withdrawal.txt",
     "Biden Sets September 11 Deadline to End America’s Longest War",
     ("Rebecca Lindqvist",), "Global Affairs Daily", "2021-04-15", "2021-04-15"),
]

# The body starts after the dateline ("DOHA, Qatar —"), which is a meta segment of its own.
SAMPLE_BODY = [
    ("frontier_wire_doha_deal.txt", "The United States and the Taliban signed",
     "“Washington will have to decide whether it is leaving on a schedule or on conditions.”"),
    ("kabul_ledger_un_report_forum.txt", "Three months after the Taliban promised",
     "US officials say they still hope intra-Afghan negotiations can begin this summer."),
    ("meridian_post_abbey_gate.txt", "A suicide bomber blew himself up on Thursday",
     "shifting to protecting the remaining force as the withdrawal enters its final phase."),
    ("global_affairs_daily_biden_withdrawal.txt",
     "President Joe Biden said on Wednesday that all American troops",
     "At the peak of the war, in 2010 and 2011, the US had about 100,000 troops in "
     "Afghanistan."),
]

SAMPLE_KINDS = [
    ("frontier_wire_doha_deal.txt", "FRONTIER WIRE", "meta"),
    ("frontier_wire_doha_deal.txt", "Farid Noorzai – Frontier Wire", "meta"),
    ("frontier_wire_doha_deal.txt", "Zalmay Khalilzad, left, and Mullah", "caption"),
    ("frontier_wire_doha_deal.txt", "DOHA, Qatar —", "meta"),  # the dateline: metadata, its paragraph body
    ("frontier_wire_doha_deal.txt", "Photo: Yusuf Haidari", "caption"),
    ("frontier_wire_doha_deal.txt", "See also", "boilerplate"),
    ("frontier_wire_doha_deal.txt", "Get the Frontier Briefing", "boilerplate"),
    ("frontier_wire_doha_deal.txt", "Served two tours in Zhari", "comments"),
    ("kabul_ledger_un_report_forum.txt", "Laila Hashimi", "meta"),
    ("kabul_ledger_un_report_forum.txt", "Full Article", "boilerplate"),
    ("kabul_ledger_un_report_forum.txt", "So the deal says one thing", "comments"),
    ("kabul_ledger_un_report_forum.txt", "Note the timing", "comments"),
    ("kabul_ledger_un_report_forum.txt", "I have been reading these monitoring reports", "essay"),
    ("kabul_ledger_un_report_forum.txt", "My prediction, for what it is worth", "essay"),
    ("kabul_ledger_un_report_forum.txt", "No registered users viewing this page.", "comments"),
    ("meridian_post_abbey_gate.txt", "MERIDIAN POST", "meta"),
    ("meridian_post_abbey_gate.txt", "Crowds of Afghans waiting outside", "caption"),
    ("meridian_post_abbey_gate.txt", "Meridian Morning", "boilerplate"),
    ("meridian_post_abbey_gate.txt", "Praying for the families", "comments"),
    ("global_affairs_daily_biden_withdrawal.txt", "GLOBAL AFFAIRS DAILY", "meta"),
    ("global_affairs_daily_biden_withdrawal.txt", "Independent reporting on a connected", "meta"),
    ("global_affairs_daily_biden_withdrawal.txt", "President Joe Biden speaks about", "caption"),
    ("global_affairs_daily_biden_withdrawal.txt", "Image: pool photographer", "caption"),
    ("global_affairs_daily_biden_withdrawal.txt", "THE SOUTH ASIA BRIEF", "boilerplate"),
    ("global_affairs_daily_biden_withdrawal.txt", "Weekly analysis from our", "boilerplate"),
    ("global_affairs_daily_biden_withdrawal.txt", "Ask the soldiers in Helmand", "comments"),
]


def _sample(name: str) -> tuple[str, Cleaned]:
    """Read one scraped-text sample article and clean it."""
    text = (SAMPLES / name).read_text(encoding="utf-8")
    return text, clean_text(text)


def test_clean_text_sample_table_lists_every_scraped_text_sample() -> None:
    assert sorted(p.name for p in SAMPLES.glob("*.txt")) == sorted(row[0] for row in SAMPLE_META)


@pytest.mark.parametrize(("name", "title", "authors", "outlet", "published", "modified"),
                         SAMPLE_META)
def test_clean_text_sample_metadata(name: str, title: str, authors: tuple[str, ...],
                                    outlet: str, published: str | None,
                                    modified: str | None) -> None:
    _, cleaned = _sample(name)
    assert (cleaned.title, cleaned.authors, cleaned.outlet) == (title, authors, outlet)
    assert (cleaned.published, cleaned.modified) == (published, modified)


@pytest.mark.parametrize(("name", "first", "last"), SAMPLE_BODY)
def test_clean_text_sample_first_and_last_body_sentence(name: str, first: str,
                                                        last: str) -> None:
    text, cleaned = _sample(name)
    assert cleaned.text.startswith(first)
    assert cleaned.text.endswith(last)
    assert all(paragraph in text for paragraph in cleaned.text.split("\n\n"))
    assert _uncovered(text, cleaned) == ""


@pytest.mark.parametrize(("name", "needle", "kind"), SAMPLE_KINDS)
def test_clean_text_sample_segment_kinds(name: str, needle: str, kind: str) -> None:
    text, cleaned = _sample(name)
    assert _kinds(text, cleaned, needle) == {kind}
