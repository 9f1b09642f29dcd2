// The message log (outcomes, alerts and attacker moves as they happen, refusals, practice
// feedback) and the command line, which takes the same lines as the terminal player.
#include "gui/fonts.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

namespace alertdrill::gui {

void draw_log(Workspace& ws) {
    const Session& s = ws.session();
    const float cmd_h = ImGui::GetFrameHeightWithSpacing();
    if (ImGui::BeginChild("log_lines", ImVec2(0, ImGui::GetContentRegionAvail().y - cmd_h))) {
        for (const auto& l : ws.log()) {
            ImVec4 c = l.kind == LogLine::Kind::Error      ? kBad
                       : l.kind == LogLine::Kind::Happened ? kWarn
                       : l.kind == LogLine::Kind::Feedback
                           ? ImVec4(1.0f, 0.55f, 0.8f, 1.0f)
                           : ImGui::GetStyleColorVec4(ImGuiCol_Text);
            ImGui::TextColored(kDim, "%s", clock_text(s.scenario().start_utc_s, l.at_min).c_str());
            ImGui::SameLine();
            ImGui::PushStyleColor(ImGuiCol_Text, c);
            ImGui::TextWrapped("%s", l.text.c_str());
            ImGui::PopStyleColor();
        }
        if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1) ImGui::SetScrollHereY(1.0f);
    }
    ImGui::EndChild();
    ImGui::PushFont(mono_font());
    ImGui::TextColored(kAccent, ">");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(-1);
    if (ws.focus_command) {
        ImGui::SetKeyboardFocusHere();
        ws.focus_command = false;
    }
    if (ImGui::InputTextWithHint("##command",
                                 "type a command, e.g. review_alert_details a1 "
                                 "(Ctrl+L focuses here)",
                                 &ws.command_text, ImGuiInputTextFlags_EnterReturnsTrue)) {
        if (!ws.command_text.empty()) ws.send(ws.command_text);
        ws.command_text.clear();
        ws.focus_command = true;
    }
    ImGui::PopFont();
}

} // namespace alertdrill::gui
