#pragma once
// Grading a cohort: many transcripts re-scored from their actions (never from the score written
// in the file), with a summary per workflow step and the flags an instructor should look at.
#include "alertdrill/catalog.hpp"
#include "alertdrill/scoring.hpp"
#include "alertdrill/session.hpp"

#include <array>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace alertdrill {

inline constexpr int kCohortVersion = 1;
inline constexpr const char* kCohortFormat = "alertdrill-cohort";

/// Something an instructor should look at. Kinds: hash_mismatch, scenario_missing,
/// replay_failed, non_monotonic (simulated minutes, or the wall clock, going backwards), too_fast
/// (fewer simulated minutes than the expert path, with as many points), wall_clock_too_fast (less
/// real time than a person needs to read and type the actions), identical.
struct GradeFlag {
    std::string kind;
    std::string message;
};

/// One transcript, graded (or not, with the reason in its flags).
struct GradedAttempt {
    std::string path;
    std::string trainee;
    std::string scenario_id;
    std::string scenario_hash;
    uint64_t seed = 0;
    std::string mode;
    std::string started_utc;
    std::string ended_utc;
    std::optional<double> wall_seconds; ///< ended - started, when both are recorded
    bool finished = false;
    size_t action_count = 0;
    int end_min = 0;            ///< simulated minute after the last action
    std::optional<Score> score; ///< set when the replay succeeded
    std::vector<GradeFlag> flags;
    std::string fingerprint; ///< hash of scenario, action lines and minutes
};

/// Count, mean, min, median and max of a set of values.
struct Stats {
    size_t n = 0;
    double mean = 0;
    double min = 0, median = 0, max = 0;
};
Stats compute_stats(std::vector<double> values);

struct CohortSummary {
    size_t attempts = 0;
    size_t graded = 0;
    size_t flagged = 0;
    Stats total;
    std::array<Stats, kStepCount> steps{};
    std::array<int, kStepCount> step_max{};                ///< the largest step maximum seen
    std::vector<std::pair<std::string, int>> most_missed;  ///< rubric id, attempts missing it
    std::vector<std::pair<std::string, int>> most_harmful; ///< rule id, attempts triggering it
    /// "scenario:checkpoint: tag", attempts whose checkpoint answer showed that misconception.
    std::vector<std::pair<std::string, int>> checkpoint_misconceptions;
    Stats time_to_contain; ///< simulated minutes, over contained attempts
    size_t never_contained = 0;
    Stats hints;           ///< hints per graded attempt
    size_t used_hints = 0; ///< attempts with at least one hint
};

struct GradedQuiz;

struct GradeOptions {
    std::string scenarios_dir; ///< "" = the path the transcript names, else the default folder
    std::string banks_dir;     ///< question banks for quiz results; "" = content/quizzes
    unsigned jobs = 1;         ///< worker threads (0 = hardware concurrency)
    /// Real seconds a person needs at least per action (reading the outcome, typing the next).
    /// A transcript whose wall-clock duration is below this times its actions is flagged.
    double min_seconds_per_action = 2;
    QueryRunner runner; ///< for run_query actions
};

/// Transcript files under `paths` (files as given, folders searched recursively for *.json),
/// sorted. Paths that do not exist go to `missing`.
std::vector<std::string> collect_json_files(const std::vector<std::string>& paths,
                                            std::vector<std::string>& missing);

/// Grades every file. A file that is not a readable transcript goes to `unreadable` as
/// "FILE: message"; other formats are listed in `skipped`. Quiz results are re-graded into
/// `quizzes` when it is given (cohort_quiz.hpp), else skipped too.
std::vector<GradedAttempt> grade_files(const std::vector<std::string>& files,
                                       const Catalog& catalog, const GradeOptions& opts,
                                       std::vector<std::string>& unreadable,
                                       std::vector<std::string>& skipped,
                                       std::vector<GradedQuiz>* quizzes = nullptr);

/// Adds the cross-attempt flags (identical sequences) and computes the summary.
CohortSummary summarize(std::vector<GradedAttempt>& attempts);

/// Stable, versioned (`format`: alertdrill-cohort, `version`: 1).
nlohmann::json cohort_to_json(const std::vector<GradedAttempt>& attempts,
                              const CohortSummary& summary);
/// One row per attempt: path, trainee, scenario, seed, mode, total, the five steps,
/// time to contain, hints, harmful count, flags.
std::string cohort_to_csv(const std::vector<GradedAttempt>& attempts);
/// A CSV field quoted when it needs to be (and cells starting with = + - @ defused).
std::string csv_field(const std::string& s);

} // namespace alertdrill
