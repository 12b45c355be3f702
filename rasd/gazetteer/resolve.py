"""Find place names in normalised text and choose among places that share a name.

A name is a weak clue when it is also an ordinary word (cues.toml, role "common"), or a
short one-word name, or a village/uzla (yemen-regions lists ~44,000 of them, many named
like common words): a weak name counts only after a place cue (منطقة، قرية، مديرية ...) or
right next to a governorate/district that contains it. Ambiguous names are resolved by
context: the governorate or district right after the name, then any governorate or
country named in the text, then the cue's level, then level and population.
"""
from __future__ import annotations

import math
from collections import Counter
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from ..model import Span
import regex

from ..text.matcher import Hit, longest_each
from ..text.normalise import Normalised, fold
from .build import SHORT_CUES, Data, Place

HERE = Path(__file__).parent
NEAR = 16  # characters between a name and the governorate that follows it (" بمحافظة ")
LEVEL_PRIOR = {"country": 12, "town": 6, "governorate": 5, "district": 4, "village": 0}
_BREAKS = frozenset(".,;:\n")  # no neighbour across these
CITY = 100_000  # a city this large is named without its country; a short or bare name still is not
PRECISION = {"town": 1, "village": 1, "district": 2, "governorate": 3, "country": 3}


@dataclass
class PlaceMention:
    start: int  # normalised offsets of the name (without its cue and clitics)
    end: int
    span: Span  # original offsets
    text: str  # original surface text
    place: Place
    candidates: list[Place] = field(default_factory=list)  # the others, best first
    cue: str | None = None  # e.g. "مدينة" when the name follows it
    glued: bool = False  # written without a space on one side (المكلابحضرموت)
    precision: int = 3  # ACLED geo precision hint: 1 town, 2 district, 3 governorate

    def as_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "span": self.span.as_list(), "text": self.text,
                "place": self.place.as_dict(), "candidates": [c.id for c in self.candidates],
                "cue": self.cue, "glued": self.glued, "precision": self.precision}


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Ordinary words: the common-word list, and every form the language lexicons know
    (a word that is a trigger, an actor, a weekday or a number is no bare place name)."""
    from .. import lexicons

    with (HERE / "cues.toml").open("rb") as fh:
        entries = tomllib.load(fh).get("entry", [])
    words = {fold(f) for e in entries if e.get("role") == "common" for f in e["forms"]}
    for name in lexicons.names():
        for e in lexicons.load(name):
            words.update(fold(f.rstrip("*")) for f in e["forms"] if " " not in f.strip())
    return frozenset(words)


_fold_name = lru_cache(maxsize=None)(fold)  # place names, folded once


def is_weak(p: Place, form: str) -> bool:
    """Would this name, alone, more likely be an ordinary word than this place?"""
    if p.level == "country":
        return False
    bare = form[2:] if form.startswith("ال") else form
    full = fold(p.name_ar)
    if full.startswith("ال") and len(full) > 3 and not form.startswith("ال") and " " not in form \
            and form != (full[2:] if full[2] == "ل" else full[1:]):  # للمكلا keeps its article
        return True  # الطويلة written طويلة is the adjective "long", not the district
    if form in common_words() or bare in common_words() or "ال" + form in common_words() \
            or (form.startswith("ل") and "ا" + form in common_words()):  # للبلاد
        return True
    if p.level == "village":
        return True
    return p.level != "governorate" and " " not in form and len(bare) <= 3


def _contains(outer: Place, inner: Place) -> bool:
    if outer.country != inner.country or outer is inner:
        return False
    if outer.level == "country":
        return True
    if outer.level == "governorate":
        return inner.admin1_ar == outer.name_ar and inner.level != "governorate"
    if outer.level == "district":
        return inner.admin2_ar == outer.name_ar and inner.level in ("town", "village")
    return False


def _cue_before(text: str, h: Hit, cues: dict[int, Hit]) -> Hit | None:
    """A cue ending right before the name (one space, or the name's own clitics)."""
    i = h.start - len(h.prefix)
    for j in (i - 1, i):
        c = cues.get(j)
        if c is not None and (j == i or text[j].isspace()):
            return c
    return None


_weak: dict[tuple[int, str], bool] = {}  # (place, form) -> is_weak, memoised across texts
# (form, the places of its hit) -> (strong ids, weak ids), each once; shared, never changed
_split: dict[tuple[str, tuple[int, ...]], tuple[list[int], list[int]]] = {}
_PAYLOAD = attrgetter("payload")
_facts: dict[tuple[int, ...], tuple] = {}  # candidate ids -> _facts_of them
_memo_of: list = [None]  # the places the memos above were made for (a rebuild clears them)


def find(norm: Normalised, data: Data) -> list[PlaceMention]:
    text = norm.text
    if _memo_of[0] is not data.places:
        _split.clear()
        _facts.clear()
        _memo_of[0] = data.places
    hits = data.matcher.find(norm)
    best = longest_each(hits, ("cue", "not_place", "place", "demonym"))
    # a cue is a bare noun in construct (محافظة حضرموت); with the article it is a
    # back-reference followed by an adjective (المحافظة الجبلية)
    cues = {h.end: h for h in best["cue"] if not h.prefix.endswith(("ال", "لل"))}
    cue_hits = dict(cues)
    places = data.places
    raw = []  # (hit, cue, strong candidate ids, weak candidate ids)
    not_place = [(h.start, h.end) for h in best["not_place"]]
    for h in best["place"]:
        if not_place and any(s <= h.start and h.end <= e for s, e in not_place):
            continue  # "قبل المغرب": the sunset prayer, not Morocco
        inside = [c for c in cues.values() if c.start >= h.start and c.end <= h.end] if cues else ()
        for c in inside:
            cues.pop(c.end, None)
        cue = _cue_before(text, h, cues) if cues else None
        if inside and (lead := h.entries[0].form.split(" ", 1)[0]) in SHORT_CUES \
                and any(c.start == h.start and c.end == h.start + len(lead) for c in inside):
            # a short village name stored with its cue ("منطقة خلف"): the name is after the cue
            cue = next(c for c in inside if c.start == h.start)
            h = Hit(h.start + len(lead) + 1, h.end, h.entries, "", h.glued)
        form = text[h.start:h.end]
        ids = tuple(map(_PAYLOAD, h.entries))
        split = _split.get((form, ids))
        if split is None:
            strong, weak = [], []
            for i in ids:
                w = _weak.get((i, form))
                if w is None:
                    w = _weak[(i, form)] = is_weak(places[i], form)
                (weak if w else strong).append(i)
            split = _split[(form, ids)] = (list(dict.fromkeys(strong)), list(dict.fromkeys(weak)))
        raw.append((h, cue, *split))
    # a weak-only name needs a cue, or a containing governorate/district right next to it
    kept = []
    for k, (h, cue, strong, weak) in enumerate(raw):
        if strong or cue is not None:
            kept.append((h, cue, strong + weak, k))
            continue
        nxt = raw[k + 1] if k + 1 < len(raw) else None
        if nxt and nxt[0].start - h.end <= NEAR and _BREAKS.isdisjoint(text[h.end:nxt[0].start]):
            outers = [places[i] for i in nxt[2] + nxt[3] if places[i].level in ("governorate", "district")]
            ok = [i for i in weak if any(_contains(o, places[i]) for o in outers)] if outers else None
            if ok:
                kept.append((h, cue, ok, k))
    demonym_hits = [h.entries[0].payload for h in best["demonym"]]
    demonyms = set(demonym_hits)
    found = _rehome(norm, _resolve(norm, data, kept, demonyms))
    found += unnamed_after_cues(norm, data, list(cue_hits.values()), found, demonym_hits)
    found.sort(key=lambda m: m.start)
    return found


def _rehome(norm: Normalised, found: list[PlaceMention]) -> list[PlaceMention]:
    """A village or district whose every namesake lies outside the one governorate its sentence
    names is a place the gazetteer lacks in that governorate ("منطقة الخبت قرب ... في محافظة الجوف"): the name is kept, the governorate's
    coordinates given."""
    text = norm.text
    out = []
    for m in found:
        p = m.place
        if p.level in ("village", "district") and p.source != "text":
            a = max(text.rfind(ch, 0, m.start) for ch in ".\n") + 1
            b = min([i for i in (text.find(ch, m.end) for ch in ".\n") if i >= 0] or [len(text)])
            govs = {q.place.name_ar: q.place for q in found
                    if a <= q.start < b and q.place.level == "governorate" and q.place.country == p.country}
            mine = {p.admin1_ar} | {c.admin1_ar for c in m.candidates}
            if len(govs) == 1 and not mine & set(govs):
                g = next(iter(govs.values()))
                home = Place(f"text:{fold(m.text)}", m.text, [m.text], "", p.country, p.country_code, "village",
                             g.name_ar, g.name_en, None, None, lat=g.lat, lon=g.lon, source="text")
                m = PlaceMention(m.start, m.end, m.span, m.text, home, [], m.cue, m.glued, 3)
        out.append(m)
    return out


@lru_cache(maxsize=None)
def role_words(role: str) -> frozenset[str]:
    """The folded forms of one role of cues.toml (stop: words that end a name; city_back: "the
    city", a back-reference to the town named last)."""
    with (HERE / "cues.toml").open("rb") as fh:
        entries = tomllib.load(fh).get("entry", [])
    return frozenset(fold(f) for e in entries if e.get("role") == role for f in e["forms"])


def stop_words() -> frozenset[str]:
    return role_words("stop")


_NAME_WORD = regex.compile(r"\p{L}+")


def unnamed_after_cues(norm: Normalised, data: Data, cues: list[Hit], found: list[PlaceMention],
                       demonyms: list[str] = ()) -> list[PlaceMention]:
    """Villages and quarters the gazetteer lacks, read from the text after a cue
    ("قرية كوفا"، "حي الزيتون"): a name with the country the story is anchored in, and the
    coordinates of the governorate named after it in the same sentence, if any."""
    text = norm.text
    # the story's country: its governorates (twice: a country is often named as an actor, as in
    # "التحالف بقيادة السعودية"), countries named, and nisba adjectives (الجيش الجزائري)
    tally = Counter()
    for m in found:
        if m.place.level in ("country", "governorate"):
            tally[m.place.country] += 2 if m.place.level == "governorate" else 1
    for d in demonyms:  # half: the attacker's army is often named by its nisba (الجيش الإسرائيلي)
        tally[d] += 0.5
    ranked = tally.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return []  # the story's country is not clear
    country = ranked[0][0]
    taken = {(m.start, m.end) for m in found}
    cue_starts = {c.start - len(c.prefix) for c in cues} | {c.start for c in cues}
    out = []
    for c in cues:
        if c.glued:
            continue  # "غزةالمدينة قامت": a cue read inside a run of glued words names nothing
        level = data.matcher._forms[c.entries[0].form][0].payload
        if level not in ("town", "village", "district", "") or c.entries[0].form.startswith("ال"):
            continue  # "العاصمة المؤقتة": after a definite cue comes an adjective, not a name
        level = level or "village"  # منطقة: an area, the size of a village
        if any(0 <= s - c.end <= 3 for s, _ in taken):
            continue
        words = []
        for m in _NAME_WORD.finditer(text, c.end, min(len(text), c.end + 40)):
            gap = text[(words[-1].end() if words else c.end):m.start()]
            w = m.group()
            if gap.strip() or w in stop_words() or w in common_words() or len(words) == 2 or m.start() in cue_starts \
                    or (words and (w[0] in "وبلف" or w.endswith(("يه", "يين", "يون")))):
                break
            words.append(m)
        if words and words[0].group().startswith(("لل", "بال", "وال", "فال", "كال")):
            continue  # "مخيم للنازحين": a preposition and article, no name in construct
        if not words or not all(3 <= len(w.group()) <= 12 for w in words):
            continue  # a longer "word" is several glued together (عدنجنوبياليمن)
        names = [(words[0].start(), words[-1].end())]
        second = _second_of_dual(text, c, words[-1].end())
        if second is not None and not any(a <= second[0] < b for a, b in taken):
            names.append(second)
        for s, e in names:
            out.append(_unread_place(norm, found, country, c, level, s, e))
    return out


def _second_of_dual(text: str, cue: Hit, end: int) -> tuple[int, int] | None:
    """After a dual cue (قريتي دوروا ومافورو) the second name, written after و."""
    if not fold(text[cue.start:cue.end]).endswith("تي"):
        return None
    m = _NAME_WORD.match(text, end + 1) if text[end:end + 1] == " " else None
    if m is None or not m.group().startswith("و") or len(m.group()) < 4:
        return None
    w = m.group()[1:]
    if w in stop_words() or w in common_words() or w.startswith("ال"):
        return None
    return m.start() + 1, m.end()


def _unread_place(norm: Normalised, found: list[PlaceMention], country: str, c: Hit, level: str,
                  s: int, e: int) -> PlaceMention:
    """A place the gazetteer lacks, named in the text at s:e after cue c, with the coordinates
    of the district, town or governorate named next in its sentence ("منطقة علاف في مديرية
    سحار"), else of the governorate or district the story named last before it."""
    text = norm.text
    sentence_end = min([i for i in (text.find(ch, e) for ch in ".\n") if i >= 0] or [len(text)])
    near = next((m.place for m in found if e <= m.start < sentence_end and m.place.country == country
                 and m.place.level in ("district", "town", "governorate") and m.place.source != "text"), None)
    if near is None and any(w in text[e:sentence_end] for w in role_words("city_back")):
        # "منطقة عسقولة جنوب شرق المدينة": the city is the one named last
        near = next((m.place for m in reversed(found) if m.end <= s and m.place.country == country
                     and m.place.level == "town" and m.place.source != "text"), None)
    if near is None:
        near = next((m.place for m in reversed(found) if m.end <= s and m.place.country == country
                     and m.place.level in ("district", "governorate") and m.place.source != "text"), None)
    gov_ar = gov_en = admin2_ar = admin2_en = None
    if near is not None:
        top = near.level == "governorate"
        gov_ar = near.name_ar if top else near.admin1_ar
        gov_en = near.name_en if top else near.admin1_en
        if near.level == "district":
            admin2_ar, admin2_en = near.name_ar, near.name_en
        elif near.admin2_ar or near.level != "town":
            admin2_ar, admin2_en = near.admin2_ar, near.admin2_en
        else:  # a quarter of a town with no district known: the town's own area ("حي التفاح بمدينة غزة")
            admin2_ar, admin2_en = near.name_ar, near.name_en
    name = norm.original_text(s, e)
    p = Place(f"text:{fold(name)}", name, [name], "", country, "", level, gov_ar, gov_en, admin2_ar, admin2_en,
              lat=near.lat if near else None, lon=near.lon if near else None, source="text")
    return PlaceMention(s, e, norm.span(s, e), name, p, [], norm.original_text(c.start, c.end), False, 2)


def _facts_of(ids: tuple[int, ...], places: list[Place]) -> tuple:
    """What _resolve reads off a name's candidates, whatever the text: the (country, admin1) of
    each governorate or country among them, their one (country, admin1) if they share it, the
    countries among them, their one country if they share it, and whether that country is
    anchored by them (a country or a one-word governorate)."""
    ps = [places[i] for i in ids]
    named = tuple(dict.fromkeys((p.country, p.admin1_ar) for p in ps if p.level in ("governorate", "country")))
    homes = {(p.country, p.admin1_ar) for p in ps}
    single = next(iter(homes)) if len(homes) == 1 else None
    country_level = frozenset(p.country for p in ps if p.level == "country")
    sole = ps[0].country if len({p.country for p in ps}) == 1 else None
    anchoring = any(p.level == "country" or (p.level == "governorate" and " " not in p.name_ar) for p in ps)
    return named, single, country_level, sole, anchoring


def _resolve(norm: Normalised, data: Data, kept: list, demonyms: set[str] = frozenset()) -> list[PlaceMention]:
    text, places = norm.text, data.places
    # context: governorates and countries named anywhere (or implied by an unambiguous name)
    # (a name's own governorate candidate must not vote for it: الجزائر the city is not
    # "in a named governorate" because الجزائر is also a province)
    admin1s: dict[tuple, set[int]] = {}
    countries = set()
    # a small town abroad named like a common word (بيان، عسكري) needs its country in the text:
    # a country named, or a one-word governorate (a two-word one can be a phrase: المنطقة
    # الشرقية "the eastern region"); failing those, a name after a place cue
    # (only names that belong to one country anchor it)
    anchors = set()
    one_country = []  # (cue, the one country of a name's candidates)
    for n, (h, cue, ids, _) in enumerate(kept):
        t = tuple(ids)
        facts = _facts.get(t)
        if facts is None:
            facts = _facts[t] = _facts_of(t, places)
        named, single, country_level, sole, anchoring = facts
        for k in named:
            admin1s.setdefault(k, set()).add(n)
            countries.add(k[0])
        if single is not None:
            admin1s.setdefault(single, set()).add(n)
            countries.add(single[0])
        if not h.glued:
            anchors |= country_level
            if sole is not None:
                one_country.append((cue, sole))
                if anchoring:
                    anchors.add(sole)
    anchors |= demonyms  # "وزارة الدفاع اليمنية" places the story in Yemen as "اليمن" would
    countries |= demonyms
    strong_anchors = bool(anchors)
    # the story's main country: the one most names can only belong to ("محافظة الجوف" beside
    # حضرموت، رداع and البيضاء is Yemen's, though السعودية is named too)
    votes = Counter(c for _, c in one_country).most_common(2)
    main = votes[0][0] if votes and (len(votes) == 1 or votes[0][1] > votes[1][1]) else None
    if not anchors:
        anchors = {c for cue, c in one_country if cue is not None}
    out = []
    for n, (h, cue, ids, _) in enumerate(kept):
        neighbours = []
        for m in (n - 1, n + 1):
            if 0 <= m < len(kept):
                o = kept[m][0]
                a, b = (o.end, h.start) if m < n else (h.end, o.start)
                if b - a <= NEAR and _BREAKS.isdisjoint(text[a:b]):
                    neighbours += [places[i] for i in kept[m][2]]
        cue_level = data.matcher._forms[cue.entries[0].form][0].payload if cue else None
        form = text[h.start:h.end]

        def score(i: int) -> float:
            p = places[i]
            s = LEVEL_PRIOR[p.level] + 0.5 * math.log10((p.population or 0) + 1)
            if neighbours and any(_contains(o, p) for o in neighbours):
                s += 100
            if p.level not in ("governorate", "country") and (g := admin1s.get((p.country, p.admin1_ar))) \
                    and (len(g) > 1 or n not in g):  # another name than this one
                s += 20
            if p.country in countries:
                s += 10
            if p.country == main and cue is not None:
                s += 5  # a name after a cue shared by two countries: the story's country's
            if cue_level and p.level == cue_level:
                s += 40
            if p.level == "country" and not cue_level:
                s += 30  # اليمن is the country, not a village of that name
            if p.name_ar == form or _fold_name(p.name_ar) == form:  # the name as spelled, not a variant
                s += 2
            if _weak.get((i, form)):
                s -= 5
            if p.lat is None:
                s -= 3
            return s

        ranked = sorted(ids, key=lambda i: -score(i)) if len(ids) > 1 else ids
        best = places[ranked[0]]
        if neighbours and any(_contains(o, best) for o in neighbours):
            pass  # "الشعف بمحافظة الجوف": the governorate beside it is context enough
        elif (cue is not None or h.glued) and strong_anchors and best.country not in anchors:
            continue  # حي الزيتون in a Gaza story is no town in Turkey
        elif cue is None and best.country not in anchors and best.level != "country" \
                and not (not strong_anchors and best.level == "governorate" and " " not in best.name_ar) \
                and not (not strong_anchors and (best.population or 0) >= CITY
                         and (form.startswith(("ال", "ل")) or len(form) >= 5)):
            continue
        precision = PRECISION[cue_level] if cue_level in PRECISION else PRECISION[best.level]
        span = norm.span(h.start, h.end)
        out.append(PlaceMention(h.start, h.end, span, norm.original[span.start:span.end],
                                best, [places[i] for i in ranked[1:]], cue and norm.original_text(cue.start, cue.end),
                                h.glued, precision))
    return out


def lookup(name: str, data: Data, admin1: str | None = None, fuzzy: bool = True) -> list[Place]:
    """Places named `name`: exact folded name, then with/without ال and spacing, then fuzzy."""
    from .build import key

    f = " ".join(fold(name).split())
    keep = (lambda p: True) if admin1 is None else (lambda p: key(p.admin1_ar or "") == key(admin1))
    alt = f[2:] if f.startswith("ال") else "ال" + f
    found: dict[int, int] = {}  # place -> stage (exact name, ال or not, spacing/spelling key)
    for stage, ids in enumerate((data.index.get(f, []), data.index.get(alt, []), data.keys.get(key(name), []))):
        for i in ids:
            if keep(data.places[i]):
                found.setdefault(i, stage)
    if found:
        rank = lambda i: (found[i], fold(data.places[i].name_ar) != f, -LEVEL_PRIOR[data.places[i].level],  # noqa: E731
                          -(data.places[i].population or 0))
        return [data.places[i] for i in sorted(found, key=rank)]
    if not fuzzy:
        return []
    from rapidfuzz import fuzz, process

    best = process.extract(f, list(data.index), scorer=fuzz.ratio, score_cutoff=85, limit=5)
    return [data.places[i] for k, _, _ in best for i in data.index[k] if keep(data.places[i])]
