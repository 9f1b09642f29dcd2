#!/usr/bin/env bash
# The `quiz` and `quiz-stats` commands end to end: scripted attempts in both modes, saved results,
# bad input reported with FILE:LINE and exit 1, never a crash. Args: alertdrill binary, source dir.
set -uo pipefail
BIN=$1
SRC=$2
BANK=$SRC/content/quizzes/module_4_8.toml
DATA=$SRC/tests/data/quiz
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
check() { # description, condition...
  local what=$1
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what"; fail=1; fi
}

# Assessment: graded at the end, JSON result, no per-question feedback lines.
"$BIN" quiz "$BANK" --mode assessment --answers "$DATA/module_4_8_mixed.answers" --seed 7 --json \
  --out "$TMP/a.json" >"$TMP/a.out" 2>"$TMP/a.err"
rc=$?
check "assessment below the pass mark exits 1" test $rc -eq 1
check "assessment prints a versioned result" grep -q '"format": "alertdrill-quiz-result"' "$TMP/a.out"
check "assessment result is saved" cmp -s "$TMP/a.out" "$TMP/a.json"
check "assessment: last answer counts, no penalty" \
  node -e 'const r=require(process.argv[1]);const q=r.questions.find(q=>q.id=="kc-mining-stage");process.exit(q.mark==1&&q.tries==1&&r.mode=="assessment"&&!r.passed?0:1)' "$TMP/a.json"

# Practice: the same attempt shows feedback for each try and applies the retry penalty.
"$BIN" quiz "$BANK" --mode practice --answers "$DATA/module_4_8_mixed.answers" --seed 7 >"$TMP/p.out" 2>&1
check "practice exits 0" test $? -eq 0
check "practice shows per-question feedback" grep -q "That describes early-stage alerts" "$TMP/p.out"
check "practice shows a hint after a wrong try" grep -q "Hint: Think about what must already be true" "$TMP/p.out"
check "practice applies the penalty" grep -q "Correct (mark 0.67)" "$TMP/p.out"
"$BIN" quiz "$BANK" --mode assessment --answers "$DATA/module_4_8_mixed.answers" --seed 7 >"$TMP/h.out" 2>&1
check "assessment shows no per-try feedback" bash -c "! grep -q 'Tries left' '$TMP/h.out' && grep -q 'NOT PASSED' '$TMP/h.out'"

# Bad input: every problem with FILE:LINE, exit 1.
"$BIN" quiz "$BANK" --answers "$DATA/module_4_8_bad.answers" --seed 1 >"$TMP/b.out" 2>"$TMP/b.err"
check "bad answers exit 1" test $? -eq 1
check "unknown question named with a suggestion" grep -q "module_4_8_bad.answers:2:1: error: unknown question 'kc-minning-stage' (did you mean 'kc-mining-stage'?)" "$TMP/b.err"
check "malformed option reported" grep -q "module_4_8_bad.answers:3:1: error: malformed answer to 'kc-jit-posture'" "$TMP/b.err"
check "incomplete ordering reported" grep -q "module_4_8_bad.answers:4:1: error: malformed answer to 'workflow-order': put all 4 items in order; got 2" "$TMP/b.err"
check "non-number reported" grep -q "module_4_8_bad.answers:5:1: error: malformed answer to 'posture-ssh-port': 'twenty-two' is not a number" "$TMP/b.err"
check "line without colon reported" grep -q "module_4_8_bad.answers:6:1: error: expected 'QUESTION-ID: ANSWER'" "$TMP/b.err"
"$BIN" quiz "$BANK" --answers "$TMP/missing.answers" >"$TMP/m.out" 2>&1
check "missing answers file exits 1" test $? -eq 1
check "missing answers file is named" grep -q "missing.answers: error: cannot open" "$TMP/m.out"
"$BIN" quiz "$TMP/no_bank.toml" --answers "$DATA/module_4_8_mixed.answers" >"$TMP/nb.out" 2>&1
check "missing bank exits 1" test $? -eq 1
"$BIN" quiz "$BANK" --mode exam >/dev/null 2>&1
check "unknown mode is a usage error (2)" test $? -eq 2
"$BIN" quiz "$BANK" --cbm --answers "$DATA/module_4_8_mixed.answers" >"$TMP/c.out" 2>&1
check "CBM without certainties exits 1 with FILE:LINE" grep -q "module_4_8_mixed.answers:2:1: error: certainty-based marking is on" "$TMP/c.out"

