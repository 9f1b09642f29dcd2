#!/usr/bin/env bash
# Builds the engine and the Catch2 suite with AddressSanitizer and UndefinedBehaviorSanitizer
# (no GUI) and runs the suite. Any sanitizer report fails it.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
B=${ALERTDRILL_ASAN_DIR:-$ROOT/build-asan}
if [ ! -f "$B/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DALERTDRILL_SANITIZE=ON \
    -DALERTDRILL_GUI=OFF >/dev/null
fi
cmake --build "$B" -j "$(nproc)" --target alertdrill_tests alertdrill
cd "$ROOT"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$B/tests/alertdrill_tests" --reporter compact "$@"
