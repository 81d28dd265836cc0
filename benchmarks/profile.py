#!/usr/bin/env python3
"""Per-kernel time of a model compiled by MLC (and, with --ort, ONNX Runtime's
per-node time), to see where a model's latency goes.

  benchmarks/profile.py MODEL.onnx [--threads 1] [--runs 200] [--ort]
      [--top 30] [--compile-arg=ARG ...]

Compiles MODEL with `mlc-compile --report`, runs `mlc-run --benchmark` with
MLC_PROFILE=1 (the runtime then times every parallel kernel loop), and maps
each loop back to its kernel in the report: the outlined loops are named
<tag>_kernel_k<N>_par<M>, N being the report's kernel number. Loops too
small to run in parallel stay in the entry function and show as one line,
"inline loops", with the latency left over.
"""

import argparse
import collections
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def symbols(so):
    """Address -> name of the local function symbols of `so`."""
    for nm in ("nm", "llvm-nm-19", "llvm-nm"):
        try:
            out = subprocess.run([nm, so], capture_output=True, text=True,
                                 check=True).stdout
            break
        except (OSError, subprocess.CalledProcessError):
            continue
    else:
        return {}
    table = {}
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "tT":
            table[int(parts[0], 16)] = parts[2]
    return table


def ort_profile(model, threads, runs, work):
    import numpy as np
    import onnxruntime as ort
    so = ort.SessionOptions()
    # The profile's JSON goes to the work folder, not the current one.
    so.profile_file_prefix = os.path.join(work, "ort_profile")
    so.intra_op_num_threads = threads
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.enable_profiling = True
    s = ort.InferenceSession(model, so, providers=["CPUExecutionProvider"])
    rng = np.random.default_rng(0)
    feeds = {}
    for i in s.get_inputs():
        shape = [d if isinstance(d, int) else 1 for d in i.shape]
        feeds[i.name] = (np.ones(shape, np.int64) if "int64" in i.type else
                         rng.standard_normal(shape).astype(np.float32))
    for _ in range(runs):
        s.run(None, feeds)
    profile_path = s.end_profiling()
    with open(profile_path) as f:
        events = json.load(f)
    os.remove(profile_path)
    total = collections.OrderedDict()
    for e in events:
        if e.get("cat") == "Node" and e["name"].endswith("_kernel_time"):
            key = e["name"][:-len("_kernel_time")]
            args = e["args"]
            shapes = " ".join("x".join(map(str, next(iter(t.values()))))
                              for t in args.get("input_type_shape", []))
            if key not in total:
                total[key] = [0.0, args.get("op_name"), shapes]
            total[key][0] += e["dur"] / 1000.0 / runs
    return total


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("model")
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--runs", type=int, default=200)
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--ort", action="store_true",
                    help="also ONNX Runtime's per-node times")
    ap.add_argument("--compile-arg", action="append", default=[])
    ap.add_argument("--mlc-compile",
                    default=os.path.join(ROOT, "build", "bin", "mlc-compile"))
    ap.add_argument("--mlc-run",
                    default=os.path.join(ROOT, "build", "bin", "mlc-run"))
    args = ap.parse_args()

    work = tempfile.mkdtemp(prefix="mlc-profile-")
    try:
        profile(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def profile(args, work):
    so = os.path.join(work, "model.so")
    rep = subprocess.run([args.mlc_compile, args.model, "-o", so, "--report"]
                         + args.compile_arg, capture_output=True, text=True)
    if rep.returncode != 0:
        sys.exit(rep.stdout + rep.stderr)
    report = {}
    for line in (rep.stdout + rep.stderr).splitlines():
        m = re.match(r"\s*(\d+)\s+(.*)", line)
        if m:
            report[int(m.group(1))] = re.sub(r"\s+", " ", m.group(2))
    env = dict(os.environ, MLC_PROFILE="1")
    run = subprocess.run([args.mlc_run, so, "--benchmark", "--threads",
                          str(args.threads), "--runs", str(args.runs)],
                         capture_output=True, text=True, env=env)
    if run.returncode != 0:
        sys.exit(run.stdout + run.stderr)
    latency = float(re.search(r"median ([\d.]+) ms", run.stdout).group(1))
    syms = symbols(so)
    rows = []
    for line in run.stderr.splitlines():
        m = re.match(r"\s+(\S+)\s+(\d+)\s+(\d+)\s+([\d.]+)\s+([\d.]+)", line)
        if not m:
            continue
        name = m.group(1)
        off = re.search(r"\+0x([0-9a-f]+)$", name)
        if off:
            name = syms.get(int(off.group(1), 16), name)
        k = re.search(r"_k(\d+)_par\d+$", name)
        rows.append((float(m.group(5)), int(m.group(2)),
                     int(k.group(1)) if k else None, name))
    per_kernel = collections.defaultdict(float)
    for mean, _, kernel, name in rows:
        per_kernel[kernel if kernel is not None else name] += mean
    covered = sum(per_kernel.values())
    print(f"{os.path.basename(args.model)}: median {latency:.3f} ms at "
          f"{args.threads} thread(s); kernels' parallel loops {covered:.3f} "
          f"ms, inline loops and calls {latency - covered:.3f} ms")
    print(f"{'kernel':>6} {'ms':>8} {'share':>6}  report line")
    for key, ms in sorted(per_kernel.items(), key=lambda kv: -kv[1])[:args.top]:
        text = report.get(key, key) if isinstance(key, int) else key
        print(f"{str(key):>6} {ms:8.3f} {100 * ms / latency:5.1f}%  {text}")
    if args.ort:
        total = ort_profile(args.model, args.threads, args.runs, work)
        all_ms = sum(v[0] for v in total.values())
        print(f"\nONNX Runtime: {all_ms:.3f} ms in nodes")
        for key, (ms, op, shapes) in sorted(total.items(),
                                            key=lambda kv: -kv[1][0])[:args.top]:
            print(f"{'':>6} {ms:8.3f} {100 * ms / all_ms:5.1f}%  {op} {shapes}")


if __name__ == "__main__":
    main()
