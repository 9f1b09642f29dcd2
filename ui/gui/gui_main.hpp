#pragma once
// The desktop interface's entry points, called from ui/main.cpp.
#include <CLI/CLI.hpp>

namespace alertdrill::gui {

/// Registers `alertdrill gui [SCENARIO] [--replay TRANSCRIPT] [--screenshot-dir DIR]
/// [--mode practice|assessment] [--seed N] [--bench-frames N]`.
void add_gui_command(CLI::App& app, int& exit_code);

/// Opens the window on the scenario picker; returns the process exit code.
int run_default();

} // namespace alertdrill::gui
