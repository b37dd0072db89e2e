"""Tests for dossier.clean.html and dossier.clean.htmlmeta (hand-written pages)."""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from readability import Document as Readability

from dossier.clean.html import _Readability, clean_html, html_to_text, merge_bodies
from dossier.clean.names import clean_authors, strip_site_suffix
from dossier.errors import InputError
from dossier.records import Cleaned

SHARED = Path(__file__).resolve().parents[3] / "shared"

BODY = [
    "The city council voted on Tuesday to expand the northern tram line by six stations, "
    "ending a two-year dispute over the route through the old harbour district.",
    "Supporters said the extension would cut commuting times for some 40,000 residents, "
    "while opponents warned that construction would disrupt local shops for years.",
    "The mayor said work would begin next spring and that the first trams could run on "
    "the new section before the end of 2027, subject to national funding.",
]


def page(*, head: str = "", byline: str = "", comments: bool = True) -> str:
    """A small news page: navigation, an article, related links, comments, a footer."""
    paragraphs = "".join(f"<p>{p}</p>" for p in BODY)
    comment_block = ("<section id='comments' class='comments'><h3>12 comments</h3>"
                     "<div class='comment'><p>First! This is the worst decision the council "
                     "has made in a decade, honestly unbelievable stuff.</p></div></section>"
                     if comments else "")
    return f"""<!DOCTYPE html><html lang="en-GB"><head>{head}</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav>
<main><article><h1>Council approves tram extension</h1>{byline}{paragraphs}</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Bus fares rise again</a></li>
<li><a href="/b">Harbour bridge to close for repairs</a></li></ul></aside>
{comment_block}</main>
<footer><p>Copyright 2024 Harbour Gazette. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms</a></p></footer>
</body></html>"""


META_HEAD = """<title>Council approves tram extension | Harbour Gazette</title>
<meta property="og:title" content="Council approves tram extension">
<meta property="og:site_name" content="Harbour Gazette">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2024-03-05T09:30:00+01:00">"""

JSON_LD_HEAD = """<title>Council approves tram extension - Harbour Gazette</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "NewsArticle", "headline": "Council approves tram extension",
  "datePublished": "2024-03-04T18:00:00Z", "dateModified": "2024-03-06T08:00:00Z",
  "author": [{"@id": "#p1"}, {"@type": "Person", "name": "John Roe"}],
  "publisher": {"@type": "Organization", "name": "Harbour Gazette"}},
 {"@type": "Person", "@id": "#p1", "name": "Ann Lee"}]}</script>"""

MODIFIED_ONLY_HEAD = """<title>Council approves tram extension</title>
<meta property="article:modified_time" content="2024-03-06T08:00:00Z">"""


def test_clean_html_returns_cleaned_record() -> None:
    assert isinstance(clean_html(page()), Cleaned)


@pytest.mark.parametrize("paragraph", BODY)
def test_clean_html_keeps_body_paragraphs(paragraph: str) -> None:
    assert paragraph in clean_html(page()).text


@pytest.mark.parametrize("boilerplate", ["Weather", "Bus fares rise again", "Copyright 2024",
                                         "Privacy policy", "worst decision the council",
                                         "12 comments"])
def test_clean_html_drops_navigation_related_footer_and_comments(boilerplate: str) -> None:
    assert boilerplate not in clean_html(page()).text


def test_clean_html_joins_paragraphs_with_blank_lines() -> None:
    assert clean_html(page()).text.split("\n\n") == BODY


def test_clean_html_drops_headline_from_body() -> None:
    assert "Council approves tram extension" not in clean_html(page(head=META_HEAD)).text


def test_clean_html_records_method() -> None:
    assert clean_html(page()).method.startswith("html:")


def test_clean_html_reads_meta_tags() -> None:
    cleaned = clean_html(page(head=META_HEAD))
    assert (cleaned.title, cleaned.authors, cleaned.outlet) == (
        "Council approves tram extension", ("Jane Doe",), "Harbour Gazette")
    assert (cleaned.published, cleaned.published_basis) == (
        "2024-03-05", "meta article:published_time")
    assert cleaned.language == "en"


def test_clean_html_reads_json_ld() -> None:
    cleaned = clean_html(page(head=JSON_LD_HEAD))
    assert cleaned.title == "Council approves tram extension"
    assert cleaned.authors == ("Ann Lee", "John Roe")
    assert cleaned.outlet == "Harbour Gazette"
    assert (cleaned.published, cleaned.published_basis) == ("2024-03-04", "json-ld datePublished")
    assert cleaned.modified is None


def test_clean_html_url_date_settles_time_zone() -> None:
    cleaned = clean_html(page(head=JSON_LD_HEAD), url="https://example.org/2024/03/05/tram/")
    assert (cleaned.published, cleaned.published_basis) == ("2024-03-05", "url date")


def test_clean_html_modified_only_date_is_not_published() -> None:
    cleaned = clean_html(page(head=MODIFIED_ONLY_HEAD))
    assert (cleaned.published, cleaned.modified) == (None, "2024-03-06")


