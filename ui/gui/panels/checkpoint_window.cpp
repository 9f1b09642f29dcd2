// Scenario checkpoints: when the scenario asks a question at a point in its flow ("which stage is
// this alert?"), a window shows the first question waiting, with the quiz window's answer
// widgets. The answer is sent as the terminal's `answer CHECKPOINT ANSWER` command, so it lands in
// the transcript and is graded by the engine when the score is computed; the outcome (feedback in
// practice mode) appears in the message log like any action's.
#include "alertdrill/quiz_attempt.hpp"
#include "alertdrill/session.hpp"
#include "gui/panels/panels.hpp"
#include "gui/panels/quiz_answer.hpp"
#include "gui/panels/widgets.hpp"
#include "gui/workspace.hpp"

#include <imgui.h>
#include <map>
#include <nlohmann/json.hpp>

namespace alertdrill::gui {

namespace {

/// Drafts by checkpoint id, so a half-answered question survives the trainee looking elsewhere.
std::map<std::string, AnswerDraft> g_drafts;
const Session* g_drafts_for = nullptr;
std::string g_focused_for; ///< the checkpoint whose window last took the focus

void dump_state(Workspace& ws, const std::vector<DueCheckpoint>& due) {
    auto& out = (*ws.state_dump)["checkpoints"];
    out = nlohmann::json::object();
    out["due"] = nlohmann::json::array();
    for (const auto& c : due) out["due"].push_back(c.checkpoint->id);
    out["answered"] = nlohmann::json::object();
    for (const auto& [id, a] : ws.session().checkpoint_answers()) out["answered"][id] = a.text;
}

} // namespace

void draw_checkpoint_window(Workspace& ws) {
    if (!ws.has_session() || ws.session().state() != SessionState::Investigating) return;
    const Session& s = ws.session();
    if (g_drafts_for != &s) {
        g_drafts.clear();
        g_drafts_for = &s;
        g_focused_for.clear();
    }
    const auto due = s.due_checkpoints();
    if (ws.state_dump) dump_state(ws, due);
    if (due.empty()) return;

    const DueCheckpoint& c = due.front();
    const Question& q = c.presented.question;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + 80),
                            ImGuiCond_Appearing, ImVec2(0.5f, 0));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 36, 0), ImGuiCond_Appearing);
    // Focus the question once, when it appears: the trainee may need the evidence view, the
    // query box or the command line to find the answer, so it must not keep taking the keyboard.
    if (g_focused_for != c.checkpoint->id) {
        ImGui::SetNextWindowFocus();
        g_focused_for = c.checkpoint->id;
    }
    std::string title = "Checkpoint question";
    if (due.size() > 1) title += " (" + std::to_string(due.size()) + " waiting)";
    title += "###checkpoint";
    ImGui::Begin(title.c_str(), nullptr, ImGuiWindowFlags_NoCollapse);
    ImGui::TextColored(kDim, "Asked at %s; scored in %s (%d points)",
                       clock_text(s.scenario().start_utc_s, c.since_min).c_str(),
                       std::string(step_title(c.checkpoint->step)).c_str(), c.checkpoint->points);
    ImGui::Separator();
    ImGui::TextWrapped("%s", q.text.c_str());
    ImGui::Spacing();
    AnswerDraft& draft = g_drafts[c.checkpoint->id];
    QuizResponse r = draw_answer(c.presented, draft, false);
    ImGui::Spacing();
    const std::string text = format_response(q, r);
    ImGui::BeginDisabled(text.empty());
    if (ImGui::Button("Answer")) {
        ws.send(Session::answer_command(c.checkpoint->id, text));
        g_drafts.erase(c.checkpoint->id);
    }
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextColored(kDim, "Answering takes no simulated time; one answer per question.");
    ImGui::End();
}

} // namespace alertdrill::gui
