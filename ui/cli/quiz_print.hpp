#pragma once
// Plain-terminal rendering of quiz questions, feedback and results. Every text from a bank goes
// through escape_control so a bank cannot drive the terminal.
#include "alertdrill/quiz_attempt.hpp"
#include "alertdrill/quiz_result.hpp"
#include "alertdrill/quiz_stats.hpp"

#include <ostream>

namespace alertdrill::cli {

void print_question(std::ostream& os, const PresentedQuestion& p, size_t index, size_t count);
/// The question's text and its numbered options / items / choices, without a heading.
void print_question_body(std::ostream& os, const PresentedQuestion& p);
/// One line telling how to type an answer to this type of question; `skippable` adds how to skip.
std::string answer_help(const Question& q, bool skippable = true);
void print_try_feedback(std::ostream& os, const TryFeedback& fb);
void print_result(std::ostream& os, const QuizResult& r);
/// Moodle-style item analysis: test statistics, one row per question, common misconceptions.
void print_item_analysis(std::ostream& out, const ItemAnalysis& a);

} // namespace alertdrill::cli
