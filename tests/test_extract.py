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


def test_python_api_is_callable_module():
    import rasd

    evs = rasd.extract("قتل مدني برصاص مسلحين مجهولين في مدينة تعز جنوب غربي اليمن.")
    assert [e["sub_event_type"] for e in evs] == ["Attack"]
    assert evs[0]["fatalities"]["best"] == 1  # a lone victim noun is one


def test_groups_of_one_side_add_up_and_among_them_adds_nothing():
    e = one("قالت مصادر عسكرية إن عشرة جنود قتلوا في هجوم على معسكر للجيش في مدينة المكلا بحضرموت، "
            "بينهم ثلاثة ضباط. وأضافت المصادر أن خمسة ضباط آخرين قتلوا في الاشتباكات داخل المعسكر.")
    assert e["fatalities"]["low"] == 15


def test_running_total_is_no_figure():
    e = one("استشهد ثلاثة فلسطينيين في غارة إسرائيلية على منزل في مدينة خان يونس جنوب قطاع غزة. "
            "وارتفعت حصيلة الشهداء منذ بدء العدوان إلى 34488 شهيدا.")
    assert e["sub_event_type"] == "Air/drone strike"
    assert e["fatalities"]["high"] == 3


def test_strikes_on_several_places_are_one_event_each():
    evs = [e for e in extract("شن طيران التحالف غارات على مديريتي كتاف ورازح في محافظة صعدة شمال اليمن.")
           if not e["background"]]
    assert sorted(e["location"]["place_ar"] for e in evs) == ["رازح", "كتاف"]
    assert {e["sub_event_type"] for e in evs} == {"Air/drone strike"}


def test_dateline_and_distance_reference_are_not_the_place():
    e = one("عدن: قتل جنديان في هجوم مسلح على نقطة تفتيش في مدينة الشحر بمحافظة حضرموت.")
    assert e["location"]["place_ar"] == "الشحر"
    e = one("قتل مسلحان في كمين للجيش بمنطقة تزروت بولاية تيبازة (70 كلم غرب العاصمة الجزائر).")
    assert e["location"]["place_ar"] != "الجزائر"


def test_wrapped_lines_stay_one_sentence():
    text = ("قتل قرابة العشرين شخصا وأصيب العشرات إثر تفجير انتحاري داخل معسكر رأس عباس التدريبي غربي مدينة\n"
            "عدن جنوب\nاليمن.")
    e = one(text)
    assert e["sub_event_type"] == "Suicide bomb" and e["location"]["place_ar"] == "عدن"


def test_bad_and_non_event_text():
    assert extract("ارتفع سعر صرف الريال اليمني أمام الدولار في مدينة عدن اليوم الخميس.") == []
    assert extract("") == []


@needs_shared
def test_every_evidence_span_points_into_the_text():
    from rasd.text.normalise import fold

    for line in (SHARED / "seeds/articles.jsonl").read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        for e in extract(text):
            for field, spans in e["evidence"].items():
                for s, t in spans:
                    assert 0 <= s < t <= len(text), field
            if e["location"]["place_ar"]:
                s, t = e["evidence"]["place"][0]
                assert fold(text[s:t]) == fold(e["location"]["place_ar"])


def test_negation_does_not_reach_past_punctuation():
    e = one("وقال مصدر أمني فضل عدم كشف اسمه: «اغتال مسلحون مجهولون ضابطا في الشرطة أمام منزله بمدينة تعز».")
    assert e["sub_event_type"] == "Attack" and e["fatalities"]["best"] == 1
    assert not [e for e in extract("نفى الجيش استهداف منزل في مدينة تعز.") if not e["background"]]


def test_definite_attack_word_goes_on_with_the_attack():
    # the shells and grenades are the weapons of the attack on the prison: one event, not two
    e = one("شن مسلحون هجوما على السجن المركزي في مدينة المكلا بحضرموت. "
            "وأسفر الهجوم الذي استخدم فيه المسلحون قذائف وقنابل يدوية عن مقتل ثلاثة من حراس السجن.")
    assert e["fatalities"]["best"] == 3 and e["location"]["place_ar"] == "المكلا"


