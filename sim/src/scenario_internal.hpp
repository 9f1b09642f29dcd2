#pragma once
// Shared between the scenario loader's phases; not part of the public API.
#include "alertdrill/catalog.hpp"
#include "alertdrill/model.hpp"
#include "alertdrill/scenario.hpp"
#include "alertdrill/toml_reader.hpp"

#include <atomic>
#include <memory>
#include <mutex>

namespace alertdrill::detail {

void build_scenario(TableReader& top, ScenarioDef& s, const Catalog& catalog);
/// Builds (and with `check`, checks) a scenario from its parsed document; `text` is the file's
/// text (content hash, variants). `validate` parses each file once to learn its kind, then
/// hands the document here rather than parsing it again.
std::optional<ScenarioDef> build_scenario_doc(const toml::table& doc, const std::string& text,
                                              const std::string& path, const Catalog& catalog,
                                              Diagnostics& diags, const ScenarioLimits& limits,
                                              bool check);
/// The action catalog from its parsed document (see build_scenario_doc).
bool load_catalog_doc(const toml::table& doc, const std::string& path, Catalog& out,
                      Diagnostics& diags);
void build_rules(TableReader& top, ScenarioDef& s, const Catalog& catalog);
void build_suppressions(TableReader& top, ScenarioDef& s);
/// [[checkpoint]] tables, each with an inline [checkpoint.question] (scenario_checkpoints.cpp).
void build_checkpoints(TableReader& top, ScenarioDef& s);
void check_checkpoints(const ScenarioDef& s, const Catalog& catalog, Diagnostics& diags);
/// `rule = { alert_type, entities, reasons, max_days }` of a rubric item.
RuleCheck read_rule_check(TableReader& r);
void check_scenario(const ScenarioDef& s, const Catalog& catalog, const ScenarioLimits& limits,
                    Diagnostics& diags);

/// `when = { var = "value" }` of the table, or empty.
Condition read_when(TableReader& r);

/// "T-40m", "T+2h", "T-1d" -> minutes relative to the scenario start.
std::optional<int> parse_relative_minutes(std::string_view text);
void check_cell(TableReader& row, const std::string& name, const toml::node& v, ColumnType type,
                const std::string& label);
void s_diag_unknown_column(TableReader& row, const std::string& name, const std::string& label,
                           const std::vector<std::string>& cols);

/// The evidence tables of one resolved scenario and seed (authored rows plus seeded noise,
/// sorted by time), each generated when first asked for.
class EvidenceSet {
  public:
    EvidenceSet(std::shared_ptr<const ScenarioDef> def, uint64_t seed);
    /// Table `ti` of the scenario; thread-safe; the reference lives as long as the set.
    const EvidenceTable& get(size_t ti);
    /// Bytes held by the tables generated so far (never waits for one being generated).
    size_t memory_bytes() const { return m_bytes; }
    size_t generated() const { return m_generated; }

  private:
    std::shared_ptr<const ScenarioDef> m_def;
    uint64_t m_seed;
    std::mutex m_mutex;
    std::vector<std::unique_ptr<const EvidenceTable>> m_tables;
    std::atomic<size_t> m_bytes{0}, m_generated{0};
};

/// The set for `def` (resolved under `resolved_key`) at `seed`: shared with every live instance
/// of the same, and kept for a while after the last one goes (within a memory budget).
std::shared_ptr<EvidenceSet> evidence_set_for(std::shared_ptr<const ScenarioDef> def, uint64_t seed,
                                              const std::string& resolved_key);

/// True when `when` holds for the chosen variable values.
bool condition_holds(const Condition& when, const std::map<std::string, std::string>& vars);

} // namespace alertdrill::detail
