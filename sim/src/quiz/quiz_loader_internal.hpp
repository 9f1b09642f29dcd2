#pragma once
// Shared between the bank loader's files; not part of the public API.
#include "alertdrill/quiz.hpp"
#include "alertdrill/toml_reader.hpp"

#include <optional>

namespace alertdrill::quiz_detail {

/// Reads a [[question]] table into a Question (type-specific keys included); nullopt when its type
/// is unusable. Whole-question checks (fractions, placeholders) run afterwards in check_question.
std::optional<Question> read_question(TableReader& r, const QuestionBank& bank);
void check_question(const Question& q, Diagnostics& diags);
/// Like TableReader::tables, but each element is named after its `id` ("option 'b' of question
/// 'q1'") so messages point at something an author recognises.
std::vector<TableReader> named_tables(TableReader& parent, std::string_view key, bool required,
                                      const std::string& noun, const std::string& suffix);
/// Every `{{name}}` placeholder in `text`.
std::vector<std::string> placeholders(const std::string& text);
std::string fill_placeholders(const std::string& text,
                              const std::map<std::string, std::string>& values);

} // namespace alertdrill::quiz_detail
