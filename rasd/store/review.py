"""Reviews: an analyst marks a machine-coded event correct, edits its fields or rejects it.

A review is stored with who and when, and is tied to the event's founding report by a stable
anchor (the stored text's hash and the event's index in that article), not only by the event id:
re-ingesting the same articles, or deleting an article and ingesting it again, finds the same
report and so the same review. Reviews are folded in order (edits accumulate; reject hides the
event; a later correct or edit restores it) and applied on top of the machine event whenever
events are listed, counted or exported through this module.
"""
from __future__ import annotations

import heapq
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Iterator

from sqlalchemy import func, select

from . import schema as s
from .query import EventFilter, with_claims

ACTIONS = ("correct", "reject", "edit")
TEXT_FIELDS = {"place_ar": 256, "place": 256, "admin1_ar": 128, "admin1": 128, "admin2": 128, "country": 64,
               "actor1": 256, "actor2": 256}
FIGURES = ("fatalities", "injured", "arrested")


class ReviewError(ValueError):
    pass


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


@dataclass
class State:
    status: str = "unreviewed"  # correct | edited | rejected
    changes: dict = field(default_factory=dict)
    by: str | None = None
    at: datetime | None = None
    count: int = 0

    def as_json(self) -> dict:
        return {"status": self.status, "changes": self.changes, "by": self.by,
                "at": self.at.isoformat() if self.at else None, "reviews": self.count}


def validate_changes(changes: dict) -> dict:
    """Checked, normalised edits: sub_event_type (event_type follows), places, actors (+ inter codes),
    figures as {low, best, high} with low <= best <= high (or null to clear), date (+ time_precision)."""
    from ..extract.events import EVENT_TYPE

    out: dict = {}
    for k, v in changes.items():
        if v is None and k not in FIGURES and k not in TEXT_FIELDS:
            continue
        if k in ("sub_event_type", "type"):
            if v not in EVENT_TYPE:
                raise ReviewError(f"unknown sub_event_type {v!r}")
            out["sub_event_type"], out["event_type"] = v, EVENT_TYPE[v]
        elif k == "event_type":
            if "sub_event_type" not in changes and "type" not in changes:
                raise ReviewError("edit sub_event_type; the event type follows from it")
        elif k in TEXT_FIELDS:
            if v is not None and (not isinstance(v, str) or len(v) > TEXT_FIELDS[k]):
                raise ReviewError(f"{k} must be a string of at most {TEXT_FIELDS[k]} characters")
            out[k] = (v.strip() or None) if isinstance(v, str) else None
        elif k in ("inter1", "inter2"):
            if not isinstance(v, int) or not 0 <= v <= 8:
                raise ReviewError(f"{k} is an ACLED inter code 0-8")
            out[k] = v
        elif k in ("lat", "lon"):
            lim = 90 if k == "lat" else 180
            if not isinstance(v, (int, float)) or not -lim <= v <= lim:
                raise ReviewError(f"{k} out of range")
            out[k] = float(v)
        elif k in FIGURES:
            if v is None:
                out[k] = None
                continue
            if isinstance(v, int):
                v = {"low": v, "best": v, "high": v}
            if not isinstance(v, dict) or set(v) != {"low", "best", "high"} or not all(
                    isinstance(v[x], int) and 0 <= v[x] < 1_000_000 for x in v):
                raise ReviewError(f"{k} is {{low, best, high}} (non-negative integers) or a number")
            if not v["low"] <= v["best"] <= v["high"]:
                raise ReviewError(f"{k}: low <= best <= high")
            out[k] = {x: v[x] for x in ("low", "best", "high")}
        elif k == "date":
            try:
                out[k] = date.fromisoformat(str(v)).isoformat()
            except ValueError:
                raise ReviewError("date is YYYY-MM-DD") from None
        elif k == "time_precision":
            if v not in (1, 2, 3):
                raise ReviewError("time_precision is 1, 2 or 3")
            out[k] = v
        else:
            raise ReviewError(f"field {k!r} cannot be edited")
    return out


