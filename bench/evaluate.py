"""Score extraction on ../shared/eval/dev.jsonl (and the seeds) with the shared scorer.

    python bench/evaluate.py [--errors]

Writes predictions to bench/out/ and prints the scorer's summary for each set.
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))

from rasd.extract import extract_article  # noqa: E402
from rasd.ingest.read import Skip, read  # noqa: E402

SETS = {"dev": (SHARED / "eval/dev.jsonl", SHARED / "eval/dev-gold.jsonl"),
        "seeds": (SHARED / "seeds/articles.jsonl", SHARED / "seeds/gold.jsonl")}


def predict(src: Path, out: Path) -> None:
    with out.open("w", encoding="utf-8") as fh:
        for item in read(str(src)):
            if isinstance(item, Skip):
                print(f"skipped {item.where}: {item.reason}", file=sys.stderr)
                continue
            fh.write(json.dumps({"id": item.id, "events": extract_article(item)}, ensure_ascii=False) + "\n")


def main() -> None:
    out_dir = ROOT / "bench/out"
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, (src, gold) in SETS.items():
        if not src.exists():
            print(f"{name}: {src} not found, skipped")
            continue
        pred = out_dir / f"{name}-pred.jsonl"
        predict(src, pred)
        args = [sys.executable, str(SHARED / "eval/score.py"), str(gold), str(pred)]
        if "--errors" in sys.argv:
            args.append("--show-errors")
        print(f"== {name}")
        print(subprocess.run(args, capture_output=True, text=True).stdout)


if __name__ == "__main__":
    main()
