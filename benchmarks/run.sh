#!/usr/bin/env bash
# MLC against ONNX Runtime on the benchmark model set, from a fresh machine:
# sets up (scripts/setup.sh: Debian packages, .venv with onnx, onnxruntime,
# numpy), builds the tools (scripts/build.sh, without its example job), adds
# matplotlib to .venv for the chart, then runs benchmarks/bench.py.
#
#   benchmarks/run.sh [--no-build] [bench.py options]
#
# --no-build skips set-up and build (the tools in build/bin are used as they
# are). Every other option goes to bench.py: --models a,b --threads 1,2
# --quick --out FILE ... (benchmarks/bench.py --help, benchmarks/README.md).
set -euo pipefail
cd "$(dirname "$0")/.."

build=1
args=()
for a in "$@"; do
  if [ "$a" = --no-build ]; then build=0; else args+=("$a"); fi
done

if ((build)); then
  scripts/setup.sh
  MLC_SKIP_EXAMPLE=1 scripts/build.sh   # runs setup.sh again: quick when done
fi
if ! .venv/bin/python -c "import matplotlib" 2>/dev/null; then
  echo "run.sh: installing matplotlib into .venv"
  .venv/bin/pip install -q --disable-pip-version-check matplotlib
fi
exec .venv/bin/python benchmarks/bench.py "${args[@]}"
