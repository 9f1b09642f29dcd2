#!/usr/bin/env bash
# `alertdrill new` writes a scenario that validates as written; `validate --strict` adds the
# publish checks (an expert script reaching 100, reachable rubric, cheap hints) and says what is
# missing. Args: alertdrill binary, source dir.
set -uo pipefail
bin=${1:?binary}
src=${2:?source dir}
fail() { echo "FAIL: $*"; exit 1; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

out=$("$bin" new phish_lab --dir "$dir/scenarios") || fail "new exited $?"
[ -f "$dir/scenarios/phish_lab.toml" ] || fail "no file: $out"
"$bin" validate "$dir/scenarios/phish_lab.toml" || fail "the template does not validate"
"$bin" new phish_lab --dir "$dir/scenarios" 2>/dev/null && fail "overwrote without --force"
"$bin" new 'Bad Id' --dir "$dir/scenarios" 2>/dev/null
[ $? -eq 2 ] || fail "a bad id is not a usage error"

# Strict: no expert script yet.
err=$("$bin" validate --strict "$dir/scenarios/phish_lab.toml" 2>&1)
[ $? -eq 1 ] || fail "strict passed without an expert script: $err"
grep -q 'no expert script' <<<"$err" || fail "strict did not name the missing script: $err"
# ...with one that reaches 100 it passes.
mkdir -p "$dir/tests/golden/phish_lab"
printf '%s\n' '# variant: attacker_ip=203.0.113.10' 'review_resource_context vm-app-01' \
    'review_auth_logs vm-app-01' 'block_ip 203.0.113.10' >"$dir/tests/golden/phish_lab/expert.script"
err=$("$bin" validate --strict "$dir/scenarios/phish_lab.toml" 2>&1) ||
    fail "strict failed with a full expert script: $err"
# A hint that costs more than an item is worth.
sed -i 's/^points = 20$/points = 2/; s/^points = 50$/points = 68/' "$dir/scenarios/phish_lab.toml"
err=$("$bin" validate --strict "$dir/scenarios/phish_lab.toml" 2>&1)
grep -q "a hint must cost less" <<<"$err" || fail "hint cost not checked: $err"
grep -q "phish_lab.toml:[0-9]*:[0-9]*: error" <<<"$err" || fail "not FILE:LINE:COL: $err"
# An item an investigation action earns needs a key row, or a query cannot earn it.
sed -i '/^evidence = "guessing"$/d' "$dir/scenarios/phish_lab.toml"
err=$("$bin" validate --strict "$dir/scenarios/phish_lab.toml" 2>&1)
grep -q "rubric item 'logs' is earned by the investigation action 'review_auth_logs' but names no evidence key" <<<"$err" ||
    fail "an investigation item without evidence passed: $err"
echo ok
