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
  echo "== mlc-compile examples/tinynet.onnx --emit=mlir --shape image:1x3x32x32"
  build/bin/mlc-compile examples/tinynet.onnx --emit=mlir --shape image:1x3x32x32 \
    --mlir-elide-resource-strings-if-larger=64
fi
