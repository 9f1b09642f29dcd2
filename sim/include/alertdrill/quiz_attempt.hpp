#pragma once
// Taking a question bank: responses, grading of every question type, and an attempt in practice
// mode (immediate feedback, retries with Moodle's interactive penalty, hints) or assessment mode
// (time limit, feedback only at the end, pass mark), optionally with certainty-based marking.
#include "alertdrill/quiz.hpp"
#include "alertdrill/quiz_result.hpp"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace alertdrill {

enum class QuizMode { Practice, Assessment };
std::string quiz_mode_name(QuizMode m);

/// A trainee's answer to one question.
struct QuizResponse {
    std::vector<std::string>
        choices; ///< option ids (single, multiple, truefalse); item ids in order (ordering)
    std::map<std::string, std::string> matches; ///< matching: pair id -> chosen answer
    std::string text;                           ///< short answer text; numeric answer as typed
    bool answered() const { return !choices.empty() || !matches.empty() || !text.empty(); }
};

/// Parses the text form of an answer, as written in answer files and typed at the prompt:
/// single/truefalse `b` / `true`; multiple `a, c`; short any text; numeric `42` or `42 GB`;
/// ordering `context, analysis, contain, posture` (every item id once); matching
/// `mining=Execution; ssh=Probing` (pair id = choice text, case-insensitive). Blank means
/// unanswered. When `positions` is given (display order of option/item ids, or of matching
/// choices), a number n stands for the n-th shown. False with `error` for a malformed answer.
bool parse_response(const Question& q, std::string_view text, QuizResponse& out, std::string& error,
                    const std::vector<std::string>* positions = nullptr);
/// The canonical text form of a response (what parse_response reads back).
std::string format_response(const Question& q, const QuizResponse& r);
/// A numeric answer's value, with the question's unit (if any) stripped; nullopt if not a number.
std::optional<double> parse_numeric_answer(const Question& q, std::string_view text);
/// The right answer in the same text form, for feedback.
std::string right_answer(const Question& q);

struct Grade {
    double fraction = 0;               ///< 0..1 share of the mark, before penalties and certainty
    std::vector<std::string> feedback; ///< per-option / per-answer feedback for what was given
    std::vector<std::string> misconceptions;
};
Grade grade_response(const Question& q, const QuizResponse& r);

/// Certainty-based marking (Moodle's CBM): certainty 1..3; a right answer earns 1/2/3, a wrong one
/// 0/-2/-6, a partly right one in proportion. Returns a multiple of the question's mark.
double cbm_score(double fraction, int certainty);

/// A question as this attempt shows it: its variant filled in and its parts in shuffled order.
struct PresentedQuestion {
    Question question;
    size_t variant = 0;
    std::vector<std::string> order; ///< option ids, item ids, or matching choices as displayed
};

/// What the trainee is told after a try (practice) or a stored answer (assessment: nothing).
struct TryFeedback {
    bool graded = false;   ///< false in assessment mode
    double fraction = 0;   ///< this try's raw fraction
    double mark = 0;       ///< current mark for the question after penalty (and certainty)
    bool finished = false; ///< right, or out of tries
    int tries_left = 0;
    std::string hint; ///< practice: shown before the next try
    std::vector<std::string> feedback;
    std::string right_answer; ///< practice: shown once finished
};

class QuizAttempt {
  public:
    /// `cbm` asks for a certainty (1..3) with each answer. The attempt keeps a pointer to `bank`,
    /// which must outlive it.
    QuizAttempt(const QuestionBank& bank, QuizMode mode, uint64_t seed, bool cbm);

    QuizMode mode() const { return m_mode; }
    bool cbm() const { return m_cbm; }
    const std::vector<PresentedQuestion>& questions() const { return m_questions; }
    /// Index of a question of this attempt, -1 when the id is not in it.
    int index_of(const std::string& id) const;
    bool finished(size_t index) const { return m_state[index].finished; }
    /// Seconds; 0 = no limit (practice has none).
    double time_limit_seconds() const;

    /// Records an answer given `at_seconds` after the start. Practice grades it at once; assessment
    /// keeps the last answer for grading at the end. False with `error` when the question is
    /// already finished, the certainty is missing or out of range, or the time is up.
    bool submit(size_t index, const QuizResponse& r, int certainty, double at_seconds,
                TryFeedback& fb, std::string& error);
    /// Re-grading a saved attempt: question `index` was last answered `r` (with `certainty` under
    /// CBM) on try number `tries`. The mark comes from grading `r` again. False with `error` when
    /// the tries or the certainty are out of range for this bank and mode.
    bool restore(size_t index, const QuizResponse& r, int tries, int certainty, std::string& error);
    /// Grades everything and builds the result; `elapsed_seconds` is the attempt's duration.
    QuizResult finish(double elapsed_seconds) const;

  private:
    struct State {
        std::vector<QuizResponse> tries;
        std::vector<int> certainties;
        bool finished = false;
    };
    double question_mark(size_t index, double& fraction, std::vector<std::string>& feedback,
                         std::vector<std::string>& misconceptions) const;

    const QuestionBank* m_bank;
    QuizMode m_mode;
    uint64_t m_seed;
    bool m_cbm;
    bool m_time_up = false;
    std::vector<PresentedQuestion> m_questions;
    std::vector<State> m_state;
};

/// Re-grades a saved result from its answers against `bank` (never from the marks written in
/// it): the same questions, variants and order from its seed, each stored response parsed and
/// graded again. False with `error` when the result does not fit the bank (another version, a
/// question the seed does not draw, an answer that does not parse).
bool regrade_quiz_result(const QuestionBank& bank, const QuizResult& stored, QuizResult& out,
                         std::string& error);

} // namespace alertdrill
