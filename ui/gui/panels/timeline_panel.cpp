// Timeline: alerts, the trainee's actions and the attacker's moves on one simulated time axis.
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <algorithm>
#include <imgui.h>
#include <vector>

namespace alertdrill::gui {

namespace {

ImVec4 kind_color(TimelineEntry::Kind k) {
    switch (k) {
    case TimelineEntry::Kind::Alert:
        return kWarn;
    case TimelineEntry::Kind::Action:
        return kAccent;
    case TimelineEntry::Kind::Attacker:
        return kBad;
    }
    return kDim;
}

const char* kind_name(TimelineEntry::Kind k) {
    switch (k) {
    case TimelineEntry::Kind::Alert:
        return "alert";
    case TimelineEntry::Kind::Action:
        return "you";
    case TimelineEntry::Kind::Attacker:
        return "attacker";
    }
    return "";
}

/// A horizontal axis from minute 0 to the clock, one tick per entry, three lanes (four with the
/// expert's actions: their minutes if taken back to back from minute 0).
void draw_axis(const Session& s, const std::vector<int>* expert_at) {
    const int lanes = expert_at ? 4 : 3;
    const float h = ImGui::GetTextLineHeight() * 1.07f * float(lanes);
    const float w = ImGui::GetContentRegionAvail().x;
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    int end = std::max({s.now_min(), s.scenario().scoring.contain_target_min, 10});
    if (expert_at && !expert_at->empty()) end = std::max(end, expert_at->back());
    auto x_of = [&](int m) { return p.x + 4 + (w - 8) * float(m) / float(end); };
    const float lane = h / float(lanes);
    dl->AddRectFilled(p, ImVec2(p.x + w, p.y + h), IM_COL32(20, 22, 28, 255), 3.0f);
    float tx = x_of(s.scenario().scoring.contain_target_min);
    dl->AddLine(ImVec2(tx, p.y), ImVec2(tx, p.y + h), IM_COL32(120, 200, 120, 160), 1.0f);
    for (const auto& e : s.timeline()) {
        int ln = e.kind == TimelineEntry::Kind::Alert    ? 0
                 : e.kind == TimelineEntry::Kind::Action ? 1
                                                         : 2;
        float x = x_of(e.at_min);
        float y = p.y + lane * ln + lane * 0.5f;
        dl->AddCircleFilled(ImVec2(x, y), lane * 0.28f, ImGui::GetColorU32(kind_color(e.kind)));
    }
    if (expert_at)
        for (int m : *expert_at)
            dl->AddCircleFilled(ImVec2(x_of(m), p.y + lane * 3.5f), lane * 0.28f,
                                ImGui::GetColorU32(kGood));
    if (s.contained_at()) {
        float cx = x_of(*s.contained_at());
        dl->AddLine(ImVec2(cx, p.y), ImVec2(cx, p.y + h), IM_COL32(90, 160, 255, 220), 2.0f);
    }
    ImGui::Dummy(ImVec2(w, h));
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Lanes: alerts, your actions, the attacker%s. Green line: "
                          "containment target (minute %d); blue line: contained.",
                          expert_at ? ", the expert path" : "",
                          s.scenario().scoring.contain_target_min);
}

} // namespace

void draw_timeline(Workspace& ws, const std::vector<int>* expert_at) {
    const Session& s = ws.session();
    draw_axis(s, expert_at);
    auto entries = s.timeline();
    std::stable_sort(entries.begin(), entries.end(),
                     [](const auto& a, const auto& b) { return a.at_min < b.at_min; });
    const ImGuiTableFlags f =
        ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (!ImGui::BeginTable("timeline", 3, f)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Time");
    ImGui::TableSetupColumn("Who");
    ImGui::TableSetupColumn("What", ImGuiTableColumnFlags_WidthStretch);
    ImGui::TableHeadersRow();
    for (const auto& e : entries) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%s T+%d", clock_text(s.scenario().start_utc_s, e.at_min).c_str(), e.at_min);
        ImGui::TableNextColumn();
        ImGui::TextColored(kind_color(e.kind), "%s", kind_name(e.kind));
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", e.text.c_str());
    }
    if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 1) ImGui::SetScrollHereY(1.0f);
    ImGui::EndTable();
}

} // namespace alertdrill::gui
