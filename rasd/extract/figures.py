"""Counts -> figures: who was killed, wounded or detained, how many, and on which side.

A count belongs to the casualty word nearest it in its clause (قتل تسعة جنود، 20 قتيلا،
جنديان); its side is the noun it counts (جنود → the army) or the one a partitive names
(القتلى من الجنود); "بينهم" marks part of a figure already given, "من قبل" the attackers.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

from .. import lexicons
from ..model import Count, Mention
from ..text.normalise import fold
from .mentions import Doc

_WORD = regex.compile(r"\p{L}+")
WORD_GAP = 8  # how many words a count may stand from its casualty word
RISE_GAP = 20  # "ارتفاع عدد قتلى التفجير الذي استهدف مركزا للتجنيد في عدن إلى 50 شخصا"
ACTIVE_GAP = 12  # after an active verb the subject comes first: "قتلت طائرة أمريكية بدون طيار في غارة جوية عنصرين"


@dataclass
class Figure:
    role: str  # killed, injured, arrested, casualties
    count: Count | None
    side: str | None  # canonical actor name the victims belong to, or "attackers"
    cue: Mention
    count_mention: Mention | None = None
    group: str | None = None  # who is counted (جندي، ضابط): different groups of a side add up
    subset: bool = False  # "بينهم 4 أطفال": part of a figure already given
    clause: int = -1  # where the clause it was read in starts

    @property
    def definite(self) -> bool:
        """Counted with the article (الرجلين، الجنود الثلاثة): people the story has told of."""
        return self.count_mention is not None and bool(self.count_mention.attrs.get("definite"))

    @property
    def more(self) -> bool:
        """"وذبحوا أربعة آخرين": counted on top of the figure before it."""
        m = self.count_mention
        return m is not None and m.attrs.get("noun") in _more_nouns()

    @property
    def anyone(self) -> bool:
        """Counted by a noun that says no side (13 شخصا، 20 قتيلا): a toll of every side."""
        noun = self.count_mention.attrs.get("noun") if self.count_mention is not None else None
        return noun in _generic_nouns()


def words_between(text: str, a: int, b: int) -> int:
    if b <= a:
        return 0
    return len(text[a:b].split())


def _side(doc: Doc, count: Mention, limit: int) -> str | None:
    """Whose people a count is: the actor or member noun written right after it, or the
    one a partitive "من" put before it ("عدد القتلى من الجنود بلغ خمسة")."""
    text = doc.norm.text
    noun = count.attrs.get("noun")
    if any(m.value.get("side") == "both" and words_between(text, count.end, m.start) <= 1
           for m in doc.of("sides", count.end, min(limit, count.end + 30))):
        return None  # "13 شخصا من الطرفين": all sides together
    if noun in _member_sides():
        return _member_sides()[noun]  # المسلحين الأربعة: the counted noun names the side
    for a in reversed(doc.of("actors", max(0, count.start - 40), count.start)):
        if words_between(text, a.end, count.start) <= 1 and a.value.get("member") and a.value.get("name") \
                and text[max(0, a.start - 3):a.start].strip() in function_words("partitive"):
            return a.value["name"]
    near = min(limit, count.end + 45)
    found = [m for m in doc.of("sides", count.start, near) if m.value.get("side") == "attackers"]
    found += doc.of("actors", count.start, near)
    found.sort(key=lambda m: m.start)
    for a in found:
        between = text[count.end:a.start].split() if a.start > count.end else []
        if between and not (len(between) == 1 and between[0] in function_words("partitive")):
            break  # "45 قتيلا في هجوم نسب إلى بوكو حرام": a group after a preposition is no side
        name = a.value.get("side") or a.value.get("name")
        if name:
            return name
    return None


def figures_in(doc: Doc, s: int, e: int) -> list[Figure]:
    text = doc.norm.text
    cas = doc.of("casualties", s, e)
    counts = [c for c in doc.of("count", s, e) if not _is_unit(doc, c)]
    figs: list[Figure] = []
    used = set()
    prev: Figure | None = None
    for c in counts:
        if c.value.low >= 1000:
            continue  # "آلاف المتظاهرين", "عشرة آلاف قتيل في الحرب": a crowd or a war, not one event
        if _after(doc, c, "agent"):
            continue  # "من قبل عدد من المسلحين": the attackers, not the dead
        zero = c.attrs.get("zero")
        if zero:
            roles = ["killed", "injured"] if zero == "casualties" else [zero]
            for r in roles:
                figs.append(Figure(r, c.value, None, c, c))
            used.add(id(c))
            continue
        best, best_d = None, None
        for m in cas:
            if c.start <= m.start and m.end <= c.end:
                d, bias = -1, 0  # the count's own noun (ثلاثة عشر قتيلا، خمسين جريح)
            elif m.end <= c.start:
                d = words_between(text, m.end, c.start)
                bias = 0
            elif m.start >= c.end:
                if text[m.start - 1:m.start] == "و" or text[m.start:m.start + 1] == "و":
                    continue  # "قتل 7 جنود وأصيب 4 آخرون": a verb joined by و takes the count after it
                d = words_between(text, c.end, m.start)
                bias = 1
            else:
                d, bias = 0, 0  # a dual noun that is its own casualty word (قتيلان)
            if d > (ACTIVE_GAP if _object_of(m, c, text) else RISE_GAP if _risen_to(m, c, text) else WORD_GAP):
                continue
            if best_is_agent(m, c, d, bias):
                continue
            if best is None or (d + bias) < best_d:
                best, best_d = m, d + bias
        if best is not None and best.value.get("role") == "casualties" and best.start >= c.start:
            # "الضحيتين قتلا": victims counted by a noun of no role, then the verb says what befell them
            verb = next((m for m in cas if m.start >= c.end and m.value.get("role") in ("killed", "injured")
                         and words_between(text, c.end, m.start) <= 1), None)
            best = verb or best
        if best is not None and best.value.get("role") == "casualties" and best.value.get("pos") == "verb" \
                and (c.end <= best.start or _counts_around(best, counts, text)):
            # "20 شخصا قتل وأصيب 42 آخرون": the number before is the dead, the one after the
            # wounded; "متظاهر واحد قتل وأصيب آخرون": one dead
            role = "killed" if c.end <= best.start else "injured"
            best = Mention(best.kind, best.start, best.end, best.span, {**best.value, "role": role}, best.attrs)
        if best is not None:
            side = _side(doc, c, e)
            # "بينهم امرأتان وأربعة رجال": the whole list after "among them" is part
            listed = prev is not None and prev.subset and prev.count_mention is not None \
                and text[prev.count_mention.end:c.start].strip(" ,و") == ""
            prev = Figure(best.value.get("role", "killed"), c.value, side, best, c,
                          _group(doc, c, side), listed or _after(doc, c, "subset"))
            figs.append(prev)
            used.add(id(best))
    for m in cas:
        if not any(f.cue is m for f in figs):
            one = _singular_after(doc, m, e)
            n = _pronoun_number(text, m)
            if one is not None:
                figs.append(Figure(m.value.get("role", "killed"), Count(1, 1, one.span), _side(doc, one, e), m, one))
            elif n:
                figs.append(Figure(m.value.get("role", "killed"), Count(n, n, m.span), None, m))
            else:
                figs.append(Figure(m.value.get("role", "killed"), None, None, m))
    for f in figs:
        f.clause = s
    return figs


@lru_cache(maxsize=1)
def _singulars() -> frozenset[str]:
    """Singular person nouns (جندي، ضابطا، مواطن) from the counts lexicon: one victim."""
    out = set()
    for e in lexicons.load("numbers"):
        if e.get("role") == "person":
            sg = fold(e["forms"][0])
            out.update((sg, sg + "ا"))
    return frozenset(out)


def _singular_after(doc: Doc, cue: Mention, limit: int) -> Mention | None:
    """A lone person noun among the three words after a killing word: "اغتال مسلحون ضابطا"."""
    text = doc.norm.text
    reach = 6 if cue.value.get("pos") == "active" else 3  # اغتال مسلحان مجهولان اليوم السبت عقيدا
    for m in _WORD.finditer(text, cue.end, min(limit, cue.end + 60)):
        if words_between(text, cue.end, m.start()) > reach:
            break
        w = m.group()
        # the victim is the verb's subject or object: no article (اليمني is an adjective) and
        # no preposition (لمقاتل) before it, at most a conjunction
        for k in range(0, 2):
            if (k == 0 or w[0] in "وف") and w[k:] in _singulars():
                span = doc.norm.span(m.start(), m.end())
                return Mention("count", m.start(), m.end(), span, Count(1, 1, span))
    return None


@lru_cache(maxsize=1)
def _victim_pronouns() -> dict[str, int]:
    """Folded casualty nouns with a victim's pronoun (مصرعه، مقتلهما) to its number."""
    return {fold(f): e["n"] for e in lexicons.load("grammar") if e.get("role") == "victim_pronoun" for f in e["forms"]}


