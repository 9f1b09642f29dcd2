// The quiz window: pick a question bank, take it in practice mode (feedback per try, penalty,
// hints) or assessment mode (time limit, feedback only at the end, pass mark), optionally with
// certainty-based marking, and save the result as the terminal's `alertdrill quiz --out` does.
// Grading is the engine's (QuizAttempt); this file only shows it.
#include "alertdrill/atomic_file.hpp"
#include "alertdrill/catalog.hpp"
#include "alertdrill/quiz.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/quiz_answer.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/settings.hpp"
#include "gui/workspace.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <imgui.h>
#include <imgui_stdlib.h>
#include <memory>
#include <optional>
#include <random>

namespace alertdrill::gui {

void draw_quiz_result(const QuizResult& r, const QuizAttempt& a, const std::string& saved);

namespace {

struct BankEntry {
    std::string path;
    QuestionBank bank;
    std::string error; ///< diagnostics when the bank does not load
};

struct QuizState {
    bool scanned = false;
    std::vector<BankEntry> banks;
    int selected = 0;
    std::string open_path;
    bool assessment = false;
    bool cbm = false;
    std::string trainee;
    int seed = int(std::random_device{}() % 100000);
    // the attempt (the bank it points into lives in `banks`, which is not rescanned meanwhile)
    std::unique_ptr<QuizAttempt> attempt;
    std::vector<AnswerDraft> drafts;
    std::vector<std::optional<TryFeedback>> feedback;
    std::vector<int> tries;
    size_t current = 0;
    std::string error;
    std::chrono::steady_clock::time_point started;
    std::optional<QuizResult> result;
    std::string saved_path;
};

QuizState g;

std::string quizzes_dir() {
    return (std::filesystem::path(default_catalog_path()).parent_path() / "quizzes").string();
}

void add_bank(const std::string& path) {
    BankEntry e;
    e.path = path;
    Diagnostics diags;
    if (!load_question_bank(path, e.bank, diags)) e.error = diags.format();
    g.banks.push_back(std::move(e));
}

void scan() {
    g.banks.clear();
    std::vector<std::string> paths;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(quizzes_dir(), ec))
        if (e.path().extension() == ".toml") paths.push_back(e.path().string());
    std::sort(paths.begin(), paths.end());
    for (const auto& p : paths) add_bank(p);
    g.scanned = true;
}

double elapsed() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - g.started).count();
}

void finish() {
    QuizResult r = g.attempt->finish(elapsed());
    r.trainee = g.trainee;
    std::time_t t = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    std::string error;
    g.saved_path = quiz_results_dir() + "/" + r.bank_id + "-" + stamp + ".json";
    if (!make_dirs(quiz_results_dir(), error) || !save_quiz_result(g.saved_path, r, error)) {
        g.error = "The result could not be saved: " + error;
        g.saved_path.clear();
    }
    g.result = std::move(r);
}

void start(const BankEntry& e) {
    g.attempt = std::make_unique<QuizAttempt>(
        e.bank, g.assessment ? QuizMode::Assessment : QuizMode::Practice, uint64_t(g.seed), g.cbm);
    const size_t n = g.attempt->questions().size();
    g.drafts.assign(n, AnswerDraft{});
    g.feedback.assign(n, std::nullopt);
    g.tries.assign(n, 0);
    g.current = 0;
    g.error.clear();
    g.result.reset();
    g.saved_path.clear();
    g.started = std::chrono::steady_clock::now();
}

