// `alertdrill xapi`: xAPI 1.0.3 statements for re-scored transcripts, printed as a JSON array.
#include "alertdrill/scenario.hpp"
#include "alertdrill/transcript.hpp"
#include "alertdrill/xapi.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/query_runner.hpp"

#include <iostream>
#include <map>

namespace alertdrill::cli {

void add_xapi_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "xapi", "xAPI 1.0.3 statements (attempted, completed, passed/failed) for transcripts");
    static std::vector<std::string> paths;
    static XapiOptions opts;
    cmd->add_option("TRANSCRIPT", paths, "Transcript JSON files")->required();
    cmd->add_option("--home-page", opts.home_page, "homePage of the actors' accounts");
    cmd->add_option("--pass-mark", opts.pass_mark, "Total needed to pass (default 70)")
        ->check(CLI::Range(0, 100));
    cmd->callback([&exit_code] {
        auto cat = load_catalog_or_report();
        if (!cat) {
            exit_code = 1;
            return;
        }
        std::map<std::string, std::optional<ScenarioDef>> scenarios;
        nlohmann::json all = nlohmann::json::array();
        bool ok = true;
        for (const auto& path : paths) {
            Diagnostics d;
            auto t = load_transcript(path, d);
            if (!t) {
                print_diagnostics(d);
                ok = false;
                continue;
            }
            std::string spath = locate_scenario(*t, "");
            if (!scenarios.count(spath)) scenarios[spath] = load_scenario(spath, *cat, d);
            auto& def = scenarios[spath];
            if (!def) {
                d.sort();
                print_diagnostics(d);
                ok = false;
                continue;
            }
            auto r = replay_transcript(*t, *def, *cat, d, make_query_runner());
            if (!r) {
                std::cerr << safe(path) << ": ";
                print_diagnostics(d);
                ok = false;
                continue;
            }
            for (auto& s : xapi_statements(*t, *def, r->score, r->session->now_min(), opts))
                all.push_back(std::move(s));
        }
        std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        exit_code = ok ? 0 : 1;
    });
}

} // namespace alertdrill::cli
