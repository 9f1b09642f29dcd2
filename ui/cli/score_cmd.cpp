#include "cli/commands.hpp"

#include <iostream>

namespace alertdrill::cli {

void add_score_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("score", "(being built)");
    cmd->callback([&exit_code] {
        std::cerr << "alertdrill: 'score' is being built\n";
        exit_code = 1;
    });
}

} // namespace alertdrill::cli
