"""Writes examples/tinynet.onnx, the bundled example: a small image
classifier (Conv-BatchNorm-Relu x2, MaxPool, GlobalAveragePool, Flatten, Gemm,
Softmax) with a symbolic batch dimension and fixed random weights.

usage: .venv/bin/python examples/make_tinynet.py [OUT]
"""
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

rng = np.random.default_rng(0)


def w(name, *shape, scale=0.1):
    return numpy_helper.from_array(
        (rng.standard_normal(shape) * scale).astype(np.float32), name)


inits = [
    w("conv1_w", 16, 3, 3, 3), w("conv1_b", 16),
    w("bn1_scale", 16, scale=1.0), w("bn1_bias", 16), w("bn1_mean", 16),
    numpy_helper.from_array(np.ones(16, np.float32), "bn1_var"),
    w("conv2_w", 32, 16, 3, 3), w("conv2_b", 32),
    w("fc_w", 10, 32), w("fc_b", 10),
]
nodes = [
    helper.make_node("Conv", ["image", "conv1_w", "conv1_b"], ["c1"],
                     name="conv1", pads=[1, 1, 1, 1]),
    helper.make_node("BatchNormalization",
                     ["c1", "bn1_scale", "bn1_bias", "bn1_mean", "bn1_var"],
                     ["b1"], name="bn1"),
    helper.make_node("Relu", ["b1"], ["r1"], name="relu1"),
    helper.make_node("MaxPool", ["r1"], ["p1"], name="pool1",
                     kernel_shape=[2, 2], strides=[2, 2]),
    helper.make_node("Conv", ["p1", "conv2_w", "conv2_b"], ["c2"],
                     name="conv2", pads=[1, 1, 1, 1]),
    helper.make_node("Relu", ["c2"], ["r2"], name="relu2"),
    helper.make_node("GlobalAveragePool", ["r2"], ["g"], name="gap"),
    helper.make_node("Flatten", ["g"], ["f"], name="flatten"),
    helper.make_node("Gemm", ["f", "fc_w", "fc_b"], ["logits"], name="fc",
                     transB=1),
    helper.make_node("Softmax", ["logits"], ["probs"], name="softmax", axis=1),
]
graph = helper.make_graph(
    nodes, "tinynet",
    [helper.make_tensor_value_info("image", TensorProto.FLOAT,
                                   ["batch", 3, 32, 32])],
    [helper.make_tensor_value_info("probs", TensorProto.FLOAT, ["batch", 10])],
    inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)],
                          ir_version=8, producer_name="mlc-examples")
onnx.checker.check_model(model, full_check=True)
onnx.save(model, sys.argv[1] if len(sys.argv) > 1 else "examples/tinynet.onnx")

# Test data beside it: a fixed input and ONNX Runtime's output for it
# (examples/tinynet_data/{input,output}_0.pb), for `mlc-run --test-data`.
import os

import onnxruntime as ort

out_dir = os.path.join(os.path.dirname(sys.argv[1] if len(sys.argv) > 1
                                       else "examples/tinynet.onnx"),
                       "tinynet_data")
os.makedirs(out_dir, exist_ok=True)
image = np.random.default_rng(1).standard_normal((1, 3, 32, 32)).astype(
    np.float32)
session = ort.InferenceSession(model.SerializeToString(),
                               providers=["CPUExecutionProvider"])
probs = session.run(None, {"image": image})[0]
with open(os.path.join(out_dir, "input_0.pb"), "wb") as f:
    f.write(numpy_helper.from_array(image, "image").SerializeToString())
with open(os.path.join(out_dir, "output_0.pb"), "wb") as f:
    f.write(numpy_helper.from_array(probs, "probs").SerializeToString())
