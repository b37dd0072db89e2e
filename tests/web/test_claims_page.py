"""The claims page (filters, pages, the dated chart, disputes side by side) and the timeline's pages and
zooms, on a real store: the sample articles plus one hostile report whose claims quote markup."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from dossier.backends import open_store  # noqa: E402
from dossier.pipeline import ingest  # noqa: E402
from dossier.web.app import make_app  # noqa: E402
from dossier.web.views import series_chart, timeline_bars  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
# A troop figure (joins the sample's changed US troops series) and a denial (joins the disputed
# Taliban / al-Qaeda ties), each sentence carrying markup that must stay text.
HOSTILE = (
    "Pentagon Figures Draw Scrutiny\n\nBy Staff Writer\nMarch 10, 2021\n\n"
    "WASHINGTON — The United States had about 3,000 troops in Afghanistan </title><script>alert(1)</script> in "
    "early March, the Pentagon said on Wednesday, a figure that officials said would keep falling. "
    "The Taliban denied any ties with al-Qaeda <img src=x onerror=alert(2)>, its spokesman said.\n"
)
RAW = ("<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "</title><script>")
ESCAPED = ("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(2)&gt;")
POINT = re.compile(r'<a class="point[^"]*" href="/doc/(\w+)\?hl=(\d+)-(\d+)#c\d+" data-date="([^"]*)" '
                   r'data-value="([^"]*)">')


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("claims-web")
    (folder / "hostile_troops.txt").write_text(HOSTILE, encoding="utf-8")
    path = str(folder / "claims.db")
    store = open_store(path, create=True)
    try:
        ingest([str(SAMPLES), str(folder / "hostile_troops.txt")], store=store, workers=1)
    finally:
        store.close()
    return path


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(make_app(db))


def articles(page: str) -> list[str]:
    """Each ``<article class="claim …">`` of a claims page."""
    return re.findall(r'<article class="claim.*?</article>', page, flags=re.S)


def propositions(page: str) -> list[str]:
    return [html.unescape(re.search(r"<h3>(.*?)</h3>", a, flags=re.S).group(1)) for a in articles(page)]


def statuses(page: str) -> list[str]:
    return [re.match(r'<article class="claim (\w*)"', a).group(1) for a in articles(page)]


def doc_text(db: str, doc_id: str) -> str:
    store = open_store(db)
    try:
        return store.get_document(doc_id).text
    finally:
        store.close()


def predicates(page: str) -> list[str]:
    return re.findall(r'<article class="claim \w*" id="[^"]*" data-predicate="([^"]*)"', page)


def test_claims_page_shows_every_status_in_stable_order(client: TestClient) -> None:
    page = client.get("/claims").text
    shown = statuses(page)
    assert {"disputed", "changed", "agreed"} <= set(shown)
    rank = {"disputed": 0, "changed": 1, "agreed": 2}
    assert shown == sorted(shown, key=rank.__getitem__)  # grouped by status, under one heading each
    assert page.count('<h2 class="status-head">') == len(set(shown))
    assert client.get("/claims").text == page  # same request, same page
    assert f"Claims 1–{len(shown)} of {len(shown)}." in page


def test_claims_changed_figures_drawn_as_dated_points_linking_their_spans(client: TestClient, db: str) -> None:
    page = client.get("/claims", params={"status": "changed"}).text
    (article,) = articles(page)
    assert '<svg class="chart"' in article and '<polyline class="step"' in article
    points = POINT.findall(article)
    values = {value for *_, value in points}
    assert {"100,000", "13,000", "8,600", "4,500", "2,500", "3,000"} <= values
    assert any(v == "2,500–3,500" for v in values)  # a range is one point with its bar
    dated = [(date, value) for _, _, _, date, value in points]
    assert [d for d, _ in dated] == sorted(d for d, _ in dated)  # drawn left to right in date order
    for doc_id, start, end, _, value in points:  # every point links to the sentence that gives its figure
        cited = doc_text(db, doc_id)[int(start):int(end)]
        assert value.split("–")[0] in cited, (value, cited)


def test_claims_changed_series_caption_follows_the_series(client: TestClient) -> None:
    page = client.get("/claims", params={"status": "changed"}).text
    caption = re.search(r"<figcaption>(.*?)</figcaption>", page, flags=re.S).group(1)
    assert "2010: 100,000" in caption and "2021-04: 2,500" in caption


def test_claims_disputes_side_by_side_with_cited_quotes(client: TestClient, db: str) -> None:
    (article,) = articles(client.get("/claims", params={"status": "disputed", "predicate": "ties"}).text)
    sides = re.search(r'<div class="sides">(.*)</div>', article, flags=re.S).group(1)
    supporting = sides[sides.index('class="side supporting"'):sides.index('class="side disputing"')]
    disputing = sides[sides.index('class="side disputing"'):]
    for side in (supporting, disputing):
        items = re.findall(r"<li>.*?</li>", side, flags=re.S)
        assert len(items) >= 2
        for item in items:  # source link with outlet and date, the source, the quoted text linked to its offsets
            doc_id, start, end = re.search(r'href="/doc/(\w+)\?hl=(\d+)-(\d+)#c\d+"', item).groups()
            quoted = html.unescape(re.search(r"<q>(.*?)</q>", item, flags=re.S).group(1))
            assert doc_text(db, doc_id)[int(start):int(end)] == quoted
            assert re.search(r'class="meta">\s*\S', item)
    assert "Suhail Shaheen" in disputing and "denied" in disputing
    assert "UN sanctions monitors" in supporting or "United Nations" in supporting


def test_claims_agreed_lists_its_independent_sources(client: TestClient) -> None:
    agreed = articles(client.get("/claims", params={"status": "agreed"}).text)
    assert agreed
    for article in agreed:
        assert "Independent sources" in article and "disputing" not in article
        assert len(re.findall(r"<li>", article)) >= 2
    (doha,) = articles(client.get("/claims", params={"status": "agreed", "predicate": "agrees_with"}).text)
    assert len(set(re.findall(r'<li><a href="/doc/[^"]+">([^,<]+)', doha))) >= 2  # several outlets


def test_claims_hostile_quotes_are_escaped_in_sides_and_chart(client: TestClient) -> None:
    pages = [client.get("/claims").text, client.get("/claims", params={"status": "changed"}).text,
             client.get("/claims", params={"q": "Pentagon scrutiny"}).text]
    for page in pages:
        for raw in RAW:
            assert raw not in page
        assert "<script" not in page and "onerror=alert(2)>" not in page
    assert all(escaped in pages[0] for escaped in ESCAPED)
    chart = pages[1][pages[1].index('<svg class="chart"'):pages[1].index("</svg>")]
    assert ESCAPED[0] in chart  # in a point's <title>, closed by nothing it carries


@pytest.mark.parametrize("status", ["disputed", "changed", "agreed"])
def test_claims_status_filter(client: TestClient, status: str) -> None:
    shown = statuses(client.get("/claims", params={"status": status}).text)
    assert shown and set(shown) == {status}


# (filters, predicates that must be shown, whether no other predicate may be)
@pytest.mark.parametrize(("params", "expected", "only"), [
    ({"predicate": "troops"}, {"troops"}, True),
    ({"predicate": "ties"}, {"ties"}, True),
    ({"entity": "Taliban"}, {"ties", "agrees_with"}, False),
    ({"entity": "taliban"}, {"ties", "agrees_with"}, False),
    ({"entity": "Islamic Emirate"}, {"ties", "agrees_with"}, False),  # an alias of the resolved entity
    ({"entity": "Afghanistan"}, {"troops"}, False),
    ({"entity": "Nobody At All"}, set(), True),
    ({"start": "2022"}, {"ties"}, True),  # only the ties are still reported in 2022
    ({"end": "2019"}, {"troops"}, True),  # the 2010 troop figure
    ({"start": "2020-02", "end": "2020-02"}, {"agrees_with"}, False),
    ({"q": "Pentagon"}, {"troops"}, False),
    ({"q": "baseless sabotaging"}, {"ties"}, True),
    ({"q": "nothing-like-this"}, set(), True),
    ({"entity": "Taliban", "status": "agreed"}, {"agrees_with"}, False),
])
def test_claims_filters(client: TestClient, params: dict[str, str], expected: set[str], only: bool) -> None:
    r = client.get("/claims", params=params)
    assert r.status_code == 200
    shown = predicates(r.text)
    assert expected <= set(shown)
    if only:
        assert set(shown) == expected
    if "status" in params:
        assert set(statuses(r.text)) <= {params["status"]}


def test_claims_event_filter_keeps_claims_about_that_event(client: TestClient) -> None:
    assert set(predicates(client.get("/claims", params={"event": "afghanistan"}).text)) >= {"troops"}
    for article in articles(client.get("/claims", params={"event": "Kabul"}).text):  # incidents, when found
        parties = re.search(r'<p class="meta">.*?</p>', article, flags=re.S).group(0)
        assert "Kabul" in parties
    assert articles(client.get("/claims", params={"event": "no such event anywhere"}).text) == []


def test_claims_entity_filter_keeps_claims_about_that_entity(client: TestClient) -> None:
    for article in articles(client.get("/claims", params={"entity": "Taliban"}).text):
        parties = re.search(r'<p class="meta">.*?</p>', article, flags=re.S).group(0)
        assert re.search(r'href="/claims\?entity=[^"]+">(Taliban|Islamic Emirate)[^<]*</a>', parties), parties


def test_claims_entity_filter_by_id_matches_by_name(client: TestClient) -> None:
    taliban = next(e for e in client.get("/api/entities").json()["entities"] if e["name"] == "Taliban")
    by_id = client.get("/claims", params={"entity": taliban["id"]}).text
    assert propositions(by_id) == propositions(client.get("/claims", params={"entity": "Taliban"}).text)
    # the party names link to the claims about that party
    assert re.search(r'href="/claims\?entity=ent_\w+"', by_id)


def test_claims_form_keeps_the_filters(client: TestClient) -> None:
    page = client.get("/claims", params={"status": "changed", "entity": "US", "q": "troops"}).text
    assert '<option value="changed" selected>' in page
    assert 'name="entity" value="US"' in page and 'name="q" value="troops"' in page
    assert '<option value="troops">' in page and '<option value="ties">' in page  # predicates from the data


@pytest.mark.parametrize("params", [{"status": "rumoured"}, {"start": "last week"}, {"end": "2021-13"},
                                    {"start": "2022", "end": "2021"}, {"page": "two"}])
def test_claims_bad_filters_are_400(client: TestClient, params: dict[str, str]) -> None:
    r = client.get("/claims", params=params, headers={"accept": "text/html"})
    assert r.status_code == 400
    assert "<script" not in r.text


def test_claims_pages_cover_every_cluster_once_in_order(client: TestClient) -> None:
    every = propositions(client.get("/claims").text)
    total = len(every)
    assert total >= 3
    paged = []
    for n in range(1, total + 1):
        page = client.get("/claims", params={"size": 1, "page": n}).text
        assert f"Claims {n}–{n} of {total}." in page
        paged += propositions(page)
    assert paged == every
    first = client.get("/claims", params={"size": 1}).text
    assert 'href="/claims?size=1&amp;page=2"' in first and 'rel="next"' in first and 'rel="prev"' not in first
    # past the end: the last page; the filters stay in every page link
    last = client.get("/claims", params={"size": 1, "page": 999}).text
    assert propositions(last) == every[-1:]
    filtered = client.get("/claims", params={"entity": "Taliban", "size": 1}).text
    assert 'href="/claims?entity=Taliban&amp;size=1&amp;page=2"' in filtered


# ---- the timeline: pages and zooms ------------------------------------------------------------------

def events(page: str) -> int:
    listing = page[page.index('<ol class="timeline">'):]
    return listing[:listing.index("</ol>")].count("<li>")


def test_timeline_pages(client: TestClient) -> None:
    whole = client.get("/timeline").text
    total = int(re.search(r"Timeline \((\d+) events\)", whole).group(1))
    assert total > 10
    first = client.get("/timeline", params={"size": 10}).text
    assert events(first) == 10 and f"Events 1–10 of {total}." in first
    assert 'href="/timeline?size=10&amp;page=2"' in first
    last_page = -(-total // 10)
    last = client.get("/timeline", params={"size": 10, "page": last_page}).text
    assert events(last) == total - 10 * (last_page - 1)


def test_timeline_zoom_year_draws_linked_bars(client: TestClient) -> None:
    page = client.get("/timeline", params={"zoom": "year"}).text
    bars = re.findall(r'<a class="bar" href="([^"]+)" data-period="(\d{4})">', page)
    assert len(bars) >= 2
    href, year = bars[-1]
    assert html.unescape(href) == f"/timeline?zoom=month&start={year}&end={year}"
    assert events(page) > 0  # the events of the window are listed under the bars


def test_timeline_zoom_narrows_the_window_and_the_trail_leads_back(client: TestClient) -> None:
    year = client.get("/timeline", params={"zoom": "month", "start": "2021", "end": "2021"}).text
    months = re.findall(r'<a class="bar" href="([^"]+)" data-period="(2021-\d\d)">', year)
    assert months
    href, month = months[0]
    assert html.unescape(href) == f"/timeline?zoom=day&start={month}&end={month}"
    page = client.get(html.unescape(href)).text
    trail = page[page.index('<nav class="trail"'):]
    trail = trail[:trail.index("</nav>")]
    assert 'href="/timeline?zoom=year">All dates</a>' in trail
    assert 'href="/timeline?zoom=month&amp;start=2021&amp;end=2021">2021</a>' in trail
    assert f"<strong>{month}</strong>" in trail
    dates = re.findall(r'<span class="date">(\d{4}-\d\d)', page)
    assert dates and all(d == month for d in dates)


def test_timeline_page_links_keep_the_zoom_and_window(client: TestClient) -> None:
    page = client.get("/timeline", params={"zoom": "month", "start": "2020", "end": "2021", "size": 2}).text
    assert 'href="/timeline?zoom=month&amp;start=2020&amp;end=2021&amp;size=2&amp;page=2"' in page


# ---- the SVG builders on their own ------------------------------------------------------------------

def test_series_chart_escapes_and_links() -> None:
    hostile = "</title><script>alert(1)</script>"
    chart = series_chart([
        {"doc": "d/1", "start": 3, "end": 9, "value": 10.0, "value_max": None, "date": "2020-01", "source": hostile,
         "outlet": '"><svg onload=x>', "text": hostile, "modality": "certain"},
        {"doc": "d2", "start": 0, "end": 4, "value": 4.0, "value_max": 6.0, "date": "2021-05-02", "source": "A",
         "outlet": None, "text": "t", "modality": "planned"},
        {"doc": "d3", "start": 0, "end": 4, "value": 7.0, "date": None, "source": "B", "text": "undated"},
    ], [{"date": "2020-01", "value": 10.0, "value_max": None}, {"date": "2021-05", "value": 4.0}])
    assert chart is not None
    text = str(chart)
    assert "<script" not in text and "<svg onload" not in text and "</title><script>" not in text
    assert 'href="/doc/d%2F1?hl=3-9#c3"' in text
    assert text.count('<a class="point') == 2  # the undated figure is not drawn
    assert 'class="point planned"' in text and 'data-value="4–6"' in text and '<line class="range"' in text


def test_series_chart_shortens_a_long_gap_and_needs_a_figure() -> None:
    values = [{"doc": "d", "start": 0, "end": 1, "value": v, "date": d, "text": ""}
              for v, d in ((100.0, "2001"), (10.0, "2020-01-01"), (8.0, "2020-02-01"), (6.0, "2020-03-01"))]
    text = str(series_chart(values))
    assert '<text class="break"' in text
    xs = [float(x) for x in re.findall(r'<circle cx="([\d.]+)"', text)]
    assert xs == sorted(xs) and xs[2] - xs[1] > (xs[-1] - xs[0]) / 10  # the 2020 months are not squeezed
    assert series_chart([]) is None
    assert series_chart([{"doc": "d", "start": 0, "end": 1, "value": 1.0, "date": "someday"}, *values[:1]]) is None
    assert series_chart(values[:1]) is None  # one point is no series


def test_timeline_bars_escape_and_link() -> None:
    bars = str(timeline_bars([("2020", 3, "/timeline?zoom=month&start=2020&end=2020"), ("<b>", 1, None)]))
    assert 'href="/timeline?zoom=month&amp;start=2020&amp;end=2020"' in bars
    assert "<b>" not in bars and "&lt;b&gt;" in bars
    assert timeline_bars([]) is None


@pytest.mark.parametrize(("zoom", "keys", "expected"), [
    ("year", ["2019", "2022", ""], ["2019", "2020", "2021", "2022", ""]),
    ("month", ["2020", "2020-11", "2021-02"], ["2020", "2020-11", "2020-12", "2021-01", "2021-02"]),
    ("day", ["2021-02-27", "2021-03-01"], ["2021-02-27", "2021-02-28", "2021-03-01"]),
    ("month", ["2021-02"], ["2021-02"]),
    ("month", ["1900-01", "2100-01"], ["1900-01", "2100-01"]),  # too many periods between: left as they are
    ("day", ["2021-02-30", "2021-03-01"], ["2021-02-30", "2021-03-01"]),  # a malformed date: left as it is
])
def test_timeline_bars_keep_empty_periods_to_scale(zoom: str, keys: list[str], expected: list[str]) -> None:
    from dossier.web.app import _with_empty_periods

    periods = [{"key": k, "count": 2, "next": "", "url": f"/x/{k}"} for k in keys]
    filled = _with_empty_periods(periods, zoom)
    assert [b["key"] for b in filled] == expected
    assert all(b["count"] == 0 and not b["url"] for b in filled if b["key"] not in keys)


def test_api_claims_filters_and_pages_like_the_page(client: TestClient) -> None:
    data = client.get("/api/claims", params={"entity": "Taliban", "size": 1, "page": 2}).json()
    page = propositions(client.get("/claims", params={"entity": "Taliban", "size": 1, "page": 2}).text)
    assert data["ok"] is True and data["total"] >= 2 and data["pages"] == data["total"] and data["page"] == 2
    assert data["filters"] == {"entity": "Taliban"}
    (cluster,) = data["claims"]
    assert [cluster["proposition"]] == page and cluster["supporting"]
    changed = client.get("/api/claims", params={"status": "changed"}).json()["claims"]
    assert [s["value"] for s in changed[0]["series"]][-1] == 2500
    bad = client.get("/api/claims", params={"status": "rumoured"})
    assert bad.status_code == 400 and bad.json() == {"ok": False, "error": bad.json()["error"], "status": 400}


@pytest.mark.parametrize(("start", "end", "expected"), [
    ("2021", "2021", ["2020", "2022"]),
    ("2021-01", "2021-01", ["2020-12", "2021-02"]),
    ("2020-12", "2020-12", ["2020-11", "2021-01"]),
    ("2021-03-01", "2021-03-01", ["2021-02-28", "2021-03-02"]),
    ("2020", "2021", []),  # a window of several periods has no single neighbour
    ("2021-02-30", "2021-02-30", []),
])
def test_timeline_window_links_to_its_neighbours(client: TestClient, start: str, end: str,
                                                 expected: list[str]) -> None:
    page = client.get("/timeline", params={"zoom": "day", "start": start, "end": end}).text
    if start == "2021-02-30":
        assert client.get("/timeline", params={"start": start, "end": end}).status_code == 400
        return
    found = re.findall(r'<a class="step-(prev|next)" rel="\w+" href="([^"]+)">', page)
    assert [html.unescape(href) for _, href in found] == [
        f"/timeline?zoom=day&start={k}&end={k}" for k in expected]


def test_series_chart_keeps_equal_figures_apart() -> None:
    values = [{"doc": f"d{i}", "start": 0, "end": 1, "value": 8600.0, "date": "2020-07-15", "text": ""}
              for i in range(3)] + [{"doc": "d9", "start": 0, "end": 1, "value": 2500.0, "date": "2021", "text": ""}]
    circles = re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', str(series_chart(values)))
    assert len(set(circles)) == 4  # three sources giving the same figure the same day: three points to click
