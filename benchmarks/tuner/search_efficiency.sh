#!/usr/bin/env bash
# Search efficiency of mlc-tune: on 4 tasks (two BERT-base matmuls, two
# ResNet-50 convolutions) and 3 seeds, the XGBoost-guided search with N
# trials against random search with 4N trials. Writes the curves (CSV per
# run), a table and a PNG per task under OUT (default build/benchmarks/tuner).
#
# usage: benchmarks/tuner/search_efficiency.sh [N] [OUT]
# (N defaults to 32: random search gets 128 trials; the done-when asks the
# guided search to reach 95% of random's best throughput within 1/3 of
# random's trials, here 43 > N.)
set -euo pipefail
cd "$(dirname "$0")/../.."
n=${1:-32}
out=${2:-build/benchmarks/tuner}
python=.venv/bin/python
bin=build/bin
mkdir -p "$out"
"$python" benchmarks/tuner/make_tasks.py "$out/models"
for task in bert_qkv bert_ffn1 resnet_3x3 resnet_1x1; do
  for seed in 1 2 3; do
    for model in xgb random; do
      trials=$n
      [ $model = random ] && trials=$((4 * n))
      rec="$out/$task.$model.s$seed.records"
      rm -f "$rec" "$rec.model.json"
      echo "== $task $model seed $seed ($trials trials)"
      "$bin/mlc-tune" "$out/models/$task.onnx" --trials=$trials --seed=$seed \
        --cost-model=$model --batch=8 --records="$rec" --no-final-compare \
        --curve="$out/$task.$model.s$seed.csv" --plot="$out/$task.$model.s$seed.png" \
        2>/dev/null | grep -E "^ +0 |trials this run"
    done
  done
done
"$python" benchmarks/tuner/report_search.py "$out" "$n"
