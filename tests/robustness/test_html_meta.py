"""HTML metadata on any corpus: the page's own URL, junk site names, wire and role bylines.

Hand-written pages (names invented) for dossier.clean.htmlmeta and dossier.clean.names, plus
one check over the Scrapinghub article-extraction benchmark in ../shared/eval when present.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import lxml.html
import pytest

from dossier.clean.dispatch import clean
from dossier.clean.html import clean_html
from dossier.clean.htmlmeta import read_meta
from dossier.clean.names import byline_agency, clean_authors, site_name
from dossier.clean.text import clean_text
from dossier.records import Document, Raw
from tests.clean.test_html import BODY as HAND_WRITTEN_BODY

SHARED = Path(__file__).resolve().parents[3] / "shared"
BENCHMARK = SHARED / "eval" / "extraction-benchmark"

BODY = "".join(f"<p>{p}</p>" for p in HAND_WRITTEN_BODY)
STORY = "https://www.harbourgazette.com/2024/03/05/council-approves-tram-extension"


def page(head: str = "", byline: str = "", *, title: str = "Council approves tram extension") -> str:
    return (f"<!DOCTYPE html><html lang='en'><head><title>{title}</title>{head}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><main><article>"
            f"<h1>Council approves tram extension</h1>{byline}{BODY}</article></main></body></html>")


# ---------------------------------------------------------------- the page's own URL
@pytest.mark.parametrize(("head", "expected"), [
    (f'<link rel="canonical" href="{STORY}">', STORY),
    (f'<meta property="og:url" content="{STORY}">', STORY),
    (f'<meta name="twitter:url" content="{STORY}">', STORY),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council approves tram '
     f'extension", "mainEntityOfPage": {{"@id": "{STORY}"}}}}</script>', STORY),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council approves tram '
     f'extension", "url": "{STORY}"}}</script>', STORY),
    (f'<base href="{STORY}">', STORY),
    (f'<link rel="canonical" href="{STORY}#comments">', STORY),  # fragment dropped
    (f'<link rel="canonical" href="{STORY}"><meta property="og:url" content="https://www.harbourgazette.com/">',
     STORY),
    (f'<link rel="canonical" href="https://www.harbourgazette.com/"><meta property="og:url" content="{STORY}">',
     STORY),  # a site root is a template default; the deeper URL is the page's
])
def test_clean_html_reads_page_url(head: str, expected: str) -> None:
    assert clean_html(page(head)).url == expected


@pytest.mark.parametrize("head", [
    "",
    '<link rel="canonical" href="/2024/03/05/council-approves-tram-extension">',  # relative
    '<link rel="canonical" href="//www.harbourgazette.com/2024/03/05/tram">',  # no scheme
    '<meta property="og:url" content="ftp://files.harbourgazette.com/tram.txt">',
    '<meta property="og:url" content="https://{{ page.url }}">',  # a template placeholder
    '<meta property="og:url" content="harbourgazette.com/2024/03/05/tram">',
    '<base href="https://www.harbourgazette.com/">',  # a <base> at the root names the site only
])
def test_clean_html_refuses_non_absolute_urls(head: str) -> None:
    assert clean_html(page(head)).url is None


def test_clean_html_syndicated_copy_keeps_its_own_url() -> None:
    head = ('<link rel="canonical" href="https://www.originalnews.com/2024/03/05/tram-extension">'
            '<meta property="og:url" content="https://www.portal.com/en-us/news/tram-extension/ar-AB12">')
    assert clean_html(page(head)).url == "https://www.portal.com/en-us/news/tram-extension/ar-AB12"


def test_clean_html_input_url_beats_the_page_declaration() -> None:
    given = "https://archive.example.org/2024/03/05/copy-of-tram-story"
    assert clean_html(page(f'<link rel="canonical" href="{STORY}">'), url=given).url == given


def _document(html: str, url: str | None) -> Document:
    doc = clean(Raw(source="page.html", data=html.encode(), format="html", url=url))
    assert isinstance(doc, Document)
    return doc


def test_document_url_from_page_only_when_the_input_has_none() -> None:
    html = page(f'<link rel="canonical" href="{STORY}">')
    assert _document(html, None).url == STORY
    assert _document(html, "https://feed.example.net/item/7").url == "https://feed.example.net/item/7"


def test_clean_html_outlet_falls_back_to_the_page_url_host() -> None:
    assert clean_html(page(f'<link rel="canonical" href="{STORY}">')).outlet == "harbourgazette.com"


# ---------------------------------------------------------------- outlet: junk site names
@pytest.mark.parametrize(("head", "byline", "expected"), [
    ('<meta property="og:site_name" content="Hosted">', '<div class="byline"><div>By JANE DOE</div>'
     "<div>Associated Press</div></div>", "Associated Press"),  # the wire the byline credits
    (f'<meta property="og:site_name" content="Home"><link rel="canonical" href="{STORY}">', "",
     "Harbour Gazette"),  # the <title> part naming the host
    (f'<meta property="og:site_name" content="U.S."><link rel="canonical" href="{STORY}">', "",
     "Harbour Gazette"),
    ('<meta property="og:site_name" content="Council approves tram extension">'
     '<meta property="og:title" content="Council approves tram extension">'
     f'<link rel="canonical" href="{STORY}">', "", "Harbour Gazette"),  # the story's own title
    ('<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Council approves tram '
     'extension", "publisher": {"@type": "Organization", "name": "Blogger"}}</script>'
     '<meta property="og:site_name" content="Harbour Gazette">', "", "Harbour Gazette"),  # a platform
    ('<meta property="og:site_name" content="Harbour Gazette | Your trusted voice on the '
     'harbour, the city and the region since 1881">', "", "Harbour Gazette"),  # a tagline
    ('<meta property="og:site_name" content="Harbour Gazette">', "", "Harbour Gazette"),
])
def test_clean_html_outlet_passes_over_junk_site_names(head: str, byline: str, expected: str) -> None:
    html = page(head, byline, title="Council approves tram extension - Harbour Gazette")
    assert clean_html(html).outlet == expected


@pytest.mark.parametrize(("value", "expected"), [
    ("Hosted", None), ("Home", None), ("News", None), ("Login", None), ("WordPress", None),
    ("The Jerusalem Gazette | JGazette.com", "The Jerusalem Gazette"),
    ("Harbour Gazette", "Harbour Gazette"),
    ("Page Six", "Page Six"),
    ("A very long site name " * 4, None),
])
def test_site_name_refuses_junk(value: str, expected: str | None) -> None:
    assert site_name(value) == expected


def test_site_name_refuses_the_story_title() -> None:
    assert site_name("Council approves tram extension", titles=("Council approves tram extension",)) is None


# ---------------------------------------------------------------- bylines
@pytest.mark.parametrize(("raw", "expected"), [
    (["JANE DOEAssociated Press"], ("Jane Doe",)),  # two texts run together
    (["By Ann Lee, Bo Chen and JANE DOEAssociated Press"], ("Ann Lee", "Bo Chen", "Jane Doe")),
    (["Tom Roe Associated Press"], ("Tom Roe",)),
    (["By Tom Roe, AP Auto Writer"], ("Tom Roe",)),
    (["Ann Lee, Bo Chen, Associated Press"], ("Ann Lee", "Bo Chen")),
    (["Jane Doe (Reuters)"], ("Jane Doe",)),
    (["Reuters"], ()),
    (["AFP"], ()),
    (["Ani Marsh"], ("Ani Marsh",)),  # an agency acronym counts only in capitals
])
def test_clean_authors_tells_the_wire_from_people(raw: list[str], expected: tuple[str, ...]) -> None:
    assert clean_authors(raw) == expected


@pytest.mark.parametrize("lead", ["Analysis by", "Opinion by", "Story by", "Written by", "Reporting by",
                                  "Commentary by", "Review by", "An analysis by"])
def test_clean_authors_drops_lead_words(lead: str) -> None:
    assert clean_authors([f"{lead} Jane Doe"]) == ("Jane Doe",)


@pytest.mark.parametrize(("raw", "expected"), [
    (["Analysis by Jane Doe, CNN Editor-at-large"], ("Jane Doe",)),
    (["Jane Doe, Washington Bureau Chief"], ("Jane Doe",)),
    (["Jane Doe, CBS Business"], ("Jane Doe",)),
    (["Jane Doe, CNN"], ("Jane Doe",)),
    (["Jane Doe, MS, RD"], ("Jane Doe",)),  # credentials
    (["CNN Editor-at-large"], ()),  # a role at an organisation names no person
    (["News Nation Bureau"], ()),
    (["HNN Staff"], ()),
    (["TJ Moss"], ("TJ Moss",)),  # a two-letter first name is not an organisation
])
def test_clean_authors_drops_roles_and_organisations(raw: list[str], expected: tuple[str, ...]) -> None:
    assert clean_authors(raw) == expected


def test_clean_authors_drops_outlet_after_a_name() -> None:
    assert clean_authors(["Jane Doe Harbour Gazette"], outlet="Harbour Gazette") == ("Jane Doe",)


@pytest.mark.parametrize(("raw", "expected"), [
    (["By Jane Doe, Associated Press"], "Associated Press"),
    (["JANE DOEAssociated Press"], "Associated Press"),
    (["By Tom Roe, AP Auto Writer"], "Associated Press"),
    (["Jane Doe (Reuters)"], "Reuters"),
    (["Jane Doe, Staff Writer"], None),
])
def test_byline_agency(raw: list[str], expected: str | None) -> None:
    assert byline_agency(raw) == expected


def test_clean_html_glued_agency_byline() -> None:
    byline = ('<div class="story-byline"><div>By ANN LEE, BO CHEN and JANE DOE</div>'
              "<div>Associated Press</div></div>")
    meta = clean_html(page('<meta property="og:site_name" content="Hosted">', byline))
    assert meta.authors == ("Ann Lee", "Bo Chen", "Jane Doe")
    assert meta.outlet == "Associated Press"


def test_clean_html_byline_and_date_in_separate_blocks() -> None:
    byline = '<h3 class="byline">by Jane Doe<br><span class="datetime">Monday, March 4, 2024</span></h3>'
    assert clean_html(page("", byline)).authors == ("Jane Doe",)


def test_clean_html_wire_credit_ends_the_author_search() -> None:
    """A page credited to the wire names no person; a later byline belongs to another story."""
    head = '<meta name="author" content="Reuters">'
    other = "<aside><div class='author'>By Bo Chen</div><p>Another story</p></aside>"
    html = page(head).replace("</main>", f"{other}</main>")
    assert clean_html(html).authors == ()


def test_clean_html_analysis_byline_meta() -> None:
    head = '<meta name="author" content="Analysis by Jane Doe, CNN Editor-at-large">'
    assert clean_html(page(head)).authors == ("Jane Doe",)


# ---------------------------------------------------------------- plain text shares the byline rules
@pytest.mark.parametrize(("byline", "authors", "outlet"), [
    ("Analysis by Jane Doe, CNN Editor-at-large", ("Jane Doe",), None),
    ("Opinion by Jane Doe", ("Jane Doe",), None),
    ("By JANE DOE and JOHN ROE Associated Press", ("Jane Doe", "John Roe"), "Associated Press"),
    ("By Jane Doe, Associated Press", ("Jane Doe",), "Associated Press"),
])
def test_clean_text_byline(byline: str, authors: tuple[str, ...], outlet: str | None) -> None:
    paragraphs = re.findall(r"<p>(.*?)</p>", BODY)
    cleaned = clean_text("\n\n".join(["Council approves tram extension", byline, *paragraphs]))
    assert (cleaned.authors, cleaned.outlet) == (authors, outlet)
    assert "Jane" not in cleaned.text and "JANE" not in cleaned.text


# ---------------------------------------------------------------- public benchmark
_DECLARES_URL = re.compile(r"""<link[^>]+rel=["']?canonical|property=["']og:url""", re.IGNORECASE)


@pytest.mark.skipif(not BENCHMARK.is_dir(), reason=f"Scrapinghub benchmark not found at {BENCHMARK} "
                    "(the shared evaluation data sits beside the repository in ../shared/eval)")
def test_clean_html_benchmark_pages_get_their_url() -> None:
    """Of the benchmark pages that carry a canonical link or og:url (174 of 181), at least 90%
    get a URL from the page alone (measured: all of them). Metadata only, for speed."""
    truth = json.loads((BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))
    declaring = found = 0
    for key in sorted(truth):
        html = gzip.decompress((BENCHMARK / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        if _DECLARES_URL.search(html):
            declaring += 1
            found += bool(read_meta(lxml.html.document_fromstring(html)).url)
    assert declaring > 100
    assert found / declaring >= 0.9
