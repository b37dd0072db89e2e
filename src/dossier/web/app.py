"""The FastAPI app behind `dossier serve`: server-rendered pages and a JSON API over one store.

Article text is untrusted. Every page is rendered by Jinja2 with autoescape on; the only
markup built in Python (highlighted snippets and annotated documents) escapes each text slice
and adds its own ``<mark>`` tags around them. A strict Content-Security-Policy goes on every
response, no request path reaches the filesystem (static files come from an allow-list of
names inside the package), and when a token is set every request must carry it: it is checked
before anything else, so an upload without it is refused before its body is read.

Every request that reads the store gets a time budget (``make_app(time_budget=…)``, 30 s by
default): a read still running then is stopped and the page says so (503), so a hostile query
cannot keep a core busy after its client has gone. Messages speak to someone in a browser: they
link to the page that helps, never to a command line.
"""

from __future__ import annotations

import hmac
import importlib.resources
import ipaddress
import logging
import re
import secrets
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import FastAPI, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape
from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException as StarletteHTTPException

from dossier import service
from dossier.dates import label_of
from dossier.errors import ConfigError, DossierError, QueryError, QueryTimeout, StoreError
from dossier.searchlang import MAX_QUERY_CHARS
from dossier.store.base import EntityRow, Store
from dossier.web.upload import MAX_TOTAL, MAX_UPLOAD, ZOOMS, buckets, csrf_token, safe_name

__all__ = ["SECURITY_HEADERS", "TIME_BUDGET", "WebError", "highlight_snippet", "is_loopback", "make_app",
           "render_spans"]

log = logging.getLogger(__name__)

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}
# The only files a request can read: name → media type. Nothing else under static/ is served.
STATIC_FILES = {"dossier.css": "text/css; charset=utf-8"}
TOKEN_COOKIE = "dossier_token"
# Segment kinds that are kept as the article body; every other kind was dropped (or used as metadata).
KEPT_SEGMENTS = frozenset({"body"})
ALERTS_SHOWN = 200  # newest alerts on the What changed page and in the Atom feed
ENTITY_PAGE_DOCUMENTS = 300  # an entity page reads at most this many documents, the newest
TIME_BUDGET = 30.0  # seconds a request may read the store (the claims page reads ~10 ms per document)
_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")
ENTITIES_LINK = ("/entities", "See every entity")
SEARCH_LINK = ("/", "Search the documents")
INGEST_LINK = ("/ingest", "Back to the Ingest page")
CLAIM_STATUSES = ("disputed", "changed", "agreed")  # the order the claims page lists them in


class _BodyTooLarge(Exception):
    """Raised from the upload's receive channel once the body passes the limit (chunked uploads)."""


class WebError(Exception):
    """An error that carries its HTTP status; rendered as ``{"ok": false, "error": ..., "status": ...}``.

    ``link`` (href, text) is a page that helps, shown under the message on the HTML error page.
    """

    def __init__(self, status: int, message: str, *, link: tuple[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.message = message
        self.link = link


def is_loopback(host: str) -> bool:
    """True for localhost and loopback addresses (127.0.0.0/8, ::1)."""
    if host.casefold() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def highlight_snippet(snippet: str) -> Markup:
    """HTML for a store snippet: the text escaped, the \\x02 … \\x03 markers turned into <mark>."""
    parts: list[str] = []
    buf: list[str] = []
    open_mark = False
    for char in snippet:
        if char in "\x02\x03":
            parts.append(str(escape("".join(buf))))
            buf = []
            if char == "\x02" and not open_mark:
                parts.append("<mark>")
                open_mark = True
            elif char == "\x03" and open_mark:
                parts.append("</mark>")
                open_mark = False
        else:
            buf.append(char)
    parts.append(str(escape("".join(buf))))
    if open_mark:
        parts.append("</mark>")
    return Markup("".join(parts))


@dataclass(frozen=True, slots=True)
class Annot:
    """A span of the document to wrap in ``<mark>``; ``attrs`` values are escaped when rendered."""

    start: int
    end: int
    cls: str
    attrs: tuple[tuple[str, str], ...] = ()
    rank: int = 0  # on equal spans the lower rank is the outer element


def _open_tag(a: Annot) -> str:
    attrs = "".join(f' {name}="{escape(value)}"' for name, value in a.attrs)
    return f'<mark class="{escape(a.cls)}"{attrs}>'


def render_spans(text: str, annots: list[Annot]) -> Markup:
    """``text`` escaped slice by slice, with properly nested <mark> elements for ``annots``.

    A span that crosses the end of an enclosing one is clipped to it (HTML cannot overlap).
    """
    size = len(text)
    spans = sorted((a for a in annots if 0 <= a.start < a.end <= size),
                   key=lambda a: (a.start, -a.end, a.rank))
    out: list[str] = []
    stack: list[Annot] = []
    pos = 0

    def close_until(limit: int) -> None:
        nonlocal pos
        while stack and stack[-1].end <= limit:
            top = stack.pop()
            out.append(str(escape(text[pos:top.end])))
            pos = top.end
            out.append("</mark>")

    for a in spans:
        close_until(a.start)
        if stack and a.end > stack[-1].end:
            a = Annot(a.start, stack[-1].end, a.cls, a.attrs, a.rank)
            if a.start >= a.end:
                continue
        out.append(str(escape(text[pos:a.start])))
        pos = a.start
        out.append(_open_tag(a))
        stack.append(a)
    close_until(size)
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))


