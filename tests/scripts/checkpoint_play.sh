#!/usr/bin/env bash
# The terminal player asks a scenario checkpoint when its trigger fires, accepts the typed
# answer, lists waiting checkpoints, and the saved transcript re-scores with the checkpoint's
# points (alertdrill score), as does a session resumed from its journal.
# Args: path to the alertdrill binary, source dir.
set -euo pipefail
bin=$1
src=$2
scenario=$src/scenarios/crypto_mining_vm.toml
fail() { echo "checkpoint_play: FAIL: $*" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME=$tmp/xdg

out=$(printf '%s\n' "review_alert_details mining-01" "checkpoints" "answer stage 9" \
    "answer stage mid" "checkpoints" "review_auth_logs vm-web-prod-01" \
    "answer entry_ip 10.20.1.4" "end" |
    "$bin" play "$scenario" --seed 1 --transcript "$tmp/T.json" --data-dir "$tmp/d" 2>"$tmp/err")
grep -q "Checkpoint 'stage' (Threat analysis, 3 points):" <<<"$out" || fail "no prompt for 'stage'"
grep -q "Answer with: answer stage ANSWER" <<<"$out" || fail "no answer syntax shown"
grep -q "'9' is not an option of question 'stage'" <<<"$out" || fail "bad answer not refused"
grep -q "> Correct\. " <<<"$out" || fail "right answer not confirmed"
grep -q "No checkpoint questions are waiting." <<<"$out" || fail "'checkpoints' view after answering"
grep -q "Checkpoint 'entry_ip'" <<<"$out" || fail "no prompt for 'entry_ip'"
grep -q "The right answer: 203.0.113.77." <<<"$out" || fail "wrong answer not corrected"

grep -q '"line": "answer stage mid"' "$tmp/T.json" || fail "transcript lacks the canonical answer"
score=$("$bin" score "$tmp/T.json" --json)
python3 - "$score" <<'PY' || fail "re-scored checkpoints differ"
import json, sys
s = json.loads(sys.argv[1])
cps = {c["id"]: c for c in s["checkpoints"]}
assert cps["stage"]["earned"] == 3 and cps["stage"]["response"] == "mid", cps["stage"]
assert cps["entry_ip"]["earned"] == 0 and cps["entry_ip"]["right_answer"] == "203.0.113.77", cps
assert cps["entry_ip"]["misconceptions"] == ["entry-point-not-in-logs"], cps
PY

# A journal holding the answers resumes to the same checkpoint scores.
journal=$(ls "$tmp"/d/sessions/*.journal)
head -n 4 "$journal" >"$tmp/cut.journal" # header + three actions (the last is 'answer stage mid')
grep -q '"answer stage mid"' "$tmp/cut.journal" || fail "journal lacks the answer"
printf '# nothing more: the resumed session just ends\n' >"$tmp/end.script"
res=$("$bin" play --resume "$tmp/cut.journal" --script "$tmp/end.script" --json 2>/dev/null)
python3 - "$res" <<'PY' || fail "resumed session lost the answer"
import json, sys
s = json.loads(sys.argv[1])
cps = {c["id"]: c for c in s["checkpoints"]}
assert cps["stage"]["answered"] and cps["stage"]["earned"] == 3, cps
PY
echo "checkpoint_play: ok"
