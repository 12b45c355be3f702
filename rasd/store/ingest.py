"""Storing articles: each article in its own transaction, so a killed process loses at most the
article it was on and a restart simply goes on (already stored articles are recognised)."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import urlsplit

from sqlalchemy import Engine, select

from ..fuse import family_of, normalise, signature, similarity, text_hash
from ..fuse.minhash import THRESHOLD, Signature
from ..model import Article
from . import schema as s
from .events import claim_values, place_report, refresh_event, report_values


@dataclass
class Outcome:
    status: str  # new | known | new source | near copy
    events_new: int = 0
    events_merged: int = 0
    document_id: int | None = None


@dataclass
class Summary:
    new: int = 0
    known: int = 0
    new_sources: int = 0
    near_copies: int = 0
    skipped: Counter = field(default_factory=Counter)
    events_new: int = 0
    events_merged: int = 0

    def add(self, o: Outcome) -> None:
        if o.status == "new":
            self.new += 1
        elif o.status == "near copy":
            self.near_copies += 1
        elif o.status == "new source":
            self.new_sources += 1
        else:
            self.known += 1
        self.events_new += o.events_new
        self.events_merged += o.events_merged

    def line(self) -> str:
        skipped = sum(self.skipped.values())
        why = "; ".join(f"{n} {r}" for r, n in self.skipped.most_common(5))
        return (f"articles: {self.new} new, {self.known + self.new_sources + self.near_copies} already stored "
                f"({self.new_sources} as a new source of the same text, {self.near_copies} near copies), "
                f"{skipped} skipped{' (' + why + ')' if why else ''}; "
                f"events: {self.events_new} new, {self.events_merged} merged into stored events")


def outlet_of(article: Article) -> str | None:
    if article.source:
        return article.source
    if article.url:
        host = urlsplit(article.url).hostname or ""
        return host[4:] if host.startswith("www.") else host or None
    return None


def _add_source(conn, doc_id: int, article: Article, how: str) -> None:
    conn.execute(s.sources.insert().values(document_id=doc_id, article_id=article.id, url=article.url,
                                           outlet=outlet_of(article), published=article.published, how=how))
    for (eid,) in conn.execute(select(s.reports.c.event_id).where(s.reports.c.document_id == doc_id).distinct()):
        refresh_event(conn, eid)


def _near_copy(conn, sig: Signature) -> tuple[int, float] | None:
    keys = set(sig.bands())
    b = s.doc_bands.c
    rows = conn.execute(select(b.document_id, b.band, b.hash).where(b.hash.in_([h for _, h in keys])))
    found = {d for d, band, h in rows if (band, h) in keys}
    best = None
    for doc_id in sorted(found):
        raw = conn.execute(select(s.documents.c.signature).where(s.documents.c.id == doc_id)).scalar_one()
        sim = similarity(sig, Signature.from_bytes(raw))
        if sim >= THRESHOLD and (best is None or sim > best[1]):
            best = (doc_id, sim)
    return best


def ingest_article(conn, article: Article, extract: Callable[[Article], list[dict]]) -> Outcome:
    """Store one article inside the caller's transaction."""
    if article.url and conn.execute(select(s.sources.c.id).where(s.sources.c.url == article.url)).first():
        return Outcome("known")
    norm = normalise(article.text)
    h = text_hash(article.text)
    doc = conn.execute(select(s.documents.c.id).where(s.documents.c.text_hash == h)).scalar()
    if doc is not None:
        if not article.url:
            return Outcome("known", document_id=doc)
        _add_source(conn, doc, article, "same text")
        return Outcome("new source", document_id=doc)
    sig = signature(norm)
    near = _near_copy(conn, sig)
    if near is not None:
        _add_source(conn, near[0], article, f"near copy {near[1]:.2f}")
        return Outcome("near copy", document_id=near[0])
    events = extract(article)
    doc = conn.execute(s.documents.insert().values(text_hash=h, text=article.text, published=article.published,
                                                   signature=sig.to_bytes())).inserted_primary_key[0]
    conn.execute(s.doc_bands.insert(), [{"document_id": doc, "band": b, "hash": k} for b, k in sig.bands()])
    conn.execute(s.sources.insert().values(document_id=doc, article_id=article.id, url=article.url,
                                           outlet=outlet_of(article), published=article.published, how="original"))
    out = Outcome("new", document_id=doc)
    for idx, ev in enumerate(events):
        if ev.get("background"):
            continue  # context only: the article does not report it as news
        rid = conn.execute(s.reports.insert().values(**report_values(doc, idx, ev, family_of(ev.get("sub_event_type")))))\
            .inserted_primary_key[0]
        claims = [claim_values(rid, c) for c in ev.get("claims") or []]
        if claims:
            conn.execute(s.claims.insert(), claims)
        _, merged = place_report(conn, rid)
        out.events_merged += merged
        out.events_new += not merged
    return out


def ingest(engine: Engine, items: Iterable, extract: Callable[[Article], list[dict]] | None = None,
           on_item: Callable[[Summary], None] | None = None,
           on_skip: Callable[[str, str], None] | None = None) -> Summary:
    """Store a stream of Articles (and Skips from rasd.ingest.read), one transaction per article."""
    from ..ingest.read import Skip

    if extract is None:
        from ..extract import extract_article as extract
    summary = Summary()
    for item in items:
        if isinstance(item, Skip):
            summary.skipped[item.reason.split(":")[0]] += 1
            if on_skip:
                on_skip(item.where, item.reason)
        else:
            try:
                with engine.begin() as conn:
                    summary.add(ingest_article(conn, item, extract))
            except Exception as exc:  # one bad article must not end the batch; nothing of it is kept
                reason = f"failed: {type(exc).__name__}"
                summary.skipped[reason] += 1
                if on_skip:
                    on_skip(item.id, f"{reason}: {exc}")
        if on_item:
            on_item(summary)
    return summary
