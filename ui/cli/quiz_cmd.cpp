// `alertdrill quiz BANK`: a knowledge check in the terminal, interactive or scripted.
#include "cli/commands.hpp"
#include "cli/quiz_print.hpp"

#include "alertdrill/quiz.hpp"
#include "alertdrill/quiz_attempt.hpp"
#include "alertdrill/quiz_script.hpp"
#include "alertdrill/text.hpp"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <random>

namespace alertdrill::cli {

namespace {

struct QuizOptions {
    std::string bank;
    std::string mode = "practice";
    std::string answers;
    std::string out;
    std::string trainee;
    std::string history;
    uint64_t seed = 0;
    bool seed_given = false;
    bool json = false;
    bool cbm = false;
};

/// Assessment attempts already used by this trainee on this bank, from results in `dir`.
int attempts_used(const std::string& dir, const QuestionBank& bank, const std::string& trainee) {
    int n = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(dir, ec)) {
        if (e.path().extension() != ".json") continue;
        QuizResult r;
        std::string err;
        if (load_quiz_result(e.path().string(), r, err) && r.bank_id == bank.id &&
            r.mode == "assessment" && r.trainee == trainee)
            ++n;
    }
    return n;
}

int read_int(std::ostream& out, const std::string& prompt, int lo, int hi) {
    while (true) {
        out << prompt << std::flush;
        std::string line;
        if (!std::getline(std::cin, line)) return lo;
        std::string t = trim(line);
        if (t.size() == 1 && t[0] - '0' >= lo && t[0] - '0' <= hi) return t[0] - '0';
        out << "  Please type a number from " << lo << " to " << hi << ".\n";
    }
}

void run_interactive(QuizAttempt& attempt, std::ostream& out) {
    auto start = std::chrono::steady_clock::now();
    const auto& qs = attempt.questions();
    for (size_t i = 0; i < qs.size(); ++i) {
        const PresentedQuestion& p = qs[i];
        while (!attempt.finished(i)) {
            print_question(out, p, i, qs.size());
            out << answer_help(p.question) << "\n> " << std::flush;
            std::string line;
            if (!std::getline(std::cin, line)) return; // end of input: the rest stays unanswered
            QuizResponse r;
            std::string err;
            if (!parse_response(p.question, line, r, err, &p.order)) {
                out << "  " << escape_control(err) << "\n";
                continue;
            }
            if (!r.answered()) break; // a blank line skips the question
            int certainty =
                attempt.cbm()
                    ? read_int(out, "Certainty (1 = unsure, 2 = fairly sure, 3 = sure): ", 1, 3)
                    : 0;
            double at =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            TryFeedback fb;
            if (!attempt.submit(i, r, certainty, at, fb, err)) {
                out << "  " << escape_control(err) << "\n";
                return;
            }
            if (!fb.graded) break; // assessment: next question
            print_try_feedback(out, fb);
        }
    }
}

void run_quiz(const QuizOptions& o, int& exit_code) {
    QuestionBank bank;
    Diagnostics diags;
    if (!load_question_bank(o.bank, bank, diags)) {
        diags.sort();
        std::cerr << escape_control(diags.format());
        exit_code = 1;
        return;
    }
    QuizMode mode = o.mode == "assessment" ? QuizMode::Assessment : QuizMode::Practice;
    if (mode == QuizMode::Assessment && !o.history.empty()) {
        int used = attempts_used(o.history, bank, o.trainee);
        if (used >= bank.attempts) {
            std::cerr << "alertdrill: "
                      << (o.trainee.empty() ? "this trainee"
                                            : "'" + escape_control(o.trainee) + "'")
                      << " has used " << used << " of " << bank.attempts
                      << " assessment attempt(s) on '" << bank.id << "' (results in "
                      << escape_control(o.history) << ")\n";
            exit_code = 1;
            return;
        }
    }
    uint64_t seed = o.seed_given ? o.seed : std::random_device{}();
    QuizAttempt attempt(bank, mode, seed, o.cbm);
    auto start = std::chrono::steady_clock::now();
    double elapsed = 0;
    bool ok = true;
    if (!o.answers.empty()) {
        std::string text, err;
        if (!read_file(o.answers, text, err, limits::k_script_bytes)) {
            std::cerr << escape_control(o.answers) << ": error: " << escape_control(err) << "\n";
            exit_code = 1;
            return;
        }
        std::vector<ScriptedAnswer> script;
        std::vector<ScriptStep> steps;
        // Check every line, even after a malformed one, so the author sees all problems at once.
        parse_answer_script(text, o.answers, script, diags);
        run_answer_script(attempt, script, o.answers, diags, &steps);
        if (diags.has_errors()) {
            diags.sort();
            std::cerr << escape_control(diags.format());
            exit_code = 1;
            return;
        }
        std::cerr << escape_control(diags.format()); // warnings (late answers)
        for (const auto& s : script) elapsed = std::max(elapsed, s.at_seconds);
        if (mode == QuizMode::Practice && !o.json)
            for (const auto& s : steps) {
                std::cout << "[" << escape_control(s.answer.question_id) << "] "
                          << escape_control(s.answer.text) << "\n";
                print_try_feedback(std::cout, s.feedback);
            }
    } else {
        // With --json, stdout carries only the result; the conversation goes to stderr.
        std::ostream& out = o.json ? std::cerr : std::cout;
        out << escape_control(bank.title) << "\n" << escape_control(bank.description) << "\n";
        if (mode == QuizMode::Assessment)
            out << "Assessment: answers are graded at the end; pass mark " << bank.pass_percent
                << "%"
                << (bank.time_limit_minutes
                        ? ", time limit " + std::to_string(bank.time_limit_minutes) + " minutes"
                        : std::string())
                << ".\n";
        else
            out << "Practice: feedback after each answer, up to " << bank.practice_tries
                << " tries a question. A blank line skips a question.\n";
        run_interactive(attempt, out);
        elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    }
    QuizResult result = attempt.finish(elapsed);
    result.trainee = o.trainee;
    if (o.json)
        std::cout << quiz_result_to_json(result);
    else
        print_result(std::cout, result);
    if (!o.out.empty()) {
        std::string err;
        if (!save_quiz_result(o.out, result, err)) {
            std::cerr << "alertdrill: " << escape_control(err) << "\n";
            ok = false;
        }
    }
    exit_code = ok && result.passed ? 0 : 1;
}

} // namespace

