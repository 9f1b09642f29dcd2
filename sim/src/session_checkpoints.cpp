// Scenario checkpoints in a session: which are due, and answering them with
// `answer ID ANSWER`. The answer is recorded as a canonical command line, so a transcript or
// journal replays it and the score grades it again identically.
#include "alertdrill/session.hpp"

#include "alertdrill/text.hpp"

#include <algorithm>

namespace alertdrill {

namespace {

/// The right answer with option texts, for feedback ("b (Mid stage)").
std::string right_answer_text(const Question& q) {
    std::string ids = right_answer(q);
    if (q.type != QuestionType::Single && q.type != QuestionType::TrueFalse) return ids;
    for (const auto& o : q.options)
        if (o.id == ids) return o.text;
    return ids;
}

} // namespace

std::string Session::answer_command(const std::string& id, const std::string& answer) {
    return std::string(kAnswerCommand) + " " + id + " " + answer;
}

PresentedQuestion Session::present_checkpoint(const Checkpoint& c) const {
    return present_question(c.question, m_inst->seed);
}

std::vector<DueCheckpoint> Session::due_checkpoints() const {
    std::vector<DueCheckpoint> out;
    for (const auto& id : m_checkpoint_order) {
        if (m_checkpoint_answers.count(id)) continue;
        if (const Checkpoint* c = scenario().checkpoint(id))
            out.push_back({c, m_checkpoint_due.at(id), present_checkpoint(*c)});
    }
    return out;
}

void Session::trigger_checkpoints(const std::string& action, const std::string& target,
                                  const std::string& alert_id, int minute,
                                  const std::vector<std::string>& found_keys) {
    for (const auto& c : scenario().checkpoints) {
        if (m_checkpoint_due.count(c.id)) continue;
        bool fires = false;
        if (!alert_id.empty()) {
            fires = c.on_alert == alert_id;
        } else {
            // The catalog's id, so an alias in `after` (query for run_query) matches too.
            const ActionDef* after =
                c.after_action.empty() ? nullptr : m_catalog->find(c.after_action);
            fires = (after && after->id == action &&
                     (c.after_target.empty() || iequals(c.after_target, target))) ||
                    (!c.on_evidence.empty() && std::find(found_keys.begin(), found_keys.end(),
                                                         c.on_evidence) != found_keys.end());
        }
        if (!fires) continue;
        m_checkpoint_due[c.id] = minute;
        m_checkpoint_order.push_back(c.id);
        m_newly_due.push_back(c.id);
    }
}

ApplyResult Session::apply_answer(const std::string& line) {
    ApplyResult res;
    auto words = split_ws(line);
    std::vector<std::string> ids;
    for (const auto& c : scenario().checkpoints) ids.push_back(c.id);
    if (words.size() < 3) {
        res.error = "answer takes a checkpoint id and an answer, e.g. 'answer " +
                    (ids.empty() ? std::string("stage") : ids.front()) + " b'";
        return res;
    }
    const std::string& id = words[1];
    const Checkpoint* c = scenario().checkpoint(id);
    if (!c) {
        res.error = ids.empty()
                        ? "this scenario asks no checkpoint questions"
                        : "no checkpoint '" + id + "' in this scenario" + did_you_mean(id, ids);
        return res;
    }
    if (m_checkpoint_answers.count(id)) {
        res.error = "checkpoint '" + id + "' is already answered";
        return res;
    }
    if (!m_checkpoint_due.count(id)) {
        res.error = "checkpoint '" + id + "' is not due yet";
        return res;
    }
    size_t at = line.find(id, std::string_view(kAnswerCommand).size());
    std::string rest = trim(std::string_view(line).substr(at + id.size()));
    PresentedQuestion p = present_checkpoint(*c);
    const Question& q = p.question;
    CheckpointAnswer ans;
    std::string err;
    if (!parse_response(q, rest, ans.response, err, &p.order)) {
        res.error = err;
        return res;
    }
    ans.text = format_response(q, ans.response);
    ans.at_min = m_now;

    ActionRecord rec;
    rec.action = kAnswerCommand;
    rec.target = id;
    rec.line = answer_command(id, ans.text);
    rec.at_min = m_now;
    if (m_mode == Mode::Assessment) {
        rec.outcome = "Your answer to checkpoint '" + id +
                      "' is recorded; it is scored in the "
                      "debrief.";
    } else {
        Grade g = grade_response(q, ans.response);
        bool right = g.fraction >= 0.9999;
        rec.outcome = right ? "Correct." : g.fraction > 0 ? "Partly correct." : "Incorrect.";
        for (const auto& f : g.feedback) rec.outcome += " " + f;
        const std::string& general = right ? q.feedback_correct : q.feedback_wrong;
        if (!general.empty()) rec.outcome += " " + general;
        if (!right) {
            std::string answer = right_answer_text(q);
            rec.outcome += " The right answer: " + answer +
                           (!answer.empty() && answer.back() == '.' ? "" : ".");
        }
        if (!q.feedback.empty()) rec.outcome += " " + q.feedback;
    }
    m_checkpoint_answers[id] = std::move(ans);
    finish_action(std::move(rec), res);
    return res;
}

} // namespace alertdrill
