#!/usr/bin/env bash
# `alertdrill xapi --lrs` against a real LRS: Learning Locker's statement service (npm
# xapi-statements, tests/oracles/lrs) in memory on 127.0.0.1. Statements for a folder of generated
# transcripts are stored and read back (count and ids); sending again duplicates nothing; with the
# LRS down they are queued on disk and the command fails; once it is back the queue drains, and a
# statement the LRS refuses is found in its batch and set aside. Skips (77) only without node.
# Args: binary, source dir.
set -uo pipefail
bin=${1:?binary}
src=$(cd "${2:?source dir}" && pwd)
fail() {
    echo "FAIL: $*"
    [ -f "$dir/lrs.log" ] && tail -20 "$dir/lrs.log"
    exit 1
}
command -v node >/dev/null || { echo "skip: node is not installed"; exit 77; }
oracle=$src/tests/oracles/lrs
[ -d "$oracle/node_modules/xapi-statements" ] ||
    { echo "FAIL: the LRS is not installed: run scripts/bootstrap.sh test (npm install in $oracle)"; exit 1; }
dir=$(mktemp -d)
lrs_pid=
stop_lrs() {
    [ -n "$lrs_pid" ] || return 0
    kill "$lrs_pid" 2>/dev/null
    wait "$lrs_pid" 2>/dev/null
    lrs_pid=
}
trap 'stop_lrs; rm -rf "$dir"' EXIT

port=$(node -e 'const s = require("net").createServer();
  s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')
base=http://127.0.0.1:$port/xAPI
auth=(--auth alertdrill:test-secret)
start_lrs() {
    mkdir -p "$dir/lrs"
    (cd "$dir/lrs" && exec node "$oracle/start.js" "$port") >>"$dir/lrs.log" 2>&1 &
    lrs_pid=$!
    for _ in $(seq 1 100); do
        curl -sf "$base/about" >/dev/null 2>&1 && return 0
        kill -0 "$lrs_pid" 2>/dev/null || fail "the LRS did not start"
        sleep 0.2
    done
    fail "the LRS did not answer on port $port"
}
# Every statement the LRS holds, following its `more` links; prints one id a line, sorted.
lrs_ids() {
    local url="$base/statements?limit=500" page more
    : >"$dir/got"
    while [ -n "$url" ]; do
        page=$(curl -sf -u alertdrill:test-secret -H 'X-Experience-API-Version: 1.0.3' "$url") ||
            fail "GET $url"
        jq -r '.statements[].id' <<<"$page" >>"$dir/got"
        more=$(jq -r '.more // ""' <<<"$page")
        url=${more:+http://127.0.0.1:$port$more}
    done
    sort "$dir/got"
}
send() { "$bin" xapi "$@" --lrs "$base" "${auth[@]}" --data-dir "$dir/data" --retries 1 --batch 20; }

BASE=6 JOBS=2 "$src/scripts/gen_transcripts.sh" "$bin" "$src" 24 "$dir/class" >/dev/null ||
    fail "gen_transcripts"
"$bin" xapi "$dir"/class/*.json >"$dir/all.json" || fail "xapi statements"
jq -r '.[].id' "$dir/all.json" | sort >"$dir/want"
n=$(wc -l <"$dir/want")
[ "$n" -ge 24 ] || fail "only $n statements for 24 transcripts"

start_lrs
send "$dir"/class/*.json >"$dir/out1" 2>&1 || fail "first send exited $?: $(cat "$dir/out1")"
grep -q "^Stored: $n statement(s)" "$dir/out1" || fail "report: $(cat "$dir/out1")"
lrs_ids >"$dir/have1"
cmp -s "$dir/want" "$dir/have1" || fail "the LRS holds other ids: $(diff "$dir/want" "$dir/have1" | head)"
# A stored statement reads back as sent: verb and score (the LRS adds stored/authority).
id=$(jq -r '[.[] | select(.result)][0].id' "$dir/all.json")
curl -sf -u alertdrill:test-secret -H 'X-Experience-API-Version: 1.0.3' \
    "$base/statements?statementId=$id" >"$dir/one.json" || fail "GET one statement"
jq -e --slurpfile all "$dir/all.json" \
    '($all[0][] | select(.id == "'"$id"'")) as $s | .verb.id == $s.verb.id and .result.score.raw == $s.result.score.raw' \
    "$dir/one.json" >/dev/null || fail "statement $id changed on the way: $(cat "$dir/one.json")"

# The same transcripts again: stable ids, so nothing new is stored.
send "$dir"/class/*.json >"$dir/out2" 2>&1 || fail "second send exited $?: $(cat "$dir/out2")"
lrs_ids >"$dir/have2"
cmp -s "$dir/want" "$dir/have2" || fail "sending twice duplicated statements ($(wc -l <"$dir/have2") held)"

# LRS down: everything is queued on disk, with a message and a failing exit code.
stop_lrs
send "$dir"/class/*.json >"$dir/out3" 2>&1
[ $? -eq 1 ] || fail "sending to a stopped LRS did not fail: $(cat "$dir/out3")"
grep -q "^Queued: $n statement(s) in $dir/data/xapi-queue/pending.json" "$dir/out3" ||
    fail "no queue message: $(cat "$dir/out3")"
grep -q "^Stopped: .*after 2 tries" "$dir/out3" || fail "no reason given: $(cat "$dir/out3")"
[ "$(jq length "$dir/data/xapi-queue/pending.json")" == "$n" ] || fail "queue length"

# One statement the LRS will refuse (its id is not a UUID) waits in the queue too.
jq '.[5].id = "not-a-uuid"' "$dir/data/xapi-queue/pending.json" >"$dir/q.json" &&
    mv "$dir/q.json" "$dir/data/xapi-queue/pending.json"
bad_id_was=$(jq -r '.[5].id' "$dir/all.json")

# Back up (empty, it keeps nothing in memory): the queue goes first and drains.
start_lrs
send >"$dir/out4" 2>&1
[ $? -eq 1 ] || fail "a refused statement did not fail the run: $(cat "$dir/out4")"
grep -q "($n waiting from an earlier run go first)" "$dir/out4" || fail "queue not sent: $(cat "$dir/out4")"
grep -q "^Stored: $((n - 1)) statement(s)" "$dir/out4" || fail "drain report: $(cat "$dir/out4")"
grep -q "^  not-a-uuid (from the queue): HTTP 400: .*statements.0.id" "$dir/out4" ||
    fail "the refused statement is not named with the LRS's message: $(cat "$dir/out4")"
[ ! -e "$dir/data/xapi-queue/pending.json" ] || fail "the drained queue is still on disk"
[ "$(jq -r '.[0].statement.id' "$dir/data/xapi-queue/refused.json")" == not-a-uuid ] ||
    fail "refused statement not kept"
lrs_ids >"$dir/have4"
grep -v -x "$bad_id_was" "$dir/want" | cmp -s - "$dir/have4" || fail "after the drain the LRS holds other ids"

# Nothing left: a further run sends nothing and succeeds.
send >"$dir/out5" 2>&1 || fail "empty run exited $?: $(cat "$dir/out5")"
grep -q "^Stored: 0 statement(s) in 0 request(s)" "$dir/out5" || fail "empty run: $(cat "$dir/out5")"
echo ok
