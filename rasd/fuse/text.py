"""A normalisation of its own for telling texts apart, kept stable on purpose: hashes stored
in a database must not change when the extraction's normaliser is tuned."""
from __future__ import annotations

import hashlib
import re

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي",
                       **{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6F0 + i): str(i) for i in range(10)}})
_NONWORD = re.compile(r"[^\w]+")


def normalise(text: str) -> str:
    """Words only: no diacritics or tatweel, one alef, folded taa marbuta, Western digits."""
    text = _DIACRITICS.sub("", text).translate(_FOLD).lower()
    return " ".join(_NONWORD.sub(" ", text).split())


def text_hash(text: str) -> str:
    return hash_normalised(normalise(text))


def hash_normalised(norm: str) -> str:
    """text_hash of a text already through `normalise`."""
    return hashlib.sha256(norm.encode("utf-8")).hexdigest()


def shingles(norm: str, k: int = 3) -> list[bytes]:
    """Word k-grams: robust to a changed headline or a dropped byline."""
    words = norm.split()
    if len(words) < k:
        return [" ".join(words).encode("utf-8")]
    return [" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)]