void draw_setup() {
    if (!g.scanned) scan();
    ImGui::TextColored(kDim, "Question banks in %s", quizzes_dir().c_str());
    if (ImGui::BeginChild("banks", ImVec2(ImGui::GetFontSize() * 18, 0), true)) {
        for (int i = 0; i < int(g.banks.size()); ++i) {
            const auto& b = g.banks[size_t(i)];
            std::string label = b.error.empty() ? b.bank.title : b.path + " (invalid)";
            if (ImGui::Selectable((label + "##" + std::to_string(i)).c_str(), g.selected == i))
                g.selected = i;
        }
        ImGui::Spacing();
        ImGui::TextColored(kDim, "Open a bank file:");
        ImGui::SetNextItemWidth(-1);
        if (ImGui::InputTextWithHint("##bank_path", "path/to/bank.toml", &g.open_path,
                                     ImGuiInputTextFlags_EnterReturnsTrue)) {
            add_bank(g.open_path);
            g.selected = int(g.banks.size()) - 1;
        }
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginGroup();
    if (g.selected < 0 || g.selected >= int(g.banks.size())) {
        ImGui::TextColored(kDim, "No question bank found.");
        ImGui::EndGroup();
        return;
    }
    const BankEntry& e = g.banks[size_t(g.selected)];
    if (!e.error.empty()) {
        ImGui::TextColored(kBad, "%s", e.error.c_str());
        ImGui::EndGroup();
        return;
    }
    const QuestionBank& b = e.bank;
    ImGui::PushStyleColor(ImGuiCol_Text, kAccent);
    ImGui::TextWrapped("%s", b.title.c_str());
    ImGui::PopStyleColor();
    ImGui::TextWrapped("%s", b.description.c_str());
    field("Questions:",
          b.questions_per_attempt
              ? fmt::format("{} drawn from {}", b.questions_per_attempt, b.questions.size())
              : std::to_string(b.questions.size()));
    ImGui::Spacing();
    if (ImGui::RadioButton("Practice", !g.assessment)) g.assessment = false;
    ImGui::SameLine();
    ImGui::TextColored(kDim,
                       "feedback after each try, up to %d tries, %.0f%% penalty a retry, hints",
                       b.practice_tries, b.penalty * 100);
    if (ImGui::RadioButton("Assessment", g.assessment)) g.assessment = true;
    ImGui::SameLine();
    ImGui::TextColored(kDim, "%s, pass mark %.0f%%, feedback at the end",
                       b.time_limit_minutes
                           ? fmt::format("{} minutes", b.time_limit_minutes).c_str()
                           : "no time limit",
                       b.pass_percent);
    ImGui::Checkbox("Certainty-based marking", &g.cbm);
    ImGui::SameLine();
    ImGui::TextColored(kDim, "(say how sure you are: right earns 1/2/3, wrong costs 0/2/6)");
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
    ImGui::InputTextWithHint("Trainee", "your name (kept in the result)", &g.trainee);
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 8);
    ImGui::InputInt("Seed", &g.seed);
    ImGui::SameLine();
    ImGui::TextColored(kDim, "(option order and question variants)");
    ImGui::Spacing();
    if (ImGui::Button("Start the attempt")) start(e);
    ImGui::EndGroup();
}

const char* verdict(double fraction) {
    return fraction >= 0.9999 ? "Correct" : fraction > 0 ? "Partly correct" : "Incorrect";
}

void draw_feedback(const Question& q, const TryFeedback& fb) {
    if (!fb.graded) {
        ImGui::TextColored(kDim, "Answer saved. It is graded when you finish the attempt.");
        return;
    }
    ImGui::TextColored(fb.fraction >= 0.9999 ? kGood
                       : fb.fraction > 0     ? kWarn
                                             : kBad,
                       "%s  (mark %.2f)", verdict(fb.fraction), fb.mark);
    for (const auto& f : fb.feedback) bullet_wrapped(f);
    if (!fb.finished) {
        ImGui::Text("Tries left: %d", fb.tries_left);
        if (!fb.hint.empty()) ImGui::TextColored(kAccent, "Hint: %s", fb.hint.c_str());
    } else if (fb.fraction < 0.9999 && !fb.right_answer.empty()) {
        ImGui::TextWrapped("The right answer: %s", readable_answer(q, fb.right_answer).c_str());
    }
}

void draw_question_list(const QuizAttempt& a) {
    const auto& qs = a.questions();
    for (size_t i = 0; i < qs.size(); ++i) {
        ImVec4 c = kDim;
        const char* mark = " ";
        if (g.feedback[i] && g.feedback[i]->graded) {
            double f = g.feedback[i]->fraction;
            c = f >= 0.9999 ? kGood : f > 0 ? kWarn : kBad;
            mark = f >= 0.9999 ? "+" : f > 0 ? "~" : "x";
        } else if (g.tries[i] > 0) {
            c = kAccent;
            mark = "*";
        }
        ImGui::PushStyleColor(ImGuiCol_Text, c);
        std::string label = fmt::format("{} {:>2}. {}##q{}", mark, i + 1, qs[i].question.id, i);
        if (ImGui::Selectable(label.c_str(), g.current == i)) g.current = i;
        ImGui::PopStyleColor();
    }
}

