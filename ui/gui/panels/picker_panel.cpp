// The scenario picker: title, difficulty, minutes, objectives, mode, and resume of an unfinished
// autosaved session.
#include "alertdrill/text.hpp"
#include "alertdrill/transcript.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <GLFW/glfw3.h>
#include <algorithm>
#include <filesystem>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace alertdrill::gui {

namespace {

struct ResumeEntry {
    std::string path, scenario_id, started;
    size_t actions = 0;
};

struct PickerState {
    bool loaded = false;
    int selected = 0;
    std::string filter;
    std::string open_path;
    std::vector<ResumeEntry> resumable;
    bool focus_filter = true;
};

PickerState g_picker;

void scan_resumable() {
    g_picker.resumable.clear();
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(sessions_dir(), ec)) {
        if (e.path().extension() != ".json") continue;
        Diagnostics diags;
        auto t = load_transcript(e.path().string(), diags);
        if (!t || t->finished || t->actions.empty()) continue;
        g_picker.resumable.push_back(
            {e.path().string(), t->scenario_id, t->started_utc, t->actions.size()});
    }
}

void start(Workspace& ws, const std::string& path) {
    auto mode = parse_mode(ws.settings.mode).value_or(Mode::Practice);
    if (ws.open_scenario(path, mode, 1)) {
        ws.settings.last_scenario = path;
        ws.want_picker = false;
        g_picker.focus_filter = true;
    }
}

} // namespace

void draw_picker(Workspace& ws) {
    // Rescan whenever the picker comes back into view (a session may have been saved since).
    static int last_frame = -10;
    if (ImGui::GetFrameCount() != last_frame + 1) g_picker.loaded = false;
    last_frame = ImGui::GetFrameCount();
    if (!g_picker.loaded) {
        ws.refresh_scenarios();
        scan_resumable();
        g_picker.loaded = true;
    }
    const auto& list = ws.scenarios();
    std::vector<int> shown;
    for (int i = 0; i < int(list.size()); ++i) {
        std::string hay = to_lower(list[i].id + " " + list[i].title + " " + list[i].difficulty);
        if (hay.find(to_lower(trim(g_picker.filter))) != std::string::npos) shown.push_back(i);
    }

    ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
    ImGui::TextUnformatted("Choose a scenario");
    ImGui::PopStyleColor();
    ImGui::TextColored(kDim, "Type to filter, Enter starts the first match; arrows and Space "
                             "move through the list.");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
    if (g_picker.focus_filter) {
        ImGui::SetKeyboardFocusHere();
        g_picker.focus_filter = false;
    }
    bool enter = ImGui::InputTextWithHint("##filter", "filter scenarios", &g_picker.filter,
                                          ImGuiInputTextFlags_EnterReturnsTrue);
    if (enter && !shown.empty()) {
        start(ws, list[shown.front()].path);
        return;
    }
    ImGui::SameLine();
    ImGui::TextColored(kDim, "Mode:");
    ImGui::SameLine();
    if (ImGui::RadioButton("Practice", ws.settings.mode == "practice"))
        ws.settings.mode = "practice";
    ImGui::SameLine();
    if (ImGui::RadioButton("Assessment", ws.settings.mode == "assessment"))
        ws.settings.mode = "assessment";
    ImGui::SameLine();
    ImGui::TextColored(kDim, ws.settings.mode == "practice"
                                 ? "(hints and immediate feedback)"
                                 : "(no hints, feedback only at the end)");
    // The other ways in: the knowledge check, and the instructors' tools.
    const float right = ImGui::GetFontSize() * 31;
    ImGui::SameLine(std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - right));
    if (ImGui::Button("Knowledge check")) ws.windows.quiz = true;
    ImGui::SameLine();
    if (ImGui::Button("Author a scenario")) ws.windows.author = true;
    ImGui::SameLine();
    if (ImGui::Button("Grade a cohort")) ws.windows.cohort = true;
    ImGui::Separator();

    const float list_w = ImGui::GetContentRegionAvail().x * 0.38f;
    if (ImGui::BeginChild("picker_list", ImVec2(list_w, 0), true)) {
        if (list.empty())
            ImGui::TextWrapped("No scenarios in %s.", default_scenarios_dir().c_str());
        for (int i : shown) {
            const auto& s = list[i];
            ImGui::PushID(i);
            std::string label = s.valid ? s.title : s.id + " (invalid)";
            if (ImGui::Selectable(label.c_str(), g_picker.selected == i,
                                  ImGuiSelectableFlags_AllowDoubleClick)) {
                g_picker.selected = i;
                if (ImGui::IsMouseDoubleClicked(0) && s.valid) start(ws, s.path);
            }
            if (ImGui::IsItemFocused()) g_picker.selected = i;
            ImGui::TextColored(kDim, "   %s  |  %s  |  %d min", s.id.c_str(), s.difficulty.c_str(),
                               s.estimated_minutes);
            ImGui::PopID();
        }
        if (!g_picker.resumable.empty()) {
            ImGui::Spacing();
            panel_header("Resume an unfinished session");
            for (const auto& r : g_picker.resumable) {
                std::string label = r.scenario_id + " (" + std::to_string(r.actions) +
                                    " actions, started " + r.started + ")";
                if (ImGui::Selectable(label.c_str()) && ws.resume(r.path)) ws.want_picker = false;
            }
        }
        ImGui::Spacing();
        ImGui::TextColored(kDim, "Open a scenario file:");
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputTextWithHint("##open", "path/to/scenario.toml", &g_picker.open_path,
                                     ImGuiInputTextFlags_EnterReturnsTrue))
            start(ws, g_picker.open_path);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("picker_detail", ImVec2(0, 0), true)) {
        if (g_picker.selected >= 0 && g_picker.selected < int(list.size())) {
            const auto& s = list[g_picker.selected];
            ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
            ImGui::TextWrapped("%s", s.title.c_str());
            ImGui::PopStyleColor();
            field("Difficulty:", s.difficulty);
            field("Estimated time:", std::to_string(s.estimated_minutes) + " minutes");
            field("File:", s.path);
            ImGui::Spacing();
            ImGui::TextWrapped("%s", s.summary.c_str());
            ImGui::Spacing();
            ImGui::TextColored(kDim, "Objectives");
            for (const auto& o : s.objectives) ImGui::BulletText("%s", o.c_str());
            if (!s.valid) ImGui::TextColored(kBad, "%s", s.first_error.c_str());
            ImGui::Spacing();
            ImGui::BeginDisabled(!s.valid);
            if (ImGui::Button("Start scenario")) start(ws, s.path);
            ImGui::EndDisabled();
        }
        if (ws.has_session()) {
            ImGui::Spacing();
            if (ImGui::Button("Back to the current session")) ws.want_picker = false;
        }
        if (!ws.load_error().empty()) ImGui::TextColored(kBad, "%s", ws.load_error().c_str());
    }
    ImGui::EndChild();
}

} // namespace alertdrill::gui
