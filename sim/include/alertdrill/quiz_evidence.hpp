#pragma once
// Evidence questions: the right answer is one value of a scenario's instantiated evidence
// (computed from the author's KQL query or an evidence row's column), and a trainee may answer
// with the value or with a KQL query whose small result holds it.
#include "alertdrill/kql.hpp"
#include "alertdrill/quiz.hpp"
#include "alertdrill/scenario.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace alertdrill {

/// Bounds on a query run for an evidence question (author's or trainee's): the rows kept and the
/// row-visit budget, well below the console's so a bad query fails fast.
inline constexpr size_t kEvidenceQueryWork = 5'000'000;
inline constexpr size_t kEvidenceQueryRows = 1000;

/// Runs KQL over every row of the instance's tables, with now() at the scenario's end.
std::variant<kql::Result, kql::Error> run_evidence_query(const ScenarioInstance& inst,
                                                         std::string_view query);

/// The right answer for one instance: the query's single value, or the key row's column.
/// nullopt with `error` when the query fails or does not give exactly one non-empty value.
std::optional<std::string> evidence_answer(const ScenarioInstance& inst, const EvidenceSource& ev,
                                           std::string& error);

/// Whether an answer is KQL rather than a value: its first word names one of the instance's
/// tables or starts a KQL statement (let, print, union, datatable, range).
bool looks_like_query(const ScenarioInstance& inst, std::string_view text);

struct EvidenceGrade {
    bool right = false;
    bool was_query = false;
    std::string note; ///< for a query answer: what its result held, or why it did not count
};

/// Grades an instantiated evidence question (one seed): the value compared case-insensitively
/// with runs of whitespace collapsed, or the query's result (at most max_query_rows rows) holding
/// a cell equal to the value.
EvidenceGrade grade_evidence(const Question& q, std::string_view answer);

} // namespace alertdrill
