#!/usr/bin/env python3
"""Fused attention against ONNX Runtime (ctest label `e2e`).

Builds small ONNX graphs of scaled dot-product attention in the forms
exporters write (Div or Mul scaling, an additive mask that broadcasts, a
Where with a causal condition, neither), with sizes that exercise the
kernel's edges: query rows not a multiple of the 4-row block, keys not a
multiple of the vector width, value size different from the head size,
several batches, heads split off by Reshape + Transpose as BERT does. For
each: mlc-compile --report must list one `attention` kernel (the subgraph
was fused) and only the other kernels expected (K's transpose, which the
kernel does not absorb, and the copy of the merged heads into the output
buffer), and mlc-run's outputs
must match ONNX Runtime's within rtol 1e-4, atol 1e-5 (fp32 sums of at most
64 products of values of magnitude ~1, taken in another order).

Every case is compiled twice: for this CPU (AVX-512 where it has it) and for
x86-64-v3 (AVX2: 8 lanes, smaller register tiles).

A last case checks that a subgraph that must not be fused (the scores are
also a graph output) is left as it is and still computes the same.
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import fusion_check

RTOL, ATOL = 1e-4, 1e-5


def const(name, array):
    return numpy_helper.from_array(np.asarray(array), name)


def build(name, b, h, l, t, e, f, scaling="div", mask=None, causal=False,
          expose_scores=False):
    """q (b,h,l,e), k given transposed (b,h,e,t), v (b,h,t,f)."""
    inputs = [
        helper.make_tensor_value_info("q", TensorProto.FLOAT, [b, h, l, e]),
        helper.make_tensor_value_info("kt", TensorProto.FLOAT, [b, h, e, t]),
        helper.make_tensor_value_info("v", TensorProto.FLOAT, [b, h, t, f]),
    ]
    inits = []
    nodes = [helper.make_node("MatMul", ["q", "kt"], ["s0"])]
    s = "s0"
    if scaling == "div":
        inits.append(const("c", np.float32(np.sqrt(e))))
        nodes.append(helper.make_node("Div", [s, "c"], ["s1"]))
        s = "s1"
    elif scaling == "mul":
        inits.append(const("c", np.array([1.0 / np.sqrt(e)], np.float32)))
        nodes.append(helper.make_node("Mul", ["c", s], ["s1"]))
        s = "s1"
    if mask is not None:
        inputs.append(helper.make_tensor_value_info("mask", TensorProto.FLOAT,
                                                    list(mask)))
        nodes.append(helper.make_node("Add", [s, "mask"], ["s2"]))
        s = "s2"
    if causal:
        keep = np.tril(np.ones((l, t), bool), t - l)
        inits += [const("keep", keep), const("neg", np.float32(-1e4))]
        nodes.append(helper.make_node("Where", ["keep", s, "neg"], ["s3"]))
        s = "s3"
    nodes.append(helper.make_node("Softmax", [s], ["p"], axis=-1))
    nodes.append(helper.make_node("MatMul", ["p", "v"], ["y"]))
    outputs = [helper.make_tensor_value_info("y", TensorProto.FLOAT,
                                             [b, h, l, f])]
    if expose_scores:
        outputs.append(helper.make_tensor_value_info(
            s, TensorProto.FLOAT, [b, h, l, t]))
    graph = helper.make_graph(nodes, name, inputs, outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def build_split_heads(name, b, l, h, e):
    """BERT's wiring: x (b, l, h*e) split into heads by Reshape + Transpose
    for q, k (to (b, h, e, l)) and v, the output transposed back and merged.
    The transposes that keep the innermost dimension are absorbed into the
    kernel; K's is not."""
    x = [helper.make_tensor_value_info(n, TensorProto.FLOAT, [b, l, h * e])
         for n in ("xq", "xk", "xv")]
    inits = [const("split", np.array([b, l, h, e], np.int64)),
             const("merge", np.array([b, l, h * e], np.int64)),
             const("c", np.float32(np.sqrt(e)))]
    nodes = []
    for n, perm in (("q", [0, 2, 1, 3]), ("k", [0, 2, 3, 1]),
                    ("v", [0, 2, 1, 3])):
        nodes.append(helper.make_node("Reshape", ["x" + n, "split"], [n + "4"]))
        nodes.append(helper.make_node("Transpose", [n + "4"], [n + "t"],
                                      perm=perm))
    nodes += [
        helper.make_node("MatMul", ["qt", "kt"], ["s0"]),
        helper.make_node("Div", ["s0", "c"], ["s1"]),
        helper.make_node("Softmax", ["s1"], ["p"], axis=3),
        helper.make_node("MatMul", ["p", "vt"], ["y4"]),
        helper.make_node("Transpose", ["y4"], ["yt"], perm=[0, 2, 1, 3]),
        helper.make_node("Reshape", ["yt", "merge"], ["y"]),
    ]
    out = helper.make_tensor_value_info("y", TensorProto.FLOAT, [b, l, h * e])
    graph = helper.make_graph(nodes, name, x, [out], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


CASES = [
    # name, b, h, l, t, e, f, options, kernels expected (None: not fused)
    ("bert_like", 1, 12, 128, 128, 64, 64,
     dict(scaling="div", mask=(1, 1, 1, 128)), ["attention"]),
    ("gpt2_like", 1, 4, 64, 64, 64, 64,
     dict(scaling="div", causal=True), ["attention"]),
    ("ragged", 2, 3, 13, 37, 24, 40,
     dict(scaling="mul", mask=(2, 1, 13, 37)), ["attention"]),
    ("unscaled_long_keys", 1, 2, 5, 300, 16, 8, dict(scaling=None), ["attention"]),
    ("full_mask_tail_rows", 1, 1, 7, 20, 3, 17,
     dict(scaling="div", mask=(1, 1, 7, 20), causal=True), ["attention"]),
    ("row_mask_rank3", 1, 3, 6, 33, 8, 8,
     dict(scaling="div", mask=(3, 6, 1)), ["attention"]),
    ("split_heads", 2, 4, 24, 24, 16, 16, dict(split=True),
     ["attention", "elementwise", "elementwise"]),
    ("scores_also_output", 1, 2, 8, 16, 8, 8,
     dict(scaling="div", expose_scores=True), None),
]


def main():
    args = fusion_check.parse_args()
    rng = np.random.default_rng(7)
    failures = 0
    for name, b, h, l, t, e, f, opts, fused in CASES:
        if opts.get("split"):
            model = build_split_heads(name, b, l, h, e)
        else:
            model = build(name, b, h, l, t, e, f, **opts)
        feeds = {
            "xq": rng.standard_normal((b, l, h * e), np.float32),
            "xk": rng.standard_normal((b, l, h * e), np.float32),
            "xv": rng.standard_normal((b, l, h * e), np.float32),
        } if opts.get("split") else {
            "q": rng.standard_normal((b, h, l, e), np.float32),
            "kt": rng.standard_normal((b, h, e, t), np.float32),
            "v": rng.standard_normal((b, h, t, f), np.float32),
        }
        if opts.get("mask"):
            m = np.where(rng.random(opts["mask"]) < 0.25, -1e4, 0.0)
            feeds["mask"] = m.astype(np.float32)

        def expect(rows, fused=fused):
            kinds = [kind for kind, _ in rows]
            if fused and kinds != fused:
                return f"expected the kernels {fused}; got {kinds}"
            if not fused and "attention" in kinds:
                return f"must not be fused, got {kinds}"
            return None

        failures += fusion_check.check_case(
            args, name, model, feeds, expect,
            f"b={b} h={h} l={l} t={t} e={e} f={f} {opts}", RTOL, ATOL)
    return fusion_check.summary(failures, len(CASES))


if __name__ == "__main__":
    sys.exit(main())
