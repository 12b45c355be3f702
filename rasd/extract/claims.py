"""Events' figures by source: one claim per source mention, sides added up, low/best/high
over all sources with ACLED's conservative best."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .figures import Figure
from .frames import Source

if TYPE_CHECKING:
    from .events import Event


@dataclass
class Claim:
    source: Source | None
    figures: list[Figure] = field(default_factory=list)

    def by_side(self, role: str) -> dict[str | None, tuple[int, int]]:
        """Per side, what this source says: a figure told twice is one figure (the largest),
        different groups of one side (soldiers, officers) add up, "among them" adds nothing."""
        groups: dict[tuple, tuple[int, int]] = {}
        last: dict[str, tuple] = {}  # role -> (key, clause) of the last figure told
        told = [f for f in self.figures if f.role == role and f.count is not None and not f.subset]
        for fig in self.figures:
            if fig.role != role or fig.count is None or fig.subset:
                continue
            if fig.definite and any(not f.definite and f.count.low == fig.count.low for f in told):
                continue  # "الرجلين" after "2 من القاعدة": the people already counted, named again
            lo = fig.count.low
            hi = fig.count.high if fig.count.high is not None else lo
            prev = last.get(role)
            if fig.more and prev is not None and prev[1] == fig.clause:
                key = prev[0]  # "قتلوا ستة أشخاص وذبحوا أربعة آخرين": ten
                groups[key] = (groups[key][0] + lo, groups[key][1] + hi)
                continue
            side = None if fig.anyone else side_key(fig.side)  # "13 شخصا" counts no one side
            if side is None and fig.group is not None:
                side = "?" + fig.group  # officers of no named side are a side of their own
            key = (side, fig.group)
            old = groups.get(key)
            if old is None or lo > old[0]:
                groups[key] = (lo, hi)
            last[role] = (key, fig.clause)
        out: dict[str | None, tuple[int, int]] = {}
        for (side, group), (lo, hi) in groups.items():
            if group is None:
                continue
            o = out.get(side, (0, 0))
            out[side] = (o[0] + lo, o[1] + hi)
        for (side, group), (lo, hi) in groups.items():
            if group is None:
                o = out.get(side)
                out[side] = (lo, hi) if o is None or lo > o[0] else o
        return out

    def total(self, role: str) -> tuple[int, int] | None:
        return combine(self.by_side(role))


def side_key(side: str | None) -> str | None:
    """The side a figure falls on: the state's forces, civilians, or the armed men. Soldiers
    and police are one side (one source's "6 عسكريين" is another's "6 أمنيين"); the attackers
    are called gunmen, terrorists, militants or by their group's name in turn."""
    if side is None:
        return None
    if side.startswith(("Military Forces", "Police Forces")):
        return "state"
    if side == "Civilians":
        return side
    return "armed"


def combine(sides: dict[str | None, tuple[int, int]]) -> tuple[int, int] | None:
    """Sides add up; a toll of no stated side is the whole when it is the larger ("20 قتيلا"
    beside "the bomber"), a part of it otherwise."""
    if not sides:
        return None
    sides = dict(sides)
    unknown = sides.pop(None, None)
    lo = sum(v[0] for v in sides.values())
    hi = sum(v[1] for v in sides.values())
    if unknown is not None:
        lo, hi = max(lo, unknown[0]), max(hi, unknown[1])
    return lo, hi


def claims_of(ev: Event) -> list[Claim]:
    """One claim per source mention: "مصدر عسكري" named twice may be two accounts, while
    "المصدر" and "البيان" go on with the one named before."""
    out: dict[tuple, Claim] = {}
    for f in ev.frames:
        key = (f.source.kind, f.source.name, f.source.span) if f.source else ("media", "", None)
        c = out.setdefault(key, Claim(f.source))
        c.figures.extend(f.figures)
    return list(out.values())


def figure_range(claims: list[Claim], role: str) -> dict | None:
    """low/best/high over all sources: per side the lowest and highest claim, sides added up.

    best is the low figure: ACLED's most conservative credible count.
    """
    per_side: dict[str | None, list[tuple[int, int]]] = {}
    for c in claims:
        for side, (lo, hi) in c.by_side(role).items():
            per_side.setdefault(side, []).append((lo, hi))
    lows: dict[str | None, int] = {}
    highs: dict[str | None, int] = {}
    for side, figs in per_side.items():
        exact = [lo for lo, hi in figs if lo == hi]
        # a range that holds an exact figure ("العشرات" beside "43 قتيلا") agrees with it:
        # the exact figure is the better low, the range still sets the high
        lows[side] = min(lo for lo, hi in figs if lo == hi or not any(lo <= x <= hi for x in exact))
        highs[side] = max(hi for lo, hi in figs)
    if not lows:
        return None
    lo = combine({k: (v, v) for k, v in lows.items()})[0]
    hi = combine({k: (v, v) for k, v in highs.items()})[1]
    return {"low": lo, "best": lo, "high": max(hi, lo)}
