#!/usr/bin/env bash
# Installs what a fresh Debian 12 machine lacks to build and test MLC, and is
# quick when everything is present:
#   - the Debian packages of ../shared/TOOLCHAIN.md (LLVM/MLIR 19, clang, lld,
#     protobuf, libonnx, xgboost, googletest, catch2, ninja, ccache, MPI);
#   - .venv/, a Python venv with the test oracles (onnx 1.22, whose wheel
#     carries ONNX's conformance data, onnxruntime, numpy).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(cmake ninja-build ccache clang-19 lld-19 llvm-19-dev llvm-19-tools
  libmlir-19-dev mlir-19-tools libclang-rt-19-dev libprotobuf-dev
  protobuf-compiler libonnx-dev libxgboost-dev libgtest-dev catch2
  libopenmpi-dev python3-venv)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

VENV=.venv
stamp="$VENV/.mlc-requirements"
req="onnx==1.22.0 onnxruntime==1.32.0 numpy==2.4.6"
if [ ! -x "$VENV/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$req" ]; then
  echo "setup: creating $VENV ($req)"
  /usr/bin/python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --disable-pip-version-check $req
  echo "$req" > "$stamp"
fi
