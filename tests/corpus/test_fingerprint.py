"""Fingerprints: stable hashing, compact versioned bytes, checked parameters, masked spans."""

from __future__ import annotations

import hashlib
import struct

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given
from hypothesis import strategies as st

from newsift.corpus.fingerprint import (
    Fingerprint,
    FingerprintError,
    FingerprintParams,
    fingerprint,
    jaccard,
    minhash_values,
    ngram_hashes,
    tokenize,
    winnow,
    word_hashes,
)
from newsift.errors import ConfigError
from tests.corpus.texts import OWN_TEXT, WIRE


def test_bytes_round_trip_keeps_every_field() -> None:
    fp = fingerprint(WIRE)
    back = Fingerprint.from_bytes(fp.to_bytes())
    assert back.params == fp.params
    assert back.n_words == fp.n_words
    assert np.array_equal(back.hashvalues, fp.hashvalues)
    assert np.array_equal(back.anchors, fp.anchors)
    assert jaccard(fp, back) == 1.0


def test_bytes_are_compact() -> None:
    fp = fingerprint(WIRE)
    assert len(fp.to_bytes()) == 22 + 4 * 128 + 8 * len(fp.anchors)


def test_same_text_same_bytes_across_calls() -> None:
    # word hashes are BLAKE2b, not Python's per-process salted hash()
    assert fingerprint(WIRE).to_bytes() == fingerprint(WIRE).to_bytes()
    expected = int.from_bytes(hashlib.blake2b(b"port", digest_size=8).digest(), "little")
    assert int(word_hashes(["port"])[0]) == expected


@pytest.mark.parametrize(
    ("data", "detail"),
    [
        (b"short", "too short"),
        (b"XXXX" + bytes(40), "no fingerprint header"),
    ],
)
def test_unreadable_bytes_are_e096(data: bytes, detail: str) -> None:
    with pytest.raises(FingerprintError, match=r"\[E146\].*" + detail):
        Fingerprint.from_bytes(data)


def test_other_version_is_e096() -> None:
    raw = bytearray(fingerprint(WIRE).to_bytes())
    raw[4] = 99
    with pytest.raises(FingerprintError, match=r"\[E146\] .*format version 99"):
        Fingerprint.from_bytes(bytes(raw))


def test_truncated_bytes_are_e096() -> None:
    raw = fingerprint(WIRE).to_bytes()
    with pytest.raises(FingerprintError, match=r"\[E146\].*the header announces"):
        Fingerprint.from_bytes(raw[:-8])


def test_mismatched_parameters_are_refused() -> None:
    a = fingerprint(WIRE)
    b = fingerprint(WIRE, params=FingerprintParams(seed=2))
    with pytest.raises(ConfigError, match=r"\[E147\]"):
        jaccard(a, b)


def test_minhash_matches_datasketch() -> None:
    shingles = ngram_hashes(word_hashes(WIRE.lower().split()), 5)
    m = MinHash(num_perm=128, seed=1, hashfunc=lambda x: x, scheme="affine32")
    m.update_batch((shingles >> np.uint64(32)).astype(np.uint32))
    assert np.array_equal(minhash_values(shingles, FingerprintParams()), m.hashvalues)
    fp = fingerprint(WIRE)
    assert fp.minhash().jaccard(fingerprint(WIRE).minhash()) == 1.0


def test_jaccard_orders_similarity() -> None:
    wire = fingerprint(WIRE)
    half = fingerprint("\n\n".join(WIRE.split("\n\n")[:3]))
    other = fingerprint(OWN_TEXT)
    assert jaccard(wire, other) < 0.05 < jaccard(wire, half) < 1.0


def test_masked_spans_leave_their_words_out() -> None:
    header = "Read more at Example Daily, your trusted source."
    text = header + "\n" + WIRE
    masked = fingerprint(text, masked=[(0, len(header))])
    assert masked.n_words == fingerprint(WIRE).n_words
    assert jaccard(masked, fingerprint(WIRE)) == 1.0


def test_winnowing_guarantees_a_shared_key_for_long_passages() -> None:
    params = FingerprintParams()
    words = WIRE.split()
    need = params.anchor_size + params.winnow_window - 1
    passage = " ".join(words[50 : 50 + need])
    a = fingerprint(OWN_TEXT + " " + passage)
    b = fingerprint(passage + " " + OWN_TEXT[::-1])
    assert set(a.anchors.tolist()) & set(b.anchors.tolist())


def test_winnow_of_short_input() -> None:
    hashes = np.asarray([5, 3, 9], dtype=np.uint64)
    assert winnow(hashes, 8).tolist() == [3]
    assert winnow(np.empty(0, dtype=np.uint64), 8).tolist() == []


def test_empty_text_has_an_empty_fingerprint() -> None:
    fp = fingerprint("")
    assert fp.n_words == 0
    assert len(fp.anchors) == 0
    assert Fingerprint.from_bytes(fp.to_bytes()).n_words == 0


def test_header_layout_is_little_endian() -> None:
    raw = fingerprint(WIRE).to_bytes()
    magic, version, num_perm = struct.unpack_from("<4sBH", raw)
    assert (magic, version, num_perm) == (b"NSFP", 2, 128)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Über", "port", "İstanbul", "naïve", "x1", "ß"]),
            st.text(" ,.-\n", max_size=3),
        ),
        max_size=30,
    )
)
def test_token_offsets_slice_their_words(parts: list[tuple[str, str]]) -> None:
    text = "".join(w + sep + " " for w, sep in parts)
    tokens = tokenize(text)
    for word, start, end in zip(tokens.words, tokens.starts, tokens.ends, strict=True):
        assert text[start:end].lower() == word
