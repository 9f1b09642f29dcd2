// The incident report form: one field per report section, each saved with its report_<field>
// action, then submit_report.
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>
#include <map>

namespace alertdrill::gui {

namespace {

std::map<std::string, std::string> g_drafts;

std::string one_line(std::string s) {
    for (char& c : s)
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
    return s;
}

const char* field_title(const std::string& id) {
    if (id == "attack_vector") return "Attack vector: how did the attacker get in?";
    if (id == "root_cause") return "Root cause: what weakness made it possible?";
    if (id == "prevention") return "Prevention: what stops it happening again?";
    if (id == "action_taken") return "Actions taken: containment and remediation";
    if (id == "data_exposure") return "Data exposure: what was accessed or lost?";
    return id.c_str();
}

} // namespace

void draw_report_form(Workspace& ws) {
    const Session& s = ws.session();
    const auto& saved = s.report();
    for (const auto& id : report_field_ids()) {
        ImGui::PushID(id.c_str());
        auto it = saved.find(id);
        auto& draft = g_drafts[id];
        if (draft.empty() && it != saved.end()) draft = it->second;
        ImGui::TextColored(it != saved.end() ? kGood : kDim, "%s", field_title(id));
        ImGui::InputTextMultiline(
            "##text", &draft,
            ImVec2(-ImGui::GetFontSize() * 4.5f, ImGui::GetTextLineHeight() * 2.4f));
        ImGui::SameLine();
        std::string line = one_line(draft);
        bool changed = it == saved.end() || it->second != line;
        ImGui::BeginDisabled(line.empty() || !changed);
        if (ImGui::Button(changed ? "Save" : "Saved")) ws.send("report_" + id + " " + line);
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    const bool submitted = s.done("submit_report");
    ImGui::BeginDisabled(submitted);
    if (action_button(submitted ? "Report submitted" : "Submit report",
                      action_cost(ws, "submit_report", "")))
        ws.send("submit_report");
    ImGui::EndDisabled();
}

} // namespace alertdrill::gui
