#pragma once
// Question banks: the knowledge checks of a module, authored in TOML (content/quizzes/*.toml,
// format guide in content/quizzes/README.md). This header holds the model and the loader;
// quiz_attempt.hpp grades, quiz_result.hpp saves, quiz_stats.hpp analyses, gift.hpp converts.
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/rng.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill {

enum class QuestionType {
    Single,
    Multiple,
    TrueFalse,
    ShortAnswer,
    Numeric,
    Ordering,
    Matching,
    Evidence
};

/// "single", "multiple", "truefalse", "short", "numeric", "ordering", "matching", "evidence".
std::string question_type_name(QuestionType t);
std::optional<QuestionType> parse_question_type(const std::string& name);

/// One choice of a single, multiple-response or true/false question.
struct QuizOption {
    std::string id; ///< stable id used in answer files ("a", "true" ...)
    std::string text;
    /// Share of the question's mark, -1..1. Single: 1 for the right option. Multiple: the
    /// positive fractions sum to 1; negative ones punish wrong picks.
    double fraction = 0;
    std::string feedback;
    std::string misconception; ///< tag naming the misunderstanding a wrong pick reveals
    SourcePos pos;
};

/// A short-answer or numeric answer the grader recognises (right, partly right or a known wrong
/// answer carrying feedback and a misconception).
struct QuizAccept {
    std::string text;     ///< short answer: literal text
    std::string pattern;  ///< short answer: ECMAScript regex matched against the whole answer
    double value = 0;     ///< numeric
    double tolerance = 0; ///< numeric: accepted when |x - value| <= tolerance
    double fraction = 1;
    std::string feedback;
    std::string misconception;
    SourcePos pos;
};

/// An ordering item (listed in the right order) or a matching pair (prompt -> answer).
struct QuizItem {
    std::string id;
    std::string text;          ///< ordering: the step; matching: the prompt
    std::string answer;        ///< matching only: the right choice for the prompt
    std::string misconception; ///< matching: tag when this prompt is matched wrongly
    SourcePos pos;
};

struct ScenarioInstance; // scenario.hpp

/// Where an evidence question's answer comes from: one value of a scenario's instantiated
/// evidence, so each scenario seed (one question variant per seed) has its own right answer.
struct EvidenceSource {
    std::string scenario;        ///< scenario id: <scenarios dir>/<id>.toml
    std::vector<uint64_t> seeds; ///< the scenario seeds, one question variant each (default {1})
    std::string query;           ///< KQL whose result is exactly one value, or
    std::string key;             ///< ...the evidence row with this `_key`,
    std::string column;          ///< ...this column of it
    bool allow_query = true;     ///< the trainee may answer with a KQL query
    /// A query answer counts only when its result has at most this many rows, so `Syslog`
    /// alone (every row, the answer somewhere in it) is not an answer.
    size_t max_query_rows = 5;
    SourcePos scenario_pos; ///< of `scenario`
    SourcePos query_pos;    ///< of `answer_query` (or `answer_key`)
    /// Filled by the loader, one per seed; instantiate_question keeps the chosen variant's.
    std::vector<std::shared_ptr<const ScenarioInstance>> instances;
    std::vector<std::string> answers;
};

enum class Whitespace { Collapse, Ignore, Exact };
enum class OrderingGrading { AllOrNothing, Adjacent };

struct Question {
    std::string id;
    QuestionType type = QuestionType::Single;
    std::string topic;
    std::string text;
    double mark = 1;     ///< the question's weight in the attempt total
    double penalty = -1; ///< per extra practice try; -1 means the bank default
    bool shuffle = true; ///< shuffle options / ordering items / matching choices per seed
    std::vector<std::string> hints; ///< practice mode: hint i is shown after try i fails

    std::string feedback;         ///< general feedback, shown after any answer
    std::string feedback_correct; ///< shown when fully right
    std::string feedback_wrong;   ///< shown when not fully right
    std::string misconception;    ///< tag for a wrong answer with no more specific tag

    std::vector<QuizOption> options;              // single, multiple, truefalse
    std::vector<QuizAccept> accepts;              // short, numeric
    bool case_sensitive = false;                  // short
    Whitespace whitespace = Whitespace::Collapse; // short
    std::string unit;            // numeric: optional unit the trainee may type after the number
    std::vector<QuizItem> items; // ordering (right order), matching (pairs)
    std::vector<std::string> distractors; // matching: extra wrong choices
    OrderingGrading ordering_grading = OrderingGrading::Adjacent;
    /// Evidence questions: the source of the answer. Graded as a short answer (the value,
    /// case-insensitive) or, when allowed, a KQL query whose small result holds the value.
    std::shared_ptr<const EvidenceSource> evidence;

    /// Template questions: each variant maps placeholder names to values; `{{name}}` in any text
    /// is replaced. Empty for ordinary questions. Evidence questions get one variant per scenario
    /// seed holding the scenario's variables.
    std::vector<std::map<std::string, std::string>> variants;
    std::vector<SourcePos> variant_pos; ///< where each variant table starts
    SourcePos pos;

    /// Matching: the distinct answers plus distractors, in authored order.
    std::vector<std::string> match_choices() const;
};

struct QuestionBank {
    std::string id; ///< the file name without .toml
    std::string title;
    std::string description;
    std::string path;
    std::string
        content_hash; ///< FNV-1a of the file's bytes (hex), so results tell bank versions apart
    double penalty = 1.0 / 3.0; ///< default per-try penalty (Moodle's default 33.3%)
    bool shuffle_questions = false;
    int practice_tries = 3;        ///< tries per question in practice mode
    int time_limit_minutes = 0;    ///< assessment; 0 = none
    double pass_percent = 70;      ///< assessment pass mark, percent of the maximum
    int attempts = 1;              ///< assessment attempts allowed per trainee
    int questions_per_attempt = 0; ///< draw this many questions per attempt; 0 = all
    /// Where evidence questions find their scenarios: `scenarios` in [bank], relative to the
    /// bank's folder; default default_scenarios_dir().
    std::string scenarios_dir;
    std::vector<Question> questions;

    const Question* find(const std::string& id) const;
    double max_mark() const;
};

/// Loads and checks a bank (top-level [bank] table). Every problem goes to `diags` as
/// FILE:LINE:COL; returns false when any error was found.
bool load_question_bank(const std::string& path, QuestionBank& out, Diagnostics& diags);
/// Same, from text in memory; `path` names it in diagnostics.
bool load_question_bank_text(const std::string& text, const std::string& path, QuestionBank& out,
                             Diagnostics& diags);

/// The question with variant `variant` filled in (placeholders replaced, variants cleared).
Question instantiate_question(const Question& q, size_t variant);

/// The engine's splitmix64 (rng.hpp) with an unbiased bounded draw and a shuffle that, unlike
/// std::shuffle, gives the same order on every platform for a seed.
class QuizRng {
  public:
    explicit QuizRng(uint64_t seed) : m_rng(seed) {}
    uint64_t next() { return m_rng.next(); }
    /// Uniform in [0, n).
    size_t below(size_t n);
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }

  private:
    Rng m_rng;
};

} // namespace alertdrill
