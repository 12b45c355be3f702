"""Throughput of the text front end: normalise + gazetteer find (+ sentences/tokens when present).

Repeats the texts of shared/eval/dev.jsonl to about 10 MB and reports MB/s (median of 3 runs),
peak memory (maxrss) and the gazetteer's load time. Run: python bench/bench_text.py [MB]
"""
from __future__ import annotations

import json
import resource
import statistics
import sys
import time
from pathlib import Path

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev.jsonl"


def stages():
    """(name, fn(norm)) for every stage that exists; sentence splitting and tokens join when importable."""
    from rasd.gazetteer import find

    out = [("gazetteer.find", find)]
    try:  # hook: the lead's rasd/text/sentences.py
        from rasd.text.sentences import sentences
        out.insert(0, ("sentences", sentences))
    except ImportError:
        pass
    try:  # hook: the lead's rasd/text/tokens.py
        from rasd.text.tokens import tokens
        out.insert(1, ("tokens", tokens))
    except ImportError:
        pass
    return out


def main(mb: float = 10.0) -> None:
    texts = [json.loads(line)["text"] for line in DEV.open(encoding="utf-8") if line.strip()]
    size = sum(len(t.encode()) for t in texts)
    corpus = texts * max(1, round(mb * 1e6 / size))
    total = sum(len(t.encode()) for t in corpus) / 1e6

    from rasd import gazetteer
    from rasd.text.normalise import normalise

    t0 = time.perf_counter()
    gazetteer.data()
    load = time.perf_counter() - t0
    fns = stages()
    timings: dict[str, list[float]] = {"normalise": [], **{n: [] for n, _ in fns}}
    mentions = 0
    for _ in range(3):
        spent = dict.fromkeys(timings, 0.0)
        mentions = 0
        for t in corpus:
            a = time.perf_counter()
            norm = normalise(t)
            spent["normalise"] += time.perf_counter() - a
            for name, fn in fns:
                a = time.perf_counter()
                r = fn(norm)
                spent[name] += time.perf_counter() - a
                if name == "gazetteer.find":
                    mentions += len(r)
        for k, v in spent.items():
            timings[k].append(v)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    allsec = statistics.median([sum(x) for x in zip(*timings.values())])
    print(f"corpus {total:.1f} MB ({len(corpus)} articles), {mentions} place mentions per run")
    print(f"{'stage':<16}{'s (median)':>12}{'MB/s':>10}")
    for k, v in timings.items():
        s = statistics.median(v)
        print(f"{k:<16}{s:>12.2f}{total / s:>10.1f}")
    print(f"{'all':<16}{allsec:>12.2f}{total / allsec:>10.1f}")
    print(f"gazetteer load  {load:.2f} s   peak memory {rss:.0f} MB")


if __name__ == "__main__":
    main(float(sys.argv[1]) if len(sys.argv) > 1 else 10.0)
