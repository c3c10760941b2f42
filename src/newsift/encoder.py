"""The shared sentence encoder: all-MiniLM-L6-v2 as int8 ONNX, run with onnxruntime.

One encoder, several small heads: learned analyzers ask this module for sentence
embeddings (or token states) instead of loading a model of their own. No torch at run
time; the model files ship in ``newsift/models/minilm`` (see its model card).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from newsift.errors import Errors, ModelNotFoundError
from newsift.model import ModelInfo
from newsift.settings import onnx_threads

#: Folder of the shipped encoder inside the package.
MODEL_DIR = Path(str(files("newsift") / "models" / "minilm"))
#: Longest input in word pieces; longer sentences are truncated (news sentences rarely are).
MAX_TOKENS = 128
#: Sentences encoded together.
BATCH_SIZE = 32
ENCODER_INFO = ModelInfo("all-MiniLM-L6-v2 int8 onnx", "1")

FloatArray = npt.NDArray[np.float32]


@dataclass(frozen=True)
class Encoder:
    """An ONNX sentence encoder and its tokenizer; create once with :func:`shared_encoder`."""

    session: Any  #: onnxruntime.InferenceSession
    tokenizer: Any  #: tokenizers.Tokenizer

    @classmethod
    def load(cls, model_dir: Path = MODEL_DIR, threads: int | None = None) -> Encoder:
        """Load ``encoder.onnx`` and ``tokenizer.json`` from ``model_dir``.

        Args:
            model_dir: Folder holding the two files.
            threads: onnxruntime intra-op threads (default: onnxruntime's choice).

        Raises:
            ModelNotFoundError: A file is missing (E036).
        """
        import onnxruntime
        from tokenizers import Tokenizer

        for name in ("encoder.onnx", "tokenizer.json"):
            if not (model_dir / name).is_file():
                raise ModelNotFoundError(Errors.E036, path=model_dir / name)
        options = onnxruntime.SessionOptions()
        if threads:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        session = onnxruntime.InferenceSession(
            str(model_dir / "encoder.onnx"), options, providers=["CPUExecutionProvider"]
        )
        tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_TOKENS)
        tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        return cls(session=session, tokenizer=tokenizer)

    def sentence_embeddings(self, texts: list[str]) -> FloatArray:
        """Mean-pooled, L2-normalised embeddings, one row of 384 floats per text.

        Texts are batched in order of length, so a batch is padded to similar lengths
        rather than to its longest member; rows come back in the order given.
        """
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        ordered = [texts[i] for i in order]
        rows = np.concatenate(
            [
                self._embed_batch(ordered[i : i + BATCH_SIZE])
                for i in range(0, len(ordered), BATCH_SIZE)
            ]
        )
        embeddings = np.empty_like(rows)
        embeddings[order] = rows
        return embeddings

    def _embed_batch(self, texts: list[str]) -> FloatArray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        (states,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask})
        weights = mask[..., None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        normalised: FloatArray = (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
        return normalised


@cache
def shared_encoder() -> Encoder:
    """The process-wide encoder, loaded on first use and reused by every analyzer."""
    return Encoder.load(threads=onnx_threads())
