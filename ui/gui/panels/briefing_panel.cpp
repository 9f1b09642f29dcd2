// The briefing: what the trainee is told before the clock starts.
#include "gui/input.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <GLFW/glfw3.h>
#include <imgui.h>

namespace alertdrill::gui {

void draw_briefing(Workspace& ws) {
    const Session& s = ws.session();
    const ScenarioDef& d = s.scenario();
    const float w = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 48);
    ImGui::SetCursorPosX((ImGui::GetWindowWidth() - w) * 0.5f);
    if (ImGui::BeginChild("briefing", ImVec2(w, 0), true)) {
        panel_header("Briefing", datetime_text(d.start_utc_s).c_str());
        ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
        ImGui::TextWrapped("%s", d.title.c_str());
        ImGui::PopStyleColor();
        ImGui::TextColored(kDim, "%s  |  about %d minutes  |  %s mode", d.difficulty.c_str(),
                           d.estimated_minutes, std::string(mode_name(s.mode())).c_str());
        ImGui::Spacing();
        ImGui::TextWrapped("%s", d.briefing.c_str());
        ImGui::Spacing();
        ImGui::TextColored(kDim, "Objectives");
        for (const auto& o : d.objectives) ImGui::BulletText("%s", o.c_str());
        ImGui::Spacing();
        ImGui::TextColored(kDim, "Workflow");
        ImGui::TextWrapped("Cloud context -> threat analysis -> containment and remediation -> "
                           "posture improvement -> documentation. Every action costs simulated "
                           "minutes; the attacker keeps moving while you work.");
        if (s.mode() == Mode::Assessment)
            ImGui::TextColored(kWarn, "Assessment mode: no hints; feedback only at the end.");
        else
            ImGui::TextColored(kGood,
                               "Practice mode: hints (each costs %d points) and "
                               "immediate feedback on harmful actions.",
                               d.scoring.hint_cost);
        ImGui::Spacing();
        if (ImGui::Button("Begin investigation (Enter)") ||
            (!ImGui::GetIO().WantTextInput && take_key(GLFW_KEY_ENTER, 0))) {
            ws.send_begin();
            ws.focus_command = true;
        }
        ImGui::SetItemDefaultFocus();
    }
    ImGui::EndChild();
}

} // namespace alertdrill::gui
