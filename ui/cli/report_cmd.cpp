// `alertdrill report`: one trainee's debrief as a self-contained HTML page.
#include "alertdrill/atomic_file.hpp"
#include "alertdrill/html_report.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/transcript.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"
#include "cli/query_runner.hpp"

#include <iostream>

namespace alertdrill::cli {

void add_report_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("report", "One trainee's debrief as a self-contained HTML page");
    static std::string path, scenario, html_out;
    cmd->add_option("TRANSCRIPT", path, "Transcript JSON file")->required();
    cmd->add_option("--html", html_out, "Write the page to this file")->required();
    cmd->add_option("--scenario", scenario,
                    "Scenario file (default: the one the transcript names)");
    cmd->callback([&exit_code] {
        exit_code = 1;
        auto cat = load_catalog_or_report();
        if (!cat) return;
        Diagnostics d;
        auto t = load_transcript(path, d);
        if (!t) return print_diagnostics(d);
        auto def = load_scenario(locate_scenario(*t, scenario), *cat, d);
        if (!def) {
            d.sort();
            return print_diagnostics(d);
        }
        auto r = replay_transcript(*t, *def, *cat, d, make_query_runner());
        if (!r) return print_diagnostics(d);
        std::string err;
        if (!write_file_atomic(
                html_out, debrief_html(*r->session, r->score, t->trainee, t->started_utc), err)) {
            std::cerr << safe(err) << "\n";
            return;
        }
        exit_code = 0;
    });
}

} // namespace alertdrill::cli
