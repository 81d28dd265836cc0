"""Writes the two models of the app test and their oracle data.

  OUT/mlp/model.onnx      inputs x float32 [64,128], skip float32 [64,256];
                          hidden = Relu(MatMul(x, W) + b), out = hidden + skip
  OUT/convnet/model.onnx  input image float32 [1,8,32,32];
                          pooled = GlobalAveragePool(Relu(Conv3x3(image)))
  OUT/<model>/input_<i>.bin, output_<i>.bin   raw little-endian float32, in
                          the model's input and output order; the outputs
                          are ONNX Runtime's on those inputs.

Weights and inputs are random with fixed seeds, so the files are the same on
every run.

usage: python make_models.py OUT
"""
import os
import sys

import numpy as np
import onnx
import onnxruntime
from onnx import TensorProto, helper, numpy_helper


def floats(rng, *shape, scale=1.0):
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def mlp():
    rng = np.random.default_rng(1)
    inits = [numpy_helper.from_array(floats(rng, 128, 256, scale=0.1), "W"),
             numpy_helper.from_array(floats(rng, 256, scale=0.1), "b")]
    nodes = [
        helper.make_node("MatMul", ["x", "W"], ["xw"], name="matmul"),
        helper.make_node("Add", ["xw", "b"], ["xwb"], name="bias"),
        helper.make_node("Relu", ["xwb"], ["hidden"], name="relu"),
        helper.make_node("Add", ["hidden", "skip"], ["out"], name="residual"),
    ]
    graph = helper.make_graph(
        nodes, "mlp",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [64, 128]),
         helper.make_tensor_value_info("skip", TensorProto.FLOAT, [64, 256])],
        [helper.make_tensor_value_info("hidden", TensorProto.FLOAT, [64, 256]),
         helper.make_tensor_value_info("out", TensorProto.FLOAT, [64, 256])],
        inits)
    return graph, [floats(rng, 64, 128), floats(rng, 64, 256)]


def convnet():
    rng = np.random.default_rng(2)
    inits = [numpy_helper.from_array(floats(rng, 16, 8, 3, 3, scale=0.2), "W"),
             numpy_helper.from_array(floats(rng, 16, scale=0.1), "B")]
    nodes = [
        helper.make_node("Conv", ["image", "W", "B"], ["conv"], name="conv",
                         pads=[1, 1, 1, 1]),
        helper.make_node("Relu", ["conv"], ["act"], name="relu"),
        helper.make_node("GlobalAveragePool", ["act"], ["pooled"], name="gap"),
    ]
    graph = helper.make_graph(
        nodes, "convnet",
        [helper.make_tensor_value_info("image", TensorProto.FLOAT,
                                       [1, 8, 32, 32])],
        [helper.make_tensor_value_info("pooled", TensorProto.FLOAT,
                                       [1, 16, 1, 1])],
        inits)
    return graph, [floats(rng, 1, 8, 32, 32)]


def write(out, name, graph, inputs):
    directory = os.path.join(out, name)
    os.makedirs(directory, exist_ok=True)
    model = helper.make_model(graph,
                              opset_imports=[helper.make_opsetid("", 17)],
                              ir_version=8, producer_name="mlc-app-test")
    onnx.checker.check_model(model, full_check=True)
    path = os.path.join(directory, "model.onnx")
    onnx.save(model, path)
    session = onnxruntime.InferenceSession(
        path, providers=["CPUExecutionProvider"])
    feeds = {v.name: x for v, x in zip(session.get_inputs(), inputs)}
    outputs = session.run(None, feeds)
    for i, x in enumerate(inputs):
        x.astype("<f4").tofile(os.path.join(directory, f"input_{i}.bin"))
    for i, y in enumerate(outputs):
        y.astype("<f4").tofile(os.path.join(directory, f"output_{i}.bin"))


def main():
    out = sys.argv[1]
    write(out, "mlp", *mlp())
    write(out, "convnet", *convnet())


if __name__ == "__main__":
    main()
