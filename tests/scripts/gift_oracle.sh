#!/usr/bin/env bash
# Compares alertdrill's GIFT reader with gift-pegjs, an independent parser run under node, on every
# file in tests/data/gift/ plus the module bank exported as GIFT; then checks that a bank survives
# export -> import -> export unchanged. Args: alertdrill binary, source dir. Exit 77 = no node.
set -euo pipefail
BIN=$1
SRC=$2
ORACLE=$SRC/tests/oracles/gift
if ! command -v node >/dev/null; then
  echo "gift_oracle: node is not installed; skipping"
  exit 77
fi
if [ ! -d "$ORACLE/node_modules/gift-pegjs" ]; then
  echo "gift_oracle: installing the gift-pegjs oracle (scripts/bootstrap.sh test does this once per machine)"
  (cd "$ORACLE" && npm install --no-audit --no-fund --loglevel=error && touch node_modules/.installed)
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

"$BIN" gift export "$SRC/content/quizzes/module_4_8.toml" --out "$TMP/module_4_8.gift" 2>/dev/null
status=0
checked=0
for f in "$SRC"/tests/data/gift/*.gift "$TMP/module_4_8.gift"; do
  name=$(basename "$f")
  node "$ORACLE/normalise.js" "$f" >"$TMP/$name.oracle.json"
  "$BIN" gift parse "$f" >"$TMP/$name.raw.json"
  node "$ORACLE/normalise.js" --canon "$TMP/$name.raw.json" >"$TMP/$name.ours.json"
  if ! diff -u "$TMP/$name.oracle.json" "$TMP/$name.ours.json"; then
    echo "gift_oracle: $name: alertdrill and gift-pegjs read it differently (diff above)"
    status=1
  fi
  checked=$((checked + 1))
done
echo "gift_oracle: compared $checked GIFT files with gift-pegjs"

# Round trip: bank -> GIFT -> bank -> GIFT gives the same GIFT, and the imported bank validates.
"$BIN" gift import "$TMP/module_4_8.gift" --out "$TMP/imported.toml"
"$BIN" gift export "$TMP/imported.toml" --out "$TMP/again.gift" 2>/dev/null
if ! diff -u <(grep -v '^// Exported by' "$TMP/module_4_8.gift") <(grep -v '^// Exported by' "$TMP/again.gift"); then
  echo "gift_oracle: export -> import -> export changed the GIFT (diff above)"
  status=1
fi
for f in "$SRC"/tests/data/gift/*.gift; do
  "$BIN" gift import "$f" --out "$TMP/corpus.toml" 2>/dev/null || { echo "gift_oracle: importing $(basename "$f") failed"; status=1; }
done
exit $status
