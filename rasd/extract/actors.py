"""Who did it and to whom: actor1 (the side that acted) and actor2 (its target or victims).

Named groups beat generic nouns (مسلحون يعتقد انتماؤهم للقاعدة is AQAP, not unidentified
gunmen); the people counted as dead or wounded are the target side; state forces act
first in arrests, air strikes and regained territory, and are the target otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..model import Span
from .events import Event

STATE_FIRST = {"Government regains territory", "Arrests", "Air/drone strike", "Excessive force against protesters",
               "Protest with intervention", "Agreement", "Disrupted weapons use"}
RIOTS = {"Violent demonstration", "Mob violence"}
ARMED = ("armed_group", "militia", "unknown", "external")


@dataclass
class Actor:
    name: str
    inter: int
    kind: str
    span: Span | None
    member: bool


def named(value: dict, country: str | None) -> str:
    name = value.get("name") or ""
    if "{country}" in name:
        name = name.replace("{country}", country or "Unknown")
    return name


def collect(ev: Event, country: str | None) -> list[Actor]:
    out: list[Actor] = []
    seen = set()
    for f in ev.frames:
        for m in f.actors:
            name = named(m.value, country)
            if not name or name in seen:
                continue
            seen.add(name)
            out.append(Actor(name, int(m.value.get("inter") or 0), m.value.get("kind", ""), m.span,
                             bool(m.value.get("member"))))
    return out


def victims(ev: Event, country: str | None, actors: list[Actor]) -> list[str]:
    by_name = {a.name for a in actors}
    out = []
    for f in ev.frames:
        for fig in f.figures:
            if fig.role in ("killed", "injured", "arrested") and fig.side and fig.side != "attackers":
                n = fig.side.replace("{country}", country or "Unknown")
                if n not in out:
                    out.append(n)
    return [n for n in out if n in by_name or n]


def roles(ev: Event, sub: str, country: str | None) -> list[dict]:
    actors = collect(ev, country)
    if not actors:
        return []
    hit = victims(ev, country, actors)
    state = [a for a in actors if a.inter == 1]
    civil = [a for a in actors if a.kind == "civilian"]
    armed = [a for a in actors if a.kind in ARMED and a.name not in hit]
    named_armed = [a for a in armed if a.name != "Unidentified armed group"]
    protest = [a for a in actors if a.kind in ("protester", "rioter")]
    a1 = a2 = None
    if sub in STATE_FIRST and sub not in ("Air/drone strike",):
        a1 = (state or named_armed or armed or [None])[0]
        rest = [a for a in actors if a is not a1 and a.name in hit] or \
               [a for a in protest + named_armed + armed + civil if a is not a1]
        a2 = rest[0] if rest else None
        if sub in ("Excessive force against protesters", "Protest with intervention") and protest:
            a1, a2 = protest[0], (state[0] if state else None)
    elif sub == "Air/drone strike":
        air = [a for a in actors if a.kind in ("external", "state") and not a.member]
        a1 = air[0] if air else None
        rest = [a for a in actors if a is not a1 and (a.name in hit or a.kind in ("armed_group", "civilian", "militia"))]
        a2 = rest[0] if rest else None
    elif protest:
        a1 = protest[0]
        a2 = state[0] if state else None
    else:
        a1 = (named_armed or armed or [None])[0]
        targets = [a for a in actors if a is not a1 and a.name in hit] or \
                  [a for a in state + civil if a is not a1]
        a2 = targets[0] if targets else None
        if a1 is None and state and civil:
            a1, a2 = state[0], civil[0]
        if a1 is None and len(targets) > 1:
            a1 = targets[1]
    out = []
    for role, a in (("actor1", a1), ("actor2", a2)):
        if a is not None:
            name, inter = a.name, a.inter
            if a.kind == "protester" and sub in RIOTS:
                name, inter = "Rioters", 5  # ACLED names demonstrators who riot rioters
            out.append({"name": name, "role": role, "inter": inter,
                        "span": a.span.as_list() if a.span else None})
    return out


def interaction(actors: list[dict]) -> int | None:
    codes = sorted(a["inter"] for a in actors if a.get("inter"))
    if not codes:
        return None
    return codes[0] * 10 + codes[1] if len(codes) > 1 else codes[0] * 10
