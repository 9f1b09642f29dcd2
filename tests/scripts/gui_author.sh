#!/usr/bin/env bash
# The author view (issue 8): F4 opens it; a broken scenario is opened and its diagnostics must be
# exactly what `alertdrill validate` prints; clicking one shows its source line; saving a fix
# to disk reloads the view on its own; a valid scenario's golden scripts run with the scores of
# their .expected.json files; "Play from here" starts a session at that alert's minute.
# Args: alertdrill binary, source dir. Exit 77 (skip) only when Xvfb is missing.
set -euo pipefail
bin=$1
src=$2
test_name=gui_author
source "$src/tests/scripts/lib/gui_session.bash"
gui_outer "$@"

cp "$src/tests/data/invalid/dangling_refs.toml" broken.toml
gui_start --mode practice
step key F4
click 415 98 # the file field of the Author window (at 80,60 on a fresh layout)
type_text "$PWD/broken.toml"
step key Return
click 345 212 # the third diagnostic
shot author_broken
dump
want=$("$bin" validate broken.toml 2>&1 | grep ': error: ' | sed "s|^broken.toml|$PWD/broken.toml|" || true)
got=$(jq -r '.author.diagnostics[]' "$dump")
[[ -n $got && $got == "$want" ]] || fail "diagnostics differ from validate:
window:
$got
validate:
$want"
line=$(jq -r .author.focus_line "$dump")
[[ $line -gt 0 && $(jq -r '.author.focus_text[0]' "$dump") == "$(sed -n "${line}p" broken.toml)" ]] ||
    fail "the clicked diagnostic's line is not shown: $(jq -c .author "$dump")"

# Fix the dangling resource on disk: the view reloads without a click.
sed -i 's/vm-missing/vm1/' broken.toml
sleep 2
dump
shot author_reloaded
[[ $(jq .author.reloads "$dump") -ge 1 ]] || fail "no reload after the file changed"
got=$(jq -r '.author.diagnostics[]' "$dump")
want=$("$bin" validate broken.toml 2>&1 | grep ': error: ' | sed "s|^broken.toml|$PWD/broken.toml|" || true)
[[ $got == "$want" ]] || fail "after the reload the diagnostics differ from validate"
grep -q vm-missing <<<"$got" && fail "the fixed problem is still listed"

# A valid scenario: golden scripts and play from an alert.
click 415 98 # the field selects all on focus: typing replaces the path
type_text "$src/scenarios/crypto_mining_vm.toml"
step key Return
click 158 334 # "Run golden scripts"
shot author_golden
dump
for name in $(jq -r '.author.golden[].name' "$dump"); do
    exp=$(jq .total "$src/tests/golden/crypto_mining_vm/$name.expected.json")
    got=$(jq --arg n "$name" '.author.golden[] | select(.name == $n) | .total' "$dump")
    echo "golden $name: window $got, expected $exp"
    [[ $got == "$exp" ]] || fail "golden $name scores $got in the window, $exp expected"
done
[[ $(jq '.author.golden | length' "$dump") -ge 3 ]] || fail "golden scripts not run"

# "Play from here" on mining-02, which only an attacker event releases: the session starts with
# the clock advanced to exactly its release.
click 1115 282
shot author_play_from_alert
dump
gui_quit
jq -e '.session.scenario == "crypto_mining_vm"' "$dump" >/dev/null || fail "no session started"
wait_line=$(jq -r '.session.actions[0]' "$dump")
n=${wait_line#wait }
[[ $wait_line == "wait $n" && $n -gt 0 && $(jq '.session.actions | length' "$dump") == 1 ]] ||
    fail "expected one wait action, got $(jq -c .session.actions "$dump")"
shows() { printf 'wait %s\nalerts\n' "$1" >w.script
    "$bin" play "$src/scenarios/crypto_mining_vm.toml" --data-dir data --script w.script | grep -c mining-02 || true; }
(($(shows "$n") > 0)) || fail "mining-02 is not out after wait $n"
((n == 1 || $(shows $((n - 1))) == 0)) || fail "mining-02 was already out at minute $((n - 1))"
echo "play from mining-02: wait $n"
echo "$test_name: ok"
