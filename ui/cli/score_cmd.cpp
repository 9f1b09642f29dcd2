#include "alertdrill/scenario.hpp"
#include "alertdrill/transcript.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/query_runner.hpp"

#include <iostream>

namespace alertdrill::cli {

void add_score_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("score", "Re-score a transcript from its actions");
    static std::string path, scenario;
    static bool as_json = false;
    cmd->add_option("TRANSCRIPT", path, "Transcript JSON file")->required();
    cmd->add_option("--scenario", scenario,
                    "Scenario file (default: the one the transcript names)");
    cmd->add_flag("--json", as_json, "Print the score as JSON");
    cmd->callback([&exit_code] {
        auto cat = load_catalog_or_report();
        if (!cat) {
            exit_code = 1;
            return;
        }
        Diagnostics d;
        auto t = load_transcript(path, d);
        if (!t) {
            print_diagnostics(d);
            exit_code = 1;
            return;
        }
        auto def = load_scenario(locate_scenario(*t, scenario), *cat, d);
        if (!def) {
            d.sort();
            print_diagnostics(d);
            exit_code = 1;
            return;
        }
        auto r = replay_transcript(*t, *def, *cat, d, make_query_runner());
        if (!r) {
            print_diagnostics(d);
            exit_code = 1;
            return;
        }
        if (as_json) {
            std::cout << score_document(*r->session, r->score, t->seed) << "\n";
        } else {
            print_debrief(std::cout, *r->session, r->score);
        }
        exit_code = 0;
    });
}

} // namespace alertdrill::cli
