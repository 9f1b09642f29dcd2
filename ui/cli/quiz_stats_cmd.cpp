// `alertdrill quiz-stats RESULT...`: Moodle-style item analysis over quiz result files.
#include "cli/commands.hpp"
#include "cli/quiz_print.hpp"

#include "alertdrill/quiz_stats.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/core.h>
#include <iostream>
#include <map>

namespace alertdrill::cli {

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
                print_item_analysis(std::cout, a);
        }
    });
}

} // namespace alertdrill::cli
