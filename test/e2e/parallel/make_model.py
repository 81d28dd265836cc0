"""Writes a MatMul + Add + Relu model and its test data for the parallel test.

usage: make_model.py OUT_DIR [M K N]

OUT_DIR/model.onnx: Y = Relu(X @ W + B), X [M, K] an input, W [K, N] and
B [N] initializers. OUT_DIR/test_data_set_0/: input_0.pb and the expected
output_0.pb, computed in float64 and rounded to float32.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def main():
    out = sys.argv[1]
    m, k, n = (int(v) for v in sys.argv[2:5]) if len(sys.argv) > 2 else (128, 512, 256)
    rng = np.random.default_rng(7)
    x = rng.uniform(-1, 1, (m, k)).astype(np.float32)
    w = rng.uniform(-1, 1, (k, n)).astype(np.float32)
    b = rng.uniform(-1, 1, (n,)).astype(np.float32)
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["X", "W"], ["XW"]),
         helper.make_node("Add", ["XW", "B"], ["S"]),
         helper.make_node("Relu", ["S"], ["Y"])],
        "matmul_bias_relu",
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [m, k])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [m, n])],
        initializer=[numpy_helper.from_array(w, "W"),
                     numpy_helper.from_array(b, "B")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    onnx.checker.check_model(model)
    os.makedirs(os.path.join(out, "test_data_set_0"), exist_ok=True)
    onnx.save(model, os.path.join(out, "model.onnx"))
    y = np.maximum(x.astype(np.float64) @ w.astype(np.float64) + b, 0)
    for name, array in (("input_0", x), ("output_0", y.astype(np.float32))):
        with open(os.path.join(out, "test_data_set_0", name + ".pb"), "wb") as f:
            f.write(numpy_helper.from_array(array).SerializeToString())


if __name__ == "__main__":
    main()
