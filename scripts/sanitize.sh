#!/usr/bin/env bash
# Builds the engine and the Catch2 suite with AddressSanitizer and UndefinedBehaviorSanitizer
# (clang, no GUI) and runs the suite. Any sanitizer report fails it. The build tree is shared with
# scripts/fuzz.sh (same compiler and flags), so the test command compiles the engine once for both.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
B=${ALERTDRILL_FUZZ_DIR:-$ROOT/build-fuzz}
if [ ! -f "$B/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DALERTDRILL_FUZZ=ON -DALERTDRILL_SANITIZE=ON -DALERTDRILL_GUI=OFF >/dev/null
fi
cmake --build "$B" -j "$(nproc)" --target alertdrill_tests alertdrill
cd "$ROOT"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  "$B/tests/alertdrill_tests" --reporter compact "$@"
