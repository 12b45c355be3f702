"""Language knowledge as data: one TOML file per lexicon, read by one loader.

A file holds `[[entry]]` tables. Every entry has `forms` (surface forms; a trailing `*`
lets suffixes follow, as in `قتل*` for قتلوا/قتلهم) and `examples` (real sentences, each
containing one of the forms: the test suite checks every one). All other keys are the
entry's payload, read by the stage that owns the lexicon.
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent


def names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.toml"))


@lru_cache(maxsize=None)
def load(name: str) -> tuple[dict, ...]:
    """Entries of lexicon `name` (file rasd/lexicons/NAME.toml), each a dict."""
    path = HERE / f"{name}.toml"
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    out = []
    for i, e in enumerate(data.get("entry", [])):
        if not e.get("forms"):
            raise ValueError(f"{path}: entry {i} has no forms")
        out.append(e)
    return tuple(out)


def payload(entry: dict) -> dict:
    return {k: v for k, v in entry.items() if k not in ("forms", "examples")}


@lru_cache(maxsize=None)
def words(name: str, value: str, key: str = "role") -> frozenset[str]:
    """The folded forms of lexicon `name`'s entries whose `key` is `value` (the grammar's
    partitive words, the dates' era letters): small closed word classes the engines go by."""
    from ..text.normalise import fold

    return frozenset(fold(f) for e in load(name) if e.get(key) == value for f in e["forms"])
