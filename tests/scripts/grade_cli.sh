#!/usr/bin/env bash
# `alertdrill grade`: a folder of transcripts and quiz results is re-scored (the score in a file is
# ignored), a tampered one is a flagged row and not the end of the grading, a scripted session is
# flagged by its wall clock, quiz item analysis is in every output, --csv and --json are written,
# and unreadable input exits 1. Args: alertdrill binary, source dir.
set -uo pipefail
bin=${1:?binary}
src=${2:?source dir}
fail() { echo "FAIL: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
mkdir -p "$dir/class/b"
g=$src/tests/golden/crypto_mining_vm
scn=$src/scenarios/crypto_mining_vm.toml
"$bin" play "$scn" --data-dir "$dir/data" --script "$g/expert.script" --transcript "$dir/class/alice.json" \
    --trainee Alice --json >/dev/null || fail "play expert"
"$bin" play "$scn" --data-dir "$dir/data" --script "$g/harmful.script" --transcript "$dir/class/b/bob.json" \
    --trainee Bob --json >/dev/null || fail "play harmful"
# Carol claims 100 with Bob's actions; Dan's transcript is for another version of the scenario.
jq '.trainee = "Carol" | .score.total = 100' "$dir/class/b/bob.json" >"$dir/class/carol.json"
jq '.trainee = "Dan" | .scenario.hash = "0000000000000000"' "$dir/class/alice.json" \
    >"$dir/class/dan.json"

# Knowledge checks: three assessment attempts, one claiming a mark its answers do not earn.
source "$src/tests/scripts/lib/quiz_attempts.bash"
quiz_attempt "$bin" "$src" Alice "$dir/class/alice-quiz.json" "${good_answers[@]}"
quiz_attempt "$bin" "$src" Bob "$dir/class/b/bob-quiz.json" "${poor_answers[@]}"
jq '.trainee = "Carol" | .percent = 95 | .passed = true' "$dir/class/b/bob-quiz.json" \
    >"$dir/class/carol-quiz.json"
[ -s "$dir/class/carol-quiz.json" ] || fail "quiz results not written"

out=$("$bin" grade "$dir/class" --csv "$dir/out.csv") || fail "grade exited $?: $out"
grep -q 'Knowledge checks: 3 results, 3 re-graded from their answers, 1 flagged' <<<"$out" ||
    fail "no quiz summary: $out"
grep -q "Cronbach's alpha" <<<"$out" || fail "no item analysis: $out"
grep -q 'ssh-vs-rdp-port' <<<"$out" || fail "no misconceptions: $out"
grep -q 'carol-quiz.json: score_mismatch: the file says 95.00%' <<<"$out" || fail "Carol's quiz not flagged: $out"
grep -Eq '^Alice .*wall_clock_too_fast' <<<"$out" || fail "a scripted session is not flagged: $out"
[ "$(wc -l <"$dir/out-quiz.csv")" -eq 4 ] || fail "quiz CSV: $(cat "$dir/out-quiz.csv")"
grep -q '^module_4_8,posture-ssh-port,numeric,3,' "$dir/out-items.csv" ||
    fail "items CSV: $(cat "$dir/out-items.csv")"
"$bin" grade "$dir/class" --min-seconds-per-action 0 | grep -q wall_clock_too_fast &&
    fail "--min-seconds-per-action 0 still flags"
grep -q '^Alice .*crypto_mining_vm' <<<"$out" || fail "no row for Alice: $out"
bob_total=$(jq '.score.total' "$dir/class/b/bob.json")
grep -Eq "^Carol +crypto_mining_vm +$bob_total " <<<"$out" || fail "Carol not re-scored: $out"
grep -q 'identical' <<<"$out" || fail "Bob and Carol not flagged identical: $out"
grep -q 'hash_mismatch' <<<"$out" || fail "Dan not flagged: $out"
grep -q 'Most missed rubric items' <<<"$out" || fail "no summary: $out"
[ "$(wc -l <"$dir/out.csv")" -eq 5 ] || fail "CSV rows: $(cat "$dir/out.csv")"
head -1 "$dir/out.csv" | grep -q '^path,trainee,scenario' || fail "CSV header"

json=$("$bin" grade "$dir/class" --json) || fail "--json exited $?"
[ "$(jq -r .format <<<"$json")" == alertdrill-cohort ] || fail "format"
[ "$(jq .version <<<"$json")" == 1 ] || fail "version"
[ "$(jq .summary.graded <<<"$json")" == 3 ] || fail "graded count: $(jq .summary <<<"$json")"
[ "$(jq '[.attempts[] | select(.trainee=="Dan")][0].graded' <<<"$json")" == false ] || fail "Dan graded"
[ "$(jq .quizzes.graded <<<"$json")" == 3 ] || fail "quizzes graded: $(jq .quizzes <<<"$json")"
jq -e '.quizzes.banks[0].test.alpha != null and (.quizzes.banks[0].questions | length) == 48' \
    <<<"$json" >/dev/null || fail "item analysis in --json"
[ "$(jq '[.quizzes.results[] | select(.trainee=="Carol")][0].percent' <<<"$json")" == \
  "$(jq '[.quizzes.results[] | select(.trainee=="Bob")][0].percent' <<<"$json")" ] || fail "Carol's quiz mark trusted"

echo '{ broken' >"$dir/class/broken.json"
err=$("$bin" grade "$dir/class" 2>&1 >/dev/null)
rc=$?
[ "$rc" -eq 1 ] || fail "unreadable input exited $rc, not 1"
grep -q "broken.json:1:3: error: invalid JSON" <<<"$err" || fail "no FILE:LINE:COL message: $err"
"$bin" grade "$dir/nothing-here" >/dev/null 2>&1
[ $? -eq 1 ] || fail "a missing path is not exit 1"
echo ok
