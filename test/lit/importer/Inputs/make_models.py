"""Writes small ONNX models, good and bad, for the importer's lit tests.

usage: make_models.py OUTDIR
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
os.makedirs(out, exist_ok=True)


def save(model, name, check=False):
    if check:
        onnx.checker.check_model(model)
    onnx.save(model, os.path.join(out, name))


def model(nodes, inputs, outputs, inits=(), opset=17, ir=8, name="g"):
    g = helper.make_graph(nodes, name, inputs, outputs, list(inits))
    return helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)],
                             ir_version=ir)


x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 3, 4])
y = helper.make_tensor_value_info("y", TensorProto.FLOAT, None)

# A good model with a symbolic batch dimension.
good = model([helper.make_node("Relu", ["x"], ["y"], name="relu_0")], [x], [y])
save(good, "symbolic.onnx")

# Empty, truncated and garbage files.
open(os.path.join(out, "empty.onnx"), "wb").close()
data = good.SerializeToString()
with open(os.path.join(out, "truncated.onnx"), "wb") as f:
    f.write(data[: len(data) // 2])
with open(os.path.join(out, "garbage.onnx"), "wb") as f:
    f.write(b"\xff\xfe this is not a protobuf \x00\x01\x02" * 8)

# A cycle: a = Relu(b), b = Relu(a).
cyc = model([helper.make_node("Relu", ["b"], ["a"], name="r1"),
             helper.make_node("Relu", ["a"], ["b"], name="r2"),
             helper.make_node("Add", ["x", "a"], ["y"], name="add")], [x], [y])
save(cyc, "cycle.onnx", check=False)

# A dangling input.
dang = model([helper.make_node("Add", ["x", "nowhere"], ["y"], name="add_1")],
             [x], [y])
save(dang, "dangling.onnx", check=False)

# Unsupported ops: an unknown op type and a foreign domain.
uns = model([helper.make_node("Relu", ["x"], ["a"], name="relu"),
             helper.make_node("FancyOp", ["a"], ["b"], name="fancy_1"),
             helper.make_node("Gelu2", ["b"], ["y"], name="ms_gelu",
                              domain="com.microsoft")], [x], [y])
uns.opset_import.append(helper.make_opsetid("com.microsoft", 1))
save(uns, "unsupported.onnx", check=False)

# An opset newer than MLC knows.
new = model([helper.make_node("Relu", ["x"], ["y"], name="r")], [x], [y],
            opset=28, ir=13)
save(new, "opset28.onnx", check=False)

# External data: a weight in a file beside the model, and a model whose
# external file is missing.
w = numpy_helper.from_array(np.arange(3 * 4 * 100, dtype=np.float32).reshape(3, 4, 100) * 0 + 1, "w")
wx = helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 4, 100])
ext = model([helper.make_node("Add", ["x", "w"], ["y"], name="add_w")], [wx],
            [y], inits=[w])
onnx.save(ext, os.path.join(out, "external.onnx"), save_as_external_data=True,
          all_tensors_to_one_file=True, location="external.bin",
          size_threshold=0)
ext2 = onnx.load(os.path.join(out, "external.onnx"), load_external_data=False)
for t in ext2.graph.initializer:
    for kv in t.external_data:
        if kv.key == "location":
            kv.value = "missing.bin"
onnx.save(ext2, os.path.join(out, "external_missing.onnx"))

# IR 3: initializers are listed as graph inputs too.
b = numpy_helper.from_array(np.ones((4,), dtype=np.float32), "b")
bx = helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 4])
bi = helper.make_tensor_value_info("b", TensorProto.FLOAT, [4])
ir3 = model([helper.make_node("Add", ["x", "b"], ["y"], name="add_b")],
            [bx, bi], [y], inits=[b], opset=7, ir=3)
save(ir3, "ir3_initializer_inputs.onnx")

# An attribute of the wrong type.
bad_attr = model([helper.make_node("Gather", ["x", "i"], ["y"], name="gather_1",
                                   axis=1.5)],
                 [x, helper.make_tensor_value_info("i", TensorProto.INT64, [2])],
                 [y])
save(bad_attr, "bad_attr.onnx", check=False)

# A declared output type that contradicts the computation.
wrong_out = model([helper.make_node("Relu", ["x"], ["y"], name="r")], [x],
                  [helper.make_tensor_value_info("y", TensorProto.INT64, None)])
save(wrong_out, "wrong_output_type.onnx", check=False)

# Shape arithmetic that folds away with a pinned batch dimension.
sx = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, 4])
arith = model([
    helper.make_node("Shape", ["x"], ["s"], name="shape"),
    helper.make_node("Constant", [], ["i0"], name="c0",
                     value=numpy_helper.from_array(np.array([0], np.int64))),
    helper.make_node("Gather", ["s", "i0"], ["d0"], name="g0", axis=0),
    helper.make_node("Constant", [], ["m1"], name="c1",
                     value=numpy_helper.from_array(np.array([-1], np.int64))),
    helper.make_node("Concat", ["d0", "m1"], ["t"], name="cat", axis=0),
    helper.make_node("Reshape", ["x", "t"], ["y"], name="reshape"),
], [sx], [y])
save(arith, "shape_arith.onnx")
