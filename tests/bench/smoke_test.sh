#!/usr/bin/env bash
# Smoke test for alertdrill_bench: the quick run finishes and its JSON has every section, each
# with numeric figures. It checks shape only; timings on a shared machine are not asserted.
# Usage: smoke_test.sh BENCH_BINARY
set -euo pipefail
bench=${1:?bench binary}
command -v node >/dev/null || { echo "node is needed to read the JSON"; exit 77; }
out=$(mktemp)
trap 'rm -f "$out"' EXIT
"$bench" --quick --json >"$out"
node - "$out" <<'JS'
const fs = require("fs");
const j = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const fail = (m) => { console.error("bench_smoke: " + m); process.exit(1); };
if (j.format !== "alertdrill-bench" || j.version !== 1) fail("format/version: " + j.format + " " + j.version);
if (j.quick !== true) fail("quick is not true");
const want = ["loading", "playing", "evidence", "grading", "startup", "query", "gui"];
for (const name of want) {
  const s = j.sections[name];
  if (!s) fail("section '" + name + "' is missing");
  // Only the GUI may be absent, and only with its reason (no display and no xvfb-run).
  if (s.skipped) {
    if (name === "gui" && /no display/.test(s.skipped)) { console.log("gui skipped: " + s.skipped); continue; }
    fail("section '" + name + "' skipped: " + s.skipped);
  }
  if (!Array.isArray(s.figures) || s.figures.length === 0) fail("section '" + name + "' has no figures");
  for (const f of s.figures) {
    if (typeof f.value !== "number" || !isFinite(f.value) || f.value < 0)
      fail(name + ": figure '" + f.name + "' has value " + JSON.stringify(f.value));
    if (f.baseline !== null && (typeof f.baseline !== "number" || !(f.baseline > 0)))
      fail(name + ": figure '" + f.name + "' has baseline " + JSON.stringify(f.baseline));
    if (f.ratio !== null && (typeof f.ratio !== "number" || !isFinite(f.ratio)))
      fail(name + ": figure '" + f.name + "' has ratio " + JSON.stringify(f.ratio));
    if (f.target && typeof f.met !== "boolean") fail(name + ": figure '" + f.name + "' has a target but no met");
  }
}
const extra = Object.keys(j.sections).filter((k) => !want.includes(k));
if (extra.length) fail("unknown sections: " + extra.join(", "));
console.log("bench_smoke: " + want.length + " sections, " +
  want.reduce((n, k) => n + (j.sections[k].figures || []).length, 0) + " figures");
JS
