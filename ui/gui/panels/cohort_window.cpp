// The cohort window: a folder of transcripts and quiz results graded as `alertdrill grade` does
// (sim/cohort.hpp: re-scored from the actions, never from a stored score), as a table per trainee
// and scenario, the score distribution per workflow step, the most missed and most harmful
// actions, flags, and item analysis of the quiz results (sim/quiz_stats.hpp).
#include "alertdrill/cohort.hpp"
#include "alertdrill/cohort_quiz.hpp"
#include "alertdrill/quiz_stats.hpp"
#include "cli/query_runner.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <algorithm>
#include <cfloat>
#include <chrono>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>
#include <map>

namespace alertdrill::gui {

void draw_item_analysis(const ItemAnalysis& a);

namespace {

struct CohortState {
    std::string path_input;
    std::string path;
    std::vector<GradedAttempt> attempts;
    CohortSummary summary;
    std::vector<std::string> problems; ///< missing or unreadable files
    std::vector<ItemAnalysis> quizzes;
    double seconds = 0;
};

CohortState g;

void grade(const Workspace& ws) {
    auto t0 = std::chrono::steady_clock::now();
    g.attempts.clear();
    g.problems.clear();
    g.quizzes.clear();
    g.path = g.path_input;
    std::vector<std::string> missing, unreadable, skipped;
    auto files = collect_json_files({g.path}, missing);
    GradeOptions opts;
    opts.jobs = 0; // every core: a cohort of a thousand grades in seconds
    opts.runner = cli::make_query_runner();
    // Quiz results are re-graded from their answers (a mark in a file is never trusted), as
    // `alertdrill grade` does, and analysed per bank.
    std::vector<GradedQuiz> quiz_files;
    g.attempts = grade_files(files, ws.catalog(), opts, unreadable, skipped, &quiz_files);
    g.summary = summarize(g.attempts);
    std::stable_sort(g.attempts.begin(), g.attempts.end(), [](const auto& a, const auto& b) {
        return std::tie(a.trainee, a.scenario_id) < std::tie(b.trainee, b.scenario_id);
    });
    g.problems = missing;
    g.problems.insert(g.problems.end(), unreadable.begin(), unreadable.end());
    QuizCohort quizzes = summarize_quizzes(std::move(quiz_files));
    for (const auto& r : quizzes.results)
        for (const auto& f : r.flags)
            g.problems.push_back(r.path + ": " + f.kind + ": " + f.message);
    g.quizzes = std::move(quizzes.banks);
    g.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

void draw_attempts() {
    const ImGuiTableFlags tf = kListTable | ImGuiTableFlags_ScrollY | ImGuiTableFlags_ScrollX;
    if (!ImGui::BeginTable("cohort", 6 + kStepCount, tf)) return;
    ImGui::TableSetupScrollFreeze(2, 1);
    table_column("Trainee", 8);
    table_column("Scenario", 12);
    table_column("Total", 3);
    for (int i = 0; i < kStepCount; ++i)
        table_column(std::string(step_title(static_cast<Step>(i))).c_str(), 8);
    table_column("Contain", 4);
    table_column("Hints", 3);
    table_column("Flags", 12);
    ImGui::TableHeadersRow();
    ImGuiListClipper clip;
    clip.Begin(int(g.attempts.size()));
    while (clip.Step())
        for (int r = clip.DisplayStart; r < clip.DisplayEnd; ++r) {
            const GradedAttempt& a = g.attempts[size_t(r)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(a.trainee.empty() ? "(no name)" : a.trainee.c_str());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.path.c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(a.scenario_id.c_str());
            ImGui::TableNextColumn();
            if (!a.score) {
                ImGui::TextColored(kDim, "not graded");
            } else {
                const Score& s = *a.score;
                ImGui::TextColored(s.total >= 80   ? kGood
                                   : s.total >= 50 ? kWarn
                                                   : kBad,
                                   "%d", s.total);
                for (int i = 0; i < kStepCount; ++i) {
                    ImGui::TableNextColumn();
                    ImGui::Text("%d / %d", s.phases[size_t(i)].earned, s.phases[size_t(i)].max);
                }
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(s.time_to_contain_min
                                           ? fmt::format("{} min", *s.time_to_contain_min).c_str()
                                           : "-");
                ImGui::TableNextColumn();
                ImGui::Text("%d", s.hints_used);
            }
            ImGui::TableSetColumnIndex(5 + kStepCount);
            for (const auto& f : a.flags) {
                ImGui::TextColored(kWarn, "%s", f.kind.c_str());
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", f.message.c_str());
                ImGui::SameLine();
            }
            ImGui::NewLine();
        }
    ImGui::EndTable();
}

void stats_row(const char* label, const Stats& s, int of) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(label);
    ImGui::TableNextColumn();
    if (s.n == 0) {
        ImGui::TextColored(kDim, "-");
        return;
    }
    const float frac = of > 0 ? float(s.mean / of) : 0.0f;
    ImGui::ProgressBar(std::clamp(frac, 0.0f, 1.0f), ImVec2(ImGui::GetFontSize() * 10, 0),
                       fmt::format("{:.1f} / {}", s.mean, of).c_str());
    ImGui::TableNextColumn();
    ImGui::Text("min %g  median %g  max %g  (n %zu)", s.min, s.median, s.max, s.n);
}

void draw_summary() {
    const CohortSummary& s = g.summary;
    std::vector<float> bins(10, 0.0f);
    for (const auto& a : g.attempts)
        if (a.score) bins[size_t(std::min(9, a.score->total / 10))] += 1;
    ImGui::TextColored(kDim, "Totals, in bands of ten points (0-9 ... 90-100)");
    ImGui::PlotHistogram("##totals", bins.data(), int(bins.size()), 0, nullptr, 0.0f, FLT_MAX,
                         ImVec2(ImGui::GetFontSize() * 30, ImGui::GetFontSize() * 4));
    const ImGuiTableFlags tf =
        ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_NoSavedSettings | ImGuiTableFlags_RowBg;
    if (ImGui::BeginTable("steps", 3, tf)) {
        table_column("Step", 14);
        table_column("Mean", 11);
        table_column("Spread", 0);
        stats_row("Total", s.total, 100);
        for (int i = 0; i < kStepCount; ++i)
            stats_row(std::string(step_title(static_cast<Step>(i))).c_str(), s.steps[size_t(i)],
                      s.step_max[size_t(i)]);
        ImGui::EndTable();
    }
    ImGui::Text("Time to contain: %s; never contained: %zu",
                s.time_to_contain.n ? fmt::format("mean {:.1f} min, median {:g}",
                                                  s.time_to_contain.mean, s.time_to_contain.median)
                                          .c_str()
                                    : "-",
                s.never_contained);
    ImGui::Text("Hints: mean %.1f per attempt; %zu attempt(s) used hints", s.hints.mean,
                s.used_hints);
    auto ranked = [](const char* title, const std::vector<std::pair<std::string, int>>& v) {
        ImGui::Spacing();
        ImGui::TextColored(kAccent, "%s", title);
        if (v.empty()) ImGui::TextColored(kDim, "none");
        for (const auto& [id, n] : v)
            bullet_wrapped(fmt::format("{}: {} attempt{}", id, n, n == 1 ? "" : "s"));
    };
    ranked("Most missed rubric items", s.most_missed);
    ranked("Most common harmful actions", s.most_harmful);
    ranked("Misconceptions shown at checkpoints", s.checkpoint_misconceptions);
}

void draw_flags() {
    if (g.summary.flagged == 0) ImGui::TextColored(kGood, "Nothing flagged.");
    for (const auto& a : g.attempts)
        for (const auto& f : a.flags) {
            ImGui::TextColored(kWarn, "%s", f.kind.c_str());
            ImGui::SameLine();
            ImGui::TextWrapped("%s: %s", a.path.c_str(), f.message.c_str());
        }
    for (const auto& p : g.problems) ImGui::TextColored(kBad, "%s", p.c_str());
}

void dump_state(Workspace& ws) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& a : g.attempts) {
        nlohmann::json flags = nlohmann::json::array();
        for (const auto& f : a.flags) flags.push_back(f.kind);
        rows.push_back({{"trainee", a.trainee},
                        {"scenario", a.scenario_id},
                        {"total", a.score ? nlohmann::json(a.score->total) : nlohmann::json()},
                        {"flags", flags}});
    }
    nlohmann::json quizzes = nlohmann::json::array();
    for (const auto& q : g.quizzes)
        quizzes.push_back({{"bank", q.bank_id}, {"attempts", q.test.attempts}});
    (*ws.state_dump)["cohort"] = {
        {"path", g.path},
        {"rows", rows},
        {"graded", g.summary.graded},
        {"flagged", g.summary.flagged},
        {"most_missed", g.summary.most_missed},
        {"checkpoint_misconceptions", g.summary.checkpoint_misconceptions},
        {"quizzes", quizzes}};
}

} // namespace

