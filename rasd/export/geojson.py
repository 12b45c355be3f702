"""GeoJSON FeatureCollection, one Point per event (geometry null when the place has no
coordinates), written feature by feature."""
from __future__ import annotations

import json

from .record import event_json


def write_geojson(records, out) -> int:
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for e in records:
        props = event_json(e)
        geom = None if e["lat"] is None or e["lon"] is None else {"type": "Point", "coordinates": [e["lon"], e["lat"]]}
        out.write(("," if n else "") + json.dumps({"type": "Feature", "id": e["id"], "geometry": geom,
                                                    "properties": props}, ensure_ascii=False) + "\n")
        n += 1
    out.write("]}\n")
    return n
