"""Show what extraction saw in one dev article: frames, then events against the gold.

    python bench/debug.py p0001 [p0002 ...]
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from rasd.extract import extract_article  # noqa: E402
from rasd.extract.events import event_kind, frame_kind, group, is_background  # noqa: E402
from rasd.extract.frames import frames, reference_spans  # noqa: E402
from rasd.extract.mentions import find_mentions  # noqa: E402
from rasd.ingest.read import make  # noqa: E402


def show(aid: str) -> None:
    arts = {json.loads(l)["id"]: json.loads(l) for l in (SHARED / "eval/dev.jsonl").open(encoding="utf-8")}
    arts.update({json.loads(l)["id"]: json.loads(l) for l in (SHARED / "seeds/articles.jsonl").open(encoding="utf-8")})
    gold = {json.loads(l)["id"]: json.loads(l) for l in (SHARED / "eval/dev-gold.jsonl").open(encoding="utf-8")}
    gold.update({json.loads(l)["id"]: json.loads(l) for l in (SHARED / "seeds/gold.jsonl").open(encoding="utf-8")})
    a = arts[aid]
    art = make(aid, a["text"], aid, published=a.get("published"))
    doc = find_mentions(art)
    t = doc.norm
    for f in frames(doc):
        ot = lambda m: t.original_text(m.start, m.end)  # noqa: E731
        print(f"-- frame {f.index} s{f.sentence} kind={frame_kind(f)} bg={is_background(f, art.published)} "
              f"src={(f.source.kind, f.source.name) if f.source else None}")
        print("   ", t.original_text(f.start, f.end)[:160].replace("\n", " "))
        if f.triggers:
            print("    T:", [(ot(m), m.value.get("sub_event_type"), m.value.get("generic")) for m in f.triggers])
        if f.figures:
            print("    F:", [(x.role, x.count.low if x.count else None, x.count.high if x.count else None, x.side) for x in f.figures])
        if f.places:
            print("    P:", [(ot(m), m.value.level, m.value.admin1_ar) for m in f.places])
        if f.actors:
            print("    A:", [(ot(m), m.value.get("name")) for m in f.actors])
        if f.cues:
            print("    C:", [(ot(m), m.value.get("cue")) for m in f.cues])
        if f.dates:
            print("    D:", [(ot(m), str(m.value.value), m.value.past) for m in f.dates])
    print("== grouped (frames per event, before rendering)")
    for ev in group(frames(doc), art.published, reference_spans(doc)):
        print("  ", [f.index for f in ev.frames], event_kind(ev), ev.place.name_ar if ev.place else None,
              "BG" if ev.background else "")
    print("== predicted")
    for e in extract_article(art):
        loc = e["location"]
        print("  ", e["sub_event_type"], loc["admin1_ar"], loc["place_ar"], [x["name"] for x in e["actors"]],
              e["fatalities"], e["injured"], "BG" if e["background"] else "")
    print("== gold")
    for e in gold.get(aid, {}).get("events", []):
        print("  ", e["sub_event_type"], e["admin1_ar"], e["place_ar"], e["actors"], e["killed"], e["injured"],
              "BG" if e["background"] else "")


if __name__ == "__main__":
    for x in sys.argv[1:]:
        show(x)
