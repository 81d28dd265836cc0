"""One model at one thread count, MLC against ONNX Runtime in one process.

Run by bench.py as a child process per (model, T), so that every thread
either side creates inherits the pinning (the first T CPUs of the affinity
set) and no thread pool, arena or page cache of another model is around:

  python benchmarks/measure.py SPEC.json RESULT.json

SPEC: {"onnx", "so", "threads", "warmup", "warmup_time", "min_runs",
"min_time", "max_time", "rounds", "gap", "rtol", "atol"} and optionally
"so_tuned" (a second MLC build, e.g. with tuning records, measured as a third
side "tuned" in the same rounds). The procedure:

 1. pin to the first T CPUs; open the MLC session (threads = T) and the ORT
    session (ORT_ENABLE_ALL, ORT_SEQUENTIAL, intra_op T, inter_op 1);
 2. bind the same 64-byte aligned inputs to both; outputs are preallocated
    (MLC: caller-owned tensors; ORT: IOBinding to preallocated buffers), so
    no timed call allocates its outputs;
 3. warm up each side (>= warmup runs and >= warmup_time s, but no run
    starts after 5 s); its median time per run t gives the run count per
    side: n = max(min_runs, min_time / t), cut to max(min_time, max_time) / t
    for slow models, and at least one run per round;
 4. compare the outputs of one run of each (|mlc - ort| <= atol + rtol |ort|);
 5. `rounds` rounds of [n/rounds MLC runs, n/rounds ORT runs], each call
    timed alone with perf_counter_ns, GC off, a short sleep between blocks
    (so that neither side's spinning workers eat into the other's block).
"""

import gc
import json
import math
import os
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def pin(threads):
    """Restricts this process (and every thread it creates later) to the
    first `threads` CPUs it may run on; returns them."""
    cpus = sorted(os.sched_getaffinity(0))[:threads]
    os.sched_setaffinity(0, cpus)
    return cpus


def ort_session(path, threads):
    import onnxruntime as ort
    so = ort.SessionOptions()
    so.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    so.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    so.intra_op_num_threads = threads
    so.inter_op_num_threads = 1
    return ort.InferenceSession(path, so, providers=["CPUExecutionProvider"])


def ort_bind(sess, feeds, aligned_empty):
    """An IOBinding with the inputs and preallocated outputs; returns
    (run function, {output name: array})."""
    io = sess.io_binding()
    for inp in sess.get_inputs():
        io.bind_cpu_input(inp.name, feeds[inp.name])
    outs = {}
    # ORT's declared output shapes may be symbolic: take them from one run.
    first = sess.run(None, feeds)
    for o, value in zip(sess.get_outputs(), first):
        a = aligned_empty(value.shape, value.dtype)
        outs[o.name] = a
        io.bind_output(o.name, "cpu", 0, a.dtype, list(a.shape),
                       a.ctypes.data)
    run = sess.run_with_iobinding

    def run_once():
        run(io)

    return run_once, outs


def timed(fn, count, out):
    """Appends the duration of each of `count` calls, in ns, to out."""
    clock = time.perf_counter_ns
    for _ in range(count):
        t0 = clock()
        fn()
        out.append(clock() - t0)


def warm_up(fn, runs, seconds, cap=5.0):
    """>= runs calls and >= seconds, but no call after `cap` seconds once one
    call is done (a model that takes seconds per run needs one warm-up).
    Returns (median seconds per call, calls)."""
    times = []
    start = time.perf_counter()
    while True:
        timed(fn, 1, times)
        elapsed = time.perf_counter() - start
        if ((len(times) >= runs and elapsed >= seconds) or elapsed >= cap
                or len(times) >= 100000):
            break
    return float(np.median(times)) * 1e-9, len(times)


def run_count(t, spec):
    """Runs per side for a run time of t seconds (see the module doc)."""
    t = max(t, 1e-9)
    n = max(spec["min_runs"], math.ceil(spec["min_time"] / t))
    if n * t > spec["max_time"]:
        n = max(math.ceil(spec["min_time"] / t), int(spec["max_time"] / t))
    return max(n, spec["rounds"])


