#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, with AddressSanitizer and UBSan) and runs each for a bounded
# time from a seed corpus made of the project's own files. A crash, leak, hang or sanitizer report
# fails the run; the input that caused it is kept in build-fuzz/artifacts/ (make it a regression
# fixture in tests/data/invalid/).
#   scripts/fuzz.sh                 every target, a fixed number of runs from a fixed seed: the
#                                   same inputs on every machine, so CI is repeatable (~20 s each)
#   FUZZ_SECONDS=3600 scripts/fuzz.sh fuzz_kql    one target for an hour, randomly seeded
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
B=${ALERTDRILL_FUZZ_DIR:-$ROOT/build-fuzz}
secs=${FUZZ_SECONDS:-}
if [ ! -f "$B/CMakeCache.txt" ]; then
  cmake -S "$ROOT" -B "$B" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    -DALERTDRILL_FUZZ=ON -DALERTDRILL_SANITIZE=ON -DALERTDRILL_GUI=OFF >/dev/null
fi
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_scenario fuzz_catalog fuzz_transcript fuzz_kql fuzz_script fuzz_quiz)
cmake --build "$B" -j "$(nproc)" --target "${targets[@]}"

copy_in() { # copy files into a corpus folder under names made unique by their path
  local dir=$1 f
  shift
  for f in "$@"; do [ -f "$f" ] && cp "$f" "$dir/$(tr '/' '_' <<<"$f")"; done
  return 0
}

seed() { # seed corpus per target, from files the project already has
  local t=$1 dir=$B/corpus/$t
  mkdir -p "$dir"
  case $t in
    fuzz_scenario) copy_in "$dir" scenarios/*.toml tests/data/valid/*.toml tests/data/invalid/*.toml ;;
    fuzz_catalog) copy_in "$dir" content/actions.toml tests/data/invalid/*.toml ;;
    fuzz_transcript) copy_in "$dir" tests/fuzz/seeds/*.json tests/data/invalid/transcript_*.json ;;
    fuzz_kql) copy_in "$dir" tests/fuzz/seeds/*.kql; local i=0; while IFS= read -r q; do
                [ -n "$q" ] && printf '%s' "$q" >"$dir/q$i.kql"; i=$((i + 1)); done <tests/data/kql/valid_queries.kql ;;
    fuzz_script) copy_in "$dir" tests/golden/*/*.script tests/data/invalid/*.script ;;
    fuzz_quiz) local f n=0; for f in content/quizzes/*.toml; do { printf '\0'; cat "$f"; } >"$dir/bank$n"; n=$((n + 1)); done
               for f in tests/data/gift/*.gift tests/data/invalid/*.gift; do [ -f "$f" ] && { printf '\1'; cat "$f"; } >"$dir/gift$n"; n=$((n + 1)); done
               for f in tests/data/invalid/result_*.json; do [ -f "$f" ] && { printf '\2'; cat "$f"; } >"$dir/result$n"; n=$((n + 1)); done ;;
  esac
}

mkdir -p "$B/artifacts"
status=0
for t in "${targets[@]}"; do
  seed "$t"
  if [ -n "$secs" ]; then
    budget=(-max_total_time="$secs")
    echo "fuzz: $t for ${secs}s"
  else
    case $t in # about 20 s each on this project's 2-core machines
      fuzz_kql) runs=100000 ;; fuzz_catalog) runs=30000 ;; fuzz_scenario) runs=15000 ;;
      fuzz_transcript | fuzz_quiz) runs=10000 ;; *) runs=2000 ;;
    esac
    budget=(-runs="$runs" -seed=1)
    echo "fuzz: $t, $runs runs from seed 1"
  fi
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    "$B/$t" "$B/corpus/$t" "${budget[@]}" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="$B/artifacts/$t-" -print_final_stats=0 >"$B/$t.log" 2>&1; then
    echo "fuzz: $t FAILED; see $B/$t.log and $B/artifacts/"; tail -30 "$B/$t.log"; status=1
  else
    grep -E "^#[0-9]+.*DONE|Done [0-9]+ runs" "$B/$t.log" | tail -1
  fi
done
exit $status
