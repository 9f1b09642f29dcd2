// `alertdrill query SCENARIO QUERY [--json] [--seed N]`: an instructor's view of a scenario's
// evidence. Runs KQL over every evidence table of the scenario (not only what a trainee has
// uncovered), with now() at the scenario's start clock.
#include "alertdrill/query_console.hpp"
#include "alertdrill/scenario.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include <fmt/format.h>
#include <iostream>

namespace alertdrill::cli {

void add_query_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("query", "Run a KQL query over a scenario's evidence tables");
    static std::string scenario, query;
    static uint64_t seed = 1;
    static bool as_json = false;
    cmd->add_option("SCENARIO", scenario, "Scenario file")->required();
    cmd->add_option("QUERY", query,
                    "KQL query, e.g. \"Syslog | where ProcessName == 'sshd' | take 10\"")
        ->required();
    cmd->add_option("--seed", seed, "Scenario variant seed (default 1)");
    cmd->add_flag("--json", as_json, "Answer in the Log Analytics query API's JSON shape");
    cmd->callback([&exit_code] {
        auto cat = load_catalog_or_report();
        if (!cat) {
            exit_code = 1;
            return;
        }
        Diagnostics d;
        auto def = load_scenario(scenario, *cat, d);
        if (!def) {
            d.sort();
            print_diagnostics(d);
            exit_code = 1;
            return;
        }
        auto inst = instantiate(*def, *cat, seed, d);
        if (!inst) {
            print_diagnostics(d);
            exit_code = 1;
            return;
        }
        kql::TableSet set = instance_table_set(*inst);
        kql::Options opts;
        opts.now_us = inst->def().start_utc_s * 1000000;
        auto r = kql::run(query, set, opts);
        if (auto* e = std::get_if<kql::Error>(&r)) {
            std::cerr << safe(kql::format_error(query, *e));
            exit_code = 1;
            return;
        }
        const auto& res = std::get<kql::Result>(r);
        if (as_json) {
            std::cout << kql::to_query_api_json(res).dump(2, ' ', false,
                                                          nlohmann::json::error_handler_t::replace)
                      << "\n";
            return;
        }
        std::cout << render_result_text(res, 200);
        std::cout << fmt::format("{:.1f} ms\n", res.elapsed_ms);
        if (!res.found_keys.empty()) {
            std::cout << "Key evidence in this result:";
            for (const auto& k : res.found_keys) std::cout << " " << safe(k);
            std::cout << "\n";
        }
    });
}

} // namespace alertdrill::cli
