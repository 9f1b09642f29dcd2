#pragma once
// Moodle's GIFT format, so banks move between alertdrill and an LMS. GIFT has no ids, topics,
// hints or misconception tags; the writer keeps them in `// @key value` comment lines just before
// each question, which other GIFT readers ignore and ours reads back, so a bank round-trips.
// Ordering questions and short answers given as patterns have no GIFT form and are skipped with a
// warning; a template question is written once per variant.
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/quiz.hpp"

#include <string>
#include <vector>

namespace alertdrill {

/// One answer inside GIFT braces.
struct GiftAnswer {
    char mark = '~';         ///< '=' (right / short-answer / match) or '~' (wrong or weighted)
    bool has_weight = false; ///< an explicit %n% was given
    double weight = 0;       ///< percent, when has_weight
    std::string text;        ///< choice text; matching: the prompt
    std::string match;       ///< matching: the answer after "->"
    bool has_feedback = false;
    std::string feedback;
    double value = 0, tolerance = 0; ///< numerical
};

/// One GIFT question as written, before it becomes a Question.
struct GiftQuestion {
    std::string kind; ///< MC, TF, Short, Numerical, Matching, Essay, Description
    bool has_title = false;
    std::string title;
    std::string stem;
    bool has_global_feedback = false;
    std::string global_feedback;
    bool tf_answer = false;
    bool tf_has_wrong = false, tf_has_right = false;
    std::string tf_wrong_feedback, tf_right_feedback; ///< {T#wrong#right}
    std::vector<GiftAnswer> answers;
    std::vector<std::pair<std::string, std::string>> meta; ///< `// @key value` lines before it
    SourcePos pos;
};

/// Parses GIFT text; problems go to `diags` as FILE:LINE:COL. False on any error.
bool parse_gift(const std::string& text, const std::string& path, std::vector<GiftQuestion>& out,
                Diagnostics& diags);

/// A neutral JSON form of parsed GIFT (types, texts, weights in percent, feedback), the same shape
/// tests/oracles/gift/normalise.js makes from gift-pegjs's output, so the two readers can be
/// compared question by question.
std::string gift_normalised_json(const std::vector<GiftQuestion>& qs);

/// Builds a bank from GIFT questions. Essays and descriptions are skipped with a warning.
bool gift_to_bank(const std::vector<GiftQuestion>& qs, const std::string& path, QuestionBank& out,
                  Diagnostics& diags);
/// Reads a .gift file into a bank (parse_gift + gift_to_bank). The bank takes the file's stem as
/// its id and title.
bool import_gift(const std::string& path, QuestionBank& out, Diagnostics& diags);

/// Writes a bank as GIFT; what GIFT cannot express is reported in `diags` as warnings.
std::string bank_to_gift(const QuestionBank& bank, Diagnostics& diags);

/// Writes a bank in alertdrill's TOML format (content/quizzes/README.md); load_question_bank reads
/// it back to an equal bank.
std::string bank_to_toml(const QuestionBank& bank);

} // namespace alertdrill
