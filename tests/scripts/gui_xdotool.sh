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
fail() { echo "gui_xdotool: FAIL: $*" >&2; exit 1; }

if [[ ${GUI_XDOTOOL_INNER:-} != 1 ]]; then
    command -v xvfb-run >/dev/null || { echo "gui_xdotool: xvfb-run not installed" >&2; exit 77; }
    for tool in xdotool; do command -v $tool >/dev/null || fail "$tool is required"; done
    [[ -f $src/scenarios/crypto_mining_vm.toml ]] || fail "missing the crypto-mining scenario"
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data GUI_XDOTOOL_INNER=1
    export ALERTDRILL_SCENARIOS=$src/scenarios
    self=$(readlink -f "$0")
    cd "$tmp"
    xvfb-run -a -s "-screen 0 1600x1000x24" bash "$self" "$bin" "$src"
    exit $?
fi

"$bin" gui --mode practice >gui.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
win=$(timeout 20 xdotool search --sync --onlyvisible --name '^alertdrill$' | head -1) ||
    fail "no window appeared: $(cat gui.log)"
xdotool windowfocus --sync "$win" 2>/dev/null || true
xdotool mousemove --window "$win" 800 500
sleep 1
step() { xdotool "$@"; sleep 0.6; }

step type --delay 40 "crypto"   # the picker's filter has keyboard focus
step key Return                 # starts the first match: the briefing
step key Return                 # begins the investigation
# Enter right after typing, in the same frame: Dear ImGui 1.86 would miss a press and release
# between two frames without the GUI's held-release input (ui/gui/input.cpp).
xdotool type --delay 20 "review_network_topology vm-web-prod-01"
step key Return
# A mouse click: the alert detail panel's "Review alert details (3 min)" button, where a
# 1600x1000 window at the default font size puts it (fresh XDG dirs: default settings).
step mousemove --window "$win" 536 152
step click 1
step key ctrl+q
for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.2; done
kill -0 $pid 2>/dev/null && fail "the window did not close on Ctrl+Q"
wait $pid || fail "the GUI exited non-zero: $(cat gui.log)"

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
