"""The store: idempotent ingest, syndicated copies as sources, versioned schema, crash safety,
and the dev set ingested twice. Runs on SQLite, and on PostgreSQL when RASD_TEST_PG is set."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select

from rasd.model import Article
from rasd.store import canonical_dump, connect, ingest
from rasd.store import schema as s
from rasd.store.migrate import LATEST, MIGRATIONS, current_version, upgrade
from storekit import BACKENDS, DEV, PG, SEEDS, FakeExtract, event, fresh_engine, story
from storekit import engine  # noqa: F401  (fixture)


def count(engine, table) -> int:
    with engine.connect() as c:
        return c.execute(select(func.count()).select_from(table)).scalar_one()


def test_same_url_or_same_text_changes_nothing(engine):
    fake = FakeExtract({"a": [event()]})
    a = Article("a", story(1), url="https://x.example/1")
    first = ingest(engine, [a], fake)
    before = (count(engine, s.events), count(engine, s.sources), count(engine, s.documents))
    again = ingest(engine, [a, Article("a2", story(1)), Article("a3", "  " + story(1).replace(" ", "  "))], fake)
    assert (first.new, first.events_new) == (1, 1)
    assert (again.new, again.known) == (0, 3)
    assert (count(engine, s.events), count(engine, s.sources), count(engine, s.documents)) == before
    assert fake.calls == 1  # known articles are not even extracted


def test_syndicated_copies_are_one_document_with_every_source(engine):
    fake = FakeExtract({"a": [event()], "b": [event()], "c": [event()]})
    text = story(2, 200)
    arts = [Article("a", text, url="https://one.example/a"),
            Article("b", text, url="https://two.example/b", source="Two"),  # same text, other outlet
            Article("c", "عاجل: " + text + " المصدر: وكالة", url="https://three.example/c")]  # near copy
    sm = ingest(engine, arts, fake)
    assert (sm.new, sm.new_sources, sm.near_copies) == (1, 1, 1)
    assert count(engine, s.documents) == 1 and count(engine, s.sources) == 3 and count(engine, s.events) == 1
    with engine.connect() as c:
        ev = c.execute(select(s.events)).mappings().one()
        hows = sorted(h for (h,) in c.execute(select(s.sources.c.how)))
    assert ev["number_of_sources"] == 3 and ev["number_of_reports"] == 1
    assert hows[0].startswith("near copy") and hows[1:] == ["original", "same text"]


def test_schema_is_versioned_and_upgraded_in_place(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    eng = connect(url)
    with eng.connect() as c:
        assert current_version(c) == LATEST
    ingest(eng, [Article("a", story(3), url="u")], FakeExtract({"a": [event()]}))

    def v2(conn):  # a later Rasd adds a column; existing rows must survive
        from sqlalchemy import text
        conn.execute(text("ALTER TABLE events ADD COLUMN reviewed_by VARCHAR(64)"))

    monkeypatch.setitem(MIGRATIONS, LATEST + 1, v2)
    assert upgrade(eng, LATEST + 1) == LATEST + 1
    assert upgrade(eng, LATEST + 1) == LATEST + 1  # twice is harmless
    from sqlalchemy import text
    with eng.connect() as c:
        assert c.execute(text("SELECT count(*), min(reviewed_by) FROM events")).one() == (1, None)
        assert [v for (v,) in c.execute(select(s.schema_version.c.version))] == list(range(1, LATEST + 2))


def _crash_input(path, n_copies: int = 140) -> None:
    """dev.jsonl, then copies of its articles under new URLs (sources of stored texts)."""
    lines = DEV.read_text(encoding="utf-8").splitlines()
    out = list(lines)
    for i in range(n_copies):
        obj = json.loads(lines[i % len(lines)])
        obj["id"], obj["url"] = f"copy{i}", f"https://mirror{i % 7}.example/{i}"
        out.append(json.dumps(obj, ensure_ascii=False))
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _run(src, url, env=None):
    return subprocess.Popen([sys.executable, "-m", "rasd.store_cli", "ingest", str(src), "--db", url, "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)


@pytest.mark.skipif(not DEV.exists(), reason="needs ../shared/eval/dev.jsonl")
@pytest.mark.parametrize("kind", BACKENDS)
def test_sigkill_mid_batch_then_restart_equals_an_uninterrupted_run(tmp_path, kind):
    src = tmp_path / "batch.jsonl"
    _crash_input(src)
    ref_url = f"sqlite:///{tmp_path / 'ref.db'}"
    assert _run(src, ref_url).wait(timeout=300) == 0

    eng = fresh_engine(kind, tmp_path, "crash")
    url = PG if kind == "postgresql" else str(eng.url)
    proc = _run(src, url)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if count(eng, s.sources) >= 60:
                break
        except Exception:
            pass
        time.sleep(0.05)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = count(eng, s.sources)
    assert 0 < killed_at < 300
    assert _run(src, url).wait(timeout=300) == 0

    ref = connect(ref_url)
    with ref.connect() as a, eng.connect() as b:
        want, got = canonical_dump(a), canonical_dump(b)
    assert len(got["sources"]) == 300
    assert got == want


@pytest.mark.skipif(not DEV.exists(), reason="needs ../shared/eval/dev.jsonl")
def test_dev_set_twice_same_events_and_same_attacks_merged(engine):
    from rasd.ingest.read import read

    first = ingest(engine, read(str(DEV)))
    n1 = count(engine, s.events)
    second = ingest(engine, read(str(DEV)))
    n2 = count(engine, s.events)
    assert n1 == n2 and second.new == 0 and second.events_new == 0
    reports = count(engine, s.reports)
    assert first.events_merged > 0 and n1 < reports
    with engine.connect() as c:
        multi = c.execute(select(func.count()).where(s.events.c.number_of_sources > 1)).scalar_one()
    assert multi > 0  # outlets that reported the same attack are one event


@pytest.mark.skipif(not (SEEDS / "articles.jsonl").exists(), reason="needs ../shared/seeds")
def test_seed_articles_are_stored(engine):
    from rasd.ingest.read import read

    sm = ingest(engine, read(str(SEEDS / "articles.jsonl")))
    assert sm.new == 2 and count(engine, s.events) >= 2


DEL_ARTS = [Article("a", story(11), url="https://a.example/1"), Article("b", story(12), url="https://b.example/1"),
            Article("c", story(13), url="https://c.example/1")]
DEL_FAKE = {"a": [event(fatalities={"low": 3, "best": 3, "high": 3})],
            "b": [event(date=None, fatalities={"low": 5, "best": 5, "high": 6})],
            "c": [event(date="2025-03-14", place_ar=None, geo_precision=3, fatalities={"low": 4, "best": 4, "high": 4})]}


def test_cli_delete_undoes_the_merge_the_article_caused(engine, tmp_path):
    from typer.testing import CliRunner

    from rasd.store_cli import app

    ingest(engine, DEL_ARTS, FakeExtract(DEL_FAKE))
    assert count(engine, s.events) == 1  # a ties b (same place) and c (a day apart) into one event
    url = engine.url.render_as_string(hide_password=False)
    r = CliRunner().invoke(app, ["delete", "https://a.example/1", "--db", url])
    assert r.exit_code == 0, r.output
    assert "deleted https://a.example/1: 1 source(s), 1 stored text(s)" in r.output
    ref = fresh_engine("sqlite", tmp_path, "ref")
    ingest(ref, DEL_ARTS[1:], FakeExtract(DEL_FAKE))
    with engine.connect() as got, ref.connect() as want:
        assert canonical_dump(got) == canonical_dump(want)  # as if a had never been stored: two events
    assert count(engine, s.events) == 2
    r = CliRunner().invoke(app, ["delete", "c", "--db", url])  # by article id
    assert r.exit_code == 0 and count(engine, s.events) == 1
    r = CliRunner().invoke(app, ["delete", "https://a.example/1", "--db", url])
    assert r.exit_code == 1 and "no stored article" in r.output


def test_progress_lines_without_a_terminal_only_when_asked(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from rasd import store_cli

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"x{i}", "text": story(100 + i), "url": f"https://x.example/{i}"},
                                      ensure_ascii=False) + "\n" for i in range(3)), encoding="utf-8")
    monkeypatch.setattr(store_cli, "PROGRESS_EVERY", 0.0)
    outs = {}
    for flag in ("", "--progress", "--no-progress"):
        db = f"sqlite:///{tmp_path / ('db' + flag)}.db"
        r = CliRunner().invoke(store_cli.app, ["ingest", str(src), "--db", db] + ([flag] if flag else []))
        assert r.exit_code == 0, r.output
        outs[flag] = r.output
    assert "3 articles (3 new)" in outs["--progress"] and "\r" not in outs["--progress"]
    assert "articles (" not in outs[""] and "articles (" not in outs["--no-progress"]
    assert all("articles: 3 new" in o for o in outs.values())
