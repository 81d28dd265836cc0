#!/usr/bin/env bash
# A model whose kernels run through mlc_rt_parallel_for gives the expected
# outputs at 1, 2 and 3 threads, and bitwise the same outputs at each.
#
# usage: parallel-determinism.sh PYTHON BIN_DIR WORK_DIR
set -euo pipefail
python=$1 bin=$2 work=$3
here=$(cd "$(dirname "$0")" && pwd)
rm -rf "$work" && mkdir -p "$work"

"$python" "$here/make_model.py" "$work" 128 512 256
"$bin/mlc-compile" "$work/model.onnx" -o "$work/model.so" --report 2> "$work/report.txt"

# One kernel: the matmul with its zero fill and the Add+Relu fused into its
# stores, its panels on the thread pool.
if ! grep -q "matmul .*fused: fill, addf, maximumf" "$work/report.txt"; then
  echo "FAIL: the matmul kernel did not fuse its fill and Add+Relu:"
  cat "$work/report.txt"
  exit 1
fi
"$bin/mlc-compile" "$work/model.onnx" --emit=mlir-llvm -o "$work/model.mlir"
calls=$(grep -c "llvm.call @mlc_rt_parallel_for" "$work/model.mlir" || true)
if [ "$calls" -lt 1 ]; then
  echo "FAIL: the matmul does not run on the thread pool"
  exit 1
fi

for t in 1 2 3; do
  # Against float64 numpy: K = 512 products of values in [-1, 1] summed in
  # float32 stay well within 1e-4 absolute (+ 1e-4 relative).
  "$bin/mlc-run" "$work/model.so" --test-data "$work/test_data_set_0" \
    --rtol 1e-4 --atol 1e-4 --threads $t
  "$bin/mlc-run" "$work/model.so" --threads $t \
    --inputs "$work/test_data_set_0/input_0.pb" --outputs-dir "$work/out$t"
done
# Bitwise identical, whatever the thread count.
for t in 2 3; do
  if ! cmp "$work/out1/output_0.pb" "$work/out$t/output_0.pb"; then
    echo "FAIL: the outputs at 1 and $t threads differ"
    exit 1
  fi
done
echo "PASS: $calls parallel loops; outputs at 1, 2, 3 threads match the expected and are bitwise equal"
