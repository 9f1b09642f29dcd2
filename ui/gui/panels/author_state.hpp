#pragma once
// The author view's state: the open scenario file, its diagnostics and text, and the golden
// scripts' last run. Shared by author_window.cpp (file, diagnostics, source) and
// author_play.cpp (play from an alert, golden scripts).
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/model.hpp"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill::gui {

class Workspace;

struct GoldenRun {
    std::string name; ///< script file name without .script
    std::string path;
    std::optional<int> total;    ///< when it played through
    std::optional<int> expected; ///< from <name>.expected.json, when present
    std::string problem;         ///< why it did not play, FILE:LINE: ...
};

struct AuthorState {
    std::string path_input;
    std::string path; ///< the open file ("" = none)
    std::filesystem::file_time_type mtime{};
    double last_check = 0;
    int reloads = 0;
    std::string reloaded_at; ///< wall-clock time of the last load, for the status line
    std::vector<std::string> lines;
    Diagnostics diags;
    std::optional<ScenarioDef> def; ///< when the file loads
    int selected_diag = -1;
    int focus_line = 0; ///< source line shown in context (1-based, 0 = none)
    std::vector<GoldenRun> golden;
    std::string play_error;
};

/// (Re)reads the file: text, diagnostics, definition.
void author_load(Workspace& ws, AuthorState& a);
/// The "Play" section: from the start or from any alert.
void draw_author_play(Workspace& ws, AuthorState& a);
/// The golden scripts of the scenario (tests/golden/<id>/*.script), with a run button.
void draw_author_golden(Workspace& ws, AuthorState& a);

} // namespace alertdrill::gui
