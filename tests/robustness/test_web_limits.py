"""The web app under hostile requests (issue 11, items 4, 6 and the web part of 14).

Oversized queries are a 400 with the fix, every request reads the store on a clock (503 when it
runs out, and the work stops), an upload without the token is refused before its body is read,
and no page tells a browser user to run a command.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402
from pgserver import free_port  # noqa: E402

from dossier.backends import open_store  # noqa: E402
from dossier.query.search import MAX_QUERY_CHARS  # noqa: E402
from dossier.records import Document, content_hash  # noqa: E402
from dossier.store.base import RawRecord  # noqa: E402
from dossier.web.app import make_app  # noqa: E402
from dossier.web.upload import MAX_TOTAL  # noqa: E402

GUARD_SECONDS = 2.0  # against hangs only
TOKEN = "s3cret"
ARTICLES = [
    ("Taliban and US Sign Deal in Doha",
     "DOHA — The United States and the Taliban signed an agreement in Doha on Saturday, officials said."),
    ("UN Monitors See Ties", "KABUL — UN monitors said the Taliban and al-Qaeda remain closely aligned."),
] + [(f"Brief {i}", f"Officials in Kabul gave briefing number {i} on the Taliban and the talks.") for i in range(40)]
# What a page must not tell a browser user: a command to run, an option to pass.
CLI_HINT = re.compile(r"`|\bdossier (?:ingest|search|entities|docs|ask|serve|timeline|graph)\b|(?<![\w-])--[a-z]")


def fill(url: str, articles: list[tuple[str, str]]) -> str:
    store = open_store(url, create=True)
    for title, text in articles:
        doc = Document(id=content_hash(text), source=f"{title}.txt", title=title, text=text, raw_text=text)
        store.add_document(doc, RawRecord(sha256=hashlib.sha256(text.encode()).hexdigest(), doc_id=doc.id,
                                          source=doc.source, data=text.encode()))
    store.close()
    return url


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "postgres":
        return fill(request.getfixturevalue("postgres_server").create_database(), ARTICLES)
    return fill(str(tmp_path_factory.mktemp("web") / "limits.db"), ARTICLES)


@pytest.fixture(scope="module")
def client(db: str) -> TestClient:
    return TestClient(make_app(db))


HTML = {"accept": "text/html"}


# ---- hostile queries ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/api/search"])
def test_search_over_the_cap_is_400_with_the_fix(client: TestClient, path: str) -> None:
    r = client.get(path, params={"q": "Taliban " * 1_250})
    assert r.status_code == 400
    assert r.json() == {"ok": False, "status": 400, "error": r.json()["error"]}
    assert "10,000 characters long, over the limit of 1,000" in r.json()["error"]
    page = client.get(path, params={"q": "w " * 600}, headers=HTML)
    assert page.status_code == 400 and "over the limit of 1,000" in page.text
    assert ("<h1>Error 400</h1>" in page.text) is (path == "/")  # the API answers JSON to browsers too


def test_search_repeated_word_gives_the_single_words_results(client: TestClient) -> None:
    started = time.perf_counter()
    repeated = client.get("/api/search", params={"q": " ".join(["Taliban"] * 120), "limit": 50}).json()
    assert time.perf_counter() - started < GUARD_SECONDS
    single = client.get("/api/search", params={"q": "Taliban", "limit": 50}).json()
    assert repeated["results"] == single["results"] and len(single["results"]) == len(ARTICLES)


def test_search_box_caps_what_a_browser_sends(client: TestClient) -> None:
    assert f'maxlength="{MAX_QUERY_CHARS}"' in client.get("/").text
    assert f'maxlength="{MAX_QUERY_CHARS}"' in client.get("/ask").text


@pytest.mark.parametrize(("path", "fragment"), [
    ("/ask?q=" + "why " * 300, "Question is 1,200 characters long, over the limit of 1,000"),
    ("/api/ask?q=" + "why " * 300, "over the limit of 1,000"),
    ("/entity/" + "x" * 1_200, "over the limit of 1,000"),
    ("/timeline?entity=" + "x" * 1_200, "over the limit of 1,000"),
])
def test_other_text_inputs_are_capped(client: TestClient, path: str, fragment: str) -> None:
    r = client.get(path)
    assert r.status_code == 400 and fragment in r.json()["error"]


# ---- the time budget ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/?q=Taliban", "/api/search?q=Taliban", "/", "/claims", "/timeline",
                                  "/entities", "/ask?q=What did the Taliban say?", "/map", "/graph"])
def test_a_spent_time_budget_is_503_with_a_message(db: str, path: str) -> None:
    spent = TestClient(make_app(db, time_budget=0.0))
    started = time.perf_counter()
    r = spent.get(path)
    assert time.perf_counter() - started < GUARD_SECONDS
    assert r.status_code == 503, r.text
    assert "took more than 0 seconds and was stopped" in r.json()["error"]
    page = spent.get(path, headers=HTML)
    assert page.status_code == 503 and "narrow it" in page.text
    assert ("<h1>Error 503</h1>" in page.text) is not path.startswith("/api/")


def test_time_budget_stops_the_work_not_only_the_answer(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A page that reads every document slowly stops reading at the deadline (the map page here:
    claims, graph and timeline read what ingest stored, so the map is the page that reads them all)."""
    from dossier import service

    read: list[str] = []
    every = service.all_documents

    def slow_documents(store: Any) -> Iterator[Any]:
        for doc in every(store):
            read.append(doc.id)
            time.sleep(0.05)  # 42 documents: 2.1 s without a budget
            yield doc

    monkeypatch.setattr(service, "all_documents", slow_documents)
    started = time.perf_counter()
    r = TestClient(make_app(db, time_budget=0.3)).get("/map")
    elapsed = time.perf_counter() - started
    assert r.status_code == 503
    assert 0 < len(read) < len(ARTICLES) // 2 and elapsed < 1.5, (len(read), elapsed)


