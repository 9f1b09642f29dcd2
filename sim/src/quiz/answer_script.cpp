// Answer files for scripted attempts (format in quiz_script.hpp and content/quizzes/README.md).
#include "alertdrill/quiz_script.hpp"

#include "alertdrill/text.hpp"

#include <cmath>
#include <fmt/core.h>

namespace alertdrill {

bool parse_answer_script(const std::string& text, const std::string& path,
                         std::vector<ScriptedAnswer>& out, Diagnostics& diags) {
    size_t errors = diags.error_count();
    if (!check_text(text, path, diags)) return false;
    double at = 0;
    int line_no = 0;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string raw = text.substr(start, end - start);
        start = end + 1;
        ++line_no;
        if (!raw.empty() && raw.back() == '\r') raw.pop_back();
        if (raw.size() > limits::k_script_line_bytes) {
            diags.error({path, line_no, 1}, "this line is " + std::to_string(raw.size()) +
                                                " bytes long; the limit is " +
                                                std::to_string(limits::k_script_line_bytes) +
                                                " bytes");
            continue;
        }
        std::string line = trim(raw);
        if (line.empty() || line[0] == '#') continue;
        int col = static_cast<int>(raw.find_first_not_of(" \t")) + 1;
        if (line.rfind("@elapsed", 0) == 0) {
            std::string v = trim(std::string_view(line).substr(8));
            char* e = nullptr;
            double secs = std::strtod(v.c_str(), &e);
            if (v.empty() || *e != '\0' || !std::isfinite(secs) || secs < 0) {
                diags.error({path, line_no, col},
                            "'@elapsed' needs a number of seconds, e.g. '@elapsed 300'");
                continue;
            }
            at = secs;
            continue;
        }
        size_t colon = line.find(':');
        if (colon == std::string::npos || colon == 0) {
            diags.error({path, line_no, col},
                        "expected 'QUESTION-ID: ANSWER' (or 'QUESTION-ID@CERTAINTY: ANSWER')");
            continue;
        }
        ScriptedAnswer a;
        a.line = line_no;
        a.at_seconds = at;
        a.question_id = trim(std::string_view(line).substr(0, colon));
        a.text = trim(std::string_view(line).substr(colon + 1));
        if (size_t atsign = a.question_id.find('@'); atsign != std::string::npos) {
            std::string c = trim(std::string_view(a.question_id).substr(atsign + 1));
            a.question_id = trim(std::string_view(a.question_id).substr(0, atsign));
            if (c != "1" && c != "2" && c != "3") {
                diags.error({path, line_no, col + static_cast<int>(atsign) + 1},
                            "certainty must be 1, 2 or 3, not '" + c + "'");
                continue;
            }
            a.certainty = c[0] - '0';
        }
        out.push_back(std::move(a));
    }
    return diags.error_count() == errors;
}

bool run_answer_script(QuizAttempt& attempt, const std::vector<ScriptedAnswer>& answers,
                       const std::string& path, Diagnostics& diags,
                       std::vector<ScriptStep>* steps) {
    size_t errors = diags.error_count();
    std::vector<std::string> ids;
    for (const auto& p : attempt.questions()) ids.push_back(p.question.id);
    for (const auto& a : answers) {
        SourcePos pos{path, a.line, 1};
        int idx = attempt.index_of(a.question_id);
        if (idx < 0) {
            diags.error(pos, "unknown question '" + a.question_id + "'" +
                                 did_you_mean(a.question_id, ids));
            continue;
        }
        const Question& q = attempt.questions()[static_cast<size_t>(idx)].question;
        QuizResponse r;
        std::string err;
        if (!parse_response(q, a.text, r, err)) {
            diags.error(pos, "malformed answer to '" + q.id + "': " + err);
            continue;
        }
        if (!r.answered() && attempt.mode() == QuizMode::Practice) {
            diags.error(pos, "blank answer to '" + q.id +
                                 "'; in practice mode leave the line out to skip a question");
            continue;
        }
        if (attempt.cbm() && a.certainty == 0) {
            diags.error(pos, "certainty-based marking is on: write '" + q.id +
                                 "@N: ...' with N = 1, 2 or 3");
            continue;
        }
        TryFeedback fb;
        double limit = attempt.time_limit_seconds();
        if (limit > 0 && a.at_seconds > limit) {
            // Like an attempt submitted automatically when time runs out: the late answer is not
            // counted, which is the trainee's outcome rather than a broken file.
            attempt.submit(static_cast<size_t>(idx), r, a.certainty, a.at_seconds, fb, err);
            diags.warning(pos, err);
            continue;
        }
        if (!attempt.submit(static_cast<size_t>(idx), r, a.certainty, a.at_seconds, fb, err)) {
            diags.error(pos, err);
            continue;
        }
        if (steps) steps->push_back({static_cast<size_t>(idx), a, fb});
    }
    return diags.error_count() == errors;
}

} // namespace alertdrill
