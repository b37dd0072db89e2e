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
    ("000", "U.S. troops went to Afghanistan to battle al Qaeda",
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


@pytest.mark.parametrize("seed", ["000", "001", "002", "003", "004"])
def test_clean_text_seed_segments_cover_every_line(seed: str) -> None:
    text, cleaned = _seed(seed)
    covered = {text[s.start:s.end] for s in cleaned.segments}
    for line in text.splitlines():
        if line.strip():
            assert line.strip() in covered


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
    assert cleaned.method == "text.v1"
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
