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

from .clitics import proclitics
from .normalise import Normalised, fold


_WORD = regex.compile(r"[\p{L}\p{N}_]+")
_PROCLITICS = proclitics()


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
        auto = self._auto
        if auto is None:
            auto = self._automaton()
        if not len(auto):
            return []
        n = len(text)
        proc = _PROCLITICS
        word_starts: list[int] | None = None  # built on the first hit that starts inside a word
        # starts of the raw hits seen so far, by end: the automaton reports hits by end, so
        # every hit that a missing-space check looks for on the left is already in here
        ends: dict[int, list[int]] = {}
        hits: list[Hit] = []
        for last, (ln, variants) in auto.iter(text):
            e = last + 1
            s = e - ln
            if s and ((c := text[s - 1]).isalnum() or c == "_"):
                if word_starts is None:
                    word_starts = [m.start() for m in _WORD.finditer(text)]
                ws = word_starts[bisect_right(word_starts, s) - 1]
                prefix = text[ws:s]
            else:
                ws, prefix = s, ""
            at_end = None
            for elided, entries in variants:
                glued, pre = False, prefix
                if elided:
                    if not pre.endswith("ل") or pre not in proc:
                        continue
                elif pre and (pre not in proc or (pre.endswith("ال") and entries[0].form.startswith("ال"))):
                    # not after proclitics: only a missing space after a known word
                    if len(entries[0].form) < 4 or not _opens_word(text, s, ws, ends, proc):
                        continue
                    glued, pre = True, ""
                if at_end is None:
                    at_end = e >= n or not ((c := text[e]).isalnum() or c == "_")
                if at_end:
                    hits.append(Hit(s, e, list(entries), pre, glued))
                    continue
                stems = [x for x in entries if x.stem]
                if stems:
                    we = e
                    while we < n and ((c := text[we]).isalnum() or c == "_"):
                        we += 1
                    hits.append(Hit(s, we, stems, pre, glued))
                if len(stems) < len(entries) and _closes_word(text, e, n, auto, proc):
                    hits.append(Hit(s, e, [x for x in entries if not x.stem], pre, glued=True))
            got = ends.get(e)
            if got is None:
                ends[e] = [s]
            else:
                got.append(s)
        return hits


def _closes_word(text: str, i: int, n: int, auto: ahocorasick.Automaton, proc: frozenset[str]) -> bool:
    """Does a known hit start at i (after optional proclitics) and end its word?"""
    for k in range(0, 4):
        if k and text[i:i + k] not in proc:
            continue
        # an automaton word equal to text[p:x], x where a word ends: walk the word ends
        # after p while text[p:x] still begins some word
        p = i + k
        x = p + 1
        while True:
            while x < n and ((c := text[x]).isalnum() or c == "_"):
                x += 1
            w = text[p:x]
            if auto.exists(w):
                return True
            if x >= n or not auto.match(w):
                break
            x += 1
    return False


def _opens_word(text: str, i: int, ws: int, ends: dict[int, list[int]], proc: frozenset[str]) -> bool:
    """Does a known hit start its word (after proclitics) and end at i, or before proclitics at i?"""
    for k in range(0, 4):
        if k and text[i - k:i] not in proc:
            continue
        for s0 in ends.get(i - k, ()):
            if s0 >= ws and (s0 == ws or text[ws:s0] in proc):
                return True
    return False


def longest(hits: list[Hit], kind: str | None = None) -> list[Hit]:
    """Non-overlapping hits, longest first (ties: earliest), restricted to one kind if given."""
    pool = []  # (-length, start, rank, hit, entries of the kind or None)
    top = 0
    for r, h in enumerate(hits):
        if kind is None:
            es = None
        else:
            es = h.entries
            if len(es) == 1:
                if es[0].kind != kind:
                    continue
                es = list(es)
            else:
                es = [x for x in es if x.kind == kind]
                if not es:
                    continue
        pool.append((h.start - h.end, h.start, r, h, es))
        if h.end > top:
            top = h.end
    if not pool:
        return []
    pool.sort()  # the rank keeps equal (length, start) in input order, as a stable sort would
    taken = []
    used = bytearray(top)
    for _, s, _, h, es in pool:
        e = h.end
        if used.find(1, s, e) >= 0:
            continue
        used[s:e] = b"\1" * (e - s)
        taken.append((s, h, es))
    taken.sort(key=lambda t: t[0])
    if kind is None:
        return [h for _, h, _ in taken]
    return [Hit(h.start, h.end, es, h.prefix, h.glued) for _, h, es in taken]