def apply(event: dict, st: State | None) -> dict:
    """The event (a row dict of the events table) with the review state on top."""
    e = dict(event)
    if st is None:
        e["review"] = State().as_json()
        return e
    for k, v in st.changes.items():
        if k in FIGURES:
            for x in ("low", "best", "high"):
                e[f"{k}_{x}"] = None if v is None else v[x]
        elif k == "date":
            e["date"] = date.fromisoformat(v)
        else:
            e[k] = v
    if {"actor1", "actor2", "inter1", "inter2"} & st.changes.keys():
        from ..extract.actors import interaction

        e["interaction"] = interaction([{"inter": e.get(f"inter{i}")} for i in (1, 2) if e.get(f"actor{i}")])
    if st.status in ("correct", "edited"):
        e["needs_review"] = False
    e["review"] = st.as_json()
    return e


def anchor_of(conn, event_id: int) -> tuple[str, int] | None:
    """The founding (first) report of the event: its text's hash and its index in the article."""
    row = conn.execute(select(s.documents.c.text_hash, s.reports.c.idx)
                       .join(s.documents, s.documents.c.id == s.reports.c.document_id)
                       .where(s.reports.c.event_id == event_id).order_by(s.reports.c.id).limit(1)).first()
    return (row[0], row[1]) if row else None


def add_review(conn, event_id: int, action: str, user: str, changes: dict | None = None,
               comment: str | None = None) -> dict:
    """Store one review (inside the caller's transaction); returns the event's new review state."""
    if action not in ACTIONS:
        raise ReviewError(f"action is one of {', '.join(ACTIONS)}")
    changes = validate_changes(changes or {}) if action == "edit" else {}
    if action == "edit" and not changes:
        raise ReviewError("an edit needs at least one field")
    anchor = anchor_of(conn, event_id)
    if anchor is None:
        raise LookupError(event_id)
    conn.execute(s.reviews.insert().values(event_id=event_id, anchor_hash=anchor[0], anchor_idx=anchor[1],
                                           action=action, changes=json.dumps(changes, ensure_ascii=False),
                                           comment=comment, user_name=user, created=_now()))
    return states(conn).get(event_id, State()).as_json()


def states(conn) -> dict[int, State]:
    """Current event id -> folded review state, for every event that has a review."""
    r, d, rep = s.reviews.c, s.documents.c, s.reports.c
    rows = conn.execute(select(r.id, r.action, r.changes, r.user_name, r.created, rep.event_id)
                        .join(s.documents, d.text_hash == r.anchor_hash)
                        .join(s.reports, (rep.document_id == d.id) & (rep.idx == r.anchor_idx))
                        .where(rep.event_id.is_not(None)).order_by(r.created, r.id)).all()
    out: dict[int, State] = {}
    for row in rows:
        st = out.setdefault(row.event_id, State())
        st.count += 1
        st.by, st.at = row.user_name, row.created
        if row.action == "reject":
            st.status = "rejected"
        elif row.action == "correct":
            st.status = "correct" if st.status != "edited" else "edited"
        else:
            st.changes.update(json.loads(row.changes or "{}"))
            st.status = "edited"
    return out


def history(conn, event_id: int) -> list[dict]:
    """Every review that applies to the event now, oldest first."""
    anchors = conn.execute(select(s.documents.c.text_hash, s.reports.c.idx)
                           .join(s.documents, s.documents.c.id == s.reports.c.document_id)
                           .where(s.reports.c.event_id == event_id)).all()
    out = []
    for h, i in anchors:
        for row in conn.execute(select(s.reviews).where(s.reviews.c.anchor_hash == h, s.reviews.c.anchor_idx == i)).mappings():
            out.append({"id": row["id"], "action": row["action"], "changes": json.loads(row["changes"] or "{}"),
                        "comment": row["comment"], "by": row["user_name"], "at": row["created"].isoformat()})
    return sorted(out, key=lambda x: (x["at"], x["id"]))


