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
