"""Counts of people in Arabic news: digits, number words, duals, vague words, bounds, zero.

`find_counts(norm)` returns one Mention(kind="count") per count, with
value = Count(low, high, span, vague) and attrs:
  noun      folded singular stem of the counted person noun (جندي، مسلح، اخر ...) when the
            count is a dual or a person noun follows it (directly, after ")" or after من)
            or, for a bare number, stands right before it (جندي واحد); else None
  approx    "about" (نحو، قرابة، حوالي، ما يقارب، زهاء، تقريبا): low = high = n, as ACLED
            keeps the stated figure
  at_least  a lower bound: low = n, high = None (على الأقل، ما لا يقل عن، أكثر من ...)
  more_than True for "more than n" (أكثر من، ما يزيد عن/على، ما يربو على). low = n, not
            n + 1: the stated figure is what sources give and ACLED codes ("more than 20"
            is coded 20); the flag lets a caller add one if it wants the strict bound.
            (The brief listed ما يزيد عن among "about" words; it means "more than", so it
            is a lower bound here. One line in numbers.toml moves it.)
  zero      None, or what an explicit zero negates: casualties | killed | injured | arrested
  dual      True for a dual noun (جنديان، قتيلين): Count(2, 2)
  range     True for "between n and m" / "n to m" / "n-m" / "n or m": Count(n, m)
  unit      kind from units.toml when a non-person unit noun follows (time, thing, ...)
  definite  True when the number word or dual carries the article (الجنود الثلاثة)
Vague words (CODEBOOK): عدد من/عدة/العديد من low 3, high None (open: "a number of" may be
thirty); بضعة 3-9 (its dictionary meaning); عشرات 12-99; مئات 100-999; آلاف 1000-9999;
عشرات/مئات الآلاف are scaled by 1000. Plain عدد ("عدد القتلى") is not vague: only with من.

Not counts: ordinals (الثالث، الخامس والعشرين، الحادي عشر), number words with the article
except 3-10 (العشرين is "twentieth"; الاثنين is Monday), numbers after a blocker word
(اللواء 135، الساعة 04:20، القرار 2216، عام 2011), numbers before "%"/"في المئة"/"هـ",
4-digit numbers 1900-2100 unless a person noun follows (years), day numbers next to a
month name, and digit groups glued by / : . or a second - (dates, times, decimals).
Vocabulary lives in rasd/lexicons/numbers.toml; this engine walks tokens once.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import lexicons
from ..model import Count, Mention
from .clitics import proclitics
from .normalise import Normalised, fold

TOKEN = regex.compile(r"\d+|[^\W\d_]+|\S")
SEPS = frozenset("/:.-")
PUNCT = frozenset(",.;:!?\"'()[]{}/\\|-–—…")

# proclitic runs that may stand before a stem, shortest first (the set is clitics.proclitics)
PREFIXES = tuple(sorted(proclitics() - {""}, key=len))


class Tokens:
    """Tokens of normalised text: words, digit runs, single punctuation marks."""

    __slots__ = ("toks", "starts", "ends", "n")

    def __init__(self, text: str) -> None:
        toks, starts, ends = [], [], []
        for m in TOKEN.finditer(text):
            toks.append(m.group())
            starts.append(m.start())
            ends.append(m.end())
        self.toks, self.starts, self.ends, self.n = toks, starts, ends, len(toks)

    def glued(self, i: int) -> bool:
        """No space between token i and token i+1."""
        return i + 1 < self.n and self.ends[i] == self.starts[i + 1]


_last_tokens: tuple = (None, None)  # the last text tokenised and its Tokens


def tokens_of(text: str) -> Tokens:
    """Tokens(text), shared by the count and date grammars of one text (neither changes it)."""
    global _last_tokens
    last, T = _last_tokens
    if last is text:
        return T
    T = Tokens(text)
    _last_tokens = (text, T)
    return T


def words(form: str) -> tuple[str, ...]:
    return tuple(TOKEN.findall(fold(form)))


class Phrases:
    """Lexicon phrases (one or more tokens), looked up at a token index.

    The first word may carry proclitics (بنحو، وبالعشرات، للواء); later words match exactly.
    """

    def __init__(self, items, prefixes: tuple[str, ...] = PREFIXES) -> None:
        self.prefixes = prefixes
        self.first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for form, pl in items:
            w = words(form)
            if w:
                self.first.setdefault(w[0], []).append((w[1:], pl))
        for v in self.first.values():
            v.sort(key=lambda x: -len(x[0]))
        self._cache: dict[str, tuple[str, str] | None] = {}

    def split(self, tok: str) -> tuple[str, str] | None:
        """(prefix, stem) with stem a known first word, the shortest prefix first."""
        c = self._cache.get(tok, 0)
        if c != 0:
            return c
        first = self.first
        r = None
        if tok in first:
            r = ("", tok)
        elif len(tok) > 2 and tok[0] in "وفبلكا":
            for p in self.prefixes:
                if len(tok) > len(p) + 1 and tok.startswith(p):
                    s = tok[len(p):]
                    if s in first:
                        r = (p, s)
                        break
                    if p.endswith("لل") and "ال" + s in first:  # لل + stem = ل + الstem
                        r = (p[:-1], "ال" + s)
                        break
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[tok] = r
        return r

    def match(self, T: Tokens, i: int, prefixes: bool = True):
        """Longest phrase starting at token i: (end index, payload, prefix) or None."""
        if i >= T.n:
            return None
        sp = self.split(T.toks[i]) if prefixes else ((("", T.toks[i])) if T.toks[i] in self.first else None)
        if sp is None:
            return None
        prefix, stem = sp
        toks = T.toks
        for rest, pl in self.first[stem]:
            k = len(rest)
            if i + 1 + k <= T.n and all(toks[i + 1 + m] == rest[m] for m in range(k)):
                return i + 1 + k, pl, prefix
        return None

    def match_before(self, T: Tokens, i: int):
        """Longest phrase ending just before token i: (start index, payload) or None."""
        best = None
        for j in range(max(0, i - 5), i):
            r = self.match(T, j)
            if r and r[0] == i and (best is None or j < best[0]):
                best = (j, r[1])
            if best:
                break
        return best


def has_article(prefix: str) -> bool:
    return prefix.endswith("ال") or prefix.endswith("لل")


@dataclass(frozen=True)
class Person:
    stem: str  # folded singular
    dual: bool = False
    construct: bool = False  # a dual that lost its ن before the noun it is bound to (عنصري القاعدة)


@lru_cache(maxsize=1)
def _lex():
    entries = lexicons.load("numbers")
    by_role: dict[str, list[dict]] = {}
    for e in entries:
        by_role.setdefault(e.get("role", ""), []).append(e)
    L = {}
    numword = {}
    for e in by_role.get("num", []):
        for f in e["forms"]:
            numword[fold(f)] = (e["kind"], e["value"])
    for e in by_role.get("ordinal", []):
        for f in e["forms"]:
            numword[fold(f)] = ("ordinal", 0)
    L["num"] = numword
    # no ك before number words: كمية is not ك + مية (folded مئة)
    L["numphr"] = Phrases(((f, v) for f, v in numword.items()), tuple(p for p in PREFIXES if "ك" not in p))
    person: dict[str, Person] = {}
    for e in by_role.get("person", []):
        stem = fold(e["stem"])
        sound = bool(e.get("sound"))
        for f in e["forms"]:
            person.setdefault(fold(f), Person(stem))
        base = stem[:-1] + "ت" if stem.endswith("ه") else stem
        person[base + "ان"] = Person(stem, True)
        if sound:
            for suf in ("ين", "ون", "ي", "ا"):
                person.setdefault(stem + suf, Person(stem))
        else:
            person[base + "ين"] = Person(stem, True)
            person.setdefault(stem + "ا", Person(stem))
            person.setdefault(base + "ي", Person(stem, True, True))
    L["person"] = Phrases(person.items())
    L["vague"] = Phrases((f, (e["low"], e.get("high"))) for e in by_role.get("vague", []) for f in e["forms"])
    L["approx_before"] = Phrases((f, "approx") for e in by_role.get("approx", []) if e.get("position") == "before"
                                 for f in e["forms"])
    after = [(f, "approx") for e in by_role.get("approx", []) if e.get("position") == "after" for f in e["forms"]]
    after += [(f, "more" if e.get("more_than") else "least") for e in by_role.get("at_least", [])
              if e.get("position") == "after" for f in e["forms"]]
    L["after"] = Phrases(after)
    L["least_before"] = Phrases((f, "more" if e.get("more_than") else "least") for e in by_role.get("at_least", [])
                                if e.get("position") == "before" for f in e["forms"])
    L["range_open"] = Phrases((f, 1) for e in by_role.get("range_open", []) for f in e["forms"])
    L["range_join"] = lexicons.words("numbers", "range_join")
    L["blocker"] = Phrases((f, 1) for e in by_role.get("blocker", []) for f in e["forms"])
    L["blocker_after"] = Phrases((f, 1) for e in by_role.get("blocker_after", []) for f in e["forms"])
    # months (from the dates lexicon): a number beside a month name is a day or a year
    months = set()
    try:
        for e in lexicons.load("dates"):
            if e.get("role") in ("month", "hijri_month"):
                for f in e["forms"]:
                    w = words(f)
                    if w:
                        months.add(w[0])
    except FileNotFoundError:
        pass
    L["month"] = Phrases((m, 1) for m in months)
    L["era"] = lexicons.words("dates", "era")  # 2015م: a year, not a count
    L["of"], L["month_noun"] = lexicons.words("numbers", "of"), lexicons.words("numbers", "month_noun")
    L["of_person"] = L["of"] | lexicons.words("numbers", "of_them")
    units = []
    try:
        units = [(f, e.get("unit", "thing")) for e in lexicons.load("units") for f in e["forms"]]
    except FileNotFoundError:
        pass
    L["unit"] = Phrases(units)
    # explicit zero: NEG [FILL]{0,2} NOUN, or a whole phrase
    def alt(forms):
        fs = sorted({" ".join(words(f)) for f in forms}, key=len, reverse=True)
        return "|".join(regex.escape(f).replace("\\ ", " ").replace(" ", r"\s+") for f in fs)
    # "لم يسفر الانفجار عن": up to two words may stand between the verb and عن
    neg = alt(f for e in by_role.get("zero_neg", []) for f in e["forms"]).replace(
        r"\s+عن", r"(?:\s+[^\s,.;:]+){0,2}?\s+عن")
    fill = alt(f for e in by_role.get("zero_fill", []) for f in e["forms"])
    nouns = {}
    for e in by_role.get("zero_noun", []):
        for f in e["forms"]:
            nouns[" ".join(words(f))] = e["zero"]
    phrases = {}
    for e in by_role.get("zero_phrase", []):
        for f in e["forms"]:
            phrases[" ".join(words(f))] = e["zero"]
    L["zero_of"] = {**nouns, **phrases}
    L["starts"] = {}  # token -> may a count start at it (see _may_start)
    L["zero_re"] = regex.compile(
        rf"(?<![\w])(?:[وف])?(?:(?P<phrase>{alt(phrases)})|(?:{neg})\s+(?:(?:{fill})\s+){{0,2}}(?P<noun>{alt(nouns)}))(?![\w])")
    return L


def _is_digit(t: str) -> bool:
    """A whole number token; "²" is a digit to str.isdigit but no number to int()."""
    return t.isdecimal()


def _may_start(t: str, L) -> bool:
    """Can find_counts do anything at a token: a digit, a number word, a vague word or a person noun?"""
    starts = L["starts"]
    r = starts.get(t)
    if r is None:
        r = (t[0].isdecimal() or L["numphr"].split(t) is not None or L["vague"].split(t) is not None
             or L["person"].split(t) is not None)
        if len(starts) > 200_000:
            starts.clear()
        starts[t] = r
    return r


# --------------------------------------------------------------------------------------
# number parsing

def _parse_number(T: Tokens, i: int, L, first: bool = True):
    """A number starting at token i: (value, end index, info dict) or None.

    info: word (bool), article (bool), one (needs a noun), skip (an ordinal: not a count).
    """
    toks = T.toks
    t = toks[i]
    numword = L["num"]
    if _is_digit(t):
        val = int(t)
        j = i + 1
        # thousands separator: 1,200
        while j + 1 < T.n and toks[j] == "," and T.glued(j - 1) and T.glued(j) and _is_digit(toks[j + 1]) \
                and len(toks[j + 1]) == 3:
            val = val * 1000 + int(toks[j + 1])
            j += 2
        if j < T.n and toks[j] in numword and numword[toks[j]][0] in ("thousand", "thousands", "million", "millions"):
            k, v = numword[toks[j]]
            if v in (1000, 1000000):
                val *= v
                j += 1
        return val, j, {"word": False, "article": False}
    sp = L["numphr"].split(t)
    if sp is None:
        return None
    prefix, stem = sp
    kind, val = numword[stem]
    art = has_article(prefix)
    info = {"word": True, "article": art}
    j = i + 1
    if kind == "ordinal":
        # الحادي عشر، الخامس والعشرين: skip the whole ordinal
        if j < T.n and numword.get(toks[j], ("",))[0] == "ten":
            j += 1
        if j < T.n:
            sp2 = L["numphr"].split(toks[j])
            if sp2 and sp2[0] in ("و", "وال") and numword[sp2[1]][0] == "tens":
                j += 1
        return 0, j, {**info, "skip": True}
    if art and not (kind in ("unit", "ten") and 3 <= val <= 10):
        return 0, j, {**info, "skip": True}
    if kind in ("thousands", "millions"):
        return None  # alone: a vague word (آلاف)
    total = hund = small = 0
    if kind == "teen_head":
        if j < T.n and numword.get(toks[j], ("",))[0] == "ten":
            small, last, j = val + 10, "teen", j + 1
        elif val == 1:
            return 1, j, {**info, "one": True}
        else:
            return None
    elif kind == "one":
        return 1, j, {**info, "one": True}
    elif kind in ("unit", "ten"):
        small, last = val, "unit" if kind == "unit" else "ten"
        if kind == "unit" and j < T.n and numword.get(toks[j], ("",))[0] == "ten":
            small, last, j = val + 10, "teen", j + 1
    elif kind == "tens":
        small, last = val, "tens"
    elif kind == "hundred":
        hund, last = val, "hundred"
    else:  # thousand, million
        total, last = val, "thousand"
    while j < T.n:
        sp2 = L["numphr"].split(toks[j])
        if sp2 is None:
            break
        p2, s2 = sp2
        if art and p2 in ("ال", "وال"):  # الأربع والعشرين: the article repeats
            p2 = p2[:-2]
        if p2 not in ("", "و"):
            break
        k2, v2 = numword[s2]
        if p2 == "":
            if k2 == "ten" and last == "unit" and small < 10:
                small, last = small + 10, "teen"
            elif k2 == "hundred" and v2 == 100 and last == "unit" and hund == 0:
                hund, small, last = small * 100, 0, "hundred"
            elif k2 in ("thousand", "thousands") and v2 == 1000 and hund + small > 0 and total == 0:
                total, hund, small, last = (hund + small) * 1000, 0, 0, "thousand"
            elif k2 in ("million", "millions") and v2 == 1000000 and hund + small > 0 and total == 0:
                total, hund, small, last = (hund + small) * 1000000, 0, 0, "thousand"
            else:
                break
        else:  # و + number word
            if last == "unit" and k2 == "tens" and small < 10:
                small, last = small + v2, "tens"
            elif last == "hundred" and small == 0 and k2 in ("unit", "ten", "tens", "teen_head"):
                if k2 == "teen_head" and not (j + 1 < T.n and numword.get(toks[j + 1], ("",))[0] == "ten"):
                    break
                small, last = v2, "unit" if k2 == "unit" else k2
                if k2 == "teen_head":
                    small, last = v2 + 10, "teen"
                    j += 1
            elif last == "thousand" and hund == 0 and small == 0 and k2 in ("hundred", "unit", "ten", "tens"):
                if k2 == "hundred":
                    hund, last = v2, "hundred"
                else:
                    small, last = v2, "unit" if k2 == "unit" else k2
            else:
                break
        j += 1
    return total + hund + small, j, info


def _person_at(T: Tokens, j: int, L):
    """Person noun at token j, directly or after ')' or after من / منهم: (Person, end) or None."""
    toks = T.toks
    while j < T.n and toks[j] == ")":
        j += 1
    if j >= T.n:
        return None
    r = L["person"].match(T, j)
    if r:
        return r[1], r[0]
    if toks[j] in L["of_person"] and j + 1 < T.n:
        r = L["person"].match(T, j + 1)
        if r:
            return r[1], r[0]
    return None


def _blocked(T: Tokens, i: int, e: int, val: int, L, person) -> bool:
    toks = T.toks
    t = toks[i]
    if _is_digit(t):
        # dates, times, decimals: 2015/3/5, 04:20, 5.30, 5-3-2015 (a lone n-m is a range)
        ls = i >= 2 and toks[i - 1] in SEPS and T.glued(i - 2) and T.glued(i - 1) and _is_digit(toks[i - 2])
        rs = e + 1 < T.n and toks[e] in SEPS and T.glued(e - 1) and T.glued(e) and _is_digit(toks[e + 1])
        if (ls and toks[i - 1] != "-") or (rs and toks[e] != "-") or (ls and rs):
            return True
        if ls and i >= 3 and toks[i - 3] in SEPS and T.glued(i - 3):
            return True
        if rs and e + 2 < T.n and toks[e + 2] in SEPS and T.glued(e + 1):
            return True
        if len(t) == 4 and 1900 <= val <= 2100 and person is None:
            return True
        if e < T.n and T.glued(e - 1) and toks[e] in L["era"]:
            return True
    k = i - 1
    if k >= 0 and toks[k] == "(":
        k -= 1
    if k >= 0:
        if L["blocker"].match_before(T, k + 1):
            return True
        if L["month"].match(T, k):
            return True
    if L["blocker_after"].match(T, e, prefixes=False):
        return True
    nxt = e
    if nxt < T.n and toks[nxt] == ")":
        nxt += 1
    if nxt < T.n and (L["month"].match(T, nxt) or (toks[nxt] in L["of"] and L["month"].match(T, nxt + 1))):
        return True
    if nxt + 1 < T.n and toks[nxt] in L["of"] and toks[nxt + 1] in L["month_noun"]:
        return True
    return False


def _qualifiers_after(T: Tokens, e: int, L, attrs: dict) -> int:
    """على الأقل / تقريبا / أو أكثر within a few words after the count: new end."""
    toks = T.toks
    for j in range(e, min(T.n, e + 4)):
        if toks[j] in PUNCT and toks[j] != ")" or _is_digit(toks[j]):
            break
        r = L["after"].match(T, j)
        if r:
            kind = r[1]
            if kind == "approx":
                attrs["approx"] = True
            else:
                attrs["at_least"] = True
                attrs["more_than"] = attrs.get("more_than", False) or kind == "more"
            return r[0]
    return e


def _mention(norm: Normalised, s: int, e: int, low: int, high, vague: bool, attrs: dict) -> Mention:
    span = norm.span(s, e)
    base = {"noun": None, "approx": False, "at_least": False, "zero": None}
    base.update(attrs)
    return Mention("count", s, e, span, Count(low, high, span, vague), base)


def find_counts(norm: Normalised) -> list[Mention]:
    L = _lex()
    text = norm.text
    T = tokens_of(text)
    toks, starts, ends = T.toks, T.starts, T.ends
    out: list[Mention] = []

    zero_spans = []
    for m in L["zero_re"].finditer(text):
        key = " ".join((m.group("phrase") or m.group("noun")).split())
        zero_spans.append((m.start(), m.end()))
        out.append(_mention(norm, m.start(), m.end(), 0, 0, False, {"zero": L["zero_of"].get(key, "casualties")}))

    def in_zero(pos):
        return any(a <= pos < b for a, b in zero_spans)

    i = 0
    n = T.n
    may_start = L["starts"].get
    while i < n:
        t = toks[i]
        if may_start(t) is False or (may_start(t) is None and not _may_start(t, L)):
            i += 1  # nothing below applies to this token
            continue
        if zero_spans and in_zero(starts[i]):
            i += 1
            continue
        c0 = t[0]
        if not (c0.isdigit() or c0.isalpha()):
            i += 1
            continue
        parsed = _parse_number(T, i, L)
        if parsed is not None:
            val, e, info = parsed
            if info.get("skip"):
                i = e
                continue
            person = _person_at(T, e, L)
            if info.get("one") and person is None:
                pb = L["person"].match(T, i - 1) if i > 0 else None
                if not (pb and pb[0] == i and not pb[1].dual):
                    i = e
                    continue
            if _blocked(T, i, e, val, L, person):
                i = e
                continue
            attrs: dict = {"noun": person[0].stem if person else None}
            if info.get("article"):
                attrs["definite"] = True
            s = i
            low, high = val, val
            # ranges: [ما] بين n و m | [من] n إلى/-/أو m
            rng = None
            opened = L["range_open"].match_before(T, i)
            if opened and person is None:
                j = e
                if j < n and toks[j] == "و" and j + 1 < n and (T.glued(j) or _is_digit(toks[j + 1])):
                    j += 1
                    r2 = _parse_number(T, j, L)
                    if r2 and not r2[2].get("skip") and r2[0] > val:
                        rng = (opened[0], r2[0], r2[1])
                elif j < n:
                    sp = L["numphr"].split(toks[j])
                    if sp and sp[0] == "و":
                        # و glued to a number word: parse it as if the و were a space
                        r2 = _parse_word_after_wa(T, j, L)
                        if r2 and r2[0] > val:
                            rng = (opened[0], r2[0], r2[1])
            if rng is None and person is None and e + 1 < n and toks[e] in L["range_join"]:
                r2 = _parse_number(T, e + 1, L)
                if r2 and not r2[2].get("skip") and r2[0] > val and not _blocked(T, e + 1, r2[1], r2[0], L, None):
                    s0 = i - 1 if i > 0 and toks[i - 1] in L["of"] else i
                    rng = (s0, r2[0], r2[1])
            if rng:
                s, high, e = rng[0], rng[1], rng[2]
                attrs["range"] = True
                person = _person_at(T, e, L)
                attrs["noun"] = person[0].stem if person else None
            # left qualifiers (skip an opening parenthesis)
            k = s - 1 if s > 0 and toks[s - 1] == "(" else s
            q = L["approx_before"].match_before(T, k)
            if q:
                attrs["approx"] = True
                s = q[0]
            else:
                q = L["least_before"].match_before(T, k)
                if q:
                    attrs["at_least"] = True
                    attrs["more_than"] = q[1] == "more"
                    s = q[0]
            end = person[1] if person else e
            if person is None and info.get("word") is not None and i > 0:
                # a person noun just before a bare number: جندي واحد، الجنود الثلاثة
                pb = L["person"].match(T, i - 1)
                if pb and pb[0] == i and not pb[1].dual:
                    attrs["noun"] = pb[1].stem
            if person is None:
                u = L["unit"].match(T, e)
                if u:
                    attrs["unit"] = u[1]
                elif i > 0 and not attrs.get("noun"):
                    # a unit noun just before: الأيام الثلاثة، الساعات الـ24
                    k = i - 1 if toks[i - 1] != "ال" else i - 2
                    u = L["unit"].match(T, k) if k >= 0 else None
                    if u and u[0] in (i, i - 1):
                        attrs["unit"] = u[1]
            end = _qualifiers_after(T, end, L, attrs)
            if attrs.get("at_least"):
                high = None
            if s > 0 and toks[s - 1] == "(" and T.glued(s - 1):
                s -= 1
            out.append(_mention(norm, starts[s], ends[end - 1], low, high, False, attrs))
            i = max(end, e)
            continue
        # vague quantities
        r = L["vague"].match(T, i)
        if r:
            e, (low, high), prefix = r
            if e < n:
                sp = L["numphr"].split(toks[e])
                if sp and sp[0] in ("", "ال") and L["num"][sp[1]][0] in ("thousands", "thousand"):
                    low, high = low * 1000, (high * 1000 + 999) if high else None
                    e += 1
            person = _person_at(T, e, L)
            attrs = {"noun": person[0].stem if person else None}
            end = person[1] if person else e
            end = _qualifiers_after(T, end, L, attrs)
            out.append(_mention(norm, starts[i], ends[end - 1], low, high, True, attrs))
            i = end
            continue
        # duals: جنديان، قتيلين (optionally with اثنان after)
        r = L["person"].match(T, i)
        if r and r[1].construct and (has_article(r[2]) or r[0] >= n or not toks[r[0]].startswith("ال")):
            r = None  # "عنصري" is two members only bound to a definite noun (عنصري القاعدة), not "racist"
        if r and r[1].dual:
            e = r[0]
            attrs = {"noun": r[1].stem, "dual": True}
            if has_article(r[2]):
                attrs["definite"] = True
            if e < n and toks[e] in L["num"] and L["num"][toks[e]] == ("unit", 2):
                e += 1
            end = _qualifiers_after(T, e, L, attrs)
            out.append(_mention(norm, starts[i], ends[end - 1], 2, None if attrs.get("at_least") else 2,
                                False, attrs))
            i = end
            continue
        i += 1
    out.sort(key=lambda m: m.start)
    return out


def _parse_word_after_wa(T: Tokens, j: int, L):
    """Parse a number word glued to و (وخمسة) as the second end of a range."""
    sp = L["numphr"].split(T.toks[j])
    if sp is None:
        return None
    stem = sp[1]
    sub = Tokens(stem)
    r = _parse_number(sub, 0, L)
    if r is None or r[2].get("skip") or r[2].get("one"):
        return None
    # only single-token second ends are supported this way (وخمسة، وعشرين)
    return r[0], j + 1, r[2]