def matches(flt: EventFilter, e: dict) -> bool:
    """EventFilter's conditions, in Python, for reviewed events (their values differ from the rows)."""
    low = lambda v: (v or "").lower()  # noqa: E731
    if flt.country and low(e["country"]) != flt.country.lower():
        return False
    if flt.admin1 and low(e["admin1"]) != flt.admin1.lower() and e["admin1_ar"] != flt.admin1:
        return False
    if flt.type and flt.type.lower() not in (low(e["event_type"]), low(e["sub_event_type"])):
        return False
    if flt.actor and flt.actor.lower() not in low(e["actor1"]) and flt.actor.lower() not in low(e["actor2"]):
        return False
    if flt.since and (e["date"] is None or e["date"] < flt.since):
        return False
    if flt.until and (e["date"] is None or e["date"] > flt.until):
        return False
    return True


def _unlimited(flt: EventFilter | None) -> EventFilter:
    f = flt or EventFilter()
    return EventFilter(f.country, f.admin1, f.type, f.actor, f.since, f.until, None)


def reviewed_events(conn, flt: EventFilter | None = None, offset: int = 0, include_rejected: bool = False,
                    st: dict[int, State] | None = None) -> Iterator[dict]:
    """Like query.list_events, with reviews applied: rejected events left out (unless asked for) and
    the filter judged on the reviewed values. In id order; `offset` and the filter's limit page it."""
    st = states(conn) if st is None else st
    base = _unlimited(flt)
    ids = sorted(st)
    q = select(s.events)
    if ids:
        q = q.where(s.events.c.id.not_in(ids))
    machine = ({**dict(r), "review": State().as_json()}
               for r in conn.execution_options(yield_per=500).execute(base.apply(q)).mappings())
    reviewed = []
    if ids:
        for r in conn.execute(select(s.events).where(s.events.c.id.in_(ids)).order_by(s.events.c.id)).mappings():
            e = apply(dict(r), st[r["id"]])
            if (include_rejected or st[r["id"]].status != "rejected") and matches(base, e):
                reviewed.append(e)
    n = 0
    for i, e in enumerate(heapq.merge(machine, reviewed, key=lambda x: x["id"])):
        if i < offset:
            continue
        if flt and flt.limit and n >= flt.limit:
            return
        n += 1
        yield e


def count_events(conn, flt: EventFilter | None = None, include_rejected: bool = False,
                 st: dict[int, State] | None = None) -> int:
    st = states(conn) if st is None else st
    base = _unlimited(flt)
    q = select(s.events.c.id)
    if st:
        q = q.where(s.events.c.id.not_in(sorted(st)))
    n = conn.execute(select(func.count()).select_from(base.apply(q).order_by(None).subquery())).scalar_one()
    if st:
        for r in conn.execute(select(s.events).where(s.events.c.id.in_(sorted(st)))).mappings():
            e = apply(dict(r), st[r["id"]])
            if (include_rejected or st[r["id"]].status != "rejected") and matches(base, e):
                n += 1
    return n


def reviewed_records(conn, flt: EventFilter | None = None, batch: int = 500) -> Iterator[dict]:
    """Like query.records (claims and sources with each event), reviews applied, rejected left out:
    what exports should write."""
    return with_claims(conn, reviewed_events(conn, flt, st=states(conn)), batch)


def queue(conn, limit: int = 50, offset: int = 0, include_reviewed: bool = False) -> list[dict]:
    """Events to look at: flagged needs_review first, then by rising confidence; reviewed ones left out."""
    st = states(conn)
    ev = s.events.c
    q = select(s.events)
    if st and not include_reviewed:
        q = q.where(ev.id.not_in(sorted(st)))
    q = q.order_by(ev.needs_review.desc(), func.coalesce(ev.confidence, 0.0).asc(), ev.id).limit(limit).offset(offset)
    return [apply(dict(r), st.get(r["id"])) for r in conn.execute(q).mappings()]
