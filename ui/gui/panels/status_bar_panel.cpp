// The status bar: simulated clock, data lost, hints used, containment.
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <imgui.h>

namespace alertdrill::gui {

void draw_status_bar(Workspace& ws) {
    const Session& s = ws.session();
    const ScenarioDef& d = s.scenario();
    int active = 0;
    for (const auto& a : s.alerts()) active += a.status == AlertStatus::Active;
    ImGui::TextColored(kAccent, "%s", datetime_text(s.now_utc_s()).c_str());
    ImGui::SameLine();
    ImGui::TextColored(kDim, "T+%d / %d min  |", s.now_min(), d.max_minutes);
    ImGui::SameLine();
    ImGui::TextColored(s.data_lost_mb() > 0 ? kBad : kGood, "data lost %.1f MB", s.data_lost_mb());
    ImGui::SameLine();
    ImGui::TextColored(kDim, "|  hints %d  |  %d active alerts  |", s.hints_used(), active);
    ImGui::SameLine();
    if (s.contained_at())
        ImGui::TextColored(kGood, "contained at T+%d (target %d)", *s.contained_at(),
                           d.scoring.contain_target_min);
    else
        ImGui::TextColored(s.now_min() > d.scoring.contain_target_min ? kBad : kWarn,
                           "not contained (target T+%d)", d.scoring.contain_target_min);
    ImGui::SameLine();
    ImGui::TextColored(kDim, "|  %s mode  |  %zu actions", std::string(mode_name(s.mode())).c_str(),
                       s.history().size());
}

} // namespace alertdrill::gui
