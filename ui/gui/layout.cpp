#include "gui/layout.hpp"

#include "gui/input.hpp"

#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <GLFW/glfw3.h>
#include <algorithm>
#include <cmath>
#include <imgui.h>
#include <utility>
#include <vector>

namespace alertdrill::gui {

void apply_style() {
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 0.0f;
    s.ChildRounding = 3.0f;
    s.FrameRounding = 3.0f;
    s.GrabRounding = 3.0f;
    s.WindowPadding = ImVec2(8, 6);
    s.FramePadding = ImVec2(6, 3);
    s.ItemSpacing = ImVec2(7, 4);
    s.CellPadding = ImVec2(5, 2);
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.12f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(0.11f, 0.12f, 0.15f, 1.0f);
    c[ImGuiCol_Border] = ImVec4(0.22f, 0.25f, 0.30f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.20f, 0.32f, 0.50f, 0.75f);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(1, 1, 1, 0.03f);
}

namespace {

void draw_menu(Workspace& ws, UiState& ui) {
    if (take_key(GLFW_KEY_Q, GLFW_MOD_CONTROL)) ui.quit = true;
    if (take_key(GLFW_KEY_L, GLFW_MOD_CONTROL)) ws.focus_command = true;
    while (take_key(GLFW_KEY_EQUAL, GLFW_MOD_CONTROL))
        ws.settings.font_size = std::min(32.0f, ws.settings.font_size + 1);
    while (take_key(GLFW_KEY_MINUS, GLFW_MOD_CONTROL))
        ws.settings.font_size = std::max(10.0f, ws.settings.font_size - 1);
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Scenario picker", nullptr, false, ws.has_session()))
            ws.want_picker = true;
        if (ImGui::MenuItem("Quit", "Ctrl+Q")) ui.quit = true;
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Session", ws.has_session())) {
        bool live = ws.has_session() && ws.session().state() != SessionState::Debrief;
        bool practice = ws.has_session() && ws.session().mode() == Mode::Practice;
        if (ImGui::MenuItem("Hint", nullptr, false, live && practice)) ws.send("hint");
        if (ImGui::MenuItem("Wait 15 minutes", nullptr, false, live)) ws.send("wait 15");
        if (ImGui::MenuItem("End session", nullptr, false, live)) ws.send("end");
        if (ImGui::MenuItem("Command line", "Ctrl+L")) ws.focus_command = true;
        ImGui::EndMenu();
    }
    if (take_key(GLFW_KEY_F2, 0)) ws.windows.rules = !ws.windows.rules;
    if (take_key(GLFW_KEY_F3, 0)) ws.windows.quiz = !ws.windows.quiz;
    if (take_key(GLFW_KEY_F4, 0)) ws.windows.author = !ws.windows.author;
    if (take_key(GLFW_KEY_F5, 0)) ws.windows.cohort = !ws.windows.cohort;
    if (ImGui::BeginMenu("Tools")) {
        ImGui::MenuItem("Suppression rules", "F2", &ws.windows.rules, ws.has_session());
        ImGui::MenuItem("Knowledge check", "F3", &ws.windows.quiz);
        ImGui::Separator();
        ImGui::TextColored(kDim, "Instructors");
        ImGui::MenuItem("Author a scenario", "F4", &ws.windows.author);
        ImGui::MenuItem("Grade a cohort", "F5", &ws.windows.cohort);
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("View")) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
        ImGui::SliderFloat("Font size", &ws.settings.font_size, 10.0f, 32.0f, "%.0f px");
        ImGui::TextColored(kDim, "Ctrl+= / Ctrl+- change it too");
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
        ImGui::MenuItem("About", nullptr, &ui.show_about);
        ImGui::EndMenu();
    }
    if (ws.has_session()) {
        const auto& def = ws.session().scenario();
        ImGui::TextColored(kDim, "  %s  |  %s mode", def.title.c_str(),
                           std::string(mode_name(ws.session().mode())).c_str());
    }
    ImGui::EndMenuBar();
}

