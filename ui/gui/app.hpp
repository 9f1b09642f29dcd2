#pragma once
// The window: GLFW + OpenGL 3 + Dear ImGui, the frame loop, fonts, and the replay, screenshot
// and benchmark drivers that run through the same loop as a person's clicks.
#include <cstdint>
#include <string>

namespace alertdrill::gui {

struct AppOptions {
    std::string scenario;       ///< open this scenario instead of the picker
    std::string replay;         ///< transcript to replay, one action per step
    std::string screenshot_dir; ///< one PNG per replay step
    std::string mode = "";      ///< practice or assessment ("" = the saved setting)
    uint64_t seed = 1;
    int bench_frames = 0;   ///< >0: measure this many frames on a large evidence table and exit
    std::string dump_state; ///< write what the tool windows show here on exit (and on F12)
};

/// Runs the window until it closes; returns the process exit code.
int run_app(const AppOptions& opts);

} // namespace alertdrill::gui
