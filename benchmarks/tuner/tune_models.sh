#!/usr/bin/env bash
# Tunes ResNet-50 and BERT-base (the benchmark set's models, made by
# benchmarks/run.sh or make_models.py) with a time budget each, then
# compares default vs tuned vs ONNX Runtime (tuned_vs_default.py).
#
# usage: benchmarks/tuner/tune_models.sh [BUDGET_SECONDS] [THREADS]
set -euo pipefail
cd "$(dirname "$0")/../.."
budget=${1:-1800}
threads=${2:-1}
out=build/benchmarks/tuner
models=build/benchmarks/models
mkdir -p "$out"
for m in resnet50 bert; do
  [ -f "$models/$m.onnx" ] ||
    .venv/bin/python benchmarks/make_models.py --out "$models" --models "$m"
  echo "== tuning $m for at most $budget s at $threads thread(s)"
  build/bin/mlc-tune "$models/$m.onnx" --trials=100000 --time-budget="$budget" \
    --threads="$threads" --records="$out/$m.records" --no-final-compare \
    --curve="$out/$m.curve.csv" --plot="$out/$m.png" 2> "$out/$m.tune.log" |
    tee "$out/$m.tune.txt"
done
.venv/bin/python benchmarks/tuner/tuned_vs_default.py --threads "$threads"
