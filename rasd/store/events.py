"""Placing a report in an event (an existing one it matches, or a new one) and recomputing an
event from all its reports, so that an event is always a function of the reports it holds."""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import and_, exists, func, or_, select

from ..fuse import combine, match_reason
from ..fuse.match import GENERIC
from . import schema as s

FIGS = ("fatalities", "injured", "arrested")
_MATCH_COLS = ("family", "date", "country", "admin1_ar", "admin2", "place_ar", "geo_precision", "actor1", "actor2")


def _fig(row, prefix: str) -> dict | None:
    low = row[f"{prefix}_low"]
    return None if low is None else {"low": low, "best": row[f"{prefix}_best"], "high": row[f"{prefix}_high"]}


def fig_cols(prefix: str, value: dict | None, out_prefix: str | None = None) -> dict:
    p = out_prefix or prefix
    if not value or value.get("low") is None:
        return {f"{p}_low": None, f"{p}_best": None, f"{p}_high": None}
    best = value.get("best", value["low"])
    return {f"{p}_low": value["low"], f"{p}_best": best if best is not None else value["low"],
            f"{p}_high": value.get("high") if value.get("high") is not None else value["low"]}


def _candidates(conn, r: dict):
    ev = s.events.c
    cond = [ev.family == r["family"], ev.country == r["country"]]
    if r["date"] is not None:
        cond.append(or_(ev.date.is_(None), ev.date.between(r["date"] - timedelta(days=1), r["date"] + timedelta(days=1))))
    if r["admin1_ar"]:
        cond.append(or_(ev.admin1_ar.is_(None), ev.admin1_ar == r["admin1_ar"]))
    same_doc = exists().where(and_(s.reports.c.event_id == ev.id, s.reports.c.document_id == r["document_id"]))
    cond.append(~same_doc)
    return conn.execute(select(*[ev[c] for c in ("id", *_MATCH_COLS)]).where(*cond).order_by(ev.id)).mappings()


def best_match(r: dict, candidates) -> tuple[int, str, object] | None:
    """(score, reason, event id) of the closest candidate (in id order, the first of equals)."""
    best = None
    for ev in candidates:
        m = match_reason(r, ev)
        if m and (best is None or m[0] > best[0]):
            best = (m[0], m[1], ev["id"])
    return best


def place_report(conn, report_id: int) -> tuple[int, bool]:
    """Put report `report_id` into its event; returns (event id, True if it joined an existing one)."""
    r = dict(conn.execute(select(s.reports).where(s.reports.c.id == report_id)).mappings().one())
    best = best_match(r, _candidates(conn, r))
    if best is None:
        eid = conn.execute(s.events.insert().values(family=r["family"], event_type="", sub_event_type="")).inserted_primary_key[0]
        reason = None
    else:
        eid, reason = best[2], f"{best[1]}; joined event {best[2]}"
    conn.execute(s.reports.update().where(s.reports.c.id == report_id).values(event_id=eid, reason=reason))
    refresh_event(conn, eid)
    return eid, best is not None


def _interaction(i1, i2):
    if i1 and i2:
        return int(f"{min(i1, i2)}{max(i1, i2)}")
    return int(f"{i1 or i2}0") if (i1 or i2) else None


def refresh_event(conn, eid: int) -> None:
    """Recompute event `eid` from its reports (see `event_values`) and its distinct outlets."""
    rows = list(conn.execute(select(s.reports).where(s.reports.c.event_id == eid).order_by(s.reports.c.id)).mappings())
    if not rows:
        conn.execute(s.events.delete().where(s.events.c.id == eid))
        return
    values = event_values(rows, [json.loads(r["data"]) for r in rows])
    values["number_of_sources"] = outlet_counts(conn, [eid]).get(eid, 0)
    conn.execute(s.events.update().where(s.events.c.id == eid).values(**values))


def outlet_counts(conn, event_ids) -> dict[int, int]:
    """Distinct outlets (outlet, else URL, else article id) over the documents of each event."""
    src, rep = s.sources.c, s.reports.c
    out: dict[int, int] = {}
    for part in chunks(sorted(event_ids)):
        q = (select(rep.event_id, func.count(func.distinct(func.coalesce(src.outlet, src.url, src.article_id))))
             .select_from(s.reports.join(s.sources, src.document_id == rep.document_id))
             .where(rep.event_id.in_(part)).group_by(rep.event_id))
        out.update({e: n for e, n in conn.execute(q)})
    return out


def chunks(seq, size: int = 500):
    seq = list(seq)
    for i in range(0, len(seq), size):
        yield seq[i:i + size]


