#pragma once
// `alertdrill validate`: any authored file, recognised by its top-level key ([scenario],
// [[action]], [bank]), checked with its own loader.
#include "alertdrill/catalog.hpp"
#include "alertdrill/diagnostics.hpp"

#include <string>
#include <vector>

namespace alertdrill {

enum class FileKind { Scenario, Catalog, QuestionBank, Unknown };

/// Validates one file; returns its kind. Problems go to `diags`.
FileKind validate_file(const std::string& path, const Catalog& catalog, Diagnostics& diags);

/// Expands folders (recursively, *.toml, sorted) and keeps files as given.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths, Diagnostics& diags);

} // namespace alertdrill
