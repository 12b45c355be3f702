"""A readable summary of one article's events, for a person at a terminal."""
from __future__ import annotations

from ..model import Article


def _r(x) -> str:
    if not x:
        return "-"
    return str(x["low"]) if x["low"] == x["high"] else f"{x['low']}-{x['high']}"


def render_table(article: Article, events: list[dict]) -> str:
    lines = [f"== {article.id}  ({len(events)} events)"]
    if not events:
        lines.append("   no event")
    for i, e in enumerate(events, 1):
        loc = e["location"]
        place = " / ".join(x for x in (loc.get("place_ar"), loc.get("admin1_ar"), loc.get("country")) if x)
        actors = " vs ".join(a["name"] for a in e["actors"]) or "-"
        flag = " [background]" if e["background"] else ""
        lines.append(f"{i:>3}. {e['sub_event_type']}{flag}  {e.get('date') or '?'}  {place}")
        lines.append(f"     actors: {actors}   killed {_r(e['fatalities'])}  injured {_r(e['injured'])}"
                     f"  detained {_r(e['arrested'])}  confidence {e['confidence']}")
        for c in e["claims"]:
            lines.append(f"     claim ({c['kind']}) {c['source']}: killed {_r(c['killed'])}, injured {_r(c['injured'])}")
        lines.append(f"     {e['notes']}")
    return "\n".join(lines)
