#pragma once
// Self-contained HTML pages (inline CSS and SVG, no external assets): one trainee's debrief and
// a cohort's summary. Every piece of text from a file is escaped.
#include "alertdrill/cohort.hpp"
#include "alertdrill/scoring.hpp"
#include "alertdrill/session.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace alertdrill {

/// `&`, `<`, `>`, `"` and `'` as entities; control characters dropped.
std::string html_escape(std::string_view s);

/// The debrief of a replayed session: score bar chart by step, timeline of alerts, actions and
/// attacker moves beside the expert path (played on the same variant), every point lost.
std::string debrief_html(const Session& session, const Score& score, const std::string& trainee,
                         const std::string& started_utc);

struct QuizCohort;
/// The cohort page: distribution per step, most missed and harmful, flags, one row per attempt;
/// with `quizzes`, the knowledge checks' item analysis and misconceptions too.
std::string cohort_html(const std::vector<GradedAttempt>& attempts, const CohortSummary& summary,
                        const QuizCohort* quizzes = nullptr);

} // namespace alertdrill