def _pronoun_number(text: str, cue: Mention) -> int | None:
    """How many victims the pronoun on a casualty noun stands for ("لقي مسلح مصرعه": one)."""
    end = cue.start
    while end < len(text) and text[end].isalpha():
        end += 1
    word = text[cue.start:end]
    for k in range(0, 3):  # after a conjunction or preposition (ومقتله، بمقتلهما)
        n = _victim_pronouns().get(word[k:])
        if n:
            return n
    return None


def _group(doc: Doc, c: Mention, side: str | None) -> str | None:
    """Who a count counts, when it says: its person noun for a known side (عشرة جنود → جندي),
    the named armed group, or an unnamed rank just before it (القتلى من الضباط بالعشرات →
    ضباط); a noun of no side (58 مقاتلا) is no group."""
    if side is not None and not side.startswith(("Military", "Police", "Civilians")):
        # two named groups that fought each other add up (11 حوثيا و3 من القبائل); the attackers
        # by another name (مسلحون، إرهابيون) are the whole of the armed side, not more dead
        return None if side in ("attackers", "Unidentified armed group") else side
    noun = c.attrs.get("noun")
    if noun in _whole_nouns():
        return None  # "8 فلسطينيين", "5 مدنيين": everyone on the side, whatever groups follow
    if noun and noun not in _generic_nouns():
        return noun if side is not None else "?" + noun
    before = [a for a in doc.of("actors", max(0, c.start - 30), c.start)
              if a.value.get("member") and not a.value.get("name")
              and words_between(doc.norm.text, a.end, c.start) <= 1]
    return fold(doc.norm.text[before[-1].start:before[-1].end]).removeprefix("ال") if before else None


