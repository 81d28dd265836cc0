#!/usr/bin/env python3
"""MLC against ONNX Runtime on the benchmark model set (BENCHMARKING.md).

For every model: build it (make_models.py), compile it with mlc-compile
(timed), count its FLOPs, then for each thread count T measure MLC (model.so
through its C API) and ONNX Runtime alternately in one pinned child process
(measure.py). Prints a table per T and writes JSON and a PNG chart.

  benchmarks/bench.py [--models a,b] [--threads 1,2] [--quick] [...]

Usually run through benchmarks/run.sh, which sets the machine up first.
See benchmarks/README.md.
"""

import argparse
import datetime
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import flops  # noqa: E402
import make_models  # noqa: E402
import report  # noqa: E402

# BENCHMARKING.md: fp32 FMA peak of the reference machine (AMD EPYC Zen 5
# class, AVX-512, 2 FMA/cycle at ~4.2 GHz).
REFERENCE_PEAK = {1: 267.0, 2: 530.0}
SCALING_MIN = 1.9


def parse_args():
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="models: " + ", ".join(make_models.MODELS))
    p.add_argument("--models", default=",".join(make_models.MODELS),
                   help="comma-separated subset (default: all)")
    p.add_argument("--threads", default="1,2",
                   help="thread counts, from {1,2} (default 1,2; 2 only when "
                   "the FMA scaling check passes)")
    p.add_argument("--quick", action="store_true",
                   help="fewer runs: --runs 10 --min-time 0.2 --max-time 3 "
                   "--warmup 1 (unless given)")
    p.add_argument("--runs", type=int, help="min runs per side (default 50)")
    p.add_argument("--min-time", type=float,
                   help="min timed seconds per side (default 2)")
    p.add_argument("--max-time", type=float,
                   help="cap on timed seconds per side for slow models, "
                   "never below --min-time or one run per round (default 30)")
    p.add_argument("--rounds", type=int, default=5,
                   help="alternating MLC/ORT rounds (default 5)")
    p.add_argument("--warmup", type=int, help="warm-up runs per side "
                   "(default 3; also >= 0.5 s, 0.1 s with --quick)")
    p.add_argument("--rtol", type=float, default=1e-3)
    p.add_argument("--atol", type=float, default=1e-4)
    p.add_argument("--models-dir",
                   default=os.path.join(ROOT, "build", "benchmarks", "models"),
                   help="where the .onnx and compiled .so files go")
    p.add_argument("--out", default=os.path.join(ROOT, "build", "benchmarks",
                                                 "results.json"),
                   help="JSON results; the chart goes beside it (.png)")
    p.add_argument("--mlc-compile",
                   default=os.path.join(ROOT, "build", "bin", "mlc-compile"))
    p.add_argument("--compile-arg", action="append", default=[],
                   metavar="ARG", help="extra mlc-compile argument "
                   "(repeatable), e.g. --compile-arg=--cpu=znver4")
    p.add_argument("--ignore-scaling", action="store_true",
                   help="measure T=2 even when the scaling check fails "
                   "(the figures are then flagged in the JSON)")
    p.add_argument("--strict", action="store_true",
                   help="exit 1 when a model fails to compile or run, or its "
                   "outputs differ from ORT's")
    p.add_argument("--timeout", type=float, default=3600,
                   help="seconds allowed per (model, T) measurement")
    a = p.parse_args()
    quick = a.quick
    a.runs = a.runs if a.runs is not None else (10 if quick else 50)
    a.min_time = a.min_time if a.min_time is not None else (0.2 if quick
                                                            else 2.0)
    a.max_time = a.max_time if a.max_time is not None else (3.0 if quick
                                                            else 30.0)
    a.max_time = max(a.max_time, a.min_time)
    a.warmup = a.warmup if a.warmup is not None else (1 if quick else 3)
    a.warmup_time = 0.1 if quick else 0.5
    a.model_list = [m for m in a.models.split(",") if m]
    unknown = [m for m in a.model_list if m not in make_models.MODELS]
    if unknown:
        p.error(f"unknown model(s) {', '.join(unknown)}; known: "
                + ", ".join(make_models.MODELS))
    try:
        a.thread_list = sorted({int(t) for t in a.threads.split(",") if t})
    except ValueError:
        p.error("--threads: comma-separated integers")
    if not a.thread_list or any(t not in (1, 2) for t in a.thread_list):
        p.error("--threads: 1 and/or 2 (the scaling check covers 2 threads)")
    return a


def log(msg):
    print(msg, flush=True)


# ----------------------------------------------------------------------------
# The machine


