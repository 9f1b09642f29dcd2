#pragma once
// Scripted attempts: an answers file holds one answer a line, as a trainee would type it.
//
//   # comments and blank lines are ignored
//   @elapsed 300                 answers below are given 300 seconds into the attempt
//   QUESTION-ID: ANSWER          e.g.  kc-mining-stage: b
//   QUESTION-ID@CERTAINTY: ANSWER  certainty 1-3 for certainty-based marking
//
// In practice mode a question id may appear again for another try; in assessment mode the last
// answer to a question counts. The answer text is as parse_response reads it.
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/quiz_attempt.hpp"

#include <string>
#include <vector>

namespace alertdrill {

struct ScriptedAnswer {
    int line = 0;
    std::string question_id;
    int certainty = 0; ///< 0 when not given
    double at_seconds = 0;
    std::string text;
};

/// Parses an answers file; malformed lines go to `diags` as FILE:LINE:COL.
bool parse_answer_script(const std::string& text, const std::string& path,
                         std::vector<ScriptedAnswer>& out, Diagnostics& diags);

/// One graded (or stored) try, for front ends to report.
struct ScriptStep {
    size_t question = 0; ///< index in attempt.questions()
    ScriptedAnswer answer;
    TryFeedback feedback;
};

/// Feeds every answer to the attempt. Unknown question ids, malformed answers, tries after a
/// question is finished and late answers are reported with the answer's FILE:LINE; returns false
/// if any was found (the attempt then holds the answers that were valid).
bool run_answer_script(QuizAttempt& attempt, const std::vector<ScriptedAnswer>& answers,
                       const std::string& path, Diagnostics& diags,
                       std::vector<ScriptStep>* steps = nullptr);

} // namespace alertdrill