def function_words(role: str) -> frozenset[str]:
    """Folded function words of one role in grammar.toml (partitive من, complementizer أن)."""
    return lexicons.words("grammar", role)


@lru_cache(maxsize=1)
def _member_sides() -> dict[str, str]:
    """Folded member nouns (جندي، مسلح، مدني) to the side they belong to, from the actors lexicon."""
    out = {}
    for e in lexicons.load("actors"):
        if e.get("member") and e.get("name"):
            for f in e["forms"]:
                out.setdefault(fold(f.rstrip("*")), e["name"])
    return out


@lru_cache(maxsize=1)
def _whole_nouns() -> frozenset[str]:
    """Person nouns that count everyone on a side (فلسطيني، مدني), from the counts lexicon."""
    return frozenset(fold(e["stem"]) for e in lexicons.load("numbers") if e.get("role") == "person" and e.get("whole"))


@lru_cache(maxsize=1)
def _generic_nouns() -> frozenset[str]:
    """Nouns that count people without saying who (آخرون، أشخاص، قتلى): no group of their own."""
    return lexicons.words("sides", "anyone", "side") | lexicons.words("sides", "more", "side")


def _more_nouns() -> frozenset[str]:
    """Nouns that count people on top of those just told (آخرين): they add to the toll."""
    return lexicons.words("sides", "more", "side")


def _after(doc: Doc, c: Mention, side: str) -> bool:
    """Does a word of this kind ("subset": بينهم, "agent": من قبل) stand right before the count?"""
    return any(m.value.get("side") == side and words_between(doc.norm.text, m.end, c.start) <= 1
               for m in doc.of("sides", max(0, c.start - 20), c.start))


def _counts_around(cue: Mention, counts: list[Mention], text: str) -> bool:
    """Does a pair word (قتل وأصيب) stand between two counts, each next to it?"""
    return any(c.end <= cue.start and words_between(text, c.end, cue.start) <= 1 for c in counts) and \
        any(c.start >= cue.end and words_between(text, cue.end, c.start) <= 1 for c in counts)


def _risen_to(cue: Mention, count: Mention, text: str) -> bool:
    """Is the count what a toll rose to: a rise word just before the casualty noun, إلى just
    before the count, in one sentence?"""
    if cue.end > count.start or "." in text[cue.end:count.start]:
        return False
    before = text[max(0, count.start - 6):count.start].split()
    head = text[max(0, cue.start - 20):cue.start].split()
    return bool(before) and before[-1] in function_words("to") and \
        any(w in function_words("rise") for w in head[-3:])


def _object_of(cue: Mention, count: Mention, text: str) -> bool:
    """Is the count the object of an active killing verb, its subject between them (VSO)?
    Only a counted person noun, in the same stretch of the clause (no comma between)."""
    return cue.value.get("pos") == "active" and cue.end <= count.start and bool(count.attrs.get("noun")) \
        and not any(ch in "،,.؛:" for ch in text[cue.end:count.start])


def best_is_agent(cue: Mention, count: Mention, d: int, bias: int) -> bool:
    """After an active killing verb (اغتال مسلحان) the first noun is the killer, not a victim."""
    return cue.value.get("pos") == "active" and cue.end <= count.start and d <= 1


def _is_unit(doc: Doc, c: Mention) -> bool:
    """A count of hours, shells or cities, not of people: its noun is a unit (3 قذائف، مدن عدة)."""
    if c.attrs.get("noun"):
        return False  # ثلاثة فلسطينيين counts people, whatever follows
    if c.attrs.get("unit"):
        return True  # the counts layer saw its unit: "الساعات الأربع والعشرين"، "الأيام الثلاثة"
    text = doc.norm.text
    for u in doc.of("units", c.start, c.end + 16):
        if words_between(text, c.end, u.start) == 0:
            return True
    if c.value.vague:
        for u in doc.of("units", max(0, c.start - 16), c.start):
            if words_between(text, u.end, c.start) == 0:
                return True
    return False
