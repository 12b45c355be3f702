"""Sentence boundaries in normalised Arabic news text.

A sentence ends at . ! ? or a line break. Not at a decimal point (3.5), and not at a
run of two or more dots, which Arabic news uses as a comma ("بمديرية القطن..مبينا")
unless a line break follows it. Headlines without a full stop end at the line break.
"""
from __future__ import annotations

import regex

from .normalise import Normalised

_END = regex.compile(r"(?<![.\d])[.!?](?![.\d])|(?<=[.!?])\.{1,}(?=\s*\n)|\n+")


def sentences(norm: Normalised | str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in the normalised text, trimmed of spaces."""
    text = norm.text if isinstance(norm, Normalised) else norm
    out: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        _push(text, start, m.end(), out)
        start = m.end()
    _push(text, start, len(text), out)
    return out


def _push(text: str, s: int, e: int, out: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s and any(c.isalnum() for c in text[s:e]):
        out.append((s, e))
