#!/usr/bin/env bash
# `alertdrill report --html` and `grade --html`: self-contained pages (no external assets, text
# from files escaped) that headless Chromium renders to a screenshot that is not blank.
# Skips (77) without chromium. Args: alertdrill binary, source dir.
set -uo pipefail
bin=${1:?binary}
src=${2:?source dir}
fail() { echo "FAIL: $*"; exit 1; }
chrome=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chrome" ] || { echo "skip: no chromium"; exit 77; }
command -v convert >/dev/null || { echo "skip: no ImageMagick"; exit 77; }
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
g=$src/tests/golden/crypto_mining_vm
"$bin" play "$src/scenarios/crypto_mining_vm.toml" --data-dir "$dir/data" --script "$g/harmful.script" \
    --transcript "$dir/t.json" --trainee '<script>alert(1)</script> & Co' --json >/dev/null ||
    fail "play"
"$bin" report "$dir/t.json" --html "$dir/debrief.html" || fail "report exited $?"
"$bin" grade "$dir/t.json" --html "$dir/cohort.html" >/dev/null || fail "grade --html exited $?"

for page in debrief cohort; do
    f=$dir/$page.html
    grep -q '<script>alert' "$f" && fail "$page: trainee name not escaped"
    grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co' "$f" || fail "$page: escaped name missing"
    grep -Eiq '(src|href)="?(https?:|//)' "$f" && fail "$page: external asset"
    grep -q '<svg' "$f" || fail "$page: no inline SVG"
    png=${OUT_DIR:-$dir}/$page.png
    timeout 60 "$chrome" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$(mktemp -d -p "$dir")" --screenshot="$png" --window-size=1200,1600 \
        "file://$f" >/dev/null 2>&1
    [ -s "$png" ] || fail "$page: no screenshot"
    # Not blank: a white page has one colour and no spread.
    colors=$(convert "$png" -format '%k' info:)
    sd=$(convert "$png" -colorspace Gray -format '%[fx:standard_deviation]' info:)
    [ "$colors" -gt 20 ] || fail "$page: screenshot has $colors colours"
    awk -v s="$sd" 'BEGIN { exit !(s > 0.05) }' || fail "$page: screenshot is nearly blank (sd $sd)"
done
grep -q 'Score by workflow step' "$dir/debrief.html" || fail "no score chart"
grep -q 'Expert path' "$dir/debrief.html" || fail "no expert lane"
echo ok
