#!/usr/bin/env python3
"""LayerNormalization over the last axis as one kernel, against ONNX Runtime
(ctest label `e2e`).

Fused cases: the report lists one `layer norm` kernel and nothing else.
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


CASES = [
    # name, shape, options, fused
    ("bert_rows", (1, 128, 768), dict(eps=1e-12), True),
    ("ragged_row", (3, 5, 100), {}, True),
    ("short_row_no_bias", (7, 9), dict(bias=False), True),
    ("scale_1x1xd", (2, 4, 48), dict(scale_shape=(1, 1, 48)), True),
    ("long_row_offset", (2, 1000), {}, True),
    ("two_axes", (2, 6, 20), dict(axis=-2), False),
]


def main():
    args = fusion_check.parse_args()
    rng = np.random.default_rng(9)
    failures = 0
    for name, shape, opts, fused in CASES:
        model = build(name, shape, **opts)
        # An offset well above the spread: the variance must be taken
        # around the mean, not as E[x^2] - E[x]^2.
        x = (rng.standard_normal(shape) * 2 + 30).astype(np.float32)
        path, ins, outs = fusion_check.write_case(args, name, model, {"x": x})

        def expect(rows, fused=fused):
            kinds = [kind for kind, _ in rows]
            if fused and kinds != ["layer"]:
                return f"expected one layer norm kernel; got {kinds}"
            if not fused and "layer" in kinds:
                return "must not be fused"
            return None

        for cpu in fusion_check.CPUS:
            failures += fusion_check.check(args, name, path, cpu, ins, outs,
                                           expect, f"{shape} {opts}", RTOL,
                                           ATOL)
    total = len(fusion_check.CPUS) * len(CASES)
    print(f"{total - failures} of {total} checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
