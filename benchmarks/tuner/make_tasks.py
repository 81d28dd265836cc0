"""Writes one-kernel ONNX models: the tasks of the search-efficiency benchmark.

usage: make_tasks.py OUT_DIR

  bert_qkv    MatMul [128, 768] x [768, 768]     (BERT-base projections)
  bert_ffn1   MatMul [128, 768] x [768, 3072]    (BERT-base FFN up)
  resnet_3x3  Conv 64 -> 64, 3x3, pad 1, 56x56   (ResNet-50 stage 1)
  resnet_1x1  Conv 256 -> 64, 1x1, 56x56         (ResNet-50 stage 1)
Weights are random constants (the kernels pack them at compile time).
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def save(out, name, nodes, x_shape, y_shape, inits):
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, x_shape)],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, y_shape)],
        inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, name + ".onnx"))


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(5)

    def w(name, shape):
        return numpy_helper.from_array(
            rng.uniform(-0.1, 0.1, shape).astype(np.float32), name)

    save(out, "bert_qkv", [helper.make_node("MatMul", ["X", "W"], ["Y"])],
         [128, 768], [128, 768], [w("W", (768, 768))])
    save(out, "bert_ffn1", [helper.make_node("MatMul", ["X", "W"], ["Y"])],
         [128, 768], [128, 3072], [w("W", (768, 3072))])
    save(out, "resnet_3x3",
         [helper.make_node("Conv", ["X", "W"], ["Y"], pads=[1, 1, 1, 1])],
         [1, 64, 56, 56], [1, 64, 56, 56], [w("W", (64, 64, 3, 3))])
    save(out, "resnet_1x1", [helper.make_node("Conv", ["X", "W"], ["Y"])],
         [1, 256, 56, 56], [1, 64, 56, 56], [w("W", (64, 256, 1, 1))])


if __name__ == "__main__":
    main()
