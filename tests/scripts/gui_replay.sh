#!/usr/bin/env bash
# The GUI replays the crypto-mining expert transcript under Xvfb through the same path as clicks,
# writing one PNG per step: every PNG must exist and show the workspace (not a blank frame),
# and the final score the GUI prints must equal `alertdrill score` of the same transcript.
# Args: path to the alertdrill binary, source dir. Exit 77 (skip) only when Xvfb is missing.
set -euo pipefail
bin=$1
src=$2
scenario=$src/scenarios/crypto_mining_vm.toml
script=$src/tests/golden/crypto_mining_vm/expert.script
fail() { echo "gui_replay: FAIL: $*" >&2; exit 1; }

command -v xvfb-run >/dev/null || { echo "gui_replay: xvfb-run not installed" >&2; exit 77; }
for tool in convert identify compare; do command -v $tool >/dev/null || fail "$tool is required"; done
[[ -f $scenario ]] || fail "missing $scenario"
[[ -f $script ]] || fail "missing $script"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data

"$bin" play "$scenario" --script "$script" --transcript "$tmp/T.json" >/dev/null ||
    fail "play of the expert script failed"
steps=$(grep -c '"line":' "$tmp/T.json")
((steps > 5)) || fail "the transcript holds only $steps actions"

out=$(xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$bin" gui --replay "$tmp/T.json" --screenshot-dir "$tmp/shots" 2>&1) ||
    fail "gui replay exited non-zero: $out"
echo "$out"

# One PNG for the briefing, then one per action.
want=$((steps + 1))
got=$(find "$tmp/shots" -name 'step_*.png' | wc -l)
((got == want)) || fail "expected $want screenshots, found $got"
for png in "$tmp/shots"/step_*.png; do
    read -r sd colours < <(convert "$png" -format "%[fx:standard_deviation] %k\n" info:)
    size=$(identify -format "%wx%h" "$png")
    [[ $size == 1600x1000 ]] || fail "$png is $size, not 1600x1000"
    awk -v sd="$sd" 'BEGIN { exit !(sd > 0.05) }' || fail "$png looks blank (sd $sd)"
    ((colours > 200)) || fail "$png has only $colours colours"
done
# The workspace differs from the briefing, and the debrief from the workspace.
last=$(printf '%s/step_%03d.png' "$tmp/shots" "$steps")
for pair in "step_000.png step_001.png" "step_001.png $(basename "$last")"; do
    set -- $pair
    diff=$(compare -metric AE "$tmp/shots/$1" "$tmp/shots/$2" null: 2>&1 || true)
    ((${diff%% *} > 10000)) || fail "$1 and $2 barely differ ($diff pixels)"
done

gui_total=$(sed -n 's/^final score: \([0-9]*\)$/\1/p' <<<"$out")
cli_total=$("$bin" score "$tmp/T.json" --json | sed -n 's/^  "total": \([0-9]*\),\{0,1\}$/\1/p')
[[ -n $gui_total ]] || fail "the GUI printed no final score"
[[ $gui_total == "$cli_total" ]] || fail "GUI score $gui_total != alertdrill score $cli_total"
echo "gui_replay: $got screenshots, final score $gui_total (alertdrill score: $cli_total)"

# A path that loses points, so the comparison is not 100 against 100.
"$bin" play "$scenario" --script "$src/tests/golden/crypto_mining_vm/wrong_containment.script" \
    --transcript "$tmp/W.json" >/dev/null || fail "play of wrong_containment.script failed"
out=$(xvfb-run -a -s "-screen 0 1600x1000x24" \
    "$bin" gui --replay "$tmp/W.json" --screenshot-dir "$tmp/shots_w" 2>&1) ||
    fail "gui replay of wrong_containment exited non-zero: $out"
gui_total=$(sed -n 's/^final score: \([0-9]*\)$/\1/p' <<<"$out")
cli_total=$("$bin" score "$tmp/W.json" --json | sed -n 's/^  "total": \([0-9]*\),\{0,1\}$/\1/p')
[[ -n $gui_total && $gui_total == "$cli_total" ]] ||
    fail "wrong_containment: GUI score '$gui_total' != alertdrill score '$cli_total'"
((gui_total < 100)) || fail "wrong_containment scored $gui_total; expected points lost"
echo "gui_replay: wrong_containment scores $gui_total in both"
