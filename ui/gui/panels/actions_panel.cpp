// Actions: the catalog grouped by workflow step, searchable, each with its one-line description,
// a target picker and its cost in simulated minutes, shown before it is taken.
#include "alertdrill/text.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace alertdrill::gui {

namespace {

std::string g_search;
int g_wait_minutes = 15;

const char* entity_type_for(TargetKind k) {
    switch (k) {
    case TargetKind::Ip:
        return "ip";
    case TargetKind::Account:
        return "account";
    case TargetKind::Process:
        return "process";
    case TargetKind::File:
        return "file";
    default:
        return nullptr;
    }
}

/// Candidates for the target picker: resources, alerts, or entity values seen so far.
std::vector<std::string> candidates(const Session& s, const ActionDef& a) {
    std::vector<std::string> out;
    if (a.target == TargetKind::Resource) {
        for (const auto& r : s.scenario().resources)
            if (a.resource_kinds.empty() ||
                std::find(a.resource_kinds.begin(), a.resource_kinds.end(), r.kind) !=
                    a.resource_kinds.end())
                out.push_back(r.id);
    } else if (a.target == TargetKind::Alert) {
        for (const auto& st : s.alerts()) out.push_back(s.alert_def(st).id);
    } else if (const char* type = entity_type_for(a.target)) {
        for (const auto& st : s.alerts())
            for (const auto& e : s.alert_def(st).entities)
                if (e.type == type || (a.target == TargetKind::File && e.type == "filehash"))
                    if (std::find(out.begin(), out.end(), e.value) == out.end())
                        out.push_back(e.value);
    }
    return out;
}

void draw_target_picker(Workspace& ws, const ActionDef& a) {
    const Session& s = ws.session();
    if (a.target == TargetKind::None) return;
    auto cands = candidates(s, a);
    if (ws.action_target.empty() && !cands.empty()) {
        // Start from what the trainee is looking at.
        for (const auto& c : cands)
            if (c == ws.selected_alert || c == ws.selected_resource) ws.action_target = c;
        if (ws.action_target.empty()) ws.action_target = cands.front();
    }
    ImGui::TextColored(kDim, "Target (%s)", std::string(target_kind_name(a.target)).c_str());
    ImGui::SetNextItemWidth(-1);
    if (a.target == TargetKind::Text) {
        ImGui::InputTextMultiline("##target", &ws.action_target,
                                  ImVec2(-1, ImGui::GetTextLineHeight() * 3));
        return;
    }
    if (a.target == TargetKind::Resource || a.target == TargetKind::Alert) {
        if (ImGui::BeginCombo("##target", ws.action_target.c_str())) {
            for (const auto& c : cands)
                if (ImGui::Selectable(c.c_str(), c == ws.action_target)) ws.action_target = c;
            ImGui::EndCombo();
        }
        return;
    }
    ImGui::InputTextWithHint("##target", "type a value or pick one", &ws.action_target);
    for (const auto& c : cands) {
        if (link(c)) ws.action_target = c;
        ImGui::SameLine();
    }
    ImGui::NewLine();
}

void draw_selected(Workspace& ws) {
    const ActionDef* a = ws.catalog().find(ws.selected_action);
    if (!a) {
        ImGui::TextColored(kDim, "Select an action to see what it does and take it.");
        return;
    }
    ImGui::PushStyleColor(ImGuiCol_Text, step_color(a->step));
    ImGui::TextWrapped("%s", a->name.c_str());
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", a->description.c_str());
    draw_target_picker(ws, *a);
    std::string target = trim(ws.action_target);
    std::string line = a->target == TargetKind::None ? a->id : a->id + " " + target;
    int cost = action_cost(ws, a->id, a->target == TargetKind::None ? "" : target);
    ImGui::BeginDisabled(a->target != TargetKind::None && target.empty());
    if (ImGui::Button(fmt::format("Take action: costs {} min", cost).c_str())) ws.send(line);
    ImGui::EndDisabled();
    if (a->destructive) {
        ImGui::SameLine();
        ImGui::TextColored(kWarn, "destructive");
    }
}

} // namespace

int action_cost(const Workspace& ws, const std::string& action, const std::string& target) {
    const ActionDef* a = ws.catalog().find(action);
    if (!a) return -1;
    const Response* any = nullptr;
    for (const auto& r : ws.session().scenario().responses) {
        if (r.action != a->id) continue;
        if (!r.target.empty() && iequals(r.target, target)) return r.minutes.value_or(a->minutes);
        if (r.target.empty() && !any) any = &r;
    }
    return any && any->minutes ? *any->minutes : a->minutes;
}

void draw_actions(Workspace& ws) {
    const Session& s = ws.session();
    panel_header("Actions", fmt::format("clock T+{} min", s.now_min()).c_str());
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##actsearch", "search actions", &g_search);
    // The selected action's detail below the list; on small windows the list keeps half.
    const float detail_h = std::min(ImGui::GetTextLineHeightWithSpacing() * 9.5f,
                                    ImGui::GetContentRegionAvail().y * 0.5f);
    if (ImGui::BeginChild("action_list", ImVec2(0, ImGui::GetContentRegionAvail().y - detail_h))) {
        const std::string q = to_lower(trim(g_search));
        for (int si = 0; si < kStepCount; ++si) {
            Step step = Step(si);
            std::vector<const ActionDef*> shown;
            for (const auto& a : ws.catalog().actions())
                if (a.step == step &&
                    (q.empty() || to_lower(a.name + " " + a.id + " " + a.description).find(q) !=
                                      std::string::npos))
                    shown.push_back(&a);
            if (shown.empty()) continue;
            ImGui::PushStyleColor(ImGuiCol_Text, step_color(step));
            const ActionDef* sel = ws.catalog().find(ws.selected_action);
            if (ws.scroll_to_action && sel && sel->step == step) ImGui::SetNextItemOpen(true);
            bool open = ImGui::CollapsingHeader(std::string(step_title(step)).c_str(),
                                                si < 3 ? ImGuiTreeNodeFlags_DefaultOpen : 0);
            ImGui::PopStyleColor();
            if (!open) continue;
            for (const ActionDef* a : shown) {
                std::string label = fmt::format("{}##{}", a->name, a->id);
                if (ImGui::Selectable(label.c_str(), ws.selected_action == a->id)) {
                    if (ws.selected_action != a->id) ws.action_target.clear();
                    ws.selected_action = a->id;
                }
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a->description.c_str());
                if (ws.scroll_to_action && ws.selected_action == a->id) {
                    ImGui::SetScrollHereY(0.5f);
                    ws.scroll_to_action = false;
                }
                ImGui::SameLine(ImGui::GetWindowContentRegionMax().x -
                                ImGui::CalcTextSize("000 min").x);
                ImGui::TextColored(kDim, "%3d min", a->minutes);
            }
        }
    }
    ImGui::EndChild();
    ImGui::Separator();
    draw_selected(ws);
    ImGui::Separator();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 5);
    ImGui::InputInt("##wait", &g_wait_minutes, 5, 15);
    g_wait_minutes = std::clamp(g_wait_minutes, 1, 1440);
    ImGui::SameLine();
    if (ImGui::Button("Wait")) ws.send(fmt::format("wait {}", g_wait_minutes));
    ImGui::SameLine();
    ImGui::BeginDisabled(s.mode() != Mode::Practice);
    if (ImGui::Button(fmt::format("Hint (-{} pts)", s.scenario().scoring.hint_cost).c_str()))
        ws.send("hint");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("End session")) ws.send("end");
}

} // namespace alertdrill::gui
