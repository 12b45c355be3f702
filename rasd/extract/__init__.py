"""Article -> events: mentions, then frames (claims by clause), then events, then output dicts."""
from __future__ import annotations

import sys
import types
from datetime import date

from ..model import Article
from .events import group
from .frames import frames, reference_spans
from .mentions import find_mentions
from .places import main_place_of
from .render import article_country, render


def extract_article(article: Article) -> list[dict]:
    doc = find_mentions(article)
    blocked = reference_spans(doc)
    fr = frames(doc)
    events = group(fr, article.published, blocked)
    places = doc.mentions.get("place", ())
    country = article_country(list(places))
    default = main_place_of(places, blocked, country)
    out = []
    for ev in events:
        if ev.place is None and default is not None:
            ev.place, ev.place_mention = default.value, default
        d = render(ev, article.text, article.published, country, article.source or article.url)
        if d is not None and d["location"]["country"]:
            out.append(d)
    return out


def extract(text: str, published: date | None = None) -> list[dict]:
    """Events of one Arabic article, in the shape of CODEBOOK.md section 4 (plus claims, evidence)."""
    return extract_article(Article("text", text, published))


class _CallableModule(types.ModuleType):
    """`rasd.extract(text, published=None)` as the issue's Python API, while rasd.extract
    stays the package of the extraction stages."""

    def __call__(self, text: str, published: date | None = None) -> list[dict]:
        return extract(text, published)


sys.modules[__name__].__class__ = _CallableModule
