"""Per sub-event type: found, missed and spurious events on the dev set (after bench/evaluate.py)."""
import importlib.util
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
spec = importlib.util.spec_from_file_location("score", SHARED / "eval/score.py")
sc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sc)

gold = sc.load(SHARED / "eval/dev-gold.jsonl")
pred = sc.load(ROOT / "bench/out/dev-pred.jsonl")
tp, fp, fn = Counter(), Counter(), Counter()
for gid, g in gold.items():
    ge = [e for e in g["events"] if not e.get("background")]
    bg = [e for e in g["events"] if e.get("background")]
    pe = [e for e in pred.get(gid, {}).get("events", []) if not e.get("background")]
    pairs = sc.match(ge, pe)
    hit_g = {a for a, _, _ in pairs}
    hit_p = {b for _, b, _ in pairs}
    rest = [p for i, p in enumerate(pe) if i not in hit_p]
    bgm = {b for _, b, _ in sc.match(bg, rest, need_type=False)}
    for a, b, _ in pairs:
        tp[ge[a]["sub_event_type"]] += 1
    for i, e in enumerate(ge):
        if i not in hit_g:
            fn[e["sub_event_type"]] += 1
    for i, e in enumerate(rest):
        if i not in bgm:
            fp[e["sub_event_type"]] += 1
print(f"{'sub_event_type':40} {'tp':>4} {'fp':>4} {'fn':>4}")
for k in sorted(set(tp) | set(fp) | set(fn), key=lambda k: -(tp[k] + fp[k] + fn[k])):
    print(f"{k:40} {tp[k]:4} {fp[k]:4} {fn[k]:4}")
