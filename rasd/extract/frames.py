"""Mentions -> Frames: what one clause says happened, and who says it.

A frame is one clause's facts: its triggers, casualty figures (with the side they fall
on), actors, places, date, cues and the source it is attributed to. A clause is a
sentence, or the part of one after a clause word (في وقت، بينما، على صعيد آخر).
Attribution runs by sentence: an explicit source in the sentence, else the source of the
previous sentence when this one goes on with a reporting verb (وأضاف، وأوضح), else the
outlet itself.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Mention, Span
from .figures import Figure, figures_in, function_words, words_between
from .mentions import Doc
from ..text.normalise import fold


@dataclass
class Source:
    kind: str  # official, perpetrator, local, media
    name: str
    text: str  # as written
    span: Span | None


@dataclass
class Frame:
    index: int
    sentence: int
    start: int
    end: int
    topic_break: bool
    triggers: list[Mention] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    actors: list[Mention] = field(default_factory=list)
    places: list[Mention] = field(default_factory=list)
    dates: list[Mention] = field(default_factory=list)
    cues: list[Mention] = field(default_factory=list)
    facilities: list[Mention] = field(default_factory=list)
    source: Source | None = None
    responsibility: bool = False
    negated: list[tuple[int, int]] = field(default_factory=list)  # what each negation governs
    landmarks: list[Mention] = field(default_factory=list)  # "عصر غرب صنعاء": صنعاء locates عصر
    containers: list[Mention] = field(default_factory=list)  # "علاف في مديرية سحار": سحار holds علاف
    anaphoric: bool = False  # "وأسفر الهجوم عن": a definite attack word tells more of the last one
    series: bool = False  # "وأسفرت الغارات عن": a definite plural goes on with a series just told

    def cue_kinds(self) -> set[str]:
        return {c.value.get("cue") for c in self.cues}


def _opens(text: str, s: int, start: int) -> bool:
    """Does a change-of-subject word stand where a clause can open: after punctuation or with
    its own و (ومن جهة أخرى، وبالتزامن)? "بين القبائل من جهة والحوثيين من جهة أخرى" is no break."""
    before = text[s:start].rstrip()
    return not before or before[-1] in ".،,:;؛-\n" or (start > 0 and text[start - 1] == "و") \
        or before.endswith(" و")


def _clauses(doc: Doc) -> list[tuple[int, int, int, bool]]:
    breaks = doc.mentions.get("clauses", [])
    out = []
    for si, (s, e) in enumerate(doc.sentences):
        cuts = [(m.start, m.value.get("cue") == "topic") for m in breaks if s < m.start < e
                and m.value.get("cue") != "none"
                and (m.value.get("cue") != "topic" or _opens(doc.norm.text, s, m.start))]
        starts = [(s, False)] + cuts
        for i, (cs, topic) in enumerate(starts):
            ce = starts[i + 1][0] if i + 1 < len(starts) else e
            if doc.norm.text[cs:ce].strip():
                out.append((cs, ce, si, topic))
    return out


def _source_in(doc: Doc, s: int, e: int, prev: Source | None) -> tuple[Source | None, bool]:
    """The source that a reporting word in text[s:e] introduces, and whether one stands there.

    The source is the reporting verb's subject: right after it (قال مصدر عسكري، بحسب شهود),
    or right before it (المصادر أكدت). A definite back-reference (المصدر، البيان) is the
    source named last; an armed group after its verb (أعلن تنظيم القاعدة) speaks for itself.
    """
    text = doc.norm.text
    srcs = doc.of("sources", s, e)
    attrib = doc.of("attribution", s, e)
    for a in attrib:
        # the subject comes before the reported content, which opens with أن / إن
        after = [m for m in srcs if m.start >= a.end and words_between(text, a.end, m.start) <= 4
                 and not function_words("complementizer") & set(text[a.end:m.start].split())]
        before = [m for m in srcs if m.end <= a.start and words_between(text, m.end, a.start) <= 2]
        for m in after[:1] + before[-1:]:
            kind = m.value.get("kind", "media")
            if kind == "anaphor":
                if prev is not None:
                    return prev, True
                continue
            return Source(kind, m.value.get("name", ""), doc.norm.original_text(m.start, m.end), m.span), True
        groups = [x for x in doc.of("actors", a.end, min(e, a.end + 40))
                  if x.value.get("kind") in ("armed_group", "militia") and not x.value.get("member")
                  and words_between(text, a.end, x.start) <= 3]
        if groups:
            g = groups[0]
            return Source("perpetrator", g.value.get("name", ""), doc.norm.original_text(g.start, g.end), g.span), True
    return None, bool(attrib)


def _sources(doc: Doc, clauses: list[tuple[int, int, int, bool]]) -> list[Source | None]:
    """The source of each clause (None: the outlet's own voice).

    A clause names its source, or goes on in the voice of the clause before it in the same
    sentence, or, opening with a bare reporting verb (وأضاف، وأوضح), of the sentence before.
    """
    out: list[Source | None] = []
    prev: Source | None = None
    named: Source | None = None  # the source named last, for المصدر / البيان
    prev_sentence = -1
    for s, e, si, _ in clauses:
        src, reported = _source_in(doc, s, e, named)
        named = src or named
        if src is None:
            if si == prev_sentence:
                src = prev
            elif reported and prev is not None:
                first = doc.of("attribution", s, e)[0]
                if words_between(doc.norm.text, s, first.start) <= 1:
                    src = prev
        out.append(src)
        prev, prev_sentence = src, si
    return out


def reference_spans(doc: Doc) -> list[tuple[int, int]]:
    """Places that are not where anything happened: the story's dateline ("عدن: ...",
    "القاهرة، مصر (CNN)--") and points that a distance is measured from ("70 كلم غرب
    العاصمة الجزائر"), with the actor and source names that contain place words."""
    text = doc.norm.text
    out = [(m.start, m.end) for k in ("actors", "sources") for m in doc.mentions.get(k, ())]
    measures = [u for u in doc.mentions.get("units", ()) if u.value.get("unit") == "measure"]
    for p in doc.mentions.get("place", ()):
        line_start = text.rfind("\n", 0, p.start) + 1
        head = text[line_start:p.start].strip()
        tail = text[p.end:p.end + 3].lstrip(" ")
        if not head and tail[:1] in (",", ":", "-", "(", "/"):
            out.append((p.start, p.end))
        elif any(0 <= p.start - u.end and words_between(text, u.end, p.start) <= 5 for u in measures):
            out.append((p.start, p.end))
    places = doc.mentions.get("place", ())
    out += [(p.start, p.end) for p in places if _destination(text, p) or _off(text, p)]
    out += since_spans(doc, 0, len(text))
    for a, b in zip(places, places[1:]):
        # "بمحافظة تيزي وزو شرق العاصمة الجزائر": the capital is a landmark; but a quarter
        # or village east of a town ("حي الزيتون جنوب شرق مدينة غزة") is placed by that town
        if a.value.level in ("governorate", "district", "town") and getattr(a.value, "source", "") != "text" \
                and b.value.level != "country" and _direction_between(text[a.end:b.start], b.attrs.get("cue")):
            out.append((b.start, b.end))
    return out


MOVEMENT_REACH = 5  # words between a verb of going and the إلى before its destination


def _destination(text: str, p: Mention) -> bool:
    """Is the place where people went ("لجأ اثر الهجوم الى مايدوغوري"): after إلى, itself after
    a verb of going a few words back in the clause?"""
    before = _drop_cue(text[max(0, p.start - 80):p.start].split(), p.attrs.get("cue"), "بلو")
    if not before or before[-1] not in function_words("to"):
        return False
    window = before[-1 - MOVEMENT_REACH:-1]
    if any(ch in " ".join(window) for ch in ".،,:;؛"):
        window = " ".join(window).replace("،", ",").split(",")[-1].split()
    return any(w in function_words("movement") or w[1:] in function_words("movement") for w in window)


def _off(text: str, p: Mention) -> bool:
    """Is the place a landmark the event lies off ("إلى الشرق من الجزائر العاصمة")?"""
    before = _drop_cue(fold(text[max(0, p.start - 40):p.start]).split(), p.attrs.get("cue"), "بل")
    return any(" ".join(before[-k:]) in function_words("off") for k in (2, 3, 4) if len(before) >= k)


def _drop_cue(words: list[str], cue: str | None, clitics: str) -> list[str]:
    """The words before a place less its cue word, written with any of `clitics` (بمديرية)."""
    if words and cue and words[-1].lstrip(clitics) == fold(cue):
        return words[:-1]
    return words


def _locative_between(gap: str, cue: str | None) -> bool:
    """Does the gap between two place names put the first inside the second: nothing, a comma,
    في or التابعة, the second's cue with its preposition ("علاف في مديرية سحار"، "المكلا بحضرموت")?"""
    words = [w for w in gap.replace("،", " ").replace(",", " ").split() if w not in ("ب", "ل")]
    if any(ch in gap for ch in ".:;؛\n()"):
        return False
    words = _drop_cue(words, cue, "بل")
    if len(words) > 2:
        return False
    return not words or " ".join(w.lstrip("ل") if w.startswith("لل") else w for w in words) \
        in function_words("locative") or all(w in function_words("locative") for w in words)


def _direction_between(gap: str, cue: str | None) -> bool:
    """Is the gap between two place names a direction word and at most the second's cue word?"""
    words = gap.split()
    if not words or len(words) > 4 or any(ch in gap for ch in ".،,:;؛\n"):
        return False
    return " ".join(_drop_cue(words, cue, "")) in function_words("direction")


SINCE_REACH = 60  # characters after "منذ" that the act dating a period may take


def since_spans(doc: Doc, s: int, e: int) -> list[tuple[int, int]]:
    """What "منذ" governs, up to the next punctuation: an act that only dates a period."""
    text = doc.norm.text
    out = []
    for c in doc.of("cues", s, e):
        if c.value.get("cue") == "since":
            stop = _scope(text, c.end, e, SINCE_REACH)[1]
            # an act named right after it ("منذ إطلاق صاروخ"), not a time ("منذ قليل"، "منذ الصباح")
            if any(words_between(text, c.end, t.start) <= 1 for t in doc.of("triggers", c.end, stop)):
                out.append((c.end, stop))
    return out


NEGATION_REACH = 12  # characters after لم، نفى، عدم that a negation governs
_PUNCT = ":«»\"“”،,.؛;()"


def _scope(text: str, start: int, limit: int, reach: int = NEGATION_REACH) -> tuple[int, int]:
    """What a negation (or "منذ") governs: the words right after it, never past punctuation:
    in "فضل عدم كشف اسمه: «اغتال مسلحون" the killing is reported, not denied."""
    end = min(limit, start + reach)
    for i in range(start, end):
        if text[i] in _PUNCT:
            return start, i
    return start, end


def frames(doc: Doc) -> list[Frame]:
    clauses = _clauses(doc)
    srcs = _sources(doc, clauses)
    links = _link_lines(doc)
    out = []
    for i, (s, e, si, topic) in enumerate(clauses):
        if any(a <= s < b for a, b in links):
            continue  # another story's headline under "طالع المزيد"
        f = Frame(i, si, s, e, topic)
        f.triggers = doc.of("triggers", s, e)
        f.figures = [x for x in figures_in(doc, s, e) if not _motive(doc, x.cue)]
        f.actors = doc.of("actors", s, e)
        f.places = doc.of("place", s, e)
        f.landmarks = [b for a, b in zip(f.places, f.places[1:])
                       if _direction_between(doc.norm.text[a.end:b.start], b.attrs.get("cue"))]
        f.containers = [b for a, b in zip(f.places, f.places[1:])
                        if _locative_between(doc.norm.text[a.end:b.start], b.attrs.get("cue"))]
        f.dates = doc.of("date", s, e)
        f.cues = [c for c in doc.of("cues", s, e) if c.value.get("cue") != "facility"]
        f.facilities = [c for c in doc.of("cues", s, e) if c.value.get("cue") == "facility"]
        f.source = srcs[i]
        f.responsibility = any(a.value.get("claim_of_responsibility") for a in doc.of("attribution", s, e))
        f.negated = [_scope(doc.norm.text, c.end, e) for c in f.cues if c.value.get("cue") == "negation"]
        f.negated += since_spans(doc, s, e)
        # the clause's first act word, definite, and no day of its own: it goes on with the last event
        first = f.triggers[0] if f.triggers and not f.dates else None
        if first is not None and _definite(doc.norm.text, first.start):
            f.anaphoric = bool(first.value.get("generic"))
            f.series = _plural(doc.norm.text, first.end)
        out.append(f)
    return _without_totals(out)


MOTIVE_REACH = 25  # characters after "احتجاجا على", "بعد" that the killing it names stands in


def _motive(doc: Doc, cue: Mention) -> bool:
    """Is this casualty word the reason for a protest or the event before this one ("احتجاجا على
    مقتل متظاهر"، "بعد مقتل قائد")? Its toll is not this event's."""
    return any(0 <= cue.start - m.end <= MOTIVE_REACH and m.value.get("cue") == "motive"
               for m in doc.of("cues", max(0, cue.start - MOTIVE_REACH - 20), cue.start))


LINK_LINES = 3  # lines after "اقرأ أيضا" that are other stories' headlines


def _link_lines(doc: Doc) -> list[tuple[int, int]]:
    """The lines a "read more" block lists: other stories' headlines, up to a few lines."""
    text = doc.norm.text
    out = []
    for c in doc.mentions.get("cues", ()):
        if c.value.get("cue") != "related":
            continue
        end, lines = c.end, 0
        while lines < LINK_LINES:
            nxt = text.find("\n", end + 1)
            if nxt < 0:
                end = len(text)
                break
            if text[end:nxt].strip(" -:\n"):
                lines += 1
            end = nxt
        out.append((c.start, end))
    return out


def _without_totals(frames: list[Frame]) -> list[Frame]:
    """A running total or a toll over several places is no event's figure, nor is the same
    number told elsewhere (the headline's "استشهاد 28 فلسطينيا" beside "28 ... في مناطق عدة")."""
    totals = set()
    for f in frames:
        if f.cue_kinds() & {"cumulative", "aggregate"}:
            totals.update((x.role, x.count.low, x.count.high) for x in f.figures if x.count is not None)
            f.figures = []
    if totals:
        for f in frames:
            f.figures = [x for x in f.figures if x.count is None or x.count.low < RESTATED_MIN
                         or (x.role, x.count.low, x.count.high) not in totals]
    return frames


RESTATED_MIN = 3  # one or two dead are told in many events; a larger number told twice is one toll


def _definite(text: str, start: int) -> bool:
    """Does the word at `start` carry the article among its proclitics (الهجوم، وللهجوم)?"""
    ws = start
    while ws > 0 and text[ws - 1].isalpha():
        ws -= 1
    w = text[ws:start + 2]
    w = w[1:] if w[:1] in "وف" else w
    return w.startswith(("ال", "بال", "لل", "كال"))


def _plural(text: str, end: int) -> bool:
    """Does the word ending at or after `end` have the plural ending ات (الغارات، الهجمات)?"""
    while end < len(text) and text[end].isalpha():
        end += 1
    return text[end - 2:end] == "ات"