void draw_attempt() {
    QuizAttempt& a = *g.attempt;
    const auto& qs = a.questions();
    const double limit = a.time_limit_seconds();
    const double t = elapsed();
    if (limit > 0 && t >= limit) {
        finish(); // time is up: what was saved is graded
        return;
    }
    ImGui::TextColored(kAccent, "%s attempt", quiz_mode_name(a.mode()).c_str());
    ImGui::SameLine();
    if (limit > 0) {
        int left = int(limit - t);
        ImGui::TextColored(left < 300 ? kBad : kDim, "  Time left %d:%02d", left / 60, left % 60);
    } else {
        ImGui::TextColored(kDim, "  %d:%02d elapsed", int(t) / 60, int(t) % 60);
    }
    ImGui::SameLine(ImGui::GetWindowContentRegionMax().x - ImGui::GetFontSize() * 9);
    if (ImGui::Button("Finish attempt")) {
        finish();
        return;
    }
    if (ImGui::BeginChild("qlist", ImVec2(ImGui::GetFontSize() * 15, 0), true))
        draw_question_list(a);
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("question", ImVec2(0, 0), true)) {
        const size_t i = g.current;
        const PresentedQuestion& p = qs[i];
        ImGui::TextColored(kDim, "Question %zu of %zu  |  %s  |  %s  |  mark %g", i + 1, qs.size(),
                           question_type_name(p.question.type).c_str(), p.question.topic.c_str(),
                           p.question.mark);
        ImGui::Separator();
        ImGui::TextWrapped("%s", p.question.text.c_str());
        ImGui::Spacing();
        const bool done = a.finished(i);
        QuizResponse r = draw_answer(p, g.drafts[i], done);
        ImGui::Spacing();
        if (a.cbm()) {
            ImGui::TextColored(kDim, "How sure are you?");
            static const char* kCert[] = {"1 unsure", "2 fairly sure", "3 sure"};
            for (int c = 1; c <= 3; ++c) {
                ImGui::SameLine();
                if (ImGui::RadioButton(kCert[c - 1], g.drafts[i].certainty == c))
                    g.drafts[i].certainty = c;
            }
        }
        const bool practice = a.mode() == QuizMode::Practice;
        ImGui::BeginDisabled(done || !r.answered() || (a.cbm() && g.drafts[i].certainty == 0));
        if (ImGui::Button(practice ? "Check answer" : "Save answer")) {
            TryFeedback fb;
            std::string err;
            if (a.submit(i, r, g.drafts[i].certainty, elapsed(), fb, err)) {
                g.feedback[i] = fb;
                ++g.tries[i];
                g.error.clear();
                if (!practice && i + 1 < qs.size()) g.current = i + 1;
            } else {
                g.error = err;
            }
        }
        ImGui::EndDisabled();
        ImGui::SameLine();
        ImGui::BeginDisabled(i + 1 >= qs.size());
        if (ImGui::Button("Next question")) g.current = i + 1;
        ImGui::EndDisabled();
        if (!g.error.empty()) ImGui::TextColored(kBad, "%s", g.error.c_str());
        if (g.feedback[i]) {
            ImGui::Separator();
            draw_feedback(p.question, *g.feedback[i]);
        }
    }
    ImGui::EndChild();
}

void dump_state(Workspace& ws) {
    nlohmann::json j;
    j["phase"] = g.result ? "result" : g.attempt ? "attempt" : "setup";
    if (g.attempt) {
        j["current"] = g.attempt->questions()[g.current].question.id;
        if (const auto& fb = g.feedback[g.current]; fb && fb->graded) {
            j["feedback"] = {{"fraction", fb->fraction},
                             {"mark", fb->mark},
                             {"lines", fb->feedback},
                             {"tries_left", fb->tries_left}};
        }
    }
    if (g.result) j["saved"] = g.saved_path;
    (*ws.state_dump)["quiz"] = j;
}

} // namespace

void draw_quiz_window(Workspace& ws) {
    if (!ws.windows.quiz) return;
    if (!begin_tool_window("Knowledge check", &ws.windows.quiz, ImVec2(1000, 700), ImVec2(100, 70)))
        return;
    if (ws.state_dump) dump_state(ws);
    if (g.result) {
        draw_quiz_result(*g.result, *g.attempt, g.saved_path);
        if (!g.error.empty()) ImGui::TextColored(kBad, "%s", g.error.c_str());
        if (ImGui::Button("Take another quiz")) {
            g.attempt.reset();
            g.result.reset();
            g.scanned = false;
        }
    } else if (g.attempt) {
        draw_attempt();
    } else {
        draw_setup();
    }
    ImGui::End();
}

} // namespace alertdrill::gui
