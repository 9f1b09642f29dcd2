#!/usr/bin/env bash
# The cohort window (issue 8) on a real class folder: three transcripts played with golden scripts
# (one a copy of another under a different name, so it is flagged as identical) and two quiz
# results. F5 opens the window, the folder is typed and graded; the window must show one row per
# transcript with the totals `alertdrill grade --json` computes, the identical-sequence flag, and
# an item analysis of the quiz bank. Screenshots of each tab. Args: alertdrill binary, source dir.
# Exit 77 (skip) only when Xvfb is missing.
set -euo pipefail
bin=$1
src=$2
test_name=gui_cohort
source "$src/tests/scripts/lib/gui_session.bash"
gui_outer "$@"

g=$src/tests/golden/crypto_mining_vm
scn=$src/scenarios/crypto_mining_vm.toml
mkdir -p class
"$bin" play "$scn" --data-dir data --script "$g/expert.script" --transcript class/alice.json \
    --trainee Alice >/dev/null || fail "play expert"
"$bin" play "$scn" --data-dir data --script "$g/harmful.script" --transcript class/bob.json \
    --trainee Bob >/dev/null || fail "play harmful"
jq '.trainee = "Carol"' class/bob.json >class/carol.json
bank=$src/content/quizzes/module_4_8.toml
"$bin" quiz "$bank" --mode assessment --seed 7 --answers "$src/tests/data/quiz/module_4_8_mixed.answers" \
    --trainee Alice --out class/alice-quiz.json >/dev/null || true
printf 'kc-mining-stage: a\nkc-jit-posture: a\n' >few.answers
"$bin" quiz "$bank" --mode assessment --seed 7 --answers few.answers --trainee Bob \
    --out class/bob-quiz.json >/dev/null || true
[[ -s class/alice-quiz.json && -s class/bob-quiz.json ]] || fail "quiz results were not written"

gui_start --mode practice
step key F5
click 500 98 # the folder field of the Cohort window (at 60,60 on a fresh layout)
type_text "$PWD/class"
step key Return
sleep 1
shot cohort_attempts
click 215 144 # the "Steps and actions" tab
shot cohort_steps
click 432 144 # the quiz tab
shot cohort_quiz
dump
gui_quit

want=$("$bin" grade class --json | jq -c '[.attempts[] | {trainee, total: .score.total}] | sort_by(.trainee)')
got=$(jq -c '[.cohort.rows[] | {trainee, total}] | sort_by(.trainee)' "$dump")
echo "alertdrill grade: $want"
echo "cohort window:    $got"
[[ $(jq length <<<"$got") == 3 ]] || fail "expected 3 rows, the window shows $got"
[[ $got == "$want" ]] || fail "the window's totals differ from alertdrill grade"
jq -e '.cohort.rows[] | select(.trainee == "Carol") | .flags | index("identical")' "$dump" \
    >/dev/null || fail "Carol's copy of Bob's actions is not flagged identical"
jq -e '.cohort.quizzes[] | select(.bank == "module_4_8" and .attempts == 2)' "$dump" >/dev/null ||
    fail "no item analysis of the two quiz results: $(jq -c .cohort.quizzes "$dump")"
echo "$test_name: ok"
