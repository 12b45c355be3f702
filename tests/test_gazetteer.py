"""Gazetteer: Yemen's districts against OCHA's list, seed phrases, clitics, common words."""
from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path

import pytest

from rasd.gazetteer import data, find, lookup
from rasd.gazetteer.build import HERE, key
from rasd.text.normalise import fold, normalise

SHARED = Path(__file__).parents[1].parent / "shared"
OCHA = SHARED / "geo" / "yemen-districts-ocha.jsonl"


def km(a, b) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


def ocha() -> list[dict]:
    if not OCHA.exists():
        pytest.skip(f"{OCHA} absent")
    return [json.loads(line) for line in OCHA.open(encoding="utf-8")]


def test_all_districts_within_50km():
    rows, bad = ocha(), []
    for r in rows:
        ps = [p for p in lookup(r["adm2_ar"], admin1=r["adm1_ar"], fuzzy=False) if p.level == "district"]
        if not ps or ps[0].lat is None or km((ps[0].lat, ps[0].lon), (r["lat"], r["lon"])) > 50:
            bad.append((r["adm1_ar"], r["adm2_ar"], ps[0].source if ps else "not found"))
    print(f"districts: {len(rows) - len(bad)}/{len(rows)} within 50 km")
    assert len(rows) == 335 and not bad


def test_districts_found_in_text():
    """The district named after مديرية and before its governorate resolves to it."""
    rows, bad = ocha(), []
    for r in rows:
        ms = find(normalise(f"قتل جندي في مديرية {r['adm2_ar']} بمحافظة {r['adm1_ar']}"))
        got = [m.place for m in ms if m.place.level != "governorate"]
        if not got or key(got[0].admin1_ar) != key(r["adm1_ar"]) or km((got[0].lat, got[0].lon), (r["lat"], r["lon"])) > 50:
            bad.append(r["adm2_ar"])
    print(f"districts in text: {len(rows) - len(bad)}/{len(rows)}")
    assert not bad


def test_all_governorates():
    govs = {(r["adm1_ar"], r["adm1_en"]) for r in ocha()}
    assert len(govs) == 22
    for ar, _ in govs:
        ps = [p for p in lookup(ar, fuzzy=False) if p.level == "governorate" and p.country == "Yemen"]
        assert ps and ps[0].lat is not None, ar
        assert [m.place.level for m in find(normalise(f"في محافظة {ar}"))] == ["governorate"], ar


def places(text: str) -> list[tuple[str, str | None]]:
    return [(m.place.name_ar, m.place.admin1_ar) for m in find(normalise(text))]


@pytest.mark.parametrize("text, expected", [
    ("بمدينة سيئون محافظة حضرموت", [("سيئون", "حضرموت"), ("حضرموت", "حضرموت")]),
    ("المكلابحضرموت", [("المكلا", "حضرموت"), ("حضرموت", "حضرموت")]),
    ("اقتحام مدينة القطن", [("القطن", "حضرموت")]),
    ("بمديرية بروم ميفع بحضرموت", [("بروم ميفع", "حضرموت"), ("حضرموت", "حضرموت")]),
    ("شبام بمحافظة حضرموت", [("شبام", "حضرموت"), ("حضرموت", "حضرموت")]),
    ("منطقة خلف على ساحل مدينة المكلا", [("خلف", "حضرموت"), ("المكلا", "حضرموت")]),
    ("وقف خلف القرار عدد من القادة", []),
    ("قالت مصادر في التحالف إن الغارات مستمرة", []),
    ("هجوم في شرقي اليمن", [("اليمن", None)]),
])
def test_seed_phrases(text, expected):
    assert places(text) == expected


def test_seed_mentions_carry_cue_span_and_glue():
    text = "هجوما استهدف معسكرا بمدينة سيئون محافظة حضرموت"
    m = find(normalise(text))[0]
    assert m.cue == "مدينة" and m.place.level == "town" and m.precision == 1
    assert text[m.span.start:m.span.end] == m.text == "سيئون"
    assert find(normalise("المكلابحضرموت"))[0].glued


