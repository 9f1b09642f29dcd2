#!/usr/bin/env bash
# `alertdrill xapi`: statements for re-scored transcripts and re-graded quiz results pass
# Learning Locker's validator (npm @learninglocker/xapi-validation in tests/oracles/xapi), carry
# the ADL verbs, the step breakdown, one answered statement per question, and stable ids. Skips
# (77) when the oracle is not installed. Args: binary, source dir.
set -uo pipefail
bin=${1:?binary}
src=${2:?source dir}
fail() { echo "FAIL: $*"; exit 1; }
oracle=$src/tests/oracles/xapi
[ -d "$oracle/node_modules/@learninglocker/xapi-validation" ] && command -v node >/dev/null ||
    { echo "skip: xapi oracle not installed (scripts/bootstrap.sh test)"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
g=$src/tests/golden/crypto_mining_vm
scn=$src/scenarios/crypto_mining_vm.toml
"$bin" play "$scn" --data-dir "$dir/data" --script "$g/expert.script" --transcript "$dir/a.json" \
    --trainee Alice --json >/dev/null 2>&1 || fail "play expert"
"$bin" play "$scn" --data-dir "$dir/data" --script "$g/harmful.script" --transcript "$dir/b.json" \
    --trainee Bob --json >/dev/null 2>&1 || fail "play harmful"
jq '.score.total = 100' "$dir/b.json" >"$dir/b2.json"

"$bin" xapi "$dir/a.json" "$dir/b2.json" >"$dir/s.json" || fail "xapi exited $?"
node "$oracle/check.js" <"$dir/s.json" || fail "invalid statements: $(cat "$dir/s.json")"
verbs=$(jq -r '[.[].verb.id | split("/") | last] | join(",")' "$dir/s.json")
[ "$verbs" == attempted,completed,passed,attempted,completed,failed ] || fail "verbs: $verbs"
[ "$(jq -r '.[1].result.score.max' "$dir/s.json")" == 100 ] || fail "score max"
jq -e '.[1].result.extensions | to_entries | map(select(.key | endswith("/xapi/steps")))[0].value.containment.max > 0' "$dir/s.json" >/dev/null ||
    fail "no step breakdown"
jq -e '.[5].result.score.raw < 100' "$dir/s.json" >/dev/null || fail "Bob's written score trusted"
jq -e '.[0].context.registration == .[1].context.registration' "$dir/s.json" >/dev/null ||
    fail "one registration per attempt"
[ "$(jq '[.[].id] | unique | length' "$dir/s.json")" == 6 ] || fail "ids not unique"
"$bin" xapi "$dir/a.json" "$dir/b2.json" | cmp -s - "$dir/s.json" || fail "ids not stable"
# Knowledge checks: re-graded from their answers (Carol's written 95% is not trusted), one
# `answered` interaction per answered question inside the quiz activity.
source "$src/tests/scripts/lib/quiz_attempts.bash"
quiz_attempt "$bin" "$src" Alice "$dir/qa.json" "${good_answers[@]}"
quiz_attempt "$bin" "$src" Carol "$dir/qc0.json" "${poor_answers[@]}"
jq '.percent = 95 | .passed = true' "$dir/qc0.json" >"$dir/qc.json"
"$bin" xapi "$dir/qa.json" "$dir/qc.json" "$dir/a.json" >"$dir/q.json" || fail "xapi quiz exited $?"
node "$oracle/check.js" <"$dir/q.json" || fail "invalid quiz statements: $(cat "$dir/q.json")"
verbs=$(jq -r '[.[].verb.id | split("/") | last] | join(",")' "$dir/q.json")
[ "$verbs" == attempted,answered,answered,completed,failed,attempted,answered,answered,completed,failed,attempted,completed,passed ] ||
    fail "quiz verbs: $verbs"
jq -e '.[1].object.definition.interactionType == "choice" and .[2].object.definition.interactionType == "numeric"' \
    "$dir/q.json" >/dev/null || fail "interaction types: $(jq -c '[.[].object.definition.interactionType]' "$dir/q.json")"
jq -e '.[1].result.success and .[1].result.response == "a" and (.[6].result.success | not)' "$dir/q.json" >/dev/null ||
    fail "answered results: $(jq -c '[.[].result]' "$dir/q.json")"
jq -e '.[1].context.contextActivities.parent[0].id == .[0].object.id and .[1].context.registration == .[0].context.registration' \
    "$dir/q.json" >/dev/null || fail "answered statements are not inside their quiz attempt"
jq -e '.[8].result.score.scaled < 0.95 and (.[9].verb.id | endswith("failed"))' "$dir/q.json" >/dev/null ||
    fail "Carol's written mark trusted: $(jq -c '.[8].result' "$dir/q.json")"
[ "$(jq '[.[].id] | unique | length' "$dir/q.json")" == 13 ] || fail "quiz statement ids not unique"
"$bin" xapi "$dir/qa.json" "$dir/qc.json" "$dir/a.json" | cmp -s - "$dir/q.json" || fail "quiz ids not stable"
jq '.bank = "no_such_bank"' "$dir/qa.json" >"$dir/qx.json"
out=$("$bin" xapi "$dir/qx.json" 2>&1 >/dev/null)
[ $? -eq 1 ] && grep -q "bank_missing" <<<"$out" || fail "a result whose bank is missing: $out"

echo '{' >"$dir/bad.json"
"$bin" xapi "$dir/bad.json" >/dev/null 2>&1
[ $? -eq 1 ] || fail "unreadable input is not exit 1"
echo ok
