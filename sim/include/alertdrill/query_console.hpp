#pragma once
// The query console's glue between a session and the KQL engine: run a trainee's query over
// every table of the workspace as it stands at the session's simulated clock, and render it.
#include "alertdrill/kql.hpp"
#include "alertdrill/session.hpp"

#include <string>

namespace alertdrill {

/// Rows shown in a query's text outcome (the result itself may hold more).
inline constexpr size_t k_query_rows_shown = 50;

/// Runs `query` over every table of the session (Session::queryable_table_names) with now() at the
/// session clock. The text is the rendered result (deterministic: no timings) or the caret error;
/// found_keys lists the key evidence the result surfaced.
QueryOutcome run_session_query(const Session& s, const std::string& query);

/// Every table of the session's workspace as it stands at its clock, each copied only when a
/// query reads it. The set borrows `s`.
kql::TableSet session_table_set(const Session& s);

/// Every evidence table of `inst` with all its rows (no clock), each generated only when a query
/// reads it. The set borrows `inst`.
kql::TableSet instance_table_set(const ScenarioInstance& inst);

/// The result as aligned text columns: header, at most `max_rows` rows (cells cut at 60
/// characters, control characters escaped), then a row count line and any notice.
std::string render_result_text(const kql::Result& r, size_t max_rows = k_query_rows_shown);

} // namespace alertdrill
