"""Dev events found at the right place but with another type (after evaluate.py)."""
import importlib.util
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
spec = importlib.util.spec_from_file_location("score", SHARED / "eval/score.py")
sc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sc)

gold = sc.load(SHARED / "eval/dev-gold.jsonl")
pred = sc.load(ROOT / "bench/out/dev-pred.jsonl")
pairs = Counter()
for gid, g in gold.items():
    ge = [e for e in g["events"] if not e.get("background")]
    pe = [e for e in pred.get(gid, {}).get("events", []) if not e.get("background")]
    strict = {a for a, _, _ in sc.match(ge, pe)}
    for a, b, _ in sc.match(ge, pe, need_type=False):
        if a not in strict and ge[a]["event_type"] != pe[b]["event_type"]:
            pairs[(ge[a]["sub_event_type"], pe[b]["sub_event_type"])] += 1
            print(gid, "gold", ge[a]["sub_event_type"], "| pred", pe[b]["sub_event_type"])
for (g, p), n in pairs.most_common():
    print(n, g, "->", p)
