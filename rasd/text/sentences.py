"""Sentence boundaries in normalised Arabic news text.

A sentence ends at . ! ? or a line break. Not at a decimal point (3.5), and not at a
run of two or more dots, which Arabic news uses as a comma ("بمديرية القطن..مبينا")
unless a line break follows it. Headlines without a full stop end at the line break; a
single line break after a long unpunctuated line is a wrap inside a sentence, as pages
copied from the web often have ("غربي مدينة\nعدن جنوب اليمن").
"""
from __future__ import annotations

import regex

from .normalise import Normalised

WRAP = 80  # a line longer than this that stops without punctuation is wrapped text

_END = regex.compile(r"(?<![.\d])(?<!(?:^|[\s(])\p{L})[.!?](?![.\d])|(?<=[.!?])\.{1,}(?=\s*\n)|\n+")


def sentences(norm: Normalised | str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in the normalised text, trimmed of spaces."""
    text = norm.text if isinstance(norm, Normalised) else norm
    out: list[tuple[int, int]] = []
    start = 0
    wrapping = False  # inside a paragraph whose lines were wrapped: go on to its full stop
    for m in _END.finditer(text):
        if m.group() == "\n":
            line = text[text.rfind("\n", 0, m.start()) + 1:m.start()].rstrip()
            if line[-1:] not in ".!?:" and (wrapping or len(line) > WRAP):
                wrapping = True
                continue
        wrapping = False
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
