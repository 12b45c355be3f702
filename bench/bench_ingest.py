"""Ingest speed and memory: articles/s into SQLite and peak memory on a large stream.

Two figures, each in a fresh subprocess (so peak RSS is the ingest's own):
- stream: a generated N-article JSONL (default 100,000) made by repeating
  ../shared/eval/dev.jsonl with new ids and URLs. After the first pass every text is already
  stored, so this measures the path most of a real feed takes (recognise a known text, add
  its URL as a source, recount the event's sources) and that memory stays bounded;
- fresh: the 160 distinct dev articles into an empty database, the full path (extract,
  MinHash, match and merge events, store), median of 3 runs.
Start-up (imports, gazetteer cache) is left out of the rates and reported apart.

    python bench/bench_ingest.py [--articles 100000] [--keep]
Aim: >= 200 articles/s; memory bounded (peak must not grow with N).
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "eval" / "dev.jsonl"


def make_stream(path: Path, n: int) -> None:
    lines = [json.loads(x) for x in DEV.read_text(encoding="utf-8").splitlines() if x.strip()]
    with path.open("w", encoding="utf-8") as out:
        for i in range(n):
            obj = dict(lines[i % len(lines)])
            obj["id"] = f"{obj['id']}-{i}"
            obj["url"] = f"https://outlet{i % 97}.example/{i // len(lines)}/{obj['id']}"
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def child(src: str, db: str) -> None:
    """Runs in the subprocess: warm up, ingest, print figures as JSON."""
    t0 = time.perf_counter()
    from rasd.extract import extract
    from rasd.ingest.read import read
    from rasd.store import connect, ingest

    extract("قتل ثلاثة جنود في هجوم على نقطة عسكرية بمدينة شبام بحضرموت")
    engine = connect(db)
    start = time.perf_counter() - t0
    t1 = time.perf_counter()
    sm = ingest(engine, read(src))
    secs = time.perf_counter() - t1
    n = sm.new + sm.known + sm.new_sources + sm.near_copies
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"articles": n, "seconds": secs, "rate": n / secs, "startup": start, "peak_mb": peak,
                      "summary": sm.line()}))


def run(src: Path, db: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", str(src), f"sqlite:///{db}"], check=True,
                         capture_output=True, text=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--child", nargs=2)
    ap.add_argument("--keep", action="store_true", help="keep the generated stream and databases")
    args = ap.parse_args()
    if args.child:
        return child(*args.child)
    tmp = Path(tempfile.mkdtemp(prefix="rasd-bench-"))
    fresh = [run(DEV, tmp / f"fresh{i}.db") for i in range(3)]
    rate = statistics.median(r["rate"] for r in fresh)
    print(f"fresh: {fresh[0]['articles']} distinct dev articles, full path: {rate:.0f} articles/s "
          f"(median of 3), start-up {statistics.median(r['startup'] for r in fresh):.2f} s, peak {max(r['peak_mb'] for r in fresh):.0f} MB")
    src = tmp / "stream.jsonl"
    make_stream(src, args.articles)
    r = run(src, tmp / "stream.db")
    size = (tmp / "stream.db").stat().st_size / 1e6
    print(f"stream: {r['articles']} articles ({src.stat().st_size / 1e6:.0f} MB JSONL) in {r['seconds']:.0f} s: "
          f"{r['rate']:.0f} articles/s, peak {r['peak_mb']:.0f} MB, database {size:.0f} MB")
    print(f"        {r['summary']}")
    if not args.keep:
        import shutil
        shutil.rmtree(tmp)
    else:
        print(f"kept {tmp}")


if __name__ == "__main__":
    main()
