"""The `rasd` command end to end: a batch with bad lines goes on, says why, and counts."""
import json
import random
import subprocess
import sys
from pathlib import Path

from rasd.extract import extract

ROOT = Path(__file__).resolve().parents[1]
AR = "قتل ثلاثة جنود وأصيب خمسة آخرون في هجوم شنه مسلحون على نقطة عسكرية في مدينة شبام بمحافظة حضرموت."


def rasd(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "rasd.cli", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=120)


def test_batch_with_bad_lines(tmp_path):
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join([json.dumps({"id": "good", "text": AR}, ensure_ascii=False), "{oops",
                            json.dumps({"id": "en", "text": "Nothing in Arabic here at all, only English words."})]),
                 encoding="utf-8")
    r = rasd("extract", str(p))
    assert r.returncode == 3
    out = [json.loads(l) for l in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["good"]
    assert out[0]["events"][0]["location"]["place_ar"] == "شبام"
    assert "in.jsonl:2: malformed JSON" in r.stderr and "in.jsonl:3: not Arabic" in r.stderr
    assert "1 articles extracted, 2 skipped" in r.stderr


def test_example_table_and_stdin():
    r = rasd("extract", "rasd/examples/example.jsonl", "--format", "table")
    assert r.returncode == 0, r.stderr
    assert "Armed clash" in r.stdout and "شبام" in r.stdout
    r = rasd("extract", "-", stdin=AR)
    assert r.returncode == 0 and json.loads(r.stdout)["events"]


def test_output_file(tmp_path):
    out = tmp_path / "events.jsonl"
    r = rasd("extract", "rasd/examples/example.jsonl", "-o", str(out))
    assert r.returncode == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 2


def test_random_text_never_raises():
    rng = random.Random(7)
    alphabet = AR + "٠١٢٣٤٥٦٧٨٩()«»،؛؟!.\n\t <>&;{}[]" + "".join(chr(rng.randrange(0x20, 0x3000)) for _ in range(300))
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400)))
        assert isinstance(extract(text), list)


def test_ingest_then_list_with_a_limit(tmp_path):
    db = f"sqlite:///{tmp_path / 'r.db'}"
    r = rasd("ingest", "rasd/examples/example.jsonl", "--db", db)
    assert r.returncode == 0, r.stderr
    r = rasd("events", "--db", db, "--limit", "1", "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    assert len(r.stdout.splitlines()) == 1
    assert rasd("events", "--db", db, "--limit", "x").returncode != 0