# Interactive in a plain terminal, driven through stdin: numbers pick the shown options.
printf '1\n\n' | "$BIN" quiz "$BANK" --seed 3 >"$TMP/i.out" 2>&1
check "interactive run ends cleanly at end of input" test $? -eq 0
check "interactive run shows the first question" grep -q "Question 1 of 48 \[kc-mining-stage\]" "$TMP/i.out"

# Attempts allowed: the bank allows 2 assessment attempts per trainee.
mkdir -p "$TMP/hist"
for n in 1 2; do
  "$BIN" quiz "$BANK" --mode assessment --answers "$DATA/module_4_8_mixed.answers" --seed $n --trainee ana \
    --history "$TMP/hist" --out "$TMP/hist/ana$n.json" >/dev/null 2>&1
done
"$BIN" quiz "$BANK" --mode assessment --answers "$DATA/module_4_8_mixed.answers" --trainee ana --history "$TMP/hist" >"$TMP/x.out" 2>&1
check "third assessment attempt is refused" bash -c "grep -q \"'ana' has used 2 of 2 assessment attempt(s)\" '$TMP/x.out'"

# quiz-stats over files and folders, and refusal of a newer result version.
"$BIN" quiz-stats "$DATA/stats" --json >"$TMP/s.json"
check "quiz-stats --json works on a folder" test $? -eq 0
check "quiz-stats reports Cronbach's alpha" grep -q '"alpha": 57.69' "$TMP/s.json"
sed 's/"version": 1/"version": 2/' "$DATA/stats/attempt_a.json" >"$TMP/future.json"
"$BIN" quiz-stats "$TMP/future.json" "$DATA/stats/attempt_b.json" >"$TMP/f.out" 2>&1
check "newer result version exits 1" test $? -eq 1
check "newer result version refused naming both" grep -qE 'future.json:[0-9]+:[0-9]+: error: this quiz result is format version 2, but this alertdrill reads version 1 at most' "$TMP/f.out"
"$BIN" quiz-stats "$TMP/hist" >/dev/null 2>&1
check "quiz-stats reads saved results" test $? -eq 0
# A cohort folder holding other JSON and results of two banks.
mkdir -p "$TMP/cohort"
cp "$DATA"/stats/*.json "$TMP/hist"/*.json "$TMP/cohort/"
echo '{"format": "alertdrill-transcript", "version": 1}' >"$TMP/cohort/transcript.json"
"$BIN" quiz-stats "$TMP/cohort" >"$TMP/co.out" 2>&1
check "quiz-stats skips other JSON in folders and reports each bank" \
  bash -c "grep -q 'stats_fixture' '$TMP/co.out' && grep -q 'module_4_8' '$TMP/co.out'"
"$BIN" quiz-stats "$TMP/cohort" --json >"$TMP/co.json" 2>"$TMP/co.err"
check "quiz-stats --json over several banks asks for --bank" grep -q "choose one with --bank" "$TMP/co.err"
"$BIN" quiz-stats "$TMP/cohort" --json --bank stats_fixture >"$TMP/co.json" 2>&1
check "quiz-stats --bank picks one" grep -q '"bank": "stats_fixture"' "$TMP/co.json"
"$BIN" quiz-stats "$TMP/cohort/transcript.json" >/dev/null 2>&1
check "a named non-result file is an error" test $? -eq 1
exit $fail
