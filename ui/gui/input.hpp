#pragma once
// Keyboard input that survives fast synthetic input. Dear ImGui 1.86 reads key state once per
// frame, so a key pressed and released between two frames (xdotool, a fast typist hitting Enter
// right after typing) would never be seen. Our key callback forwards presses at once, holds such
// releases until the next frame has seen the press, and latches shortcut presses.
struct GLFWwindow;

namespace alertdrill::gui {

/// Replaces the backend's key callback with ours (which forwards to it). Call after
/// ImGui_ImplGlfw_InitForOpenGL.
void install_key_callback(GLFWwindow* window);
/// After each frame: delivers held releases and forgets unread shortcut presses.
void end_frame_input(GLFWwindow* window);
/// True while releases are held back (the loop must draw another frame).
bool input_pending();

/// True once per latched press of `key` with exactly these modifiers (GLFW_MOD_*).
bool take_key(int key, int mods);

} // namespace alertdrill::gui
