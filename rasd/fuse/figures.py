"""Figures over many sources: low the least, high the most, best the lowest best (ACLED's
conservative count). A source that gives no number does not pull the range down."""
from __future__ import annotations

from typing import Iterable


def combine(ranges: Iterable[dict | None]) -> dict | None:
    lows, bests, highs = [], [], []
    for r in ranges:
        if not r or r.get("low") is None:
            continue
        lows.append(r["low"])
        bests.append(r["best"] if r.get("best") is not None else r["low"])
        highs.append(r["high"] if r.get("high") is not None else r["low"])
    if not lows:
        return None
    return {"low": min(lows), "best": min(bests), "high": max(highs)}