def machine_info():
    info = {"hostname": platform.node(), "kernel": platform.release(),
            "python": platform.python_version(),
            "cpus_online": os.cpu_count(),
            "affinity": sorted(os.sched_getaffinity(0))}
    try:
        with open("/proc/cpuinfo") as f:
            text = f.read()
        m = re.search(r"^model name\s*:\s*(.*)$", text, re.M)
        info["cpu"] = m.group(1).strip() if m else None
        fl = re.search(r"^flags\s*:\s*(.*)$", text, re.M)
        flags = set(fl.group(1).split()) if fl else set()
        info["isa"] = [f for f in ("avx2", "fma", "avx512f", "avx512_vnni",
                                   "avx512_bf16", "amx_tile") if f in flags]
    except OSError:
        pass
    import numpy
    import onnx
    import onnxruntime
    info["onnxruntime"] = onnxruntime.__version__
    info["onnx"] = onnx.__version__
    info["numpy"] = numpy.__version__
    try:
        git = ["git", "--no-optional-locks", "-C", ROOT]
        info["git_commit"] = subprocess.run(
            git + ["rev-parse", "HEAD"], capture_output=True, text=True,
            check=True).stdout.strip()
        info["git_dirty"] = bool(subprocess.run(
            git + ["status", "--porcelain", "--untracked-files=no"],
            capture_output=True, text=True).stdout.strip())
    except (OSError, subprocess.CalledProcessError):
        pass
    return info


def fma_peak():
    """Compiles (once) and runs fma_peak.c. Returns {"isa", "median": {T:
    GFLOP/s}, "best": {T: GFLOP/s}} for T = 1 and, with two CPUs, 2; or
    {"error": why}."""
    src = os.path.join(HERE, "fma_peak.c")
    exe = os.path.join(ROOT, "build", "benchmarks", "fma_peak")
    if (not os.path.exists(exe)
            or os.path.getmtime(exe) < os.path.getmtime(src)):
        os.makedirs(os.path.dirname(exe), exist_ok=True)
        cc = subprocess.run(["clang-19", "-O2", "-march=native", "-pthread",
                             src, "-o", exe], capture_output=True, text=True)
        if cc.returncode:
            return {"error": "cannot compile fma_peak.c: "
                    + cc.stderr.strip()[:500]}
    run = subprocess.run([exe], capture_output=True, text=True)
    if run.returncode:
        return {"error": "fma_peak failed: " + run.stderr.strip()[:500]}
    out = {"median": {}, "best": {}}
    for line in run.stdout.splitlines():
        w = line.split()
        if w[:1] == ["isa"]:
            out["isa"] = w[1]
        elif w[:1] == ["threads"] and len(w) == 6:
            out["median"][int(w[1])] = float(w[3])
            out["best"][int(w[1])] = float(w[5])
    if 1 not in out["best"]:
        return {"error": "fma_peak printed no result"}
    return out


def scaling_check(machine):
    """BENCHMARKING.md: 2-thread figures only when a 2-thread FMA loop runs
    >= 1.9x as fast as 1 thread (the second vCPU is at times shared); the
    medians of fma_peak's trials are compared. Returns (summary or None,
    reason when it did not pass, fma_peak's result)."""
    if len(machine["affinity"]) < 2:
        return None, "fewer than 2 CPUs in the affinity set", {}
    check = fma_peak()
    med = check.get("median", {})
    if 1 not in med or 2 not in med:
        return (None, "scaling check could not run: "
                + check.get("error", "no 2-thread result"), check)
    ratio = med[2] / med[1]
    scaling = {"gflops_1t": med[1], "gflops_2t": med[2], "ratio": ratio,
               "required": SCALING_MIN, "passed": ratio >= SCALING_MIN,
               "best_gflops": check["best"]}
    return scaling, (None if scaling["passed"] else
                     f"2-thread FMA loop scales {ratio:.2f}x over 1 thread "
                     f"(< {SCALING_MIN}x: the second vCPU is shared)"), check


# ----------------------------------------------------------------------------
# Compiling and measuring


def compile_model(args, onnx_path, so_path):
    """Runs mlc-compile; returns (wall seconds, error or None)."""
    for _ in range(12):  # the tool may be mid-rebuild: wait up to a minute
        if os.path.exists(args.mlc_compile):
            break
        time.sleep(5)
    cmd = [args.mlc_compile, onnx_path, "-o", so_path] + args.compile_arg
    start = time.perf_counter()
    try:
        r = subprocess.run(cmd, capture_output=True, text=True)
    except OSError as e:
        return None, f"cannot run mlc-compile: {e}"
    seconds = time.perf_counter() - start
    if r.returncode:
        msg = (r.stderr.strip() or r.stdout.strip()).splitlines()
        return seconds, "compile failed: " + (msg[0] if msg else
                                              f"exit {r.returncode}")
    return seconds, None


