#!/usr/bin/env bash
# The suppression rules window (issue 7) driven like a trainee: in the false-positive tuning
# scenario, F2 opens the window, the form starts from the selected scanner alert, gets an expiry,
# is simulated and saved; after waiting, the scanner's later alerts arrive greyed in the queue
# with the rule's name, the audit tab lists them, and the rule is disabled. Every change must be
# in the autosaved transcript as the terminal's command, and the alerts the window shows as
# suppressed must be the ones `alertdrill play` suppresses for the same lines.
# Args: alertdrill binary, source dir. Exit 77 (skip) only when Xvfb is missing.
set -euo pipefail
bin=$1
src=$2
test_name=gui_rules
source "$src/tests/scripts/lib/gui_session.bash"
gui_outer "$@"

scn=$src/scenarios/false_positive_tuning.toml
gui_start "$scn" --mode practice
step key Return # leave the briefing
step key F2
shot rules_empty
click 324 192 # "Start from the selected alert": scan-01, the scanner at 10.0.5.20
click 296 395 # the Expires field
type_text "2026-10-15"
shot rules_form
click 191 526 # "Simulate (2 min)"
click 333 526 # "Create rule (4 min)"
step key F2   # close the window, then wait in the command line
click 800 943 # the command line under the log
type_text "wait 75"
step key Return
shot queue_greyed
step key F2
click 262 119 # the "Suppressed alerts" tab
shot rules_audit
click 152 119 # back to "Rules"
click 940 164 # "Disable" in the rule's row
shot rules_disabled
dump
gui_quit

shopt -s nullglob
saved=("$XDG_DATA_HOME"/alertdrill/sessions/*.json)
((${#saved[@]} == 1)) || fail "expected one autosaved transcript, found ${#saved[@]}"
jq -r '.actions[].line' "${saved[0]}" >lines.txt
echo "transcript:"
cat lines.txt
spec='name=fp-scan-01 type=VM_SshBruteForceFailed ip=10.0.5.20 reason=FalsePositive expires=2026-10-15'
grep -qx "simulate_suppression_rule $spec" lines.txt || fail "no simulate line with the form's spec"
grep -qx "create_suppression_rule $spec" lines.txt || fail "no create line with the form's spec"
grep -qx "wait 75" lines.txt || fail "no wait line"
grep -qx "disable_suppression_rule fp-scan-01" lines.txt || fail "no disable line"

gui_ids=$(jq -r '.rules.suppressed[].alert' "$dump" | sort | tr '\n' ' ')
echo "suppressed in the window: $gui_ids"
[[ -n $gui_ids ]] || fail "the window shows no suppressed alert"
jq -e '[.rules.suppressed[].rule] | all(. == "fp-scan-01")' "$dump" >/dev/null ||
    fail "suppressed by another rule: $(jq -c .rules.suppressed "$dump")"
jq -e '.rules.rules[] | select(.name == "fp-scan-01" and .state == "Disabled")' "$dump" \
    >/dev/null || fail "the rule is not shown disabled: $(jq -c .rules.rules "$dump")"
(cat lines.txt; echo suppressed) >replay.script
cli_ids=$("$bin" play "$scn" --data-dir data --script replay.script |
    sed -n 's/^ *T+[0-9]*m *\([a-z0-9-]*\) .* by rule fp-scan-01$/\1/p' | sort | tr '\n' ' ')
echo "suppressed by alertdrill play: $cli_ids"
[[ $gui_ids == "$cli_ids" ]] || fail "the window and the terminal disagree"
echo "$test_name: ok"
