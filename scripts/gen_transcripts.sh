#!/usr/bin/env bash
# Makes N varied transcripts for grading tests and timing: plays BASE (default 40) of them from
# the golden scripts with other trainee names, seeds and dropped lines, then derives the rest as
# prefixes of those (a trainee who stopped after k actions), which replay just as validly.
# Usage: gen_transcripts.sh BINARY SOURCE_DIR N OUT  (JOBS plays several at once; a variant the
# engine refuses falls back to the plain script).
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
    "$bin" play "$src/scenarios/$id.toml" --data-dir "$data" --script "$tmp" "${seed_args[@]}" --trainee "$name" \
        --transcript "$dest" --json >/dev/null 2>&1
    rc=$?
    if [ $rc -ne 0 ]; then
        rm -f "$dest"
        "$bin" play "$src/scenarios/$id.toml" --data-dir "$data" --script "$script" --trainee "$name" \
            --transcript "$dest" --json >/dev/null 2>&1 || echo "cannot play $script" >&2
    fi
    rm -f "$tmp"
}
export -f one
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
export bin src out data
base=${BASE:-40}
[ "$base" -gt "$n" ] && base=$n
for ((i = 1; i <= base; i++)); do
    echo "$i ${scripts[$((i % ${#scripts[@]}))]}"
done | xargs -P "$jobs" -n 2 bash -c 'one "$0" "$1"'
mapfile -t played < <(ls "$out"/*.json)
for ((i = base + 1; i <= n; i++)); do
    from=${played[$((i % ${#played[@]}))]}
    RANDOM=$i
    jq --argjson k $((RANDOM % 30 + 1)) --arg name "trainee-$(printf %04d "$i")" \
        '.actions |= .[:$k] | .trainee = $name | .finished = false' "$from" \
        >"$out/$(printf %04d "$i")-$(basename "$from" .json | cut -d- -f2-).json"
done
ls "$out"/*.json | wc -l
