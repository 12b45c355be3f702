"""Arabic proclitics: which letter runs may stand before a word without a space.

A word in news text is [conjunction][preposition][article] + stem: و ف, ب ل ك, ال.
ل + ال is written لل (the alef drops), so a stem that starts with ال is found after
ل as ل + لـstem. Suffixes are handled per lexicon entry (a trailing * in a form).
"""
from __future__ import annotations

from functools import lru_cache

CONJ = ("", "و", "ف")
PREP = ("", "ب", "ل", "ك")
ART = ("", "ال")
FUTURE = ("س",)  # وسيهاجم: only before verbs; not used for nouns


@lru_cache(maxsize=1)
def proclitics() -> frozenset[str]:
    """Every prefix sequence that may precede a stem (without ال-elision cases)."""
    out = set()
    for c in CONJ:
        for p in PREP:
            for a in ART:
                out.add(c + p + a)
        out.add(c + "لل")  # ل + ال
    return frozenset(out)


def is_proclitic(prefix: str, stem_starts_with_al: bool = False) -> bool:
    """May `prefix` stand before a stem? With an ال-stem, no second article may come."""
    if prefix in proclitics():
        if stem_starts_with_al and prefix.endswith("ال"):
            return False
        return True
    return False


def split(word: str, known) -> tuple[str, str]:
    """(prefix, stem) with the longest valid prefix whose stem is in `known`; else ("", word)."""
    best = ("", word)
    for i in range(1, min(len(word) - 1, 5) + 1):
        pre, stem = word[:i], word[i:]
        if pre not in proclitics():
            continue
        if stem in known:
            best = (pre, stem)
        elif pre.endswith("لل") and "ال" + stem[0:] in known:
            best = (pre, "ال" + stem)
        elif pre.endswith("ل") and stem.startswith("ل") and "ا" + stem in known:
            best = (pre, "ا" + stem)
    return best
