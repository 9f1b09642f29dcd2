#pragma once
// Plain-terminal rendering of quiz questions, feedback and results. Every text from a bank goes
// through escape_control so a bank cannot drive the terminal.
#include "alertdrill/quiz_attempt.hpp"
#include "alertdrill/quiz_result.hpp"
#include "alertdrill/quiz_stats.hpp"

#include <ostream>

namespace alertdrill::cli {

void print_question(std::ostream& os, const PresentedQuestion& p, size_t index, size_t count);
/// One line telling how to type an answer to this type of question.
std::string answer_help(const Question& q);
void print_try_feedback(std::ostream& os, const TryFeedback& fb);
void print_result(std::ostream& os, const QuizResult& r);
/// Moodle-style item analysis: test statistics, one row per question, common misconceptions.
void print_item_analysis(std::ostream& out, const ItemAnalysis& a);

} // namespace alertdrill::cli
