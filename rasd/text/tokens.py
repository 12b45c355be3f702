"""Words with their proclitics split off (بمدينة → ب + مدينة) when the stem is known."""
from __future__ import annotations

from dataclasses import dataclass

import regex

from .clitics import split
from .normalise import Normalised

_WORD = regex.compile(r"[\p{L}\p{N}_]+")


@dataclass(frozen=True)
class Token:
    start: int  # normalised offsets of the whole word
    end: int
    text: str
    prefix: str = ""  # proclitics, when the stem is a known word
    stem: str = ""


def tokens(norm: Normalised | str, known=frozenset()) -> list[Token]:
    """All words; `known` is a set of folded stems used to decide where clitics end."""
    text = norm.text if isinstance(norm, Normalised) else norm
    out = []
    for m in _WORD.finditer(text):
        w = m.group()
        pre, stem = split(w, known) if known else ("", w)
        out.append(Token(m.start(), m.end(), w, pre, stem))
    return out
