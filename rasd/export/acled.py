"""ACLED CSV: ACLED's columns in ACLED's order (so rows append to ACLED data), then Rasd's own."""
from __future__ import annotations

import csv
import json
from datetime import datetime, timezone

from .record import event_id_cnty

ACLED_COLUMNS = ["event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
                 "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
                 "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
                 "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
                 "fatalities", "tags", "timestamp"]
EXTRA_COLUMNS = ["rasd_event_id", "fatalities_low", "fatalities_high", "injured_low", "injured_best", "injured_high",
                 "arrested_low", "arrested_best", "arrested_high", "number_of_sources", "number_of_reports",
                 "admin1_ar", "place_ar", "site_ar", "needs_review", "confidence", "urls", "claims"]

# ISO 3166 numeric codes and ACLED regions of the countries Rasd's gazetteer knows best.
_COUNTRY = {"Yemen": (887, "Middle East"), "Syria": (760, "Middle East"), "Iraq": (368, "Middle East"),
            "Lebanon": (422, "Middle East"), "Jordan": (400, "Middle East"), "Palestine": (275, "Middle East"),
            "Saudi Arabia": (682, "Middle East"), "Oman": (512, "Middle East"), "Egypt": (818, "Northern Africa"),
            "Libya": (434, "Northern Africa"), "Tunisia": (788, "Northern Africa"), "Algeria": (12, "Northern Africa"),
            "Morocco": (504, "Northern Africa"), "Sudan": (729, "Northern Africa"), "Somalia": (706, "Eastern Africa"),
            "Mali": (466, "Western Africa")}


def disorder_type(event_type: str, sub: str) -> str:
    if event_type == "Strategic developments":
        return "Strategic developments"
    if sub == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type == "Protests" or sub == "Violent demonstration":
        return "Demonstrations"
    return "Political violence"


def acled_row(e: dict) -> dict:
    day = e["date"]
    outlets = sorted({s["outlet"] or s["url"] or s["article_id"] for s in e.get("sources", [])})
    ts = e.get("updated")
    row = {
        "event_id_cnty": event_id_cnty(e), "event_date": day.isoformat() if day else "", "year": day.year if day else "",
        "time_precision": e["time_precision"] or "", "disorder_type": disorder_type(e["event_type"], e["sub_event_type"]),
        "event_type": e["event_type"], "sub_event_type": e["sub_event_type"],
        "actor1": e["actor1"] or "", "assoc_actor_1": "", "inter1": e["inter1"] or "",
        "actor2": e["actor2"] or "", "assoc_actor_2": "", "inter2": e["inter2"] or "",
        "interaction": e["interaction"] or "",
        "civilian_targeting": "Civilian targeting" if e["actor2"] == "Civilians" else "",
        "iso": _COUNTRY.get(e["country"] or "", ("", ""))[0], "region": _COUNTRY.get(e["country"] or "", ("", ""))[1],
        "country": e["country"] or "", "admin1": e["admin1"] or "", "admin2": e["admin2"] or "", "admin3": "",
        "location": e["place"] or e["admin2"] or e["admin1"] or "",
        "latitude": e["lat"] if e["lat"] is not None else "", "longitude": e["lon"] if e["lon"] is not None else "",
        "geo_precision": e["geo_precision"] or "", "source": "; ".join(outlets), "source_scale": "",
        "notes": e["notes"] or "", "fatalities": e["fatalities_best"] if e["fatalities_best"] is not None else 0,
        "tags": "", "timestamp": int(ts.replace(tzinfo=timezone.utc).timestamp()) if isinstance(ts, datetime) else "",
    }
    extra = {"rasd_event_id": e["id"], "number_of_sources": e["number_of_sources"],
             "number_of_reports": e["number_of_reports"], "admin1_ar": e["admin1_ar"] or "",
             "place_ar": e["place_ar"] or "", "site_ar": e["site_ar"] or "", "needs_review": int(bool(e["needs_review"])),
             "confidence": e["confidence"] if e["confidence"] is not None else "",
             "urls": " ".join(s["url"] for s in e.get("sources", []) if s["url"]),
             "claims": json.dumps(e.get("claims", []), ensure_ascii=False)}
    for k in ("fatalities_low", "fatalities_high", "injured_low", "injured_best", "injured_high",
              "arrested_low", "arrested_best", "arrested_high"):
        extra[k] = e[k] if e[k] is not None else ""
    row.update(extra)
    return row


def write_acled_csv(records, out) -> int:
    w = csv.DictWriter(out, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS, lineterminator="\n")
    w.writeheader()
    n = 0
    for e in records:
        w.writerow(acled_row(e))
        n += 1
    return n