def measure(args, onnx_path, so_path, threads):
    """measure.py in a child process; returns its result or {"error": ...}."""
    spec = {"onnx": onnx_path, "so": so_path, "threads": threads,
            "warmup": args.warmup, "warmup_time": args.warmup_time,
            "min_runs": args.runs, "min_time": args.min_time,
            "max_time": args.max_time, "rounds": args.rounds, "gap": 0.01,
            "rtol": args.rtol, "atol": args.atol}
    with tempfile.TemporaryDirectory(prefix="mlc-bench-") as tmp:
        spec_path = os.path.join(tmp, "spec.json")
        result_path = os.path.join(tmp, "result.json")
        with open(spec_path, "w") as f:
            json.dump(spec, f)
        cmd = [sys.executable, os.path.join(HERE, "measure.py"), spec_path,
               result_path]
        try:
            r = subprocess.run(cmd, capture_output=True, text=True,
                               timeout=args.timeout)
        except subprocess.TimeoutExpired:
            return {"error": f"timed out after {args.timeout:.0f} s"}
        if r.returncode or not os.path.exists(result_path):
            lines = (r.stderr.strip() or f"exit {r.returncode}").splitlines()
            return {"error": f"measurement failed (exit {r.returncode}): "
                    + lines[-1]}
        with open(result_path) as f:
            return json.load(f)


def row(name, info, result, threads, peak):
    r = {"model": name, "threads": threads, "gflop": info["flops"] / 1e9,
         "flops": info["flops"], "flops_by_op": info["flops_by_op"],
         "compile_s": info.get("compile_s")}
    if info.get("error"):
        r.update(outputs="error", error=info["error"])
        return r
    if result.get("error"):
        r.update(outputs="error", error=result["error"])
        return r
    mlc, ort = result["mlc"], result["ort"]
    r["mlc_ms"], r["ort_ms"] = mlc["median_ms"], ort["median_ms"]
    r["ratio"] = mlc["median_ms"] / ort["median_ms"]
    for side, s in (("mlc", mlc), ("ort", ort)):
        g = info["flops"] / (s["median_ms"] * 1e6) if info["flops"] else None
        r[f"{side}_gflops"] = g
        r[f"{side}_pct_peak"] = 100 * g / peak if g and peak else None
        r[side] = s
    m = result["match"]
    r["outputs"] = "ok" if m["ok"] else "MISMATCH"
    if not m["ok"]:
        r["error"] = (f"outputs differ from ORT: max abs {m['max_abs_err']:.3g}"
                      f", max rel {m['max_rel_err']:.3g} in "
                      + ", ".join(m["mismatched_outputs"]))
    r["match"] = m
    r["cpus"] = result["cpus"]
    r["mlc_session_threads"] = result["mlc_session_threads"]
    r["measure_s"] = result["measure_s"]
    return r


# ----------------------------------------------------------------------------


