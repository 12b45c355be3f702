"""The pages: the map with its timeline and table (one page, one set of filters), an event beside
its article with the evidence highlighted, the review queue, and the login form.

Pages are rendered on the server with Jinja2 (autoescaping on: article text, names and notes are
always escaped) and enhanced by plain JS files in static/ that call the JSON API. Every form that
writes carries a CSRF token: the session's for review and logout (checked by auth.require_writer),
a per-visit one for login. A Content-Security-Policy allows scripts, styles and data from this
server only.
"""
from __future__ import annotations

import secrets
from pathlib import Path

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select

from ..api import auth
from ..api.app import event_full, set_session_cookies
from ..store import review as rv
from ..store import schema as s
from . import basemap

HERE = Path(__file__).resolve().parent
LOGIN_CSRF_COOKIE = "rasd_login_csrf"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
# evidence fields in the order their colours win where spans overlap, with their legend labels
FIELDS = [("trigger", "action"), ("place", "place"), ("date", "date"), ("fatalities", "killed"),
          ("injured", "injured"), ("arrested", "detained"), ("actors", "actors"), ("source", "source")]
FIGURES = (("fatalities", "killed"), ("injured", "injured"), ("arrested", "detained"))

env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(["html"]),
                  trim_blocks=True, lstrip_blocks=True)


def fig(v: dict | None) -> str:
    """{low, best, high} as a person reads it: 3, or 3 (2-5)."""
    if not v:
        return "–"
    if v["low"] == v["high"]:
        return str(v["best"])
    return f"{v['best']} ({v['low']}–{v['high']})"


env.filters["fig"] = fig


def segments(text: str, spans: dict[str, list]) -> list[tuple[str, list[str]]]:
    """The text cut at every span boundary: (piece, fields whose spans cover it, in FIELDS order)."""
    order = [f for f, _ in FIELDS] + sorted(set(spans) - {f for f, _ in FIELDS})
    cuts = {0, len(text)}
    clean: list[tuple[str, int, int]] = []
    for f, lst in spans.items():
        for sp in lst or []:
            try:
                a, b = max(0, int(sp[0])), min(len(text), int(sp[1]))
            except (TypeError, ValueError, IndexError):
                continue
            if a < b:
                clean.append((f, a, b))
                cuts |= {a, b}
    pts = sorted(cuts)
    out = []
    for a, b in zip(pts, pts[1:]):
        fields = {f for f, x, y in clean if x <= a and b <= y}
        out.append((text[a:b], [f for f in order if f in fields]))
    return out


def _safe_next(nxt: str | None) -> str:
    """Only a path on this site (no scheme, no //host) may be a redirect target."""
    if not nxt or not nxt.startswith("/") or nxt.startswith("//") or "\\" in nxt:
        return "/"
    return nxt


def _who(request: Request) -> tuple[str | None, str | None]:
    """(user, csrf token) of the request's login session, or (None, None)."""
    cookie = request.cookies.get(auth.SESSION_COOKIE)
    if not cookie:
        return None, None
    with request.app.state.engine.connect() as conn:
        got = auth.session(conn, cookie)
    return got if got else (None, None)


def render(request: Request, template: str, status: int = 200, **ctx) -> HTMLResponse:
    user, csrf = _who(request)
    html = env.get_template(template).render(request=request, user=user, csrf=csrf, path=request.url.path,
                                         next=request.url.path + (f"?{request.url.query}" if request.url.query else ""),
                                         **ctx)
    return HTMLResponse(html, status_code=status, headers={"Cache-Control": "no-store"})


