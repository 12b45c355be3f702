"""Dates: relative days and periods, weekdays, absolute Gregorian/Levantine/Maghrebi/Hijri."""
from __future__ import annotations

from datetime import date

import pytest

from lexicon_examples import examples, normalised_example

from rasd.text.dates import find_dates
from rasd.text.normalise import normalise

THU = date(2014, 5, 22)  # a Thursday
SAT = date(2014, 5, 24)


def first(text, pub=THU):
    ms = find_dates(normalise(text), pub)
    assert ms, text
    return ms[0]


# (text, published, value, precision, past)
CASES = [
    # seeds
    ("وفجر اليوم الخميس هاجم عدد من المسلحين", THU, date(2014, 5, 22), 1, False),
    ("شن مسلحو تنظيم القاعدة فجر ،الخميس، هجوما", THU, date(2014, 5, 22), 1, False),
    ("اقتحام مبنى قيادة المنطقة العسكرية الثانية الأسبوع الماضي", THU, date(2014, 5, 15), 2, False),
    ("لاحتلال القاعدة مدينة سيئون لساعات الشهر قبل الماضي", THU, date(2014, 3, 1), 3, True),
    ("مساء أول من أمس", THU, date(2014, 5, 20), 1, False),
    ("الخميس (25 ديسمبر/ كانون الأول 2014) إثر استهدافهم", date(2014, 12, 26), date(2014, 12, 25), 1, False),
    ("بعد هزيمتها النكراء يوم أمس", THU, date(2014, 5, 21), 1, False),
    ("من صباح اليوم قامت العناصر", THU, date(2014, 5, 22), 1, False),
    # relative days
    ("قتل 13 شخصا، اليوم، في غارة", THU, THU, 1, False),
    ("هجوم أمس", THU, date(2014, 5, 21), 1, False),
    ("هجوم البارحة", THU, date(2014, 5, 21), 1, False),
    ("هجوم أمس الأول", THU, date(2014, 5, 20), 1, False),
    ("هجوم أول أمس", THU, date(2014, 5, 20), 1, False),
    ("هجوم قبل يومين", THU, date(2014, 5, 20), 1, False),
    ("هجوم منذ ثلاثة أيام", THU, date(2014, 5, 19), 1, False),
    ("غارة قبل 4 أيام", THU, date(2014, 5, 18), 1, False),
    ("هجوم قبل أسبوعين", THU, date(2014, 5, 8), 2, False),
    ("في المكلا قبل شهرين", THU, date(2014, 3, 22), 3, True),
    ("قبل ثلاثة أشهر", THU, date(2014, 2, 22), 3, True),
    ("قبل عامين", THU, date(2012, 5, 22), 3, True),
    # weekdays
    ("قتل جندي الخميس", THU, THU, 1, False),
    ("قتل جندي الخميس", SAT, THU, 1, False),
    ("قتل جندي مساء الاثنين", THU, date(2014, 5, 19), 1, False),
    ("انفجار ظهر الأحد", THU, date(2014, 5, 18), 1, False),
    ("هجوم يوم السبت", THU, date(2014, 5, 17), 1, False),
    ("الخميس الماضي", THU, date(2014, 5, 15), 1, False),
    ("الخميس الماضي", SAT, THU, 1, False),
    ("الخميس المقبل", THU, date(2014, 5, 29), 1, False),
    ("غارة ليلة الجمعة", SAT, date(2014, 5, 23), 1, False),
    ("هجوم فجر الجمعة", SAT, date(2014, 5, 23), 1, False),
    ("صباح اليوم الأربعاء", date(2014, 5, 21), date(2014, 5, 21), 1, False),
    ("أمس الأربعاء", THU, date(2014, 5, 21), 1, False),
    # periods
    ("الأسبوع الماضي", THU, date(2014, 5, 15), 2, False),
    ("الشهر الماضي", THU, date(2014, 4, 1), 3, True),
    ("الشهر الجاري", THU, date(2014, 5, 1), 3, False),
    ("العام الماضي", THU, date(2013, 1, 1), 3, True),
    ("منذ عام 2011 ثم تصاعدت", THU, date(2011, 1, 1), 3, True),
    ("منذ 2011", THU, date(2011, 1, 1), 3, True),
    ("في 2009", THU, date(2009, 1, 1), 3, True),
    ("في عام 2014", THU, date(2014, 1, 1), 3, False),
    # absolute
    ("في 5 مارس 2015", THU, date(2015, 3, 5), 1, False),
    ("في 5 آذار 2015", THU, date(2015, 3, 5), 1, False),
    ("في 26 آذار/مارس 2015", THU, date(2015, 3, 26), 1, False),
    ("في 9 أفريل 2015", THU, date(2015, 4, 9), 1, False),
    ("يوم 3 جانفي 2016", THU, date(2016, 1, 3), 1, False),
    ("في 20 أوت 2015", THU, date(2015, 8, 20), 1, False),
    ("في 12 جوان 2015", THU, date(2015, 6, 12), 1, False),
    ("في 5 جويلية 2015", THU, date(2015, 7, 5), 1, False),
    ("في 14 فيفري 2016", THU, date(2016, 2, 14), 1, False),
    ("في 8 ماي 2015", THU, date(2015, 5, 8), 1, False),
    ("في 6 يوليو / تموز 2018", THU, date(2018, 7, 6), 1, False),
    ("الجمعة 6 يوليو / تموز 2018، بغارة", THU, date(2018, 7, 6), 1, False),
    ("الخميس, 05 أكتوبر, 2017 - 08:16 مساءً", THU, date(2017, 10, 5), 1, False),
    ("الجمعة (29 أبريل/ نيسان 2016م الموافق", THU, date(2016, 4, 29), 1, False),
    ("في 3 تشرين الثاني 2015", THU, date(2015, 11, 3), 1, False),
    ("في 3 كانون الثاني 2015", THU, date(2015, 1, 3), 1, False),
    ("التاريخ 2015/3/5", THU, date(2015, 3, 5), 1, False),
    ("التاريخ 5/3/2015", THU, date(2015, 3, 5), 1, False),
    ("التاريخ 5-3-2015", THU, date(2015, 3, 5), 1, False),
    ("date 2025-09-18 استهدفت", THU, date(2025, 9, 18), 1, False),
    ("في 20 مايو", THU, date(2014, 5, 20), 1, False),
    ("في 20 ديسمبر", THU, date(2013, 12, 20), 1, True),
    ("في 15 رمضان 1436هـ", THU, date(2015, 7, 2), 1, False),
    ("في 15 رمضان 1436 هـ", THU, date(2015, 7, 2), 1, False),
    # month without a day
    ("في سبتمبر/أيلول 2014", THU, date(2014, 9, 1), 3, False),
    ("في مارس 2015", THU, date(2015, 3, 1), 3, False),
    ("في شباط الماضي", THU, date(2014, 2, 1), 3, True),
    ("في شهر مارس", THU, date(2014, 3, 1), 3, True),
    ("في يناير", THU, date(2014, 1, 1), 3, True),
]


