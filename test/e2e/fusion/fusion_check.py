"""Shared by the fusion tests: run a model in ONNX Runtime (the oracle),
compile it with mlc-compile --report for a CPU, check the kernel list the
report gives, and compare mlc-run's outputs with ONNX Runtime's."""

import argparse
import os
import subprocess

import onnx
import onnxruntime as ort
from onnx import numpy_helper

CPUS = ("native", "x86-64-v3")  # AVX-512 where the CPU has it; AVX2


def parse_args():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mlc-compile", required=True)
    ap.add_argument("--mlc-run", required=True)
    ap.add_argument("--work-dir", required=True)
    args = ap.parse_args()
    os.makedirs(args.work_dir, exist_ok=True)
    return args


def write_case(args, name, model, feeds):
    """Saves the model, runs ONNX Runtime on `feeds`, writes the inputs and
    expected outputs as .pb files; returns (model path, inputs, outputs)."""
    path = os.path.join(args.work_dir, name + ".onnx")
    onnx.save(model, path)
    so = ort.SessionOptions()
    so.intra_op_num_threads = 1
    sess = ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])
    expected = sess.run(None, feeds)
    ins, outs = [], []
    for i, inp in enumerate(sess.get_inputs()):
        p = os.path.join(args.work_dir, f"{name}.input_{i}.pb")
        with open(p, "wb") as fh:
            fh.write(numpy_helper.from_array(feeds[inp.name]).SerializeToString())
        ins.append(p)
    for i, out in enumerate(expected):
        p = os.path.join(args.work_dir, f"{name}.output_{i}.pb")
        with open(p, "wb") as fh:
            fh.write(numpy_helper.from_array(out).SerializeToString())
        outs.append(p)
    return path, ins, outs


def report_lines(text):
    """The kernel rows of mlc-compile --report: (kind, whole line)."""
    rows = []
    for line in text.splitlines():
        parts = line.split()
        if len(parts) > 1 and parts[0].isdigit():
            rows.append((parts[1], line))
    return rows


def check(args, name, path, cpu, ins, outs, expect, what, rtol, atol,
          flags=()):
    """Compiles for `cpu` (with mlc-compile `flags`); `expect(rows)` returns
    an error message or None; then compares the outputs. Returns the number
    of failures (0 or 1)."""
    so_path = os.path.join(args.work_dir, f"{name}.{cpu}.so")
    rep = subprocess.run([args.mlc_compile, path, "-o", so_path, "--report",
                          f"--cpu={cpu}", *flags], capture_output=True,
                         text=True)
    if rep.returncode != 0:
        print(f"{name} [{cpu}]: mlc-compile failed:\n{rep.stdout}{rep.stderr}")
        return 1
    rows = report_lines(rep.stdout + rep.stderr)
    error = expect(rows)
    if error:
        print(f"{name} [{cpu}]: {error}\n{rep.stdout}{rep.stderr}")
        return 1
    run = subprocess.run([args.mlc_run, so_path, "--inputs", ",".join(ins),
                          "--expected", ",".join(outs), "--rtol", str(rtol),
                          "--atol", str(atol)], capture_output=True, text=True)
    ok = run.returncode == 0
    print(f"{name} [{cpu}]: {'PASS' if ok else 'FAIL'} ({what}; kernels "
          f"{[kind for kind, _ in rows]})")
    if not ok:
        print(run.stdout + run.stderr)
    return 0 if ok else 1


def check_case(args, name, model, feeds, expect, what, rtol, atol,
               flags=()):
    """write_case, then check for every CPU of CPUS; returns the failures."""
    path, ins, outs = write_case(args, name, model, feeds)
    return sum(check(args, name, path, cpu, ins, outs, expect, what, rtol,
                     atol, flags) for cpu in CPUS)


def summary(failures, cases):
    total = len(CPUS) * cases
    print(f"{total - failures} of {total} checks passed")
    return 1 if failures else 0
