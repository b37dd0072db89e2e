"""The web app through FastAPI's TestClient: pages, JSON errors, headers, token, escaping, `dossier serve`."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
import typer  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from dossier.backends import open_store  # noqa: E402
from dossier.pipeline import ingest  # noqa: E402
from dossier.web.app import CSP, Annot, highlight_snippet, is_loopback, make_app, render_spans  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[2] / "samples" / "articles"
XSS_TITLE = "Scanner Flags Hostile Markup in Wire Copy"
XSS_BODY = (
    "Security researchers in Kabul said on Monday that a wire story carried a hostile payload. "
    "The copy contained <script>alert(1)</script> inside a paragraph about the Taliban. "
    "A second line held <img src=x onerror=alert(1)> next to a quote from officials. "
    "\"We strip nothing from the archive,\" said Zalmay Khalilzad, the US envoy, in a statement. "
    "Editors said the text must render as plain words and never run in a reader's browser."
)
XSS_RAW = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
XSS_ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")


def write_xss_fixture(folder: Path) -> Path:
    path = folder / "xss_wire.txt"
    path.write_text(f"{XSS_TITLE}\n\nBy Staff Writer\nJune 3, 2021\n\n{XSS_BODY}\n", encoding="utf-8")
    return path


def build_store(tmp: Path, *, samples: bool) -> tuple[str, str]:
    """A store with the XSS fixture (and the samples); returns (db path, id of the XSS document)."""
    db = str(tmp / "web.db")
    inputs = [str(write_xss_fixture(tmp))] + ([str(SAMPLES)] if samples else [])
    store = open_store(db)
    try:
        ingest(inputs, store=store, workers=1)
        xss = [h.id for h in store.search('"hostile payload"')]
    finally:
        store.close()
    assert len(xss) == 1, "the XSS fixture was not stored"
    return db, xss[0]


@pytest.fixture(scope="module")
def store_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    return build_store(tmp_path_factory.mktemp("web"), samples=True)


@pytest.fixture(scope="module")
def client(store_db: tuple[str, str]) -> TestClient:
    return TestClient(make_app(store_db[0]))


@pytest.fixture(scope="module")
def doc_id(client: TestClient) -> str:
    return client.get("/api/search", params={"q": "Taliban"}).json()["results"][0]["id"]


PAGES = ["/", "/?q=Taliban", "/graph", "/graph?as_of=2020-06&type=negotiates_with", "/map",
         "/map?start=2020&end=2021&type=ASSAULT", "/?q=Taliban&date_from=2019-01-01&entity=Taliban", "/entities", "/entity/Zalmay Khalilzad", "/claims", "/timeline",
         "/ask", "/ask?q=What did Khalilzad say?", "/api/search?q=Taliban", "/api/entities",
         "/api/ask?q=What did Khalilzad say?", "/static/dossier.css"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_is_200_with_strict_headers(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 200, r.text
    csp = r.headers["content-security-policy"]
    assert csp == CSP
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    if "text/html" in r.headers["content-type"]:
        assert "<script" not in r.text  # no script at all, inline or not, in this slice
        assert " style=" not in r.text and "<style" not in r.text


def test_document_page_and_raw(client: TestClient, doc_id: str) -> None:
    r = client.get(f"/doc/{doc_id}")
    assert r.status_code == 200
    assert 'class="entity' in r.text and "data-entity-id=" in r.text
    assert f'href="/doc/{doc_id}/raw"' in r.text
    assert "Dropped segments" in r.text
    raw = client.get(f"/doc/{doc_id}/raw")
    assert raw.status_code == 200
    assert raw.headers["content-type"] == "text/plain; charset=utf-8"
    assert raw.headers["content-disposition"].startswith("attachment")
    assert raw.headers["x-content-type-options"] == "nosniff"
    assert raw.content


def test_cited_span_is_marked_for_claim_links(client: TestClient, doc_id: str) -> None:
    r = client.get(f"/doc/{doc_id}", params={"hl": "0-10"})
    assert 'id="c0"' in r.text and 'class="cited"' in r.text
    assert 'id="c0"' not in client.get(f"/doc/{doc_id}", params={"hl": "5-999999"}).text


def test_claims_page_links_both_sides(client: TestClient) -> None:
    text = client.get("/claims").text
    assert 'class="claim disputed"' in text
    disputed = text[text.index('class="claim disputed"'):]
    disputed = disputed[:disputed.index("</article>")]
    assert "supporting" in disputed and "disputing" in disputed
    assert re.search(r'href="/doc/[0-9a-f]+\?hl=\d+-\d+#c\d+"', disputed)


def test_search_snippets_highlighted(client: TestClient) -> None:
    assert "<mark>Taliban</mark>" in client.get("/", params={"q": "Taliban"}).text


@pytest.mark.parametrize("path", ["/doc/doesnotexist", "/doc/doesnotexist/raw", "/entity/Nobody%20Atall",
                                  "/no/such/page", "/static/app.py", "/static/..%2Fapp.py"])
def test_unknown_things_are_404_in_the_error_shape(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 404
    body = r.json()
    assert body["ok"] is False and body["status"] == 404 and body["error"]
    assert r.headers["content-security-policy"] == CSP


def test_browser_gets_an_html_error_page(client: TestClient) -> None:
    r = client.get("/doc/doesnotexist", headers={"Accept": "text/html"})
    assert r.status_code == 404 and "text/html" in r.headers["content-type"] and "Error 404" in r.text


@pytest.mark.parametrize("path", ['/api/search?q="unclosed', '/?q="unclosed', "/timeline?start=notadate",
                                  "/api/search", "/api/ask?q="])
def test_bad_queries_are_400(client: TestClient, path: str) -> None:
    r = client.get(path)
    assert r.status_code == 400
    assert r.json()["ok"] is False and r.json()["status"] == 400


def test_article_markup_is_escaped_everywhere(client: TestClient, store_db: tuple[str, str]) -> None:
    _, xss_id = store_db
    pages = [client.get(f"/doc/{xss_id}").text, client.get("/", params={"q": "payload"}).text,
             client.get("/", params={"q": "alert"}).text]
    for text in pages:
        for raw in XSS_RAW:
            assert raw not in text
        assert "onerror=alert" not in text.replace("&lt;img src=x onerror=alert(1)&gt;", "")
    doc_page = pages[0]
    for escaped in XSS_ESCAPED:
        assert escaped in doc_page
    api = client.get("/api/search", params={"q": "payload"})
    assert "application/json" in api.headers["content-type"]


def test_token_is_required_when_set(store_db: tuple[str, str]) -> None:
    app = TestClient(make_app(store_db[0], token="s3cret"))
    denied = app.get("/api/entities")
    assert denied.status_code == 401 and denied.json() == {
        "ok": False, "status": 401, "error": denied.json()["error"]}
    assert denied.headers["content-security-policy"] == CSP
    assert app.get("/api/entities", params={"token": "wrong"}).status_code == 401
    assert app.get("/api/entities", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    fresh = TestClient(make_app(store_db[0], token="s3cret"))
    assert fresh.get("/", params={"token": "s3cret"}).status_code == 200
    assert fresh.get("/entities").status_code == 200  # the cookie set above keeps in-app links working


def test_highlight_snippet_escapes_before_marking() -> None:
    html = str(highlight_snippet("<b>x</b> \x02Taliban\x03 & \x02<i>\x03 \x03stray"))
    assert html == "&lt;b&gt;x&lt;/b&gt; <mark>Taliban</mark> &amp; <mark>&lt;i&gt;</mark> stray"
    assert str(highlight_snippet("\x02open")) == "<mark>open</mark>"


def test_render_spans_nests_and_escapes() -> None:
    text = 'He said "<b>no</b>" & left'
    html = str(render_spans(text, [Annot(0, 2, "entity", (("data-name", '"x"'),)), Annot(8, 19, "quote"),
                                   Annot(9, 12, "entity"), Annot(14, 24, "event"), Annot(3, 500, "bad")]))
    assert html == ('<mark class="entity" data-name="&#34;x&#34;">He</mark> said <mark class="quote">&#34;'
                    '<mark class="entity">&lt;b&gt;</mark>no<mark class="event">&lt;/b&gt;&#34;</mark></mark>'
                    ' &amp; left')


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("127.0.0.2", True), ("0.0.0.0", False), ("192.168.1.5", False),
                                                ("example.com", False)])
def test_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serve_refuses_public_host_without_token(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier.cli.serve import register

    monkeypatch.delenv("DOSSIER_TOKEN", raising=False)
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and "not loopback: add --token" in lines[0]
    assert "Traceback" not in result.output


# ---- graph, map and search filters -------------------------------------------------------------


def test_graph_page_draws_linked_nodes_and_edges(client: TestClient) -> None:
    html = client.get("/graph").text
    assert "<svg" in html and html.count("<circle") >= 5
    assert 'href="/entity/' in html
    assert "<title>" in html and "weight" in html
    assert "style=" not in html and "<script" not in html
    assert "most connected actors" in html
    earlier = client.get("/graph", params={"as_of": "2020-06"}).text
    assert 0 < earlier.count("<line") < html.count("<line")


def test_graph_rejects_a_bad_date(client: TestClient) -> None:
    r = client.get("/graph", params={"as_of": "June"}, headers={"accept": "text/html"})
    assert r.status_code == 400


def test_graph_svg_escapes_names_and_caps_nodes() -> None:
    import networkx as nx

    from dossier.web.views import graph_svg

    g = nx.MultiDiGraph()
    g.add_node("ent_x", name='<script>alert(1)</script>"', type="PERSON", mentions=3)
    for i in range(6):
        g.add_node(f"ent_{i}", name=f"Actor {i}", type="ORG", mentions=1)
        g.add_edge("ent_x", f"ent_{i}", key="supports", weight=i + 1, first_seen="2020-01", last_seen="2020-02")
    svg, shown, total = graph_svg(g, limit=4)
    assert (shown, total) == (4, 7)
    assert "<script>" not in svg and "&lt;script&gt;alert(1)&lt;/script&gt;&#34;" in svg
    assert svg.count("<circle") == 4 and 'href="/entity/ent_x"' in svg
    assert "supports, weight 6, 2020-01 – 2020-02" in svg
    again, _, _ = graph_svg(g, limit=4)
    assert again == svg  # deterministic layout


def test_map_plots_kabul_events_as_cited_links(client: TestClient) -> None:
    html = client.get("/map").text
    assert "<svg" in html and "style=" not in html
    dots = re.findall(r'<a class="dot" href="(/doc/[^"]+)"><circle[^>]*><title>([^<]*)</title>', html)
    kabul = [href for href, title in dots if "Kabul" in title]
    assert kabul, "no dot for a Kabul event"
    assert all(re.fullmatch(r"/doc/\w+\?hl=\d+-\d+#c\d+", href) for href, _ in dots)
    assert "Outside the map" in html  # e.g. Doha
    later = client.get("/map", params={"start": "2099"}).text
    assert '<a class="dot"' not in later


def test_search_filters_narrow_hits(client: TestClient) -> None:
    def hits(**params: str) -> list[str]:
        return re.findall(r'<li class="hit">\s*<a href="/doc/(\w+)"', client.get("/", params={"q": "Taliban", **params}).text)

    every = hits()
    page = client.get("/", params={"q": "Taliban"}).text
    outlets = re.findall(r'<option value="([^"]+)"', page)
    assert outlets
    narrowed = [(o, hits(outlet=o)) for o in outlets]
    assert all(len(h) <= len(every) for _, h in narrowed)
    assert any(0 < len(h) < len(every) for _, h in narrowed)
    assert hits(date_from="2099-01-01") == []
    khalilzad = hits(entity="Zalmay Khalilzad")
    assert khalilzad and set(khalilzad) < set(every)
    unknown = client.get("/", params={"q": "Taliban", "entity": "<script>nobody"}).text
    assert "&lt;script&gt;nobody" in unknown and "<script>nobody" not in unknown


def test_nav_links_to_graph_and_map(client: TestClient) -> None:
    html = client.get("/").text
    assert '<a href="/graph">Graph</a>' in html and '<a href="/map">Map</a>' in html