def main():
    args = parse_args()
    started = datetime.datetime.now(datetime.timezone.utc)
    machine = machine_info()
    log(f"machine: {machine.get('cpu')}, {len(machine['affinity'])} CPUs "
        f"{machine['affinity']}, onnxruntime {machine['onnxruntime']}")

    peak_run = fma_peak()
    if "error" in peak_run:
        log(f"fma peak: {peak_run['error']}; using BENCHMARKING.md's "
            f"reference {REFERENCE_PEAK[1]:.0f} GFLOP/s")
        peak = dict(REFERENCE_PEAK)
        peak_source = "BENCHMARKING.md reference"
    else:
        best = peak_run["best"]
        peak = {1: best[1], 2: best.get(2)}
        peak_source = f"measured, {peak_run.get('isa')}"
        log(f"fp32 FMA peak ({peak_run.get('isa')}, best of 5): 1 thread "
            f"{best[1]:.1f} GFLOP/s"
            + (f", 2 threads {best[2]:.1f} GFLOP/s" if 2 in best else "")
            + f"  [BENCHMARKING.md reference machine: {REFERENCE_PEAK[1]:.0f}"
            f" / {REFERENCE_PEAK[2]:.0f} GFLOP/s]")

    os.makedirs(args.models_dir, exist_ok=True)
    models = {}
    for name in args.model_list:
        onnx_path = make_models.ensure(name, args.models_dir)
        so_path = os.path.join(args.models_dir, name + ".so")
        total, by_op, unknown = flops.count_flops(onnx_path)
        info = {"onnx": onnx_path, "so": so_path, "flops": total,
                "flops_by_op": by_op, "flops_unknown_nodes": unknown}
        log(f"{name}: {total / 1e9:.3f} GFLOP; compiling ...")
        info["compile_s"], info["error"] = compile_model(args, onnx_path,
                                                         so_path)
        log(f"  {info['error'] or 'compiled'} in "
            f"{info['compile_s'] or 0:.1f} s")
        models[name] = info

    tables, skipped, discarded, scaling = {}, {}, {}, None
    for threads in args.thread_list:
        if threads == 2:
            scaling, why, check = scaling_check(machine)
            if scaling and scaling["passed"]:
                log(f"T=2: FMA scaling {scaling['ratio']:.2f}x >= "
                    f"{SCALING_MIN}x")
            elif args.ignore_scaling:
                log(f"T=2: {why}; measuring anyway (--ignore-scaling)")
            else:
                skipped[2] = why
                log(f"T=2 skipped: {why}")
                continue
            if "error" not in peak_run:
                # The 2-thread peak: measured when the check passed, else
                # (shared vCPU, --ignore-scaling) twice the 1-thread peak.
                peak[2] = (check["best"][2] if scaling and scaling["passed"]
                           else 2 * peak[1])
        rows = []
        for name, info in models.items():
            if info.get("error"):
                rows.append(row(name, info, {}, threads, peak.get(threads)))
                continue
            log(f"T={threads} {name}: measuring ...")
            result = measure(args, info["onnx"], info["so"], threads)
            rows.append(row(name, info, result, threads, peak.get(threads)))
            r = rows[-1]
            log("  " + (r.get("error") or
                        f"MLC {r['mlc_ms']:.4g} ms, ORT {r['ort_ms']:.4g} ms"
                        f" ({r['mlc']['runs']} / {r['ort']['runs']} runs)"))
        tables[threads] = rows
        if threads == 2 and scaling and scaling["passed"]:
            # The second vCPU may have been taken during the runs: check again.
            after, why, _ = scaling_check(machine)
            scaling["after"] = after
            if after and after["passed"]:
                log(f"T=2: FMA scaling after the runs {after['ratio']:.2f}x")
            elif not args.ignore_scaling:
                discarded[2] = "after the 2-thread runs: " + why
                log(f"T=2 figures discarded: {discarded[2]}")

    title = (f"MLC / ONNX Runtime {machine['onnxruntime']}, median latency, "
             f"{started:%Y-%m-%d}\n{machine.get('cpu')}, fp32 FMA peak "
             f"{peak[1]:.0f} GFLOP/s per thread ({peak_source})")
    for threads, rows in tables.items():
        if threads in discarded:
            log(f"\n== {threads} threads: DISCARDED ({discarded[threads]}); "
                "as measured: ==")
            log(report.format_table(rows))
            continue
        log(f"\n== {threads} thread{'s' if threads > 1 else ''}: MLC vs ONNX "
            f"Runtime {machine['onnxruntime']}, medians; % of the "
            f"{peak.get(threads) or 0:.0f} GFLOP/s {threads}-thread peak "
            f"({peak_source}) =="
            + ("\n   (the 2-thread scaling check FAILED: these figures are "
               "not trustworthy)" if threads == 2 and not (
                   scaling and scaling["passed"]) else ""))
        log(report.format_table(rows))
        g = report.geomean([r.get("ratio") for r in rows])
        if g:
            log(f"geomean MLC/ORT: {g:.2f}")
    for threads, why in skipped.items():
        log(f"\n== {threads} threads: skipped: {why} ==")

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    results = {
        "date": started.isoformat(timespec="seconds"),
        "command": sys.argv,
        "machine": machine,
        "peak_gflops": {
            "source": peak_source,
            "isa": peak_run.get("isa"),
            "fma_peak": {k: {str(t): g for t, g in v.items()}
                         for k, v in peak_run.items()
                         if k in ("median", "best")},
            "used": {str(k): v for k, v in peak.items()},
            "reference_benchmarking_md": {str(k): v for k, v in
                                          REFERENCE_PEAK.items()},
        },
        "scaling_check": scaling,
        "settings": {k: getattr(args, k) for k in (
            "runs", "min_time", "max_time", "rounds", "warmup", "warmup_time",
            "rtol", "atol", "quick", "compile_arg", "ignore_scaling",
            "thread_list", "model_list")},
        "mlc_compile": args.mlc_compile,
        "skipped": {str(k): v for k, v in skipped.items()},
        "discarded": {str(k): v for k, v in discarded.items()},
        "results": {str(k): v for k, v in tables.items()},
    }
    with open(args.out, "w") as f:
        json.dump(results, f, indent=1)
    log(f"\nwrote {args.out}")
    charted = {t: rows for t, rows in tables.items() if t not in discarded}
    if charted:
        png = os.path.splitext(args.out)[0] + ".png"
        try:
            report.write_chart(png, charted, title)
            log(f"wrote {png}")
        except ImportError as e:
            log(f"no chart: {e}")
    if args.strict and any(r.get("outputs") != "ok"
                           for rows in tables.values() for r in rows):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