def compare(mlc_outs, ort_outs, rtol, atol):
    """ONNX-style closeness of every output; returns a summary dict."""
    worst_abs = worst_rel = 0.0
    ok = True
    bad = []
    for name, ref in ort_outs.items():
        got = mlc_outs.get(name)
        if got is None or got.shape != ref.shape:
            ok = False
            bad.append(name)
            continue
        if ref.dtype.kind in "fc":
            r = ref.astype(np.float64)
            g = got.astype(np.float64)
            diff = np.abs(g - r)
            close = diff <= atol + rtol * np.abs(r)
            close |= (np.isnan(g) & np.isnan(r)) | (g == r)
            if diff.size:
                finite = np.isfinite(diff)
                if finite.any():
                    worst_abs = max(worst_abs, float(diff[finite].max()))
                    rel = diff[finite] / np.maximum(np.abs(r[finite]), 1e-30)
                    worst_rel = max(worst_rel, float(rel.max()))
        else:
            close = got == ref
        if not close.all():
            ok = False
            bad.append(name)
    return {"ok": ok, "max_abs_err": worst_abs, "max_rel_err": worst_rel,
            "mismatched_outputs": bad, "rtol": rtol, "atol": atol}


def stats(ns):
    a = np.asarray(ns, np.float64) * 1e-6
    p10, p50, p90 = np.percentile(a, [10, 50, 90])
    return {"median_ms": float(p50), "p10_ms": float(p10), "p90_ms": float(p90),
            "mean_ms": float(a.mean()), "min_ms": float(a.min()),
            "runs": int(a.size)}


def measure(spec):
    sys.path.insert(0, HERE)
    cpus = pin(spec["threads"])
    import onnx
    import make_models
    from mlc_model import MlcModel, aligned_copy, aligned_empty

    model = onnx.load(spec["onnx"], load_external_data=False)
    feeds = {k: aligned_copy(v) for k, v in
             make_models.make_inputs(model).items()}
    del model

    mlc = MlcModel(spec["so"], spec["threads"])
    mlc_outs = mlc.bind(feeds)
    sess = ort_session(spec["onnx"], spec["threads"])
    ort_run, ort_outs = ort_bind(sess, feeds, aligned_empty)
    sides = {"mlc": mlc.run, "ort": ort_run}
    # Optional third side: the same model built with tuning records
    # (benchmarks/tuner/tuned_vs_default.py), alternated with the others.
    tuned = None
    if spec.get("so_tuned"):
        tuned = MlcModel(spec["so_tuned"], spec["threads"])
        tuned_outs = tuned.bind(feeds)
        sides["tuned"] = tuned.run

    result = {"cpus": cpus, "mlc_session_threads": mlc.threads}
    gc.disable()
    warm = {}
    for side, fn in sides.items():
        t, count = warm_up(fn, spec["warmup"], spec["warmup_time"])
        warm[side] = t
        result[side] = {"warmup_runs": count, "warmup_median_ms": t * 1e3}
    # The last warm-up runs left both sides' outputs in place.
    result["match"] = compare(mlc_outs, ort_outs, spec["rtol"], spec["atol"])
    if tuned:
        result["match_tuned"] = compare(tuned_outs, ort_outs, spec["rtol"],
                                        spec["atol"])

    rounds = spec["rounds"]
    per_round = {s: math.ceil(run_count(warm[s], spec) / rounds)
                 for s in sides}
    times = {s: [] for s in sides}
    round_medians = {s: [] for s in sides}
    start = time.perf_counter()
    for _ in range(rounds):
        for side, fn in sides.items():
            time.sleep(spec["gap"])
            before = len(times[side])
            timed(fn, per_round[side], times[side])
            round_medians[side].append(
                float(np.median(times[side][before:])) * 1e-6)
    result["measure_s"] = time.perf_counter() - start
    gc.enable()
    for side in sides:
        result[side].update(stats(times[side]))
        result[side]["round_medians_ms"] = round_medians[side]
    result["rounds"] = rounds
    mlc.close()
    if tuned:
        tuned.close()
    return result


def main():
    if len(sys.argv) != 3:
        sys.exit(f"usage: {sys.argv[0]} SPEC.json RESULT.json")
    with open(sys.argv[1]) as f:
        spec = json.load(f)
    result = measure(spec)
    with open(sys.argv[2], "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
