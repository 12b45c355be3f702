"""Dates in Arabic news, absolute and relative, resolved against the publication day.

`find_dates(norm, published)` returns Mention(kind="date") with value = DateRef(value,
precision, span, relative, past); attrs: unit (day/week/month/year), part (فجر، مساء ...),
year_only, yearless, hijri, night, conflict, days_ago (how many days before publication a
relative expression says, known with or without the publication day: أمس 1, قبل 4 أيام 4).

Rules (published = P):
- اليوم P; أمس P-1; أمس الأول / أول أمس / أول من أمس P-2. Precision 1.
- A weekday is the most recent such day on or before P; "X الماضي" is the most recent one
  strictly before P; "X المقبل" the next one after P. With اليوم/أمس beside it
  ("فجر اليوم الخميس") the weekday wins when the two disagree (publication dates are often a
  day off; a named weekday is deliberate) and attrs["conflict"] is set.
- ليلة/ليل X is dated to the named day X (attrs night=True): the night spans two dates,
  and ACLED coders date by the day named; a caller may subtract one day if it reads
  ليلة الخميس as Wednesday night.
- الأسبوع الماضي P-7 (precision 2); الشهر الماضي / قبل الماضي the 1st of that month
  (precision 3); العام الماضي 1 January of P.year-1 (precision 3, year_only: ACLED has no
  year precision). قبل/منذ N يوم|أسبوع|شهر|سنة: P minus N units, precision 1/2/3/3.
- Absolute: D month [/ month] [,] YYYY (Egyptian, Levantine, Maghrebi names), D/M/YYYY,
  D-M-YYYY, D.M.YYYY, YYYY/M/D, YYYY-MM-DD (day first unless the year leads), month YYYY
  (precision 3), D month with no year (year from P: the latest such day on or before P+1),
  a month alone (precision 3; ambiguous names need شهر/الماضي/a day/a year), Hijri
  D month YYYY[هـ] via hijridate. A bare year needs an anchor (عام، في، منذ، بين ...).
- Without P, relative expressions are still reported, with value None.
- past = True when the expression itself says background: الشهر الماضي، الشهر قبل
  الماضي، العام الماضي، قبل/منذ N أشهر|سنوات، منذ + year; or when the resolved date's
  last possible day is more than 45 days before P. الأسبوع الماضي and "قبل أسبوعين" are
  recent news, not background.
dateparser is not used: it misses Levantine and Maghrebi month names and Hijri dates,
and a table lookup is faster; every case it handles (Egyptian month names) is covered here.
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

import regex

from .. import lexicons
from ..model import DateRef, Mention
from .normalise import Normalised
from .normalise import fold
from .numbers import Phrases, Tokens, _lex as _num_lex, _parse_number, tokens_of

PAST_DAYS = 45
SKIP = frozenset({",", "(", ")", "-", "/", ";"})

NUMERIC = regex.compile(
    r"(?<![\d/.\-:])(?:(?P<y1>\d{4})\s?(?P<s1>[/.\-])\s?(?P<m1>\d{1,2})\s?(?P=s1)\s?(?P<d1>\d{1,2})"
    r"|(?P<d2>\d{1,2})\s?(?P<s2>[/.\-])\s?(?P<m2>\d{1,2})\s?(?P=s2)\s?(?P<y2>\d{4}))(?![\d:]|[/.\-]\d)")


@lru_cache(maxsize=1)
def _lex():
    by: dict[str, list[dict]] = {}
    for e in lexicons.load("dates"):
        by.setdefault(e.get("role", ""), []).append(e)

    def ph(role, fn):
        return Phrases((f, fn(e)) for e in by.get(role, []) for f in e["forms"])

    return {
        "month": ph("month", lambda e: (e["value"], bool(e.get("anchor")))),
        "hijri": ph("hijri_month", lambda e: e["value"]),
        "weekday": ph("weekday", lambda e: e["value"]),
        "relday": ph("relday", lambda e: e["offset"]),
        "daypart": Phrases((f, (" ".join(fold(f).split()), bool(e.get("night"))))
                           for e in by.get("daypart", []) for f in e["forms"]),
        "filler": ph("filler", lambda e: 1),
        "modifier": ph("modifier", lambda e: e["step"]),
        "relperiod": ph("relperiod", lambda e: (e["unit"], e["offset"], e["precision"], bool(e.get("past")))),
        "ago": ph("ago", lambda e: bool(e.get("since"))),
        "unit": ph("time_unit", lambda e: (e["unit"], e.get("n"), bool(e.get("few")))),
        "few": ph("few", lambda e: 1),
        "anchor": ph("year_anchor", lambda e: bool(e.get("since"))),
        "month_word": ph("month_word", lambda e: 1),
        "of": lexicons.words("dates", "of"),
        "same": lexicons.words("dates", "same"),
        "year_word": lexicons.words("dates", "year_word"),
        "era": lexicons.words("dates", "era"),
        "one_unit": lexicons.words("dates", "one_unit"),
        "starts": {},  # token -> may a date expression start at it (see _may_start)
    }


def _may_start(t: str, L, NL) -> bool:
    """Can the main loop of find_dates do anything at a token (other than a numeric date)?"""
    starts = L["starts"]
    r = starts.get(t)
    if r is None:
        r = (t.isdecimal() or L["month_word"].split(t) is not None or t in L["filler"].first
             or any(L[k].split(t) is not None
                    for k in ("relperiod", "anchor", "ago", "daypart", "relday", "weekday", "month")))
        if len(starts) > 200_000:
            starts.clear()
        starts[t] = r
    return r


def _add_months(d: date, k: int) -> date:
    y, m = divmod(d.month - 1 + k, 12)
    y += d.year
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _h2g(y: int, m: int, d: int) -> date:
    from hijridate import Hijri
    g = Hijri(y, m, d).to_gregorian()
    return date(g.year, g.month, g.day)


def _last_day(d: date, precision: int, year_only: bool) -> date:
    if year_only:
        return date(d.year, 12, 31)
    if precision == 3:
        return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    if precision == 2:
        return d + timedelta(days=6)
    return d


def _skip(T: Tokens, j: int) -> int:
    while j < T.n and T.toks[j] in SKIP:
        j += 1
    return j


def _year_at(T: Tokens, j: int):
    """A 4-digit year at token j (optionally with م / هـ glued or after): (year, end)."""
    if j < T.n and T.toks[j].isdecimal() and len(T.toks[j]) == 4:
        y = int(T.toks[j])
        e = j + 1
        if e < T.n and T.toks[e] in _lex()["era"]:
            e += 1
        return y, e
    return None


def _month_at(T, j, L):
    """A Gregorian month (optionally "M1 / M2" double name) at j: (month, end, anchor)."""
    r = L["month"].match(T, j)
    if not r:
        return None
    e, (m, anchor), _ = r
    k = e
    if k < T.n and T.toks[k] in ("/", "-", "("):
        r2 = L["month"].match(T, k + 1)
        if r2 and r2[1][0] == m:
            e, anchor = r2[0], False
            if e < T.n and T.toks[e] == ")":
                e += 1
    return m, e, anchor


def find_dates(norm: Normalised, published: date | None = None) -> list[Mention]:
    L = _lex()
    NL = _num_lex()
    text = norm.text
    T = tokens_of(text)
    toks, starts, ends = T.toks, T.starts, T.ends
    P = published
    out: list[Mention] = []

    def emit(s_tok, e_tok, value, precision, relative, past=False, **attrs):
        s, e = starts[s_tok], ends[e_tok - 1]
        if value is not None and P is not None and not past:
            if (P - _last_day(value, precision, attrs.get("year_only", False))).days > PAST_DAYS:
                past = True
        span = norm.span(s, e)
        attrs = {k: v for k, v in attrs.items() if v is not None and v is not False}
        out.append(Mention("date", s, e, span, DateRef(value, precision, span, relative, past), attrs))

    # numeric dates first (2015/3/5, 5-3-2015, 2025-09-18)
    numeric_until = {}
    for m in NUMERIC.finditer(text):
        if m.group("y1"):
            y, mo, d = int(m.group("y1")), int(m.group("m1")), int(m.group("d1"))
        else:
            y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
            if mo > 12 and d <= 12:
                d, mo = mo, d
        try:
            v = date(y, mo, d)
        except ValueError:
            continue
        span = norm.span(m.start(), m.end())
        past = P is not None and (P - v).days > PAST_DAYS
        out.append(Mention("date", m.start(), m.end(), span, DateRef(v, 1, span, False, past), {}))
        numeric_until[m.start()] = m.end()

    def absolute_at(j):
        """D [من] month [/ month] [,] [YYYY] or D hijri YYYY at token j: (end, value, prec, attrs)."""
        t = toks[j]
        if not t.isdecimal() or len(t) > 2 or not 1 <= int(t) <= 31:
            return None
        d = int(t)
        k = j + 1
        if k < T.n and toks[k] in L["of"]:
            k += 1
        mm = _month_at(T, k, L)
        if mm:
            mo, e, _ = mm
            ye = _year_at(T, _skip(T, e))
            if ye:
                try:
                    return ye[1], date(ye[0], mo, d), 1, {}
                except ValueError:
                    return None
            if P is None:
                return e, None, 1, {"yearless": True}
            try:
                v = date(P.year, mo, d)
                if v > P + timedelta(days=1):
                    v = date(P.year - 1, mo, d)
            except ValueError:
                return None
            return e, v, 1, {"yearless": True}
        hm = L["hijri"].match(T, k)
        if hm:
            from hijridate import Gregorian
            e, mo, _ = hm
            ye = _year_at(T, e)
            try:
                if ye:
                    return ye[1], _h2g(ye[0], mo, d), 1, {"hijri": True}
                if P is None:
                    return e, None, 1, {"hijri": True, "yearless": True}
                hy = Gregorian(P.year, P.month, P.day).to_hijri().year
                v = _h2g(hy, mo, d)
                if v > P + timedelta(days=1):
                    v = _h2g(hy - 1, mo, d)
                return e, v, 1, {"hijri": True, "yearless": True}
            except (ValueError, OverflowError):
                return None
        return None

    def day_expr(j):
        """[daypart] [يوم] (weekday [modifier] | relday [weekday]) starting at j.

        Returns (end, value, attrs, relative) or None; an absolute date after a weekday wins.
        """
        part, night = None, False
        k = j
        r = L["daypart"].match(T, k)
        if r:
            part, night = r[1]
            k = _skip(T, r[0])
        r = L["filler"].match(T, k, prefixes=False)
        if r:
            k = _skip(T, r[0])
        off = wd = None
        attrs = {"part": part, "night": night}
        rd = L["relday"].match(T, k)
        if rd:
            if toks[k].endswith("اليوم") and rd[0] < T.n:
                nx = toks[rd[0]]
                if nx.startswith("ال") and not L["weekday"].match(T, rd[0]):
                    rd = None  # اليوم التالي، اليوم العالمي: not "today"
            if rd and k > 0 and toks[k - 1] in L["same"]:
                rd = None
        if rd:
            off, e = rd[1], rd[0]
            k2 = _skip(T, e)
            w = L["weekday"].match(T, k2)
            if w:
                wd, e = w[1], w[0]
        else:
            w = L["weekday"].match(T, k)
            if not w:
                return None
            wd, e = w[1], w[0]
        step = 0
        if wd is not None:
            mo = L["modifier"].match(T, e)
            if mo:
                step, e = mo[1], mo[0]
            # "الجمعة 6 يوليو 2018", "الخميس (25 ديسمبر/ كانون الأول 2014)"
            k3 = _skip(T, e)
            if k3 < T.n and k3 - e <= 2:
                ab = absolute_at(k3)
                if ab and ab[1] is not None:
                    e2 = ab[0]
                    if e2 < T.n and toks[e2] == ")" and toks[k3 - 1] == "(":
                        e2 += 1
                    return e2, ab[1], {**attrs, **ab[3]}, False
        if off is not None:
            attrs["days_ago"] = -off  # اليوم 0, أمس 1, أمس الأول 2, whatever the publication day
        if P is None:
            return e, None, attrs, True
        if wd is not None:
            if step < 0:
                delta = (P.weekday() - wd) % 7 or 7
                v = P - timedelta(days=delta)
            elif step > 0:
                v = P + timedelta(days=(wd - P.weekday()) % 7 or 7)
            else:
                v = P - timedelta(days=(P.weekday() - wd) % 7)
            if off is not None and (P + timedelta(days=off)).weekday() != wd:
                attrs["conflict"] = True
            elif off is not None:
                v = P + timedelta(days=off)
        else:
            v = P + timedelta(days=off)
        return e, v, attrs, True

    i = 0
    n = T.n
    may_start = L["starts"].get
    while i < n:
        if numeric_until and starts[i] in numeric_until:
            end = numeric_until[starts[i]]
            while i < n and starts[i] < end:
                i += 1
            continue
        t = toks[i]
        if may_start(t) is False or (may_start(t) is None and not _may_start(t, L, NL)):
            i += 1  # nothing below applies to this token
            continue
        if t.isdecimal():
            ab = absolute_at(i)
            if ab:
                e, v, a = ab[0], ab[1], ab[3]
                emit(i, e, v, 1, v is None or bool(a.get("yearless")), **a)
                i = e
                continue
            i += 1
            continue
        # relative period: الأسبوع الماضي، الشهر قبل الماضي
        r = L["relperiod"].match(T, i)
        if r:
            e, (unit, off, prec, past), _ = r
            v = None
            if P is not None:
                if unit == "week":
                    v = P + timedelta(days=7 * off)
                elif unit == "month":
                    v = _add_months(date(P.year, P.month, 1), off)
                else:
                    v = date(P.year + off, 1, 1)
            emit(i, e, v, prec, True, past, unit=unit, year_only=unit == "year",
                 days_ago=-7 * off if unit == "week" else None)
            i = e
            continue
        # [منذ|عام|في ...] [عام] YYYY [و YYYY]
        r = L["anchor"].match(T, i)
        if r:
            since = r[1]
            k = r[0]
            r2 = L["anchor"].match(T, k)
            if r2 and toks[k] in L["year_word"]:
                k = r2[0]
            ye = _year_at(T, k)
            if ye and 1900 <= ye[0] <= 2100:
                emit(i, ye[1], date(ye[0], 1, 1), 3, False, since, year_only=True, since=since)
                e = ye[1]
                if e + 1 < n and toks[e] == "و":
                    y2 = _year_at(T, e + 1)
                    if y2 and 1900 <= y2[0] <= 2100:
                        emit(e + 1, y2[1], date(y2[0], 1, 1), 3, False, since, year_only=True)
                        e = y2[1]
                elif e < n and toks[e].startswith("و") and toks[e][1:].isdecimal():
                    pass
                i = e
                continue
        # قبل / منذ N unit
        r = L["ago"].match(T, i)
        if r:
            k = r[0]
            few = L["few"].match(T, k)
            if few:
                k = few[0]  # قبل عدة أيام: a few days
            cnt = None
            u = L["unit"].match(T, k)
            if u and u[1][1] and not (u[1][2] and r[1]):  # "منذ أيام" is a duration, not a day
                cnt, e, unit = u[1][1], u[0], u[1][0]
            elif k < n:
                pn = _parse_number(T, k, NL)
                if pn and not pn[2].get("skip") and pn[0] > 0:
                    u = L["unit"].match(T, pn[1])
                    if u:
                        cnt, e, unit = pn[0], u[0], u[1][0]
                elif u and not u[1][1] and toks[k] in L["one_unit"]:
                    cnt, e, unit = 1, u[0], u[1][0]  # قبل شهر = a month ago
            if cnt:
                prec = {"hour": 1, "day": 1, "week": 2, "month": 3, "year": 3}[unit]
                past = unit in ("month", "year")
                v = None
                if P is not None:
                    if unit == "hour":
                        v = P
                    elif unit == "day":
                        v = P - timedelta(days=cnt)
                    elif unit == "week":
                        v = P - timedelta(days=7 * cnt)
                    elif unit == "month":
                        v = _add_months(P, -cnt)
                    else:
                        v = _add_months(P, -12 * cnt)
                ago = {"hour": 0, "day": cnt, "week": 7 * cnt}.get(unit)
                emit(i, e, v, prec, True, past, unit=unit, days_ago=ago)
                i = e
                continue
        # weekday / today / yesterday, with a part of day
        de = day_expr(i)
        if de:
            e, v, a, rel = de
            emit(i, e, v, 1, rel, **a)
            i = e
            continue
        # month without a day: [شهر] month [/ month] [YYYY | الماضي]
        k = i + 1 if L["month_word"].split(t) is not None else i
        mm = _month_at(T, k, L)
        if mm:
            mo, e, anchor = mm
            ye = _year_at(T, _skip(T, e))
            mod = L["modifier"].match(T, e)
            if ye:
                emit(i, ye[1], date(ye[0], mo, 1), 3, False)
                i = ye[1]
                continue
            if mod or k > i or not anchor:
                if mod:
                    e = mod[0]
                v = None
                if P is not None:
                    step = mod[1] if mod else 0
                    if step < 0:
                        y = P.year if mo < P.month else P.year - 1
                    elif step > 0:
                        y = P.year if mo > P.month else P.year + 1
                    else:
                        y = P.year if mo <= P.month else P.year - 1
                    v = date(y, mo, 1)
                emit(i, e, v, 3, True)
                i = e
                continue
        i += 1
    out.sort(key=lambda m: m.start)
    return out
