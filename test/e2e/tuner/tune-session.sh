#!/usr/bin/env bash
# A tiny tuning session end to end (CI; about a minute):
#  1. mlc-tune on a model of six kernels (three conv variants, a strided
#     7x7 on 3 channels, a constant-B and a run-time-B matmul) with the
#     XGBoost-guided search; two candidates are made to crash and to hang:
#     both are recorded as failed with their reason, the run goes on, and no
#     other candidate fails (each one's outputs are checked against the
#     default schedule's).
#  2. mlc-compile --records uses a record for every kernel (it says so), and
#     the tuned model computes what the default one does.
#  3. A corrupt line in the records is reported and skipped.
#
# usage: tune-session.sh PYTHON BIN_DIR WORK_DIR
set -euo pipefail
python=$1 bin=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work" && cd "$work"
fail() { echo "FAIL: $*"; exit 1; }

"$python" "$here/make_model.py" "$work"

# 1. Trials 3 and 12 crash and hang (killed after 2 s).
"$bin/mlc-tune" kernels.onnx --trials=48 --batch=8 --seed=3 \
  --records=k.records --inject-faults=segv@3,hang@12 --timeout=2 \
  --plot=k.png > tune.txt 2> tune.err || { cat tune.err tune.txt; fail "mlc-tune failed"; }
cat tune.txt
lines=$(grep -c '"workload"' k.records)
[ "$lines" -eq 48 ] || fail "expected 48 records, found $lines"
grep -q '"trial":3,.*' k.records || true
grep '"status":"failed"' k.records | grep -q 'crashed: signal 11 (SIGSEGV)' ||
  fail "the crashing candidate is not recorded with its signal"
grep '"status":"failed"' k.records | grep -q 'timeout after 2 s' ||
  fail "the hanging candidate is not recorded as a timeout"
failed=$(grep -c '"status":"failed"' k.records)
[ "$failed" -eq 2 ] || { grep '"status":"failed"' k.records; fail "$failed failed candidates (2 injected)"; }
grep -q "48 trials this run (0 resumed from k.records), 2 failed" tune.txt ||
  fail "the summary line is missing"
grep -q "whole model (1 thread): default .* ms, tuned .* ms" tune.txt ||
  fail "the whole-model comparison is missing"
[ -s k.png ] || fail "no PNG"
head -c 8 k.png | od -An -tx1 | grep -q "89 50 4e 47 0d 0a 1a 0a" || fail "k.png is not a PNG"

# 2. The tuned build uses all six records and computes the same outputs as
# the default build (rtol 1e-3, atol 1e-4: different summation orders).
"$bin/mlc-compile" kernels.onnx -o default.so
"$bin/mlc-compile" kernels.onnx --records=k.records -o tuned.so 2> compile.err
cat compile.err
grep -q "6 of 6 kernels tuned" compile.err || fail "mlc-compile did not use the records"
"$bin/mlc-run" default.so --write-inputs ref --outputs-dir ref > /dev/null
"$bin/mlc-run" tuned.so --inputs ref/input_0.pb --expected ref/output_0.pb \
  --rtol 1e-3 --atol 1e-4

# 3. Corrupt lines (garbage, a truncated record) are skipped with a warning.
cp k.records bad.records
echo 'this is not json' >> bad.records
head -1 k.records | cut -c1-40 >> bad.records
"$bin/mlc-compile" kernels.onnx --records=bad.records -o bad.so 2> bad.err
grep -q "skipped a malformed record: bad.records:49" bad.err ||
  { cat bad.err; fail "the corrupt line was not reported"; }
grep -q "6 of 6 kernels tuned" bad.err || fail "the good records were not used"

# A records file without these kernels: the compile says which use the
# default heuristic.
head -1 k.records > one.records
"$bin/mlc-compile" kernels.onnx --records=one.records -o one.so 2> one.err
grep -q "1 of 6 kernels tuned; 5 use the default schedule (no record)" one.err ||
  { cat one.err; fail "missing records were not reported"; }
echo PASS
