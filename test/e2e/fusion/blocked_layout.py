#!/usr/bin/env python3
"""Channel-blocked (NCHWc) convolution chains against ONNX Runtime (ctest
label `e2e`).

mlc-blocked-layout keeps activations in [N, C/B, H, W, B] between
convolutions (B = the vector width: 16 with AVX-512, 8 with AVX2); each case
checks which convolutions the report lists as `conv2d nchwc` and that the
outputs are within rtol 1e-4, atol 1e-5 of ONNX Runtime's (dot products of
up to 2304 terms of N(0, 0.1) weights and N(0, 1) data in fp32; both sum in
different orders). The cases cover a ResNet bottleneck (pads, bias, Relu,
residual add, NCHW graph input and output), a ResNet stem (RGB input read
as NCHW, 7x7 stride 2, max pool in blocked form), VGG-style 2x2 max pools
fused into the convolutions with a global average pool
at the end, strided and dilated convolutions, register tiles that do not divide the
maps, a concatenation along channels, a convolution whose output is
also a graph output, filters that do not fill a block (no blocking at all
by default; with --conv-layout=nchwc the others still block), a depthwise
convolution (stays NCHW) and --conv-layout=nchw. Every case is compiled for
this CPU and for x86-64-v3 (AVX2).
"""

import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

import fusion_check

RTOL, ATOL = 1e-4, 1e-5