def test_the_default_budget_answers_normally(client: TestClient) -> None:
    assert client.get("/", params={"q": "Taliban"}).status_code == 200


# ---- uploads: the token and the size before the body ---------------------------------------------


FILE_PART = (b'--xyz\r\nContent-Disposition: form-data; name="files"; filename="big.txt"\r\n'
             b"Content-Type: text/plain\r\n\r\n")


def run_asgi(app: Any, *, headers: dict[str, str], query: str = "", chunks: int, chunk: int = 2**20
             ) -> tuple[int, int]:
    """POST /ingest straight to the ASGI app: one file part of ``chunks`` × ``chunk`` bytes, counting
    what the app reads; returns (status, bytes read)."""
    read = 0
    sent = 0
    status = 0

    async def receive() -> dict[str, Any]:
        nonlocal read, sent
        if sent >= chunks:
            return {"type": "http.disconnect"}
        body = (FILE_PART if sent == 0 else b"") + b"x" * chunk
        sent += 1
        read += len(body)
        return {"type": "http.request", "body": body, "more_body": sent < chunks}

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
             "scheme": "http", "path": "/ingest", "raw_path": b"/ingest", "query_string": query.encode(),
             "root_path": "", "client": ("127.0.0.1", 5000), "server": ("127.0.0.1", 80),
             "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()]}
    asyncio.run(app(scope, receive, send))
    return status, read


MULTIPART = {"content-type": "multipart/form-data; boundary=xyz"}


@pytest.mark.parametrize("auth", [{}, {"authorization": "Bearer wrong"}, {"cookie": "dossier_token=wrong"}])
def test_upload_without_the_token_is_401_before_the_body_is_read(db: str, auth: dict[str, str]) -> None:
    app = make_app(db, token=TOKEN)
    status, read = run_asgi(app, headers={**MULTIPART, "content-length": str(285 * 2**20), **auth}, chunks=285)
    assert (status, read) == (401, 0)
    status, read = run_asgi(app, headers={**MULTIPART, **auth}, query="token=wrong", chunks=285)  # chunked
    assert (status, read) == (401, 0)


def test_upload_declared_over_the_limit_is_413_before_the_body_is_read(db: str) -> None:
    app = make_app(db, token=TOKEN)
    headers = {**MULTIPART, "content-length": str(285 * 2**20), "authorization": f"Bearer {TOKEN}"}
    assert run_asgi(app, headers=headers, chunks=285) == (413, 0)


def test_upload_without_a_declared_size_is_cut_off_at_the_limit(db: str) -> None:
    app = make_app(db, token=TOKEN)
    status, read = run_asgi(app, headers={**MULTIPART, "authorization": f"Bearer {TOKEN}"}, chunks=285)
    assert status == 413
    assert MAX_TOTAL < read <= MAX_TOTAL + 2 * 2**20  # 52 MB read of 285, not all of it


