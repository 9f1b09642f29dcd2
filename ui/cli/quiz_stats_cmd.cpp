// `alertdrill quiz-stats RESULT...`: Moodle-style item analysis over quiz result files.
#include "cli/commands.hpp"

#include "alertdrill/quiz_stats.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/core.h>
#include <iostream>

namespace alertdrill::cli {

namespace {

std::string pct(const std::optional<double>& v) {
    return v ? fmt::format("{:.2f}%", *v) : "-";
}
std::string num(const std::optional<double>& v) {
    return v ? fmt::format("{:.4f}", *v) : "-";
}

void print_analysis(const ItemAnalysis& a) {
    const TestStats& t = a.test;
    std::cout << escape_control(a.bank_title) << " (" << escape_control(a.bank_id)
              << "): " << t.attempts << " attempt(s)\n";
    double mx = t.max_mark > 0 ? t.max_mark : 1;
    std::cout << fmt::format("  Mean {:.2f} ({:.2f}%), median {:.2f}, SD {} ({})\n", t.mean,
                             100 * t.mean / mx, t.median, num(t.sd),
                             t.sd ? fmt::format("{:.2f}%", 100 * *t.sd / mx) : "-");
    std::cout << fmt::format("  Skewness {}, kurtosis {}\n", num(t.skewness), num(t.kurtosis));
    std::cout << fmt::format("  Cronbach's alpha {}, error ratio {}, standard error {}\n",
                             pct(t.alpha), pct(t.error_ratio), num(t.standard_error));
    std::cout << fmt::format("\n  {:<32} {:>4} {:>9} {:>9} {:>9} {:>9}\n", "question", "n",
                             "facility", "SD", "discrim.", "effic.");
    for (const auto& q : a.questions)
        std::cout << fmt::format("  {:<32} {:>4} {:>8.2f}% {:>9} {:>9} {:>9}\n",
                                 escape_control(q.id), q.attempts, q.facility, pct(q.sd),
                                 pct(q.discrimination), pct(q.discriminative_efficiency));
    if (!a.misconceptions.empty()) {
        std::cout << "\n  Most common misconceptions:\n";
        for (const auto& m : a.misconceptions)
            std::cout << fmt::format("  {:>4} x {} ({} attempt(s); {})\n", m.count,
                                     escape_control(m.tag), m.attempts,
                                     escape_control(join(m.questions, ", ")));
    }
}

} // namespace

void add_quiz_stats_command(CLI::App& app, int& exit_code) {
    auto paths = std::make_shared<std::vector<std::string>>();
    auto json = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("quiz-stats",
                                   "Item analysis over quiz results (files or folders of *.json), "
                                   "as Moodle's quiz statistics report computes it");
    cmd->add_option("RESULT", *paths, "quiz result files or folders")->required();
    cmd->add_flag("--json", *json, "print the analysis as JSON (alertdrill-quiz-stats, version 1)");
    cmd->callback([paths, json, &exit_code] {
        std::vector<std::string> files;
        for (const auto& p : *paths) {
            std::error_code ec;
            if (std::filesystem::is_directory(p, ec)) {
                std::vector<std::string> found;
                for (const auto& e : std::filesystem::recursive_directory_iterator(p, ec))
                    if (e.is_regular_file() && e.path().extension() == ".json")
                        found.push_back(e.path().string());
                std::sort(found.begin(), found.end());
                files.insert(files.end(), found.begin(), found.end());
            } else {
                files.push_back(p);
            }
        }
        std::vector<QuizResult> results;
        bool bad = false;
        for (const auto& f : files) {
            QuizResult r;
            std::string err;
            if (!load_quiz_result(f, r, err)) {
                std::cerr << escape_control(err) << "\n";
                bad = true;
                continue;
            }
            results.push_back(std::move(r));
        }
        if (bad) {
            exit_code = 1;
            return;
        }
        ItemAnalysis a;
        std::string err;
        if (!analyse_results(results, a, err)) {
            std::cerr << "alertdrill: " << escape_control(err) << "\n";
            exit_code = 1;
            return;
        }
        for (const auto& w : a.warnings)
            std::cerr << "alertdrill: warning: " << escape_control(w) << "\n";
        if (*json)
            std::cout << item_analysis_to_json(a);
        else
            print_analysis(a);
        exit_code = 0;
    });
}

} // namespace alertdrill::cli
