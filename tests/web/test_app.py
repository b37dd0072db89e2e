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


SEEDS = Path(__file__).resolve().parents[3] / "shared" / "corpus" / "seeds"


def build_store(tmp: Path, *, samples: bool, seeds: bool = False, db: str | None = None) -> tuple[str, str]:
    """A store with the XSS fixture (and the samples, and the seed articles when present);
    returns (db path or URL, id of the XSS document)."""
    db = db or str(tmp / "web.db")
    inputs = [str(write_xss_fixture(tmp))] + ([str(SAMPLES)] if samples else [])
    if seeds and SEEDS.is_dir():
        inputs.append(str(SEEDS))
    store = open_store(db, create=True)
    try:
        ingest(inputs, store=store, workers=1)
        xss = [h.id for h in store.search('"hostile payload"')]
    finally:
        store.close()
    assert len(xss) == 1, "the XSS fixture was not stored"
    return db, xss[0]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def store_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """The samples and the XSS fixture, in each store backend: every page is tested on both."""
    url = request.getfixturevalue("postgres_server").create_database() if request.param == "postgres" else None
    return build_store(tmp_path_factory.mktemp("web"), samples=True, db=url)


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


def test_serve_passes_its_time_budget_to_the_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    import dossier.web.app as web_app
    from dossier.backends import open_store
    from dossier.cli.serve import register

    open_store(tmp_path / "x.db", create=True).close()
    made: dict[str, object] = {}
    real = web_app.make_app
    monkeypatch.setattr(web_app, "make_app", lambda db, **kw: made.update(kw) or real(db, **kw))
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: made.update(served=kw))
    app = typer.Typer()
    app.callback()(lambda: None)
    register(app)
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--time-budget", "5"])
    assert result.exit_code == 0, result.output
    assert made["time_budget"] == 5.0 and made["served"] == {"host": "127.0.0.1", "port": 8000, "log_level": "warning"}
    assert CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "x.db"), "--time-budget", "0"]).exit_code == 2


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
    assert 'data-iso="AF"' in html  # the country outlines under the events
    links = re.findall(r'<li><a href="(/doc/[^"]+)">([^<]*)</a></li>', html)
    assert [href for href, label in links if "Kabul" in label], "no listed event at Kabul"
    assert all(re.fullmatch(r"/doc/\w+\?hl=\d+-\d+#c\d+", href) for href, _ in links)
    marks = re.findall(r'<a class="(dot|cluster)" href="([^"]+)"', html)
    assert marks and all(href.startswith("/doc/" if kind == "dot" else "#cluster-") for kind, href in marks)
    anchors = set(re.findall(r'<li id="(cluster-\d+)">', html))
    assert {href[1:] for kind, href in marks if kind == "cluster"} <= anchors
    later = client.get("/map", params={"start": "2099"}).text
    assert '<a class="dot"' not in later and '<a class="cluster"' not in later
    assert "the whole world is shown" in later


def test_search_filters_narrow_hits(client: TestClient) -> None:
    def hits(**params: str) -> list[str]:
        return re.findall(r'<li class="hit">\s*<a href="/doc/(\w+)"', client.get("/", params={"q": "Taliban", **params}).text)

    every = hits()
    page = client.get("/", params={"q": "Taliban"}).text
    outlet_select = re.search(r'name="outlet">(.*?)</select>', page, re.S)
    assert outlet_select
    outlets = re.findall(r'<option value="([^"]+)"', outlet_select.group(1))
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


ARTICLE = ("Envoys Meet in Doha for a Further Round of Talks\n\nBy Staff Writer\nAugust 4, 2021\n\n"
           "Negotiators from the Afghan government met Taliban representatives in Doha on Tuesday, officials said. "
           "The two sides agreed to continue the talks next week, according to a statement from the Qatari "
           "foreign ministry. Diplomats said the meeting lasted four hours and ended without a breakthrough.\n")


@pytest.fixture()
def fresh(tmp_path: Path) -> TestClient:
    return TestClient(make_app(build_store(tmp_path, samples=False)[0]))


def csrf_of(client: TestClient) -> str:
    found = re.search(r'name="csrf" value="([0-9a-f]+)"', client.get("/ingest").text)
    assert found
    return found.group(1)


def test_ingest_upload_adds_a_document(fresh: TestClient) -> None:
    r = fresh.post("/ingest", data={"csrf": csrf_of(fresh)},
                   files={"files": ("doha.txt", ARTICLE.encode(), "text/plain")})
    assert r.status_code == 200, r.text
    added = re.findall(r'<a href="/doc/(\w+)">', r.text.split("<h3>Added</h3>")[1])
    assert len(added) == 1 and "1 input processed" in r.text and "1 document added" in r.text
    assert f'href="/doc/{added[0]}"' in fresh.get("/").text
    again = fresh.post("/ingest", data={"csrf": csrf_of(fresh)},
                       files={"files": ("copy.txt", ARTICLE.encode(), "text/plain")})
    assert again.status_code == 200 and "0 documents added" in again.text


