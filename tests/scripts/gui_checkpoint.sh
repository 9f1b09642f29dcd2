#!/usr/bin/env bash
# Scenario checkpoints in the window (issue 6): in the crypto mining scenario, reviewing the
# mining alert makes the "stage" checkpoint due; a window shows its question, the trainee picks
# an option and presses Answer. The answer must reach the autosaved transcript as the terminal's
# `answer` command, the window must close, and the score `alertdrill score` gives the transcript
# must credit the checkpoint exactly as the terminal player would. While the question waits, typed
# commands still reach the command line.
# Args: alertdrill binary, source dir. Exit 77 (skip) only when Xvfb is missing.
set -euo pipefail
bin=$1
src=$2
test_name=gui_checkpoint
source "$src/tests/scripts/lib/gui_session.bash"
gui_outer "$@"

scn=$src/scenarios/crypto_mining_vm.toml
gui_start "$scn" --mode practice
step key Return # leave the briefing
click 800 943   # the command line under the log
type_text "review_alert_details mining-01"
step key Return
shot checkpoint_due
dump
jq -e '.checkpoints.due == ["stage"]' "$dump" >/dev/null ||
    fail "the stage checkpoint is not due: $(jq -c .checkpoints "$dump")"
# While the question waits, the keyboard still reaches the command line: a trainee may need to
# look at evidence before answering (the window takes the focus only when it appears).
click 800 943
type_text "wait 5"
step key Return
click 531 182 # the "Mid stage" option (first in seed 1's order)
click 551 264 # "Answer"
shot checkpoint_answered
dump
jq -e '.checkpoints.due == [] and .checkpoints.answered.stage == "mid"' "$dump" >/dev/null ||
    fail "the answer was not taken: $(jq -c .checkpoints "$dump")"
gui_quit

shopt -s nullglob
saved=("$XDG_DATA_HOME"/alertdrill/sessions/*.json)
((${#saved[@]} == 1)) || fail "expected one autosaved transcript, found ${#saved[@]}"
jq -r '.actions[].line' "${saved[0]}" >lines.txt
grep -qx "answer stage mid" lines.txt || fail "no 'answer stage mid' line: $(cat lines.txt)"
[ "$(grep -x -e "wait 5" -e "answer stage mid" lines.txt | tr '\n' ,)" == "wait 5,answer stage mid," ] ||
    fail "the command typed while the question waited is missing: $(cat lines.txt)"
"$bin" score "${saved[0]}" --scenario "$scn" --json >score.json
jq -e '.checkpoints[] | select(.id == "stage") | .answered and .fraction == 1 and .earned == 3' \
    score.json >/dev/null || fail "the checkpoint is not credited: $(jq -c .checkpoints score.json)"
echo "$test_name: ok"
