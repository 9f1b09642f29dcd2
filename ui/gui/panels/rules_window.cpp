// The suppression rules window: the session's rules with state, expiry and hits (disable, enable,
// delete, edit), the form (rules_form.cpp), the audit of suppressed alerts and the rules'
// Activity Log. Every change is a command through Workspace::send, as typed in the terminal.
#include "alertdrill/suppression.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/rules_form.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <fmt/format.h>
#include <imgui.h>

namespace alertdrill::gui {

namespace {

RuleForm g_form;

ImVec4 state_color(const std::string& state) {
    return state == "Enabled" ? kGood : state == "Expired" ? kWarn : kDim;
}

void draw_rule_table(Workspace& ws) {
    const Session& s = ws.session();
    const bool live = s.state() != SessionState::Debrief;
    if (s.suppression_rules().empty()) {
        ImGui::TextColored(kDim, "No suppression rules yet. Fill in the form below to create one; "
                                 "simulate it first to see what it would hide.");
        return;
    }
    if (!ImGui::BeginTable("rules", 7, kListTable)) return;
    table_column("Name", 9);
    table_column("State", 4);
    table_column("Rule", 0);
    table_column("Hits", 2);
    table_column("Expires", 5);
    table_column("Made by", 10);
    table_column("", 10);
    ImGui::TableHeadersRow();
    for (const auto& r : s.suppression_rules()) {
        ImGui::PushID(r.name.c_str());
        const std::string state = rule_state(r, s.now_utc_s());
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.name.c_str());
        if (!r.comment.empty() && ImGui::IsItemHovered())
            ImGui::SetTooltip("%s", r.comment.c_str());
        ImGui::TableNextColumn();
        ImGui::TextColored(state_color(state), "%s", state.c_str());
        ImGui::TableNextColumn();
        ImGui::TextWrapped("%s", rule_spec_text(r).c_str());
        std::string broad = rule_breadth_problem(r);
        if (!broad.empty()) ImGui::TextColored(kWarn, "over-broad: %s", broad.c_str());
        ImGui::TableNextColumn();
        ImGui::Text("%d", s.rule_hits(r.name));
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(
            r.expires_utc_s ? datetime_text(*r.expires_utc_s).substr(0, 10).c_str() : "never");
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(r.inherited ? "inherited" : r.created_by.c_str());
        ImGui::TableNextColumn();
        ImGui::BeginDisabled(!live);
        if (ImGui::SmallButton("Edit")) g_form.load(r);
        ImGui::SameLine();
        const char* toggle = r.enabled ? "disable" : "enable";
        if (ImGui::SmallButton(r.enabled ? "Disable" : "Enable"))
            ws.send(fmt::format("{}_suppression_rule {}", toggle, r.name));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s_suppression_rule %s (%d min)", toggle, r.name.c_str(),
                              action_cost(ws, std::string(toggle) + "_suppression_rule", r.name));
        ImGui::SameLine();
        ImGui::PushStyleColor(ImGuiCol_Text, kBad);
        if (ImGui::SmallButton("Delete")) ws.send("delete_suppression_rule " + r.name);
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("Alerts it already dismissed stay dismissed (%d min)",
                              action_cost(ws, "delete_suppression_rule", r.name));
        ImGui::EndDisabled();
        ImGui::PopID();
    }
    ImGui::EndTable();
}

void draw_audit(Workspace& ws) {
    const Session& s = ws.session();
    ImGui::TextColored(kDim,
                       "Every alert a rule dismissed; in the query console: %s | where Status == "
                       "\"Dismissed\"",
                       kSuppressionTable);
    if (s.suppressed().empty()) {
        ImGui::TextColored(kDim, "No alert has been suppressed in this session.");
        return;
    }
    if (!ImGui::BeginTable("audit", 6, kListTable)) return;
    table_column("Time", 3);
    table_column("Alert", 7);
    table_column("Name", 0);
    table_column("Severity", 5);
    table_column("Rule", 10);
    table_column("Reason", 11);
    ImGui::TableHeadersRow();
    for (const auto& e : s.suppressed()) {
        const AlertState* st = s.alert(e.alert_id);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(clock_text(s.scenario().start_utc_s, e.at_min).c_str());
        ImGui::TableNextColumn();
        if (link(e.alert_id)) ws.selected_alert = e.alert_id;
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(st ? s.alert_def(*st).display_name.c_str() : "");
        ImGui::TableNextColumn();
        if (st)
            ImGui::TextColored(severity_color(s.alert_def(*st).severity), "%s",
                               std::string(severity_name(s.alert_def(*st).severity)).c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.rule.c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(e.reason.c_str());
    }
    ImGui::EndTable();
}

void draw_activity(Workspace& ws) {
    const Session& s = ws.session();
    ImGui::TextColored(kDim, "Rule writes and deletes as the Activity Log keeps them (%s).",
                       kActivityTable);
    if (s.rule_activity().empty()) {
        ImGui::TextColored(kDim, "No rule has been changed in this session.");
        return;
    }
    for (const auto& a : s.rule_activity())
        ImGui::TextWrapped("%s  %-6s  %s  %s",
                           clock_text(s.scenario().start_utc_s, a.at_min).c_str(),
                           a.operation.c_str(), a.caller.c_str(), a.summary.c_str());
}

void dump_state(Workspace& ws) {
    const Session& s = ws.session();
    nlohmann::json rules = nlohmann::json::array(), suppressed = nlohmann::json::array();
    for (const auto& r : s.suppression_rules())
        rules.push_back({{"name", r.name},
                         {"state", rule_state(r, s.now_utc_s())},
                         {"hits", s.rule_hits(r.name)},
                         {"spec", rule_spec_text(r)}});
    for (const auto& e : s.suppressed())
        suppressed.push_back({{"alert", e.alert_id}, {"rule", e.rule}, {"at_min", e.at_min}});
    auto& out = (*ws.state_dump)["rules"];
    out["rules"] = rules;
    out["suppressed"] = suppressed;
}

} // namespace

void draw_rules_window(Workspace& ws) {
    if (!ws.windows.rules) return;
    if (!begin_tool_window("Suppression rules", &ws.windows.rules, ImVec2(920, 720),
                           ImVec2(120, 80)))
        return;
    if (!ws.has_session()) {
        ImGui::TextWrapped("Suppression rules belong to a session: start a scenario first.");
        ImGui::End();
        return;
    }
    if (ws.state_dump) dump_state(ws);
    const Session& s = ws.session();
    std::string tab_audit = fmt::format("Suppressed alerts ({})###audit", s.suppressed().size());
    if (ImGui::BeginTabBar("rules_tabs")) {
        if (ImGui::BeginTabItem("Rules")) {
            draw_rule_table(ws);
            ImGui::Spacing();
            draw_rule_form(ws, g_form);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem(tab_audit.c_str())) {
            draw_audit(ws);
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Activity log")) {
            draw_activity(ws);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

} // namespace alertdrill::gui
