#pragma once
// Item analysis over many quiz attempts, computed as Moodle's quiz statistics report does
// (question/classes/statistics/questions/calculator.php and mod/quiz/report/statistics): sample
// variances with s - 1, the discrimination index as the correlation of a question's mark with the
// rest of the test, discriminative efficiency against the best covariance the marks allow,
// Cronbach's alpha as the coefficient of internal consistency.
#include "alertdrill/quiz_result.hpp"

#include <optional>
#include <string>
#include <vector>

namespace alertdrill {

struct QuestionStats {
    std::string id;
    std::string type;
    int attempts = 0; ///< s: attempts that included the question
    double max_mark = 1;
    double mean_mark = 0;
    double facility = 0;                             ///< mean mark / max mark, percent
    std::optional<double> sd;                        ///< of the mark, percent of max mark (s > 1)
    std::optional<double> discrimination;            ///< percent: 100 * r(mark, rest of test)
    std::optional<double> discriminative_efficiency; ///< percent: 100 * cov / max possible cov
    std::optional<double> mark_variance;             ///< in marks squared (s > 1)
};

struct TestStats {
    int attempts = 0;
    double max_mark = 0;
    double mean = 0;                ///< in marks
    double median = 0;              ///< in marks
    std::optional<double> sd;       ///< in marks (s > 1)
    std::optional<double> skewness; ///< s > 2
    std::optional<double> kurtosis; ///< excess kurtosis, s > 3
    std::optional<double>
        alpha; ///< Cronbach's alpha / coefficient of internal consistency, percent
    std::optional<double> error_ratio;    ///< percent: 100 * sqrt(1 - alpha)
    std::optional<double> standard_error; ///< in marks: error ratio * SD
};

struct MisconceptionCount {
    std::string tag;
    int count = 0;    ///< answers showing it
    int attempts = 0; ///< distinct attempts showing it
    std::vector<std::string> questions;
};

struct ItemAnalysis {
    std::string bank_id;
    std::string bank_title;
    TestStats test;
    std::vector<QuestionStats> questions;           ///< in order of first appearance
    std::vector<MisconceptionCount> misconceptions; ///< most common first
    /// Things a reader of the numbers should know, e.g. attempts from different bank versions.
    std::vector<std::string> warnings;
};

/// Analyses attempts at one bank (each result is one attempt). Results of other banks are refused:
/// false with `error`.
bool analyse_results(const std::vector<QuizResult>& results, ItemAnalysis& out, std::string& error);

std::string item_analysis_to_json(const ItemAnalysis& a);

} // namespace alertdrill
