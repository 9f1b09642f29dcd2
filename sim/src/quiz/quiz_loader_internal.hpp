#pragma once
// Shared between the bank loader's files; not part of the public API.
#include "alertdrill/quiz.hpp"
#include "alertdrill/toml_reader.hpp"

#include <optional>

namespace alertdrill::quiz_detail {

/// Reads a [[question]] table into a Question (type-specific keys included); nullopt when its type
/// is unusable. Whole-question checks (fractions, placeholders) run afterwards in check_question.
/// With `fixed_id`, the question takes that id and has no `id` key (a scenario checkpoint's).
std::optional<Question> read_question(TableReader& r, const QuestionBank& bank,
                                      const std::string* fixed_id = nullptr);
void check_question(const Question& q, Diagnostics& diags);
/// Like TableReader::tables, but each element is named after its `id` ("option 'b' of question
/// 'q1'") so messages point at something an author recognises.
std::vector<TableReader> named_tables(TableReader& parent, std::string_view key, bool required,
                                      const std::string& noun, const std::string& suffix);
/// Evidence questions: loads each named scenario (once per bank), instantiates every listed seed,
/// computes the right answer per seed and sets the question's variants to the scenario's
/// variables. Every problem (missing scenario, a query that does not parse or does not give
/// exactly one value, an unknown placeholder) goes to `diags` at the question's keys.
void resolve_evidence(QuestionBank& bank, Diagnostics& diags);
/// Every authored text of a question (where placeholders may appear).
std::vector<const std::string*> all_texts(const Question& q);
/// Every `{{name}}` placeholder in `text`.
std::vector<std::string> placeholders(const std::string& text);
std::string fill_placeholders(const std::string& text,
                              const std::map<std::string, std::string>& values);

} // namespace alertdrill::quiz_detail
