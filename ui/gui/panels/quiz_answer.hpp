#pragma once
// The answer widgets of the quiz window, one per question type. They build a QuizResponse
// directly; grading stays in the engine (QuizAttempt::submit).
#include "alertdrill/quiz_attempt.hpp"

#include <map>
#include <string>
#include <vector>

namespace alertdrill::gui {

/// What the trainee has entered for one question so far (kept while they move between questions).
struct AnswerDraft {
    std::string single;                ///< single / truefalse: option id
    std::vector<std::string> multiple; ///< multiple: option ids ticked
    std::string text;                  ///< short / numeric
    std::vector<std::string> ordering; ///< item ids in the trainee's order
    std::map<std::string, std::string> matches;
    int certainty = 0;
    bool initialised = false;
};

/// Draws the widgets for `p` into the current window; returns the response they stand for.
QuizResponse draw_answer(const PresentedQuestion& p, AnswerDraft& d, bool read_only);
/// The question's options, item or choice text as shown, for the result view.
std::string option_text(const Question& q, const std::string& id);
/// An answer in text form (ids, as parse_response reads it) with option and item ids replaced by
/// their text, for people: "b" -> "Someone is trying to get in ...".
std::string readable_answer(const Question& q, const std::string& text_form);

} // namespace alertdrill::gui