void draw_cohort_window(Workspace& ws) {
    if (!ws.windows.cohort) return;
    if (!begin_tool_window("Cohort", &ws.windows.cohort, ImVec2(1200, 720), ImVec2(60, 60))) return;
    if (ws.state_dump) dump_state(ws);
    ImGui::TextColored(kDim, "Folder of transcripts and quiz results");
    ImGui::SameLine();
    if (path_field("##cohort_path", "path/to/class", g.path_input, "Grade") &&
        !g.path_input.empty())
        grade(ws);
    if (g.path.empty()) {
        ImGui::TextWrapped("Every transcript is re-scored from its actions, as `alertdrill grade` "
                           "does; quiz results get an item analysis per bank.");
        ImGui::End();
        return;
    }
    ImGui::TextColored(
        kDim, "%s: %zu attempts, %zu graded, %zu flagged, %zu quiz bank(s); graded in %.2f s",
        g.path.c_str(), g.summary.attempts, g.summary.graded, g.summary.flagged, g.quizzes.size(),
        g.seconds);
    if (ImGui::BeginTabBar("cohort_tabs")) {
        if (ImGui::BeginTabItem("Attempts")) {
            draw_attempts();
            ImGui::EndTabItem();
        }
        if (ImGui::BeginTabItem("Steps and actions")) {
            draw_summary();
            ImGui::EndTabItem();
        }
        std::string flags =
            fmt::format("Flags ({})###flags", g.summary.flagged + g.problems.size());
        if (ImGui::BeginTabItem(flags.c_str())) {
            draw_flags();
            ImGui::EndTabItem();
        }
        for (const auto& q : g.quizzes)
            if (ImGui::BeginTabItem(("Quiz: " + q.bank_id).c_str())) {
                draw_item_analysis(q);
                ImGui::EndTabItem();
            }
        ImGui::EndTabBar();
    }
    ImGui::End();
}

} // namespace alertdrill::gui
