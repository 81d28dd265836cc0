#!/usr/bin/env python3
"""Softmax over the last axis as one kernel, against ONNX Runtime (ctest
label `e2e`).

Fused cases: the report lists one `softmax` kernel and nothing else. Sizes
exercise the row length (a multiple of the vector width or not, shorter
than one vector, a single element, a 1-D input), leading dimensions
flattened into rows, Softmax-11 over axis 1 of a 3-D input (imported as a reshape and a
softmax over the last axis), rows with -inf entries (masked logits) and
large logits (the maximum must be subtracted: exp(90) overflows fp32).
A softmax over a middle axis must not fuse and still compute the same.
Outputs within rtol 1e-4, atol 1e-6 of ONNX Runtime's (probabilities of
rows of up to 1000 logits; exp approximated within a few ulp). Compiled for
this CPU and for x86-64-v3.
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

import fusion_check

RTOL, ATOL = 1e-4, 1e-6


def build(name, shape, axis=-1, opset=17):
    node = helper.make_node("Softmax", ["x"], ["y"], axis=axis)
    graph = helper.make_graph(
        [node], name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, shape)])
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


CASES = [
    # name, shape, options, data, fused
    ("classifier", [8, 1000], {}, "normal", True),
    ("rows_of_16", [4, 3, 16], {}, "normal", True),
    ("ragged_rows", [5, 37], {}, "normal", True),
    ("short_rows", [7, 5], {}, "normal", True),
    ("one_element", [6, 1], {}, "normal", True),
    ("vector", [1000], {}, "normal", True),
    ("masked", [4, 50], {}, "masked", True),
    ("large_logits", [3, 40], {}, "large", True),
    ("softmax11_axis1", [2, 3, 20], dict(axis=1, opset=11), "normal", True),
    ("middle_axis", [2, 30, 5], dict(axis=1), "normal", False),
]


def data(rng, shape, kind):
    x = rng.standard_normal(shape).astype(np.float32) * 3
    if kind == "masked":
        # Every other logit masked out (as attention masks do), none fully.
        x[..., 1::2] = -np.inf
    elif kind == "large":
        x += 90
    return x


def main():
    args = fusion_check.parse_args()
    rng = np.random.default_rng(13)
    failures = 0
    for name, shape, opts, kind, fused in CASES:
        model = build(name, shape, **opts)

        def expect(rows, fused=fused, name=name):
            kinds = [k for k, _ in rows]
            # Softmax-11's reshaped result is copied into the graph output.
            want = (["softmax", "elementwise"] if name == "softmax11_axis1"
                    else ["softmax"])
            if fused and kinds != want:
                return f"expected {want}; got {kinds}"
            if not fused and "softmax" in kinds:
                return "must not be fused"
            return None

        failures += fusion_check.check_case(
            args, name, model, {"x": data(rng, shape, kind)}, expect,
            f"{shape} {opts} {kind}", RTOL, ATOL)
    return fusion_check.summary(failures, len(CASES))


if __name__ == "__main__":
    sys.exit(main())
