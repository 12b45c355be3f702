"""Matched dev events whose killed or injured figure is out of the gold range (after evaluate.py)."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
spec = importlib.util.spec_from_file_location("score", SHARED / "eval/score.py")
sc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sc)

gold = sc.load(SHARED / "eval/dev-gold.jsonl")
pred = sc.load(ROOT / "bench/out/dev-pred.jsonl")
for gid, g in gold.items():
    ge = [e for e in g["events"] if not e.get("background")]
    pe = [e for e in pred.get(gid, {}).get("events", []) if not e.get("background")]
    for a, b, _ in sc.match(ge, pe):
        for gk, pk in (("killed", "fatalities"), ("injured", "injured")):
            if not sc.in_range(ge[a].get(gk), pe[b].get(pk)):
                print(gid, gk, "gold", ge[a].get(gk), "pred", pe[b].get(pk), ge[a]["sub_event_type"], ge[a].get("place_ar"))
