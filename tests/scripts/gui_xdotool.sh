#!/usr/bin/env bash
# Drives the real window with synthetic input under Xvfb: on the scenario picker, type to
# filter for the crypto-mining scenario and press Enter, press Enter again to begin from the
# briefing, type an action into the command line (it has focus once the investigation begins),
# click the alert detail panel's review button, quit with Ctrl+Q, and check the autosaved transcript
# ($XDG_DATA_HOME/alertdrill/sessions/*.json) holds both actions and settings were saved.
# Args: path to the alertdrill binary, source dir. Exit 77 (skip) only when Xvfb is missing.
set -euo pipefail
bin=$1
src=$2
test_name=gui_xdotool
source "$src/tests/scripts/lib/gui_session.bash"
[[ -f $src/scenarios/crypto_mining_vm.toml ]] || fail "missing the crypto-mining scenario"
gui_outer "$@"

gui_start --mode practice # no scenario: the picker
step type --delay 40 "crypto"   # the picker's filter has keyboard focus
step key Return                 # starts the first match: the briefing
step key Return                 # begins the investigation
# Enter right after typing, in the same frame: Dear ImGui 1.86 would miss a press and release
# between two frames without the GUI's held-release input (ui/gui/input.cpp).
xdotool type --delay 20 "review_network_topology vm-web-prod-01"
step key Return
# A mouse click: the alert detail panel's "Review alert details (3 min)" button, where a
# 1600x1000 window at the default font size puts it (fresh XDG dirs: default settings).
click 536 152
gui_quit

shopt -s nullglob
saved=("$XDG_DATA_HOME"/alertdrill/sessions/*.json)
((${#saved[@]} == 1)) || fail "expected one autosaved transcript, found ${#saved[@]}"
lines=$(sed -n 's/^ *"line": "\(.*\)",\{0,1\}$/\1/p' "${saved[0]}")
echo "autosaved ${saved[0]##*/}:"
echo "$lines"
grep -qx "review_network_topology vm-web-prod-01" <<<"$lines" || fail "topology action missing"
grep -qx "review_alert_details mining-01" <<<"$lines" || fail "alert details action missing"
[[ -f $XDG_CONFIG_HOME/alertdrill/settings.json ]] || fail "settings were not saved"
echo "gui_xdotool: ok"
