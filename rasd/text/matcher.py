"""One Aho-Corasick pass that finds lexicon phrases and place names in normalised text.

Arabic news glues proclitics to words (وبالتزامن، بمدينة، للواء) and sometimes drops
the space between two words (المكلابحضرموت). A raw hit is kept when:
- on the left it starts a word, or only proclitics stand between the word start and it;
- on the right it ends a word, or its entry allows suffixes (a form written `stem*`),
  or another hit (or a glue word) starts right there, after optional proclitics, and
  reaches the end of the word: that is a missing space between two known words.
Forms are folded with `rasd.text.normalise.fold` before they go in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from bisect import bisect_right
from typing import Any, Iterable

import ahocorasick
import regex

from .clitics import is_proclitic
from .normalise import Normalised, fold


_WORD = regex.compile(r"[\p{L}\p{N}_]+")


def is_letter(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


@dataclass
class Entry:
    form: str  # folded
    payload: Any
    kind: str
    stem: bool = False  # suffixes allowed after the form


@dataclass
class Hit:
    start: int
    end: int
    entries: list[Entry] = field(default_factory=list)
    prefix: str = ""  # proclitics before it in the same word
    glued: bool = False  # a missing space on one side


class Matcher:
    """Collects (form, payload, kind) entries, then finds them all in one pass."""

    def __init__(self) -> None:
        self._forms: dict[str, list[Entry]] = {}
        self._auto: ahocorasick.Automaton | None = None

    def add(self, form: str, payload: Any, kind: str) -> None:
        stem = form.endswith("*")
        f = " ".join(fold(form.rstrip("*")).split())
        if not f:
            return
        e = Entry(f, payload, kind, stem)
        self._forms.setdefault(f, []).append(e)
        if f.startswith("ال") and len(f) > 3:
            # after ل the article's alef drops (للمكلا = ل + لمكلا), and before a lam
            # the article's lam too (للواء = ل + لواء)
            self._forms.setdefault("\x00" + (f[2:] if f[2] == "ل" else f[1:]), []).append(e)
        self._auto = None

    def extend(self, items: Iterable[tuple[str, Any, str]]) -> None:
        for form, payload, kind in items:
            self.add(form, payload, kind)

    def __len__(self) -> int:
        return len(self._forms)

    def _automaton(self) -> ahocorasick.Automaton:
        if self._auto is None:
            # a plain form and another form's elided spelling may be the same string:
            # one automaton word carries both variants
            words: dict[str, list[tuple[bool, list[Entry]]]] = {}
            for key, entries in self._forms.items():
                elided = key.startswith("\x00")
                words.setdefault(key[1:] if elided else key, []).append((elided, entries))
            a = ahocorasick.Automaton()
            for word, variants in words.items():
                a.add_word(word, (len(word), tuple(variants)))
            if len(a):
                a.make_automaton()
            self._auto = a
        return self._auto

    def raw(self, text: str) -> list[tuple[int, int, bool, list[Entry]]]:
        auto = self._automaton()
        if not len(auto):
            return []
        return [(end + 1 - n, end + 1, elided, entries)
                for end, (n, variants) in auto.iter(text) for elided, entries in variants]

    def find(self, doc: Normalised | str) -> list[Hit]:
        """Every valid hit (overlapping ones included); callers pick longest per kind."""
        text = doc.text if isinstance(doc, Normalised) else doc
        raw = self.raw(text)
        n = len(text)
        starts: dict[int, list[int]] = {}
        ends: dict[int, list[int]] = {}
        for s, e, _, _ in raw:
            starts.setdefault(s, []).append(e)
            ends.setdefault(e, []).append(s)
        word_starts = [m.start() for m in _WORD.finditer(text)]

        def word_start(i: int) -> int:
            return word_starts[bisect_right(word_starts, i) - 1]

        def word_end(i: int) -> bool:
            return i >= n or not is_letter(text[i])

        def closes_word(i: int) -> bool:
            """Does a known hit start at i (after optional proclitics) and end its word?"""
            for k in range(0, 4):
                if k and not is_proclitic(text[i:i + k]):
                    continue
                for e in starts.get(i + k, ()):
                    if word_end(e):
                        return True
            return False

        def opens_word(i: int, ws: int) -> bool:
            """Does a known hit start its word (after proclitics) and end at i, or before proclitics at i?"""
            for k in range(0, 4):
                if k and not is_proclitic(text[i - k:i]):
                    continue
                for s0 in ends.get(i - k, ()):
                    if s0 >= ws and (s0 == ws or is_proclitic(text[ws:s0])):
                        return True
            return False

        hits: list[Hit] = []
        for s, e, elided, entries in raw:
            if s and is_letter(text[s - 1]):
                ws = word_start(s)
                prefix = text[ws:s]
            else:
                ws, prefix = s, ""
            glued = False
            if elided:
                if not prefix.endswith("ل") or not is_proclitic(prefix):
                    continue
            elif prefix and not is_proclitic(prefix, entries[0].form.startswith("ال")):
                if len(entries[0].form) < 4 or not opens_word(s, ws):
                    continue
                glued, prefix = True, ""
            if word_end(e):
                hits.append(Hit(s, e, list(entries), prefix, glued))
                continue
            stems = [x for x in entries if x.stem]
            if stems:
                we = e
                while we < n and is_letter(text[we]):
                    we += 1
                hits.append(Hit(s, we, stems, prefix, glued))
            if len(stems) < len(entries) and closes_word(e):
                hits.append(Hit(s, e, [x for x in entries if not x.stem], prefix, glued=True))
        return hits


def longest(hits: list[Hit], kind: str | None = None) -> list[Hit]:
    """Non-overlapping hits, longest first (ties: earliest), restricted to one kind if given."""
    pool = []
    for h in hits:
        if kind is None:
            pool.append(h)
        else:
            es = [x for x in h.entries if x.kind == kind]
            if es:
                pool.append(Hit(h.start, h.end, es, h.prefix, h.glued))
    pool.sort(key=lambda h: (-(h.end - h.start), h.start))
    taken: list[Hit] = []
    used = bytearray(0)
    for h in pool:
        if len(used) < h.end:
            used.extend(b"\0" * (h.end - len(used)))
        if any(used[h.start:h.end]):
            continue
        used[h.start:h.end] = b"\1" * (h.end - h.start)
        taken.append(h)
    taken.sort(key=lambda h: h.start)
    return taken