def test_clean_html_reads_byline_markup() -> None:
    byline = '<p class="byline">By <a rel="author" href="/x">Mary Smith</a></p>'
    assert clean_html(page(byline=byline)).authors == ("Mary Smith",)


def test_clean_html_reads_cdata_wrapped_json_ld() -> None:
    head = JSON_LD_HEAD.replace('ld+json">', 'ld+json">//<![CDATA[\n').replace("]}</script>", "]}\n//]]></script>")
    assert clean_html(page(head=head)).authors == ("Ann Lee", "John Roe")


@pytest.mark.parametrize(("head", "expected"), [
    ('<meta property="og:title twitter:title" content="Tram line to grow">', "Tram line to grow"),
    ('<title>Home</title><meta property="dc:title" content="Tram extension news">', "Tram extension news"),
])
def test_clean_html_reads_rdfa_style_title_tags(head: str, expected: str) -> None:
    html = f"<html><head>{head}</head><body><article><p>{BODY[0]}</p></article></body></html>"
    assert clean_html(html).title == expected


def test_clean_html_sole_h1_beats_unrelated_declared_title() -> None:
    assert clean_html(page(head="<title>Home</title>")).title == "Council approves tram extension"


def test_clean_html_meta_published_beats_json_ld_date_created() -> None:
    head = ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "x",'
            ' "dateCreated": "2024-03-06T01:00:00Z"}</script>'
            '<meta property="article:published_time" content="2024-03-05T17:00:00-08:00">')
    assert clean_html(page(head=head)).published == "2024-03-05"


@pytest.mark.parametrize(("byline", "published", "modified"), [
    ("<p>Published: 5 March 2024</p>", "2024-03-05", None),
    ("<p class='date'>Written: 2024-03-05 15:03</p>", "2024-03-05", None),
    ("<p>Last updated: 13 July 2020</p>", None, None),  # never reported as published
])
def test_clean_html_visible_date_labels(byline: str, published: str | None, modified: str | None) -> None:
    cleaned = clean_html(page(byline=byline))
    assert (cleaned.published, cleaned.modified) == (published, modified)


@pytest.mark.parametrize(("head", "byline", "expected"), [
    ("", "<div><span>| By </span><span>Cara Stiles</span></div>", ("Cara Stiles",)),  # no markup
    ("", "<p><em>---- by Kenneth Surin</em></p>", ("Kenneth Surin",)),
    ('<meta name="citation_author" content="Marwan H. Adwan"><meta name="author" content="A. Ref, B. Ref">',
     "", ("Marwan H. Adwan",)),
    ('<meta property="og:site_name" content="Harbour Gazette">',
     '<a rel="author" href="/author/hg">Harbour Gazette</a>', ("Harbour Gazette",)),  # no person named
    ('<meta property="og:site_name" content="Harbour Gazette"><meta name="author" content="Harbour Gazette">',
     "", ()),  # a site-wide default
    ('<meta property="og:site_name" content="Google Security Blog">',
     '<a rel="author" href="/g">Google</a><span class="byline-author">Posted by Ann Lee and '
     "Bo Chen - Safe Browsing team</span>", ("Ann Lee", "Bo Chen")),
])
def test_clean_html_author_sources(head: str, byline: str, expected: tuple[str, ...]) -> None:
    assert clean_html(page(head=head, byline=byline)).authors == expected


def test_clean_html_outlet_named_like_host_is_not_an_author() -> None:
    byline = '<p class="byline">CBS News</p>'
    assert clean_html(page(byline=byline), url="https://www.cbsnews.com/news/x/").authors == ()


@pytest.mark.parametrize(("raw", "expected"), [
    (["By Jane Doe and John Roe"], ("Jane Doe", "John Roe")),
    (["Posted on September 21, 2020  by Adi Tzlil"], ("Adi Tzlil",)),
    (["By Glen Owen And Brendan Carlin For The Mail On Sunday"], ("Glen Owen", "Brendan Carlin")),
    (["Jane Doe, Staff Writer"], ("Jane Doe",)),
    (["Staff Writer"], ("Staff Writer",)),
    (["Our Foreign Staff"], ()),
    (["The Economist"], ()),
    (["Posted by Konstantin @ 12:00 am"], ("Konstantin",)),
    (["By ALLY MUTNICK 12/30/2019 05:03 AM EST"], ("Ally Mutnick",)),
    (["Posted by T. V. Raman"], ("T. V. Raman",)),
    (["Perry Bacon Jr."], ("Perry Bacon Jr.",)),
    (["View all posts by Daniel Lemire"], ("Daniel Lemire",)),
    (["Rob Picheta, CNN"], ("Rob Picheta",)),  # an acronym beside a person is an organisation
    (["https://www.facebook.com/someone", "@handle"], ()),
    (["Byron Smith"], ("Byron Smith",)),
])
def test_clean_authors_normalises_bylines(raw: list[str], expected: tuple[str, ...]) -> None:
    assert clean_authors(raw) == expected


def test_clean_authors_drops_outlet_name() -> None:
    assert clean_authors(["Rob Picheta, CNN"], outlet="CNN") == ("Rob Picheta",)


