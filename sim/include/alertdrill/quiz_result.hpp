#pragma once
// A finished quiz attempt, saved as versioned JSON ("format": "alertdrill-quiz-result").
#include "alertdrill/diagnostics.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace alertdrill {

inline constexpr int kQuizResultVersion = 1;
inline constexpr const char* kQuizResultFormat = "alertdrill-quiz-result";

struct QuestionResult {
    std::string id;
    std::string type;
    std::string topic;
    size_t variant = 0;
    double max_mark = 1;
    double fraction = 0; ///< last try's raw fraction, 0..1
    double mark = 0;     ///< what the question earned (after penalty; certainty-scaled under CBM)
    int tries = 0;
    int certainty = 0; ///< 1..3 under CBM, else 0
    bool answered = false;
    std::string response; ///< text form, as parse_response reads it
    std::vector<std::string> misconceptions;
    std::vector<std::string> feedback;
};

/// Calibration for one certainty level: how often answers given with it were right.
struct CalibrationRow {
    int certainty = 0;
    int count = 0;
    double mean_fraction = 0;
    std::string judgement; ///< "well calibrated", "over-confident", "under-confident"
};

struct QuizResult {
    int version = kQuizResultVersion;
    std::string bank_id;
    std::string bank_title;
    std::string bank_hash; ///< content hash of the bank file the attempt used
    std::string mode;      ///< "practice" or "assessment"
    std::string trainee;
    uint64_t seed = 0;
    bool cbm = false;
    double elapsed_seconds = 0;
    double time_limit_seconds = 0; ///< 0 = none
    bool time_up = false;          ///< answers after the limit were not accepted
    std::vector<QuestionResult> questions;
    double mark = 0;
    double max_mark = 0;
    double percent = 0; ///< mark / max_mark * 100 (may be negative under CBM)
    double pass_percent = 0;
    bool passed = false;
    double accuracy_percent = 0;             ///< mean raw fraction * 100, certainty aside
    std::vector<CalibrationRow> calibration; ///< CBM only
};

std::string quiz_result_to_json(const QuizResult& r);
/// Parses a result: every problem goes to `diags` at its FILE:LINE:COL (wrong types, values out of
/// range, unknown keys); a newer format version is refused, naming both versions.
bool parse_quiz_result(const std::string& text, const std::string& path, QuizResult& out,
                       Diagnostics& diags);
/// The same with the diagnostics as one string (one per line). `path` names the source.
bool quiz_result_from_json(const std::string& text, const std::string& path, QuizResult& out,
                           std::string& error);
bool load_quiz_result(const std::string& path, QuizResult& out, Diagnostics& diags);
bool load_quiz_result(const std::string& path, QuizResult& out, std::string& error);
/// Written atomically (temp file, fsync, rename).
bool save_quiz_result(const std::string& path, const QuizResult& r, std::string& error);

} // namespace alertdrill