def _link(url: str | None) -> str | None:
    """A source URL that may be a link (http or https only; never javascript: and the like)."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _sub_types() -> list[tuple[str, list[str]]]:
    from ..extract.events import ORDER

    groups: dict[str, list[str]] = {}
    for t, sub in ORDER:
        groups.setdefault(t, []).append(sub)
    return list(groups.items())


def _event_page(request: Request, event_id: int, error: str | None = None, status: int = 200,
                saved: str | None = None) -> HTMLResponse:
    with request.app.state.engine.connect() as conn:
        ev = event_full(conn, event_id)
        if ev is None:
            raise HTTPException(404, f"no event {event_id}")
        texts = {}
        for r in ev["reports"]:
            if r["document_id"] is not None and r["document_id"] not in texts:
                texts[r["document_id"]] = conn.execute(select(s.documents.c.text)
                                                       .where(s.documents.c.id == r["document_id"])).scalar_one()
    for r in ev["reports"]:
        r["segments"] = segments(texts.get(r["document_id"], ""), r.get("evidence_spans") or {})
        r["fields"] = [(f, label) for f, label in FIELDS if (r.get("evidence_spans") or {}).get(f)]
        for src in r["sources"]:
            src["link"] = _link(src.get("url"))
    for src in ev["sources"]:
        src["link"] = _link(src.get("url"))
    actors = {a["role"]: a for a in ev["actors"]}
    return render(request, "event.html", status=status, ev=ev, actors=actors, figures=FIGURES, fields=FIELDS,
                  sub_types=_sub_types(), error=error, saved=saved, title=f"Event {event_id}")


def _login_page(request: Request, nxt: str, status: int = 200, **ctx) -> HTMLResponse:
    """The login form with a fresh CSRF token, also set in a cookie that only /login sees."""
    token = secrets.token_urlsafe(24)
    resp = render(request, "login.html", status=status, title="Log in", login_csrf=token, next_url=nxt, **ctx)
    resp.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="strict", path="/login",
                    secure=request.url.scheme == "https", max_age=3600)
    return resp


def _int(v: str, what: str) -> int:
    try:
        return int(v.strip())
    except ValueError:
        raise rv.ReviewError(f"{what} must be a whole number") from None


def form_changes(form, ev: dict) -> dict:
    """The fields of the edit form that differ from the event as it stands (reviews applied)."""
    loc, actors = ev["location"], {a["role"]: a for a in ev["actors"]}
    out: dict = {}
    text_now = {k: loc.get(k) for k in ("place_ar", "place", "admin1_ar", "admin1", "admin2", "country")}
    text_now |= {f"actor{i}": (actors.get(f"actor{i}") or {}).get("name") for i in (1, 2)}
    for k, now in text_now.items():
        if k in form:
            v = form[k].strip() or None
            if v != now:
                out[k] = v
    sub = form.get("sub_event_type")
    if sub and sub != ev["sub_event_type"]:
        out["sub_event_type"] = sub
    for k in ("lat", "lon"):
        v = (form.get(k) or "").strip()
        if v:
            try:
                x = float(v)
            except ValueError:
                raise rv.ReviewError(f"{k} must be a number") from None
            if loc.get(k) is None or abs(x - loc[k]) > 1e-9:
                out[k] = x
    for i in (1, 2):
        v = (form.get(f"inter{i}") or "").strip()
        if v and _int(v, f"inter{i}") != (actors.get(f"actor{i}") or {}).get("inter"):
            out[f"inter{i}"] = _int(v, f"inter{i}")
    for k, label in FIGURES:
        parts = {x: (form.get(f"{k}_{x}") or "").strip() for x in ("low", "best", "high")}
        if not any(f"{k}_{x}" in form for x in parts):
            continue
        if not any(parts.values()):
            new = None
        else:
            best = parts["best"] or parts["low"] or parts["high"]
            new = {x: _int(parts[x] or best, f"{label} ({x})") for x in parts}
        if new != ev.get(k):
            out[k] = new
    d = (form.get("date") or "").strip()
    if d and d != ev.get("date"):
        out["date"] = d
    tp = (form.get("time_precision") or "").strip()
    if tp and _int(tp, "time precision") != ev.get("time_precision"):
        out["time_precision"] = _int(tp, "time precision")
    return out


def mount(app: FastAPI) -> None:
    """Add the pages, their static files, Leaflet and the basemap to the API's app."""
    import xstatic.pkg.leaflet as leaflet

    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")

    @app.middleware("http")
    async def page_headers(request: Request, call_next):
        resp = await call_next(request)
        if resp.headers.get("content-type", "").startswith("text/html"):
            resp.headers.setdefault("Content-Security-Policy", CSP)
        return resp

    @app.get("/", include_in_schema=False)
    def explore(request: Request):
        return render(request, "explore.html", title="Map", sub_types=_sub_types(), basemap=basemap.present())

    @app.get("/basemap/{name}", include_in_schema=False)
    def basemap_file(name: str):
        if name not in basemap.FILES:
            raise HTTPException(404, "no such basemap file")
        path = basemap.basemap_dir() / name
        if not path.is_file():
            return JSONResponse({"detail": "no basemap: run `rasd basemap build`"}, status_code=404)
        return FileResponse(path, media_type="application/geo+json", headers={"Cache-Control": "max-age=86400"})

    @app.get("/events/{event_id}", include_in_schema=False)
    def event_page(request: Request, event_id: int, saved: str | None = Query(None, max_length=16)):
        return _event_page(request, event_id, saved=saved)

    @app.post("/events/{event_id}/review", include_in_schema=False)
    async def review_form(request: Request, event_id: int, user: str = Depends(auth.require_writer)):
        form = await request.form()
        action = form.get("action")
        comment = (form.get("comment") or "").strip()[:4000] or None
        eng = request.app.state.engine
        try:
            if action not in rv.ACTIONS:
                raise rv.ReviewError("unknown action")
            with eng.connect() as conn:
                ev = event_full(conn, event_id)
            if ev is None:
                raise HTTPException(404, f"no event {event_id}")
            changes = form_changes(form, ev) if action == "edit" else {}
            if action == "edit" and not changes:
                raise rv.ReviewError("nothing was changed")
            with eng.begin() as conn:
                rv.add_review(conn, event_id, action, user, changes, comment)
        except rv.ReviewError as exc:
            return _event_page(request, event_id, error=str(exc), status=422)
        return RedirectResponse(f"/events/{event_id}?saved={action}", status_code=303)

    @app.get("/review", include_in_schema=False)
    def review_queue(request: Request, offset: int = Query(0, ge=0), reviewed: bool = False):
        from ..export.record import event_json

        size = 50
        with request.app.state.engine.connect() as conn:
            rows = [event_json(e) | {"review": e["review"]} for e in rv.queue(conn, size + 1, offset, reviewed)]
        more = len(rows) > size
        return render(request, "queue.html", title="Review queue", events=rows[:size], offset=offset, size=size,
                      more=more, reviewed=reviewed)

    @app.get("/login", include_in_schema=False)
    def login_page(request: Request, next: str = Query("/", max_length=2048)):
        return _login_page(request, _safe_next(next))

    @app.post("/login", include_in_schema=False)
    async def login_form(request: Request):
        form = await request.form()
        name, password = str(form.get("name") or "")[:128], str(form.get("password") or "")[:1024]
        nxt = _safe_next(str(form.get("next") or "/"))
        sent, cookie = str(form.get("csrf_token") or ""), request.cookies.get(LOGIN_CSRF_COOKIE) or ""
        if not sent or not secrets.compare_digest(sent, cookie):
            raise HTTPException(403, "missing or wrong CSRF token: reload the login page")
        with request.app.state.engine.begin() as conn:
            got = auth.login(conn, name, password)
        if got is None:
            return _login_page(request, nxt, status=401, error="Wrong name or password.", name=name)
        resp = RedirectResponse(nxt, status_code=303)
        set_session_cookies(resp, request, *got)
        resp.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
        return resp

    @app.post("/logout", include_in_schema=False)
    def logout_form(request: Request, user: str = Depends(auth.require_writer)):
        cookie = request.cookies.get(auth.SESSION_COOKIE)
        if cookie:
            with request.app.state.engine.begin() as conn:
                auth.logout(conn, cookie)
        resp = RedirectResponse("/", status_code=303)
        resp.delete_cookie(auth.SESSION_COOKIE, path="/")
        resp.delete_cookie(auth.CSRF_COOKIE, path="/")
        return resp

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        """JSON for the API (as FastAPI answers), a short page for a person at a page's address."""
        if request.url.path.startswith(("/api/", "/basemap/", "/openapi")) or \
                "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        resp = render(request, "error.html", status=exc.status_code, title=f"Error {exc.status_code}",
                      code=exc.status_code, detail=exc.detail)
        for k, v in (exc.headers or {}).items():
            resp.headers[k] = v
        return resp

