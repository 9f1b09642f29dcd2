#pragma once
// Helpers shared by the terminal commands.
#include "alertdrill/catalog.hpp"
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/scoring.hpp"
#include "alertdrill/session.hpp"

#include <iosfwd>
#include <optional>
#include <string>

namespace alertdrill::cli {

/// Prints diagnostics to stderr (escaped), with a one-line count when there are several.
void print_diagnostics(const Diagnostics& d);
/// Loads content/actions.toml (or $ALERTDRILL_CONTENT/actions.toml); prints problems.
std::optional<Catalog> load_catalog_or_report();
/// The debrief: the score by step, every point lost and why, the expert path.
void print_debrief(std::ostream& out, const Session& s, const Score& score);
/// The versioned `--json` score document of play and score: score_to_json plus format, version,
/// scenario, seed and the variant's variables.
std::string score_document(const Session& s, const Score& score, uint64_t seed);
/// Parses "name=value" variant overrides.
bool parse_variants(const std::vector<std::string>& items, std::map<std::string, std::string>& out,
                    std::string& error);
/// Current wall-clock time, ISO 8601 UTC.
std::string utc_now_iso();
/// Text from files made safe for the terminal.
std::string safe(const std::string& s);

} // namespace alertdrill::cli
