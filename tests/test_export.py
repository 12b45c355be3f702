"""Exports: ACLED's exact columns first, GeoJSON points, typed Parquet, JSONL; and the CLI."""
from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
from typer.testing import CliRunner

from rasd.export import ACLED_COLUMNS, WRITERS
from rasd.model import Article
from rasd.store import ingest
from rasd.store.query import EventFilter, records
from rasd.store_cli import app, register
from storekit import FakeExtract, event, story
from storekit import engine  # noqa: F401  (fixture)

ACLED = ("event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,"
         "inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,"
         "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp").split(",")


def stocked(engine):
    fake = FakeExtract({"a": [event()], "b": [event(date="2025-03-14")],
                        "c": [event(place_ar="سيئون", place="Seiyun", lat=None, lon=None, date="2024-01-01",
                                    actors=[{"name": "Houthis", "role": "actor1", "inter": 2}])]})
    ingest(engine, [Article("a", story(21), url="https://a.example/x"), Article("b", story(22), url="https://b.example/y"),
                    Article("c", story(23), url="https://c.example/z")], fake)
    return engine


def export(engine, fmt, flt=None, path=None):
    with engine.connect() as c:
        if path:
            WRITERS[fmt](records(c, flt), str(path))
            return None
        out = io.StringIO()
        WRITERS[fmt](records(c, flt), out)
        return out.getvalue()


def test_acled_csv_has_acleds_columns_in_order_then_rasds(engine):
    rows = list(csv.DictReader(io.StringIO(export(stocked(engine), "acled-csv"))))
    assert ACLED_COLUMNS == ACLED
    header = list(rows[0].keys())
    assert header[:len(ACLED)] == ACLED and "injured_best" in header[len(ACLED):]
    first = rows[0]
    assert first["event_date"] == "2025-03-13" and first["year"] == "2025" and first["iso"] == "887"
    assert first["fatalities"] == "3" and first["disorder_type"] == "Political violence"
    assert first["number_of_sources"] == "2" and len(json.loads(first["claims"])) == 2


def test_geojson_one_point_per_event(engine):
    doc = json.loads(export(stocked(engine), "geojson"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 2
    assert doc["features"][0]["geometry"] == {"type": "Point", "coordinates": [48.62, 15.92]}
    assert doc["features"][1]["geometry"] is None


def test_parquet_is_typed(engine, tmp_path):
    export(stocked(engine), "parquet", path=tmp_path / "e.parquet")
    t = pq.read_table(tmp_path / "e.parquet")
    assert t.num_rows == 2
    assert str(t.schema.field("date").type) == "date32[day]" and str(t.schema.field("fatalities_best").type) == "int32"
    assert t.column("claims").to_pylist()[0][0]["killed_best"] == 3


def test_jsonl_and_filters(engine):
    stocked(engine)
    lines = [json.loads(x) for x in export(engine, "jsonl", EventFilter(actor="houthi")).splitlines()]
    assert [e["actors"][0]["name"] for e in lines] == ["Houthis"]
    assert export(engine, "jsonl", EventFilter(since=__import__("datetime").date(2025, 1, 1))).count("\n") == 1
    assert export(engine, "jsonl", EventFilter(type="Armed clash", limit=1)).count("\n") == 1


def test_cli_ingest_events_show_export(tmp_path):
    import typer

    src = tmp_path / "in.jsonl"
    text = "قتل ثلاثة جنود وأصيب خمسة آخرون في هجوم شنه مسلحون من تنظيم القاعدة على نقطة عسكرية في مدينة شبام بمحافظة حضرموت."
    src.write_text(json.dumps({"id": "x", "text": text, "url": "https://x.example/1", "published": "2025-03-13"},
                              ensure_ascii=False) + "\n{bad json\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    main = typer.Typer()
    register(main)
    assert sorted(c.name or c.callback.__name__ for c in main.registered_commands) == ["delete", "events", "export", "ingest", "show"]
    r = CliRunner().invoke(app, ["ingest", str(src), "--db", db])
    assert r.exit_code == 3 and "1 new" in r.output and "malformed JSON" in r.output
    r = CliRunner().invoke(app, ["events", "--db", db, "--format", "jsonl"])
    assert r.exit_code == 0 and json.loads(r.output.splitlines()[0])["location"]["place_ar"] == "شبام"
    r = CliRunner().invoke(app, ["show", "1", "--db", db])
    assert r.exit_code == 0 and "founded the event" in r.output and "شبام" in r.output
    r = CliRunner().invoke(app, ["export", "--format", "acled-csv", "--db", db, "-o", str(tmp_path / "o.csv")])
    assert r.exit_code == 0 and (tmp_path / "o.csv").read_text(encoding="utf-8").startswith("event_id_cnty,")
