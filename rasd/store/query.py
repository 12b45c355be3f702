"""Reading the store: filtered event lists, one event in full, batches of full records for
export, and a canonical dump (no surrogate ids) for comparing two databases."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator

from sqlalchemy import func, or_, select

from . import schema as s

EVENT_FIELDS = [c.name for c in s.events.columns if c.name not in ("updated",)]


@dataclass
class EventFilter:
    country: str | None = None
    admin1: str | None = None
    type: str | None = None
    actor: str | None = None
    since: date | None = None
    until: date | None = None
    limit: int | None = None

    def apply(self, q):
        ev = s.events.c
        if self.country:
            q = q.where(func.lower(ev.country) == self.country.lower())
        if self.admin1:
            q = q.where(or_(func.lower(ev.admin1) == self.admin1.lower(), ev.admin1_ar == self.admin1))
        if self.type:
            t = self.type.lower()
            q = q.where(or_(func.lower(ev.event_type) == t, func.lower(ev.sub_event_type) == t))
        if self.actor:
            a = f"%{self.actor.lower()}%"
            q = q.where(or_(func.lower(ev.actor1).like(a), func.lower(ev.actor2).like(a)))
        if self.since:
            q = q.where(ev.date >= self.since)
        if self.until:
            q = q.where(ev.date <= self.until)
        q = q.order_by(ev.id)
        return q.limit(self.limit) if self.limit else q


def list_events(conn, flt: EventFilter | None = None) -> Iterator[dict]:
    q = (flt or EventFilter()).apply(select(s.events))
    for row in conn.execution_options(yield_per=500).execute(q).mappings():
        yield dict(row)


def _claims_by_event(conn, ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {i: [] for i in ids}
    q = (select(s.reports.c.event_id, s.claims).join(s.reports, s.reports.c.id == s.claims.c.report_id)
         .where(s.reports.c.event_id.in_(ids)).order_by(s.claims.c.id))
    for row in conn.execute(q).mappings():
        c = {k: row[k] for k in ("source", "source_ar", "kind")}
        for f in ("killed", "injured", "arrested"):
            c[f] = None if row[f"{f}_low"] is None else {k: row[f"{f}_{k}"] for k in ("low", "best", "high")}
        out[row["event_id"]].append(c)
    return out


def _sources_by_event(conn, ids: list[int]) -> dict[int, list[dict]]:
    out: dict[int, list[dict]] = {i: [] for i in ids}
    q = (select(s.reports.c.event_id, s.sources).join(s.reports, s.reports.c.document_id == s.sources.c.document_id)
         .where(s.reports.c.event_id.in_(ids)).distinct().order_by(s.reports.c.event_id, s.sources.c.id))
    for row in conn.execute(q).mappings():
        out[row["event_id"]].append({k: row[k] for k in ("article_id", "url", "outlet", "how")})
    return out


def with_claims(conn, events: Iterable[dict], batch: int = 500) -> Iterator[dict]:
    """Each event with its claims and sources, fetched a batch at a time (bounded memory)."""
    buf: list[dict] = []

    def flush():
        ids = [e["id"] for e in buf]
        cl, so = _claims_by_event(conn, ids), _sources_by_event(conn, ids)
        for e in buf:
            e["claims"], e["sources"] = cl[e["id"]], so[e["id"]]
            yield e

    for e in events:
        buf.append(e)
        if len(buf) >= batch:
            yield from flush()
            buf = []
    if buf:
        yield from flush()


def records(conn, flt: EventFilter | None = None, batch: int = 500) -> Iterator[dict]:
    """Events with their claims and sources, for exports."""
    return with_claims(conn, list_events(conn, flt), batch)


def event_detail(conn, eid: int) -> dict | None:
    """One event, its reports (which article, why merged, evidence text) and claims."""
    row = conn.execute(select(s.events).where(s.events.c.id == eid)).mappings().first()
    if row is None:
        return None
    ev = dict(row)
    ev["reports"] = []
    for r in conn.execute(select(s.reports).where(s.reports.c.event_id == eid).order_by(s.reports.c.id)).mappings():
        data = json.loads(r["data"])
        text = conn.execute(select(s.documents.c.text).where(s.documents.c.id == r["document_id"])).scalar_one()
        srcs = [dict(x) for x in conn.execute(select(s.sources.c.article_id, s.sources.c.url, s.sources.c.outlet,
                                                     s.sources.c.how).where(s.sources.c.document_id == r["document_id"])
                                              .order_by(s.sources.c.id)).mappings()]
        evidence = {f: [text[a:b] for a, b in spans] for f, spans in (data.get("evidence") or {}).items() if spans}
        ev["reports"].append({"report": r["id"], "sources": srcs, "merged_because": r["reason"] or "founded the event",
                              "sub_event_type": data.get("sub_event_type"), "place_ar": r["place_ar"],
                              "fatalities": data.get("fatalities"), "injured": data.get("injured"),
                              "claims": data.get("claims") or [], "evidence": evidence})
    return ev


def canonical_dump(conn) -> dict:
    """Everything that matters, without ids or timestamps, in a stable order."""
    doc_key = {d: tuple(sorted(a for (a,) in conn.execute(select(s.sources.c.article_id).where(s.sources.c.document_id == d))))
               for (d,) in conn.execute(select(s.documents.c.id))}
    events = []
    for e in records(conn):
        rep = sorted((doc_key[r.document_id], r.idx, r.reason is None) for r in
                     conn.execute(select(s.reports.c.document_id, s.reports.c.idx, s.reports.c.reason)
                                  .where(s.reports.c.event_id == e["id"])))
        e = {k: (str(v) if isinstance(v, date) else v) for k, v in e.items() if k not in ("id", "updated")}
        e["claims"] = sorted(json.dumps(c, sort_keys=True, ensure_ascii=False) for c in e["claims"])
        e["sources"] = sorted(json.dumps(c, sort_keys=True, ensure_ascii=False) for c in e["sources"])
        e["reports"] = rep
        events.append(json.loads(json.dumps(e, sort_keys=True, default=list)))
    srcs = sorted(tuple(r) for r in conn.execute(select(s.sources.c.article_id, s.sources.c.url, s.sources.c.outlet, s.sources.c.how)))
    events.sort(key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
    return {"events": events, "sources": [list(x) for x in srcs], "documents": sorted(map(list, doc_key.values()))}
