#!/usr/bin/env python3
"""The benchmark model set, fp32 with random weights from fixed seeds.

  resnet50        ResNet-50 v1.5, 1x3x224x224 -> 1x1000          (e2e builder)
  mobilenetv2     MobileNetV2, 1x3x224x224 -> 1x1000             (e2e builder)
  bert            BERT-base: embeddings + 12 encoder layers, seq 128, batch 1
                                                                 (e2e builder)
  bert_layer      one BERT-base encoder layer (hidden 768, 12 heads, FFN 3072,
                  LayerNormalization op), seq 128, batch 1, with the additive
                  attention mask built from an int64 mask input: the
                  "BERT-base encoder layer" row of BENCHMARKING.md (1.86 GFLOP)
  gpt2            one GPT-2-small decoder block with a causal mask, 1x128x768
                                                                 (e2e builder)
  matmul_256x1024 MatMul A[256x1024] . B[1024x1024], B a constant initializer
  matmul_1x1024   MatMul A[1x1024] . B[1024x1024], B a constant initializer
  convnet         BENCHMARKING.md's conv net: 1x3x224x224 -> Conv 3->64 3x3
                  pad 1 + Relu -> MaxPool 2x2 -> Conv 64->128 3x3 pad 1 + Relu
                  (on 112x112) -> GlobalAveragePool -> Flatten -> Gemm
                  128->1000 (2.02 GFLOP)

The first four (and the graph pieces of bert_layer) come from the model tests'
builders, test/e2e/models/make_models.py, imported rather than copied, so the
benchmarks run the very models the e2e tests check.

  python benchmarks/make_models.py [--out DIR] [--models a,b] [--force]

writes DIR/NAME.onnx (default DIR: build/benchmarks/models), skipping a model
whose file is newer than both generator scripts unless --force.
"""

import argparse
import importlib.util
import math
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
E2E_PATH = os.path.join(ROOT, "test", "e2e", "models", "make_models.py")


def _load_e2e():
    spec = importlib.util.spec_from_file_location("mlc_e2e_make_models",
                                                  E2E_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


e2e = _load_e2e()


def matmul(m, k=1024, n=1024, seed=0):
    """A[m x k] . B[k x n], B an initializer (a weight, as in a Linear)."""
    b = e2e.Builder(seed=seed)
    w = b.normal((k, n), 1.0 / math.sqrt(k), "b")
    b.op("MatMul", ["a", w])
    b.nodes[-1].output[0] = "y"
    return b.model(f"matmul_{m}x{k}x{n}", [
        helper.make_tensor_value_info("a", TensorProto.FLOAT, [m, k])
    ], [helper.make_tensor_value_info("y", TensorProto.FLOAT, [m, n])])


def convnet():
    b = e2e.Builder(seed=7)
    h = b.op("Relu", [e2e.conv(b, "input", 3, 64, 3, bias=True)])
    h = b.op("MaxPool", [h], kernel_shape=[2, 2], strides=[2, 2])
    h = b.op("Relu", [e2e.conv(b, h, 64, 128, 3, bias=True)])
    e2e.classifier(b, h, 128)
    b.nodes[-1].output[0] = "logits"
    return b.model("convnet", *e2e.image_io(b, "logits"))


def bert_layer():
    """One encoder layer; the mask as bert()'s embedding part computes it."""
    b = e2e.Builder(seed=111)
    x, mask = "hidden_states", "attention_mask"
    m = b.op("Unsqueeze", [mask, b.const(np.array([1, 2], np.int64), "axes")])
    m = b.op("Cast", [m], to=TensorProto.FLOAT)
    m = b.op("Sub", [b.const(np.array(1.0, np.float32), "one"), m])
    m = b.op("Mul", [m, b.const(np.array(-10000.0, np.float32), "neg")])
    e2e.bert_layer(b, x, m, decomposed=False)
    b.nodes[-1].output[0] = "output"
    shape = [1, e2e.SEQ, e2e.HIDDEN]
    return b.model("bert_layer", [
        helper.make_tensor_value_info(x, TensorProto.FLOAT, shape),
        helper.make_tensor_value_info(mask, TensorProto.INT64, [1, e2e.SEQ]),
    ], [helper.make_tensor_value_info("output", TensorProto.FLOAT, shape)])


# name -> builder; the order is the order of the benchmark tables.
MODELS = {
    "matmul_1x1024": lambda: matmul(1, seed=1),
    "matmul_256x1024": lambda: matmul(256, seed=256),
    "convnet": convnet,
    "bert_layer": bert_layer,
    "gpt2": e2e.gpt2,
    "mobilenetv2": e2e.mobilenetv2,
    "resnet50": e2e.resnet50,
    "bert": e2e.bert,
}


def make_inputs(model):
    """Fixed inputs (seed 1234): N(0, 1) floats; for BERT token ids and an
    attention mask with 28 padding positions (the e2e tests' inputs)."""
    return e2e.make_inputs(model.graph.name, model)


def ensure(name, out_dir, force=False):
    """Writes out_dir/name.onnx unless it is up to date; returns its path."""
    path = os.path.join(out_dir, name + ".onnx")
    sources = [os.path.abspath(__file__), E2E_PATH]
    if (not force and os.path.exists(path) and os.path.getmtime(path) >=
            max(os.path.getmtime(s) for s in sources)):
        return path
    os.makedirs(out_dir, exist_ok=True)
    model = MODELS[name]()
    tmp = path + ".tmp"
    onnx.save(model, tmp)
    os.replace(tmp, path)
    return path


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--out", default=os.path.join(ROOT, "build", "benchmarks",
                                                 "models"))
    p.add_argument("--models", default=",".join(MODELS),
                   help="comma-separated subset of: " + ",".join(MODELS))
    p.add_argument("--force", action="store_true",
                   help="rebuild even when the file is up to date")
    a = p.parse_args()
    names = [n for n in a.models.split(",") if n]
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        sys.exit(f"unknown model(s): {', '.join(unknown)}; "
                 f"known: {', '.join(MODELS)}")
    for n in names:
        print(ensure(n, a.out, a.force))


if __name__ == "__main__":
    main()
