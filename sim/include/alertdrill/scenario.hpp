#pragma once
// Loading scenarios in three phases (parse with toml++, build typed structs, check
// cross-references) and instantiating one variant of a scenario for a seed.
#include "alertdrill/catalog.hpp"
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/limits.hpp"
#include "alertdrill/model.hpp"
#include "alertdrill/table.hpp"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace alertdrill {

/// Limits that keep a bad file from taking the machine.
/// The defaults are in limits.hpp; tests and fuzzers lower them.
struct ScenarioLimits {
    size_t max_file_bytes = limits::k_scenario_bytes;
    int64_t max_noise_rows = limits::k_noise_rows_per_table; ///< per table
    int64_t max_total_rows = limits::k_scenario_rows;        ///< over all tables of a scenario
};

/// Parses, builds and checks a scenario file. Returns nullopt when it has errors (all of them
/// are in `diags`); warnings alone do not fail it.
std::optional<ScenarioDef> load_scenario(const std::string& path, const Catalog& catalog,
                                         Diagnostics& diags, const ScenarioLimits& limits = {});

/// The same for text in memory; `path` names it (and gives the id).
std::optional<ScenarioDef> load_scenario_text(const std::string& text, const std::string& path,
                                              const Catalog& catalog, Diagnostics& diags,
                                              const ScenarioLimits& limits = {});

/// One evidence table of an instance: every row the scenario can ever show in it, sorted by
/// TimeGenerated when present. Whether a row is visible depends on the session (revealed, its
/// time reached, its event fired).
struct EvidenceTable {
    Table table;
    /// Per row: the simulated minute of the row (INT32_MIN when no time column).
    std::vector<int> row_minute;
    /// Per row: the attacker event id that must fire first, or "".
    std::vector<std::string> row_after;
};

namespace detail {
class EvidenceSet; // the tables of one resolved scenario and seed, made on first use
}

/// One playable variant: variables resolved, `when` filters applied. Its evidence tables are
/// generated when first read (a replay that runs no query reads none, a query reads the tables it
/// names), and instances of the same resolved scenario and seed share them.
struct ScenarioInstance {
    std::shared_ptr<const ScenarioDef> resolved; ///< templates substituted, filtered by `when`
    uint64_t seed = 0;
    std::map<std::string, std::string> variables;
    std::shared_ptr<detail::EvidenceSet> evidence_set;

    const ScenarioDef& def() const { return *resolved; }
    size_t table_count() const { return resolved->tables.size(); }
    int table_index(std::string_view name) const;
    /// Table `ti` (< table_count()) with its row minutes and triggers, generated on first use.
    /// Safe to call from several threads.
    const EvidenceTable& evidence(size_t ti) const;
    const Table& table(size_t ti) const { return evidence(ti).table; }
    /// How many of its tables have been generated so far (by this or a sharing instance).
    size_t tables_generated() const;
};

/// Chooses each variable's value from the seed (unless `overrides` fixes it), substitutes
/// `{name}` throughout, applies `when` filters and generates noise deterministically.
std::shared_ptr<const ScenarioInstance>
instantiate(const ScenarioDef& def, const Catalog& catalog, uint64_t seed, Diagnostics& diags,
            const std::map<std::string, std::string>& overrides = {});

/// The stable 64-bit FNV-1a hash of text, as 16 hex digits (scenario content identity).
std::string content_hash(std::string_view text);

/// A scenario summary for pickers and `alertdrill list`.
struct ScenarioInfo {
    std::string id, path, title, difficulty, summary;
    int estimated_minutes = 0;
    std::vector<std::string> objectives;
    bool valid = true;
    std::string first_error;
};
/// Loads every *.toml in `dir` (sorted by id); broken ones are listed with their first error.
std::vector<ScenarioInfo> list_scenarios(const std::string& dir, const Catalog& catalog);

} // namespace alertdrill
