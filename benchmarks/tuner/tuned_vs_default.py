"""Whole-model latency: MLC default build, MLC tuned build, ONNX Runtime.

usage: tuned_vs_default.py [--models resnet50,bert] [--threads 1]
                           [--records-dir DIR] [--out DIR]

For each model: compiles build/benchmarks/models/<model>.onnx with mlc-compile
(default schedules) and with --records=<records-dir>/<model>.records (written
by benchmarks/tuner/tune_models.sh), then measures the three alternately in
one pinned process (benchmarks/measure.py, the procedure of bench.py). Prints
a table and writes <out>/tuned_vs_default.json.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
BENCH = os.path.dirname(HERE)
ROOT = os.path.dirname(BENCH)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--models", default="resnet50,bert")
    p.add_argument("--threads", default="1")
    p.add_argument("--records-dir",
                   default=os.path.join(ROOT, "build", "benchmarks", "tuner"))
    p.add_argument("--models-dir",
                   default=os.path.join(ROOT, "build", "benchmarks", "models"))
    p.add_argument("--out",
                   default=os.path.join(ROOT, "build", "benchmarks", "tuner"))
    args = p.parse_args()
    compile_bin = os.path.join(ROOT, "build", "bin", "mlc-compile")
    rows = []
    for model in args.models.split(","):
        onnx_path = os.path.join(args.models_dir, model + ".onnx")
        records = os.path.join(args.records_dir, model + ".records")
        default_so = os.path.join(args.out, model + "_default.so")
        tuned_so = os.path.join(args.out, model + "_tuned.so")
        subprocess.run([compile_bin, onnx_path, "-o", default_so], check=True)
        r = subprocess.run([compile_bin, onnx_path, "-o", tuned_so,
                            "--records=" + records],
                           check=True, capture_output=True, text=True)
        used = r.stderr.strip().splitlines()[0] if r.stderr.strip() else ""
        print(used)
        for t in (int(v) for v in args.threads.split(",")):
            spec = {"onnx": onnx_path, "so": default_so, "so_tuned": tuned_so,
                    "threads": t, "warmup": 3, "warmup_time": 1.0,
                    "min_runs": 30, "min_time": 3.0, "max_time": 20.0,
                    "rounds": 5, "gap": 0.01, "rtol": 1e-3, "atol": 1e-4}
            with tempfile.TemporaryDirectory() as tmp:
                sp, rp = os.path.join(tmp, "s.json"), os.path.join(tmp, "r.json")
                with open(sp, "w") as f:
                    json.dump(spec, f)
                subprocess.run([sys.executable,
                                os.path.join(BENCH, "measure.py"), sp, rp],
                               check=True)
                with open(rp) as f:
                    res = json.load(f)
            row = {"model": model, "threads": t,
                   "default_ms": res["mlc"]["median_ms"],
                   "tuned_ms": res["tuned"]["median_ms"],
                   "ort_ms": res["ort"]["median_ms"],
                   "match": res["match"], "match_tuned": res["match_tuned"],
                   "records": used}
            rows.append(row)
    print(f"{'model':10} {'T':>2} {'default ms':>11} {'tuned ms':>9} "
          f"{'ORT ms':>8} {'tuned/default':>14} {'tuned/ORT':>10} "
          f"{'default/ORT':>12}")
    for r in rows:
        print(f"{r['model']:10} {r['threads']:2d} {r['default_ms']:11.3f} "
              f"{r['tuned_ms']:9.3f} {r['ort_ms']:8.3f} "
              f"{r['tuned_ms'] / r['default_ms']:14.3f} "
              f"{r['tuned_ms'] / r['ort_ms']:10.3f} "
              f"{r['default_ms'] / r['ort_ms']:12.3f}")
    with open(os.path.join(args.out, "tuned_vs_default.json"), "w") as f:
        json.dump(rows, f, indent=1)


if __name__ == "__main__":
    main()