def test_women_and_men_after_a_nationality_count_are_a_breakdown():
    e = one("استشهد 8 فلسطينيين في غارة جوية على منزل في مدينة رفح جنوب قطاع غزة، امرأتان وأربعة رجال وطفلان.")
    assert e["fatalities"]["best"] == 8


def test_exact_figure_beats_a_vague_range_that_holds_it():
    e = one("قالت مصادر محلية إن العشرات قتلوا في هجوم على مجمع وزارة الدفاع في صنعاء. "
            "وقال مصدر أمني إن حصيلة القتلى بلغت 43 قتيلا.")
    assert e["fatalities"]["best"] == 43 and e["fatalities"]["high"] >= 43


def test_object_of_an_active_verb_after_a_long_subject():
    e = one("قتلت طائرة أمريكية بدون طيار في غارة جوية عنصرين اثنين من تنظيم القاعدة في محافظة شبوة.")
    assert e["sub_event_type"] == "Air/drone strike" and e["fatalities"]["best"] == 2


def test_definite_plural_after_background_goes_on_with_the_series():
    evs = extract("قتل قيادي في تنظيم القاعدة بغارة لطائرة أمريكية بدون طيار في محافظة البيضاء وسط اليمن. "
                  "وتشن طائرات أمريكية بدون طيار منذ سنوات غارات على مواقع التنظيم في اليمن. "
                  "وأسفرت الغارات عن مقتل العشرات من عناصر التنظيم في اليمن.")
    current = [e for e in evs if not e["background"]]
    assert len(current) == 1 and current[0]["fatalities"]["best"] == 1


def test_soldiers_and_security_men_told_by_two_sources_are_one_toll():
    e = one("أعلن الجيش المصري مقتل 6 عسكريين في هجوم على نقطة أمنية بمدينة العريش في شمال سيناء. "
            "وقال المتحدث باسم الجيش في بيان إن الهجوم أسفر عن مقتل 6 أمنيين.")
    assert e["fatalities"]["best"] == 6


def test_sunset_prayer_and_event_nouns_are_no_places():
    e = one("اندلعت اشتباكات قبل المغرب حول مقر وزارة الدفاع في العاصمة صنعاء، وتقوم القوات بتمشيط منطقة الحادث.")
    assert e["location"]["country"] == "Yemen" and e["location"]["place_ar"] == "صنعاء"


def test_a_named_village_is_not_replaced_by_a_town_named_later():
    e = one("قالت وزارة الدفاع إن قوات الجيش قتلت إرهابيين اثنين في كمين بمنطقة تزروت التابعة لولاية تيبازة. "
            "وأضافت الوزارة أن مفرزة من الجيش تابعة للقطاع العملياتي لتيبازة قضت على الإرهابيين.")
    assert e["location"]["place_ar"] == "تزروت" and e["fatalities"]["best"] == 2


def test_a_capital_after_a_direction_is_a_landmark_and_a_victims_pronoun_counts():
    e = one("لقي مسلح مصرعه في كمين للجيش اليوم الأحد بمحافظة تيزي وزو شرق العاصمة الجزائر. "
            "وقالت وزارة الدفاع إن قوات الجيش تمكنت في كمين نصبته بمدينة عزازقة من القضاء على الإرهابي.")
    assert e["location"]["admin1_ar"] == "تيزي وزو" and e["location"]["place_ar"] == "عزازقة"
    assert e["fatalities"]["best"] == 1


def test_a_quarter_east_of_a_town_is_placed_by_the_town():
    e = one("شن طيران الاحتلال غارات على حي الزيتون جنوب شرق مدينة غزة.")
    assert e["location"]["place_ar"] == "غزة"


