// Quiz item analysis in the cohort window: the test statistics and, per question, facility, SD,
// discrimination and discriminative efficiency (computed by sim/quiz_stats.cpp as Moodle does),
// then the most common misconceptions.
#include "alertdrill/quiz_stats.hpp"
#include "gui/panels/widgets.hpp"

#include <fmt/format.h>
#include <imgui.h>

namespace alertdrill::gui {

namespace {

std::string pct(const std::optional<double>& v) {
    return v ? fmt::format("{:.1f}%", *v) : "-";
}

std::string num(const std::optional<double>& v) {
    return v ? fmt::format("{:.3f}", *v) : "-";
}

} // namespace

void draw_item_analysis(const ItemAnalysis& a) {
    const TestStats& t = a.test;
    const double mx = t.max_mark > 0 ? t.max_mark : 1;
    ImGui::TextColored(kAccent, "%s", a.bank_title.c_str());
    ImGui::Text("%d attempt(s); mean %.2f of %g (%.1f%%), median %.2f, SD %s", t.attempts, t.mean,
                t.max_mark, 100 * t.mean / mx, t.median, num(t.sd).c_str());
    ImGui::Text("Skewness %s, kurtosis %s, Cronbach's alpha %s, error ratio %s, standard error %s",
                num(t.skewness).c_str(), num(t.kurtosis).c_str(), pct(t.alpha).c_str(),
                pct(t.error_ratio).c_str(), num(t.standard_error).c_str());
    for (const auto& w : a.warnings) ImGui::TextColored(kWarn, "%s", w.c_str());
    const ImGuiTableFlags tf = kListTable | ImGuiTableFlags_ScrollY;
    const float h = ImGui::GetContentRegionAvail().y * 0.65f;
    if (ImGui::BeginTable("items", 6, tf, ImVec2(0, h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        table_column("Question", 0);
        table_column("n", 2);
        table_column("Facility", 5);
        table_column("SD", 5);
        table_column("Discrimination", 7);
        table_column("Efficiency", 5);
        ImGui::TableHeadersRow();
        for (const auto& q : a.questions) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%s  (%s)", q.id.c_str(), q.type.c_str());
            ImGui::TableNextColumn();
            ImGui::Text("%d", q.attempts);
            ImGui::TableNextColumn();
            // Moodle's reading: below 20% very hard, above 90% very easy.
            ImGui::TextColored(q.facility < 20 || q.facility > 90 ? kWarn : ImVec4(1, 1, 1, 1),
                               "%.1f%%", q.facility);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(pct(q.sd).c_str());
            ImGui::TableNextColumn();
            // A negative or weak discrimination marks a question worth rereading.
            bool weak = q.discrimination && *q.discrimination < 20;
            ImGui::TextColored(weak ? kWarn : ImVec4(1, 1, 1, 1), "%s",
                               pct(q.discrimination).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(pct(q.discriminative_efficiency).c_str());
        }
        ImGui::EndTable();
    }
    ImGui::TextColored(kAccent, "Most common misconceptions");
    if (a.misconceptions.empty()) ImGui::TextColored(kDim, "none recorded");
    for (const auto& m : a.misconceptions)
        ImGui::BulletText("%s: %d answer(s) in %d attempt(s)", m.tag.c_str(), m.count, m.attempts);
}

} // namespace alertdrill::gui
