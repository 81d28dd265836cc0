"""Writes a small model whose kernels cover the tuner's kinds and variants.

usage: make_model.py OUT_DIR

OUT_DIR/kernels.onnx, input X [1, 3, 30, 30]:
  7x7 stride-2 convolution of 3 channels (+ bias, Relu)      -> [1, 16, 15, 15]
  1x1 convolution (pointwise)                                  -> [1, 24, 15, 15]
  3x3 convolution + residual Add                               -> [1, 24, 15, 15]
  3x3 stride-2 convolution                                     -> [1, 40, 8, 8]
  MatMul by a constant [64, 48] after a Reshape to [1, 40, 64] -> [1, 40, 48]
  MatMul of that by its own transpose (B at run time)          -> [1, 40, 40]
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(11)

    def weight(name, shape):
        return numpy_helper.from_array(
            rng.uniform(-0.3, 0.3, shape).astype(np.float32), name)

    inits = [
        weight("W1", (16, 3, 7, 7)), weight("B1", (16,)),
        weight("W2", (24, 16, 1, 1)), weight("W3", (24, 24, 3, 3)),
        weight("W4", (40, 24, 3, 3)), weight("M1", (64, 48)),
        numpy_helper.from_array(np.array([1, 40, 64], np.int64), "shape"),
    ]
    nodes = [
        helper.make_node("Conv", ["X", "W1", "B1"], ["c1"], strides=[2, 2],
                         pads=[3, 3, 3, 3]),
        helper.make_node("Relu", ["c1"], ["r1"]),
        helper.make_node("Conv", ["r1", "W2"], ["c2"]),
        helper.make_node("Conv", ["c2", "W3"], ["c3"], pads=[1, 1, 1, 1]),
        helper.make_node("Add", ["c3", "c2"], ["a3"]),
        helper.make_node("Conv", ["a3", "W4"], ["c4"], strides=[2, 2],
                         pads=[1, 1, 1, 1]),
        helper.make_node("Reshape", ["c4", "shape"], ["t"]),
        helper.make_node("MatMul", ["t", "M1"], ["m1"]),
        helper.make_node("Transpose", ["m1"], ["m1t"], perm=[0, 2, 1]),
        helper.make_node("MatMul", ["m1", "m1t"], ["Y"]),
    ]
    graph = helper.make_graph(
        nodes, "kernels",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [1, 3, 30, 30])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [1, 40, 40])],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, "kernels.onnx"))


if __name__ == "__main__":
    main()
