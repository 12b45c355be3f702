"""Storing articles, a small batch per transaction: a killed process loses at most the batch it
was on, and a restart simply goes on (already stored articles are recognised).

A batch is decided in memory, article after article in input order, exactly as if each article
had been stored on its own (the same duplicates, near copies and merges), then written with a
few bulk statements: one query for the batch's known URLs, texts and LSH bands, one for the
events its reports could join, executemany inserts, one recount and update of touched events."""
from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Callable, Iterable
from urllib.parse import urlsplit

from sqlalchemy import Engine, bindparam, select

from ..fuse import family_of, normalise, signature, similarity
from ..fuse.text import hash_normalised
from ..fuse.minhash import THRESHOLD, Signature
from ..model import Article
from . import schema as s
from .events import (best_match, candidate_events, chunks, claim_values, compatible, event_values,
                     outlet_counts, report_values)

BATCH = 25  # articles per transaction


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


class _Batch:
    """One transaction's articles. References to rows are (0, id) for stored rows and (1, n) for
    rows of this batch, so that they sort like the ids they will get."""

    def __init__(self, conn, extract: Callable[[Article], list[dict]], cache: dict):
        self.conn, self.extract, self.cache = conn, extract, cache  # cache: id(article) -> events | exception
        self.outcomes: list[Outcome | None] = []
        self.failed: list[tuple[str, str, str]] = []  # (article id, reason, message)
        self.urls: set[str] = set()
        self.hashes: dict[str, tuple] = {}
        self.bands: dict[tuple[int, int], list[tuple]] = defaultdict(list)
        self.sigs: dict[tuple, Signature] = {}
        self.docs: list[dict] = []  # new documents, with their article's events
        self.sources: list[dict] = []
        self.old_docs: set[int] = set()  # stored documents that got a new source
        self.events: dict[tuple, dict] = {}  # event ref -> {"match": row, "rows", "datas", "docs"}

    # -- deciding, in memory -------------------------------------------------------------------
    def run(self, articles: list[Article]) -> None:
        conn = self.conn
        norms = [normalise(a.text) for a in articles]
        hashes = [hash_normalised(n) for n in norms]
        urls = sorted({a.url for a in articles if a.url})
        for part in chunks(urls):
            self.urls.update(u for (u,) in conn.execute(select(s.sources.c.url).where(s.sources.c.url.in_(part))))
        for part in chunks(sorted(set(hashes))):
            for d, h in conn.execute(select(s.documents.c.id, s.documents.c.text_hash).where(s.documents.c.text_hash.in_(part))):
                self.hashes[h] = (0, d)
        sigs: list[Signature | None] = [None] * len(articles)
        keys: set[tuple[int, int]] = set()
        for i, a in enumerate(articles):
            if not (a.url and a.url in self.urls) and hashes[i] not in self.hashes:
                sigs[i] = signature(norms[i])
                keys.update(sigs[i].bands())
        found: set[int] = set()
        b = s.doc_bands.c
        for part in chunks(sorted({h for _, h in keys})):
            for d, band, h in conn.execute(select(b.document_id, b.band, b.hash).where(b.hash.in_(part))):
                if (band, h) in keys:
                    self.bands[(band, h)].append((0, d))
                    found.add(d)
        for part in chunks(sorted(found)):
            for d, raw in conn.execute(select(s.documents.c.id, s.documents.c.signature).where(s.documents.c.id.in_(part))):
                self.sigs[(0, d)] = Signature.from_bytes(raw)
        for i, a in enumerate(articles):
            self.outcomes.append(self._decide(a, hashes[i], sigs[i] or signature(norms[i])))
        self._write()

    def _decide(self, article: Article, h: str, sig: Signature) -> Outcome | None:
        if article.url and article.url in self.urls:
            return Outcome("known")
        doc = self.hashes.get(h)
        if doc is not None:
            if not article.url:
                return Outcome("known", document_id=doc)
            self._source(doc, article, "same text")
            return Outcome("new source", document_id=doc)
        near = self._near_copy(sig)
        if near is not None:
            self._source(near[0], article, f"near copy {near[1]:.2f}")
            return Outcome("near copy", document_id=near[0])
        events = self.cache.get(id(article))
        if events is None:
            try:
                events = self.extract(article)
            except Exception as exc:  # one bad article must not end the batch; nothing of it is kept
                events = exc
            self.cache[id(article)] = events
        if isinstance(events, Exception):
            self.failed.append((article.id, f"failed: {type(events).__name__}", str(events)))
            return None
        ref = (1, len(self.docs))
        out = Outcome("new", document_id=ref)
        self.docs.append({"ref": ref, "article": article, "hash": h, "sig": sig, "events": events, "outcome": out})
        self.hashes[h] = ref
        self.sigs[ref] = sig
        for key in sig.bands():
            self.bands[key].append(ref)
        self._source(ref, article, "original")
        return out

    def _source(self, doc: tuple, article: Article, how: str) -> None:
        self.sources.append(dict(doc=doc, article_id=article.id, url=article.url, outlet=outlet_of(article),
                                 published=article.published, how=how))
        if article.url:
            self.urls.add(article.url)
        if doc[0] == 0:
            self.old_docs.add(doc[1])

    def _near_copy(self, sig: Signature) -> tuple[tuple, float] | None:
        found = {d for key in sig.bands() for d in self.bands.get(key, ())}
        best = None
        for doc in sorted(found):
            sim = similarity(sig, self.sigs[doc])
            if sim >= THRESHOLD and (best is None or sim > best[1]):
                best = (doc, sim)
        return best

    # -- events, in memory -----------------------------------------------------------------------
    def _place_reports(self) -> list[dict]:
        """Every new report placed in an event, in order, as `place_report` would one at a time."""
        reports = []
        for doc in self.docs:
            out = doc["outcome"]
            for idx, ev in enumerate(doc["events"]):
                if ev.get("background"):
                    continue  # context only: the article does not report it as news
                r = report_values(doc["ref"], idx, ev, family_of(ev.get("sub_event_type")))
                r["_data"], r["_outcome"] = ev, out
                reports.append(r)
        if not reports:
            return reports
        by_group: dict[tuple, list[tuple]] = defaultdict(list)
        for row in candidate_events(self.conn, reports):
            ref = (0, row["id"])
            self.events[ref] = {"match": {**row, "id": ref}, "rows": None, "datas": None, "docs": set()}
            by_group[(row["family"], row["country"])].append(ref)
        new = 0
        for r in reports:
            group = by_group[(r["family"], r["country"])]
            cands = (self.events[e]["match"] for e in group
                     if r["document_id"] not in self.events[e]["docs"] and compatible(r, self.events[e]["match"]))
            best = best_match(r, cands)
            if best is None:
                ref = (1, new)
                new += 1
                self.events[ref] = {"match": None, "rows": [], "datas": [], "docs": set()}
                group.append(ref)
                r["_event"], r["_why"] = ref, None
            else:
                ref = best[2]
                r["_event"], r["_why"] = ref, best[1]
                self._load(ref)
            e = self.events[ref]
            e["rows"].append(r)
            e["datas"].append(r["_data"])
            e["docs"].add(r["document_id"])
            e["match"] = {**event_values(e["rows"], e["datas"]), "id": ref}
            r["_outcome"].events_merged += best is not None
            r["_outcome"].events_new += best is None
        return reports

    def _load(self, ref: tuple) -> None:
        e = self.events[ref]
        if e["rows"] is None:
            rows = [dict(m) for m in self.conn.execute(select(s.reports).where(s.reports.c.event_id == ref[1])
                                                        .order_by(s.reports.c.id)).mappings()]
            e["rows"], e["datas"] = rows, [json.loads(r["data"]) for r in rows]

    # -- writing, in bulk --------------------------------------------------------------------------
    def _insert(self, table, rows: list[dict]) -> list[int]:
        """Insert `rows` and return their ids in order (one statement where the driver allows)."""
        if not rows:
            return []
        if self.conn.dialect.insert_executemany_returning_sort_by_parameter_order:
            res = self.conn.execute(table.insert().returning(table.c.id, sort_by_parameter_order=True), rows)
            return [i for (i,) in res]
        return [self.conn.execute(table.insert(), row).inserted_primary_key[0] for row in rows]

    def _write(self) -> None:
        conn = self.conn
        ids = self._insert(s.documents, [dict(text_hash=d["hash"], text=d["article"].text, published=d["article"].published,
                                              signature=d["sig"].to_bytes()) for d in self.docs])
        doc_id = {d["ref"]: i for d, i in zip(self.docs, ids)}
        real = lambda ref: doc_id[ref] if ref[0] == 1 else ref[1]  # noqa: E731
        for o in self.outcomes:
            if o is not None and isinstance(o.document_id, tuple):
                o.document_id = real(o.document_id)
        bands = [{"document_id": doc_id[d["ref"]], "band": b, "hash": k} for d in self.docs for b, k in d["sig"].bands()]
        if bands:
            conn.execute(s.doc_bands.insert(), bands)
        if self.sources:
            conn.execute(s.sources.insert(), [{**{k: v for k, v in x.items() if k != "doc"}, "document_id": real(x["doc"])}
                                              for x in self.sources])
        reports = self._place_reports()
        events = self.events
        ev_id = {}
        if reports:
            family = {}
            for r in reports:
                family.setdefault(r["_event"], r["family"])
            fresh = [ref for ref in sorted(events) if ref[0] == 1]
            ev_id = dict(zip(fresh, self._insert(s.events, [dict(family=family[ref], event_type="", sub_event_type="")
                                                              for ref in fresh])))
            ev_real = lambda ref: ev_id[ref] if ref[0] == 1 else ref[1]  # noqa: E731
            rows = []
            for r in reports:
                row = {k: v for k, v in r.items() if not k.startswith("_")}
                row["document_id"] = real(r["document_id"])
                row["event_id"] = ev_real(r["_event"])
                row["reason"] = None if r["_why"] is None else f"{r['_why']}; joined event {row['event_id']}"
                rows.append(row)
            rids = self._insert(s.reports, rows)
            claims = [claim_values(rid, c) for r, rid in zip(reports, rids) for c in r["_data"].get("claims") or []]
            if claims:
                conn.execute(s.claims.insert(), claims)
        else:
            ev_real = lambda ref: ref[1]  # noqa: E731
        # every event whose reports or sources changed is recomputed once, from all it now holds
        touched = {ref for ref, e in events.items() if e["rows"] is not None}
        rep = s.reports.c
        for part in chunks(sorted(self.old_docs)):
            for (eid,) in conn.execute(select(rep.event_id).where(rep.document_id.in_(part)).distinct()):
                if eid is not None and (0, eid) not in touched:
                    touched.add((0, eid))
        missing = sorted(ref[1] for ref in touched if ref not in events or events[ref]["rows"] is None)
        loaded: dict[int, list[dict]] = defaultdict(list)
        for part in chunks(missing):
            for m in conn.execute(select(s.reports).where(rep.event_id.in_(part)).order_by(rep.event_id, rep.id)).mappings():
                loaded[m["event_id"]].append(dict(m))
        if not touched:
            return
        outlets = outlet_counts(conn, [ev_real(ref) for ref in touched])
        updates = []
        for ref in sorted(touched):
            e = events.get(ref)
            if e is not None and e["rows"] is not None:
                rows, datas = e["rows"], e["datas"]
            else:
                rows = loaded[ref[1]]
                datas = [json.loads(r["data"]) for r in rows]
            eid = ev_real(ref)
            values = event_values(rows, datas)
            values["number_of_sources"] = outlets.get(eid, 0)
            values["b_id"] = eid
            updates.append(values)
        conn.execute(s.events.update().where(s.events.c.id == bindparam("b_id")), updates)


