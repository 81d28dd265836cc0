#!/usr/bin/env bash
# Runs the importer fuzzer for SECONDS, seeded with the conformance models.
# usage: run-fuzz.sh FUZZER NODE_DATA_DIR TEST_LIST SECONDS WORKDIR
set -euo pipefail
fuzzer=$1 data=$2 list=$3 seconds=$4 work=$5
mkdir -p "$work/seeds" "$work/corpus" "$work/artifacts"
if [ -z "$(ls -A "$work/seeds")" ]; then
  grep -v '^#' "$list" | while read -r t; do
    [ -n "$t" ] && [ -f "$data/$t/model.onnx" ] && cp "$data/$t/model.onnx" "$work/seeds/$t.onnx"
  done
fi
exec "$fuzzer" -max_total_time="$seconds" -rss_limit_mb=4096 -timeout=20 \
  -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
  "$work/corpus" "$work/seeds"
