"""End-to-end extraction speed: articles/s on one core, start-up time, peak memory, profile.

Reads ../shared/eval/dev.jsonl with rasd.ingest.read.read, repeats it (default 10x = 1600
articles) and runs rasd.extract.extract_article on every article:
- articles/s: median of 3 runs in this process, after one warm-up article;
- start-up: median of 5 fresh `python -c "import rasd.extract; rasd.extract.extract(...)"`
  (import + lexicon matcher build + gazetteer cache load + one short article);
- peak memory: ru_maxrss of a fresh subprocess that runs the whole batch once;
- profile: cProfile over one run, top functions by own time and by cumulative time.

    python bench/bench_extract.py [--repeat 10] [--top 20] [--no-profile]
Targets: >= 300 articles/s, start-up < 2 s, peak < 500 MB.
"""
from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"
SAMPLE = "قتل ثلاثة جنود في هجوم على نقطة عسكرية بمدينة شبام بحضرموت"
TARGETS = {"articles/s": 300.0, "start-up s": 2.0, "peak MB": 500.0}


def articles(repeat: int) -> list:
    from rasd.ingest.read import Skip, read

    arts = [a for a in read(str(DEV)) if not isinstance(a, Skip)]
    return arts * repeat


def run(batch: list) -> tuple[float, int]:
    from rasd.extract import extract_article

    t0 = time.perf_counter()
    events = 0
    for a in batch:
        events += len(extract_article(a))
    return time.perf_counter() - t0, events


def child(repeat: int) -> None:
    """Whole batch in a fresh process; prints peak RSS in MB."""
    run(articles(repeat))
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def startup() -> float:
    code = f"import rasd.extract; rasd.extract.extract({SAMPLE!r})"
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=10, help="times dev.jsonl is repeated (10 = 1600 articles)")
    ap.add_argument("--top", type=int, default=20, help="functions shown from the profile")
    ap.add_argument("--no-profile", action="store_true")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.repeat)
        return

    batch = articles(args.repeat)
    mb = sum(len(a.text.encode()) for a in batch) / 1e6
    from rasd.extract import extract_article

    extract_article(batch[0])  # warm-up: lexicon matcher, gazetteer cache, lazy imports
    times, events = [], 0
    for _ in range(3):
        t, events = run(batch)
        times.append(t)
    sec = statistics.median(times)
    up = statistics.median(startup() for _ in range(5))
    out = subprocess.run([sys.executable, __file__, "--child", "--repeat", str(args.repeat)],
                         check=True, capture_output=True, text=True, cwd=ROOT).stdout
    peak = float(out.split()[-1])

    print(f"batch: {len(batch)} articles ({mb:.1f} MB), {events} events per run; runs "
          + ", ".join(f"{t:.2f}" for t in times) + " s")
    print(f"{'measure':<14}{'value':>10}{'target':>10}")
    for name, value, ok in (("articles/s", len(batch) / sec, len(batch) / sec >= TARGETS["articles/s"]),
                            ("ms/article", 1000 * sec / len(batch), None),
                            ("MB/s", mb / sec, None),
                            ("start-up s", up, up < TARGETS["start-up s"]),
                            ("peak MB", peak, peak < TARGETS["peak MB"])):
        target = "" if ok is None else ("ok" if ok else "MISSED")
        print(f"{name:<14}{value:>10.2f}{target:>10}")

    if not args.no_profile:
        prof = cProfile.Profile()
        prof.enable()
        run(batch)
        prof.disable()
        for key in ("tottime", "cumulative"):
            s = io.StringIO()
            pstats.Stats(prof, stream=s).strip_dirs().sort_stats(key).print_stats(args.top)
            lines = s.getvalue().splitlines()
            start = next(i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls"))
            print(f"\nprofile, top {args.top} by {key} (one run, under cProfile):")
            print("\n".join(lines[start:start + args.top + 1]))


if __name__ == "__main__":
    main()
