"""Doc -> Mentions: every trigger, casualty word, actor, source, cue, count, date and place.

One Aho-Corasick pass over the normalised text finds all lexicon phrases; counts and
dates come from their own grammars, places from the gazetteer. Nothing here decides
what an event is: this stage only says what is written where.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from .. import lexicons
from ..model import Article, Mention
from ..text.matcher import Matcher, longest
from ..text.normalise import Normalised, normalise
from ..text.sentences import sentences

LEXICONS = ("triggers", "casualties", "actors", "sources", "attribution", "cues", "clauses", "units", "sides")


@lru_cache(maxsize=1)
def matcher() -> Matcher:
    m = Matcher()
    for name in LEXICONS:
        for entry in lexicons.load(name):
            p = lexicons.payload(entry)
            for form in entry["forms"]:
                m.add(form, p, name)
    return m


@dataclass
class Doc:
    article: Article
    norm: Normalised
    sentences: list[tuple[int, int]]
    mentions: dict[str, list[Mention]] = field(default_factory=dict)

    def of(self, kind: str, start: int = 0, end: int | None = None) -> list[Mention]:
        end = len(self.norm.text) if end is None else end
        return [m for m in self.mentions.get(kind, ()) if m.start >= start and m.end <= end]


def _lexicon_mentions(norm: Normalised) -> dict[str, list[Mention]]:
    hits = matcher().find(norm)
    out: dict[str, list[Mention]] = {}
    for kind in LEXICONS:
        for h in longest(hits, kind):
            e = h.entries[0]
            out.setdefault(kind, []).append(Mention(kind, h.start, h.end, norm.span(h.start, h.end),
                                                    dict(e.payload), {"form": e.form, "glued": h.glued}))
    return out


def _places(norm: Normalised) -> list[Mention]:
    from .. import gazetteer

    out = []
    for pm in gazetteer.find(norm):
        out.append(Mention("place", pm.start, pm.end, pm.span, pm.place,
                           {"cue": getattr(pm, "cue", None), "candidates": getattr(pm, "candidates", [])}))
    return out


def find_mentions(article: Article) -> Doc:
    from ..text.dates import find_dates
    from ..text.numbers import find_counts

    norm = normalise(article.text)
    doc = Doc(article, norm, sentences(norm))
    doc.mentions = _lexicon_mentions(norm)
    doc.mentions["count"] = find_counts(norm)
    doc.mentions["date"] = find_dates(norm, article.published)
    doc.mentions["place"] = _places(norm)
    for v in doc.mentions.values():
        v.sort(key=lambda m: m.start)
    return doc


def doc_for(text: str, published: date | None = None, id_: str = "text") -> Doc:
    return find_mentions(Article(id_, text, published))