def test_on_the_one_side_on_the_other_is_no_change_of_subject():
    e = one("قالت مصادر محلية إن الاشتباكات التي جرت اليوم بمنطقة المطمة بمحافظة الجوف بين رجال القبائل من جهة "
            "والحوثيين من جهة أخرى أسفرت عن سقوط 11 قتيلا حوثيا.")
    assert e["location"]["place_ar"] == "المطمة" and e["fatalities"]["best"] == 11


def test_a_definite_strike_word_spreads_the_strikes_over_the_places_it_names():
    evs = [e for e in extract("قصف طيران التحالف اليوم مواقع في محافظة صعدة شمال اليمن. "
                              "وقالت مصادر إن القصف استهدف معسكرا في مديرية كتاف ومديرية رازح.")
           if not e["background"]]
    assert {e["sub_event_type"] for e in evs} == {"Air/drone strike"}
    assert {"كتاف", "رازح"} <= {e["location"]["place_ar"] for e in evs}


def test_a_toll_over_several_places_and_its_headline_are_no_events_figure():
    evs = [e for e in extract("استشهاد 28 فلسطينيا بقصف لجيش الاحتلال على قطاع غزة\n"
                              "استشهد 28 فلسطينيا إثر قصف جيش الاحتلال مناطق عدة في القطاع. "
                              "واستشهد طفلان إثر قصف طائرات الاحتلال حيا غرب مدينة خان يونس.")
           if not e["background"]]
    assert all((e["fatalities"] or {}).get("best") != 28 for e in evs)
    assert any((e["fatalities"] or {}).get("best") == 2 for e in evs)


def test_a_killing_a_protest_is_about_is_not_its_toll():
    e = one("أطلقت قوات الأمن قنابل الغاز المسيل للدموع لتفريق آلاف المتظاهرين في الخرطوم "
            "الذين يطالبون بمحاسبة المسؤولين عن مقتل 79 شخصا.")
    assert e["event_type"] == "Protests" and not e["fatalities"]


def test_a_time_phrase_that_shadows_a_clause_word_does_not_split_the_clause():
    evs = extract("قتل 30 جنديا في هجوم انتحاري على معسكر الصولبان شرق عدن. "
                  "وسقط قرابة 35 قتيلا وأصيب العشرات، في وقت سابق من الشهر الحالي، بتفجير عبوة ناسفة طالت المعسكر.")
    current = [e for e in evs if not e["background"]]
    assert len(current) == 1 and current[0]["fatalities"]["best"] == 30


def test_a_casualty_verb_joined_by_wa_takes_the_count_after_it():
    e = one("قتل يوم الأحد الفارط 7 جنود وأصيب 4 آخرون في هجوم استهدف مدرعة للجيش في مدينة العريش بشمال سيناء.")
    assert e["fatalities"]["best"] == 7 and e["injured"]["best"] == 4


def test_strikes_on_a_place_west_of_a_city_are_one_event_and_lately_is_background():
    evs = extract("قال موقع إن غارات سعودية استهدفت منزلا في منطقة عصر غرب العاصمة صنعاء، أسفرت عن مقتل 11 مدنيا. "
                  "وتركزت في الآونة الأخيرة المعارك والغارات الجوية للتحالف في المحافظة.")
    current = [e for e in evs if not e["background"]]
    assert len(current) == 1 and current[0]["fatalities"]["best"] == 11


def test_consular_is_no_sniping_and_blocking_a_road_is_no_interception():
    evs = extract("اعترضت جماعة مسلحة طريق السيارة التي كانت تقل ستة مصريين أثناء عودتهم إلى القاهرة، "
                  "وقال مساعد وزير الخارجية للشؤون القنصلية إن الوزارة تتابع واقعة الاختطاف.")
    assert {e["sub_event_type"] for e in evs} <= {"Abduction/forced disappearance"}


