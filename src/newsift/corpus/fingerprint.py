"""Text fingerprints for copy detection: normalised words, shingles, MinHash and anchor keys.

Public API::

    tokenize(text, masked=()) -> Tokens            # lower-cased words with character offsets
    fingerprint(text, masked=(), params=FingerprintParams()) -> Fingerprint
    Fingerprint.to_bytes() / Fingerprint.from_bytes(data)   # compact, versioned
    Fingerprint.minhash() -> datasketch.LeanMinHash
    jaccard(a, b) -> float                         # refuses mismatched num_perm / seed

A text is read as a sequence of words (``\\w+`` runs, lower-cased; in the scripts written
without spaces between words — Chinese, Japanese kana, Thai, Lao, Khmer, Myanmar — each
character is a word, so a copy in those languages has shingles too); spans in ``masked`` (the
outlet's boilerplate lines, see :mod:`newsift.corpus.boilerplate`) are left out, and offsets
always index the original text. Each word is hashed once (BLAKE2b, stable across processes
and machines, unlike Python's ``hash``), and word n-grams are hashed by a polynomial over
the word hashes in wrapping 64-bit arithmetic, vectorised with numpy.

Two sketches are kept:

- a MinHash (datasketch, ``affine32`` scheme) of the ``shingle_size``-word shingles, for
  LSH candidates of near-duplicates;
- *anchor keys*: a winnowed sample (Schleimer, Wilkerson & Aiken, SIGMOD 2003) of the
  ``anchor_size``-word n-gram hashes. Any passage of at least
  ``anchor_size + winnow_window - 1`` words that two texts share yields at least one common
  key, so excerpts and partial copies are found even when their Jaccard similarity is tiny.
  The candidate index ignores keys that too many articles share (those n-grams are not
  rare: stock phrases, common quotes).
"""

from __future__ import annotations

import hashlib
import re
import struct
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from datasketch import LeanMinHash, MinHash

from newsift.errors import ConfigError, Errors, NewsiftError

#: Version of the byte layout written by :meth:`Fingerprint.to_bytes`.
FORMAT_VERSION = 2  # 2: characters of unspaced scripts are words
_MAGIC = b"NSFP"
_HEADER = struct.Struct("<4sBHIBBBII")  # magic, version, num_perm, seed, k, anchor k, window,
#                                          n_words, n_anchors
#: Scripts written without spaces between words: each character counts as a word.
_UNSPACED = (
    "\u0e00-\u0e7f\u0e80-\u0eff\u1000-\u109f\u1780-\u17ff"  # Thai, Lao, Myanmar, Khmer
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # kana, CJK ideographs
)
_WORD = re.compile(rf"[{_UNSPACED}]|[^\W{_UNSPACED}]+")
_POLY = np.uint64(0x9E3779B97F4A7C15)  # odd 64-bit multiplier (golden ratio) for n-gram hashes
_SCHEME = "affine32"

U64Array = npt.NDArray[np.uint64]


class FingerprintError(NewsiftError, ValueError):
    """Fingerprints that can't be read or compared."""


@dataclass(frozen=True)
class FingerprintParams:
    """Parameters every fingerprint compared with another must share.

    Attributes:
        num_perm: MinHash permutations.
        seed: MinHash seed.
        shingle_size: Words per MinHash shingle.
        anchor_size: Words per anchor n-gram.
        winnow_window: Winnowing window (in n-grams) for the anchor keys.
    """

    num_perm: int = 128
    seed: int = 1
    shingle_size: int = 5
    anchor_size: int = 6
    winnow_window: int = 8


@dataclass(frozen=True)
class Tokens:
    """Lower-cased words of a text with their character spans (masked spans left out)."""

    words: list[str]
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]

    def __len__(self) -> int:
        return len(self.words)


