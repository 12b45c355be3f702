"""JSON Lines: one event a line, every field, claims and sources included."""
from __future__ import annotations

import json

from .record import event_json


def write_jsonl(records, out) -> int:
    n = 0
    for e in records:
        out.write(json.dumps(event_json(e), ensure_ascii=False) + "\n")
        n += 1
    return n