@pytest.mark.parametrize("text,pub,value,precision,past", CASES)
def test_date(text, pub, value, precision, past):
    m = first(text, pub)
    d = m.value
    assert (d.value, d.precision, d.past) == (value, precision, past), (text, d, m.attrs)
    assert m.kind == "date" and d.span == m.span


RELATIVE_NO_PUB = [
    ("فجر اليوم الخميس", 1),
    ("الأسبوع الماضي", 2),
    ("الشهر الماضي", 3),
    ("مساء أول من أمس", 1),
    ("قبل شهرين", 3),
]


@pytest.mark.parametrize("text,precision", RELATIVE_NO_PUB)
def test_relative_without_publication_date(text, precision):
    m = first(text, None)
    assert m.value.value is None and m.value.relative and m.value.precision == precision


def test_past_flags_without_publication_date():
    assert first("الشهر قبل الماضي", None).value.past
    assert first("منذ عام 2011", None).value.past
    assert not first("الأسبوع الماضي", None).value.past


def test_absolute_without_publication_date():
    m = first("(25 ديسمبر/ كانون الأول 2014)", None)
    assert m.value.value == date(2014, 12, 25) and not m.value.relative
    assert "25 ديسمبر/ كانون الأول 2014" in "(25 ديسمبر/ كانون الأول 2014)"[m.span.start:m.span.end]


def test_night_and_parts_in_attrs():
    m = first("ليلة الخميس", THU)
    assert m.attrs.get("night") and m.value.value == THU
    assert first("مساء أول من أمس").attrs.get("part") == "مساء"


def test_weekday_wins_over_today_when_they_disagree():
    m = first("فجر اليوم الخميس", date(2014, 5, 23))  # published Friday
    assert m.value.value == THU and m.attrs.get("conflict")


NOT_DATES = [
    "في اليوم التالي للهجوم",
    "الساعة 04:20",
    "مقتل 20 جنديا",
    "اللواء 135",
    "مارس الجيش ضغوطا",
    "في ذلك اليوم",
    "منذ أيام",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text):
    assert find_dates(normalise(text), THU) == []


@pytest.mark.parametrize("entry,example", list(examples("dates")))
def test_lexicon_example(entry, example):
    norm = normalised_example(entry, example)
    if entry.get("role") in NEGATIVE_ROLES:
        # "وفي نفس اليوم": the day of the story, not the day of publication: no date of its own
        assert not find_dates(norm, THU), example
        return
    assert find_dates(norm, THU), example
    assert find_dates(norm, None), example


NEGATIVE_ROLES = {"same"}
