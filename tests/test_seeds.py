"""The text layer on the seed reports: every place of a gold event found in its governorate,
every count phrase read with the right low/high, every relative date resolved."""
import json
from datetime import date
from pathlib import Path

import pytest

from rasd import gazetteer
from rasd.text.dates import find_dates
from rasd.text.normalise import fold, normalise
from rasd.text.numbers import find_counts

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"
pytestmark = pytest.mark.skipif(not SEEDS.exists(), reason="../shared/seeds not beside the repo")


def seed_texts():
    return {json.loads(l)["id"]: json.loads(l)["text"] for l in (SEEDS / "articles.jsonl").open(encoding="utf-8")}


def gold_events():
    for line in (SEEDS / "gold.jsonl").open(encoding="utf-8"):
        g = json.loads(line)
        for e in g["events"]:
            yield g["id"], e


@pytest.mark.parametrize("aid, event", list(gold_events()), ids=lambda x: x if isinstance(x, str) else x["sub_event_type"])
def test_every_gold_place_found_in_its_governorate(aid, event):
    found = gazetteer.find(normalise(seed_texts()[aid]))
    govs = {fold(m.place.admin1_ar or m.place.name_ar) for m in found}
    assert fold(event["admin1_ar"]) in govs
    if event["place_ar"]:
        hits = [m for m in found if fold(m.text) == fold(event["place_ar"])]
        assert hits and all(fold(m.place.admin1_ar) == fold(event["admin1_ar"]) for m in hits)


@pytest.mark.parametrize("aid, phrase, low, high", [
    ("000_abbf0c6ecdaf604a", "بنحو 20 قتيلا", 20, 20),
    ("000_abbf0c6ecdaf604a", "وعددهم (8) مسلحين", 8, 8),
    ("000_abbf0c6ecdaf604a", "قتل جنديان على الاقل", 2, None),
    ("000_abbf0c6ecdaf604a", "وجرح 5 آخرون", 5, 5),
    ("000_abbf0c6ecdaf604a", "استشهد جنديان", 2, 2),
    ("000_abbf0c6ecdaf604a", "وجرح ثلاثة آخرون", 3, 3),
    ("000_abbf0c6ecdaf604a", "جرح (3) جنود", 3, 3),
    ("000_abbf0c6ecdaf604a", "واعتقال ثلاثة اخرين", 3, 3),
    ("001_5cf28242ce8336c0", "المتكون من عشرة جنود", 10, 10),
    ("001_5cf28242ce8336c0", "الضباط بالعشرات", 12, 99),
])
def test_seed_count_phrases(aid, phrase, low, high):
    text = seed_texts()[aid]
    i = text.index(phrase)
    n = normalise(text)
    got = [(c.value.low, c.value.high) for c in find_counts(n) if c.span.start < i + len(phrase) and c.span.end > i]
    assert (low, high) in got


def test_seed_relative_dates_resolve():
    text = seed_texts()["000_abbf0c6ecdaf604a"]
    thursday = date(2014, 5, 22)
    got = {n.original_text(d.start, d.end): d.value for n in [normalise(text)] for d in find_dates(n, thursday)}
    assert got["فجر اليوم الخميس"].value == thursday
    assert got["يوم أمس"].value == date(2014, 5, 21)
    assert got["الشهر قبل الماضي"].past
