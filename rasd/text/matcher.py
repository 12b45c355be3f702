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
from operator import attrgetter, itemgetter
from bisect import bisect_right
import re
from typing import Any, Iterable

import ahocorasick
import regex

from .clitics import proclitics
from .normalise import Normalised, fold


_WORD = regex.compile(r"[\p{L}\p{N}_]+")
_WORD_REST = re.compile(r"\w*")  # re's \w is str.isalnum() or "_", character by character
_PROCLITICS = proclitics()
_PROC_LAST = frozenset(p[-1] for p in _PROCLITICS if p)  # و ف ب ل ك
# word characters that are no digit and end no proclitic (Latin to Arabic; others take the slow test)
_INNER = frozenset(c for c in map(chr, range(0x800)) if (c.isalnum() or c == "_") and not c.isdigit()) - _PROC_LAST


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


def _variant(elided: bool, entries: list[Entry]) -> tuple:
    """What find asks of an automaton word's entries, worked out once when the automaton is built:
    (elided, entries, stem entries, the others, form too short to be glued on, form has ال)."""
    form = entries[0].form
    return (elided, entries, tuple(x for x in entries if x.stem), tuple(x for x in entries if not x.stem),
            len(form) < 4, form.startswith("ال"))


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
                # fourth: the word starts with a digit (a word boundary after a letter)
                a.add_word(word, (len(word), tuple(_variant(el, es) for el, es in variants),
                                  all(el for el, _ in variants), word[0].isdigit()))
            if len(a):
                a.make_automaton()
            self._auto = a
        return self._auto

    def raw(self, text: str) -> list[tuple[int, int, bool, list[Entry]]]:
        auto = self._automaton()
        if not len(auto):
            return []
        return [(end + 1 - n, end + 1, v[0], v[1])
                for end, (n, variants, _, _) in auto.iter(text) for v in variants]

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
        # a hit that runs on into its word is kept only if a known word (after optional
        # proclitics) starts at its end and ends that word; that word is reported later, so
        # such hits wait in `pending` while the raw hits starting in `want` are looked at
        pending: list[tuple[int, int, int, tuple[Entry, ...], str]] = []
        want: set[int] = set()
        closers: set[int] = set()  # starts of raw hits of GLUED_MIN+ letters that end a word
        plain = _plain(text)  # the text's word characters are the same for str.isalnum and _WORD
        hits: list[Hit | None] = []
        append = hits.append
        for last, (ln, variants, elided_only, lead_digit) in auto.iter(text):
            e = last + 1
            s = e - ln
            if s in want and ln >= GLUED_MIN and (e >= n or not ((c := text[e]).isalnum() or c == "_")):
                closers.add(s)
            if s and (c := text[s - 1]) in _INNER and not lead_digit and plain \
                    and (elided_only or ln < 4 or s not in ends):
                # most raw hits: inside a word, after a letter no proclitic ends in, and no
                # known word ends right before (the test below, done fast; such a hit is
                # no hit and opens no glued word, so `ends` need not know it)
                continue
            got = ends.get(e)
            if got is None:
                ends[e] = [s]
            else:
                got.append(s)
            opens = None  # _opens_word for this hit, computed once
            # a word goes on over letters or over digits; "70جريح" is two words
            if s and ((c := text[s - 1]).isalnum() or c == "_") and c.isdigit() == text[s].isdigit():
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
            for elided, entries, stems, rest, short, al in variants:
                glued, pre = False, prefix
                if elided:
                    if not inproc or not pre.endswith("ل"):
                        continue
                elif pre and (not inproc or (al and pre.endswith("ال"))):
                    # not after proclitics: only a missing space after a known word
                    if short:
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
                if stems:
                    append(Hit(s, _WORD_REST.match(text, e).end(), list(stems), pre, glued))
                if rest:
                    pending.append((len(hits), s, e, rest, pre))
                    append(None)
                    want.update((e, e + 1, e + 2, e + 3))
        if pending:
            for i, s, e, rest, pre in pending:
                if e in closers or e + 1 in closers and text[e:e + 1] in proc \
                        or e + 2 in closers and text[e:e + 2] in proc or e + 3 in closers and text[e:e + 3] in proc:
                    hits[i] = Hit(s, e, list(rest), pre, glued=True)
            hits = [h for h in hits if h is not None]
        return hits


