"""The HTTP API on a temporary SQLite database with the seed articles ingested: reading, filters,
one event with evidence, exports, stats, auth (tokens, sessions with CSRF), reviews that survive
re-ingest and show in exports, body limits, and article text returned as data."""
from __future__ import annotations

import csv
import io
import json
import warnings

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("httpx")

from storekit import SEEDS  # noqa: E402

ARTICLES = SEEDS / "articles.jsonl"
pytestmark = pytest.mark.skipif(not ARTICLES.exists(), reason="no seed articles")


@pytest.fixture(scope="module")
def api(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from rasd.api import create_app
    from rasd.api.auth import add_user, create_token
    from rasd.ingest.read import read
    from rasd.store import connect, ingest

    url = f"sqlite:///{tmp_path_factory.mktemp('api') / 'api.db'}"
    engine = connect(url)
    ingest(engine, read(str(ARTICLES)))
    with engine.begin() as conn:
        add_user(conn, "analyst", "correct horse battery")
        token = create_token(conn, "analyst")
    app = create_app(url, max_body=200_000)
    with TestClient(app) as client:
        client.token = token
        client.engine = engine
        yield client
    engine.dispose()


def auth(client):
    return {"Authorization": f"Bearer {client.token}"}


def test_openapi_describes_the_endpoints(api):
    paths = api.get("/openapi.json").json()["paths"]
    for p in ("/api/events", "/api/events/{event_id}", "/api/articles/{key}", "/api/stats", "/api/export",
              "/api/articles", "/api/events/{event_id}/review", "/api/review/queue"):
        assert p in paths


def test_list_and_filter(api):
    body = api.get("/api/events").json()
    assert body["total"] == len(body["events"]) >= 3
    assert all(e["location"]["country"] == "Yemen" for e in body["events"])
    had = api.get("/api/events", params={"admin1": "حضرموت"}).json()
    assert had["total"] >= 1 and all(e["location"]["admin1_ar"] == "حضرموت" for e in had["events"])
    assert api.get("/api/events", params={"country": "Libya"}).json()["total"] == 0
    assert api.get("/api/events", params={"since": "2100-01-01"}).json()["events"] == []
    page = api.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert len(page["events"]) == 1 and page["events"][0]["event_id"] == body["events"][1]["event_id"]
    assert api.get("/api/events", params={"since": "yesterday"}).status_code == 422


def test_one_event_with_claims_evidence_and_sources(api):
    eid = api.get("/api/events").json()["events"][0]["event_id"]
    ev = api.get(f"/api/events/{eid}").json()
    assert ev["event_id"] == eid and ev["sources"] and ev["reports"]
    rep = ev["reports"][0]
    assert rep["evidence"] and rep["evidence_spans"]
    art = api.get(f"/api/articles/{rep['sources'][0]['article_id']}").json()
    for field, spans in rep["evidence_spans"].items():
        for (a, b), text in zip(spans, rep["evidence"].get(field, [])):
            assert art["text"][a:b] == text
    assert any(r["event_id"] == eid for r in art["reports"])
    assert api.get("/api/events/999999").status_code == 404
    assert api.get("/api/articles/nothing-here").status_code == 404


def test_exports_download(api):
    n = api.get("/api/events").json()["total"]
    r = api.get("/api/export", params={"format": "acled-csv"})
    assert r.headers["content-type"].startswith("text/csv") and "attachment" in r.headers["content-disposition"]
    assert len(list(csv.DictReader(io.StringIO(r.text)))) == n
    r = api.get("/api/export", params={"format": "jsonl"})
    assert len(r.text.splitlines()) == n
    r = api.get("/api/export", params={"format": "geojson"})
    assert r.json()["type"] == "FeatureCollection"
    r = api.get("/api/export", params={"format": "parquet"})
    assert r.content[:4] == b"PAR1"
    assert api.get("/api/export", params={"format": "xls"}).status_code == 422


def test_stats(api):
    st = api.get("/api/stats").json()
    n = api.get("/api/events").json()["total"]
    assert st["events"] == n == sum(t["events"] for t in st["per_type"])
    assert sum(w["events"] for w in st["per_week"]) + st["undated"] == n
    assert any(g["admin1_ar"] == "حضرموت" for g in st["per_governorate"])
    assert st["per_actor"]


def test_writes_need_auth(api):
    eid = api.get("/api/events").json()["events"][0]["event_id"]
    assert api.post(f"/api/events/{eid}/review", json={"action": "correct"}).status_code == 401
    assert api.post("/api/articles", json={"text": "x"}).status_code == 401
    bad = {"Authorization": "Bearer rasd_1_wrong"}
    assert api.post(f"/api/events/{eid}/review", json={"action": "correct"}, headers=bad).status_code == 401
    assert api.get("/api/me").json()["user"] is None
    assert api.get("/api/me", headers=auth(api)).json()["user"] == "analyst"


def test_session_post_needs_csrf(api):
    from fastapi.testclient import TestClient

    eid = api.get("/api/events").json()["events"][0]["event_id"]
    with TestClient(api.app) as c:
        assert c.post("/api/login", json={"name": "analyst", "password": "wrong password"}).status_code == 401
        r = c.post("/api/login", json={"name": "analyst", "password": "correct horse battery"})
        assert r.status_code == 200 and "httponly" in r.headers["set-cookie"].lower()
        csrf = r.json()["csrf_token"]
        assert c.post(f"/api/events/{eid}/review", json={"action": "correct"}).status_code == 403
        assert c.post(f"/api/events/{eid}/review", json={"action": "correct"},
                      headers={"X-CSRF-Token": "forged"}).status_code == 403
        ok = c.post(f"/api/events/{eid}/review", json={"action": "correct"}, headers={"X-CSRF-Token": csrf})
        assert ok.status_code == 200 and ok.json()["review"]["by"] == "analyst"


def test_token_ingest_and_script_is_plain_data(api):
    text = ("قتل ثلاثة جنود وأصيب آخرون في هجوم مسلح على نقطة عسكرية بمدينة شبام بمحافظة حضرموت "
            "صباح اليوم، بحسب مصدر أمني.")
    art = {"id": "api-1", "text": text, "published": "2025-03-13", "url": "https://example.org/<script>alert(1)</script>",
           "source": "<script>alert('x')</script>"}
    r = api.post("/api/articles", json=[art], headers=auth(api))
    assert r.status_code == 200 and r.json()["new"] == 1, r.text
    got = api.get("/api/articles/api-1")
    assert got.headers["content-type"].startswith("application/json")
    assert got.json()["text"] == text
    assert got.json()["sources"][0]["outlet"] == "<script>alert('x')</script>"  # stored and returned verbatim, as data
    again = api.post("/api/articles", json=art, headers=auth(api)).json()
    assert again["new"] == 0 and again["already_stored"] == 1
    assert api.post("/api/articles", json={"id": "e"}, headers=auth(api)).status_code == 422
    skipped = api.post("/api/articles", json={"id": "en", "text": "hello world " * 10}, headers=auth(api)).json()
    assert skipped["skipped"][0]["reason"] == "not Arabic"


def test_oversized_body_is_413(api):
    big = {"id": "big", "text": "ا" * 150_000}
    assert api.post("/api/articles", json=big, headers=auth(api)).status_code == 413

    def chunks():  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b"x" * 10_000
    assert api.post("/api/articles", content=chunks(), headers=auth(api)).status_code == 413


def _hadramawt_event(api):
    return next(e for e in api.get("/api/events").json()["events"] if e["location"]["admin1_ar"] == "حضرموت")


def test_review_edit_survives_reingest_and_shows_in_export(api):
    from rasd.ingest.read import read
    from rasd.store import delete_article, ingest

    ev = _hadramawt_event(api)
    eid = ev["event_id"]
    edit = {"action": "edit", "comment": "<b>checked</b> against the source",
            "changes": {"fatalities": {"low": 7, "best": 8, "high": 9}, "place_ar": "سيئون <script>x</script>",
                        "sub_event_type": "Armed clash", "actor2": "Civilians", "date": "2024-01-02"}}
    r = api.post(f"/api/events/{eid}/review", json=edit, headers=auth(api))
    assert r.status_code == 200, r.text
    assert api.post(f"/api/events/{eid}/review", json={"action": "edit", "changes": {"colour": "red"}},
                    headers=auth(api)).status_code == 422
    assert api.post(f"/api/events/{eid}/review", json={"action": "edit", "changes": {"sub_event_type": "Picnic"}},
                    headers=auth(api)).status_code == 422

    def check(event_id):
        got = api.get(f"/api/events/{event_id}").json()
        assert got["fatalities"] == {"low": 7, "best": 8, "high": 9}
        assert got["location"]["place_ar"] == "سيئون <script>x</script>" and got["date"] == "2024-01-02"
        assert got["review"]["status"] == "edited" and got["review"]["by"] == "analyst"
        assert got["review_history"][-1]["comment"] == "<b>checked</b> against the source"
        rows = list(csv.DictReader(io.StringIO(api.get("/api/export", params={"format": "acled-csv"}).text)))
        row = next(x for x in rows if x["rasd_event_id"] == str(event_id))
        assert (row["fatalities"], row["fatalities_low"], row["fatalities_high"]) == ("8", "7", "9")
        assert row["place_ar"] == "سيئون <script>x</script>" and row["event_date"] == "2024-01-02"
        assert row["actor2"] == "Civilians" and row["civilian_targeting"] == "Civilian targeting"
        listed = api.get("/api/events", params={"since": "2024-01-01", "until": "2024-01-03"}).json()["events"]
        assert [e["event_id"] for e in listed] == [event_id]

    check(eid)
    ingest(api.engine, read(str(ARTICLES)))  # the same articles again: nothing changes, the review stays
    check(eid)
    # delete the article behind the event and ingest it again: a new event id, the same review
    art_id = api.get(f"/api/events/{eid}").json()["sources"][0]["article_id"]
    with api.engine.begin() as conn:
        delete_article(conn, art_id)
    assert api.get(f"/api/events/{eid}").status_code == 404 or \
        api.get(f"/api/events/{eid}").json()["review"]["status"] != "edited"
    ingest(api.engine, read(str(ARTICLES)))
    new = [e for e in api.get("/api/events").json()["events"] if e["review"]["status"] == "edited"]
    assert len(new) == 1
    check(new[0]["event_id"])


def test_reject_hides_and_queue_orders(api):
    events = api.get("/api/events").json()
    victim = next(e for e in events["events"] if e["review"]["status"] == "unreviewed")
    queue = api.get("/api/review/queue").json()["events"]
    assert queue and all(e["review"]["status"] == "unreviewed" for e in queue)
    keys = [(not e["needs_review"], e["confidence"] or 0) for e in queue]
    assert keys == sorted(keys)
    r = api.post(f"/api/events/{victim['event_id']}/review", json={"action": "reject"}, headers=auth(api))
    assert r.json()["review"]["status"] == "rejected"
    after = api.get("/api/events").json()
    assert after["total"] == events["total"] - 1
    assert victim["event_id"] not in [e["event_id"] for e in after["events"]]
    assert victim["event_id"] in [e["event_id"] for e in
                                  api.get("/api/events", params={"include_rejected": True}).json()["events"]]
    assert victim["event_id"] not in [e["event_id"] for e in api.get("/api/review/queue").json()["events"]]
    jsonl = api.get("/api/export", params={"format": "jsonl"}).text
    assert victim["event_id"] not in [json.loads(x)["event_id"] for x in jsonl.splitlines()]
    # a later "correct" restores it
    api.post(f"/api/events/{victim['event_id']}/review", json={"action": "correct"}, headers=auth(api))
    assert api.get("/api/events").json()["total"] == events["total"]


def test_tokens_and_passwords_are_stored_hashed(api):
    from sqlalchemy import select

    from rasd.store import schema as s
    with api.engine.connect() as conn:
        hashes = [h for (h,) in conn.execute(select(s.api_tokens.c.token_hash))]
        pw = conn.execute(select(s.users.c.password_hash)).scalar()
    assert all(h.startswith("scrypt$") and api.token.split("_", 2)[2] not in h for h in hashes)
    assert pw.startswith("scrypt$") and "horse" not in pw
