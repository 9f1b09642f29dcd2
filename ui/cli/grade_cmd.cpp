// `alertdrill grade`: a cohort's transcripts re-scored, tabled, summarised and flagged.
#include "alertdrill/atomic_file.hpp"
#include "alertdrill/cohort.hpp"
#include "alertdrill/cohort_quiz.hpp"
#include "alertdrill/html_report.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/query_runner.hpp"
#include "cli/quiz_print.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <iostream>

namespace alertdrill::cli {

namespace {

std::string fmt_stats(const Stats& s) {
    if (s.n == 0) return "-";
    return fmt::format("mean {:.1f}  min {:g}  median {:g}  max {:g}", s.mean, s.min, s.median,
                       s.max);
}

void print_table(std::ostream& out, std::vector<const GradedAttempt*> rows) {
    std::stable_sort(rows.begin(), rows.end(), [](auto* a, auto* b) {
        return std::tie(a->trainee, a->scenario_id) < std::tie(b->trainee, b->scenario_id);
    });
    out << fmt::format("{:<20} {:<22} {:>5}", "trainee", "scenario", "total");
    for (int i = 0; i < kStepCount; ++i)
        out << fmt::format(" {:>5.5}", step_id(static_cast<Step>(i)));
    out << fmt::format(" {:>7} {:>5}  {}\n", "contain", "hints", "flags");
    for (const auto* a : rows) {
        out << fmt::format("{:<20.20} {:<22.22}", safe(a->trainee), safe(a->scenario_id));
        if (a->score) {
            const Score& s = *a->score;
            out << fmt::format(" {:>5}", s.total);
            for (int i = 0; i < kStepCount; ++i) out << fmt::format(" {:>5}", s.phases[i].earned);
            out << fmt::format(" {:>7} {:>5}",
                               s.time_to_contain_min ? std::to_string(*s.time_to_contain_min) : "-",
                               s.hints_used);
        } else {
            out << fmt::format(" {:>5}", "-") << std::string(size_t(kStepCount) * 6, ' ')
                << fmt::format(" {:>7} {:>5}", "-", "-");
        }
        std::string kinds;
        for (const auto& f : a->flags) kinds += (kinds.empty() ? "" : ",") + f.kind;
        out << "  " << kinds << "\n";
    }
}

void print_summary(std::ostream& out, const std::vector<GradedAttempt>& attempts,
                   const CohortSummary& s) {
    out << fmt::format("\nCohort: {} attempts, {} graded, {} flagged\n", s.attempts, s.graded,
                       s.flagged);
    out << fmt::format("  {:<28} {}\n", "Total (of 100)", fmt_stats(s.total));
    for (int i = 0; i < kStepCount; ++i)
        out << fmt::format("  {:<28} {}  (of {})\n", step_title(static_cast<Step>(i)),
                           fmt_stats(s.steps[i]), s.step_max[i]);
    out << fmt::format("  {:<28} {}; never contained: {}\n", "Time to contain (min)",
                       fmt_stats(s.time_to_contain), s.never_contained);
    out << fmt::format("  {:<28} {}; attempts using hints: {}\n", "Hints used", fmt_stats(s.hints),
                       s.used_hints);
    if (!s.most_missed.empty()) {
        out << "\nMost missed rubric items:\n";
        for (const auto& [id, n] : s.most_missed) out << fmt::format("  {:>5}  {}\n", n, safe(id));
    }
    if (!s.most_harmful.empty()) {
        out << "\nMost common harmful actions:\n";
        for (const auto& [id, n] : s.most_harmful) out << fmt::format("  {:>5}  {}\n", n, safe(id));
    }
    if (!s.checkpoint_misconceptions.empty()) {
        out << "\nMisconceptions shown at checkpoints:\n";
        for (const auto& [id, n] : s.checkpoint_misconceptions)
            out << fmt::format("  {:>5}  {}\n", n, safe(id));
    }
    if (s.flagged) {
        out << "\nFlags:\n";
        size_t shown = 0;
        for (const auto& a : attempts)
            for (const auto& f : a.flags) {
                if (++shown > 50) continue;
                out << fmt::format("  {}: {}: {}\n", safe(a.path), f.kind, safe(f.message));
            }
        if (shown > 50) out << fmt::format("  ... and {} more (see --json)\n", shown - 50);
    }
}

void print_quizzes(std::ostream& out, const QuizCohort& q) {
    if (q.results.empty()) return;
    out << fmt::format(
        "\nKnowledge checks: {} results, {} re-graded from their answers, {} flagged\n",
        q.results.size(), q.graded, q.flagged);
    out << fmt::format("{:<20} {:<22} {:<10} {:>7} {:>6}  {}\n", "trainee", "bank", "mode",
                       "percent", "passed", "flags");
    for (const auto& g : q.results) {
        std::string kinds;
        for (const auto& f : g.flags) kinds += (kinds.empty() ? "" : ",") + f.kind;
        out << fmt::format("{:<20.20} {:<22.22} {:<10.10} {:>7} {:>6}  {}\n", safe(g.trainee),
                           safe(g.bank_id), safe(g.mode),
                           g.result ? fmt::format("{:.1f}", g.result->percent) : "-",
                           g.result ? (g.result->passed ? "yes" : "no") : "-", kinds);
    }
    for (const auto& a : q.banks) {
        out << "\n";
        print_item_analysis(out, a);
    }
    size_t shown = 0;
    for (const auto& g : q.results)
        for (const auto& f : g.flags) {
            if (shown++ == 0) out << "\nQuiz flags:\n";
            if (shown <= 50)
                out << fmt::format("  {}: {}: {}\n", safe(g.path), f.kind, safe(f.message));
        }
    if (shown > 50) out << fmt::format("  ... and {} more (see --json)\n", shown - 50);
}

/// cohort.csv -> cohort-quiz.csv, cohort-items.csv.
std::string sibling_csv(const std::string& csv, const std::string& suffix) {
    std::string stem = csv;
    if (stem.size() > 4 && stem.compare(stem.size() - 4, 4, ".csv") == 0)
        stem.resize(stem.size() - 4);
    return stem + "-" + suffix + ".csv";
}

bool write_or_report(const std::string& path, const std::string& data) {
    std::string err;
    if (write_file_atomic(path, data, err)) return true;
    std::cerr << safe(err) << "\n";
    return false;
}

} // namespace

void add_grade_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "grade", "Re-score a cohort's transcripts (files or folders), with a summary and flags");
    static std::vector<std::string> paths;
    static std::string csv_out, html_out, scenarios_dir, banks_dir;
    static bool as_json = false;
    static unsigned jobs = 0;
    static double min_seconds = 2;
    cmd->add_option("PATH", paths,
                    "Transcripts and quiz results: files or folders (searched for *.json)")
        ->required();
    cmd->add_option("--csv", csv_out,
                    "Write one row per attempt to this CSV file; quiz results and item analysis "
                    "go beside it (NAME-quiz.csv, NAME-items.csv)");
    cmd->add_flag("--json", as_json, "Print the cohort as JSON (format alertdrill-cohort)");
    cmd->add_option("--html", html_out, "Write the cohort page to this file");
    cmd->add_option("--scenarios", scenarios_dir,
                    "Folder of scenarios (default: the path each transcript names)");
    cmd->add_option("--banks", banks_dir,
                    "Folder of question banks for quiz results (default content/quizzes)");
    cmd->add_option("--jobs,-j", jobs, "Worker threads (default: one per core)");
    cmd->add_option("--min-seconds-per-action", min_seconds,
                    "Flag a transcript played faster than this many real seconds an action "
                    "(default 2)")
        ->check(CLI::Range(0.0, 3600.0));
    cmd->callback([&exit_code] {
        auto cat = load_catalog_or_report();
        if (!cat) {
            exit_code = 1;
            return;
        }
        std::vector<std::string> missing, unreadable, skipped;
        auto files = collect_json_files(paths, missing);
        GradeOptions opts;
        opts.scenarios_dir = scenarios_dir;
        opts.banks_dir = banks_dir;
        opts.jobs = jobs;
        opts.min_seconds_per_action = min_seconds;
        opts.runner = make_query_runner();
        std::vector<GradedQuiz> quiz_files;
        auto attempts = grade_files(files, *cat, opts, unreadable, skipped, &quiz_files);
        CohortSummary summary = summarize(attempts);
        QuizCohort quizzes = summarize_quizzes(std::move(quiz_files));
        for (const auto& m : missing) std::cerr << safe(m) << "\n";
        for (const auto& m : unreadable) std::cerr << safe(m) << "\n";
        for (const auto& m : skipped) std::cerr << safe(m) << " (skipped)\n";
        bool ok = true;
        if (as_json) {
            auto j = cohort_to_json(attempts, summary);
            j["quizzes"] = quiz_cohort_to_json(quizzes);
            std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        } else {
            if (!attempts.empty() || quizzes.results.empty()) {
                std::vector<const GradedAttempt*> rows;
                for (const auto& a : attempts) rows.push_back(&a);
                print_table(std::cout, rows);
                print_summary(std::cout, attempts, summary);
            }
            print_quizzes(std::cout, quizzes);
        }
        if (!csv_out.empty()) {
            ok = write_or_report(csv_out, cohort_to_csv(attempts)) && ok;
            if (!quizzes.results.empty()) {
                ok = write_or_report(sibling_csv(csv_out, "quiz"), quiz_results_to_csv(quizzes)) &&
                     ok;
                ok = write_or_report(sibling_csv(csv_out, "items"), quiz_items_to_csv(quizzes)) &&
                     ok;
            }
        }
        if (!html_out.empty())
            ok = write_or_report(html_out, cohort_html(attempts, summary, &quizzes)) && ok;
        exit_code = (ok && missing.empty() && unreadable.empty()) ? 0 : 1;
    });
}

} // namespace alertdrill::cli