def event_values(rows: list, datas: list[dict]) -> dict:
    """An event as a function of its reports (in report order) and their extracted data: founder's
    type, most precise place and date, first named actors, figures over all reports. Everything
    but number_of_sources, which needs the sources table."""
    first = datas[0]
    loc = min(range(len(rows)), key=lambda i: (rows[i]["geo_precision"] or 9, i))
    dated = [i for i in range(len(rows)) if rows[i]["date"] is not None]
    when = min(dated, key=lambda i: (rows[i]["time_precision"] or 9, i)) if dated else None
    actor = {}
    for role in ("actor1", "actor2"):
        for d in datas:
            a = next((a for a in d.get("actors", []) if a.get("role") == role), None)
            if a and a.get("name") not in GENERIC:
                actor[role] = a
                break
        else:
            actor[role] = next((a for d in datas for a in d.get("actors", []) if a.get("role") == role), None)
    L = datas[loc]["location"]
    docs = [r["document_id"] for r in rows]
    a1, a2 = actor["actor1"] or {}, actor["actor2"] or {}
    notes = first.get("notes") or ""
    if len(rows) > 1:
        notes += f" Merged from {len(rows)} reports in {len(set(docs))} articles."
    values = dict(
        family=rows[0]["family"], event_type=first["event_type"], sub_event_type=first["sub_event_type"],
        date=rows[when]["date"] if when is not None else None,
        time_precision=rows[when]["time_precision"] if when is not None else None,
        country=L.get("country"), admin1=L.get("admin1"), admin1_ar=L.get("admin1_ar"), admin2=L.get("admin2"),
        place=L.get("place"), place_ar=L.get("place_ar"), site_ar=L.get("site_ar"), lat=L.get("lat"), lon=L.get("lon"),
        geo_precision=L.get("geo_precision"),
        actor1=a1.get("name"), inter1=a1.get("inter"), actor2=a2.get("name"), inter2=a2.get("inter"),
        interaction=_interaction(a1.get("inter"), a2.get("inter")),
        number_of_reports=len(rows), notes=notes.strip(),
        confidence=max((d.get("confidence") or 0.0) for d in datas),
        needs_review=any(bool(d.get("needs_review")) for d in datas),
        updated=datetime.now(timezone.utc).replace(tzinfo=None),
    )
    for f in FIGS:
        values.update(fig_cols(f, combine(_fig(r, f) for r in rows)))
    return values


def compatible(r: dict, ev: dict) -> bool:
    """In Python, the pre-selection `_candidates` makes in SQL (but for the same-document test)."""
    if ev["family"] != r["family"] or ev["country"] != r["country"]:
        return False
    if r["date"] is not None and ev["date"] is not None and abs((ev["date"] - r["date"]).days) > 1:
        return False
    return not (r["admin1_ar"] and ev["admin1_ar"] is not None and ev["admin1_ar"] != r["admin1_ar"])


def candidate_events(conn, reports: list[dict]) -> list[dict]:
    """One query for every stored event any of `reports` could join (a superset; `compatible`
    decides per report): same family and country, date unknown or within a day."""
    ev = s.events.c
    groups: dict[tuple, set | None] = {}
    for r in reports:
        key = (r["family"], r["country"])
        days = groups.setdefault(key, set())
        if days is None:
            continue
        if r["date"] is None:
            groups[key] = None
        else:
            days.update(r["date"] + timedelta(days=k) for k in (-1, 0, 1))
    out = []
    for part in chunks(groups.items(), 50):
        conds = []
        for (family, country), days in part:
            c = [ev.family == family, ev.country == country]
            if days is not None:
                c.append(or_(ev.date.is_(None), ev.date.in_(sorted(days))))
            conds.append(and_(*c))
        q = select(*[ev[c] for c in ("id", *_MATCH_COLS)]).where(or_(*conds)).order_by(ev.id)
        out.extend(dict(m) for m in conn.execute(q).mappings())
    return out


def report_values(doc_id: int, idx: int, d: dict, family: str) -> dict:
    loc = d.get("location") or {}
    actors = d.get("actors") or []
    role = {r: next((a.get("name") for a in actors if a.get("role") == r), None) for r in ("actor1", "actor2")}
    day = d.get("date")
    values = dict(document_id=doc_id, idx=idx, family=family, date=date.fromisoformat(day) if day else None,
                  time_precision=d.get("time_precision") if day else None, country=loc.get("country"),
                  admin1_ar=loc.get("admin1_ar"), admin2=loc.get("admin2"), place_ar=loc.get("place_ar"),
                  geo_precision=loc.get("geo_precision"), actor1=role["actor1"], actor2=role["actor2"],
                  data=json.dumps(d, ensure_ascii=False, sort_keys=True))
    for f in FIGS:
        values.update(fig_cols(f, d.get(f)))
    return values


def claim_values(report_id: int, c: dict) -> dict:
    values = dict(report_id=report_id, source=c.get("source"), source_ar=c.get("source_ar"), kind=c.get("kind"))
    for f in ("killed", "injured", "arrested"):
        values.update(fig_cols(f, c.get(f)))
    return values