class Net:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.nodes, self.inits, self.count = [], [], 0

    def name(self, prefix):
        self.count += 1
        return f"{prefix}{self.count}"

    def conv(self, x, c, f, k, stride=1, pad=None, dilation=1, relu=True,
             bias=True, group=1):
        pad = (k // 2) * dilation if pad is None else pad
        w = self.name("w")
        self.inits.append(numpy_helper.from_array(
            (self.rng.standard_normal((f, c // group, k, k)) * 0.1).astype(
                np.float32), w))
        ins = [x, w]
        if bias:
            b = self.name("b")
            self.inits.append(numpy_helper.from_array(
                self.rng.standard_normal(f).astype(np.float32), b))
            ins.append(b)
        y = self.name("conv")
        self.nodes.append(helper.make_node(
            "Conv", ins, [y], kernel_shape=[k, k], strides=[stride, stride],
            pads=[pad] * 4, dilations=[dilation, dilation], group=group))
        return self.relu(y) if relu else y

    def relu(self, x):
        y = self.name("relu")
        self.nodes.append(helper.make_node("Relu", [x], [y]))
        return y

    def add(self, a, b):
        y = self.name("add")
        self.nodes.append(helper.make_node("Add", [a, b], [y]))
        return y

    def op(self, op_type, x, **attrs):
        y = self.name(op_type.lower())
        self.nodes.append(helper.make_node(op_type, [x], [y], **attrs))
        return y

    def model(self, name, inputs, outputs):
        def make(outs):
            graph = helper.make_graph(
                self.nodes, name,
                [helper.make_tensor_value_info(n, TensorProto.FLOAT, s)
                 for n, s in inputs], outs, self.inits)
            m = helper.make_model(
                graph, opset_imports=[helper.make_opsetid("", 17)])
            m.ir_version = 8
            return m
        # The outputs' shapes as ONNX infers them.
        inferred = onnx.shape_inference.infer_shapes(make([]))
        known = {v.name: v for v in inferred.graph.value_info}
        m = make([known[n] for n in outputs])
        onnx.checker.check_model(m)
        return m


def bottleneck():
    """ResNet-50's bottleneck at 14x14: 1x1, 3x3, 1x1 + residual, Relu."""
    n = Net(1)
    a = n.conv("x", 256, 64, 1)
    b = n.conv(a, 64, 64, 3)
    c = n.conv(b, 64, 256, 1, relu=False)
    y = n.relu(n.add(c, "x"))
    return n.model("bottleneck", [("x", [1, 256, 14, 14])], [y]), 3


def stem():
    """ResNet's stem and head: 7x7/2 on RGB, max pool 3x3/2 pad 1, a
    downsampling block (3x3/2 and a 1x1/2 shortcut), global average pool."""
    n = Net(2)
    s = n.conv("x", 3, 32, 7, stride=2, pad=3)
    p = n.op("MaxPool", s, kernel_shape=[3, 3], strides=[2, 2],
             pads=[1, 1, 1, 1])
    a = n.conv(p, 32, 32, 1)
    b = n.conv(a, 32, 32, 3, stride=2)
    c = n.conv(b, 32, 64, 1, relu=False)
    d = n.conv(p, 32, 64, 1, stride=2, pad=0, relu=False)
    e = n.relu(n.add(c, d))
    g = n.op("GlobalAveragePool", e)
    return n.model("stem", [("x", [1, 3, 64, 48])], [g]), 5


def dilated_and_exposed():
    """A dilated 3x3 (pad 2), no bias, and an intermediate that is also a
    graph output (read back as NCHW)."""
    n = Net(3)
    a = n.conv("x", 16, 32, 3, dilation=2, bias=False)
    b = n.conv(a, 32, 48, 3, stride=2)
    c = n.conv(b, 48, 16, 1)
    return n.model("dilated_exposed", [("x", [1, 16, 20, 20])], [c, a]), 3


def ragged_tiles():
    """Register tiles that do not divide the map: 30-wide rows (28 + 2
    columns), 15, 8 (3 rows of 8 per tile: 2 groups and 2 rows left) and
    6x6 (4 rows of 6, then 2)."""
    n = Net(6)
    a = n.conv("x", 16, 32, 3)
    b = n.conv(a, 32, 32, 3, stride=2)
    c = n.conv(b, 32, 48, 3, stride=2)
    d = n.conv(c, 48, 32, 3, stride=1, pad=0)
    e = n.conv(d, 32, 16, 1)
    return n.model("ragged_tiles", [("x", [1, 16, 30, 30])], [e]), 5


def vgg():
    """VGG-style: 3x3 convolutions each followed by Relu and a 2x2 max pool,
    fused into the blocked kernel where the map's rows and columns are even
    (the report says "maxpool 2x2"): 36x28 and 18x14 are, the 9x7 one is not
    (a 3x3 pool there)."""
    n = Net(7)
    a = n.op("MaxPool", n.conv("x", 3, 16, 3), kernel_shape=[2, 2],
             strides=[2, 2])
    b = n.op("MaxPool", n.conv(a, 16, 32, 3), kernel_shape=[2, 2],
             strides=[2, 2])
    c = n.op("MaxPool", n.conv(b, 32, 32, 3), kernel_shape=[3, 3],
             strides=[2, 2])
    return n.model("vgg", [("x", [1, 3, 36, 28])], [c]), 3


def concat():
    """Inception-style branches concatenated along channels at whole
    blocks (32 + 16 + 16 channels; with AVX2's blocks of 8 too), then a
    convolution of the concatenation: no reorder between them."""
    n = Net(8)
    a = n.conv("x", 32, 32, 1)
    b = n.conv(n.conv("x", 32, 16, 1), 16, 16, 3)
    c = n.conv(n.op("MaxPool", "x", kernel_shape=[3, 3], strides=[1, 1],
                    pads=[1, 1, 1, 1]), 32, 16, 1)
    y = n.name("cat")
    n.nodes.append(helper.make_node("Concat", [a, b, c], [y], axis=1))
    d = n.conv(y, 64, 32, 3)
    return n.model("concat", [("x", [1, 32, 10, 10])], [d]), 5


def partial_block():
    """20 filters do not fill a block (16 or 8): by default nothing is blocked
    (the others would need reorders around it)."""
    n = Net(4)
    a = n.conv("x", 32, 32, 3)
    b = n.conv(a, 32, 20, 3)
    c = n.conv(b, 20, 32, 1)
    return n.model("partial_block", [("x", [1, 32, 12, 12])], [c]), 0


def depthwise():
    """MobileNet's inverted residual: the depthwise convolution keeps the
    whole function NCHW by default."""
    n = Net(5)
    a = n.conv("x", 32, 64, 1)
    b = n.conv(a, 64, 64, 3, group=64)
    c = n.conv(b, 64, 32, 1, relu=False)
    y = n.add(c, "x")
    return n.model("depthwise", [("x", [1, 32, 16, 16])], [y]), 0


def main():
    args = fusion_check.parse_args()
    rng = np.random.default_rng(7)
    failures, cases = 0, 0
    runs = [(bottleneck, (), None), (stem, (), None),
            (dilated_and_exposed, (), None), (ragged_tiles, (), None),
            (vgg, (), None), (concat, (), None),
            (partial_block, (), None),
            (depthwise, (), None),
            # Forced: the blockable convolutions block, the others stay.
            # Forced: every convolution whose filters fill blocks blocks,
            # the depthwise one stays NCHW.
            (partial_block, ("--conv-layout=nchwc",), 2),
            (depthwise, ("--conv-layout=nchwc",), 2),
            (bottleneck, ("--conv-layout=nchw",), 0)]
    for build, flags, override in runs:
        model, blocked = build()
        if override is not None:
            blocked = override
        name = model.graph.name + "".join(
            "_" + f.split("=")[1] for f in flags)
        feeds = {}
        for inp in model.graph.input:
            shape = [d.dim_value for d in inp.type.tensor_type.shape.dim]
            feeds[inp.name] = rng.standard_normal(shape).astype(np.float32)

        def expect(rows, blocked=blocked):
            convs = [line for kind, line in rows if kind == "conv2d"]
            nchwc = [line for line in convs if "conv2d nchwc" in line]
            if len(nchwc) != blocked:
                return (f"expected {blocked} blocked convolutions, got "
                        f"{len(nchwc)}")
            pooled = [line for line in nchwc if "maxpool 2x2" in line]
            want = 2 if name == "vgg" else 0
            if len(pooled) != want:
                return (f"expected {want} convolutions with a fused max "
                        f"pool, got {len(pooled)}")
            return None

        cases += 1
        failures += fusion_check.check_case(
            args, name, model, feeds, expect,
            f"{len(model.graph.node)} nodes {' '.join(flags)}", RTOL, ATOL,
            flags)
    return fusion_check.summary(failures, cases)


if __name__ == "__main__":
    sys.exit(main())
