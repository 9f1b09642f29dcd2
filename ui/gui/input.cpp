#include "gui/input.hpp"

#include <GLFW/glfw3.h>
#include <algorithm>
#include <backends/imgui_impl_glfw.h>
#include <utility>
#include <vector>

namespace alertdrill::gui {

namespace {

struct HeldRelease {
    int key, scancode, mods;
};

std::vector<int> g_pressed_this_frame;
std::vector<HeldRelease> g_held;
std::vector<std::pair<int, int>> g_latched;

void on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
    if (action == GLFW_PRESS) {
        g_pressed_this_frame.push_back(key);
        g_latched.emplace_back(
            key, mods & (GLFW_MOD_SHIFT | GLFW_MOD_CONTROL | GLFW_MOD_ALT | GLFW_MOD_SUPER));
    } else if (action == GLFW_RELEASE &&
               std::find(g_pressed_this_frame.begin(), g_pressed_this_frame.end(), key) !=
                   g_pressed_this_frame.end()) {
        g_held.push_back({key, scancode, mods});
        return;
    }
    ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
}

} // namespace

void install_key_callback(GLFWwindow* window) {
    glfwSetKeyCallback(window, on_key);
}

void end_frame_input(GLFWwindow* window) {
    g_pressed_this_frame.clear();
    g_latched.clear();
    auto held = std::move(g_held);
    g_held.clear();
    for (const auto& h : held)
        ImGui_ImplGlfw_KeyCallback(window, h.key, h.scancode, GLFW_RELEASE, h.mods);
}

bool input_pending() {
    return !g_held.empty();
}

bool take_key(int key, int mods) {
    auto it = std::find(g_latched.begin(), g_latched.end(), std::make_pair(key, mods));
    if (it == g_latched.end()) return false;
    g_latched.erase(it);
    return true;
}

} // namespace alertdrill::gui
