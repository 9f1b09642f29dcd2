# Knowledge-check attempts for the shell tests: module_4_8 in assessment mode with seed 4.
# quiz_attempt BIN SRC TRAINEE OUT [ANSWER_LINE...]: answers as `question-id: answer` lines; the
# result is written to OUT (the exit status is quiz's: 1 for a failed assessment).
quiz_attempt() {
    local bin=$1 src=$2 trainee=$3 out=$4 answers rc
    shift 4
    answers=$(mktemp)
    printf '%s\n' "$@" >"$answers"
    "$bin" quiz "$src/content/quizzes/module_4_8.toml" --mode assessment --answers "$answers" \
        --seed 4 --trainee "$trainee" --out "$out" >/dev/null 2>&1
    rc=$?
    rm -f "$answers"
    return $rc
}
# A trainee who knows the material, and one who does not.
good_answers=('kc-mining-stage: a' 'posture-ssh-port: 22')
poor_answers=('kc-mining-stage: b' 'posture-ssh-port: 3389')
