#pragma once
// The knowledge checks of a cohort: quiz result files re-graded from their answers against their
// banks (a mark written in a file is never trusted), grouped by bank, with Moodle's item analysis
// (quiz_stats.hpp) and the most common misconceptions.
#include "alertdrill/cohort.hpp"
#include "alertdrill/quiz.hpp"
#include "alertdrill/quiz_result.hpp"
#include "alertdrill/quiz_stats.hpp"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill {

/// One quiz result file. Flags: bank_missing, hash_mismatch, regrade_failed (not graded), and
/// score_mismatch (graded; the mark written in the file is not what its answers earn).
struct GradedQuiz {
    std::string path;
    std::string trainee;
    std::string bank_id;
    std::string mode;
    double written_percent = 0;       ///< as the file says; shown, never used
    std::optional<QuizResult> result; ///< re-graded from the answers
    std::vector<GradeFlag> flags;
};

/// Question banks loaded once each, by id, from a folder; safe to share between threads.
class BankCache {
  public:
    /// `dir` "" = content/quizzes (or $ALERTDRILL_CONTENT/quizzes).
    explicit BankCache(std::string dir);
    /// The bank `<dir>/<id>.toml`, or null with `error` (the first diagnostic).
    std::shared_ptr<const QuestionBank> get(const std::string& id, std::string& error);

  private:
    struct Entry {
        std::shared_ptr<const QuestionBank> bank;
        std::string error;
    };
    std::string m_dir;
    std::mutex m_mutex;
    std::map<std::string, Entry> m_items;
};

/// Re-grades the quiz result in `text` (read from `path`); false with `error` when it is not a
/// readable result at all.
bool grade_quiz_text(const std::string& path, const std::string& text, BankCache& banks,
                     GradedQuiz& out, std::string& error);

struct QuizCohort {
    std::vector<GradedQuiz> results;
    std::vector<ItemAnalysis> banks; ///< one per bank with re-graded results, by bank id
    size_t graded = 0;
    size_t flagged = 0;
};

/// Groups the re-graded results by bank and analyses each group.
QuizCohort summarize_quizzes(std::vector<GradedQuiz> results);

/// {"results": [...], "banks": [item analysis as quiz-stats --json gives it]}.
nlohmann::json quiz_cohort_to_json(const QuizCohort& q);
/// One row per result: path, trainee, bank, mode, graded, mark, max_mark, percent,
/// written_percent, passed, flags.
std::string quiz_results_to_csv(const QuizCohort& q);
/// One row per question of each bank: bank, question, type, attempts, facility, sd,
/// discrimination, discriminative_efficiency (percent; empty when undefined).
std::string quiz_items_to_csv(const QuizCohort& q);
/// The knowledge-check section of the cohort page.
std::string quiz_cohort_html(const QuizCohort& q);

} // namespace alertdrill
