"""Screenshots of the terminal report of the demo article, as SVG, at 80 and 120 columns.

    python scripts/screenshots_terminal.py [--out docs/screenshots]

Analyses ``examples/article.txt`` as ``make demo`` does (published 2024-12-11), prints the
report on rich's recording console at each width, and saves ``terminal-80.svg`` and
``terminal-120.svg``. ``make screenshots`` runs it.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path

from rich.console import Console

from newsift import analyze
from newsift.render import print_report

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "article.txt"
WIDTHS = (80, 120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    out = parser.parse_args().out
    title, _, body = EXAMPLE.read_text(encoding="utf-8").partition("\n\n")
    report = analyze(body, title=title.strip(), published="2024-12-11")
    out.mkdir(parents=True, exist_ok=True)
    for width in WIDTHS:
        console = Console(
            record=True,
            width=width,
            file=io.StringIO(),  # recorded, not shown
            force_terminal=True,
            color_system="truecolor",
        )
        print_report(report, console)
        path = out / f"terminal-{width}.svg"
        path.write_text(
            console.export_svg(title=f"newsift analyze examples/article.txt ({width} columns)"),
            encoding="utf-8",
        )
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
