"""Parquet with an explicit schema (dates as date32, figures as nullable int32, claims as a
list of structs) so pandas, polars and DuckDB read the same types; written in row groups."""
from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

_FIG = [(f"{p}_{k}", pa.int32()) for p in ("fatalities", "injured", "arrested") for k in ("low", "best", "high")]
_CLAIM = pa.struct([("source", pa.string()), ("source_ar", pa.string()), ("kind", pa.string())] +
                   [(f"{p}_{k}", pa.int32()) for p in ("killed", "injured", "arrested") for k in ("low", "best", "high")])
SCHEMA = pa.schema([
    ("event_id", pa.int64()), ("event_id_cnty", pa.string()), ("event_type", pa.string()),
    ("sub_event_type", pa.string()), ("date", pa.date32()), ("time_precision", pa.int8()),
    ("country", pa.string()), ("admin1", pa.string()), ("admin1_ar", pa.string()), ("admin2", pa.string()),
    ("place", pa.string()), ("place_ar", pa.string()), ("site_ar", pa.string()),
    ("latitude", pa.float64()), ("longitude", pa.float64()), ("geo_precision", pa.int8()),
    ("actor1", pa.string()), ("inter1", pa.int8()), ("actor2", pa.string()), ("inter2", pa.int8()),
    ("interaction", pa.int16()), *_FIG, ("number_of_sources", pa.int32()), ("number_of_reports", pa.int32()),
    ("notes", pa.string()), ("confidence", pa.float64()), ("needs_review", pa.bool_()),
    ("urls", pa.list_(pa.string())), ("claims", pa.list_(_CLAIM)),
])


def _row(e: dict) -> dict:
    from .record import event_id_cnty

    row = {f.name: e.get(f.name) for f in SCHEMA}
    row.update(event_id=e["id"], event_id_cnty=event_id_cnty(e), latitude=e["lat"], longitude=e["lon"],
               needs_review=bool(e["needs_review"]), urls=[s["url"] for s in e.get("sources", []) if s["url"]])
    claims = []
    for c in e.get("claims", []):
        flat = {"source": c["source"], "source_ar": c["source_ar"], "kind": c["kind"]}
        for p in ("killed", "injured", "arrested"):
            for k in ("low", "best", "high"):
                flat[f"{p}_{k}"] = (c[p] or {}).get(k)
        claims.append(flat)
    row["claims"] = claims
    return row


def write_parquet(records, out, batch: int = 5000) -> int:
    n = 0
    with pq.ParquetWriter(out, SCHEMA) as writer:
        buf: list[dict] = []
        for e in records:
            buf.append(_row(e))
            n += 1
            if len(buf) >= batch:
                writer.write_table(pa.Table.from_pylist(buf, schema=SCHEMA))
                buf = []
        if buf or n == 0:
            writer.write_table(pa.Table.from_pylist(buf, schema=SCHEMA))
    return n
