// `alertdrill quiz-stats RESULT...`: Moodle-style item analysis over quiz result files.
#include "cli/commands.hpp"

#include "alertdrill/quiz_stats.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/core.h>
#include <iostream>
#include <map>

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
    struct Options {
        std::vector<std::string> paths;
        std::string bank;
        bool json = false;
    };
    auto opts = std::make_shared<Options>();
    auto* cmd = app.add_subcommand("quiz-stats",
                                   "Item analysis over quiz results (files or folders of *.json), "
                                   "as Moodle's quiz statistics report computes it");
    cmd->add_option(
           "RESULT", opts->paths,
           "quiz result files, or folders searched for them (other JSON files there are skipped)")
        ->required();
    cmd->add_option("--bank", opts->bank,
                    "analyse only results of this bank id (needed with --json when "
                    "the results span several banks)");
    cmd->add_flag("--json", opts->json,
                  "print the analysis as JSON (alertdrill-quiz-stats, version 1)");
    cmd->callback([opts, &exit_code] {
        // Named files must be quiz results; in folders, other JSON (transcripts ...) is skipped.
        std::vector<std::pair<std::string, bool>> files; // path, found in a folder
        for (const auto& p : opts->paths) {
            std::error_code ec;
            if (std::filesystem::is_directory(p, ec)) {
                std::vector<std::string> found;
                for (const auto& e : std::filesystem::recursive_directory_iterator(p, ec))
                    if (e.is_regular_file() && e.path().extension() == ".json")
                        found.push_back(e.path().string());
                std::sort(found.begin(), found.end());
                for (auto& f : found) files.emplace_back(f, true);
            } else {
                files.emplace_back(p, false);
            }
        }
        std::map<std::string, std::vector<QuizResult>> by_bank;
        bool bad = false;
        for (const auto& [f, in_folder] : files) {
            QuizResult r;
            std::string err;
            if (!load_quiz_result(f, r, err)) {
                if (in_folder && err.find("not an alertdrill quiz result") != std::string::npos)
                    continue;
                std::cerr << escape_control(err) << "\n";
                bad = true;
                continue;
            }
            if (!opts->bank.empty() && r.bank_id != opts->bank) continue;
            by_bank[r.bank_id].push_back(std::move(r));
        }
        if (bad) {
            exit_code = 1;
            return;
        }
        if (by_bank.empty()) {
            std::cerr << "alertdrill: no quiz results found"
                      << (opts->bank.empty() ? ""
                                             : " for the bank '" + escape_control(opts->bank) + "'")
                      << "\n";
            exit_code = 1;
            return;
        }
        if (by_bank.size() > 1 && opts->json) {
            std::vector<std::string> ids;
            for (const auto& [id, rs] : by_bank) ids.push_back(escape_control(id));
            std::cerr << "alertdrill: the results are from several banks (" << join(ids, ", ")
                      << "); choose one with --bank\n";
            exit_code = 1;
            return;
        }
        exit_code = 0;
        for (const auto& [id, results] : by_bank) {
            ItemAnalysis a;
            std::string err;
            if (!analyse_results(results, a, err)) {
                std::cerr << "alertdrill: " << escape_control(err) << "\n";
                exit_code = 1;
                continue;
            }
            for (const auto& w : a.warnings)
                std::cerr << "alertdrill: warning: " << escape_control(w) << "\n";
            if (opts->json)
                std::cout << item_analysis_to_json(a);
            else
                print_analysis(a);
        }
    });
}

} // namespace alertdrill::cli