def test_a_jailbreak_that_frees_prisoners_is_no_agreement():
    e = one("هاجم مسلحون من تنظيم القاعدة السجن المركزي في مدينة المكلا وأطلقوا سراح نحو 300 سجين.")
    assert e["event_type"] != "Strategic developments"


def test_a_village_unknown_in_the_governorate_its_sentence_names_is_placed_there():
    e = one("استهدفت طائرة بدون طيار سيارة في منطقة الخبت قرب الحدود في محافظة الجوف شمال اليمن وقتلت ثلاثة مسلحين.")
    loc = e["location"]
    assert loc["admin1_ar"] == "الجوف" and loc["place_ar"] == "الخبت" and loc["geo_precision"] == 3


def test_a_bare_raid_by_an_armed_group_with_no_air_power_is_no_air_strike():
    e = one("قتل عشرة أشخاص في غارة شنها مسلحون من جماعة بوكو حرام على قرية دوروا في ولاية بورنو.")
    assert e["sub_event_type"] != "Air/drone strike"
    e = one("استشهد خمسة فلسطينيين في غارة على منزل في مدينة رفح جنوب قطاع غزة.")
    assert e["sub_event_type"] == "Air/drone strike"


def test_a_strike_told_only_with_its_country_is_the_strike_the_story_places():
    evs = [e for e in extract("قتل ثلاثة من عناصر القاعدة في ضربة أمريكية في اليمن. "
                              "وقالت مصادر محلية إن طائرة بدون طيار استهدفت سيارتهم في منطقة الصومعة بمحافظة البيضاء.")
           if not e["background"]]
    assert len(evs) == 1 and evs[0]["location"]["admin1_ar"] == "البيضاء"


def test_an_act_four_days_before_the_news_is_another_event_told_as_context():
    evs = extract("قتل خمسة مدنيين في غارات جوية لطيران التحالف على منطقة المزرعة في محافظة صعدة. "
                  "فيما سجل قبل 4 أيام غارة جوية للتحالف دمرت عيادة طبية في صعدة وأودت بحياة 7 مدنيين.")
    current = [e for e in evs if not e["background"]]
    assert len(current) == 1 and current[0]["fatalities"]["best"] == 5
    assert any(e["background"] and e["fatalities"]["best"] == 7 for e in evs)


def test_where_people_fled_to_is_not_where_the_attack_was():
    e = one("قتل مسلحون من بوكو حرام عشرة أشخاص في هجوم على قرية دوروا في ولاية بورنو. "
            "وقال شاهد لجأ اثر الهجوم الى مايدوغوري عاصمة الولاية إنهم قتلوا بالرصاص ستة أشخاص.")
    assert e["location"]["place_ar"] == "دوروا"


def test_a_toll_that_rose_to_a_number_and_victims_then_killed():
    e = one("أعلنت شرطة عدن ارتفاع عدد قتلى التفجير الانتحاري الذي استهدف مركزا للتجنيد تابعا للجيش في مدينة عدن إلى 50 شخصا.")
    assert e["fatalities"]["best"] == 50
    e = one("أوضحت الوزارة أن الضحيتين قتلا في كمين قرب بلدية تادمايت بولاية تيزي وزو.")
    assert e["fatalities"]["best"] == 2


def test_killed_and_wounded_between_two_numbers_split_them():
    e = one("يذكر أن [20] شخصا قتل وأصيب [42] آخرين بالتفجير الذي استهدف مبنى وزارة الدفاع في صنعاء.")
    assert e["fatalities"]["best"] == 20 and e["injured"]["best"] == 42


def test_people_from_both_sides_are_one_toll_not_added_to_each_side():
    e = one("قتل 13 شخصا اليوم في اشتباكات بين الحوثيين وقوات الجيش بمنطقة الغيل بمحافظة الجوف. "
            "وقال مصدر محلي إن الاشتباكات أدت إلى مقتل 13 شخصا من الطرفين، 5 من القبائل و8 من المسلحين الحوثيين.")
    assert e["fatalities"]["best"] == 13


