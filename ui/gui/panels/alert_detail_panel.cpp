// Alert detail: every anatomy field of the module's table (name, severity, affected resource,
// resource group and subscription, tactics, intent, description, remediation, entities). The
// full anatomy shows once the trainee has reviewed the alert; entities are pivots.
#include "alertdrill/text.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <fmt/format.h>
#include <imgui.h>

namespace alertdrill::gui {

namespace {

void triage_button(Workspace& ws, const char* label, const char* action, const std::string& id) {
    ImGui::SameLine();
    int cost = action_cost(ws, action, id);
    if (ImGui::SmallButton(label)) ws.send(std::string(action) + " " + id);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s %s (%d min)", action, id.c_str(), cost);
}

void entity_pivot(Workspace& ws, const Entity& e) {
    const ScenarioDef& d = ws.session().scenario();
    const Resource* res = d.resource(e.value);
    if (!res)
        for (const auto& r : d.resources)
            if (iequals(r.name, e.value)) res = &r;
    ImGui::TextColored(kDim, "%-14s", e.type.c_str());
    ImGui::SameLine();
    ImGui::PushID(&e);
    if (link(e.value)) {
        if (res)
            ws.selected_resource = res->id;
        else
            ws.evidence.set_filter(e.value);
    }
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(res ? "Open the resource context"
                              : "Filter the evidence rows mentioning it");
    ImGui::PopID();
}

} // namespace

void draw_alert_detail(Workspace& ws) {
    const Session& s = ws.session();
    const AlertState* st = s.alert(ws.selected_alert);
    panel_header("Alert detail", st ? ws.selected_alert.c_str() : nullptr);
    if (!st) {
        ImGui::TextColored(kDim, "Select an alert in the queue.");
        return;
    }
    const AlertDef& d = s.alert_def(*st);
    const Resource* res = s.scenario().resource(d.resource);
    ImGui::PushStyleColor(ImGuiCol_Text, severity_color(d.severity));
    ImGui::TextWrapped("%s", d.display_name.c_str());
    ImGui::PopStyleColor();
    ImGui::TextColored(kDim, "%s severity  |  %s  |  raised %s  |  %s",
                       std::string(severity_name(d.severity)).c_str(),
                       std::string(alert_status_name(st->status)).c_str(),
                       clock_text(s.scenario().start_utc_s, st->released_min).c_str(),
                       st->classification.empty() ? "unclassified" : st->classification.c_str());
    ImGui::TextColored(kDim, "Affected resource:");
    ImGui::SameLine();
    if (link(d.resource)) ws.selected_resource = d.resource;
    if (!st->suppressed_by.empty())
        ImGui::TextColored(kWarn, "Dismissed on arrival by suppression rule '%s'",
                           st->suppressed_by.c_str());
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::GetFontSize() * 9);
    if (ImGui::SmallButton("Suppression rules...")) ws.windows.rules = true;
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Open the suppression rules (F2); the form can start from this alert");

    const bool reviewed = s.done("review_alert_details", d.id);
    if (!reviewed) {
        ImGui::Spacing();
        ImGui::TextWrapped("Review the alert to read its tactics, description, remediation and "
                           "related entities.");
        if (action_button("Review alert details", action_cost(ws, "review_alert_details", d.id)))
            ws.send("review_alert_details " + d.id);
        return;
    }
    ImGui::TextColored(kDim, "Triage:");
    triage_button(ws, "True positive", "classify_true_positive", d.id);
    triage_button(ws, "False positive", "classify_false_positive", d.id);
    triage_button(ws, "Benign", "classify_benign_positive", d.id);
    triage_button(ws, "Early", "set_stage_early", d.id);
    triage_button(ws, "Mid", "set_stage_mid", d.id);
    triage_button(ws, "Late", "set_stage_late", d.id);
    triage_button(ws, st->linked ? "Linked" : "Link to incident", "link_to_incident", d.id);

    ImGui::TextColored(kDim, "Related entities (click to pivot)");
    for (const auto& e : d.entities) entity_pivot(ws, e);
    if (ImGui::BeginTable("anatomy", 2, ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("k");
        ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
        auto row = [](const char* k, const std::string& v) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextColored(kDim, "%s", k);
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", v.c_str());
        };
        row("Alert type", d.alert_type);
        if (res) {
            row("Resource group", res->resource_group);
            row("Subscription", res->subscription);
        }
        row("MITRE tactics", join(d.tactics, ", "));
        row("Intent", d.intent);
        row("Stage (yours)", st->stage ? std::string(stage_name(*st->stage)) : "not set");
        row("Incident", d.incident.empty() ? "none" : d.incident);
        row("Description", d.description);
        ImGui::EndTable();
    }
    ImGui::TextColored(kDim, "Remediation steps");
    for (const auto& r : d.remediation) ImGui::BulletText("%s", r.c_str());
}

} // namespace alertdrill::gui