def _doc_annots(doc: Any, cited: tuple[int, int] | None) -> list[Annot]:
    annots: list[Annot] = []
    if cited is not None:
        annots.append(Annot(cited[0], cited[1], "cited", (("id", f"c{cited[0]}"),), rank=0))
    for ev in doc.events:
        annots.append(Annot(ev.span.start, ev.span.end, "event",
                            (("data-event-type", ev.type), ("title", f"{ev.type}: {ev.action}")), rank=1))
    for q in doc.quotes:
        speaker = q.speaker or "unknown speaker"
        annots.append(Annot(q.span.start, q.span.end, "quote",
                            (("data-speaker", speaker), ("data-speaker-id", q.speaker_id or ""),
                             ("title", f"Speaker: {speaker}")), rank=2))
    for ref in doc.entities:
        for m in ref.mentions:
            annots.append(Annot(m.span.start, m.span.end, f"entity ent-{m.label.lower()}",
                                (("data-entity-id", ref.entity_id or ""), ("data-label", m.label),
                                 ("data-name", ref.name), ("title", f"{ref.name} ({m.label})")), rank=3))
    return annots


def _error_json(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def _query_token(request: Request) -> str | None:
    return request.query_params.get("token")


def make_app(db: str, *, token: str | None = None, time_budget: float = TIME_BUDGET) -> FastAPI:
    """The web app over the store at ``db``; with ``token``, every request must present it.

    The token is accepted as ``?token=``, as ``Authorization: Bearer …``, or as the cookie set
    after a successful ``?token=`` request (so links inside the UI keep working). Each request
    may read the store for ``time_budget`` seconds; then it is stopped and answered with 503.
    """
    app = FastAPI(title="Dossier", docs_url=None, redoc_url=None, openapi_url=None)
    env = Environment(loader=PackageLoader("dossier.web", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.filters["snippet"] = highlight_snippet
    env.filters["short"] = lambda value: (value or "")[:8]
    env.filters["pubdate"] = label_of  # a publication date, inferred ones marked ("~2013", "≥2021-08-26")
    env.globals["cite_url"] = lambda doc, start, end: f"/doc/{quote(str(doc))}?hl={int(start)}-{int(end)}#c{int(start)}"
    env.globals["entity_url"] = lambda entity_id: f"/entity/{quote(str(entity_id), safe='')}"

    @contextmanager
    def opened() -> Iterator[Store]:
        with service.reading(db, time_budget=time_budget) as store:
            yield store

    def page(name: str, code: int = 200, **context: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**context), status_code=code)

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")

    def error(request: Request, status: int, message: str, link: tuple[str, str] | None = None) -> Response:
        if wants_html(request):
            return page("error.html", status, status=status, message=message, link=link, title=f"Error {status}")
        return _error_json(status, message)

    def authorised(request: Request) -> bool:
        if token is None:
            return True
        given = [_query_token(request), request.cookies.get(TOKEN_COOKIE)]
        auth = request.headers.get("authorization", "")
        if auth[:7].lower() == "bearer ":
            given.append(auth[7:].strip())
        return any(g is not None and hmac.compare_digest(g.encode(), token.encode()) for g in given)

    csrf_secret = secrets.token_bytes(32)
    env.globals["csrf"] = csrf_token(csrf_secret, token)
    env.globals["form_token"] = token or ""

    @app.middleware("http")
    async def guard(request: Request, call_next: Any) -> Response:
        # Before any handler runs, so before any body is read: an upload without the token is
        # refused at once (the ingest form posts to /ingest?token=… for browsers without the cookie).
        if not authorised(request):
            response: Response = _error_json(401, "A token is required: add ?token=… or an "
                                                  "'Authorization: Bearer …' header.")
        else:
            response = await call_next(request)
            if token is not None and _query_token(request) is not None:
                response.set_cookie(TOKEN_COOKIE, token, httponly=True, samesite="strict")
        for name, value in SECURITY_HEADERS.items():
            response.headers[name] = value
        return response

    @app.exception_handler(WebError)
    async def web_error(request: Request, exc: WebError) -> Response:
        return error(request, exc.status, exc.message, exc.link)

    @app.exception_handler(QueryTimeout)
    async def timed_out(request: Request, exc: QueryTimeout) -> Response:
        log.warning("%s stopped after its time budget of %g s", request.url.path, time_budget)
        return error(request, 503, f"This page took more than {time_budget:g} seconds and was stopped, so the "
                                   "server stays free for everyone; narrow it (fewer or rarer search words, a date "
                                   "range, one entity) and try again.")

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Response:
        return error(request, 400, str(exc))

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        log.error("cannot read the store for %s: %s", request.url.path, exc)
        return error(request, 500, "The server cannot read its store right now; tell whoever runs this "
                                   "Dossier server (the reason is in its log).")

    @app.exception_handler(DossierError)
    async def dossier_error(request: Request, exc: DossierError) -> Response:
        return error(request, 500, str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = "Not found." if exc.status_code == 404 else str(exc.detail)
        return error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg')}" for e in exc.errors())
        return error(request, 400, f"Bad request: {problems}")

    # ---- pages -------------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse)
    def search_page(q: str = "", limit: int = 20, outlet: str = "", date_from: str = "", date_to: str = "",
                    entity: str = "", event_type: str = "") -> HTMLResponse:
        limit = max(1, min(limit, 200))
        filters = {"outlet": outlet, "date_from": date_from, "date_to": date_to, "entity": entity.strip(),
                   "event_type": event_type.strip().upper()}
        notice = ""
        with opened() as store:
            outlets = sorted({d.outlet for d in service.documents(store) if d.outlet})
            doc_ids: set[str] | None = None
            if filters["entity"]:
                try:
                    doc_ids = _entity_doc_ids(store, filters["entity"])
                except WebError as exc:
                    notice, doc_ids = exc.message, set()
            if filters["event_type"]:
                typed = service.doc_ids_with_event(store, filters["event_type"])
                doc_ids = typed if doc_ids is None else doc_ids & typed
            keep = _doc_filter(outlet=outlet, date_from=date_from, date_to=date_to, doc_ids=doc_ids)
            filtered = any(filters.values())
            found = service.search(store, q, limit=200 if filtered else limit) if q.strip() else []
            hits = [h for h in found if keep(h)][:limit]
            recent = [] if q.strip() else [d for d in service.documents(store, limit=None if filtered else 50)
                                           if keep(d)]
        return page("search.html", q=q, hits=hits, recent=recent, outlets=outlets, filters=filters,
                    event_types=service.event_types(), notice=notice, max_query=MAX_QUERY_CHARS, title="Search")

    @app.get("/doc/{doc_id}", response_class=HTMLResponse)
    def doc_page(doc_id: str, hl: str | None = None) -> HTMLResponse:
        with opened() as store:
            doc = _get_document(store, doc_id)
            has_raw = bool(service.raws(store, doc.id))
        cited = _parse_range(hl, len(doc.text))
        body = render_spans(doc.text, _doc_annots(doc, cited))
        dropped = [{"kind": s.kind, "reason": s.reason, "text": doc.raw_text[s.start:s.end][:240]}
                   for s in doc.segments if s.kind not in KEPT_SEGMENTS]
        return page("doc.html", doc=doc, body=body, dropped=dropped, has_raw=has_raw,
                    title=doc.title or doc.id)

    @app.get("/doc/{doc_id}/raw")
    def doc_raw(doc_id: str) -> Response:
        with opened() as store:
            doc = _get_document(store, doc_id)
            raws = service.raws(store, doc.id)
        if not raws:
            raise WebError(404, f"No raw bytes are stored for document {doc.id}.")
        return Response(raws[0].data, media_type="text/plain; charset=utf-8",
                        headers={"Content-Disposition": f'attachment; filename="{doc.id}.txt"'})

    @app.get("/entities", response_class=HTMLResponse)
    def entities_page() -> HTMLResponse:
        with opened() as store:
            rows = service.entities(store)
        return page("entities.html", entities=rows, title="Entities")

    @app.get("/entity/{entity_id}", response_class=HTMLResponse)
    def entity_view(entity_id: str) -> HTMLResponse:
        with opened() as store:
            data = service.entity_page(store, _entity(store, entity_id, status=404).id,
                                       max_documents=ENTITY_PAGE_DOCUMENTS)
        return page("entity.html", e=data, title=data["name"])

    def selected_claims(filters: dict[str, str], number: int, size: int) -> tuple[list[Any], Any]:
        """(every cluster, the page of those passing ``filters``); WebError 400 for a bad filter."""
        from dossier.claims.select import Page, select_clusters

        if filters["status"] and filters["status"] not in CLAIM_STATUSES:
            raise WebError(400, f"Status must be one of {', '.join(CLAIM_STATUSES)}, not "
                                f"{_clipped(filters['status'])!r}; pick one from the list.",
                           link=("/claims", "See every claim"))
        if max(len(filters["q"]), len(filters["event"])) > MAX_QUERY_CHARS or len(filters["predicate"]) > 100:
            raise WebError(400, f"The search words are over {MAX_QUERY_CHARS:,} characters; shorten them.")
        _date_range(filters["start"], filters["end"], labels=("From", "To"))
        with opened() as store:
            keys = {filters["entity"]} if filters["entity"] else set()
            if filters["entity"]:
                keys |= _entity_keys(store, filters["entity"])
            clusters = service.claims(store)
        chosen = select_clusters(clusters, status=filters["status"] or None, entity=keys or None,
                                 predicate=filters["predicate"] or None, start=filters["start"] or None,
                                 end=filters["end"] or None, text=filters["q"] or None,
                                 event=filters["event"] or None)
        return clusters, Page.of(chosen, number=number, size=size)

    @app.get("/claims", response_class=HTMLResponse)
    def claims_page(status: str = "", entity: str = "", event: str = "", predicate: str = "", start: str = "",
                    end: str = "", q: str = "", page_number: int = Query(1, alias="page"),
                    size: int = 20) -> HTMLResponse:
        from dossier.web.views import series_chart

        filters = _claim_filters(status, entity, event, predicate, start, end, q)
        clusters, shown = selected_claims(filters, page_number, size)
        counts = {s: sum(c.status == s for c in clusters) for s in CLAIM_STATUSES}
        predicates = sorted({c.predicate for c in clusters})
        items = []
        for cluster in shown.items:
            data = cluster.to_json()
            values = data.get("values") or []
            figures = {_figure_key(v): v for v in values}
            items.append({**data, "chart": series_chart(values, data.get("series")) if values else None,
                          "undated": sum(1 for v in values if not v.get("date")),
                          "figure": lambda ev, figures=figures: figures.get(_figure_key(ev))})
        params = {**filters, "size": str(shown.size) if shown.size != 20 else ""}
        return page("claims.html", items=items, shown=shown, filters=filters, counts=counts, predicates=predicates,
                    statuses=CLAIM_STATUSES, total=len(clusters),
                    page_url=lambda n: _url("/claims", {**params, "page": str(n) if n > 1 else ""}),
                    filter_url=lambda **change: _url("/claims", {**filters, **change}), title="Claims")

    @app.get("/timeline", response_class=HTMLResponse)
    def timeline_page(entity: str | None = None, start: str | None = None, end: str | None = None,
                      zoom: str = "", page_number: int = Query(1, alias="page"), size: int = 50) -> HTMLResponse:
        from dossier.claims.select import Page
        from dossier.web.views import timeline_bars

        if zoom and zoom not in ZOOMS:
            raise WebError(400, f"Zoom must be one of {', '.join(ZOOMS)}, not {zoom!r}; pick one from the list.")
        _date_range(start or "", end or "", labels=("From", "To"))
        with opened() as store:
            entity_id = _entity(store, entity).id if entity else None
            rows = service.timeline(store, entity=entity_id, start=start or None, end=end or None)
        state = {"zoom": zoom, "start": start or "", "end": end or "", "entity": entity or ""}
        periods = buckets(rows, zoom) if zoom else []
        for b in periods:  # a period's link narrows the window to it and zooms one level in
            narrowed = {**state, "zoom": b["next"], "start": b["key"], "end": b["key"]}
            b["url"] = _url("/timeline", narrowed) if b["key"] else ""
        bars = timeline_bars([(b["key"], b["count"], b["url"] or None) for b in _with_empty_periods(periods, zoom)])
        shown = Page.of(rows, number=page_number, size=size)
        params = {**state, "size": str(shown.size) if shown.size != 50 else ""}
        return page("timeline.html", rows=list(shown.items), shown=shown, total=len(rows), entity=entity or "",
                    start=start or "", end=end or "", zoom=zoom, buckets=periods, bars=bars,
                    trail=_trail(state), neighbours=_neighbours(state),
                    zooms=[(z, _url("/timeline", {**state, "zoom": z})) for z in ZOOMS],
                    page_url=lambda n: _url("/timeline", {**params, "page": str(n) if n > 1 else ""}),
                    title="Timeline")

    @app.get("/sources", response_class=HTMLResponse)
    def sources_page() -> HTMLResponse:
        with opened() as store:
            rows = service.sources(store)
        return page("sources.html", sources=rows, title="Sources")

    def stored_alerts(since: str, kind: str, matching: str, limit: int) -> list[dict[str, Any]]:
        try:
            with opened() as store:
                return service.alerts(store, since=since or None, kinds=[kind] if kind else [],
                                      matching=bool(matching), limit=limit)
        except ConfigError as exc:  # a malformed since or kind is the request's fault
            raise WebError(400, str(exc), link=("/alerts", "All alerts")) from None

    @app.get("/alerts", response_class=HTMLResponse)
    def alerts_page(since: str = "", kind: str = "", matching: str = "") -> HTMLResponse:
        rows = stored_alerts(since, kind, matching, ALERTS_SHOWN)
        for row in rows:  # links are made by Dossier, but a page only ever follows a path on this server
            row["link"] = row["link"] if str(row.get("link", "")).startswith("/") and not \
                str(row["link"]).startswith("//") else "/"
        state = {"since": since, "kind": kind, "matching": "1" if matching else ""}
        return page("alerts.html", alerts=rows, kinds=service.alert_kinds(), filters=state, shown=ALERTS_SHOWN,
                    feed_url=_url("/alerts.atom", state), title="What changed")

    @app.get("/alerts.atom")
    def alerts_atom(request: Request, since: str = "", kind: str = "", matching: str = "") -> Response:
        try:
            with opened() as store:
                body = service.alerts_feed(store, base_url=str(request.base_url), since=since or None,
                                           kinds=[kind] if kind else [], matching=bool(matching), limit=ALERTS_SHOWN)
        except ConfigError as exc:
            raise WebError(400, str(exc), link=("/alerts", "All alerts")) from None
        return Response(body, media_type="application/atom+xml")

    @app.get("/ingest", response_class=HTMLResponse)
    def ingest_form() -> HTMLResponse:
        return page("ingest.html", report=None, max_upload=MAX_UPLOAD // 2**20, max_total=MAX_TOTAL // 2**20,
                    title="Ingest")

    @app.post("/ingest", response_class=HTMLResponse)
    async def ingest_post(request: Request) -> HTMLResponse:
        # The token was checked by guard(); the declared size is checked here, before the body is
        # read, and a body without a declared size (chunked) is cut off once it passes the limit.
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > MAX_TOTAL + 2**20:
            raise _too_big()
        try:
            return await ingest_form_body(_capped(request, MAX_TOTAL + 2**20))
        except _BodyTooLarge:
            raise _too_big() from None

    async def ingest_form_body(request: Request) -> HTMLResponse:
        async with request.form(max_files=200, max_fields=50, max_part_size=MAX_UPLOAD) as form:
            sent = form.get("csrf")
            if not isinstance(sent, str) or not hmac.compare_digest(sent, csrf_token(csrf_secret, token)):
                raise WebError(403, "The form has expired or did not come from this server; reload the Ingest "
                                    "page and submit it again.", link=("/ingest", "Reload the Ingest page"))
            uploads = [f for f in form.getlist("files") if isinstance(f, UploadFile) and (f.filename or f.size)]
            pasted = form.get("text")
            text = pasted if isinstance(pasted, str) else ""
            total = len(text.encode())
            for f in uploads:
                size = f.size or 0
                if size > MAX_UPLOAD:
                    raise WebError(413, f"{f.filename or 'An upload'} is over {MAX_UPLOAD // 2**20} MB, the limit "
                                        "for one file; split it into smaller files and upload those.",
                                   link=INGEST_LINK)
                total += size
            if total > MAX_TOTAL:
                raise _too_big()
            if not uploads and not text.strip():
                raise WebError(400, "Choose at least one file or paste some text.", link=INGEST_LINK)
            with tempfile.TemporaryDirectory(prefix="dossier-upload-") as tmp:
                names: dict[str, str] = {}
                for i, f in enumerate(uploads):
                    path = Path(tmp) / safe_name(i, f.filename)
                    path.write_bytes(await f.read())
                    names[str(path)] = f.filename or path.name
                if text.strip():
                    path = Path(tmp) / "pasted.txt"
                    path.write_text(text, encoding="utf-8")
                    names[str(path)] = "pasted text"
                report = await run_in_threadpool(_run_ingest, db, tmp)
        rejections = [{"source": _client_source(r.source, names), "reason": r.reason} for r in report.rejections]
        return page("ingest.html", report=report, processed=len(names), rejections=rejections,
                    max_upload=MAX_UPLOAD // 2**20, max_total=MAX_TOTAL // 2**20, title="Ingest report")

    @app.get("/graph", response_class=HTMLResponse)
    def graph_page(as_of: str = "", type: str = "", entity: str = "") -> HTMLResponse:
        from dossier.web.views import MAX_NODES, graph_svg

        relation_types = service.relation_types()

        if as_of and not _ISO_DATE.fullmatch(as_of):
            raise WebError(400, f"{as_of!r} in 'As of' is not a date; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2021-08.")
        if type and type not in relation_types:
            raise WebError(400, f"{type!r} is not a relation type; pick one from the list.")
        with opened() as store:
            around = _entity(store, entity) if entity else None
            try:
                graph = service.graph(store, as_of=as_of or None, types=[type] if type else None,
                                      entity=around.id if around else None)
            except QueryError:
                if around is None:
                    raise
                raise WebError(404, f"{around.name} has no relations in the graph with these filters; clear "
                                    "'Around' to see every actor.", link=("/graph", "See the whole graph")) from None
        svg, shown, total = graph_svg(graph)
        return page("graph.html", svg=svg, shown=shown, total=total, edges=graph.number_of_edges(),
                    limit=MAX_NODES, as_of=as_of, type=type, entity=entity, types=relation_types, title="Graph")

    @app.get("/map", response_class=HTMLResponse)
    def map_page(start: str = "", end: str = "", type: str = "") -> HTMLResponse:
        from dossier.web.mapview import country_names, event_points, map_view

        with opened() as store:
            docs = list(service.all_documents(store))
        types = sorted({ev.type for doc in docs for ev in doc.events})
        points, unplaced = event_points(docs, start=start, end=end, types=[type] if type else ())
        view = map_view(points, names=country_names())
        return page("map.html", view=view, placed=len(points), unplaced=unplaced,
                    approximate=sum(p.approximate for p in points), start=start, end=end, type=type,
                    types=types, title="Map")

    @app.get("/ask", response_class=HTMLResponse)
    def ask_page(q: str = "") -> HTMLResponse:
        answer = None
        if q.strip():
            with opened() as store:
                answer = service.ask(store, q).to_json()
        return page("ask.html", q=q, answer=answer, max_query=MAX_QUERY_CHARS, title="Ask")

    @app.get("/static/{name}")
    def static(name: str) -> Response:
        media_type = STATIC_FILES.get(name)
        if media_type is None:
            raise WebError(404, "Not found.")
        data = importlib.resources.files("dossier.web").joinpath("static", name).read_bytes()
        return Response(data, media_type=media_type, headers={"Cache-Control": "max-age=3600"})

    # ---- JSON API ----------------------------------------------------------------------------

    @app.get("/api/search")
    def api_search(q: str, limit: int = 20) -> dict[str, Any]:
        with opened() as store:
            hits = service.search(store, q, limit=max(1, min(limit, 200)))
        return {"ok": True, "query": q, "results": [service.hit_record(hit, digits=6) for hit in hits]}

    @app.get("/api/entities")
    def api_entities() -> dict[str, Any]:
        with opened() as store:
            rows = service.entities(store)
        return {"ok": True, "entities": [{"id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                                          "roles": list(e.roles), "documents": e.documents,
                                          "mentions": e.mentions} for e in rows]}

    @app.get("/api/claims")
    def api_claims(status: str = "", entity: str = "", event: str = "", predicate: str = "", start: str = "",
                   end: str = "", q: str = "", page_number: int = Query(1, alias="page"),
                   size: int = 20) -> dict[str, Any]:
        filters = _claim_filters(status, entity, event, predicate, start, end, q)
        _, shown = selected_claims(filters, page_number, size)
        return {"ok": True, "filters": {k: v for k, v in filters.items() if v}, "total": shown.total,
                "page": shown.number, "pages": shown.pages, "size": shown.size,
                "claims": [c.to_json() for c in shown.items]}

    @app.get("/api/ask")
    def api_ask(q: str) -> dict[str, Any]:
        if not q.strip():
            raise WebError(400, "Ask a question: /api/ask?q=…")
        with opened() as store:
            return {"ok": True, "question": q, **service.ask(store, q).to_json()}

    return app


def _run_ingest(db: str, folder: str) -> Any:
    store = service.open_store(db)
    try:
        return service.ingest([folder], store=store, workers=1)
    finally:
        store.close()


def _client_source(source: str, names: dict[str, str]) -> str:
    """The name the client gave for a rejected temp file (a source may carry a ``#line`` suffix)."""
    for path, name in names.items():
        if source.startswith(path):
            return name + source[len(path):]
    return source.rsplit("/", 1)[-1]


def _entity_doc_ids(store: Store, name: str) -> set[str]:
    """Ids of the documents that mention the entity named (or aliased, or with the id) ``name``."""
    return service.entity_doc_ids(store, _entity(store, name).id)


def _url(path: str, params: dict[str, str]) -> str:
    """``path`` with the non-empty ``params`` as its query string (in their order): a shareable page state."""
    kept = {k: v for k, v in params.items() if v}
    return f"{path}?{urlencode(kept)}" if kept else path


MAX_EMPTY_PERIODS = 400  # a zoom spanning more periods than this draws only those with events


def _with_empty_periods(periods: list[dict[str, Any]], zoom: str) -> list[dict[str, Any]]:
    """``periods`` (timeline buckets in date order) with the periods between them that have no event, so the
    bars keep time to scale; unchanged when there are none or more than MAX_EMPTY_PERIODS would be added."""
    size = ZOOMS.get(zoom, 0)
    keys = [b["key"] for b in periods if len(b["key"]) == size]
    if len(keys) < 2:
        return periods
    try:
        first, last = date.fromisoformat((keys[0] + "-01-01")[:10]), date.fromisoformat((keys[-1] + "-01-01")[:10])
    except ValueError:  # a malformed stored date: draw what there is
        return periods
    if zoom == "day":
        span = (last - first).days
        every = [date.fromordinal(first.toordinal() + i).isoformat() for i in range(span + 1)] \
            if span <= MAX_EMPTY_PERIODS else []
    elif zoom == "month":
        months = (last.year - first.year) * 12 + last.month - first.month
        every = [f"{first.year + (first.month - 1 + i) // 12:04d}-{(first.month - 1 + i) % 12 + 1:02d}"
                 for i in range(months + 1)] if months <= MAX_EMPTY_PERIODS else []
    else:
        every = [f"{y:04d}" for y in range(first.year, last.year + 1)] if last.year - first.year <= MAX_EMPTY_PERIODS \
            else []
    have = {b["key"] for b in periods}
    empty = [{"key": k, "count": 0, "next": "", "url": ""} for k in every if k not in have]
    return sorted([*periods, *empty], key=lambda b: (b["key"] == "", b["key"]))


def _claim_filters(status: str, entity: str, event: str, predicate: str, start: str, end: str,
                   q: str) -> dict[str, str]:
    """The claims page's filters, trimmed, in the order they appear in its URLs."""
    return {"status": status.strip(), "entity": entity.strip(), "event": event.strip(),
            "predicate": predicate.strip(), "start": start.strip(), "end": end.strip(), "q": q.strip()}


def _figure_key(evidence: dict[str, Any]) -> tuple[Any, ...]:
    """What ties a side's evidence to its figure in a cluster's ``values`` (one sentence may give several)."""
    return evidence.get("doc"), evidence.get("start"), evidence.get("date"), evidence.get("modality")


def _trail(state: dict[str, str]) -> list[tuple[str, str]]:
    """(label, url) from the whole timeline down to the period the window is narrowed to (start = end)."""
    base = {"entity": state["entity"]}
    trail = [("All dates", _url("/timeline", {"zoom": "year", **base}))]
    window = state["start"]
    if window and window == state["end"] and _ISO_DATE.fullmatch(window):
        for size, zoom in ((4, "month"), (7, "day"), (10, "")):
            if len(window) >= size:
                key = window[:size]
                trail.append((key, _url("/timeline", {"zoom": zoom, "start": key, "end": key, **base})))
    return trail


def _neighbours(state: dict[str, str]) -> list[tuple[str, str, str]]:
    """(rel, label, url) for the periods before and after the one the window is narrowed to, at the same zoom."""
    key = state["start"]
    if not key or key != state["end"] or not _ISO_DATE.fullmatch(key):
        return []
    try:
        if len(key) == 4:
            year = int(key)
            near = [f"{year - 1:04d}", f"{year + 1:04d}"]
        elif len(key) == 7:
            index = int(key[:4]) * 12 + int(key[5:]) - 1
            near = [f"{(index + step) // 12:04d}-{(index + step) % 12 + 1:02d}" for step in (-1, 1)]
        else:
            day = date.fromisoformat(key).toordinal()
            near = [date.fromordinal(day + step).isoformat() for step in (-1, 1)]
    except ValueError:  # not a real date (2021-02-30, year 0): no neighbours
        return []
    return [(rel, label, _url("/timeline", {**state, "start": label, "end": label}))
            for rel, label in zip(("prev", "next"), near, strict=True) if not label.startswith("0000")]


def _entity_keys(store: Store, name: str) -> set[str]:
    """The resolved entity's id, name and aliases when ``name`` names one entity; else nothing more."""
    if len(name) > MAX_QUERY_CHARS:
        raise WebError(400, f"The entity name is {len(name):,} characters long, over the limit of "
                            f"{MAX_QUERY_CHARS:,}; pick the entity from the list.", link=ENTITIES_LINK)
    try:
        row = service.find_entity(store, name)
    except QueryError:
        return set()
    return {row.id, row.name, *row.aliases}


def _clipped(text: str, size: int = 60) -> str:
    return text if len(text) <= size else text[:size - 1] + "…"


def _entity(store: Store, name: str, *, status: int = 400) -> EntityRow:
    """The entity ``name`` names (its id, name or an alias); WebError pointing to the entity list if none or several."""
    if len(name) > MAX_QUERY_CHARS:
        raise WebError(400, f"The entity name is {len(name):,} characters long, over the limit of "
                            f"{MAX_QUERY_CHARS:,}; pick the entity from the list.", link=ENTITIES_LINK)
    try:
        return service.find_entity(store, name)
    except QueryError:
        raise WebError(status, f"No single entity in this store is named {_clipped(name)!r}; pick one from the "
                               "list of entities.", link=ENTITIES_LINK) from None


def _date_range(start: str, end: str, *, labels: tuple[str, str]) -> None:
    """WebError unless ``start`` and ``end`` are empty or YYYY[-MM[-DD]] dates in order; labels name the fields."""
    bounds: list[date | None] = []
    for value, label, last in ((start, labels[0], False), (end, labels[1], True)):
        if not value:
            bounds.append(None)
            continue
        try:
            bounds.append(service.parse_date_bound(value, option=label, end=last))
        except QueryError:
            raise WebError(400, f"{_clipped(value)!r} in '{label}' is not a date; write YYYY, YYYY-MM or "
                                "YYYY-MM-DD, e.g. 2021-08.") from None
    if bounds[0] and bounds[1] and bounds[0] > bounds[1]:
        raise WebError(400, f"'{labels[0]}' {start} is after '{labels[1]}' {end}; swap them.")


def _too_big() -> WebError:
    return WebError(413, f"The upload is over {MAX_TOTAL // 2**20} MB in total; send fewer files at a time.",
                    link=INGEST_LINK)


def _capped(request: Request, limit: int) -> Request:
    """``request`` whose body stops with :class:`_BodyTooLarge` once more than ``limit`` bytes arrived."""
    received = 0
    receive = request.receive

    async def counted() -> Any:
        nonlocal received
        message = await receive()
        received += len(message.get("body", b""))
        if received > limit:
            raise _BodyTooLarge
        return message

    return Request(request.scope, counted)


def _doc_filter(*, outlet: str, date_from: str, date_to: str, doc_ids: set[str] | None) -> Callable[[Any], bool]:
    """A predicate over search hits and document summaries (anything with id, outlet, published)."""
    def keep(item: Any) -> bool:
        published = item.published or ""
        if outlet and item.outlet != outlet:
            return False
        if (date_from or date_to) and not published:
            return False
        if date_from and published[:len(date_from)] < date_from:
            return False
        if date_to and published[:len(date_to)] > date_to:
            return False
        return doc_ids is None or item.id in doc_ids
    return keep


def _get_document(store: Store, doc_id: str) -> Any:
    try:
        return service.document(store, doc_id)
    except QueryError:
        raise WebError(404, f"No single document in this store has the id {_clipped(doc_id)!r}; find it by "
                            "searching.", link=SEARCH_LINK) from None


def _parse_range(value: str | None, size: int) -> tuple[int, int] | None:
    """"120-180" → (120, 180) when it lies inside the text; None otherwise (a bad ``hl`` is ignored)."""
    if not value:
        return None
    start, _, end = value.partition("-")
    if not (start.isdigit() and end.isdigit()):
        return None
    a, b = int(start), int(end)
    return (a, b) if 0 <= a < b <= size else None
