#!/usr/bin/env bash
# Makes N varied transcripts for grading tests and timing: plays the golden scripts with other
# trainee names, other seeds and dropped lines. Usage: gen_transcripts.sh BINARY SOURCE_DIR N OUT
# (set JOBS to play several at once; a variant the engine refuses falls back to the plain script).
set -uo pipefail
bin=${1:?binary}
src=${2:?source dir}
n=${3:?count}
out=${4:?output folder}
jobs=${JOBS:-2}
mkdir -p "$out"
mapfile -t scripts < <(ls "$src"/tests/golden/*/*.script | sort)
[ "${#scripts[@]}" -gt 0 ] || { echo "no golden scripts under $src/tests/golden" >&2; exit 1; }

one() {
    local i=$1 script=$2 tmp id drop seed_args=() rc
    id=$(basename "$(dirname "$script")")
    tmp=$(mktemp)
    RANDOM=$i
    # Drop up to three action lines at random (comments and headers stay).
    drop=$((RANDOM % 4))
    awk -v seed="$i" -v drop="$drop" 'BEGIN { srand(seed) }
        /^[[:space:]]*(#|$)/ { print; next }
        { if (drop > 0 && rand() < 0.15) { drop--; next } print }' "$script" >"$tmp"
    [ $((RANDOM % 3)) -eq 0 ] && seed_args=(--seed $((RANDOM % 5 + 1)))
    local name="trainee-$(printf %04d "$i")" dest="$out/$(printf %04d "$i")-$id.json"
    "$bin" play "$src/scenarios/$id.toml" --script "$tmp" "${seed_args[@]}" --trainee "$name" \
        --transcript "$dest" --json >/dev/null 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
        rm -f "$dest"
        "$bin" play "$src/scenarios/$id.toml" --script "$script" --trainee "$name" \
            --transcript "$dest" --json >/dev/null 2>&1 || echo "cannot play $script" >&2
    fi
    rm -f "$tmp"
}
export -f one
export bin src out
for ((i = 1; i <= n; i++)); do
    echo "$i ${scripts[$((i % ${#scripts[@]}))]}"
done | xargs -P "$jobs" -n 2 bash -c 'one "$0" "$1"'
ls "$out"/*.json | wc -l
