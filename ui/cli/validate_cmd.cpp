#include "alertdrill/publish_check.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/validate.hpp"
#include "cli/commands.hpp"
#include "cli/common.hpp"

#include "cli/query_runner.hpp"

#include <filesystem>
#include <iostream>

namespace alertdrill::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand(
        "validate", "Check scenarios, the action catalog and question banks; report every problem "
                    "as FILE:LINE:COL");
    static std::vector<std::string> paths;
    static bool quiet = false, strict = false;
    static std::string golden_root;
    cmd->add_option("PATH", paths, "Files or folders (folders are searched for *.toml)")
        ->required();
    cmd->add_flag("-q,--quiet", quiet, "Print only problems");
    cmd->add_flag("--strict", strict,
                  "Also the publish checks: the expert script reaches 100, every rubric action "
                  "is reachable, every rubric evidence row can be uncovered, hints cost less "
                  "than they help earn");
    cmd->add_option("--golden", golden_root,
                    "Folder of golden scripts (default: tests/golden beside the scenarios "
                    "folder)");
    cmd->callback([&exit_code] {
        auto cat = load_catalog_or_report();
        if (!cat) {
            exit_code = 1;
            return;
        }
        Diagnostics all;
        auto files = expand_paths(paths, all);
        for (const auto& f : files) {
            Diagnostics one;
            FileKind kind = validate_file(f, *cat, one);
            all.append(one);
            if (!strict || kind != FileKind::Scenario || one.has_errors()) continue;
            auto def = load_scenario(f, *cat, one);
            if (!def) continue;
            namespace fs = std::filesystem;
            fs::path root = golden_root.empty()
                                ? fs::absolute(f).parent_path().parent_path() / "tests" / "golden"
                                : fs::path(golden_root);
            check_publishable(*def, *cat, (root / def->id).string(), all, make_query_runner());
        }
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
