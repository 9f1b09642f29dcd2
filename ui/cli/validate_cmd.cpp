#include "cli/commands.hpp"

#include <iostream>

namespace alertdrill::cli {

void add_validate_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("validate", "(being built)");
    cmd->callback([&exit_code] {
        std::cerr << "alertdrill: 'validate' is being built\n";
        exit_code = 1;
    });
}

} // namespace alertdrill::cli
