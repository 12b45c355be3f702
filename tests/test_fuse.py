"""Fusing: which reports are one event and why, figures over sources, near copies, and
deleting an article undoing the merges it caused."""
from __future__ import annotations

from rasd.fuse import combine, family_of, match_reason, normalise, signature, similarity
from rasd.model import Article
from rasd.store import canonical_dump, delete_article, event_detail, ingest
from rasd.store.events import report_values
from storekit import FakeExtract, event, fresh_engine, story
from storekit import engine  # noqa: F401  (fixture)


def rep(**changes) -> dict:
    e = event(**changes)
    return report_values(1, 0, e, family_of(e["sub_event_type"]))


def test_same_attack_told_differently_matches_with_a_reason():
    a, b = rep(), rep(sub_event_type="Suicide bomb", event_type="Explosions/Remote violence", date="2025-03-14")
    score, why = match_reason(b, a)
    assert "same place شبام" in why and "a day apart" in why


def test_different_place_day_family_or_actor_does_not_match():
    a = rep()
    assert match_reason(rep(place_ar="القطن", admin2="Al Qatn"), a) is None
    assert match_reason(rep(date="2025-03-16"), a) is None
    assert match_reason(rep(sub_event_type="Air/drone strike"), a) is None
    other = [{"name": "Houthis", "role": "actor1", "inter": 2}, {"name": "Military Forces of Yemen", "role": "actor2", "inter": 1}]
    assert match_reason(rep(actors=other), a) is None


def test_unknown_date_needs_same_place_and_a_named_actor():
    a = rep(date=None)
    assert match_reason(rep(date=None), a) is not None
    vague = rep(date=None, place_ar=None, geo_precision=3)
    assert match_reason(vague, a) is None
    assert match_reason(rep(place_ar=None, geo_precision=3), rep()) is not None  # same day: governorate suffices


def test_figures_low_best_high_over_sources():
    got = combine([{"low": 5, "best": 5, "high": 7}, None, {"low": 3, "best": 3, "high": 3}, {"low": 10, "high": 12}])
    assert got == {"low": 3, "best": 3, "high": 12}
    assert combine([None, {"low": None}]) is None


def test_near_copy_similarity():
    t = normalise(story(7, 300))
    assert similarity(signature(t), signature(t + " حصري")) > 0.9
    assert similarity(signature(t), signature(normalise(story(8, 300)))) < 0.5
    assert normalise("أُعلنَ مقتلُ ٣ جنودٍ") == normalise("اعلن مقتل 3 جنود")


ARTS = {
    "a": Article("a", story(11), url="https://a.example/1"),
    "b": Article("b", story(12), url="https://b.example/1"),
    "c": Article("c", story(13), url="https://c.example/1"),
}
FAKE = {
    "a": [event(fatalities={"low": 3, "best": 3, "high": 3})],
    "b": [event(date=None, fatalities={"low": 5, "best": 5, "high": 6})],
    # c (a day later, governorate only) joins through a's date; b is undated, so without a, c stands alone
    "c": [event(date="2025-03-14", place_ar=None, geo_precision=3, fatalities={"low": 4, "best": 4, "high": 4})],
}


def run(engine, ids):
    ingest(engine, [ARTS[i] for i in ids], FakeExtract(FAKE))
    with engine.connect() as c:
        return canonical_dump(c)


def test_merged_event_keeps_claims_and_recomputes_figures(engine):
    dump = run(engine, "abc")
    assert len(dump["events"]) == 1
    ev = dump["events"][0]
    assert (ev["fatalities_low"], ev["fatalities_best"], ev["fatalities_high"]) == (3, 3, 6)
    assert ev["number_of_sources"] == 3 and len(ev["claims"]) == 3
    with engine.connect() as c:
        detail = event_detail(c, 1)
    whys = [r["merged_because"] for r in detail["reports"]]
    assert whys[0] == "founded the event" and "same place شبام" in whys[1] and "dates a day apart" in whys[2]


def test_deleting_an_article_undoes_its_merges(engine, tmp_path):
    run(engine, "abc")
    for gone in "abc":
        eng = fresh_engine("sqlite", tmp_path, f"all{gone}")
        run(eng, "abc")
        with eng.begin() as c:
            assert delete_article(c, ARTS[gone].url)["documents"] == 1
            got = canonical_dump(c)
        ref = fresh_engine("sqlite", tmp_path, f"without{gone}")
        want = run(ref, [i for i in "abc" if i != gone])
        assert got == want, gone
    with engine.begin() as c:  # a, the article that tied b and c, goes: two events again
        delete_article(c, "a")
        assert len(canonical_dump(c)["events"]) == 2
