#!/usr/bin/env python3
"""Conv (+ bias, activation) -> 2x2 stride-2 MaxPool fused into one kernel,
against ONNX Runtime (ctest label `e2e`).

Each case is Conv(3x3, pad 1) [-> Relu | Clip] -> MaxPool(2x2, stride 2),
with few filters and a short reduction so that the direct kernel is chosen
(as the first layers of VGG-style nets). Fused cases: the report's
convolution line must say "maxpool 2x2" and list no pooling reduction; cases
that must not fuse (the activation output also a graph output; a 3x3 pool;
rows that do not split into whole tiles) must compute the same unfused.
Outputs within rtol 1e-4, atol 1e-5 of ONNX Runtime's (27-long fp32 dot
products of N(0,1) data). Every case is compiled for this CPU and for
x86-64-v3 (AVX2).
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import fusion_check

RTOL, ATOL = 1e-4, 1e-5


def build(name, c, f, h, w, act="relu", pool=(2, 2), stride=2,
          expose_act=False, bias=True):
    rng = np.random.default_rng(11)
    inits = [numpy_helper.from_array(
        rng.standard_normal((f, c, 3, 3)).astype(np.float32), "w")]
    conv_in = ["x", "w"]
    if bias:
        inits.append(numpy_helper.from_array(
            rng.standard_normal(f).astype(np.float32), "b"))
        conv_in.append("b")
    nodes = [helper.make_node("Conv", conv_in, ["c"], pads=[1, 1, 1, 1],
                              kernel_shape=[3, 3])]
    y = "c"
    if act == "relu":
        nodes.append(helper.make_node("Relu", ["c"], ["a"]))
        y = "a"
    elif act == "clip":
        inits += [numpy_helper.from_array(np.float32(0.0), "lo"),
                  numpy_helper.from_array(np.float32(6.0), "hi")]
        nodes.append(helper.make_node("Clip", ["c", "lo", "hi"], ["a"]))
        y = "a"
    nodes.append(helper.make_node("MaxPool", [y], ["p"], kernel_shape=list(pool),
                                  strides=[stride, stride]))
    oh = (h - pool[0]) // stride + 1
    ow = (w - pool[1]) // stride + 1
    outputs = [helper.make_tensor_value_info("p", TensorProto.FLOAT,
                                             [1, f, oh, ow])]
    if expose_act:
        outputs.append(helper.make_tensor_value_info(y, TensorProto.FLOAT,
                                                     [1, f, h, w]))
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, c, h, w])],
        outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


CASES = [
    # name, c, f, h, w, options, fused
    ("vgg_first", 3, 64, 64, 64, {}, True),
    ("clip6_odd_filters", 3, 22, 32, 64, dict(act="clip"), True),
    ("no_activation_no_bias", 4, 16, 16, 32, dict(act=None, bias=False), False),
    ("activation_also_output", 3, 16, 32, 32, dict(expose_act=True), False),
    ("pool_3x3", 3, 16, 32, 32, dict(pool=(3, 3)), False),
    ("ragged_rows", 3, 16, 20, 20, {}, False),
]


def main():
    args = fusion_check.parse_args()
    rng = np.random.default_rng(5)
    failures = 0
    for name, c, f, h, w, opts, fused in CASES:
        model = build(name, c, f, h, w, **opts)
        feeds = {"x": rng.standard_normal((1, c, h, w)).astype(np.float32)}

        def expect(rows, fused=fused):
            convs = [line for kind, line in rows if kind == "conv2d"]
            pooled = [line for line in convs if "maxpool 2x2" in line]
            reductions = [line for kind, line in rows if kind == "reduction"]
            if fused and (len(pooled) != 1 or reductions):
                return "expected the pool fused into the convolution"
            if not fused and pooled:
                return "must not be fused"
            return None

        failures += fusion_check.check_case(args, name, model, feeds, expect,
                                            f"c={c} f={f} {h}x{w} {opts}",
                                            RTOL, ATOL)
    return fusion_check.summary(failures, len(CASES))


if __name__ == "__main__":
    sys.exit(main())
