#!/usr/bin/env python3
"""LayerNormalization over the last axis as one kernel, against ONNX Runtime
(ctest label `e2e`).

Fused cases: the report lists one `layer norm` kernel and nothing else,
for the LayerNormalization op and for the decomposed form exporters wrote
before opset 17 (ReduceMean / Sub / Pow or Mul / ReduceMean / Add / Sqrt /
Div / Mul / Add).
Sizes exercise the row length (a multiple of the vector width or not,
shorter than one vector), the leading dimensions (flattened into rows) and
an absent bias; a LayerNormalization over the last two axes must not fuse
and still compute the same. Outputs within rtol 1e-4, atol 1e-5 of ONNX
Runtime's (values of magnitude ~3 after normalization; fp32 sums of up to
1000 terms in another order). Compiled for this CPU and for x86-64-v3.
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import fusion_check

RTOL, ATOL = 1e-4, 1e-5


def build(name, shape, axis=-1, bias=True, scale_shape=None, eps=1e-5):
    rng = np.random.default_rng(3)
    norm = shape[axis:] if axis != -1 else shape[-1:]
    sshape = scale_shape or norm
    inits = [numpy_helper.from_array(
        rng.uniform(0.5, 1.5, sshape).astype(np.float32), "scale")]
    ins = ["x", "scale"]
    if bias:
        inits.append(numpy_helper.from_array(
            rng.standard_normal(sshape).astype(np.float32), "bias"))
        ins.append("bias")
    node = helper.make_node("LayerNormalization", ins, ["y"], axis=axis,
                            epsilon=eps)
    graph = helper.make_graph(
        [node], name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(shape))],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, list(shape))],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def build_decomposed(name, shape, square="pow", scale=True, bias=True,
                     eps=1e-12):
    """The exporters' form before opset 17: ReduceMean, Sub, Pow (or Mul),
    ReduceMean, Add, Sqrt, Div, then Mul by the scale and Add of the bias."""
    rng = np.random.default_rng(4)
    d = shape[-1]
    inits = [numpy_helper.from_array(np.float32(eps), "eps"),
             numpy_helper.from_array(np.float32(2.0), "two")]
    nodes = [
        helper.make_node("ReduceMean", ["x"], ["m"], axes=[-1], keepdims=1),
        helper.make_node("Sub", ["x", "m"], ["c"]),
        helper.make_node("Pow", ["c", "two"], ["sq"]) if square == "pow" else
        helper.make_node("Mul", ["c", "c"], ["sq"]),
        helper.make_node("ReduceMean", ["sq"], ["v"], axes=[-1], keepdims=1),
        helper.make_node("Add", ["v", "eps"], ["ve"]),
        helper.make_node("Sqrt", ["ve"], ["s"]),
        helper.make_node("Div", ["c", "s"], ["n"]),
    ]
    y = "n"
    if scale:
        inits.append(numpy_helper.from_array(
            rng.uniform(0.5, 1.5, d).astype(np.float32), "g"))
        nodes.append(helper.make_node("Mul", ["g", y], ["ng"]))
        y = "ng"
        if bias:
            inits.append(numpy_helper.from_array(
                rng.standard_normal(d).astype(np.float32), "b"))
            nodes.append(helper.make_node("Add", [y, "b"], ["y"]))
            y = "y"
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, list(shape))],
        [helper.make_tensor_value_info(y, TensorProto.FLOAT, list(shape))],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


CASES = [
    # name, shape, options, fused
    ("bert_rows", (1, 128, 768), dict(eps=1e-12), True),
    ("ragged_row", (3, 5, 100), {}, True),
    ("short_row_no_bias", (7, 9), dict(bias=False), True),
    ("scale_1x1xd", (2, 4, 48), dict(scale_shape=(1, 1, 48)), True),
    ("long_row_offset", (2, 1000), {}, True),
    ("two_axes", (2, 6, 20), dict(axis=-2), False),
    ("decomposed_pow", (1, 16, 768), dict(decomposed="pow"), True),
    ("decomposed_mul_ragged", (3, 50), dict(decomposed="mul"), True),
    ("decomposed_no_affine", (4, 40), dict(decomposed="pow", scale=False),
     True),
]


def main():
    args = fusion_check.parse_args()
    rng = np.random.default_rng(9)
    failures = 0
    for name, shape, opts, fused in CASES:
        if "decomposed" in opts:
            extra = {k: v for k, v in opts.items() if k != "decomposed"}
            model = build_decomposed(name, shape, square=opts["decomposed"],
                                     **extra)
        else:
            model = build(name, shape, **opts)
        # An offset well above the spread: the variance must be taken
        # around the mean, not as E[x^2] - E[x]^2.
        x = (rng.standard_normal(shape) * 2 + 30).astype(np.float32)

        def expect(rows, fused=fused):
            kinds = [kind for kind, _ in rows]
            if fused and kinds != ["layer"]:
                return f"expected one layer norm kernel; got {kinds}"
            if not fused and "layer" in kinds:
                return "must not be fused"
            return None

        failures += fusion_check.check_case(args, name, model, {"x": x},
                                            expect, f"{shape} {opts}", RTOL,
                                            ATOL)
    return fusion_check.summary(failures, len(CASES))


if __name__ == "__main__":
    sys.exit(main())
