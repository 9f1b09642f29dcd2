#!/usr/bin/env bash
# `alertdrill xapi`: statements for re-scored transcripts pass Learning Locker's validator
# (npm @learninglocker/xapi-validation in tests/oracles/xapi), carry the ADL verbs, the step
# breakdown and stable ids. Skips (77) when the oracle is not installed. Args: binary, source dir.
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
echo '{' >"$dir/bad.json"
"$bin" xapi "$dir/bad.json" >/dev/null 2>&1
[ $? -eq 1 ] || fail "unreadable input is not exit 1"
echo ok
