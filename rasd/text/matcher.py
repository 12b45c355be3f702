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
_PROC_LAST = frozenset(p[-1] for p in _PROCLITICS if p)  # و ف ب ل ك


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
                # third: only elided variants (they need proclitics ending in ل before them)
                a.add_word(word, (len(word), tuple(variants), all(el for el, _ in variants)))
            if len(a):
                a.make_automaton()
            self._auto = a
        return self._auto

    def raw(self, text: str) -> list[tuple[int, int, bool, list[Entry]]]:
        auto = self._automaton()
        if not len(auto):
            return []
        return [(end + 1 - n, end + 1, elided, entries)
                for end, (n, variants, _) in auto.iter(text) for elided, entries in variants]

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
        word_starts: list[int] | None = None  # built on the first hit whose prefix is long
        # starts of the raw hits seen so far, by end: the automaton reports hits by end, so
        # every hit that a missing-space check looks for on the left is already in here
        # (a hit's own end lies after every position such a check looks at)
        ends: dict[int, list[int]] = {}
        closes: dict[int, bool] = {}  # _closes_word by position
        plain = None  # the text's word characters are the same for str.isalnum and _WORD
        hits: list[Hit] = []
        append = hits.append
        for last, (ln, variants, elided_only) in auto.iter(text):
            e = last + 1
            s = e - ln
            got = ends.get(e)
            if got is None:
                ends[e] = [s]
            else:
                got.append(s)
            opens = None  # _opens_word for this hit, computed once
            # a word goes on over letters or over digits; "70جريح" is two words
            if s and ((c := text[s - 1]).isalnum() or c == "_") and c.isdigit() == text[s].isdigit():
                if plain is None:
                    plain = _plain(text)
                if plain and c not in _PROC_LAST and (elided_only or ln < 4 or not _may_open(text, s, ends, proc)):
                    # the prefix is no proclitic run (those end in و ف ب ل ك), so only a
                    # missing space can keep it: a non-elided form of 4+ letters after a hit
                    continue
                if not plain:
                    if word_starts is None:
                        word_starts = [m.start() for m in _WORD.finditer(text)]
                    ws = word_starts[bisect_right(word_starts, s) - 1]
                    prefix = text[ws:s]
                    inproc = prefix in proc
                    j = -1
                else:
                    j = s - 1
            else:
                j = -2
            if j >= 0:
                # look back at most 5 characters: proclitics are at most 4 letters
                while j and s - j < 5 and ((c := text[j - 1]).isalnum() or c == "_"):
                    j -= 1
                if j and ((c := text[j - 1]).isalnum() or c == "_"):
                    # a long prefix: never proclitics, only a missing space after a known word
                    if not _may_open(text, s, ends, proc):
                        continue
                    if word_starts is None:
                        word_starts = [m.start() for m in _WORD.finditer(text)]
                    ws = word_starts[bisect_right(word_starts, s) - 1]
                    prefix = text[ws:s]
                else:
                    ws = j
                    prefix = text[j:s]
                inproc = prefix in proc
            elif j == -2:
                ws, prefix, inproc = s, "", True
            at_end = None
            for elided, entries in variants:
                glued, pre = False, prefix
                if elided:
                    if not inproc or not pre.endswith("ل"):
                        continue
                elif pre and (not inproc or (pre.endswith("ال") and entries[0].form.startswith("ال"))):
                    # not after proclitics: only a missing space after a known word
                    if len(entries[0].form) < 4:
                        continue
                    if opens is None:
                        opens = _opens_word(text, s, ws, ends, proc)
                    if not opens:
                        continue
                    glued, pre = True, ""
                if at_end is None:
                    at_end = e >= n or not ((c := text[e]).isalnum() or c == "_") \
                        or c.isdigit() != text[e - 1].isdigit()
                if at_end:
                    append(Hit(s, e, list(entries), pre, glued))
                    continue
                stems = [x for x in entries if x.stem]
                if stems:
                    we = e
                    while we < n and ((c := text[we]).isalnum() or c == "_"):
                        we += 1
                    append(Hit(s, we, stems, pre, glued))
                if len(stems) < len(entries):
                    cl = closes.get(e)
                    if cl is None:
                        cl = closes[e] = _closes_word(text, e, n, auto, proc)
                    if cl:
                        append(Hit(s, e, [x for x in entries if not x.stem], pre, glued=True))
        return hits


_SAME: set[str] = set()  # characters on which str.isalnum (or "_") and _WORD agree
_ODD: set[str] = set()


_last_plain: tuple = (None, False)  # the last text asked about and its answer


def _plain(text: str) -> bool:
    """Do str.isalnum (or "_") and _WORD agree on every character of text (Unicode versions differ)?"""
    global _last_plain
    last, answer = _last_plain
    if last is text:
        return answer
    ok = True
    new = set(text) - _SAME
    for c in new:
        if c in _ODD:
            ok = False
            break
        if (c.isalnum() or c == "_") == bool(_WORD.match(c)):
            _SAME.add(c)
        else:
            _ODD.add(c)
            ok = False
            break
    _last_plain = (text, ok)
    return ok


def _may_open(text: str, i: int, ends: dict[int, list[int]], proc: frozenset[str]) -> bool:
    """Could `_opens_word` hold at i: does any hit end at i, or before proclitics at i?"""
    if i in ends:
        return True
    for k in range(1, 4):
        if i - k in ends and text[i - k:i] in proc:
            return True
    return False


GLUED_MIN = 4  # a word glued on after a hit has four letters at least: "القنصلية" is no قنص + ليه


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
            if len(w) >= GLUED_MIN and auto.exists(w):
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
    pool = []  # (-length, start, rank, hit): the rank keeps equal (length, start) in input order
    top = 0
    if kind is None:
        for r, h in enumerate(hits):
            pool.append((h.start - h.end, h.start, r, h))
            if h.end > top:
                top = h.end
    else:
        for r, h in enumerate(hits):
            es = h.entries
            if len(es) == 1:
                if es[0].kind != kind:
                    continue
            else:
                for x in es:
                    if x.kind == kind:
                        break
                else:
                    continue
            pool.append((h.start - h.end, h.start, r, h))
            if h.end > top:
                top = h.end
    if not pool:
        return []
    pool.sort()
    taken = []
    used = bytearray(top)
    for _, s, _, h in pool:
        e = h.end
        if used.find(1, s, e) >= 0:
            continue
        used[s:e] = b"\1" * (e - s)
        taken.append((s, h))
    taken.sort(key=_first)
    if kind is None:
        return [h for _, h in taken]
    return [Hit(h.start, h.end, [x for x in h.entries if x.kind == kind], h.prefix, h.glued) for _, h in taken]


def _first(t):
    return t[0]
