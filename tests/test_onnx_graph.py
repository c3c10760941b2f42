"""Removing the exported encoder's NaN guards and repeated masks keeps its outputs."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

onnx = pytest.importorskip("onnx")  # the train extra

from newsift.encoder.session import cpu_session  # noqa: E402
from newsift.train.onnx_graph import fuse_attention, simplify_file  # noqa: E402


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


HEADS, SIZE, TOKENS = 2, 4, 5


def _sdpa_like_model() -> object:
    """One attention layer as PyTorch's SDPA export writes it (hidden 8, 2 heads)."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(1)
    hidden = HEADS * SIZE

    def constant(name: str, value: object, dtype: object = np.float32) -> object:
        return helper.make_node(
            "Constant", [], [name], value=numpy_helper.from_array(np.asarray(value, dtype), name)
        )

    weights = [
        numpy_helper.from_array(rng.normal(size=(hidden, hidden)).astype(np.float32), f"w{n}")
        for n in "qkv"
    ]
    scale = float(SIZE**-0.25)
    nodes = [
        constant("heads_shape", [0, 0, HEADS, SIZE], np.int64),
        constant("merged_shape", [0, 0, hidden], np.int64),
        constant("same_shape", [0, 0, 0, 0], np.int64),
        constant("scale", scale),
        constant("zero", 0.0),
        constant("minus", -np.inf),
        helper.make_node("Cast", ["attention_mask"], ["keep"], to=TensorProto.BOOL),
        constant("axes", [1, 2], np.int64),
        helper.make_node("Unsqueeze", ["keep", "axes"], ["keep4"]),
        helper.make_node("Where", ["keep4", "zero", "minus"], ["mask_add"]),
    ]
    for name, perm in (("q", [0, 2, 1, 3]), ("k", [0, 2, 3, 1]), ("v", [0, 2, 1, 3])):
        nodes += [
            helper.make_node("MatMul", ["x", f"w{name}"], [f"{name}_proj"]),
            helper.make_node("Reshape", [f"{name}_proj", "heads_shape"], [f"{name}_heads"]),
            helper.make_node("Transpose", [f"{name}_heads"], [f"{name}_t"], perm=perm),
        ]
    nodes += [
        helper.make_node("Mul", ["q_t", "scale"], ["q_s"]),
        helper.make_node("Mul", ["k_t", "scale"], ["k_s"]),
        helper.make_node("MatMul", ["q_s", "k_s"], ["scores"]),
        helper.make_node("Add", ["scores", "mask_add"], ["masked"]),
        helper.make_node("Softmax", ["masked"], ["p"], axis=-1),
        helper.make_node("MatMul", ["p", "v_t"], ["context_heads"]),
        helper.make_node("Reshape", ["context_heads", "same_shape"], ["context_same"]),
        helper.make_node("Transpose", ["context_same"], ["context_t"], perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["context_t", "merged_shape"], ["context"]),
        helper.make_node("Identity", ["context"], ["out"]),
    ]
    graph = helper.make_graph(
        nodes,
        "sdpa",
        [
            helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, TOKENS, hidden]),
            helper.make_tensor_value_info("attention_mask", TensorProto.INT64, [2, TOKENS]),
        ],
        [helper.make_tensor_value_info("out", TensorProto.FLOAT, [2, TOKENS, hidden])],
        initializer=weights,
    )
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])


def test_fused_attention_gives_the_same_outputs(tmp_path: Path) -> None:
    path, out = tmp_path / "model.onnx", tmp_path / "fused.onnx"
    model = _sdpa_like_model()
    onnx.save(model, str(path))
    assert fuse_attention(model, num_heads=HEADS) == 1
    onnx.checker.check_model(model)
    onnx.save(model, str(out))
    kept = [node.op_type for node in onnx.load(str(out)).graph.node]
    assert "Softmax" not in kept and kept.count("MultiHeadAttention") == 1
    rng = np.random.default_rng(2)
    mask = np.ones((2, TOKENS), dtype=np.int64)
    mask[1, 3:] = 0  # the second window is padded
    feeds = {"x": rng.normal(size=(2, TOKENS, HEADS * SIZE)).astype(np.float32)}
    feeds["attention_mask"] = mask
    before = cpu_session(path).run(None, feeds)[0]
    after = cpu_session(out).run(None, feeds)[0]
    np.testing.assert_allclose(after, before, rtol=1e-5, atol=1e-5)


def test_attention_without_the_padding_mask_is_left_alone() -> None:
    model = _attention_like_model()  # its mask is a graph input, not attention_mask
    assert fuse_attention(model) == 0