@pytest.fixture(scope="module")
def server(db: str) -> Iterator[int]:
    """The token-mode app behind a real uvicorn on 127.0.0.1; yields its port."""
    import uvicorn

    port = free_port()
    uv = uvicorn.Server(uvicorn.Config(make_app(db, token=TOKEN), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not uv.started and time.monotonic() < deadline:
        time.sleep(0.02)
    assert uv.started
    yield port
    uv.should_exit = True
    thread.join(10)


@pytest.mark.parametrize(("auth", "expected"), [("Bearer wrong", b"401"), (f"Bearer {TOKEN}", b"413")])
def test_upload_over_a_socket_is_answered_before_the_body_is_sent(server: int, auth: str, expected: bytes) -> None:
    with socket.create_connection(("127.0.0.1", server), timeout=GUARD_SECONDS) as sock:
        sock.sendall(b"POST /ingest HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: multipart/form-data; boundary=xyz\r\n"
                     b"Content-Length: 298844160\r\nAuthorization: " + auth.encode() + b"\r\n\r\n")
        started = time.perf_counter()
        answer = sock.recv(4096)  # not one byte of the 285 MB body was sent
    assert answer.startswith(b"HTTP/1.1 " + expected), answer[:80]
    assert time.perf_counter() - started < GUARD_SECONDS


# ---- messages a browser user can act on ------------------------------------------------------------


@pytest.mark.parametrize(("path", "status", "link"), [
    ("/doc/doesnotexist", 404, "/"),
    ("/doc/doesnotexist/raw", 404, "/"),
    ("/entity/Nobody Atall", 404, "/entities"),
    ("/timeline?entity=Nobody Atall", 400, "/entities"),
    ("/timeline?start=notadate", 400, None),
    ("/timeline?start=2022&end=2021", 400, None),
    ("/graph?as_of=June", 400, None),
    ("/graph?entity=Nobody Atall", 400, "/entities"),
    ("/graph?type=bogus", 400, None),
    ('/?q="unclosed', 400, None),
    ("/?q=a*", 400, None),
    ("/ask?q=" + "x" * 1_001, 400, None),
])
def test_error_pages_say_what_to_do_in_the_browser(client: TestClient, path: str, status: int,
                                                    link: str | None) -> None:
    page = client.get(path, headers=HTML)
    assert page.status_code == status
    message = re.search(r'<p class="error">(.*?)</p>', page.text, re.S)
    assert message and message.group(1).strip(), page.text
    assert not CLI_HINT.search(page.text), CLI_HINT.search(page.text)
    assert not CLI_HINT.search(client.get(path).json()["error"])
    if link is not None:
        assert f'<a href="{link}">' in page.text.split('<p class="error">')[1]


def test_search_filter_notice_has_no_command(client: TestClient) -> None:
    page = client.get("/", params={"q": "Taliban", "entity": "Nobody Atall"})
    assert page.status_code == 200 and "No single entity in this store is named" in page.text
    assert not CLI_HINT.search(page.text)


def test_upload_errors_have_no_command(client: TestClient) -> None:
    form = client.get("/ingest").text
    csrf = re.search(r'name="csrf" value="([0-9a-f]+)"', form)
    assert csrf
    big = client.post("/ingest", data={"csrf": csrf.group(1)}, headers=HTML,
                      files={"files": ("big.txt", b"a" * (11 * 2**20), "text/plain")})
    assert big.status_code == 413 and "split it into smaller files" in big.text
    stale = client.post("/ingest", data={"csrf": "0" * 64, "text": "x"}, headers=HTML)
    assert stale.status_code == 403 and '<a href="/ingest">' in stale.text
    for page in (big.text, stale.text):
        assert not CLI_HINT.search(page), CLI_HINT.search(page)


def test_empty_store_links_to_the_ingest_page(tmp_path: Path) -> None:
    empty = TestClient(make_app(fill(str(tmp_path / "empty.db"), [])))
    page = empty.get("/").text
    assert 'The store is empty: <a href="/ingest">' in page and not CLI_HINT.search(page)
    assert "No document matches these filters." in empty.get("/", params={"outlet": "Nowhere"}).text
