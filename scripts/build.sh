#!/usr/bin/env bash
# Sets up a fresh machine, builds MLC into build/ (tools in build/bin/) and
# runs the main job on the bundled example model.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export CCACHE_DIR="${CCACHE_DIR:-$HOME/.ccache}" CCACHE_BASEDIR="$PWD"
if [ ! -f build/build.ninja ]; then
  cmake -G Ninja -B build -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DCMAKE_EXE_LINKER_FLAGS=-fuse-ld=lld -DCMAKE_SHARED_LINKER_FLAGS=-fuse-ld=lld \
    -DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache
fi
ninja -C build
if [ "${MLC_SKIP_EXAMPLE:-0}" != 1 ]; then
  # The main job on the bundled example: compile it to a shared library,
  # check it against ONNX Runtime's output, print its outputs and latency.
  set -x
  build/bin/mlc-compile examples/tinynet.onnx --shape image:1x3x32x32 \
    -o build/tinynet.so --report
  build/bin/mlc-run build/tinynet.so --test-data examples/tinynet_data \
    --rtol 1e-4 --atol 1e-6
  build/bin/mlc-run build/tinynet.so --inputs examples/tinynet_data/input_0.pb \
    --print-outputs --benchmark --runs 100 --threads 1
fi
