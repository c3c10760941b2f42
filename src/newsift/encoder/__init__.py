"""The shared encoder: one MiniLM pass per article, read by every learned analyzer.

One encoder, several small heads. The encoder is all-MiniLM-L6-v2 fine-tuned for persuasion
techniques (``models/encoder/technique.onnx``, int8 ONNX; see the model card in
``models/techniques``). It reads an article once, in overlapping windows
(:mod:`newsift.encoder.windows`), and the result, a :class:`Reading` (word pieces, their
states and the token head's logits), is kept beside the Doc (:func:`reading_of`), not in
``doc.user_data``, so the Doc stays serialisable:

- the ``techniques`` analyzer decodes spans from the token logits and classifies them from
  the states;
- the ``claims`` analyzer mean-pools the states of each sentence (in its article context) and
  puts its logistic head on top.

No torch at run time: onnxruntime (:mod:`newsift.encoder.session`) and the ``tokenizers``
package only. The encoder sits below the analyzers and never imports one.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from threading import Lock
from typing import Any
from weakref import WeakKeyDictionary

import numpy as np
from spacy.tokens import Doc

from newsift.encoder import windows as ew
from newsift.encoder.session import cpu_session
from newsift.errors import Errors, ModelNotFoundError
from newsift.model import ModelInfo
from newsift.settings import encoder_threads

FloatArray = ew.FloatArray

#: Folder of the shipped encoder and its tokenizer inside the package.
MODEL_DIR = Path(str(files("newsift") / "models" / "encoder"))
ENCODER_FILE = "technique.onnx"
TOKENIZER_FILE = "tokenizer.json"
ENCODER_INFO = ModelInfo("newsift-encoder (MiniLM-L6, fine-tuned, int8 onnx)", "1.0.0")
#: Each Doc's reading (or the reading under way), while the Doc lives. Kept out of
#: ``doc.user_data``: a Future or arrays there would make the Doc unserialisable.
_READINGS: WeakKeyDictionary[Doc, Reading | Future[Reading]] = WeakKeyDictionary()
_READINGS_LOCK = Lock()  # the web app analyses in several threads
#: Isolated sentences encoded together by :meth:`Encoder.sentence_embeddings`.
BATCH_SIZE = 64


def normalised(rows: FloatArray) -> FloatArray:
    """Rows scaled to unit length (zero rows stay zero)."""
    norms = np.linalg.norm(rows, axis=-1, keepdims=True)
    result: FloatArray = (rows / np.maximum(norms, 1e-12)).astype(np.float32)
    return result


@dataclass(frozen=True)
class Reading:
    """An article as the encoder read it: word pieces, their states and token logits."""

    pieces: ew.Pieces
    states: FloatArray  #: (pieces, 384)
    logits: FloatArray  #: (pieces, 15): token head, column 0 = in a persuasion span

    def pooled(self, spans: Sequence[tuple[int, int]]) -> FloatArray:
        """Unit-length mean state of the pieces inside each character span, one row each."""
        rows = np.zeros((len(spans), ew.HIDDEN), dtype=np.float32)
        for row, (start, end) in enumerate(spans):
            found = ew.piece_range(self.pieces, start, end)
            if found is not None:
                rows[row] = self.states[found[0] : found[1] + 1].mean(axis=0)
        return normalised(rows)


@dataclass(frozen=True)
class Encoder:
    """The ONNX encoder and its tokenizer; create once with :func:`shared_encoder`."""

    session: Any  #: onnxruntime.InferenceSession: ids, mask -> states, token logits
    tokenizer: Any  #: tokenizers.Tokenizer (no truncation, no padding)

    @classmethod
    def load(cls, model_dir: Path = MODEL_DIR, threads: int | None = None) -> Encoder:
        """Load the encoder and tokenizer from ``model_dir``.

        Raises:
            ModelNotFoundError: A file is missing (E083).
        """
        from tokenizers import Tokenizer

        for name in (ENCODER_FILE, TOKENIZER_FILE):
            if not (model_dir / name).is_file():
                raise ModelNotFoundError(Errors.E083, path=model_dir / name)
        session = cpu_session(model_dir / ENCODER_FILE, threads)
        tokenizer = Tokenizer.from_file(str(model_dir / TOKENIZER_FILE))
        tokenizer.no_truncation()
        tokenizer.no_padding()
        return cls(session=session, tokenizer=tokenizer)

    def forward(self, ids: ew.IntArray, mask: ew.IntArray) -> tuple[FloatArray, FloatArray]:
        """Run the encoder on a batch of windows: piece states and token logits."""
        states, logits = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
        return states, logits

    def read(self, text: str) -> Reading:
        """Read a whole article in overlapping windows."""
        pieces = ew.tokenize(self.tokenizer, text)
        states, logits = ew.run_windows(self.forward, pieces)
        return Reading(pieces, states, logits)

    def sentence_embeddings(self, texts: Sequence[str]) -> FloatArray:
        """Unit-length mean states of sentences read on their own (no article around them).

        For sentence lists without their articles (``newsift eval checkworthy``, training).
        Sentences are batched by length; rows come back in the order given.
        """
        rows = np.zeros((len(texts), ew.HIDDEN), dtype=np.float32)
        pieces = [ew.tokenize(self.tokenizer, t).ids[: ew.CONTENT] for t in texts]
        order = sorted(range(len(texts)), key=lambda i: len(pieces[i]))
        for first in range(0, len(order), BATCH_SIZE):
            chunk = [i for i in order[first : first + BATCH_SIZE] if len(pieces[i])]
            if not chunk:
                continue
            width = max(len(pieces[i]) for i in chunk) + 2
            ids = np.full((len(chunk), width), ew.PAD_ID, dtype=np.int64)
            mask = np.zeros_like(ids)
            for r, i in enumerate(chunk):
                n = len(pieces[i])
                ids[r, 0], ids[r, 1 : n + 1], ids[r, n + 1] = ew.CLS_ID, pieces[i], ew.SEP_ID
                mask[r, : n + 2] = 1
            states, _ = self.forward(ids, mask)
            for r, i in enumerate(chunk):
                rows[i] = states[r, 1 : len(pieces[i]) + 1].mean(axis=0)
        return normalised(rows)


@cache
def shared_encoder() -> Encoder:
    """The process-wide encoder, loaded on first use and reused by every analyzer, with
    :func:`~newsift.settings.encoder_threads` threads."""
    return Encoder.load(threads=encoder_threads())


def start_reading(doc: Doc, executor: Executor, encoder: Encoder | None = None) -> None:
    """Start reading the Doc's text in ``executor``; :func:`reading_of` collects the result."""
    future = executor.submit((encoder or shared_encoder()).read, doc.text)
    with _READINGS_LOCK:
        _READINGS[doc] = future


def move_reading(source: Doc, target: Doc) -> None:
    """Hand ``source``'s reading (started or done) to ``target``, a Doc with the same text
    (a long article parsed in pieces and joined)."""
    with _READINGS_LOCK:
        reading = _READINGS.pop(source, None)
        if reading is not None:
            _READINGS[target] = reading


def reading_of(doc: Doc, encoder: Encoder | None = None) -> Reading:
    """The Doc's :class:`Reading`: the one started by :func:`start_reading`, or made now.

    Either way it is kept while the Doc lives, so every analyzer gets the same reading.
    """
    with _READINGS_LOCK:
        reading = _READINGS.get(doc)
    if isinstance(reading, Future):
        reading = reading.result()
    if reading is None:
        reading = (encoder or shared_encoder()).read(doc.text)
    with _READINGS_LOCK:
        _READINGS[doc] = reading
    return reading