_SAME: set[str] = set()  # characters on which str.isalnum (or "_") and _WORD agree
_ODD: set[str] = set()


_last_plain: tuple = (None, False)  # the last text asked about and its answer
_unknown = re.compile("(?s).")  # a character not in _SAME (remade as _SAME grows)


def _plain(text: str) -> bool:
    """Do str.isalnum (or "_") and _WORD agree on every character of text (Unicode versions differ)?"""
    global _last_plain, _unknown
    last, answer = _last_plain
    if last is text:
        return answer
    ok = True
    if _unknown.search(text):  # a regex scan is far cheaper than set(text) when all are known
        n = len(_SAME)
        for c in set(text) - _SAME:
            if c in _ODD:
                ok = False
                break
            if (c.isalnum() or c == "_") == bool(_WORD.match(c)):
                _SAME.add(c)
            else:
                _ODD.add(c)
                ok = False
                break
        if len(_SAME) > n:
            _unknown = re.compile("[^" + "".join(map(re.escape, sorted(_SAME))) + "]")
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
    if kind is None:
        return [h for h, _ in _pick([(h.start - h.end, h.start, r, h, True) for r, h in enumerate(hits)])]
    pool = []  # as in _pools, for one kind
    for r, h in enumerate(hits):
        es = h.entries
        if len(es) == 1:
            if es[0].kind == kind:
                pool.append((h.start - h.end, h.start, r, h, True))
        elif kind in (ks := set(map(_KIND, es))):
            pool.append((h.start - h.end, h.start, r, h, len(ks) == 1))
    return [Hit(h.start, h.end, list(h.entries) if pure else [x for x in h.entries if x.kind == kind],
                h.prefix, h.glued) for h, pure in _pick(pool)]


def longest_each(hits: list[Hit], kinds: Iterable[str]) -> dict[str, list[Hit]]:
    """`longest(hits, kind)` for several kinds at once; a hit whose entries are all of
    the kind is given as it is, not copied (so the caller must not change it)."""
    out = {}
    for k, pool in _pools(hits, kinds).items():
        out[k] = [h if pure else Hit(h.start, h.end, [x for x in h.entries if x.kind == k], h.prefix, h.glued)
                  for h, pure in _pick(pool)]
    return out


_KIND = attrgetter("kind")


def _pools(hits: list[Hit], kinds: Iterable[str]) -> dict[str, list[tuple]]:
    """The hits of each kind as (-length, start, rank, hit, every entry of this kind): sorted,
    the tuples put the longest first, then the earliest, then the first found."""
    pools: dict[str, list] = {k: [] for k in kinds}
    get = pools.get
    for r, h in enumerate(hits):
        es = h.entries
        if len(es) == 1:
            pool = get(es[0].kind)
            if pool is not None:
                pool.append((h.start - h.end, h.start, r, h, True))
        else:
            ks = set(map(_KIND, es))
            for k in ks:
                pool = get(k)
                if pool is not None:
                    pool.append((h.start - h.end, h.start, r, h, len(ks) == 1))
    return pools


def _pick(pool: list[tuple]) -> list[tuple[Hit, bool]]:
    """The greedy choice over one of _pools' lists, in text order: (hit, pure) pairs."""
    if len(pool) < 2:
        return [(t[3], t[4]) for t in pool]
    pool.sort()
    taken = []
    used = bytearray(max(t[3].end for t in pool))
    for _, s, _, h, p in pool:
        e = h.end
        if used.find(1, s, e) >= 0:
            continue
        used[s:e] = b"\1" * (e - s)
        taken.append((s, h, p))
    taken.sort(key=_START)
    return [(h, p) for _, h, p in taken]


_START = itemgetter(0)
