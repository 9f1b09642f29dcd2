# Shared by the tests/scripts/gui_*.sh tests that drive the real window with xdotool under Xvfb.
# Source it, then call gui_outer "$@" first: it re-runs the test inside xvfb-run with fresh XDG
# folders (default settings, so windows open where the coordinates expect them).
#   gui_start ARGS...  start `alertdrill gui ARGS... --dump-state $dump`; sets $pid and $win
#   step XDOTOOL-ARGS  one xdotool command, then a pause for the GUI to draw it
#   click X Y          a left click at window coordinates
#   type_text TEXT     types TEXT (the field under the last click has focus)
#   shot NAME          screenshot of the screen to $shots/NAME.png (kept when GUI_SHOTS_DIR is set)
#   dump               presses F12 and waits for $dump to be rewritten
#   gui_quit           Ctrl+Q, then waits for a clean exit
# Tests name themselves in $test_name and read $bin and $src.

fail() { echo "$test_name: FAIL: $*" >&2; exit 1; }

gui_outer() {
    if [[ ${GUI_TEST_INNER:-} == 1 ]]; then return 0; fi
    command -v xvfb-run >/dev/null || { echo "$test_name: xvfb-run not installed" >&2; exit 77; }
    for tool in xdotool import jq; do command -v $tool >/dev/null || fail "$tool is required"; done
    gui_tmp=$(mktemp -d)
    trap 'rm -rf "$gui_tmp"' EXIT
    local tmp=$gui_tmp
    export XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data GUI_TEST_INNER=1
    export ALERTDRILL_SCENARIOS=$src/scenarios
    export shots=${GUI_SHOTS_DIR:-$tmp/shots}
    mkdir -p "$shots"
    local self
    self=$(readlink -f "$0")
    cd "$tmp"
    xvfb-run -a -s "-screen 0 1600x1000x24" bash "$self" "$@"
    exit $?
}

gui_start() {
    dump=$PWD/dump.json
    "$bin" gui "$@" --dump-state "$dump" >gui.log 2>&1 &
    pid=$!
    trap 'kill $pid 2>/dev/null || true' EXIT
    win=$(timeout 20 xdotool search --sync --onlyvisible --name '^alertdrill$' | head -1) ||
        fail "no window appeared: $(cat gui.log)"
    xdotool windowfocus --sync "$win" 2>/dev/null || true
    xdotool mousemove --window "$win" 800 500
    sleep 1
}

step() { xdotool "$@"; sleep 0.6; }
click() {
    xdotool mousemove --window "$win" "$1" "$2"
    sleep 0.3
    step click 1
}
type_text() { step type --delay 30 "$1"; }
shot() { import -window root "$shots/$1.png" || fail "screenshot $1"; }

dump() {
    rm -f "$dump"
    step key F12
    for _ in $(seq 25); do [[ -s $dump ]] && return 0; sleep 0.2; done
    fail "F12 wrote no state dump"
}

gui_quit() {
    step key ctrl+q
    for _ in $(seq 50); do kill -0 $pid 2>/dev/null || break; sleep 0.2; done
    kill -0 $pid 2>/dev/null && fail "the window did not close on Ctrl+Q"
    wait $pid || fail "the GUI exited non-zero: $(cat gui.log)"
}