@pytest.mark.parametrize("text", ["وبمدينة المكلا", "لمدينة المكلا", "للمكلا", "فالمكلا", "والمكلا", "بالمكلا"])
def test_clitics(text):
    ms = find(normalise(text))
    assert [(m.place.name_ar, m.place.level) for m in ms] == [("المكلا", "town")]


def test_seed_articles():
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        names = {m.place.name_ar for m in find(normalise(path.read_text(encoding="utf-8")))}
        assert names & {"سيئون", "المكلا", "القطن", "حضرموت"}, path.name


def test_countries():
    for name, country in [("سوريا", "Syria"), ("العراق", "Iraq"), ("السعودية", "Saudi Arabia"),
                          ("قطاع غزة", "Palestine"), ("الضفة الغربية", "Palestine"), ("إسرائيل", "Israel"),
                          ("أفغانستان", "Afghanistan"), ("نيجيريا", "Nigeria"), ("مالي", "Mali")]:
        ms = find(normalise(f"هجوم في {name}"))
        assert [(m.place.level, m.place.country) for m in ms] == [("country", country)], name


def test_lookup_variants():
    assert lookup("سيؤون")[0].name_ar == "سيئون"
    assert lookup("مكلا")[0].name_ar == "المكلا"
    assert any(p.admin1_ar == "المحويت" for p in lookup("شبام"))


def test_toml_examples_contain_their_forms():
    for name in ("cues.toml", "aliases.toml"):
        with (HERE / name).open("rb") as fh:
            for e in tomllib.load(fh)["entry"]:
                assert e["forms"] and e["examples"], e
                if e.get("role") != "common":
                    assert any(fold(f) in fold(x) for f in e["forms"] for x in e["examples"]), e["forms"]
                if name == "aliases.toml":
                    assert e.get("reason"), e["forms"]


def test_place_fields():
    p = lookup("حضرموت")[0]
    assert (p.level, p.country, p.country_code, p.admin1_ar) == ("governorate", "Yemen", "YE", "حضرموت")
    assert data().places and all(p.level in {"country", "governorate", "district", "town", "village"} for p in data().places)


def test_dual_cue_reads_both_villages_and_adjectives_end_a_name():
    from rasd.extract.mentions import doc_for

    doc = doc_for("هاجم مسلحون الاحد قريتي دوروا ومافورو في ولاية بورنو، ثم قرية كرينوا المجاورة.")
    names = [m.value.name_ar for m in doc.mentions["place"] if m.value.level == "village"]
    assert names == ["دوروا", "مافورو", "كرينوا"]
    assert all(m.value.admin1_ar == "بورنو" for m in doc.mentions["place"] if m.value.level == "village")


def test_a_multiword_alias_without_the_article_is_read_and_gaza_camps_are_known():
    from rasd.text.normalise import normalise
    from rasd import gazetteer

    found = gazetteer.find(normalise("غارات على قطاع غزة. وفي مواصي خان يونس استشهد 4 مواطنين"))
    assert [m.place.name_ar for m in found if m.place.level == "town"] == ["المواصي"]


def test_a_governorate_two_countries_share_goes_to_the_storys_country():
    from rasd.text.normalise import normalise
    from rasd import gazetteer

    text = ("قتل جنديان في هجوم بمدينة الشحر بمحافظة حضرموت. وقالت مصادر في محافظة الجوف إن طائرة استهدفت "
            "سيارة قرب الحدود مع السعودية، بعد غارة في رداع بمحافظة البيضاء.")
    jawf = [m.place for m in gazetteer.find(normalise(text)) if m.text == "الجوف"]
    assert jawf and jawf[0].country == "Yemen"


def test_the_storys_country_counts_nisba_adjectives_but_governorates_first():
    from rasd.extract.mentions import doc_for

    # a news site's banner names Jordan; the story is Algeria's (its ministry and army, and the country)
    doc = doc_for("مرحبا بك في موقع إخباري لآخر الأحداث في الأردن والعالم. قالت وزارة الدفاع الجزائرية إن الجيش "
                  "الجزائري نصب كمينا للمتشددين في قرية أقرو شرق العاصمة، في أحدث عملية في الجزائر.")
    assert "أقرو" in [m.value.name_ar for m in doc.mentions["place"]]
