"""Exports of stored events: JSONL, ACLED CSV, GeoJSON, Parquet. Each writer takes an iterator
of event records (rasd.store.query.records) and a binary or text file, and streams."""
from .acled import ACLED_COLUMNS, EXTRA_COLUMNS, write_acled_csv
from .geojson import write_geojson
from .jsonl import write_jsonl
from .parquet import write_parquet

WRITERS = {"acled-csv": write_acled_csv, "jsonl": write_jsonl, "geojson": write_geojson, "parquet": write_parquet}
BINARY = {"parquet"}

__all__ = ["WRITERS", "BINARY", "ACLED_COLUMNS", "EXTRA_COLUMNS", "write_acled_csv", "write_jsonl",
           "write_geojson", "write_parquet"]
