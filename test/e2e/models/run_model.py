#!/usr/bin/env python3
"""Compile one model with mlc-compile and check it with `mlc-run --test-data`.

The driver of the `models` ctest label. Two kinds of model:

  --light NAME      one of the "light" models in ONNX's wheel
                    (onnx/backend/test/data/light/light_NAME.onnx). The input
                    is made exactly as ONNX's backend runner makes it
                    (Runner.generate_dummy_data with random=False:
                    arange(n).reshape(shape) / n in float32) and the expected
                    output is the shipped light_NAME_output_0.pb. With
                    --random-weights, the weights (all 0.02 in the wheel) are
                    random and ONNX Runtime gives the expected output.
  --generate NAME   a model built by make_models.py (resnet50, mobilenetv2,
                    bert, gpt2) with random fixed weights; the expected outputs
                    are ONNX Runtime's on a fixed random input.

Prints the compile time and the memory report; the exit status is mlc-run's
(0 when every output matches within --rtol/--atol, ONNX's rule
|actual - expected| <= atol + rtol * |expected|). With --benchmark-runs N it
also prints `mlc-run --benchmark --threads 1 --runs N`.
"""

import argparse
import os
import shutil
import subprocess
import sys
import time

import numpy as np
import onnx
from onnx import numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
LIGHT_DIR = os.path.join(os.path.dirname(onnx.__file__), "backend", "test",
                         "data", "light")


def light_input(value_info):
    """ONNX's backend runner input for a light model (generate_dummy_data,
    random=False): unknown dims are 1, values arange(n) / n."""
    shape = tuple(d.dim_value if d.HasField("dim_value") else 1
                  for d in value_info.type.tensor_type.shape.dim)
    n = np.prod(shape)
    return (np.arange(n).reshape(shape) / n).astype(np.float32)


def write_tensor(path, array, name=""):
    with open(path, "wb") as f:
        f.write(numpy_helper.from_array(array, name).SerializeToString())


def prepare_light(name, work, random_weights):
    """Writes WORK/test_data_set_0 for light_NAME; returns the model path.
    With random_weights, the model gets random weights and the expected
    outputs are ONNX Runtime's on the same input."""
    model_path = os.path.join(LIGHT_DIR, f"light_{name}.onnx")
    model = onnx.load(model_path)
    inits = {i.name for i in model.graph.initializer}
    data = os.path.join(work, "test_data_set_0")
    os.makedirs(data, exist_ok=True)
    inputs = [i for i in model.graph.input if i.name not in inits]
    feeds = {}
    for k, vi in enumerate(inputs):
        feeds[vi.name] = light_input(vi)
        write_tensor(os.path.join(data, f"input_{k}.pb"), feeds[vi.name],
                     vi.name)
    if random_weights:
        model_path = randomize_light(model_path, work)
        ort_test_data(model_path, data, feeds)
        return model_path
    for k in range(len(model.graph.output)):
        shutil.copy(os.path.join(LIGHT_DIR, f"light_{name}_output_{k}.pb"),
                    os.path.join(data, f"output_{k}.pb"))
    return model_path


def randomize_light(model_path, work, seed=0):
    """light_NAME with its weights (ConstantOfShape of 0.02 everywhere, so
    every channel is the same and the output is a uniform softmax) replaced by
    random initializers: He-normal for rank >= 2, U(0.5, 1.5) for vectors
    (BatchNorm scales and variances stay positive); the outputs are the
    logits before the final Softmax. Returns the new path."""
    rng = np.random.default_rng(seed)
    model = onnx.load(model_path)
    inits = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    kept = []
    for node in model.graph.node:
        if node.op_type == "ConstantOfShape" and node.input[0] in inits:
            shape = tuple(int(d) for d in inits[node.input[0]])
            if len(shape) >= 2:
                fan_in = int(np.prod(shape[1:]))
                w = rng.standard_normal(shape) * np.sqrt(2.0 / fan_in)
            else:
                w = rng.uniform(0.5, 1.5, shape)
            model.graph.initializer.append(
                numpy_helper.from_array(w.astype(np.float32), node.output[0]))
        else:
            kept.append(node)
    # A final Softmax would be one-hot for most of them (nothing keeps the
    # random activations small): compare the logits before it.
    for out in model.graph.output:
        last = [n for n in kept if out.name in n.output]
        if last and last[0].op_type == "Softmax":
            kept.remove(last[0])
            out.name = last[0].input[0]
    del model.graph.node[:]
    model.graph.node.extend(kept)
    path = os.path.join(work, os.path.basename(model_path))
    onnx.save(model, path)
    return path


