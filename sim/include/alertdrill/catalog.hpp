#pragma once
// The global action catalog (content/actions.toml): every action a trainee can take, shared by
// all scenarios. A scenario says what an action does in it; the rest get the catalog default.
#include "alertdrill/diagnostics.hpp"
#include "alertdrill/model.hpp"

#include <string>
#include <vector>

namespace alertdrill {

/// What an action acts on.
enum class TargetKind { None, Resource, Alert, Ip, Account, Process, File, Text, Minutes };
std::string_view target_kind_name(TargetKind k);

struct ActionDef {
    std::string id;
    std::string name;        ///< short human name, e.g. "Isolate the VM"
    std::string description; ///< one line: what it does
    Step step = Step::Analysis;
    int minutes = 5; ///< simulated minutes it costs
    TargetKind target = TargetKind::None;
    std::vector<std::string> resource_kinds; ///< for Resource targets: allowed kinds (empty = any)
    std::vector<std::string> aliases;
    std::string default_outcome; ///< {target} is replaced by the target
    /// Deletes or rebuilds something: on a production resource the scenario did not call for,
    /// it is harmful by default.
    bool destructive = false;
    SourcePos pos;
};

/// An investigation button: a threat-analysis action that examines something (a resource, an
/// address, an account, a process, the estate) and whose findings live in log rows a query can
/// reach. The other analysis actions are decisions on an alert (read, classify, stage, link) or
/// take text (the query itself, a rule simulation).
inline bool is_investigation(const ActionDef& a) {
    return a.step == Step::Analysis && a.target != TargetKind::Alert &&
           a.target != TargetKind::Text;
}

class Catalog {
  public:
    const std::vector<ActionDef>& actions() const { return m_actions; }
    /// By id or alias; nullptr if unknown.
    const ActionDef* find(std::string_view id_or_alias) const;
    std::vector<std::string> ids() const;
    void add(ActionDef a);
    const std::string& path() const { return m_path; }
    /// A hash of what a scenario takes from the catalog while it is built (each action's id,
    /// aliases and step), kept up to date by add(): resolved scenarios are cached under it.
    uint64_t fingerprint() const { return m_fingerprint; }
    void set_path(std::string p) { m_path = std::move(p); }

  private:
    std::vector<ActionDef> m_actions;
    std::string m_path;
    uint64_t m_fingerprint = 0xcbf29ce484222325ULL;
};

/// Resource kinds a scenario may declare (vm, storage, sql, appservice, identity, nsg ...).
const std::vector<std::string>& resource_kinds();

/// Loads and checks the catalog; every problem goes to `diags`.
bool load_catalog(const std::string& path, Catalog& out, Diagnostics& diags);
/// The same for text in memory; `path` names it in diagnostics.
bool load_catalog_text(std::string_view text, const std::string& path, Catalog& out,
                       Diagnostics& diags);
/// content/actions.toml beside the binary's source tree, or $ALERTDRILL_CONTENT.
std::string default_catalog_path();
std::string default_scenarios_dir();

} // namespace alertdrill
