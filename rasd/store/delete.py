"""Deleting an article undoes what it caused: its reports leave their events, and every event
it touched is regrouped from its remaining reports, in their original order, by the same rules."""
from __future__ import annotations

from sqlalchemy import or_, select

from . import schema as s
from .events import place_report, refresh_event


def regroup(conn, event_ids: set[int]) -> None:
    for eid in sorted(event_ids):
        rids = [r for (r,) in conn.execute(select(s.reports.c.id).where(s.reports.c.event_id == eid).order_by(s.reports.c.id))]
        if not rids:
            conn.execute(s.events.delete().where(s.events.c.id == eid))
            continue
        conn.execute(s.reports.update().where(s.reports.c.id.in_(rids)).values(event_id=None, reason=None))
        conn.execute(s.reports.update().where(s.reports.c.id == rids[0]).values(event_id=eid))
        refresh_event(conn, eid)
        for rid in rids[1:]:
            place_report(conn, rid)


def delete_article(conn, key: str) -> dict:
    """Remove the article whose URL or id is `key` (inside the caller's transaction).
    Returns what was removed and which events were regrouped."""
    src = s.sources.c
    rows = list(conn.execute(select(src.id, src.document_id).where(or_(src.url == key, src.article_id == key))))
    if not rows:
        return {"sources": 0, "documents": 0, "events": []}
    conn.execute(s.sources.delete().where(src.id.in_([r.id for r in rows])))
    docs = sorted({r.document_id for r in rows})
    touched: set[int] = set()
    gone = 0
    for doc in docs:
        events = {e for (e,) in conn.execute(select(s.reports.c.event_id).where(s.reports.c.document_id == doc)) if e}
        touched |= events
        if conn.execute(select(src.id).where(src.document_id == doc)).first():
            continue  # other outlets still carry this text: only the source count changes
        gone += 1
        rids = select(s.reports.c.id).where(s.reports.c.document_id == doc)
        conn.execute(s.claims.delete().where(s.claims.c.report_id.in_(rids)))
        conn.execute(s.reports.delete().where(s.reports.c.document_id == doc))
        conn.execute(s.doc_bands.delete().where(s.doc_bands.c.document_id == doc))
        conn.execute(s.documents.delete().where(s.documents.c.id == doc))
    regroup(conn, touched)
    return {"sources": len(rows), "documents": gone, "events": sorted(touched)}
