"""Removing the exported encoder's NaN guards and repeated masks keeps its outputs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")  # the train extra

from newsift.onnx_session import cpu_session  # noqa: E402
from newsift.train.onnx_graph import simplify_file  # noqa: E402


def _attention_like_model() -> object:
    """Two 'layers', each rebuilding the additive mask and guarding its softmax against NaN."""
    from onnx import TensorProto, helper

    def constant(name: str, value: float) -> object:
        return helper.make_node(
            "Constant", [], [name], value=helper.make_tensor(name, TensorProto.FLOAT, [], [value])
        )

    nodes = []
    x = "scores"
    for layer in range(2):
        nodes += [
            constant(f"zero{layer}", 0.0),
            constant(f"minus{layer}", float("-inf")),
            helper.make_node("Where", ["mask", f"zero{layer}", f"minus{layer}"], [f"add{layer}"]),
            helper.make_node("Add", [x, f"add{layer}"], [f"masked{layer}"]),
            helper.make_node("Softmax", [f"masked{layer}"], [f"p{layer}"], axis=-1),
            helper.make_node("IsNaN", [f"p{layer}"], [f"nan{layer}"]),
            constant(f"fill{layer}", 0.0),
            helper.make_node("Where", [f"nan{layer}", f"fill{layer}", f"p{layer}"], [f"g{layer}"]),
        ]
        x = f"g{layer}"
    nodes.append(helper.make_node("Identity", [x], ["out"]))
    graph = helper.make_graph(
        nodes,
        "attention",
        [
            helper.make_tensor_value_info("scores", TensorProto.FLOAT, [2, 4, 4]),
            helper.make_tensor_value_info("mask", TensorProto.BOOL, [2, 4, 4]),
        ],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, [2, 4, 4])],
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def test_simplified_graph_gives_the_same_outputs_with_fewer_nodes(tmp_path: Path) -> None:
    path, out = tmp_path / "model.onnx", tmp_path / "simple.onnx"
    onnx.save(_attention_like_model(), str(path))
    removed = simplify_file(path, out)
    kept = [node.op_type for node in onnx.load(str(out)).graph.node]
    assert "IsNaN" not in kept
    assert kept.count("Where") == 1  # one mask for both layers
    assert removed == 9  # 2 guards (Where, IsNaN, fill), 1 repeated mask (Where, 2 constants)
    rng = np.random.default_rng(0)
    feeds = {
        "scores": rng.normal(size=(2, 4, 4)).astype(np.float32),
        "mask": np.tril(np.ones((4, 4), dtype=bool))[None].repeat(2, axis=0),
    }
    before = cpu_session(path).run(None, feeds)[0]
    after = cpu_session(out).run(None, feeds)[0]
    assert np.array_equal(before, after)
