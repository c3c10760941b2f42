"""ONNX Runtime sessions configured the one way newsift runs them.

Every model newsift ships is run on the CPU by onnxruntime. The encoder runs in a thread
beside spaCy's parse, so its intra-op worker threads share the cores with Python. By default
onnxruntime's idle workers *spin* (busy-wait for the next operator), which burns the CPU
time the parse needs: with spinning off, a 2,200-word article costs about 20% less CPU and
finishes 60-100 ms sooner on 2 cores (``benchmarks/bench_pipeline.py``; docs/benchmarks.md).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


def session_options(threads: int | None = None) -> Any:
    """``onnxruntime.SessionOptions``: no spinning; ``threads`` intra-op threads if given."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.add_session_config_entry("session.inter_op.allow_spinning", "0")
    if threads:
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
    return options


def cpu_session(path: Path, threads: int | None = None) -> Any:
    """An ``onnxruntime.InferenceSession`` for ``path`` on the CPU (see :func:`session_options`)."""
    import onnxruntime

    return onnxruntime.InferenceSession(
        str(path), session_options(threads), providers=["CPUExecutionProvider"]
    )