void add_quiz_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<QuizOptions>();
    auto* cmd = app.add_subcommand(
        "quiz", "Take a knowledge check from a question bank (content/quizzes/*.toml). "
                "Exit 1 when the bank or answers are invalid or an assessment is failed.");
    cmd->add_option("BANK", opts->bank, "question bank (.toml)")->required();
    cmd->add_option("--mode", opts->mode,
                    "practice (feedback and retries) or assessment (graded at the end)")
        ->check(CLI::IsMember({"practice", "assessment"}));
    cmd->add_option("--answers", opts->answers,
                    "scripted attempt: one 'QUESTION-ID[@CERTAINTY]: ANSWER' a line (see "
                    "content/quizzes/README.md)");
    cmd->add_option("--seed", opts->seed,
                    "seed for option order and question variants (default: random)")
        ->each([opts](const std::string&) { opts->seed_given = true; });
    cmd->add_flag("--cbm", opts->cbm,
                  "certainty-based marking: give a certainty 1-3 with each answer");
    cmd->add_flag("--json", opts->json,
                  "print the result as JSON (alertdrill-quiz-result, version 1)");
    cmd->add_option("--out", opts->out, "save the result as JSON (written atomically)");
    cmd->add_option("--trainee", opts->trainee, "trainee name recorded in the result");
    cmd->add_option(
        "--history", opts->history,
        "folder of earlier results: refuse an assessment when the bank's attempts are used up");
    cmd->callback([opts, &exit_code] { run_quiz(*opts, exit_code); });
}

} // namespace alertdrill::cli
