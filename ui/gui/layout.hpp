#pragma once
// The top-level frame: menu bar, then the picker, the briefing, the workspace or the debrief,
// chosen by the session's state (DESIGN.md convention 3).
namespace alertdrill::gui {

class Workspace;

struct UiState {
    bool quit = false;
    bool show_about = false;
};

/// Colours and rounding for a compact analyst console.
void apply_style();
void draw_ui(Workspace& ws, UiState& ui);

} // namespace alertdrill::gui
