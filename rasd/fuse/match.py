"""Whether an article's event is an event already stored, and why: same family of sub-event,
compatible place, dates at most a day apart (or unknown), compatible actors.

Families are coarser than sub-event types because outlets describe one attack differently
(a car bomb at a gate, an attack on the camp, clashes): what must agree is the kind of action.
"""
from __future__ import annotations

from datetime import date

_FAMILIES = {
    "Armed clash": "armed attack", "Government regains territory": "territory",
    "Non-state actor overtakes territory": "territory", "Suicide bomb": "armed attack",
    "Remote explosive/landmine/IED": "armed attack", "Grenade": "armed attack",
    "Shelling/artillery/missile attack": "shelling", "Air/drone strike": "air strike",
    "Chemical weapon": "chemical", "Attack": "armed attack", "Sexual violence": "sexual violence",
    "Abduction/forced disappearance": "abduction", "Arrests": "arrests",
    "Peaceful protest": "demonstration", "Protest with intervention": "demonstration",
    "Excessive force against protesters": "demonstration", "Violent demonstration": "demonstration",
    "Mob violence": "mob violence",
}
GENERIC = {None, "", "Unidentified armed group", "Unidentified Armed Group"}


def family_of(sub_event_type: str | None) -> str:
    return _FAMILIES.get(sub_event_type or "", (sub_event_type or "other").lower())


def _place(report: dict, event: dict) -> tuple[int, str] | None:
    """(score, reason) when places agree; None when they are different places."""
    if report["country"] != event["country"]:
        return None
    rp, ep = report.get("place_ar"), event.get("place_ar")
    if rp and ep:
        if rp == ep:
            return 3, f"same place {rp}"
        r2, e2 = report.get("admin2"), event.get("admin2")
        if report.get("geo_precision") == 2 and e2 and r2 == e2 or event.get("geo_precision") == 2 and r2 and r2 == e2:
            return 2, f"same district {r2}"
        return None
    r1, e1 = report.get("admin1_ar"), event.get("admin1_ar")
    if r1 and e1 and r1 != e1:
        return None
    if r1 and e1:
        return 1, f"same governorate {r1}, one place unnamed"
    return 0, f"same country {report['country']}, place unnamed"


def _date(report: dict, event: dict) -> tuple[int, str] | None:
    rd, ed = report.get("date"), event.get("date")
    if rd is None or ed is None:
        return 0, "date unknown in one report"
    if isinstance(rd, str):
        rd = date.fromisoformat(rd)
    if isinstance(ed, str):
        ed = date.fromisoformat(ed)
    gap = abs((rd - ed).days)
    if gap > 1:
        return None
    return (2, f"same day {rd}") if gap == 0 else (1, f"dates a day apart ({ed}, {rd})")


def _same(a, b) -> bool:
    return a in GENERIC or b in GENERIC or a == b


def _named(x, y) -> bool:
    return x not in GENERIC and x == y


def _actors(report: dict, event: dict, family: str) -> str | None:
    r1, r2, e1, e2 = report.get("actor1"), report.get("actor2"), event.get("actor1"), event.get("actor2")
    if _same(r1, e1) and _same(r2, e2):
        return f"actors compatible ({r1 or '?'} / {r2 or '?'})"
    if family == "armed attack" and _same(r1, e2) and _same(r2, e1):
        return f"actors compatible, sides swapped ({r1 or '?'} / {r2 or '?'})"
    return None


def _shares_a_named_actor(report: dict, event: dict) -> bool:
    ours, theirs = (report.get("actor1"), report.get("actor2")), (event.get("actor1"), event.get("actor2"))
    return any(_named(a, b) for a in ours for b in theirs)


def match_reason(report: dict, event: dict) -> tuple[int, str] | None:
    """(score, explanation) if `report` tells `event`; None otherwise. Higher score, closer match."""
    if report["family"] != event["family"]:
        return None
    place = _place(report, event)
    if place is None:
        return None
    when = _date(report, event)
    if when is None:
        return None
    actors = _actors(report, event, report["family"])
    if actors is None:
        return None
    if when[0] == 0 and not (place[0] >= 2 and _shares_a_named_actor(report, event)):
        return None  # with no date to go by, only the same place and a named actor tie two reports
    return place[0] * 3 + when[0], f"same family ({report['family']}); {place[1]}; {when[1]}; {actors}"
