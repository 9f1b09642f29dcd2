#include "gui/app.hpp"

#include "alertdrill/atomic_file.hpp"
#include "gui/fonts.hpp"
#include "gui/frame_driver.hpp"
#include "gui/input.hpp"
#include "gui/layout.hpp"
#include "gui/workspace.hpp"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <imgui.h>
#include <iostream>
#include <nlohmann/json.hpp>

namespace alertdrill::gui {

namespace {

double thread_cpu_ms() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) * 1e3 + double(ts.tv_nsec) / 1e6;
}

struct GlfwSession {
    GLFWwindow* window = nullptr;
    bool ok = false;
    GlfwSession(int w, int h, bool visible) {
        glfwSetErrorCallback([](int code, const char* text) {
            std::fprintf(stderr, "alertdrill: GLFW error %d: %s\n", code, text);
        });
        if (!glfwInit()) return;
        glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
        glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 0);
        glfwWindowHint(GLFW_VISIBLE, visible ? GLFW_TRUE : GLFW_FALSE);
        glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
        window = glfwCreateWindow(w, h, "alertdrill", nullptr, nullptr);
        if (!window) return;
        glfwMakeContextCurrent(window);
        ok = true;
    }
    ~GlfwSession() {
        if (window) glfwDestroyWindow(window);
        glfwTerminate();
    }
};

} // namespace

int run_app(const AppOptions& opts) {
    Workspace ws;
    if (!ws.catalog_ok()) {
        std::cerr << ws.load_error();
        return 1;
    }
    FrameDriver driver(opts);
    if (!driver.prepare(ws)) return driver.exit_code();

    const bool scripted = driver.scripted();
    int win_w = scripted ? 1600 : ws.settings.window_w;
    int win_h = scripted ? 1000 : ws.settings.window_h;
    GlfwSession glfw(win_w, win_h, true);
    if (!glfw.ok) {
        std::cerr << "alertdrill: cannot open a window (is DISPLAY set?)\n";
        return 1;
    }
    glfwSwapInterval(scripted ? 0 : 1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    // The layout (imgui.ini) is read and written by us, not by Dear ImGui, so that it is
    // written atomically like the settings; replays and benchmarks leave it alone.
    const std::string ini_path = config_dir() + "/imgui.ini";
    io.IniFilename = nullptr;
    if (!scripted && std::filesystem::exists(ini_path))
        ImGui::LoadIniSettingsFromDisk(ini_path.c_str());
    auto save_layout = [&] {
        std::string error;
        size_t size = 0;
        const char* ini = ImGui::SaveIniSettingsToMemory(&size);
        if (!make_dirs(config_dir(), error) ||
            !write_file_atomic(ini_path, std::string_view(ini, size), error))
            std::cerr << "alertdrill: " << error << "\n";
        io.WantSaveIniSettings = false;
    };
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui::StyleColorsDark();
    apply_style();

    float xscale = 1.0f, yscale = 1.0f;
    glfwGetWindowContentScale(glfw.window, &xscale, &yscale);
    const float dpi = scripted ? 1.0f : std::max(1.0f, xscale);
    ImGui::GetStyle().ScaleAllSizes(dpi);

    ImGui_ImplGlfw_InitForOpenGL(glfw.window, true);
    install_key_callback(glfw.window);
    ImGui_ImplOpenGL3_Init("#version 130");

    nlohmann::json state_dump = nlohmann::json::object();
    if (!opts.dump_state.empty()) ws.state_dump = &state_dump;
    auto write_dump = [&] {
        if (opts.dump_state.empty()) return;
        if (ws.has_session()) {
            const Session& s = ws.session();
            nlohmann::json lines = nlohmann::json::array();
            for (const auto& a : s.history()) lines.push_back(a.line);
            state_dump["session"] = {{"scenario", s.scenario().id},
                                     {"state", session_state_name(s.state())},
                                     {"now_min", s.now_min()},
                                     {"actions", lines},
                                     {"autosave", ws.autosave_path()}};
        }
        std::string error;
        if (!write_file_atomic(
                opts.dump_state,
                state_dump.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n",
                error))
            std::cerr << "alertdrill: " << error << "\n";
    };
    float built_font_size = 0;
    UiState ui;
    bool first_frame = true;
    int busy_frames = 3;
    while (!glfwWindowShouldClose(glfw.window)) {
        // Idle frames cost nothing: sleep on events unless something is still settling.
        if (scripted || busy_frames > 0 || ws.has_pending())
            glfwPollEvents();
        else {
            // Nothing moves on its own except a watched replay; the long timeout is a safety net.
            // The author view watches its file and the quiz shows a clock: wake for them too.
            const bool ticking = driver.watching() || ws.windows.author || ws.windows.quiz;
            glfwWaitEventsTimeout(ticking ? 0.25 : 30.0);
            busy_frames = 2; // ImGui settles hover and layout over a couple of frames
        }
        if (busy_frames > 0) --busy_frames;

        const float want = ws.settings.font_size * dpi;
        if (want != built_font_size) {
            build_fonts(want);
            ImGui_ImplOpenGL3_DestroyFontsTexture();
            ImGui_ImplOpenGL3_CreateFontsTexture();
            built_font_size = want;
            busy_frames = 3;
        }

        driver.before_frame(ws);
        if (ws.apply_pending() > 0) busy_frames = 3;

        auto t0 = std::chrono::steady_clock::now();
        const double c0 = thread_cpu_ms();
        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        ImGui::NewFrame();
        draw_ui(ws, ui);
        ImGui::Render();
        auto t1 = std::chrono::steady_clock::now();
        driver.record_build_time(std::chrono::duration<double, std::milli>(t1 - t0).count(),
                                 thread_cpu_ms() - c0);
        if (ui.quit) glfwSetWindowShouldClose(glfw.window, GLFW_TRUE);
        if (take_key(GLFW_KEY_F12, 0)) write_dump();

        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(glfw.window, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(0.08f, 0.09f, 0.11f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        driver.after_render(ws, fb_w, fb_h);
        glfwSwapBuffers(glfw.window);
        end_frame_input(glfw.window);
        if (input_pending()) busy_frames = std::max(busy_frames, 1);
        if (first_frame) {
            driver.first_frame_done();
            first_frame = false;
        }
        if (driver.finished()) break;
        if (io.WantSaveIniSettings && !scripted) save_layout();
    }

    write_dump();
    if (!scripted) {
        save_layout();
        glfwGetWindowSize(glfw.window, &ws.settings.window_w, &ws.settings.window_h);
        std::string error;
        if (!save_settings(ws.settings, error)) std::cerr << "alertdrill: " << error << "\n";
    }
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    return driver.finish(ws);
}

} // namespace alertdrill::gui
