"""The copy engine's sketches of one article, as ``articles`` columns (no Spark here).

Public API::

    sketch_columns(text, masked=()) -> dict       # n_words, bands, anchors
    line_hashes(text) -> list[int]                # its possible boilerplate lines, hashed
    masked_spans(text, boilerplate) -> list[(start, end)]
    content_key(text) -> str                      # as the corpus store keys articles

The analysis pass writes these beside each article, so the copy step never reads the text
again to find candidates: ``bands`` are the LSH band keys of the corpus's MinHash
(:func:`newsift.corpus.candidates.band_keys`), ``anchors`` its winnowed rare-n-gram keys,
``lines`` the hashes of the article's lines that could be an outlet's boilerplate
(:func:`newsift.corpus.boilerplate.iter_lines`). Spark has no unsigned 64-bit type: every
key is stored as the signed integer with the same bits.

Boilerplate is a corpus-wide fact (a line in at least five articles of one outlet), known
only after the pass; the copy step fingerprints again, with the mask, just the articles
that hold a boilerplate line, exactly as ``newsift corpus`` does.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from typing import Any

import numpy as np

from newsift.corpus.boilerplate import iter_lines
from newsift.corpus.candidates import CandidateParams, band_keys
from newsift.corpus.copies import CopyParams
from newsift.corpus.fingerprint import fingerprint
from newsift.corpus.store import content_key

__all__ = ["content_key", "line_hashes", "masked_spans", "sketch_columns"]


def _signed(values: np.ndarray[Any, Any]) -> list[int]:
    return [int(v) for v in np.asarray(values, dtype=np.uint64).view(np.int64)]


def _line_hash(norm: str) -> int:
    digest = hashlib.blake2b(norm.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def line_hashes(text: str) -> list[int]:
    """Distinct hashes of the lines of ``text`` long enough to be learnt as boilerplate."""
    return sorted({_line_hash(norm) for _, _, norm in iter_lines(text)})


def masked_spans(text: str, boilerplate: Collection[int]) -> list[tuple[int, int]]:
    """Character spans of the lines of ``text`` whose hash is in ``boilerplate`` (the same
    spans as :meth:`newsift.corpus.boilerplate.Boilerplate.mask` for the article's outlet)."""
    if not boilerplate:
        return []
    return [
        (start, end) for start, end, norm in iter_lines(text) if _line_hash(norm) in boilerplate
    ]


def sketch_columns(
    text: str, masked: Sequence[tuple[int, int]] = (), params: CopyParams | None = None
) -> dict[str, Any]:
    """``n_words``, ``bands`` and ``anchors`` of ``text`` with ``masked`` spans left out."""
    params = params or CopyParams()
    fp = fingerprint(text, masked, params.fingerprint)
    candidates: CandidateParams = params.candidates
    bands = band_keys(fp.hashvalues.astype(np.uint64)[None, :], candidates)[0]
    return {"n_words": fp.n_words, "bands": _signed(bands), "anchors": _signed(fp.anchors)}
