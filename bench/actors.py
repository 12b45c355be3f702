"""Actor names on matched dev events: missing and extra, counted (after evaluate.py)."""
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
missing, extra = Counter(), Counter()
for gid, g in gold.items():
    ge = [e for e in g["events"] if not e.get("background")]
    pe = [e for e in pred.get(gid, {}).get("events", []) if not e.get("background")]
    for a, b, _ in sc.match(ge, pe):
        ga = {sc.actor_key(x): x for x in ge[a].get("actors") or []}
        pa = {sc.actor_key(x["name"]): x["name"] for x in pe[b].get("actors") or []}
        for k in ga.keys() - pa.keys():
            missing[ga[k]] += 1
        for k in pa.keys() - ga.keys():
            extra[pa[k]] += 1
print("missing:", missing.most_common(15))
print("extra:  ", extra.most_common(15))
