#!/usr/bin/env bash
# Text from files never drives the terminal: a scenario whose title, briefing, objectives and
# alert texts hold ESC sequences (a colour change, a screen clear, a window-title change) is shown
# by `list`, `validate` and `play` with every control character escaped as \xNN, and a broken
# file whose diagnostics quote such text is reported escaped too.
set -u
bin=$1 src=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C
fail=0
esc=$(printf '\033')

# TOML's \u001b escape puts a real ESC byte into each string once parsed.
sed -e 's/^title = "Minimal"/title = "Evil\\u001b]0;pwned\\u0007\\u001b[2J title"/' \
    -e 's/^briefing = "A test."/briefing = "Read \\u001b[31mthis\\u001b[0m carefully."/' \
    -e 's/^objectives = \["Block the source."\]/objectives = ["Block \\u001b[5mnow"]/' \
    -e 's/^display_name = "Failed SSH brute force attack"/display_name = "Brute \\u001b[8mhidden"/' \
    -e 's/^description = "Many failed sign-ins from {ip}."/description = "From {ip}\\u001b[1A\\u001b[2K"/' \
    "$src/tests/data/valid/minimal.toml" >"$work/evil.toml"
grep -q 'u001b\]0;pwned' "$work/evil.toml" || { echo "setup: the title was not rewritten"; exit 1; }
# A broken file: an unknown key and a wrong value that both hold ESC, so the diagnostics quote it.
printf '[scenario]\ntitle = "x"\n"bad\\u001b[2Jkey" = 1\ndifficulty = "easy\\u001b[31m"\n' >"$work/broken.toml"

check() { # NAME FILE: the output holds no raw ESC and shows the escape as text
  if grep -q "$esc" "$2"; then
    echo "FAIL: $1 printed a raw ESC byte:"; cat -v "$2"; fail=1
  elif ! grep -q 'x1b' "$2"; then
    echo "FAIL: $1 did not show the escaped text:"; cat -v "$2"; fail=1
  fi
}

"$bin" list "$work" >"$work/list.out" 2>&1
check "list" "$work/list.out"
grep -q 'Evil\\x1b\]0;pwned\\x07\\x1b\[2J title' "$work/list.out" ||
  { echo "FAIL: list did not show the title escaped:"; cat -v "$work/list.out"; fail=1; }

"$bin" validate "$work/broken.toml" >"$work/validate.out" 2>&1
[ $? -eq 1 ] || { echo "FAIL: validate of the broken file did not exit 1"; fail=1; }
check "validate" "$work/validate.out"
grep -q "unknown key 'bad\\\\x1b\[2Jkey'" "$work/validate.out" ||
  { echo "FAIL: validate did not quote the key escaped:"; cat -v "$work/validate.out"; fail=1; }

# The script's last line is itself an ESC sequence typed as a command: refused, and quoted escaped.
printf 'briefing\nreview_auth_logs vm1\nalerts\nalert a1\n\033[2Jzap vm1\n' >"$work/s.script"
"$bin" play "$work/evil.toml" --script "$work/s.script" --data-dir "$work/data" >"$work/play.out" 2>&1
check "play" "$work/play.out"
for text in 'Read \\x1b\[31mthis' 'Brute \\x1b\[8mhidden' 'Block \\x1b\[5mnow' \
  'From 203.0.113.[12]\\x1b\[1A\\x1b\[2K' "unknown action '\\\\x1b\\[2Jzap'"; do
  grep -q "$text" "$work/play.out" ||
    { echo "FAIL: play did not show '$text' escaped:"; cat -v "$work/play.out"; fail=1; }
done
exit $fail
