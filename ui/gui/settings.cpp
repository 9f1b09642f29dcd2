#include "gui/settings.hpp"

#include "alertdrill/atomic_file.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>

namespace alertdrill::gui {

namespace {

constexpr int kSettingsVersion = 1;

std::string xdg_dir(const char* var, const char* home_suffix) {
    const char* v = std::getenv(var);
    if (v && *v == '/') return v;
    const char* home = std::getenv("HOME");
    return std::string(home && *home ? home : "/tmp") + home_suffix;
}

} // namespace

std::string config_dir() {
    return xdg_dir("XDG_CONFIG_HOME", "/.config") + "/alertdrill";
}

std::string sessions_dir() {
    return xdg_dir("XDG_DATA_HOME", "/.local/share") + "/alertdrill/sessions";
}

std::string quiz_results_dir() {
    return xdg_dir("XDG_DATA_HOME", "/.local/share") + "/alertdrill/quiz-results";
}

Settings load_settings() {
    Settings s;
    std::string text, error;
    if (!read_file(config_dir() + "/settings.json", text, error, 1u << 20)) return s;
    auto j = nlohmann::json::parse(text, nullptr, false);
    if (!j.is_object()) return s;
    s.font_size = std::clamp(j.value("font_size", s.font_size), 10.0f, 32.0f);
    s.mode = j.value("mode", s.mode);
    if (s.mode != "practice" && s.mode != "assessment") s.mode = "practice";
    s.last_scenario = j.value("last_scenario", s.last_scenario);
    s.window_w = std::clamp(j.value("window_w", s.window_w), 640, 8192);
    s.window_h = std::clamp(j.value("window_h", s.window_h), 480, 8192);
    return s;
}

bool save_settings(const Settings& s, std::string& error) {
    if (!make_dirs(config_dir(), error)) return false;
    nlohmann::json j = {{"format", "alertdrill-gui-settings"},
                        {"version", kSettingsVersion},
                        {"font_size", s.font_size},
                        {"mode", s.mode},
                        {"last_scenario", s.last_scenario},
                        {"window_w", s.window_w},
                        {"window_h", s.window_h}};
    return write_file_atomic(config_dir() + "/settings.json",
                             j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                             error);
}

} // namespace alertdrill::gui
