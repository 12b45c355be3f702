"""Shared by the store, fuse and export tests: databases (SQLite always, PostgreSQL when
RASD_TEST_PG is set), a fake extractor for exact control over events, and sample events."""
from __future__ import annotations

import copy
import os
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"
SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
PG = os.environ.get("RASD_TEST_PG")
BACKENDS = ["sqlite"] + (["postgresql"] if PG else [])


def fresh_engine(kind: str, tmp_path: Path, name: str = "t"):
    from sqlalchemy import text

    from rasd.store import connect
    from rasd.store.db import normalise_url
    from rasd.store.schema import metadata

    if kind == "sqlite":
        return connect(f"sqlite:///{tmp_path / name}.db")
    from sqlalchemy import create_engine

    eng = create_engine(normalise_url(PG))
    with eng.begin() as conn:  # a clean slate: every test owns the whole database
        metadata.drop_all(conn)
        conn.execute(text("DROP TABLE IF EXISTS schema_version"))
    eng.dispose()
    return connect(PG)


@pytest.fixture(params=BACKENDS)
def engine(request, tmp_path):
    eng = fresh_engine(request.param, tmp_path)
    yield eng
    eng.dispose()


EVENT = {
    "event_type": "Battles", "sub_event_type": "Armed clash", "date": "2025-03-13", "time_precision": 1,
    "location": {"country": "Yemen", "admin1_ar": "حضرموت", "admin1": "Hadramawt", "admin2": "Shibam",
                 "place_ar": "شبام", "place": "Shibam", "site_ar": None, "lat": 15.92, "lon": 48.62, "geo_precision": 1},
    "actors": [{"name": "AQAP", "role": "actor1", "inter": 2}, {"name": "Military Forces of Yemen", "role": "actor2", "inter": 1}],
    "interaction": 12, "fatalities": {"low": 3, "best": 3, "high": 3}, "injured": None, "arrested": None,
    "claims": [{"source": "media", "source_ar": None, "kind": "media", "killed": {"low": 3, "best": 3, "high": 3},
                "injured": None, "arrested": None}],
    "evidence": {"trigger": [[0, 3]]}, "background": False, "confidence": 0.9, "needs_review": False, "notes": "n",
}


def event(**changes) -> dict:
    e = copy.deepcopy(EVENT)
    for k, v in changes.items():
        if k in e["location"]:
            e["location"][k] = v
        else:
            e[k] = v
    return e


class FakeExtract:
    """Events by article id, so a test decides exactly what each article reports."""

    def __init__(self, by_id: dict[str, list[dict]]):
        self.by_id = by_id
        self.calls = 0

    def __call__(self, article):
        self.calls += 1
        return copy.deepcopy(self.by_id.get(article.id, []))


WORDS = ("قتل جنود هجوم مسلح نقطة عسكرية مدينة شبام محافظة حضرموت مصدر أمني تنظيم القاعدة اليوم صباح "
         "أصيب آخرون سيارة مفخخة انفجار قرب معسكر الجيش اليمني مسلحين مجهولين الطريق العام قوات الأمن").split()


def story(seed: int, n: int = 80) -> str:
    """A distinct Arabic-looking text per seed (no two seeds are near copies)."""
    import random

    rnd = random.Random(seed)
    return " ".join(rnd.choice(WORDS) + ("." if rnd.random() < 0.1 else "") for _ in range(n))