def test_ingest_pasted_text(fresh: TestClient) -> None:
    r = fresh.post("/ingest", data={"csrf": csrf_of(fresh), "text": ARTICLE})
    assert r.status_code == 200 and "1 document added" in r.text
    assert fresh.get("/api/search", params={"q": "Qatari"}).json()["results"]


def test_ingest_limits_csrf_and_token(fresh: TestClient, store_db: tuple[str, str]) -> None:
    big = fresh.post("/ingest", data={"csrf": csrf_of(fresh)},
                     files={"files": ("big.txt", b"a" * (11 * 1024 * 1024), "text/plain")})
    assert big.status_code == 413 and big.json()["status"] == 413
    assert fresh.post("/ingest", data={"text": ARTICLE}).status_code == 403
    assert fresh.post("/ingest", data={"text": ARTICLE, "csrf": "0" * 64}).status_code == 403
    html = fresh.post("/ingest", data={"text": ARTICLE}, headers={"accept": "text/html"})
    assert html.status_code == 403 and "<h1>Error 403</h1>" in html.text
    locked_app = make_app(store_db[0], token="s3cret")
    locked = TestClient(locked_app)
    form = locked.get("/ingest", params={"token": "s3cret"}).text
    assert 'action="/ingest?token=s3cret"' in form  # browsers without the cookie still send it, in the URL
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form)
    assert csrf
    anonymous = TestClient(locked_app)  # same process secret, no cookie
    assert anonymous.post("/ingest", data={"csrf": csrf.group(1), "text": " "}).status_code == 401
    # the token is checked before the body is read, so one inside the body does not count
    assert anonymous.post("/ingest", data={"csrf": csrf.group(1), "token": "s3cret", "text": " "}).status_code == 401
    assert anonymous.post("/ingest?token=s3cret", data={"csrf": csrf.group(1), "text": " "}).status_code == 400


def test_ingest_client_file_name_never_becomes_a_path(fresh: TestClient, tmp_path: Path) -> None:
    target = tmp_path / "escaped.txt"
    for name in ("../../etc/passwd", f"../../../../../../..{target}", "..\\..\\win.ini"):
        r = fresh.post("/ingest", data={"csrf": csrf_of(fresh)},
                       files={"files": (name, ARTICLE.encode(), "text/plain")})
        assert r.status_code == 200, r.text
    assert not target.exists()
    assert not (tmp_path.parent / "etc").exists()


def test_safe_name() -> None:
    from dossier.web.upload import safe_name

    assert safe_name(3, "../../etc/passwd") == "upload-003"
    assert safe_name(0, "a/b/Story.HTML") == "upload-000.html"
    assert safe_name(1, "x.t/xt") == "upload-001"
    assert safe_name(2, None) == "upload-002"


def test_timeline_zoom_links_to_the_next_level(client: TestClient) -> None:
    years = client.get("/timeline", params={"zoom": "year"}).text
    links = re.findall(r'href="/timeline\?zoom=month&amp;start=(\d{4})&amp;end=(\d{4})[^"]*">(\d{4})</a>', years)
    assert links and all(a == b == c for a, b, c in links)
    year = links[0][0]
    months = client.get("/timeline", params={"zoom": "month", "start": year, "end": year}).text
    assert re.search(rf'href="/timeline\?zoom=day&amp;start={year}-\d\d&amp;end={year}-\d\d', months)
    counts = [int(n) for n in re.findall(r'class="count">(\d+) event', years)]
    assert sum(counts) == int(re.search(r"Timeline \((\d+) events\)", years).group(1))  # type: ignore[union-attr]
    assert client.get("/timeline", params={"zoom": "decade"}).status_code == 400


def test_event_type_filter_narrows_hits(client: TestClient) -> None:
    def hits(**params: str) -> list[str]:
        return re.findall(r'<li class="hit">\s*<a href="/doc/(\w+)"', client.get("/", params={"q": "Taliban", **params}).text)

    every = hits()
    sizes = {t: len(hits(event_type=t)) for t in ("ASSAULT", "CONSULT", "AGREE", "ACCUSE", "COERCE")}
    assert all(n <= len(every) for n in sizes.values())
    assert any(0 < n < len(every) for n in sizes.values()), sizes
    assert hits(event_type="NOT_A_TYPE") == []


def test_entity_page_of_a_much_named_actor_reads_the_newest_documents_and_says_so(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    import dossier.web.app as web_app

    monkeypatch.setattr(web_app, "ENTITY_PAGE_DOCUMENTS", 2)
    html = client.get("/entity/Taliban").text
    assert "come from the newest 2 of" in html and 'href="/?entity=ent_' in html
    monkeypatch.setattr(web_app, "ENTITY_PAGE_DOCUMENTS", 10_000)
    assert "come from the newest" not in client.get("/entity/Taliban").text
