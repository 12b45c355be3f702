"""Error analysis of the last `bench/evaluate.py` run on the dev set.

    python bench/errors.py types     # per sub-event type: found, spurious, missed
    python bench/errors.py confused  # events found at the right place with another type
    python bench/errors.py figures   # matched events whose killed/injured figure is out of range
    python bench/errors.py actors    # actor names missing and extra on matched events
"""
import importlib.util
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
spec = importlib.util.spec_from_file_location("score", SHARED / "eval/score.py")
sc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(sc)


def articles():
    """(id, current gold events, background gold events, predicted current events)."""
    gold = sc.load(SHARED / "eval/dev-gold.jsonl")
    pred = sc.load(ROOT / "bench/out/dev-pred.jsonl")
    for gid, g in gold.items():
        ge = [e for e in g["events"] if not e.get("background")]
        bg = [e for e in g["events"] if e.get("background")]
        pe = [e for e in pred.get(gid, {}).get("events", []) if not e.get("background")]
        yield gid, ge, bg, pe


def types() -> None:
    tp, fp, fn = Counter(), Counter(), Counter()
    for _, ge, bg, pe in articles():
        pairs = sc.match(ge, pe)
        hit_g, hit_p = {a for a, _, _ in pairs}, {b for _, b, _ in pairs}
        rest = [p for i, p in enumerate(pe) if i not in hit_p]
        bgm = {b for _, b, _ in sc.match(bg, rest, need_type=False)}
        tp.update(ge[a]["sub_event_type"] for a, _, _ in pairs)
        fn.update(e["sub_event_type"] for i, e in enumerate(ge) if i not in hit_g)
        fp.update(e["sub_event_type"] for i, e in enumerate(rest) if i not in bgm)
    print(f"{'sub_event_type':40} {'tp':>4} {'fp':>4} {'fn':>4}")
    for k in sorted(set(tp) | set(fp) | set(fn), key=lambda k: -(tp[k] + fp[k] + fn[k])):
        print(f"{k:40} {tp[k]:4} {fp[k]:4} {fn[k]:4}")


def confused() -> None:
    pairs = Counter()
    for gid, ge, _, pe in articles():
        strict = {a for a, _, _ in sc.match(ge, pe)}
        for a, b, _ in sc.match(ge, pe, need_type=False):
            if a not in strict and ge[a]["event_type"] != pe[b]["event_type"]:
                pairs[(ge[a]["sub_event_type"], pe[b]["sub_event_type"])] += 1
                print(gid, "gold", ge[a]["sub_event_type"], "| pred", pe[b]["sub_event_type"])
    for (g, p), n in pairs.most_common():
        print(n, g, "->", p)


def figures() -> None:
    for gid, ge, _, pe in articles():
        for a, b, _ in sc.match(ge, pe):
            for gk, pk in (("killed", "fatalities"), ("injured", "injured")):
                if not sc.in_range(ge[a].get(gk), pe[b].get(pk)):
                    print(gid, gk, "gold", ge[a].get(gk), "pred", pe[b].get(pk), ge[a]["sub_event_type"], ge[a].get("place_ar"))


def actors() -> None:
    missing, extra = Counter(), Counter()
    for _, ge, _, pe in articles():
        for a, b, _ in sc.match(ge, pe):
            ga = {sc.actor_key(x): x for x in ge[a].get("actors") or []}
            pa = {sc.actor_key(x["name"]): x["name"] for x in pe[b].get("actors") or []}
            missing.update(ga[k] for k in ga.keys() - pa.keys())
            extra.update(pa[k] for k in pa.keys() - ga.keys())
    print("missing:", missing.most_common(15))
    print("extra:  ", extra.most_common(15))


if __name__ == "__main__":
    {"types": types, "confused": confused, "figures": figures, "actors": actors}[sys.argv[1] if len(sys.argv) > 1 else "types"]()
