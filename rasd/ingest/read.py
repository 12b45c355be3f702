"""Articles from a text file, a folder of .txt files, JSONL, or standard input.

Bad input never stops a batch: each problem comes out as a `Skip` naming the input,
the line and the reason, in order with the articles, so a caller can count and report.
"""
from __future__ import annotations

import html
import json
import sys
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Iterator, Union

import regex
from charset_normalizer import from_bytes

from ..model import Article

MAX_BYTES = 500_000  # an article longer than this is page soup or a dump, not news
MIN_ARABIC = 0.3  # share of letters that must be Arabic

_ARABIC = regex.compile(r"\p{Arabic}")
_LETTER = regex.compile(r"\p{L}")
_TAG = regex.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]{0,2000}>", regex.S | regex.I)
_BLOCK = regex.compile(r"</?(p|div|br|h[1-6]|li|tr|article|section)\b[^>]*>", regex.I)


@dataclass
class Skip:
    where: str
    reason: str


Item = Union[Article, Skip]


def decode(raw: bytes) -> str | None:
    """UTF-8 first; otherwise the most likely Arabic-capable code page (windows-1256 etc.)."""
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = from_bytes(raw, cp_isolation=["cp1256", "iso8859_6", "utf_16", "cp720", "mac_arabic"]).best()
    return str(best) if best is not None else None


def strip_html(text: str) -> str:
    if "<" not in text or not regex.search(r"<(p|div|span|a|br|html|body|script)\b", text, regex.I):
        return text
    text = _BLOCK.sub("\n", text)
    text = _TAG.sub(" ", text)
    return html.unescape(text)


def check(text: str, where: str) -> str | None:
    """The reason this text cannot be read as an Arabic article, or None."""
    if not text or not text.strip():
        return "empty text"
    if len(text.encode("utf-8", "ignore")) > MAX_BYTES:
        return f"text too large ({len(text)} characters; limit {MAX_BYTES} bytes)"
    letters = len(_LETTER.findall(text[:20000]))
    if letters < 20:
        return "no text to read (fewer than 20 letters)"
    if len(_ARABIC.findall(text[:20000])) / letters < MIN_ARABIC:
        return "not Arabic"
    return None


def parse_date(value) -> date | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00")[:25]).date()
    except ValueError:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None


def make(id_: str, text, where: str, **meta) -> Item:
    if not isinstance(text, str):
        return Skip(where, "no text field")
    text = strip_html(text)
    reason = check(text, where)
    if reason:
        return Skip(where, reason)
    return Article(id=id_, text=text, published=parse_date(meta.get("published")),
                   url=meta.get("url"), source=meta.get("source"))


def from_jsonl_lines(lines, name: str) -> Iterator[Item]:
    for n, raw in enumerate(lines, 1):
        where = f"{name}:{n}"
        if isinstance(raw, bytes):
            line = decode(raw)
            if line is None:
                yield Skip(where, "not text (binary or unknown encoding)")
                continue
        else:
            line = raw
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skip(where, f"malformed JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(obj, dict):
            yield Skip(where, "a JSON line must be an object")
            continue
        yield make(str(obj.get("id") or obj.get("url") or f"{Path(name).stem}-{n}"), obj.get("text"), where,
                   published=obj.get("published") or obj.get("date"), url=obj.get("url"), source=obj.get("source"))


def from_text_file(path: Path) -> Item:
    raw = path.read_bytes()
    if len(raw) > MAX_BYTES * 4:
        return Skip(str(path), f"file too large ({len(raw)} bytes)")
    text = decode(raw)
    if text is None:
        return Skip(str(path), "not text (binary or unknown encoding)")
    return make(path.stem, text, str(path))


def read(source: str) -> Iterator[Item]:
    """Articles and skips from PATH (file, folder, .jsonl) or '-' (standard input, JSONL or one text)."""
    if source == "-":
        data = sys.stdin.buffer.read()
        first = data.lstrip()[:1]
        if first == b"{":
            yield from from_jsonl_lines(data.splitlines(), "<stdin>")
        else:
            text = decode(data)
            yield make("stdin", text, "<stdin>") if text is not None else Skip("<stdin>", "not text")
        return
    path = Path(source)
    if not path.exists():
        yield Skip(source, "no such file or folder")
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in (".txt", ".jsonl", ".json"))
        if not files:
            yield Skip(source, "folder holds no .txt or .jsonl files")
        for p in files:
            yield from read(str(p))
    elif path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        with path.open("rb") as fh:
            yield from from_jsonl_lines(fh, str(path))
    else:
        yield from_text_file(path)
