#!/usr/bin/env bash
# The quiz window (issue 6): from the picker, F3 opens it, a practice attempt at the module bank
# starts, the first option of the first question is picked and checked, feedback appears, and the
# attempt is finished. The result saved in $XDG_DATA_HOME/alertdrill/quiz-results must be the
# versioned JSON the terminal writes, and grade that answer exactly as `alertdrill quiz --answers`
# does with the same seed; the feedback the window showed must be that grade.
# Args: alertdrill binary, source dir. Exit 77 (skip) only when Xvfb is missing.
set -euo pipefail
bin=$1
src=$2
test_name=gui_quiz
source "$src/tests/scripts/lib/gui_session.bash"
gui_outer "$@"

bank=$src/content/quizzes/module_4_8.toml
gui_start --mode practice
step key F3
shot quiz_setup
click 469 342 # "Start the attempt"
shot quiz_question
click 373 205 # the first option's radio button
click 416 312 # "Check answer"
shot quiz_feedback
dump
cp "$dump" practice_dump.json
click 1002 108 # "Finish attempt"
shot quiz_result
# Then an assessment with certainty-based marking: no feedback before the end, certainty 3.
click 175 727 # "Take another quiz"
click 413 234 # "Assessment"
click 413 260 # "Certainty-based marking"
click 469 342 # "Start the attempt"
click 373 205 # the first option
click 719 312 # certainty "3 sure"
click 411 339 # "Save answer"
dump
cp "$dump" assessment_dump.json
click 1002 108 # "Finish attempt"
shot quiz_assessment_result
gui_quit

shopt -s nullglob
results=("$XDG_DATA_HOME"/alertdrill/quiz-results/*.json)
((${#results[@]} == 2)) || fail "expected two saved results, found ${#results[@]}"
r=$(grep -l '"mode": "practice"' "${results[@]}") || fail "no practice result"
jq -e '.format == "alertdrill-quiz-result" and .version == 1 and .mode == "practice"' "$r" \
    >/dev/null || fail "not a version-1 practice result: $(head -c 300 "$r")"
q=$(jq -c '.questions[0]' "$r")
echo "GUI result, first question: $q"
id=$(jq -r .id <<<"$q")
answer=$(jq -r .response <<<"$q")
[[ $(jq .tries <<<"$q") == 1 && $(jq .answered <<<"$q") == true ]] || fail "not answered once"
jq -e --arg id "$id" '.quiz.current == $id and (.quiz.feedback.lines | length) > 0' \
    practice_dump.json >/dev/null || fail "no feedback was shown: $(jq -c .quiz practice_dump.json)"
[[ $(jq .quiz.feedback.fraction practice_dump.json) == $(jq .fraction <<<"$q") ]] ||
    fail "the feedback shown differs from the saved grade"

seed=$(jq .seed "$r")
printf '%s: %s\n' "$id" "$answer" >one.answers
"$bin" quiz "$bank" --mode practice --seed "$seed" --answers one.answers --json >cli.json || true
cli_q=$(jq -c --arg id "$id" '.questions[] | select(.id == $id) | {fraction, mark, response}' cli.json)
gui_q=$(jq -c '{fraction, mark, response}' <<<"$q")
echo "alertdrill quiz: $cli_q"
[[ $cli_q == "$gui_q" ]] || fail "the GUI graded $gui_q, the terminal $cli_q"
[[ $(jq .mark "$r") == $(jq .mark cli.json) ]] || fail "totals differ"

# The assessment: nothing was graded while it ran; the saved result is what the terminal grades.
a=$(grep -l '"mode": "assessment"' "${results[@]}") || fail "no assessment result"
jq -e '.quiz.phase == "attempt" and (.quiz | has("feedback") | not)' assessment_dump.json \
    >/dev/null || fail "assessment showed feedback before the end: $(jq -c .quiz assessment_dump.json)"
aq=$(jq -c '.questions[0]' "$a")
[[ $(jq .certainty <<<"$aq") == 3 && $(jq .cbm "$a") == true ]] || fail "certainty not kept: $aq"
printf '%s@3: %s\n' "$(jq -r .id <<<"$aq")" "$(jq -r .response <<<"$aq")" >cbm.answers
"$bin" quiz "$bank" --mode assessment --cbm --seed "$(jq .seed "$a")" --answers cbm.answers \
    --json >cbm.json || true
want=$(jq -c '{mark, percent, passed, calibration}' cbm.json)
got=$(jq -c '{mark, percent, passed, calibration}' "$a")
echo "assessment (CBM), GUI: $got"
[[ $got == "$want" ]] || fail "the terminal grades the same assessment as $want"
echo "$test_name: ok"
