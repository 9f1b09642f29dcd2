#!/usr/bin/env bash
# Every query the console's tests accept (tests/data/kql/valid_queries.kql), every query action
# in the golden play scripts and every ```kql block of the READMEs must parse without
# diagnostics in Microsoft's KQL parser. Args: alertdrill binary, source dir.
# Exit 77 (skipped) only when node is missing; a missing npm package is a failure.
set -euo pipefail
src=${2:?source dir}
command -v node >/dev/null || { echo "node not found: skipping the KQL oracle"; exit 77; }
oracle=$src/tests/oracles/kql
if [ ! -d "$oracle/node_modules/@kusto/language-service-next" ]; then
  echo "the KQL oracle is not installed: run scripts/bootstrap.sh test (or npm install in $oracle)"
  exit 1
fi
shopt -s nullglob globstar
node "$oracle/check.js" "$src/tests/data/kql/valid_queries.kql" "$src"/tests/golden/**/*.script \
  "$src/tests/data/kql/scenario_hunts.kql" "$src/tests/data/kql/suppression_queries.kql" \
  "$src/README.md" "$src/scenarios/README.md"
