"""Which place an event is at: the most specific place a clause names, places that may name
one event's location (a town inside its governorate), and the article's own place."""
from __future__ import annotations

from ..model import Mention
from .frames import Frame

# a town is the event's place before a village or quarter named with it (ACLED's location)
PLACE_LEVEL = {"town": 0, "city": 0, "village": 1, "district": 2, "governorate": 3, "country": 4}


def place_level(p) -> int:
    return PLACE_LEVEL.get(getattr(p, "level", "town"), 0)


def same_area(p, q) -> bool:
    """Could p and q name the place of one event (equal, or one inside the other)?"""
    if p is None or q is None:
        return True
    if p is q or getattr(p, "id", 1) == getattr(q, "id", 2):
        return True
    if getattr(p, "country", None) != getattr(q, "country", None):
        return False
    lp, lq = place_level(p), place_level(q)
    if lp == lq:
        return False
    wide, narrow = (p, q) if lp > lq else (q, p)
    lw = place_level(wide)
    if lw == 4:
        return True
    if lw == 3:
        return getattr(narrow, "admin1_ar", None) == getattr(wide, "admin1_ar", None) or \
            getattr(narrow, "admin1_ar", None) == getattr(wide, "name_ar", None)
    # below the governorate: one governorate, and no two different districts
    gov = getattr(narrow, "admin1_ar", None)
    if gov is None or gov != getattr(wide, "admin1_ar", None):
        return False
    dn = getattr(narrow, "admin2_ar", None)
    dw = wide.name_ar if lw == 2 else getattr(wide, "admin2_ar", None)
    if lw < 2:
        # a town and a village: one lies in the other's district or is named as its town, or the
        # town is named like its governorate and may stand for it (عدن، تيبازة)
        town = p if getattr(p, "level", "") in ("town", "city") else q
        if getattr(town, "name_ar", None) == gov:
            return True
        return dn is not None and (dn == dw or dw == getattr(narrow, "name_ar", None)) or \
            dw is not None and dw == getattr(narrow, "name_ar", None)
    return dn is None or dw is None or dn == dw


CITY = 100_000


def specificity(p, others) -> float:
    """Lower is more specific. A city's district (حي خور مكسر بعدن) is more
    specific than the city; otherwise a town is the place before a village or a district."""
    lvl = place_level(p)
    if getattr(p, "level", "") == "town" and (getattr(p, "population", 0) or 0) >= CITY and any(
            getattr(q, "level", "") == "district" and getattr(q, "admin1_ar", None) == p.admin1_ar
            for q in others):
        return 2.5
    return lvl


def main_place(f: Frame, blocked: list[tuple[int, int]]) -> Mention | None:
    ps = [p for p in f.places if not any(a <= p.start < b or a < p.end <= b for a, b in blocked)]
    if not ps:
        return None
    # "منطقة علاف في مديرية سحار في صعدة": a place named as what holds the one before it is context
    held = [p for p in ps if p not in f.containers]
    if held and any(p.value.level not in ("country",) for p in held):
        ps = held
    values = [p.value for p in ps]
    # among places of one rank, one the text marks as a place (مدينة بنغازي) before one in passing
    return min(ps, key=lambda m: (specificity(m.value, values), not m.attrs.get("cue"), m.start))


def main_place_of(places, blocked: list[tuple[int, int]], country: str | None) -> Mention | None:
    """The article's own place, for an event it tells without one: its most specific place
    in the article's country, the first named of those."""
    ps = [p for p in places if getattr(p.value, "country", None) == country
          and not any(a <= p.start < b for a, b in blocked)]
    return min(ps, key=lambda m: (place_level(m.value), m.start)) if ps else None


def inside(inner, outer) -> bool:
    """Is `inner` known to lie within `outer` (a village in its district: وادي صبر بمديرية سحار)?"""
    level = getattr(outer, "level", None)
    if level == "district":
        return getattr(inner, "admin2_ar", None) == outer.name_ar and inner.admin1_ar == outer.admin1_ar
    if level == "governorate":
        return inner is not outer and getattr(inner, "admin1_ar", None) == outer.admin1_ar
    return False