@dataclass(frozen=True, eq=False)
class Fingerprint:
    """A text's sketches, small enough to store beside it and ship to Spark executors.

    Attributes:
        params: The parameters it was made with (checked when comparing).
        hashvalues: MinHash values (``num_perm`` unsigned 32-bit integers).
        anchors: Sorted, distinct anchor keys (unsigned 64-bit).
        n_words: Words fingerprinted (masked words excluded).
    """

    params: FingerprintParams
    hashvalues: npt.NDArray[np.uint32]
    anchors: U64Array
    n_words: int

    def minhash(self) -> LeanMinHash:
        """The datasketch MinHash (lean: read-only) of the text's shingles."""
        return LeanMinHash(seed=self.params.seed, hashvalues=self.hashvalues, scheme=_SCHEME)

    def to_bytes(self) -> bytes:
        """Compact little-endian bytes: a versioned header, the MinHash values, the anchors."""
        p = self.params
        header = _HEADER.pack(
            _MAGIC,
            FORMAT_VERSION,
            p.num_perm,
            p.seed,
            p.shingle_size,
            p.anchor_size,
            p.winnow_window,
            self.n_words,
            len(self.anchors),
        )
        return (
            header
            + self.hashvalues.astype("<u4", copy=False).tobytes()
            + self.anchors.astype("<u8", copy=False).tobytes()
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Fingerprint:
        """Read bytes written by :meth:`to_bytes`.

        Raises:
            FingerprintError: E146 when the bytes are not a fingerprint of a known version.
        """
        if len(data) < _HEADER.size:
            raise FingerprintError(Errors.E146, detail=f"{len(data)} bytes, too short")
        magic, version, num_perm, seed, k, ak, window, n_words, n_anchors = _HEADER.unpack_from(
            data
        )
        if magic != _MAGIC:
            raise FingerprintError(Errors.E146, detail="no fingerprint header")
        if version != FORMAT_VERSION:
            raise FingerprintError(
                Errors.E146, detail=f"format version {version}, this newsift reads {FORMAT_VERSION}"
            )
        expected = _HEADER.size + 4 * num_perm + 8 * n_anchors
        if len(data) != expected:
            raise FingerprintError(
                Errors.E146, detail=f"{len(data)} bytes where the header announces {expected}"
            )
        off = _HEADER.size
        hv = np.frombuffer(data, dtype="<u4", count=num_perm, offset=off).astype(np.uint32)
        anchors = np.frombuffer(data, dtype="<u8", count=n_anchors, offset=off + 4 * num_perm)
        params = FingerprintParams(num_perm, seed, k, ak, window)
        return cls(params, hv, anchors.astype(np.uint64), n_words)


def tokenize(text: str, masked: Sequence[tuple[int, int]] = ()) -> Tokens:
    """Split ``text`` into lower-cased words with character offsets.

    Args:
        text: The article text.
        masked: Character spans ``(start, end)`` whose words are left out (boilerplate).

    Returns:
        The words and their ``[start, end)`` spans in ``text``.
    """
    words: list[str] = []
    spans: list[int] = []
    for m in _WORD.finditer(text):
        words.append(m.group().lower())
        spans.extend(m.span())
    arr = np.asarray(spans, dtype=np.int64).reshape(-1, 2)
    starts, ends = arr[:, 0], arr[:, 1]
    if masked and len(words):
        keep = np.ones(len(words), dtype=bool)
        for start, end in masked:
            keep &= ~((starts < end) & (ends > start))
        words = [w for w, k in zip(words, keep.tolist(), strict=True) if k]
        starts, ends = starts[keep], ends[keep]
    return Tokens(words, starts, ends)


def blank_out(text: str, masked: Sequence[tuple[int, int]]) -> str:
    """``text`` with the ``masked`` spans replaced by spaces (offsets unchanged)."""
    if not masked:
        return text
    parts: list[str] = []
    pos = 0
    for start, end in sorted(masked):
        start = max(start, pos)
        if end <= start:
            continue
        parts.append(text[pos:start])
        parts.append(" " * (end - start))
        pos = end
    parts.append(text[pos:])
    return "".join(parts)


class _WordHashes(dict[str, int]):
    """Memoised BLAKE2b word hashes; a miss computes (and, below the limit, keeps) the hash."""

    limit = 2_000_000

    def __missing__(self, word: str) -> int:
        digest = hashlib.blake2b(word.encode("utf-8"), digest_size=8).digest()
        h = int.from_bytes(digest, "little")
        if len(self) < self.limit:
            self[word] = h
        return h


_WORD_HASHES = _WordHashes()


def word_hashes(words: Sequence[str]) -> U64Array:
    """Stable 64-bit hashes of words (BLAKE2b; memoised per process)."""
    return np.fromiter(map(_WORD_HASHES.__getitem__, words), dtype=np.uint64, count=len(words))


def ngram_hashes(hashes: U64Array, n: int) -> U64Array:
    """Hashes of the word n-grams: ``out[i]`` covers words ``i .. i+n-1`` (empty if too short)."""
    count = len(hashes) - n + 1
    if count <= 0:
        return np.empty(0, dtype=np.uint64)
    acc = hashes[:count].copy()
    for j in range(1, n):
        acc *= _POLY
        acc ^= hashes[j : j + count]
    # MurmurHash3's 64-bit finaliser, so that the high and low bits are both well mixed
    acc ^= acc >> np.uint64(33)
    acc *= np.uint64(0xFF51AFD7ED558CCD)
    acc ^= acc >> np.uint64(33)
    return acc


def winnow(hashes: U64Array, window: int) -> U64Array:
    """The distinct minima of every ``window`` consecutive hashes, sorted."""
    if len(hashes) == 0:
        return hashes
    if len(hashes) <= window:
        return np.unique(hashes[[int(np.argmin(hashes))]])
    view = np.lib.stride_tricks.sliding_window_view(hashes, window)
    return np.unique(view.min(axis=1))


_PERMUTATIONS: dict[tuple[int, int], MinHash] = {}


def _template(params: FingerprintParams) -> MinHash:
    key = (params.num_perm, params.seed)
    if key not in _PERMUTATIONS:
        _PERMUTATIONS[key] = MinHash(num_perm=params.num_perm, seed=params.seed, scheme=_SCHEME)
    return _PERMUTATIONS[key]


def _fmix32(hv: npt.NDArray[np.uint32]) -> npt.NDArray[np.uint32]:
    # MurmurHash3's 32-bit finaliser, as datasketch applies it before its affine permutations
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def minhash_values(shingles: U64Array, params: FingerprintParams) -> npt.NDArray[np.uint32]:
    """MinHash values of 64-bit shingle hashes.

    The same values as datasketch's ``MinHash(num_perm, seed, scheme="affine32")`` fed the
    shingles' upper 32 bits through ``update_batch`` (a test checks it), computed as one
    numpy product instead of a Python loop over the shingles.
    """
    template = _template(params)
    if not len(shingles):
        return np.asarray(template.hashvalues, dtype=np.uint32).copy()
    a, b = (np.asarray(x, dtype=np.uint32) for x in template.permutations)
    hv = _fmix32((shingles >> np.uint64(32)).astype(np.uint32))  # repeats leave minima as they are
    phv = hv[:, None] * a[None, :] + b[None, :]
    return np.asarray(phv.min(axis=0), dtype=np.uint32)


def fingerprint(
    text: str,
    masked: Sequence[tuple[int, int]] = (),
    params: FingerprintParams | None = None,
) -> Fingerprint:
    """Fingerprint one text.

    Args:
        text: The article text.
        masked: Character spans to leave out (the outlet's boilerplate lines).
        params: Sketch parameters; every fingerprint compared must use the same.

    Returns:
        The text's :class:`Fingerprint`.
    """
    params = params or FingerprintParams()
    words = _WORD.findall(blank_out(text, masked).lower())
    hashes = word_hashes(words)
    shingles = ngram_hashes(hashes, min(params.shingle_size, max(len(hashes), 1)))
    anchors = winnow(ngram_hashes(hashes, params.anchor_size), params.winnow_window)
    return Fingerprint(params, minhash_values(shingles, params), anchors, len(words))


def check_compatible(a: Fingerprint, b: Fingerprint) -> None:
    """Raise E147 unless ``a`` and ``b`` were made with the same parameters."""
    if a.params != b.params:
        raise ConfigError(Errors.E147, left=a.params, right=b.params)


def jaccard(a: Fingerprint, b: Fingerprint) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets.

    Raises:
        ConfigError: E147 when the fingerprints were made with different parameters.
    """
    check_compatible(a, b)
    return float(np.mean(a.hashvalues == b.hashvalues))
