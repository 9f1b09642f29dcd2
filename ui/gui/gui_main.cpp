#include "gui/gui_main.hpp"

#include "gui/app.hpp"

namespace alertdrill::gui {

void add_gui_command(CLI::App& app, int& exit_code) {
    auto opts = std::make_shared<AppOptions>();
    auto* cmd = app.add_subcommand("gui", "Open the desktop window (the scenario picker, or "
                                          "SCENARIO directly).");
    cmd->add_option("scenario", opts->scenario, "scenario file (*.toml)");
    cmd->add_option("--replay", opts->replay,
                    "replay a transcript step by step (the expert path, or a trainee's)")
        ->check(CLI::ExistingFile);
    cmd->add_option("--screenshot-dir", opts->screenshot_dir,
                    "with --replay: write one PNG per step here, then exit");
    cmd->add_option("--mode", opts->mode, "practice (hints, immediate feedback) or assessment")
        ->check(CLI::IsMember({"practice", "assessment"}));
    cmd->add_option("--seed", opts->seed, "variant seed (default 1)");
    cmd->add_option("--bench-frames", opts->bench_frames,
                    "measure this many frames on a 100,000-row evidence table and print figures")
        ->check(CLI::Range(1, 100000));
    cmd->add_option("--dump-state", opts->dump_state,
                    "on exit (and when F12 is pressed) write what the tool windows show as JSON, "
                    "for tests and bug reports");
    cmd->callback([opts, cmd, &exit_code] {
        if (!opts->screenshot_dir.empty() && opts->replay.empty())
            throw CLI::ValidationError("--screenshot-dir", "needs --replay TRANSCRIPT");
        (void)cmd;
        exit_code = run_app(*opts);
    });
}

int run_default() {
    return run_app(AppOptions{});
}

} // namespace alertdrill::gui
