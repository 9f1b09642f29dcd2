#!/usr/bin/env bash
# Kills the terminal player with SIGKILL at random points of a scripted session, resumes each
# one from its journal, and checks that (1) every action whose outcome was shown before the kill
# is in the journal and (2) the resumed session scores exactly as an uninterrupted run.
# KILL_RESUME_RUNS sets the number of kills (default 100).
set -u
bin=$1 src=$2
runs=${KILL_RESUME_RUNS:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scenario=$src/scenarios/crypto_mining_vm.toml
script=$src/tests/golden/crypto_mining_vm/expert.script
export XDG_DATA_HOME=$work/xdg

t0=$(date +%s%N)
"$bin" play "$scenario" --script "$script" --json --data-dir "$work/ref" >"$work/ref.json" 2>/dev/null || {
  echo "uninterrupted run failed"; exit 1; }
# Kill points are spread over the length of an uninterrupted run (in microseconds).
span=$(( ($(date +%s%N) - t0) / 1000 ))
[ "$span" -gt 1000 ] || span=1000

total=$(grep -cv -e "^#" -e "^$" "$script")
fail=0 resumed=0 mid=0
for i in $(seq 1 "$runs"); do
  d=$work/run$i
  "$bin" play "$scenario" --script "$script" --data-dir "$d" >"$d.out" 2>/dev/null &
  pid=$!
  us=$(( (RANDOM * 32768 + RANDOM) % span ))
  sleep "$(printf '%d.%06d' $((us / 1000000)) $((us % 1000000)))"
  # On a loaded machine one calibration run says little about the next: when a kill comes after
  # the player finished, kill earlier from then on; when it comes before the session began, later.
  if ! kill -9 "$pid" 2>/dev/null; then span=$((span * 4 / 5)); [ "$span" -gt 1000 ] || span=1000; fi
  wait "$pid" 2>/dev/null
  journal=$(ls "$d"/sessions/*.journal 2>/dev/null | head -1)
  if [ -z "$journal" ]; then span=$((span * 5 / 4)); continue; fi # nothing began: nothing to lose
  # Outcomes shown = lines after each "> action" echo; each shown outcome must be journaled.
  shown=$(grep -c '^> ' "$d.out" || true)
  entries=$(($(grep -c '"line"' "$journal" || true)))
  [ "$entries" -lt "$total" ] && mid=$((mid + 1))
  if [ "$entries" -lt $((shown - 1)) ]; then
    echo "run $i: $shown actions were echoed but only $entries are in the journal"; fail=1
  fi
  if ! "$bin" play --resume "$journal" --script "$script" --json >"$d.json" 2>"$d.err"; then
    echo "run $i: resume failed:"; cat "$d.err"; fail=1; continue
  fi
  if ! cmp -s "$d.json" "$work/ref.json"; then
    echo "run $i: the resumed score differs from the uninterrupted one"; diff "$d.json" "$work/ref.json" | head; fail=1
  fi
  resumed=$((resumed + 1))
done
echo "kill_resume: $runs kills, $resumed resumed sessions compared, $mid of them killed mid-session"
[ "$mid" -gt $((runs / 4)) ] || { echo "too few kills landed mid-session"; fail=1; }
exit $fail
