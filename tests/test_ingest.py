"""Bad input is skipped with a reason, never a crash; the batch goes on."""
import json

from rasd.ingest.read import Skip, read
from rasd.model import Article

AR = "قتل ثلاثة جنود وأصيب خمسة آخرون في هجوم شنه مسلحون على نقطة عسكرية في مدينة شبام بمحافظة حضرموت."


def items(path):
    return list(read(str(path)))


def test_jsonl_with_bad_lines_keeps_the_good_ones(tmp_path):
    p = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a", "text": AR, "published": "2025-03-13"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "b", "text": ""}),
        json.dumps({"id": "c", "text": "The quick brown fox jumps over the lazy dog again and again."}),
        json.dumps(["a list"]),
        json.dumps({"id": "d", "text": AR * 20000}, ensure_ascii=False),
        json.dumps({"id": "e", "text": "<html><body><p>" + AR + "</p><script>var x=1;</script></body></html>"},
                   ensure_ascii=False),
    ]
    p.write_text("\n".join(lines), encoding="utf-8")
    got = items(p)
    arts = [x for x in got if isinstance(x, Article)]
    skips = {x.where.split(":")[-1]: x.reason for x in got if isinstance(x, Skip)}
    assert [a.id for a in arts] == ["a", "e"]
    assert arts[0].published.isoformat() == "2025-03-13"
    assert "<" not in arts[1].text and "var x" not in arts[1].text
    assert "malformed JSON" in skips["2"]
    assert skips["3"] == "empty text"
    assert skips["4"] == "not Arabic"
    assert "object" in skips["5"]
    assert "too large" in skips["6"]


def test_windows_1256_file_decodes(tmp_path):
    p = tmp_path / "old.txt"
    p.write_bytes(AR.encode("cp1256"))
    (a,) = items(p)
    assert isinstance(a, Article) and a.text == AR


def test_binary_junk_is_skipped(tmp_path):
    p = tmp_path / "junk.txt"
    p.write_bytes(bytes(range(256)) * 40)
    (s,) = items(p)
    assert isinstance(s, Skip) and "binary" in s.reason


def test_folder_and_missing_path(tmp_path):
    (tmp_path / "one.txt").write_text(AR, encoding="utf-8")
    (tmp_path / "two.txt").write_text("", encoding="utf-8")
    got = items(tmp_path)
    assert [type(x).__name__ for x in got] == ["Article", "Skip"]
    (missing,) = items(tmp_path / "nope.txt")
    assert isinstance(missing, Skip) and "no such" in missing.reason
