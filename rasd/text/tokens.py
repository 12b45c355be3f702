"""Words with their proclitics split off (بمدينة → ب + مدينة) when the stem is known."""
from __future__ import annotations

import re
from dataclasses import dataclass

import regex

from .clitics import split
from .matcher import _plain
from .normalise import Normalised

_WORD = regex.compile(r"[\p{L}\p{N}_]+")
_RE_WORD = re.compile(r"\w+")  # the same words when every character is plain (see matcher._plain)


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
    append = out.append
    new = object.__new__
    # Token is frozen: fill the instance dict directly, as its __init__ would
    it = (_RE_WORD if _plain(text) else _WORD).finditer(text)
    if known:
        for m in it:
            s, e = m.span()
            w = text[s:e]
            pre, stem = split(w, known)
            t = new(Token)
            d = t.__dict__
            d["start"] = s
            d["end"] = e
            d["text"] = w
            d["prefix"] = pre
            d["stem"] = stem
            append(t)
    else:
        for m in it:
            s, e = m.span()
            w = text[s:e]
            t = new(Token)
            d = t.__dict__
            d["start"] = s
            d["end"] = e
            d["text"] = w
            d["prefix"] = ""
            d["stem"] = w
            append(t)
    return out