def test_others_add_to_the_figure_just_told_but_a_restatement_does_not():
    e = one("هاجم مسلحون قرية دوروا في ولاية بورنو وقال شاهد: لقد قتلوا بالرصاص ستة أشخاص وذبحوا أربعة آخرين.")
    assert e["fatalities"]["best"] == 10
    e = one("قتل ثلاثة جنود وأصيب أربعة آخرون في هجوم على نقطة عسكرية بمدينة شبام بمحافظة حضرموت. "
            "وكان أربعة آخرون قد أصيبوا بجروح متفاوتة في الهجوم الذي استهدف النقطة.")
    assert e["injured"]["best"] == 4


def test_one_protester_killed_and_others_wounded():
    evs = extract("ذكرت لجنة الأطباء أن متظاهرا واحدا على الأقل قتل وأصيب آخرون في اشتباكات مع الشرطة في الخرطوم.")
    assert any((e["fatalities"] or {}).get("best") == 1 for e in evs)
    e = one("قدر المصدر سقوط 20 شخصا بين قتيل وجريح في التفجير الذي استهدف مجمع وزارة الدفاع في صنعاء.")
    assert not e["fatalities"] or e["fatalities"]["best"] != 20


def test_a_time_span_is_no_toll_and_a_24_hour_total_is_no_events_figure():
    evs = extract("قتل أكثر من 60 متمردا حوثيا وجنديا مواليا للحكومة في محافظة الحديدة غرب اليمن، خلال 24 ساعة. "
                  "وفي الساعات الأربع والعشرين الماضية، قتل 18 متمردا في غارات نفذها التحالف على مدينة حيس.")
    hays = [e for e in evs if e["location"]["place_ar"] == "حيس"]
    assert hays and hays[0]["fatalities"]["best"] == 18


def test_an_act_after_since_only_dates_a_period():
    evs = [e for e in extract("ومنذ إطلاق صاروخ باتجاه الرياض في 19 ديسمبر، تتركز المعارك في محافظة الحديدة. "
                              "وقتل 18 متمردا في غارات للتحالف على مدينة حيس.") if not e["background"]]
    assert all(e["location"]["place_ar"] != "الرياض" for e in evs)
    e = one("قالت وكالة رويترز منذ قليل إن عشرة أشخاص قتلوا في تفجير انتحاري لسيارة مفخخة أمام فندق في مقديشو.")
    assert e["sub_event_type"] == "Suicide bomb"


def test_a_bare_name_after_its_governorate_names_the_governorate_again():
    e = one("أعلنت الأجهزة الأمنية بمحافظة مأرب أنها ألقت القبض على زعيم خلية حوثية. "
            "وقال مصدر في شرطة مأرب إن الأجهزة الأمنية نفذت عملية أمنية اعتقلت فيها القيادي.")
    assert e["location"]["admin1_ar"] == "مأرب" and e["location"]["place_ar"] is None


def test_an_attempt_to_take_a_town_is_no_change_of_territory():
    evs = [e for e in extract("وتتزامن هجمات القاعدة مع محاولة المتمردين السيطرة على مدينة عدن.")
           if not e["background"]]
    assert all(e["sub_event_type"] != "Non-state actor overtakes territory" for e in evs)
    e = one("أعلنت قوات الحوثيين السيطرة على مدينة الحزم في محافظة الجوف.")
    assert e["sub_event_type"] == "Non-state actor overtakes territory"


def test_a_missile_in_a_drone_story_is_that_strike_and_the_two_men_are_the_two_dead():
    evs = [e for e in extract("مقتل اثنين من القاعدة بضربة جوية لطائرة أمريكية بدون طيار في اليمن. "
                              "وذكر المسؤولون أن الرجلين قتلا إثر سقوط صاروخ على سيارة كانا يستقلانها في محافظة البيضاء.")
           if not e["background"]]
    assert len(evs) == 1 and evs[0]["sub_event_type"] == "Air/drone strike"
    assert evs[0]["fatalities"]["best"] == 2 and evs[0]["location"]["admin1_ar"] == "البيضاء"


