"""Build the first-name gender list: ``python -m newsift.train.name_gender``.

Source: the name data of the ``nomquamgender`` package (Van Buskirk, Clauset & Larremore,
"An open-source cultural consensus approach to name-based gender classification", ICWSM
2023; MIT licence, PyPI ``nomquamgender==0.1.4``): for each first name, how many people in
its 36 sources carry it and the share of them gendered female (``p(gf)``).

Kept: lower-case Latin names (letters and hyphens) carried by at least ``--min-count``
people whose ``p(gf)`` is at most ``--margin`` (male) or at least ``1 - margin`` (female).
Everything else (Taylor, Jordan, Kim, Alex …) is left out: the attribution analyzer then
knows no gender for the name and never uses it to pick a speaker.

Output: ``newsift/data/first_names.tsv`` (``name<TAB>f|m``, sorted), with the licence notice
of the source in its header. The package is read from its installed files; it is not
imported (its module needs other packages) and is not a dependency of newsift: install it for a
rebuild only, with `pip install --no-deps nomquamgender==0.1.4`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
from importlib import resources
from pathlib import Path

NAME = re.compile(r"[a-z][a-z\-]+")
NOTICE = (
    "# First-name gender, derived by newsift.train.name_gender from nomquamgender 0.1.4\n"
    "# (name_data.json), Copyright (c) 2022 Ian Van Buskirk, MIT licence:\n"
    "# https://github.com/ianvanbuskirk/nomquamgender/blob/main/LICENSE\n"
)


def name_data_path() -> Path:
    """Where the installed ``nomquamgender`` keeps ``name_data.json`` (without importing it)."""
    spec = importlib.util.find_spec("nomquamgender")
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("pip install nomquamgender==0.1.4 first (a build-time source only)")
    return Path(next(iter(spec.submodule_search_locations))) / "name_data.json"


def derive(data: dict[str, list[object]], min_count: int, margin: float) -> dict[str, str]:
    """Name → ``f``/``m`` for the names whose gender is clear in the data."""
    out: dict[str, str] = {}
    for name, row in data.items():
        if not NAME.fullmatch(name):
            continue
        count, pgf = row[1], row[2]
        if not isinstance(count, int | float) or not isinstance(pgf, int | float):
            continue
        if count < min_count:
            continue
        if pgf <= margin:
            out[name] = "m"
        elif pgf >= 1 - margin:
            out[name] = "f"
    return out


def main(argv: list[str] | None = None) -> None:
    """Command line: write the list."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_out = Path(str(resources.files("newsift").joinpath("data", "first_names.tsv")))
    parser.add_argument("--out", type=Path, default=default_out)
    parser.add_argument("--min-count", type=int, default=2000)
    parser.add_argument("--margin", type=float, default=0.08)
    args = parser.parse_args(argv)
    data = json.loads(name_data_path().read_text(encoding="utf-8"))
    names = derive(data, args.min_count, args.margin)
    lines = [f"{n}\t{g}\n" for n, g in sorted(names.items())]
    args.out.write_text(NOTICE + "".join(lines), encoding="utf-8")
    print(f"{len(names)} names -> {args.out}")


if __name__ == "__main__":
    main()
