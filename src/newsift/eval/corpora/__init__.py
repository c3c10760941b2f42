"""Corpus readers: every annotated set newsift is measured on, read into plain records.

One module per corpus. The third-party corpora (PTC, PolNeAR, ClaimBuster, CheckThat!) are
read from a path given at run time, never bundled. newsift's own small sets (places, source
types, news check-worthiness), written for the project, ship inside the package under
:data:`DATA_DIR`, so ``newsift eval places`` and ``newsift eval sources`` work from a wheel.
"""

from __future__ import annotations

from pathlib import Path

#: Where the bundled sets live: ``newsift/eval/data`` inside the installed package.
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

__all__ = ["DATA_DIR"]