def test_arrested_bombers_and_foiled_attacks_are_no_suicide_bombing():
    evs = [e for e in extract("وإحباط هجمات انتحارية بالعاصمة صنعاء. وقالت الأجهزة الأمنية إنها تمكنت من إلقاء القبض "
                              "على عدد من العناصر الإرهابية الانتحارية في أمانة العاصمة.") if not e["background"]]
    assert {e["sub_event_type"] for e in evs} == {"Arrests"}


def test_bombs_found_in_a_hideout_were_never_set_off():
    evs = [e for e in extract("تمكنت أجهزة الأمن من القبض على عنصرين إرهابيين في أحد البيوت بمنطقة جدر شمال العاصمة صنعاء. "
                              "وأوضح المصدر أن الأجهزة عثرت بحوزة الخلية على ألغام ناسفة وأحزمة ناسفة ومفاتيح تفجير.")
           if not e["background"]]
    assert {e["sub_event_type"] for e in evs} == {"Arrests"}


def test_the_attack_of_the_day_before_only_dates_todays_killing():
    evs = [e for e in extract("قال مصدر أمني إن مسلحين قتلوا عقيدا في الشرطة في عدن أمس غداة اعتداء انتحاري نجا منه مدير الأمن.")
           if not e["background"]]
    assert evs and all(e["sub_event_type"] != "Suicide bomb" for e in evs)


def test_a_capital_the_event_lies_east_of_is_no_event_place():
    evs = extract("قالت وزارة الدفاع الجزائرية إن الجيش قتل خمسة متشددين في كمين بولاية تيزي وزو إلى الشرق من الجزائر العاصمة.")
    assert evs and all(e["location"]["place_ar"] != "الجزائر العاصمة" for e in evs)


def test_talks_to_free_the_abducted_are_no_new_event():
    evs = [e for e in extract("أفادت مصادر أمنية بأن حوالي 50 مصريا تم اختطافهم بالقرب من مدينة الخمس شرق طرابلس. "
                              "وأشارت المصادر إلى أن القاهرة تتكتم على الواقعة وتجري مفاوضات لإطلاق سراح العمال المختطفين.")
           if not e["background"]]
    assert [e["location"]["place_ar"] for e in evs] == ["الخمس"]


def test_headlines_under_read_more_are_other_stories():
    text = ("استشهد 8 فلسطينيين في غارة جوية إسرائيلية على منزل في مدينة رفح جنوب قطاع غزة.\n"
            "طالع المزيد:\n-\nمقتل 5 جنود في هجوم على حاجز في مدينة العريش\n-\nوقف إطلاق النار في غزة\n")
    evs = [e for e in extract(text) if not e["background"]]
    assert [e["location"]["place_ar"] for e in evs] == ["رفح"]


def test_protesters_in_clashes_with_police_are_a_policed_protest():
    evs = [e for e in extract("أطلقت قوات الأمن السودانية الغاز المسيل للدموع لتفريق مئات المتظاهرين في الخرطوم. "
                              "وذكرت لجنة الأطباء أن متظاهرا واحدا على الأقل قتل في اشتباكات مع الشرطة في الخرطوم.")
           if not e["background"]]
    assert len(evs) == 1 and evs[0]["event_type"] == "Protests" and evs[0]["fatalities"]["best"] == 1


def test_shells_named_as_rpg_rounds_are_no_shelling():
    e = one('ونقلت وسائل إعلام أن رجال القبائل استهدفوا سيارة تحمل مسلحين حوثيين بقذيفة «آر بي جي» في منطقة اليتمة بمحافظة الجوف.')
    assert e["sub_event_type"] != "Shelling/artillery/missile attack"
