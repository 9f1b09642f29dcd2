#include "alertdrill/scenario.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace alertdrill::cli {

void add_list_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("list", "List scenarios with id, title, difficulty and minutes");
    static std::string dir;
    static bool as_json = false;
    cmd->add_option("DIR", dir, "Folder of scenario files (default: scenarios/)");
    cmd->add_flag("--json", as_json, "Machine-readable output");
    cmd->callback([&exit_code] {
        auto cat = load_catalog_or_report();
        if (!cat) {
            exit_code = 1;
            return;
        }
        std::string d = dir.empty() ? default_scenarios_dir() : dir;
        if (!std::filesystem::is_directory(d)) {
            std::cerr << "alertdrill: " << d << ": not a folder\n";
            exit_code = 1;
            return;
        }
        auto infos = list_scenarios(d, *cat);
        bool broken = false;
        if (as_json) {
            nlohmann::json arr = nlohmann::json::array();
            for (const auto& i : infos)
                arr.push_back({{"id", i.id},
                               {"title", i.title},
                               {"difficulty", i.difficulty},
                               {"minutes", i.estimated_minutes},
                               {"path", i.path},
                               {"valid", i.valid}});
            std::cout << nlohmann::json{{"version", 1}, {"scenarios", arr}}.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        } else {
            std::cout << fmt::format("{:<28} {:<13} {:>4}  {}\n", "ID", "DIFFICULTY", "MIN",
                                     "TITLE");
            for (const auto& i : infos) {
                if (i.valid)
                    std::cout << fmt::format("{:<28} {:<13} {:>4}  {}\n", i.id, i.difficulty,
                                             i.estimated_minutes, safe(i.title));
                else
                    std::cout << fmt::format("{:<28} {:<13} {:>4}  (invalid: {})\n", i.id, "-", "-",
                                             safe(i.first_error));
            }
        }
        for (const auto& i : infos) broken |= !i.valid;
        exit_code = broken ? 1 : 0;
    });
}

} // namespace alertdrill::cli
