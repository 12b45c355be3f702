"""The HTTP API (and, mounted from rasd.web, the pages): events (reviews applied), one event with its claims and evidence, articles,
counts, exports, ingest of posted articles, login. Reading is open; writing needs a token or a
login (rasd.api.auth). Every query goes through SQLAlchemy Core with bound parameters; article
text is only ever returned as JSON data."""
from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from datetime import date
from typing import Optional, Union

from fastapi import Depends, FastAPI, HTTPException, Query, Request, Response
from fastapi.responses import FileResponse, JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import or_, select
from starlette.background import BackgroundTask

from ..export.record import event_json
from ..store import schema as s
from ..store.query import EventFilter, event_detail
from ..store import review as rv
from . import auth

MAX_BODY = 2 * 1024 * 1024
MAX_ARTICLES = 1000
EXPORT_TYPES = {"acled-csv": ("text/csv; charset=utf-8", "csv"), "jsonl": ("application/x-ndjson", "jsonl"),
                "geojson": ("application/geo+json", "geojson"), "parquet": ("application/vnd.apache.parquet", "parquet")}


class BodyLimit:
    """ASGI middleware: a request body over `limit` bytes gets 413, whether it says its length or is
    chunked (the body is read up to the limit, then replayed to the app)."""

    def __init__(self, app, limit: int):
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        length = dict(scope["headers"]).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            return await self._reject(send)
        chunks, size = [], 0
        while True:
            msg = await receive()
            if msg["type"] == "http.disconnect":
                return
            chunks.append(msg.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                return await self._reject(send)
            if not msg.get("more_body"):
                break
        body, sent = b"".join(chunks), [False]

        async def replay():
            if not sent[0]:
                sent[0] = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        return await self.app(scope, replay, send)

    async def _reject(self, send):
        msg = json.dumps({"detail": f"request body over {self.limit} bytes"}).encode()
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(msg)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": msg})


class ArticleIn(BaseModel):
    """One article, as a line of `rasd ingest`'s JSONL."""
    model_config = ConfigDict(extra="ignore")
    id: Optional[str] = Field(None, max_length=512)
    text: str
    published: Optional[str] = Field(None, max_length=40)
    date: Optional[str] = Field(None, max_length=40)
    url: Optional[str] = Field(None, max_length=2048)
    source: Optional[str] = Field(None, max_length=512)


class Login(BaseModel):
    name: str = Field(max_length=128)
    password: str = Field(max_length=1024)


def _filter(country: Optional[str] = Query(None, max_length=64, description="country, e.g. Yemen"),
            admin1: Optional[str] = Query(None, max_length=128, description="governorate, English or Arabic"),
            type: Optional[str] = Query(None, max_length=64, description="event or sub-event type"),
            actor: Optional[str] = Query(None, max_length=256, description="part of an actor's name"),
            since: Optional[date] = Query(None, description="YYYY-MM-DD"),
            until: Optional[date] = Query(None, description="YYYY-MM-DD")) -> EventFilter:
    return EventFilter(country, admin1, type, actor, since, until, None)


def _api_event(e: dict) -> dict:
    return {**event_json(e), "review": e.get("review")}


def event_full(conn, event_id: int) -> dict | None:
    """One event as /api/events/{id} returns it: reviews applied, claims, merged sources, each report
    with its evidence (text and [start, end] spans into its article) and the review history."""
    from ..store.query import _claims_by_event, _sources_by_event

    ev = event_detail(conn, event_id)
    if ev is None:
        return None
    st = rv.states(conn).get(event_id)
    reports = ev.pop("reports")
    spans = {r.id: (r.document_id, json.loads(r.data).get("evidence") or {}) for r in
             conn.execute(select(s.reports.c.id, s.reports.c.document_id, s.reports.c.data)
                          .where(s.reports.c.event_id == event_id))}
    for r in reports:
        doc, ev_spans = spans.get(r["report"], (None, {}))
        r["document_id"], r["evidence_spans"] = doc, ev_spans
    ev["claims"], ev["sources"] = _claims_by_event(conn, [event_id])[event_id], _sources_by_event(conn, [event_id])[event_id]
    out = _api_event(rv.apply(ev, st))
    out["reports"] = reports
    out["review_history"] = rv.history(conn, event_id)
    return out


def set_session_cookies(response: Response, request: Request, cookie: str, csrf: str) -> None:
    """A login session's cookies: the session (HttpOnly) and the CSRF token that forms and scripts
    send back (double submit, see auth.require_writer)."""
    secure = request.url.scheme == "https"
    for name, value, httponly in ((auth.SESSION_COOKIE, cookie, True), (auth.CSRF_COOKIE, csrf, False)):
        response.set_cookie(name, value, httponly=httponly, samesite="strict", secure=secure,
                            max_age=auth.SESSION_DAYS * 86400, path="/")


def create_app(db_url: str | None = None, max_body: int = MAX_BODY, pages: bool = True) -> FastAPI:
    """The API, and (unless pages=False) the web pages over it."""
    from ..store import connect

    # the interactive /docs page loads its scripts from a CDN: Rasd serves nothing that needs the
    # network, so only the OpenAPI description itself is served, at /openapi.json
    app = FastAPI(title="Rasd", version="0.1.0", docs_url=None, redoc_url=None,
                  description="Political-violence events read from Arabic news: events, evidence, reviews, exports. "
                              "Reading is open; writing needs `Authorization: Bearer <token>` (`rasd token create`) "
                              "or a login session with the X-CSRF-Token header.")
    app.state.engine = connect(db_url)
    app.add_middleware(BodyLimit, limit=max_body)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        resp = await call_next(request)
        resp.headers.setdefault("X-Content-Type-Options", "nosniff")
        resp.headers.setdefault("Referrer-Policy", "same-origin")
        resp.headers.setdefault("X-Frame-Options", "DENY")
        return resp

    eng = app.state.engine

    @app.get("/api/events", tags=["events"], summary="Events, reviews applied (rejected left out)")
    def events(flt: EventFilter = Depends(_filter), limit: int = Query(100, ge=1, le=5000),
               offset: int = Query(0, ge=0), include_rejected: bool = False) -> dict:
        with eng.connect() as conn:
            st = rv.states(conn)
            total = rv.count_events(conn, flt, include_rejected, st)
            flt.limit = limit
            rows = [_api_event(e) for e in rv.reviewed_events(conn, flt, offset, include_rejected, st)]
        return {"total": total, "offset": offset, "limit": limit, "events": rows}

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event: claims, evidence, merged sources, reviews")
    def event(event_id: int) -> dict:
        with eng.connect() as conn:
            out = event_full(conn, event_id)
        if out is None:
            raise HTTPException(404, f"no event {event_id}")
        return out

    @app.get("/api/map", tags=["events"], summary="Every matching event as a compact row, for the map, table and timeline")
    def map_rows(flt: EventFilter = Depends(_filter), limit: int = Query(50_000, ge=1, le=200_000)) -> dict:
        with eng.connect() as conn:
            flt.limit = limit
            rows = [{"id": e["id"], "date": e["date"].isoformat() if e["date"] else None,
                     "event_type": e["event_type"], "sub_event_type": e["sub_event_type"],
                     "country": e["country"], "admin1": e["admin1"], "admin1_ar": e["admin1_ar"],
                     "place": e["place"], "place_ar": e["place_ar"], "lat": e["lat"], "lon": e["lon"],
                     "actor1": e["actor1"], "actor2": e["actor2"], "fatalities": e["fatalities_best"],
                     "injured": e["injured_best"], "confidence": e["confidence"], "needs_review": bool(e["needs_review"]),
                     "review": e["review"]["status"]} for e in rv.reviewed_events(conn, flt)]
        return {"events": rows, "truncated": len(rows) >= limit}

    @app.get("/api/articles/{key:path}", tags=["articles"], summary="A stored article by id or URL: text, sources, events")
    def article(key: str) -> dict:
        src = s.sources.c
        with eng.connect() as conn:
            row = conn.execute(select(src.document_id).where(or_(src.article_id == key, src.url == key))
                               .order_by(src.id).limit(1)).first()
            if row is None:
                raise HTTPException(404, "no stored article with that id or URL")
            doc = conn.execute(select(s.documents.c.text, s.documents.c.published)
                               .where(s.documents.c.id == row.document_id)).first()
            sources = [dict(r) for r in conn.execute(select(src.article_id, src.url, src.outlet, src.published, src.how)
                                                     .where(src.document_id == row.document_id).order_by(src.id)).mappings()]
            reports = [{"report": r.id, "event_id": r.event_id, "idx": r.idx,
                        "sub_event_type": json.loads(r.data).get("sub_event_type"),
                        "evidence_spans": json.loads(r.data).get("evidence") or {}}
                       for r in conn.execute(select(s.reports.c.id, s.reports.c.event_id, s.reports.c.idx, s.reports.c.data)
                                             .where(s.reports.c.document_id == row.document_id).order_by(s.reports.c.idx))]
        return {"document_id": row.document_id, "text": doc.text, "published": doc.published,
                "sources": sources, "reports": reports}

    @app.get("/api/stats", tags=["events"], summary="Events and fatalities per week, governorate, type and actor")
    def stats(flt: EventFilter = Depends(_filter)) -> dict:
        week, weekf, gov, typ, sub, act = Counter(), Counter(), Counter(), Counter(), Counter(), Counter()
        n = undated = 0
        with eng.connect() as conn:
            for e in rv.reviewed_events(conn, flt):
                n += 1
                if e["date"]:
                    iso = e["date"].isocalendar()
                    wk = date.fromisocalendar(iso[0], iso[1], 1).isoformat()
                    week[wk] += 1
                    weekf[wk] += e["fatalities_best"] or 0
                else:
                    undated += 1
                gov[(e["country"] or "", e["admin1"] or "", e["admin1_ar"] or "")] += 1
                typ[e["event_type"]] += 1
                sub[e["sub_event_type"]] += 1
                for a in {e["actor1"], e["actor2"]} - {None, ""}:
                    act[a] += 1
        return {"events": n, "undated": undated,
                "per_week": [{"week": w, "events": week[w], "fatalities": weekf[w]} for w in sorted(week)],
                "per_governorate": [{"country": c, "admin1": a, "admin1_ar": ar, "events": k}
                                    for (c, a, ar), k in gov.most_common()],
                "per_type": [{"event_type": t, "events": k} for t, k in typ.most_common()],
                "per_sub_event_type": [{"sub_event_type": t, "events": k} for t, k in sub.most_common()],
                "per_actor": [{"actor": a, "events": k} for a, k in act.most_common()]}

    @app.get("/api/export", tags=["events"], summary="Download events (reviews applied) as ACLED CSV, JSONL, GeoJSON or Parquet",
             response_class=FileResponse)
    def export(format: str = Query(..., pattern="^(acled-csv|jsonl|geojson|parquet)$"),
               flt: EventFilter = Depends(_filter)):
        from ..export import BINARY, WRITERS

        media, ext = EXPORT_TYPES[format]
        fd, path = tempfile.mkstemp(suffix="." + ext, prefix="rasd-export-")
        os.close(fd)
        try:
            with eng.connect() as conn:
                if format in BINARY:
                    WRITERS[format](rv.reviewed_records(conn, flt), path)
                else:
                    with open(path, "w", encoding="utf-8", newline="") as out:
                        WRITERS[format](rv.reviewed_records(conn, flt), out)
        except BaseException:
            os.unlink(path)
            raise
        return FileResponse(path, media_type=media, filename=f"rasd-events.{ext}", background=BackgroundTask(os.unlink, path))

    @app.post("/api/articles", tags=["articles"], summary="Ingest posted articles (one object or a list)")
    def ingest(body: Union[ArticleIn, list[ArticleIn]], user: str = Depends(auth.require_writer)) -> dict:
        from ..ingest.read import make
        from ..store import ingest as run

        items = body if isinstance(body, list) else [body]
        if len(items) > MAX_ARTICLES:
            raise HTTPException(413, f"at most {MAX_ARTICLES} articles a request")
        skipped: list[dict] = []
        arts = [make(a.id or a.url or f"api-{i + 1}", a.text, f"item {i + 1}", published=a.published or a.date,
                     url=a.url, source=a.source) for i, a in enumerate(items)]
        summary = run(eng, arts, on_skip=lambda where, why: skipped.append({"where": where, "reason": why}))
        return {"new": summary.new, "already_stored": summary.known + summary.new_sources + summary.near_copies,
                "new_sources": summary.new_sources, "near_copies": summary.near_copies,
                "events_new": summary.events_new, "events_merged": summary.events_merged,
                "skipped": skipped, "by": user}

    @app.post("/api/login", tags=["auth"], summary="Log in; sets a session cookie and a CSRF cookie")
    def do_login(body: Login, response: Response, request: Request) -> dict:
        with eng.begin() as conn:
            got = auth.login(conn, body.name, body.password)
        if got is None:
            raise HTTPException(401, "wrong name or password")
        set_session_cookies(response, request, *got)
        return {"user": body.name, "csrf_token": got[1]}

    @app.post("/api/logout", tags=["auth"], summary="End the session")
    def do_logout(request: Request, response: Response, user: str = Depends(auth.require_writer)) -> dict:
        cookie = request.cookies.get(auth.SESSION_COOKIE)
        if cookie:
            with eng.begin() as conn:
                auth.logout(conn, cookie)
        response.delete_cookie(auth.SESSION_COOKIE, path="/")
        response.delete_cookie(auth.CSRF_COOKIE, path="/")
        return {"user": user, "logged_out": True}

    @app.get("/api/me", tags=["auth"], summary="Who the request is authenticated as (null: nobody)")
    def me(request: Request) -> dict:
        return {"user": auth.current_user(request)}

    from .review import router
    app.include_router(router)

    if pages:
        from ..web import mount

        mount(app)

    @app.exception_handler(ValueError)
    async def bad_value(_request: Request, exc: ValueError):
        return JSONResponse({"detail": str(exc)}, status_code=422)

    return app
