"""Offset-preserving Arabic normalisation.

Matching needs one spelling per word (no diacritics, one alef, ya for alef maqsura,
ha for taa marbuta, Western digits), but evidence must point at the original text.
`normalise` returns the folded text and, for every folded character, the index of the
original character it came from, so any match maps back to an exact original span.
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass

from ..model import Span

_DROP = set(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640", "\u200c", "\u200d",
                                                      "\u200e", "\u200f", "\u061c", "\ufeff", "\u00ad"}
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
    "ک": "ك", "ی": "ي", "ہ": "ه", "ۀ": "ه",
    "،": ",", "؛": ";", "؟": "?", "٪": "%", "٫": ".", "٬": ",",
    "«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‘": "'", "’": "'",
    "–": "-", "—": "-", "ـ": "", "[": "(", "]": ")", "{": "(", "}": ")",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\t": " ", "\r": " ",
}
for _i in range(10):
    _FOLD[chr(0x0660 + _i)] = str(_i)  # Eastern Arabic digits
    _FOLD[chr(0x06F0 + _i)] = str(_i)  # Persian digits


def fold_char(ch: str) -> str:
    if ch in _DROP:
        return ""
    out = _FOLD.get(ch)
    if out is not None:
        return out
    return ch.lower() if ch.isascii() else ch


def fold(text: str) -> str:
    """The folded form alone, for lexicon entries and look-ups (no offsets needed)."""
    return text.translate(_TABLE)  # _TABLE is fold_char for every character


@dataclass
class Normalised:
    original: str
    text: str
    offsets: array  # offsets[i] = index in original of text[i]; one extra entry = len(original)

    def span(self, start: int, end: int) -> Span:
        """Original span covering normalised [start, end)."""
        if end <= start:
            o = self.offsets[start] if start < len(self.offsets) else len(self.original)
            return Span(o, o)
        return Span(self.offsets[start], self.offsets[end - 1] + 1)

    def original_text(self, start: int, end: int) -> str:
        s = self.span(start, end)
        return self.original[s.start:s.end]


_TABLE = {ord(c): None for c in _DROP}
_TABLE.update({ord(k): (v or None) for k, v in _FOLD.items()})
_TABLE.update({c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)})
_DROPPED = {k for k, v in _TABLE.items() if v is None}


# str.translate looks every character up in a dict; replacing just the characters the table
# changes (about one in thirteen in news text) is several times faster, and gives the same
# text as long as no replacement is itself a character the table changes
_REPLACE = {chr(k): v or "" for k, v in _TABLE.items()}
_CHANGED = re.compile("[" + "".join(map(re.escape, sorted(_REPLACE))) + "]")
_ONE_BY_ONE = not any(c in _REPLACE for v in _REPLACE.values() for c in v)

_DROP_RUN = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_DROPPED)) + "]+")
_RANGE = array("l", range(1 << 16))  # offsets are slices of this, grown on demand


def _range(n: int) -> array:
    global _RANGE
    if len(_RANGE) < n:
        _RANGE = array("l", range(max(n, 2 * len(_RANGE))))
    return _RANGE


def normalise(original: str) -> Normalised:
    """Every mapping is one character to one or to none, so offsets are the kept indices."""
    if _ONE_BY_ONE:
        text = original
        for ch in set(_CHANGED.findall(original)):
            text = text.replace(ch, _REPLACE[ch])
    else:
        text = original.translate(_TABLE)
    n = len(original)
    r = _range(n + 1)
    if len(text) == n:
        offsets = r[:n + 1]
    else:
        offsets = array("l")
        i = 0
        for m in _DROP_RUN.finditer(original):
            offsets.extend(r[i:m.start()])
            i = m.end()
        offsets.extend(r[i:n + 1])
    return Normalised(original, text, offsets)
