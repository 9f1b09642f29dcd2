// The alert queue: alerts grouped by incident, severity colours, simulated time, status.
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <fmt/format.h>
#include <imgui.h>
#include <map>

namespace alertdrill::gui {

namespace {

void alert_row(Workspace& ws, const AlertState& st) {
    const Session& s = ws.session();
    const AlertDef& d = s.alert_def(st);
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::PushID(d.id.c_str());
    bool selected = ws.selected_alert == d.id;
    // A suppressed alert is greyed and names its rule: the trainee sees what a rule hides.
    const bool suppressed = !st.suppressed_by.empty();
    if (suppressed) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.55f);
    ImGui::PushStyleColor(ImGuiCol_Text, suppressed ? kDim : severity_color(d.severity));
    if (ImGui::Selectable(std::string(severity_name(d.severity)).c_str(), selected,
                          ImGuiSelectableFlags_SpanAllColumns))
        ws.selected_alert = d.id;
    ImGui::PopStyleColor();
    if (ImGui::IsItemFocused() && !selected) ws.selected_alert = d.id;
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(clock_text(s.scenario().start_utc_s, st.released_min).c_str());
    ImGui::TableNextColumn();
    if (suppressed)
        ImGui::TextColored(kDim, "%s", d.display_name.c_str());
    else
        ImGui::TextUnformatted(d.display_name.c_str());
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s on %s%s", d.id.c_str(), d.resource.c_str(),
                          suppressed ? " (dismissed by a suppression rule)" : "");
    ImGui::TableNextColumn();
    if (suppressed) {
        ImGui::TextColored(kDim, "Suppressed: %s", st.suppressed_by.c_str());
        ImGui::PopStyleVar();
        ImGui::PopID();
        return;
    }
    ImVec4 sc = st.status == AlertStatus::Active       ? kWarn
                : st.status == AlertStatus::InProgress ? kAccent
                                                       : kDim;
    ImGui::TextColored(sc, "%s", std::string(alert_status_name(st.status)).c_str());
    ImGui::PopID();
}

} // namespace

void draw_alert_queue(Workspace& ws) {
    const Session& s = ws.session();
    std::string right =
        s.suppressed().empty()
            ? fmt::format("{} alerts", s.alerts().size())
            : fmt::format("{} alerts, {} suppressed", s.alerts().size(), s.suppressed().size());
    panel_header("Alert queue", right.c_str());
    // Incident order follows the first alert of each; alerts without one come last.
    std::vector<std::string> order;
    std::map<std::string, std::vector<const AlertState*>> groups;
    for (const auto& st : s.alerts()) {
        const std::string& inc = s.alert_def(st).incident;
        if (!groups.count(inc) && !inc.empty()) order.push_back(inc);
        groups[inc].push_back(&st);
    }
    if (groups.count("")) order.push_back("");
    if (s.alerts().empty()) ImGui::TextColored(kDim, "No alerts yet.");
    const ImGuiTableFlags tf =
        ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings;
    for (const auto& inc : order) {
        std::string title = "No incident";
        if (!inc.empty()) {
            title = inc;
            for (const auto& i : s.scenario().incidents)
                if (i.id == inc) title = i.title;
        }
        std::string label = fmt::format("{} ({})##{}", title, groups[inc].size(), inc);
        if (!ImGui::TreeNodeEx(label.c_str(), ImGuiTreeNodeFlags_DefaultOpen |
                                                  ImGuiTreeNodeFlags_SpanAvailWidth |
                                                  ImGuiTreeNodeFlags_NoTreePushOnOpen))
            continue;
        if (ImGui::BeginTable(("q_" + inc).c_str(), 4, tf)) {
            ImGui::TableSetupColumn("Severity");
            ImGui::TableSetupColumn("Time");
            ImGui::TableSetupColumn("Alert", ImGuiTableColumnFlags_WidthStretch);
            ImGui::TableSetupColumn("Status");
            for (const AlertState* st : groups[inc]) alert_row(ws, *st);
            ImGui::EndTable();
        }
    }
}

} // namespace alertdrill::gui