void child(const char* id, ImVec2 size, void (*fn)(Workspace&), Workspace& ws) {
    if (ImGui::BeginChild(id, size, true)) fn(ws);
    ImGui::EndChild();
}

void draw_investigation(Workspace& ws) {
    const ImGuiStyle& st = ImGui::GetStyle();
    ImVec2 avail = ImGui::GetContentRegionAvail();
    const float status_h = ImGui::GetFrameHeight() + st.WindowPadding.y;
    const float log_h = ImGui::GetTextLineHeightWithSpacing() * 4 + ImGui::GetFrameHeight() +
                        st.WindowPadding.y * 2 + st.ItemSpacing.y * 2;
    const float top_h = std::max(200.0f, avail.y - status_h - log_h - st.ItemSpacing.y * 2);
    const float lw = std::floor(avail.x * 0.26f);
    const float mw = std::floor(avail.x * 0.44f);
    const float rw = avail.x - lw - mw - st.ItemSpacing.x * 2;
    const float sp = st.ItemSpacing.y;

    ImGui::BeginGroup();
    child("alert_queue", ImVec2(lw, std::floor(top_h * 0.36f)), draw_alert_queue, ws);
    child("resource_context", ImVec2(lw, top_h - std::floor(top_h * 0.36f) - sp),
          draw_resource_context, ws);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    child("alert_detail", ImVec2(mw, std::floor(top_h * 0.42f)), draw_alert_detail, ws);
    child("evidence", ImVec2(mw, top_h - std::floor(top_h * 0.42f) - sp), draw_evidence, ws);
    ImGui::EndGroup();
    ImGui::SameLine();
    ImGui::BeginGroup();
    child("actions", ImVec2(rw, std::floor(top_h * 0.58f)), draw_actions, ws);
    if (ImGui::BeginChild("right_bottom", ImVec2(rw, top_h - std::floor(top_h * 0.58f) - sp),
                          true)) {
        if (ImGui::BeginTabBar("right_tabs")) {
            const int req = ws.right_tab_request;
            ws.right_tab_request = -1;
            if (ImGui::BeginTabItem("Timeline", nullptr,
                                    req == 0 ? ImGuiTabItemFlags_SetSelected : 0)) {
                draw_timeline(ws);
                ImGui::EndTabItem();
            }
            if (ImGui::BeginTabItem("Incident report", nullptr,
                                    req == 1 ? ImGuiTabItemFlags_SetSelected : 0)) {
                draw_report_form(ws);
                ImGui::EndTabItem();
            }
            ImGui::EndTabBar();
        }
    }
    ImGui::EndChild();
    ImGui::EndGroup();
    child("log", ImVec2(avail.x, log_h), draw_log, ws);
    draw_status_bar(ws);
}

} // namespace

void draw_ui(Workspace& ws, UiState& ui) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::Begin("##root", nullptr, flags);
    draw_menu(ws, ui);
    if (!ws.has_session() || ws.want_picker) {
        draw_picker(ws);
    } else {
        switch (ws.session().state()) {
        case SessionState::Briefing:
            draw_briefing(ws);
            break;
        case SessionState::Investigating:
            draw_investigation(ws);
            break;
        case SessionState::Debrief:
            draw_debrief(ws);
            break;
        }
    }
    ImGui::End();
    draw_rules_window(ws);
    draw_quiz_window(ws);
    draw_author_window(ws);
    draw_cohort_window(ws);
    draw_checkpoint_window(ws);
    if (ui.show_about) {
        ImGui::Begin("About alertdrill", &ui.show_about, ImGuiWindowFlags_AlwaysAutoResize);
        ImGui::Text("alertdrill %s", ALERTDRILL_VERSION);
        ImGui::TextUnformatted("Training for Microsoft Defender for Cloud alert investigation.");
        ImGui::TextUnformatted("Settings and layout: $XDG_CONFIG_HOME/alertdrill");
        ImGui::TextUnformatted("Sessions: $XDG_DATA_HOME/alertdrill/sessions");
        ImGui::End();
    }
}

} // namespace alertdrill::gui
