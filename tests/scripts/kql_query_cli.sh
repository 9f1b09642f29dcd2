#!/usr/bin/env bash
# `alertdrill query`: a good query answers (text and Log Analytics JSON), a bad one exits 1 with
# the caret error, a missing argument is a usage error (2). Args: alertdrill binary, source dir.
set -uo pipefail
bin=${1:?binary}
src=${2:?source dir}
scn=$src/scenarios/crypto_mining_vm.toml
fail() { echo "FAIL: $*"; exit 1; }

out=$("$bin" query "$scn" 'Syslog | where ProcessName == "sshd" | summarize count() by Computer | count') ||
  fail "a valid query exited $?"
grep -q '^Count' <<<"$out" || fail "no Count column in: $out"
grep -q '(1 row)' <<<"$out" || fail "no row count in: $out"

json=$("$bin" query "$scn" 'Syslog | take 2 | project TimeGenerated, Computer' --json) || fail "--json exited $?"
grep -q '"name": "PrimaryResult"' <<<"$json" || fail "no PrimaryResult table: $json"
grep -q '"type": "datetime"' <<<"$json" || fail "no datetime column type: $json"
grep -Eq '"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]+Z"' <<<"$json" || fail "datetimes are not ISO strings: $json"

err=$("$bin" query "$scn" 'Syslog | where Computr == "x"' 2>&1 >/dev/null)
rc=$?
[ "$rc" -eq 1 ] || fail "a bad query exited $rc, not 1"
expected=$'Syslog | where Computr == "x"\n               ^\nline 1, column 16: unknown column or name \'Computr\' (did you mean \'Computer\'?)'
[ "$err" == "$expected" ] || fail "unexpected error text: $err"

"$bin" query "$scn" >/dev/null 2>&1
rc=$?
[ "$rc" -eq 2 ] || fail "a missing query exited $rc, not 2"
echo "ok"
