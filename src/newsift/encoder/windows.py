"""How the encoder reads a text of any length: word pieces in overlapping windows.

An article is tokenised once (word pieces with character offsets) and read in overlapping
windows of :data:`WINDOW` pieces; each piece takes its state from the window where it sits
furthest from an edge, so every piece sees context on both sides. Plain numpy, shared by the
run-time encoder (onnxruntime) and the training scripts (torch), so that both lay out windows
in exactly the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
IntArray = npt.NDArray[np.int64]

#: Pieces per window, [CLS] and [SEP] included.
WINDOW = 256
#: Pieces of text per window.
CONTENT = WINDOW - 2
#: Distance between window starts: windows overlap by CONTENT - STRIDE pieces.
STRIDE = 192
HIDDEN = 384
#: Outputs of the encoder's token head per piece: in a persuasion span (column 0), then one
#: per technique of the techniques analyzer's glossary (its tests check that they agree).
N_TOKEN_OUTPUTS = 15
CLS_ID, SEP_ID, PAD_ID = 101, 102, 0

#: Runs the encoder: (input_ids [B, T], attention_mask [B, T]) ->
#: (states [B, T, H], logits [B, T, 15]).
Forward = Callable[[IntArray, IntArray], tuple[FloatArray, FloatArray]]


@dataclass(frozen=True)
class Pieces:
    """An article as word pieces: ids and character offsets (end exclusive)."""

    ids: IntArray  #: shape (n,)
    offsets: IntArray  #: shape (n, 2)

    def __len__(self) -> int:
        return int(self.ids.shape[0])


def tokenize(tokenizer: Any, text: str) -> Pieces:
    """Word pieces of ``text`` without special tokens (``tokenizers.Tokenizer``, no truncation)."""
    encoding = tokenizer.encode(text, add_special_tokens=False)
    ids = np.asarray(encoding.ids, dtype=np.int64)
    offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    return Pieces(ids=ids, offsets=offsets)


def window_starts(n: int, content: int = CONTENT, stride: int = STRIDE) -> list[int]:
    """First piece of each window, covering ``n`` pieces; the last window ends at ``n``."""
    if n <= content:
        return [0]
    starts = list(range(0, n - content, stride))
    starts.append(n - content)
    return starts


def owner_windows(n: int, starts: list[int], content: int = CONTENT) -> IntArray:
    """For each piece, the window in which it sits furthest from an edge."""
    positions = np.arange(n)
    best = np.zeros(n, dtype=np.int64)
    best_margin = np.full(n, -1, dtype=np.int64)
    for index, start in enumerate(starts):
        end = min(start + content, n)
        inside = (positions >= start) & (positions < end)
        # An article edge is not a window edge: no context is missing there.
        left = np.where(start == 0, n, positions - start)
        right = np.where(end == n, n, end - 1 - positions)
        margin = np.where(inside, np.minimum(left, right), -1)
        better = margin > best_margin
        best[better] = index
        best_margin[better] = margin[better]
    return best


def window_batch(
    ids: IntArray, starts: list[int], content: int = CONTENT
) -> tuple[IntArray, IntArray]:
    """Input ids and attention mask for the windows at ``starts``, padded to the longest."""
    rows = [ids[start : start + content] for start in starts]
    width = max(len(row) for row in rows) + 2
    batch = np.full((len(rows), width), PAD_ID, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for r, row in enumerate(rows):
        batch[r, 0] = CLS_ID
        batch[r, 1 : len(row) + 1] = row
        batch[r, len(row) + 1] = SEP_ID
        mask[r, : len(row) + 2] = 1
    return batch, mask


def run_windows(
    forward: Forward, pieces: Pieces, batch_size: int = 16
) -> tuple[FloatArray, FloatArray]:
    """Piece states (n, H) and token logits (n, 15) for a whole article."""
    n = len(pieces)
    if n == 0:
        return np.zeros((0, HIDDEN), np.float32), np.zeros((0, N_TOKEN_OUTPUTS), np.float32)
    starts = window_starts(n)
    owners = owner_windows(n, starts)
    states = np.zeros((n, HIDDEN), dtype=np.float32)
    logits = np.zeros((n, N_TOKEN_OUTPUTS), dtype=np.float32)
    for first in range(0, len(starts), batch_size):
        chunk = starts[first : first + batch_size]
        ids, mask = window_batch(pieces.ids, chunk)
        window_states, window_logits = forward(ids, mask)
        for offset, start in enumerate(chunk):
            index = first + offset
            owned = np.nonzero(owners == index)[0]
            states[owned] = window_states[offset, owned - start + 1]
            logits[owned] = window_logits[offset, owned - start + 1]
    return states, logits


def piece_range(pieces: Pieces, start: int, end: int) -> tuple[int, int] | None:
    """First and last piece (inclusive) overlapping characters ``start:end``, or None."""
    inside = np.nonzero((pieces.offsets[:, 0] < end) & (pieces.offsets[:, 1] > start))[0]
    if inside.size == 0:
        return None
    return int(inside[0]), int(inside[-1])
