#include "cli/commands.hpp"

#include <iostream>

namespace alertdrill::cli {

void add_play_command(CLI::App& app, int& exit_code) {
    auto* cmd = app.add_subcommand("play", "(being built)");
    cmd->callback([&exit_code] {
        std::cerr << "alertdrill: 'play' is being built\n";
        exit_code = 1;
    });
}

} // namespace alertdrill::cli
