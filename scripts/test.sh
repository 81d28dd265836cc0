#!/usr/bin/env bash
# Sets up, builds, and runs the whole test suite (all ctest labels:
# lit, conformance, fuzz, ...). Extra arguments go to ctest (e.g. -L lit).
set -euo pipefail
cd "$(dirname "$0")/.."
MLC_SKIP_EXAMPLE=1 scripts/build.sh
cd build
ctest --output-on-failure "$@"