@pytest.mark.parametrize(("raw", "outlet", "host", "expected"), [
    ("Adam Aaronson PhillyVoice Staff", "PhillyVoice", None, ("Adam Aaronson",)),
    ("Betty Crocker Kitchens", None, "bettycrocker.com", ()),
    ("Jobs & Hire", "Jobs & Hire", None, ()),
    ("Daniel Lemire", "Daniel Lemire's blog", None, ("Daniel Lemire",)),
    ("Mark Stone", "MarketWatch", "marketwatch.com", ("Mark Stone",)),
])
def test_clean_authors_tells_people_from_the_outlet(raw: str, outlet: str | None, host: str | None,
                                                    expected: tuple[str, ...]) -> None:
    assert clean_authors([raw], outlet=outlet, host=host) == expected


@pytest.mark.parametrize(("title", "outlet", "expected"), [
    ("Council approves tram extension | Harbour Gazette", None, "Council approves tram extension"),
    ("Harbour Gazette - Council approves tram extension", "Harbour Gazette",
     "Council approves tram extension"),
    ("Chapter 1: Prologue - Murdered - Melas", None, "Chapter 1: Prologue - Murdered"),
    ("Spider-Man review: a web of delights", None, "Spider-Man review: a web of delights"),
])
def test_strip_site_suffix(title: str, outlet: str | None, expected: str) -> None:
    assert strip_site_suffix(title, outlet) == expected


def test_readability_fast_parse_gives_stock_text() -> None:
    html = page(head=META_HEAD) + "<div style='display:none'><p>Hidden text here.</p></div>"
    stock = html_to_text(Readability(html).summary(html_partial=True))
    assert html_to_text(_Readability(html).summary(html_partial=True)) == stock


def test_merge_bodies_keeps_agreed_paragraphs_only_outside_core() -> None:
    first = "Sign up for our newsletter\n" + "\n".join(BODY) + "\nMore stories"
    text, method = merge_bodies(first, "\n".join(BODY))
    assert (text.split("\n\n"), method) == (BODY, "html:trafilatura+readability")


def test_merge_bodies_uses_readability_when_trafilatura_stopped_early() -> None:
    more = [p.replace("The", "Later, the") + " It went on." for p in BODY]
    text, method = merge_bodies(BODY[0], "\n".join(BODY + more))
    assert method == "html:merge+readability" and more[-1] in text


# ---------------------------------------------------------------- bad input
# Policy: an empty or whitespace-only page raises InputError; any other string is parsed
# leniently and gives a Cleaned, whose text may be empty.
@pytest.mark.parametrize("html", ["", "   \n\t "])
def test_clean_html_empty_input_raises_input_error(html: str) -> None:
    with pytest.raises(InputError, match="empty"):
        clean_html(html)


def test_clean_html_rejects_bytes_with_clear_message() -> None:
    with pytest.raises(InputError, match="decode"):
        clean_html(b"<html></html>")  # type: ignore[arg-type]


@pytest.mark.parametrize("html", [
    "<html><body><div><p>Unclosed paragraph <b>bold <i>italic",
    "\x00\x01\x02\xff\xfe binary junk \x89PNG\r\n\x1a\n",
    "<<<>>></p></div></html>",
    "just some words without any markup at all",
])
def test_clean_html_malformed_input_gives_cleaned(html: str) -> None:
    assert isinstance(clean_html(html).text, str)


def test_clean_html_unclosed_tags_keep_text() -> None:
    html = "<html><body><article>" + "".join(f"<p>{p}" for p in BODY)
    assert BODY[1] in clean_html(html).text


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_clean_html_any_string_gives_cleaned_or_input_error(html: str) -> None:
    try:
        assert isinstance(clean_html(html), Cleaned)
    except InputError:
        pass


# ---------------------------------------------------------------- benchmark floor
_TOKEN = re.compile(r"\w+")


def _shingle_f1(gold: str, pred: str) -> float:
    """4-token shingle F1 as in the Scrapinghub benchmark (one document)."""
    def grams(text: str) -> Counter[tuple[str, ...]]:
        toks = _TOKEN.findall(text)
        return Counter(tuple(toks[i:i + 4]) for i in range(max(1, len(toks) - 3))) if toks else Counter()
    g, p = grams(gold), grams(pred)
    tp = sum((g & p).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(p.values()), tp / sum(g.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.skipif(not (SHARED / "eval" / "extraction-benchmark").is_dir(),
                    reason=f"shared evaluation data not found at {SHARED / 'eval'}")
def test_clean_html_extraction_benchmark_floor() -> None:
    """Mean shingle F1 on the first 10 benchmark pages (measured 0.982) stays above 0.95."""
    base = SHARED / "eval" / "extraction-benchmark"
    truth = json.loads((base / "ground-truth.json").read_text(encoding="utf-8"))
    scores = []
    for key in sorted(truth)[:10]:
        html = gzip.decompress((base / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8")
        cleaned = clean_html(html, url=truth[key]["url"])
        scores.append(_shingle_f1(truth[key]["articleBody"], cleaned.text))
    assert statistics.mean(scores) > 0.95