def ort_test_data(model_path, data, feeds):
    import onnxruntime as ort
    sess = ort.InferenceSession(model_path,
                                providers=["CPUExecutionProvider"])
    for k, o in enumerate(sess.run(None, feeds)):
        write_tensor(os.path.join(data, f"output_{k}.pb"), o)


def prepare_generated(name, work):
    """Builds the model with make_models.py and its ONNX Runtime test data."""
    sys.path.insert(0, HERE)
    import make_models
    model_path = os.path.join(work, f"{name}.onnx")
    t0 = time.time()
    make_models.write_model_and_data(name, model_path,
                                     os.path.join(work, "test_data_set_0"))
    print(f"{name}: built the model and the onnxruntime outputs in "
          f"{time.time() - t0:.1f} s", flush=True)
    return model_path


def run(cmd):
    print("+ " + " ".join(cmd), flush=True)
    t0 = time.time()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    sys.stdout.write(p.stdout)
    return p.returncode, time.time() - t0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    kind = ap.add_mutually_exclusive_group(required=True)
    kind.add_argument("--light", metavar="NAME")
    kind.add_argument("--generate", metavar="NAME")
    ap.add_argument("--mlc-compile", required=True)
    ap.add_argument("--mlc-run", required=True)
    ap.add_argument("--work-dir", required=True)
    ap.add_argument("--shape", action="append", default=[],
                    help="passed to mlc-compile (NAME:1x3x224x224)")
    ap.add_argument("--rtol", default="1e-3")
    ap.add_argument("--atol", default="1e-7")
    ap.add_argument("--benchmark-runs", type=int, default=0)
    ap.add_argument("--random-weights", action="store_true",
                    help="--light: random weights, ONNX Runtime's outputs")
    args = ap.parse_args()

    name = args.light or args.generate
    work = os.path.abspath(args.work_dir)
    if os.path.isdir(work):
        shutil.rmtree(work)
    os.makedirs(work)
    if args.light:
        model_path = prepare_light(name, work, args.random_weights)
    else:
        model_path = prepare_generated(name, work)

    so = os.path.join(work, f"{name}.so")
    cmd = [args.mlc_compile, model_path, "-o", so, "--report"]
    for s in args.shape:
        cmd += ["--shape", s]
    rc, secs = run(cmd)
    print(f"{name}: mlc-compile {'ok' if rc == 0 else 'FAILED'} in "
          f"{secs:.1f} s", flush=True)
    if rc != 0:
        return 1
    # Generated models are big (BERT-base: 440 MB); keep only the .so.
    if model_path.startswith(work):
        os.remove(model_path)

    rc, secs = run([args.mlc_run, so, "--test-data",
                    os.path.join(work, "test_data_set_0"), "--rtol",
                    args.rtol, "--atol", args.atol, "--threads", "0"])
    print(f"{name}: mlc-run --test-data {'PASS' if rc == 0 else 'FAIL'} in "
          f"{secs:.1f} s", flush=True)
    if rc == 0 and args.benchmark_runs > 0:
        brc, _ = run([args.mlc_run, so, "--benchmark", "--threads", "1",
                      "--runs", str(args.benchmark_runs), "--warmup", "0"])
        rc = rc or brc
    return rc


if __name__ == "__main__":
    sys.exit(main())
