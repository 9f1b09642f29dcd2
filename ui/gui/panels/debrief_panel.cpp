// The debrief: score by workflow step as a bar chart, every point lost with its explanation,
// the expert path beside the trainee's, and time to contain against the target.
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <fmt/format.h>
#include <imgui.h>

namespace alertdrill::gui {

namespace {

void bar_chart(const Score& sc) {
    const float w = ImGui::GetContentRegionAvail().x;
    const float row_h = ImGui::GetTextLineHeightWithSpacing() * 1.3f;
    const float label_w = ImGui::CalcTextSize("Containment and remediation ").x;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (int i = 0; i < kStepCount; ++i) {
        const PhaseScore& p = sc.phases[i];
        ImVec2 pos = ImGui::GetCursorScreenPos();
        ImGui::TextUnformatted(std::string(step_title(Step(i))).c_str());
        const float x0 = pos.x + label_w, x1 = pos.x + w - ImGui::GetFontSize() * 6;
        const float y0 = pos.y + 2, y1 = pos.y + row_h - 6;
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x1, y1), IM_COL32(40, 44, 52, 255), 2.0f);
        float frac = p.max > 0 ? float(p.earned) / float(p.max) : 0.0f;
        dl->AddRectFilled(ImVec2(x0, y0), ImVec2(x0 + (x1 - x0) * frac, y1),
                          ImGui::GetColorU32(step_color(Step(i))), 2.0f);
        std::string txt = fmt::format("{} / {}", p.earned, p.max);
        dl->AddText(ImVec2(x1 + 8, pos.y), ImGui::GetColorU32(ImGuiCol_Text), txt.c_str());
        ImGui::SetCursorScreenPos(ImVec2(pos.x, pos.y + row_h));
    }
    ImGui::Dummy(ImVec2(w, 1));
}

/// The minute each expert action would start if taken back to back from minute 0.
std::vector<int> expert_minutes(const Workspace& ws, const std::vector<std::string>& path) {
    std::vector<int> out;
    int at = 0;
    for (const auto& line : path) {
        out.push_back(at);
        auto sp = line.find(' ');
        std::string action = line.substr(0, sp);
        std::string target = sp == std::string::npos ? "" : line.substr(sp + 1);
        at += std::max(0, action_cost(ws, action, target));
    }
    return out;
}

} // namespace

void draw_debrief(Workspace& ws) {
    const Session& s = ws.session();
    const Score& sc = ws.score();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::floor(avail.x * 0.5f);
    if (ImGui::BeginChild("debrief_left", ImVec2(left_w, 0), true)) {
        panel_header("Debrief", s.scenario().title.c_str());
        ImGui::SetWindowFontScale(1.8f);
        ImGui::TextColored(sc.total >= 70   ? kGood
                           : sc.total >= 50 ? kWarn
                                            : kBad,
                           "%d / 100", sc.total);
        ImGui::SetWindowFontScale(1.0f);
        if (sc.time_to_contain_min)
            ImGui::TextColored(*sc.time_to_contain_min <= sc.contain_target_min ? kGood : kBad,
                               "Contained after %d minutes (target %d)", *sc.time_to_contain_min,
                               sc.contain_target_min);
        else
            ImGui::TextColored(kBad, "Never contained (target %d minutes)", sc.contain_target_min);
        ImGui::TextColored(kDim, "Data lost %.1f MB  |  hints used %d", sc.data_lost_mb,
                           sc.hints_used);
        ImGui::Spacing();
        bar_chart(sc);
        ImGui::Spacing();
        panel_header("Every point lost, and why");
        if (sc.feedback.empty()) ImGui::TextColored(kGood, "No points lost.");
        for (const auto& f : sc.feedback) {
            ImGui::TextColored(f.points < 0 ? kBad : kGood, "%+d", f.points);
            ImGui::SameLine();
            ImGui::TextColored(step_color(f.step), "[%s]", std::string(step_id(f.step)).c_str());
            ImGui::SameLine();
            ImGui::TextWrapped("%s", f.text.c_str());
        }
        ImGui::Spacing();
        if (ImGui::Button("Back to the scenario picker")) ws.want_picker = true;
    }
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("debrief_right", ImVec2(0, 0), true)) {
        panel_header("Expert path beside yours");
        const auto& mine = s.history();
        const std::vector<int> expert_at = expert_minutes(ws, sc.expert_path);
        const float table_h = ImGui::GetContentRegionAvail().y * 0.55f;
        const ImGuiTableFlags f =
            ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV;
        if (ImGui::BeginTable("paths", 2, f, ImVec2(0, table_h))) {
            ImGui::TableSetupScrollFreeze(0, 1);
            ImGui::TableSetupColumn("Expert (back to back)");
            ImGui::TableSetupColumn("You (minute: action)");
            ImGui::TableHeadersRow();
            const size_t n = std::max(sc.expert_path.size(), mine.size());
            for (size_t i = 0; i < n; ++i) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                if (i < sc.expert_path.size()) {
                    const std::string& e = sc.expert_path[i];
                    bool matched = false;
                    // Report lines match on the field, not the wording.
                    const bool report = e.rfind("report_", 0) == 0;
                    for (const auto& r : mine)
                        matched |= report ? e.rfind(r.action + " ", 0) == 0 : r.line == e;
                    ImGui::TextColored(matched ? kGood : kDim, "T+%-3d %s", expert_at[i],
                                       e.c_str());
                }
                ImGui::TableNextColumn();
                if (i < mine.size()) ImGui::Text("T+%-3d %s", mine[i].at_min, mine[i].line.c_str());
            }
            ImGui::EndTable();
        }
        panel_header("Timeline");
        draw_timeline(ws, &expert_at);
    }
    ImGui::EndChild();
}

} // namespace alertdrill::gui
