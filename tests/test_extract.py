"""Extraction end to end: the seeds' events, claims per source, negation, background."""
import importlib.util
import json
from datetime import date
from pathlib import Path

import pytest

from rasd.extract import extract

SHARED = Path(__file__).resolve().parents[2] / "shared"
needs_shared = pytest.mark.skipif(not (SHARED / "seeds").exists(), reason="../shared not beside the repo")


def scorer():
    spec = importlib.util.spec_from_file_location("score", SHARED / "eval/score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@needs_shared
def test_seeds_every_current_event_found_with_figures_in_range():
    sc = scorer()
    gold = sc.load(SHARED / "seeds/gold.jsonl")
    pred = {}
    for line in (SHARED / "seeds/articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        pred[a["id"]] = {"id": a["id"], "events": extract(a["text"])}
    for gid, g in gold.items():
        current = [e for e in g["events"] if not e.get("background")]
        pev = [p for p in pred[gid]["events"] if not p["background"]]
        pairs = sc.match(current, pev)
        assert len(pairs) == len(current), (gid, [e["sub_event_type"] for e in pev])
        for gi, pi, _ in pairs:
            assert sc.in_range(current[gi].get("killed"), pev[pi]["fatalities"]), (gid, current[gi], pev[pi]["fatalities"])


def one(text, **kw):
    evs = [e for e in extract(text, **kw) if not e["background"]]
    assert len(evs) == 1, [(e["sub_event_type"], e["location"]["place_ar"]) for e in evs]
    return evs[0]


def test_dual_and_two_claims():
    e = one("قتل جنديان وأصيب ثلاثة آخرون في هجوم مسلح على نقطة عسكرية بمدينة شبام بمحافظة حضرموت، "
            "بحسب مصدر عسكري. وقالت مصادر محلية إن أربعة جنود قتلوا في الهجوم.")
    assert e["sub_event_type"] == "Armed clash"
    assert e["location"]["place_ar"] == "شبام" and e["location"]["admin1_ar"] == "حضرموت"
    assert e["fatalities"] == {"low": 2, "best": 2, "high": 4}
    assert e["injured"]["low"] == 3
    kinds = {c["kind"] for c in e["claims"]}
    assert {"official", "local"} <= kinds
    start, end = e["evidence"]["place"][0]
    assert "شبام" in "قتل جنديان وأصيب ثلاثة آخرون في هجوم مسلح على نقطة عسكرية بمدينة شبام"[start - 3:end + 3]


def test_threat_is_no_event():
    assert not [e for e in extract("توعد تنظيم القاعدة بشن هجمات على معسكرات الجيش في محافظة حضرموت.")
                if not e["background"]]


def test_earlier_attack_is_background():
    evs = extract("وجاء الهجوم بعد هجوم مماثل استهدف معسكرا للجيش في مدينة سيئون الشهر الماضي.",
                  published=date(2025, 3, 13))
    assert evs and all(e["background"] for e in evs)


def test_relative_date_resolves_against_publication():
    e = one("قتل ثلاثة جنود فجر اليوم الخميس في هجوم على نقطة عسكرية بمدينة شبام بمحافظة حضرموت.",
            published=date(2025, 3, 13))
    assert e["date"] == "2025-03-13" and e["time_precision"] == 1
