// Evidence: the log tables uncovered so far, sortable and filterable, drawn with a list clipper
// over a cached row index (gui/evidence_view.hpp), plus the KQL query box.
#include "gui/fonts.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>

namespace alertdrill::gui {

namespace {

std::string g_shown;   // tab drawn last frame
std::string g_request; // tab a pivot or a new reveal asked for, until the tab bar shows it
const Table* g_sorted_for = nullptr; // the table whose header sort the view last took

void draw_rows(Workspace& ws, const Table& t, uint64_t generation) {
    const int ncol = int(std::min<size_t>(t.columns().size(), 64));
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_RowBg |
                                  ImGuiTableFlags_BordersV | ImGuiTableFlags_Hideable;
    const float query_h = ImGui::GetFrameHeightWithSpacing() * 2;
    ImVec2 size(0, ImGui::GetContentRegionAvail().y - query_h);
    if (ncol == 0 || !ImGui::BeginTable(("ev_" + t.name()).c_str(), ncol, flags, size)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < ncol; ++c) ImGui::TableSetupColumn(t.columns()[c].name().c_str());
    ImGui::TableHeadersRow();
    // One view serves every tab: take the header's sort when it changes or the tab does.
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (specs && (specs->SpecsDirty || g_sorted_for != &t)) {
        g_sorted_for = &t;
        if (specs->SpecsCount > 0)
            ws.evidence.set_sort(specs->Specs[0].ColumnIndex,
                                 specs->Specs[0].SortDirection == ImGuiSortDirection_Descending);
        else
            ws.evidence.set_sort(-1, false);
        specs->SpecsDirty = false;
    }
    ws.evidence.update(&t, generation);
    const auto& rows = ws.evidence.rows();
    ImGui::PushFont(mono_font());
    ImGuiListClipper clipper;
    clipper.Begin(int(rows.size()));
    while (clipper.Step()) {
        for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
            const size_t r = rows[i];
            ImGui::TableNextRow();
            for (int c = 0; c < ncol; ++c) {
                ImGui::TableSetColumnIndex(c);
                const Column& col = t.columns()[c];
                if (col.type() == ColumnType::String) {
                    std::string_view v = col.is_null(r) ? std::string_view() : col.str(r);
                    ImGui::TextUnformatted(v.data(), v.data() + v.size());
                } else {
                    ImGui::TextUnformatted(col.display(r).c_str());
                }
            }
        }
    }
    ImGui::PopFont();
    if (ws.evidence.scroll_request >= 0.0f) {
        ImGui::SetScrollY(ws.evidence.scroll_request * ImGui::GetScrollMaxY());
        ws.evidence.scroll_request = -1.0f;
    }
    ImGui::EndTable();
}

/// The last query's rendered result (aligned text from the query console), in the mono font.
void draw_query_result(Workspace& ws) {
    const auto& h = ws.session().history();
    auto it = std::find_if(h.rbegin(), h.rend(),
                           [](const ActionRecord& r) { return r.action == "run_query"; });
    if (it == h.rend()) return;
    const float query_h = ImGui::GetFrameHeightWithSpacing() * 2;
    ImGui::TextColored(kDim, "T+%d", it->at_min);
    ImGui::SameLine();
    ImGui::TextWrapped("%s", it->target.c_str());
    if (ImGui::BeginChild("query_result", ImVec2(0, ImGui::GetContentRegionAvail().y - query_h),
                          false, ImGuiWindowFlags_HorizontalScrollbar)) {
        ImGui::PushFont(mono_font());
        ImGui::TextUnformatted(it->outcome.c_str());
        ImGui::PopFont();
    }
    ImGui::EndChild();
}

void draw_query_box(Workspace& ws) {
    ImGui::TextColored(kDim, "KQL");
    ImGui::SameLine();
    const float run_w = ImGui::CalcTextSize("Run query").x + ImGui::GetStyle().FramePadding.x * 4;
    ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x - run_w);
    const auto tables = ws.session().revealed_tables();
    const std::string hint = (tables.empty() ? std::string("Table") : tables.front()) +
                             " | where ... | take 50   (KQL over the tables uncovered so far)";
    bool go = ImGui::InputTextWithHint("##kql", hint.c_str(), &ws.query_text,
                                       ImGuiInputTextFlags_EnterReturnsTrue);
    ImGui::SameLine();
    go |= ImGui::Button("Run query");
    if (go && !ws.query_text.empty()) ws.send("run_query " + ws.query_text);
}

} // namespace

void draw_evidence(Workspace& ws) {
    const Session& s = ws.session();
    auto names = s.revealed_tables();
    if (s.done("run_query")) names.push_back(kQueryResultTab);
    const Table* cur = s.visible_table(g_shown);
    std::string right =
        cur ? fmt::format("{} of {} rows", ws.evidence.rows().size(), cur->row_count()) : "";
    panel_header("Evidence", right.c_str());
    if (names.empty()) {
        ImGui::TextColored(kDim, "No log tables yet: investigation actions uncover them.");
        draw_query_box(ws);
        return;
    }
    ImGui::TextColored(kDim, "Filter");
    ImGui::SameLine();
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    ImGui::InputTextWithHint("##evfilter", "text in any column", &ws.evidence.filter_buffer());
    ImGui::SameLine();
    if (ImGui::SmallButton("Clear")) ws.evidence.set_filter("");

    if (ws.selected_table != g_shown) g_request = ws.selected_table;
    if (std::find(names.begin(), names.end(), g_request) == names.end()) g_request.clear();
    std::string shown_now;
    if (ImGui::BeginTabBar("evidence_tabs", ImGuiTabBarFlags_FittingPolicyScroll)) {
        for (const auto& n : names) {
            ImGuiTabItemFlags f = n == g_request ? ImGuiTabItemFlags_SetSelected : 0;
            if (!ImGui::BeginTabItem(n.c_str(), nullptr, f)) continue;
            shown_now = n;
            if (n == kQueryResultTab) {
                draw_query_result(ws);
                ImGui::EndTabItem();
                continue;
            }
            const Table* t = s.visible_table(n);
            const uint64_t generation = s.visible_version(n); // changes with the rows only
            if (t) draw_rows(ws, *t, generation);
            ImGui::EndTabItem();
        }
        ImGui::EndTabBar();
    }
    if (shown_now == g_request) g_request.clear();
    g_shown = shown_now;
    if (g_request.empty()) ws.selected_table = shown_now;
    draw_query_box(ws);
}

} // namespace alertdrill::gui
