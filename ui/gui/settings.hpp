#pragma once
// Settings remembered between runs, and where the GUI keeps its files.
//   $XDG_CONFIG_HOME/alertdrill/settings.json  settings (default ~/.config/alertdrill)
//   $XDG_CONFIG_HOME/alertdrill/imgui.ini      window layout, written by Dear ImGui
//   $XDG_DATA_HOME/alertdrill/sessions/        autosaved transcripts, one per session
//                                              (default ~/.local/share/alertdrill/sessions)
//   $XDG_DATA_HOME/alertdrill/quiz-results/    quiz results saved by the quiz window
#include <string>

namespace alertdrill::gui {

struct Settings {
    float font_size = 16.0f; ///< pixels at 100% scale
    std::string mode = "practice";
    std::string last_scenario; ///< path
    int window_w = 1600;
    int window_h = 1000;
};

std::string config_dir();
std::string sessions_dir();
std::string quiz_results_dir();

Settings load_settings();
/// Writes atomically; false with `error` set on failure.
bool save_settings(const Settings& s, std::string& error);

} // namespace alertdrill::gui
