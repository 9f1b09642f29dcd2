// Resource context: environment, exposure, owner, region, subscription, and what the resource
// can reach. Details show only after the matching context action was taken on it.
#include "alertdrill/text.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <imgui.h>

namespace alertdrill::gui {

namespace {

void reveal_button(Workspace& ws, const char* label, const char* action, const std::string& id) {
    if (action_button(label, action_cost(ws, action, id))) ws.send(std::string(action) + " " + id);
}

} // namespace

void draw_resource_context(Workspace& ws) {
    const Session& s = ws.session();
    const ScenarioDef& d = s.scenario();
    panel_header("Resource context");
    ImGui::SetNextItemWidth(-1);
    const Resource* r = d.resource(ws.selected_resource);
    std::string preview = r ? r->id + " (" + r->kind + ")" : "choose a resource";
    if (ImGui::BeginCombo("##resource", preview.c_str())) {
        for (const auto& x : d.resources)
            if (ImGui::Selectable((x.id + " (" + x.kind + ")").c_str(),
                                  x.id == ws.selected_resource))
                ws.selected_resource = x.id;
        ImGui::EndCombo();
    }
    if (!r) return;
    const bool context = s.done("review_resource_context", r->id);
    const bool topology = s.done("review_network_topology", r->id);
    const bool identity = s.done("review_identity_permissions", r->id);
    const bool owner = context || s.done("identify_owner", r->id);
    ImGui::TextColored(kDim, "Name");
    ImGui::SameLine();
    ImGui::TextUnformatted(r->name.c_str());
    if (!context) {
        ImGui::TextWrapped("Not reviewed yet: environment, exposure and region are unknown.");
        reveal_button(ws, "Review resource context", "review_resource_context", r->id);
    } else {
        field("Environment:", r->environment);
        ImGui::TextColored(kDim, "Internet-facing:");
        ImGui::SameLine();
        ImGui::TextColored(r->internet_facing ? kBad : kGood, "%s",
                           r->internet_facing ? "yes" : "no");
        field("Region:", r->region);
        field("Resource group:", r->resource_group);
        std::string sub = r->subscription;
        for (const auto& x : d.subscriptions)
            if (x.id == r->subscription) sub = x.name + " (" + x.id + ")";
        field("Subscription:", sub);
        if (!r->notes.empty()) field("Notes:", r->notes);
    }
    if (owner)
        field("Owner:", r->owner);
    else
        reveal_button(ws, "Identify owner", "identify_owner", r->id);
    if (topology) {
        ImGui::TextColored(kDim, "Can reach:");
        for (const auto& x : r->reaches) {
            ImGui::BulletText("%s", "");
            ImGui::SameLine();
            if (d.resource(x) ? link(x) : (ImGui::TextUnformatted(x.c_str()), false))
                ws.selected_resource = x;
        }
        if (r->reaches.empty()) ImGui::TextColored(kDim, "  nothing beyond its subnet");
    } else {
        reveal_button(ws, "Review network topology", "review_network_topology", r->id);
    }
    if (identity) {
        ImGui::TextColored(kDim, "Identity roles:");
        for (const auto& x : r->identity_roles) ImGui::BulletText("%s", x.c_str());
        if (r->identity_roles.empty()) ImGui::TextColored(kDim, "  no managed identity roles");
    } else {
        reveal_button(ws, "Review identity permissions", "review_identity_permissions", r->id);
    }
    if (!s.done("check_recommendations", r->id))
        reveal_button(ws, "Check recommendations", "check_recommendations", r->id);
}

} // namespace alertdrill::gui
