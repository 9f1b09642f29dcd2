// The end of a quiz attempt: total, pass or fail, each question's mark, answer and feedback
// (assessment feedback is shown only here), misconceptions and, under certainty-based marking,
// calibration per certainty level.
#include "alertdrill/quiz_attempt.hpp"
#include "gui/panels/quiz_answer.hpp"
#include "gui/panels/widgets.hpp"

#include <fmt/format.h>
#include <imgui.h>

namespace alertdrill::gui {

void draw_quiz_result(const QuizResult& r, const QuizAttempt& a, const std::string& saved) {
    ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
    ImGui::TextWrapped("%s  (%s mode)", r.bank_title.c_str(), r.mode.c_str());
    ImGui::PopStyleColor();
    const bool assessment = r.mode == "assessment";
    ImGui::Text("Mark %.2f of %.2f  =  %.1f%%", r.mark, r.max_mark, r.percent);
    if (assessment) {
        ImGui::SameLine();
        ImGui::TextColored(r.passed ? kGood : kBad, "   %s (pass mark %.0f%%)",
                           r.passed ? "PASSED" : "NOT PASSED", r.pass_percent);
    }
    ImGui::TextColored(kDim, "Accuracy %.1f%%  |  %d:%02d taken%s", r.accuracy_percent,
                       int(r.elapsed_seconds) / 60, int(r.elapsed_seconds) % 60,
                       r.time_up ? "  |  time ran out" : "");
    if (!saved.empty()) ImGui::TextColored(kDim, "Saved as %s", saved.c_str());

    if (r.cbm && !r.calibration.empty()) {
        ImGui::Spacing();
        ImGui::TextColored(kAccent, "Calibration (certainty-based marking)");
        for (const auto& c : r.calibration)
            bullet_wrapped(fmt::format("certainty {}: {} answer{}, {:.0f}% right: {}", c.certainty,
                                       c.count, c.count == 1 ? "" : "s", c.mean_fraction * 100,
                                       c.judgement));
    }
    ImGui::Spacing();
    const ImGuiTableFlags tf = ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                               ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY |
                               ImGuiTableFlags_NoSavedSettings;
    const float h = ImGui::GetContentRegionAvail().y - ImGui::GetFrameHeightWithSpacing() * 2;
    if (!ImGui::BeginTable("results", 5, tf, ImVec2(0, std::max(h, 120.0f)))) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    table_column("#", 1.5f);
    table_column("Question", 12);
    table_column("Mark", 4);
    table_column("Tries", 3);
    table_column("Answer and feedback", 0);
    ImGui::TableHeadersRow();
    for (size_t i = 0; i < r.questions.size(); ++i) {
        const QuestionResult& q = r.questions[i];
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::Text("%zu", i + 1);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(q.id.c_str());
        ImGui::TextColored(kDim, "%s", q.type.c_str());
        ImGui::TableNextColumn();
        ImVec4 c = !q.answered            ? kDim
                   : q.fraction >= 0.9999 ? kGood
                   : q.fraction > 0       ? kWarn
                                          : kBad;
        ImGui::TextColored(c, "%.2f / %g", q.mark, q.max_mark);
        ImGui::TableNextColumn();
        ImGui::Text("%d%s", q.tries, q.certainty ? fmt::format(" c{}", q.certainty).c_str() : "");
        ImGui::TableNextColumn();
        ImGui::PushTextWrapPos(0);
        const int at = a.index_of(q.id);
        if (!q.answered) {
            ImGui::TextColored(kDim, "not answered");
        } else {
            ImGui::TextWrapped(
                "Your answer: %s",
                at >= 0 ? readable_answer(a.questions()[size_t(at)].question, q.response).c_str()
                        : q.response.c_str());
        }
        if (at >= 0 && q.fraction < 0.9999)
            ImGui::TextColored(kDim, "Right answer: %s",
                               readable_answer(a.questions()[size_t(at)].question,
                                               right_answer(a.questions()[size_t(at)].question))
                                   .c_str());
        for (const auto& f : q.feedback) bullet_wrapped(f);
        for (const auto& m : q.misconceptions)
            ImGui::TextColored(kWarn, "misconception: %s", m.c_str());
        ImGui::PopTextWrapPos();
    }
    ImGui::EndTable();
}

} // namespace alertdrill::gui
