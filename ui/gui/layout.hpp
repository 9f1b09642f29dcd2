#pragma once
// The top-level frame: menu bar, then the picker, the briefing, the workspace or the debrief,
// chosen by the session's state (DESIGN.md convention 3).
namespace alertdrill::gui {

class Workspace;

struct UiState {
    bool quit = false;
    bool show_about = false;
};

/// Key presses latched by the GLFW key callback until the end of the next frame. Dear ImGui 1.86
/// reads key state once per frame, so a press and release between two frames (synthetic input,
/// a fast typist) would be lost for shortcuts.
void latch_key(int key, int mods);
/// True once per latched press of `key` with exactly these modifiers (GLFW_MOD_*).
bool take_key(int key, int mods);
void clear_latched_keys();

/// Colours and rounding for a compact analyst console.
void apply_style();
void draw_ui(Workspace& ws, UiState& ui);

} // namespace alertdrill::gui
