"""Events -> the codebook's output shape (section 4), with claims, evidence and a note."""
from __future__ import annotations

from collections import Counter
from datetime import date

from ..model import Mention
from . import actors as actor_rules
from .claims import claims_of, figure_range
from .events import EVENT_TYPE, GENERIC, Event, event_kind
from .places import place_level

GEO_PRECISION = {0: 1, 1: 1, 2: 2, 3: 3, 4: 3}


def resolve_kind(ev: Event, kind: str, actors: list[actor_rules.Actor], victims: list[str]) -> str:
    """A generic attack is a clash when armed sides meet, violence against civilians when not."""
    if kind == GENERIC:
        usual = {t.value.get("sub_event_type") for t in ev.triggers if t.value.get("generic")}
        if "Shelling/artillery/missile attack" in usual:
            return "Air/drone strike" if air_power(ev) else "Shelling/artillery/missile attack"
        if "Remote explosive/landmine/IED" in usual:
            return "Remote explosive/landmine/IED"
        if "Attack" in usual and few_victims(ev):
            return "Attack"  # gunmen shooting one or two people: a killing, not a battle
        state_hit = any(v.startswith(("Military Forces", "Police Forces")) for v in victims)
        if victims:
            return "Attack" if "Civilians" in victims and not state_hit else "Armed clash"
        civ = any(a.kind == "civilian" for a in actors)
        state = any(a.inter == 1 for a in actors)
        return "Attack" if civ and not state else "Armed clash"
    if kind == "Peaceful protest":
        roles = {f.role for fr in ev.frames for f in fr.figures if f.count is None or f.count.low > 0}
        if "killed" in roles:
            return "Excessive force against protesters"
        if roles & {"injured", "arrested"}:
            return "Protest with intervention"
    return kind


def few_victims(ev: Event) -> bool:
    """One or two people killed or wounded, by every account."""
    counts = [f.count for fr in ev.frames for f in fr.figures if f.role in ("killed", "injured") and f.count]
    return bool(counts) and all((c.high if c.high is not None else c.low) <= 2 for c in counts)


def air_power(ev: Event) -> bool:
    """Is an air force among the actors (a bombardment by it is an air strike)?"""
    return any(m.value.get("air") for f in ev.frames for m in f.actors)


def article_country(places: list[Mention]) -> str | None:
    c = Counter(getattr(p.value, "country", None) for p in places)
    c.pop(None, None)
    return c.most_common(1)[0][0] if c else None


def location(ev: Event, fallback_country: str | None, text: str) -> dict:
    """Where: the place as the article spells it (place_ar), the gazetteer's own name and
    coordinates beside it."""
    p = ev.place
    if p is None:
        return {"country": fallback_country, "admin1_ar": None, "admin1": None, "admin2": None,
                "place_ar": None, "place": None, "site_ar": None, "lat": None, "lon": None, "geo_precision": None}
    lvl = place_level(p)
    gov = lvl == 3
    return {
        "country": getattr(p, "country", None),
        "admin1_ar": p.name_ar if gov else getattr(p, "admin1_ar", None),
        "admin1": getattr(p, "name_en", None) if gov else getattr(p, "admin1_en", None),
        "admin2": getattr(p, "admin2_en", None) if lvl < 3 else None,
        "place_ar": _surface(ev, text) if lvl < 3 else None,
        "gazetteer_ar": p.name_ar,
        "place": getattr(p, "name_en", None) if lvl < 3 else None,
        "site_ar": None,
        "lat": getattr(p, "lat", None), "lon": getattr(p, "lon", None),
        "geo_precision": _precision(p, lvl),
    }


def _precision(p, lvl: int) -> int | None:
    """ACLED's geo precision: a place the gazetteer lacks, read from the text, has only the
    coordinates of its district (2) or governorate (3)."""
    if getattr(p, "source", "") == "text":
        if getattr(p, "lat", None) is None:
            return None
        return 2 if getattr(p, "admin2_ar", None) else 3
    return GEO_PRECISION[lvl]


def _surface(ev: Event, text: str) -> str:
    m = ev.place_mention
    return text[m.span.start:m.span.end] if m is not None else ev.place.name_ar


def site(ev: Event, text: str) -> str | None:
    for f in ev.frames:
        for fac in f.facilities:
            return text[fac.span.start:fac.span.end]
    return None


def event_date(ev: Event, published: date | None) -> tuple[str | None, int | None, list]:
    """The first day or week the event's clauses give; a bare year ("في 2009") dates a
    comment, not the event; failing all, the publication week."""
    for f in ev.frames:
        for d in f.dates:
            if d.value.value is not None and not d.attrs.get("year_only"):
                return d.value.value.isoformat(), d.value.precision, [d.span.as_list()]
    if published:
        return published.isoformat(), 2, []
    return None, None, []


def _fmt(r: dict | None) -> str:
    if not r:
        return "unknown"
    return str(r["low"]) if r["low"] == r["high"] else f"{r['low']}-{r['high']}"


