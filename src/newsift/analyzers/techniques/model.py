"""The persuasion-technique model: a MiniLM token tagger plus a span classifier.

Everything here is plain numpy, shared by the run-time analyzer (onnxruntime) and by the
training script (torch), so that both lay out windows, decode spans and build span
features in exactly the same way.

- **Windows.** An article is tokenised once (word pieces with character offsets) and read
  in overlapping windows of :data:`WINDOW` pieces; each piece takes its state from the
  window where it sits furthest from an edge, so every piece sees context on both sides.
- **Span identification.** A token head gives, per piece, the probability that it lies
  in a propaganda span (column 0) and in a span of each technique (columns 1–14). Runs of
  pieces at or above a threshold become spans, widened to whole words.
- **Technique classification.** A span is described by the mean, max, first and last
  piece states plus two scalars (its length and how often its text recurs in the
  article); a small head turns that into a distribution over the 14 techniques.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from newsift.encoder.windows import HIDDEN, FloatArray, Pieces, piece_range

#: Scalars appended to the pooled states of a span.
EXTRA_FEATURES = 2
SPAN_FEATURES = 4 * HIDDEN + EXTRA_FEATURES


def sigmoid(values: FloatArray) -> FloatArray:
    result: FloatArray = (1.0 / (1.0 + np.exp(-values))).astype(np.float32)
    return result


#: Characters that join two parts of one word: "church-goers", "won’t", "Assange's".
WORD_JOINERS = "-'’‐‑"
#: Punctuation a span does not start with (it belongs to what comes before) ...
_NOT_FIRST = ",;:.!?)]}…—–-’” \t\n\r\xa0"
#: ... and does not end with (it belongs to what comes after).
_NOT_LAST = ",;:([{—–-“‘ \t\n\r\xa0"


def _one_word(text: str, left: int) -> bool:
    """Whether the characters at ``left`` and ``left + 1`` belong to one word."""
    a, b = text[left], text[left + 1]
    if a.isalnum() and b.isalnum():
        return True
    if a in WORD_JOINERS and b.isalnum():
        return left > 0 and text[left - 1].isalnum()
    if b in WORD_JOINERS and a.isalnum():
        return left + 2 < len(text) and text[left + 2].isalnum()
    return False


def widen_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Grow ``start:end`` to whole words, then trim the punctuation at its edges.

    A span never cuts a word in two, hyphenated words and contractions included, and never
    starts with a comma, a closing bracket or quote, or a dash (nor ends with an opening
    one): those belong to the text around it. The result may be empty (``start == end``).
    """
    while start > 0 and start < len(text) and _one_word(text, start - 1):
        start -= 1
    while 0 < end < len(text) and _one_word(text, end - 1):
        end += 1
    while start < end and text[start] in _NOT_FIRST:
        start += 1
    while end > start and text[end - 1] in _NOT_LAST:
        end -= 1
    return start, end


#: Decoded spans shorter than this many characters ("a", "of") are dropped.
MIN_SPAN_CHARS = 3


def decode_spans(
    text: str, pieces: Pieces, span_probs: FloatArray, threshold: float, low: float | None = None
) -> list[tuple[int, int, float, int, int]]:
    """Spans as (start, end, mean prob, first, last), decoded with hysteresis.

    A span starts at a piece with probability ≥ ``threshold`` and grows to both sides over
    pieces with probability ≥ ``low`` (default: ``threshold``, plain runs). ``first`` and
    ``last`` are piece indices (inclusive); character spans are widened to whole words,
    spans that then overlap are merged, and spans under :data:`MIN_SPAN_CHARS` are dropped.
    """
    floor = threshold if low is None else min(low, threshold)
    spans: list[tuple[int, int, float, int, int]] = []
    i, n = 0, len(pieces)
    while i < n:
        if span_probs[i] < threshold:
            i += 1
            continue
        first, last = i, i
        while first > 0 and span_probs[first - 1] >= floor:
            first -= 1
        while last + 1 < n and span_probs[last + 1] >= floor:
            last += 1
        start, end = widen_to_words(
            text, int(pieces.offsets[first, 0]), int(pieces.offsets[last, 1])
        )
        if spans and start < spans[-1][1]:
            prev = spans.pop()
            first, start, end = min(first, prev[3]), prev[0], max(end, prev[1])
        spans.append((start, end, float(span_probs[first : last + 1].mean()), first, last))
        i = last + 1
    return [span for span in spans if span[1] - span[0] >= MIN_SPAN_CHARS]


RepeatCounter = Callable[[int, int], int]


def repeat_counter(text: str) -> RepeatCounter:
    """``count(start, end)``: how many other times the words of ``text[start:end]`` occur in
    ``text`` (case-insensitive, whitespace-normalised). The normalised article is built once,
    not once per span (which made long articles quadratic)."""
    haystack = " ".join(text.lower().split())

    def count(start: int, end: int) -> int:
        needle = " ".join(text[start:end].lower().split())
        if len(needle) < 3:
            return 0
        return max(haystack.count(needle) - 1, 0)

    return count


def extra_features(n_pieces: int, n_repeats: int) -> list[float]:
    """The two scalars appended to a span's pooled states."""
    return [math.log1p(n_pieces) / 5.0, math.log1p(n_repeats)]


def span_features(states: FloatArray, first: int, last: int, n_repeats: int) -> FloatArray:
    """Mean, max, first and last piece states of pieces ``first..last`` plus the scalars."""
    block = states[first : last + 1]
    return np.concatenate(
        [
            block.mean(axis=0),
            block.max(axis=0),
            states[first],
            states[last],
            np.asarray(extra_features(last - first + 1, n_repeats), dtype=np.float32),
        ]
    ).astype(np.float32)


def span_feature_rows(
    text: str, pieces: Pieces, states: FloatArray, spans: Sequence[tuple[int, int]]
) -> FloatArray:
    """:func:`span_features` for given character spans, one row each (zeros for a span
    that covers no word piece, such as whitespace)."""
    rows = np.zeros((len(spans), SPAN_FEATURES), dtype=np.float32)
    repeats = repeat_counter(text)
    for row, (start, end) in enumerate(spans):
        found = piece_range(pieces, start, end)
        if found is not None:
            rows[row] = span_features(states, *found, repeats(start, end))
    return rows


def softmax(values: FloatArray) -> FloatArray:
    shifted = values - values.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    result: FloatArray = (exp / exp.sum(axis=-1, keepdims=True)).astype(np.float32)
    return result
