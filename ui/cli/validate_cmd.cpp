#include "alertdrill/validate.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include <iostream>

namespace alertdrill::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "validate", "Check scenarios, the action catalog and question banks; report every problem "
                    "as FILE:LINE:COL");
    static std::vector<std::string> paths;
    static bool quiet = false;
    cmd->add_option("PATH", paths, "Files or folders (folders are searched for *.toml)")
        ->required();
    cmd->add_flag("-q,--quiet", quiet, "Print only problems");
    cmd->callback([&exit_code] {
        auto cat = load_catalog_or_report();
        if (!cat) {
            exit_code = 1;
            return;
        }
        Diagnostics all;
        auto files = expand_paths(paths, all);
        for (const auto& f : files) validate_file(f, *cat, all);
        all.sort();
        print_diagnostics(all);
        if (!quiet)
            std::cout << files.size() << (files.size() == 1 ? " file" : " files")
                      << " checked: " << all.error_count() << " errors, " << all.warning_count()
                      << " warnings\n";
        exit_code = all.has_errors() ? 1 : 0;
    });
}

} // namespace alertdrill::cli