def note(ev_dict: dict) -> str:
    loc = ev_dict["location"]
    where = ", ".join(x for x in (loc.get("place"), loc.get("admin1"), loc.get("country")) if x) or "an unknown place"
    when = ev_dict.get("date") or "an unknown date"
    names = {a["role"]: a["name"] for a in ev_dict["actors"]}
    who = names.get("actor1", "unidentified actors")
    whom = f" against {names['actor2']}" if "actor2" in names else ""
    s = f"On {when}, {who}: {ev_dict['sub_event_type'].lower()}{whom} in {where}."
    parts = []
    if ev_dict["fatalities"]:
        parts.append(f"{_fmt(ev_dict['fatalities'])} killed")
    if ev_dict["injured"]:
        parts.append(f"{_fmt(ev_dict['injured'])} injured")
    if ev_dict["arrested"]:
        parts.append(f"{_fmt(ev_dict['arrested'])} detained")
    if parts:
        s += " " + ", ".join(parts).capitalize() + "."
    srcs = [c["source"] for c in ev_dict["claims"] if c["source"]]
    if len(srcs) > 1:
        s += " Figures per source: " + "; ".join(
            f"{c['source']}: {_fmt(c['killed'])} killed, {_fmt(c['injured'])} injured" for c in ev_dict["claims"]) + "."
    if ev_dict["background"]:
        s += " Mentioned as background."
    return s


def render(ev: Event, doc_text: str, published: date | None, fallback_country: str | None, outlet: str | None) -> dict | None:
    country = getattr(ev.place, "country", None) or fallback_country
    actors = actor_rules.collect(ev, country)
    hit = actor_rules.victims(ev, country, actors)
    sub = resolve_kind(ev, event_kind(ev), actors, hit)
    claims = claims_of(ev)
    loc = location(ev, country, doc_text)
    loc["site_ar"] = site(ev, doc_text)
    acts = actor_rules.roles(ev, sub, country)
    d, prec, dspans = event_date(ev, published)
    evidence: dict[str, list] = {"trigger": [t.span.as_list() for t in ev.triggers]}
    if ev.place_mention is not None:
        evidence["place"] = [ev.place_mention.span.as_list()]
    for role, key in (("killed", "fatalities"), ("injured", "injured"), ("arrested", "arrested")):
        spans = [f.count_mention.span.as_list() if f.count_mention else f.cue.span.as_list()
                 for fr in ev.frames for f in fr.figures if f.role == role]
        if spans:
            evidence[key] = spans
    evidence["actors"] = [a["span"] for a in acts if a.get("span")]
    evidence["date"] = dspans
    evidence["source"] = [c.source.span.as_list() for c in claims if c.source and c.source.span]
    out_claims = []
    for c in claims:
        src = c.source
        out_claims.append({
            "source": src.name if src else (outlet or "the outlet"),
            "source_ar": src.text if src else None,
            "kind": src.kind if src else "media",
            "killed": _range(c.total("killed")), "injured": _range(c.total("injured")),
            "arrested": _range(c.total("arrested")),
        })
    killed = figure_range(claims, "killed")
    injured = figure_range(claims, "injured")
    arrested = figure_range(claims, "arrested")
    by_side = {}
    for fr in ev.frames:
        for f in fr.figures:
            if f.role == "killed" and f.count is not None and f.side:
                name = f.side.replace("{country}", country or "Unknown")
                hi = f.count.high if f.count.high is not None else f.count.low
                old = by_side.get(name)
                by_side[name] = {"low": max(f.count.low, old["low"]) if old else f.count.low,
                                 "high": max(hi, old["high"]) if old else hi}
    specific = any(not t.value.get("generic") for t in ev.triggers)
    conf = 0.3 + 0.2 * specific + 0.15 * (loc["geo_precision"] in (1, 2)) + 0.15 * bool(killed or injured) \
        + 0.1 * any(c.source for c in claims) + 0.1 * bool(acts)
    disagree = len({c["killed"]["low"] for c in out_claims if c["killed"]}) > 1
    ev_dict = {
        "event_type": EVENT_TYPE[sub], "sub_event_type": sub,
        "date": d, "time_precision": prec,
        "location": loc,
        "actors": [{k: v for k, v in a.items() if k != "span"} for a in acts],
        "interaction": actor_rules.interaction(acts),
        "fatalities": killed, "injured": injured, "arrested": arrested,
        "killed_by_side": by_side or None,
        "claims": out_claims,
        "evidence": evidence,
        "background": ev.background,
        "confidence": round(min(conf, 1.0), 2),
        "needs_review": conf < 0.55 or disagree or loc["geo_precision"] in (None, 3),
    }
    ev_dict["notes"] = note(ev_dict)
    return ev_dict


def _range(t) -> dict | None:
    if t is None:
        return None
    lo, hi = t
    return {"low": lo, "best": lo, "high": hi if hi is not None else lo}