def ingest_article(conn, article: Article, extract: Callable[[Article], list[dict]]) -> Outcome:
    """Store one article inside the caller's transaction."""
    batch = _store(conn, [article], extract, {})
    if batch.outcomes[0] is None:
        raise batch.cache[id(article)]
    return batch.outcomes[0]


def _store(conn, articles: list[Article], extract, cache: dict) -> _Batch:
    batch = _Batch(conn, extract, cache)
    batch.run(articles)
    return batch


def ingest(engine: Engine, items: Iterable, extract: Callable[[Article], list[dict]] | None = None,
           on_item: Callable[[Summary], None] | None = None,
           on_skip: Callable[[str, str], None] | None = None, batch: int = BATCH) -> Summary:
    """Store a stream of Articles (and Skips from rasd.ingest.read), `batch` articles per transaction.

    A batch that fails as a whole (a database error) is rolled back and stored again one article
    per transaction, so that only the article at fault is skipped, as if it had never been read."""
    from ..ingest.read import Skip

    if extract is None:
        from ..extract import extract_article as extract
    summary = Summary()
    pending: list[Article] = []

    def flush() -> None:
        cache: dict = {}  # extraction results, kept for a retry one article at a time
        try:
            with engine.begin() as conn:
                done = [_store(conn, pending, extract, cache)]
        except Exception as exc:
            done = []
            if len(pending) == 1:
                _skip_failed(pending[0], exc)
            else:
                for a in pending:
                    try:
                        with engine.begin() as conn:
                            done.append(_store(conn, [a], extract, cache))
                    except Exception as exc:
                        _skip_failed(a, exc)
        for b in done:
            for o in b.outcomes:
                if o is not None:
                    summary.add(o)
            for where, reason, message in b.failed:
                summary.skipped[reason] += 1
                if on_skip:
                    on_skip(where, f"{reason}: {message}")
        pending.clear()
        if on_item:
            on_item(summary)

    def _skip_failed(a: Article, exc: BaseException) -> None:
        reason = f"failed: {type(exc).__name__}"
        summary.skipped[reason] += 1
        if on_skip:
            on_skip(a.id, f"{reason}: {exc}")

    for item in items:
        if isinstance(item, Skip):
            summary.skipped[item.reason.split(":")[0]] += 1
            if on_skip:
                on_skip(item.where, item.reason)
            if on_item:
                on_item(summary)
            continue
        pending.append(item)
        if len(pending) >= batch:
            flush()
    if pending:
        flush()
    return summary
