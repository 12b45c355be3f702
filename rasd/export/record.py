"""One flat, JSON-ready dict per event, shared by every export format."""
from __future__ import annotations

from datetime import date, datetime


def _fig(e: dict, p: str) -> dict | None:
    return None if e.get(f"{p}_low") is None else {k: e[f"{p}_{k}"] for k in ("low", "best", "high")}


def event_json(e: dict) -> dict:
    """The stored event in the shape of `rasd extract`'s events, plus sources and counts."""
    return {
        "event_id": e["id"], "event_id_cnty": event_id_cnty(e),
        "event_type": e["event_type"], "sub_event_type": e["sub_event_type"],
        "date": e["date"].isoformat() if isinstance(e["date"], date) else e["date"],
        "time_precision": e["time_precision"],
        "location": {k: e[k] for k in ("country", "admin1", "admin1_ar", "admin2", "place", "place_ar", "site_ar",
                                       "lat", "lon", "geo_precision")},
        "actors": [{"name": e[f"actor{i}"], "role": f"actor{i}", "inter": e[f"inter{i}"]} for i in (1, 2) if e[f"actor{i}"]],
        "interaction": e["interaction"],
        "fatalities": _fig(e, "fatalities"), "injured": _fig(e, "injured"), "arrested": _fig(e, "arrested"),
        "number_of_sources": e["number_of_sources"], "number_of_reports": e["number_of_reports"],
        "claims": e.get("claims", []), "sources": e.get("sources", []),
        "notes": e["notes"], "confidence": e["confidence"], "needs_review": bool(e["needs_review"]),
        "updated": e["updated"].isoformat() if isinstance(e.get("updated"), datetime) else e.get("updated"),
    }


_ISO3 = {"Yemen": "YEM", "Syria": "SYR", "Iraq": "IRQ", "Egypt": "EGY", "Libya": "LBY", "Somalia": "SOM",
         "Saudi Arabia": "SAU", "Lebanon": "LBN", "Jordan": "JOR", "Palestine": "PSE", "Tunisia": "TUN",
         "Algeria": "DZA", "Sudan": "SDN", "Mali": "MLI", "Oman": "OMN"}


def event_id_cnty(e: dict) -> str:
    """ACLED-style id, with RASD in it so it never collides with ACLED's own when appended."""
    return f"{_ISO3.get(e.get('country') or '', 'XXX')}RASD{e['id']}"
