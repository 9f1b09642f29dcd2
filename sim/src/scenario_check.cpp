// Phase 3 of loading: cross-references and consistency. Every dangling name is an error; legal
// but suspicious things are warnings.
#include "scenario_internal.hpp"

#include "alertdrill/text.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

namespace alertdrill::detail {

namespace {

struct Checker {
    const ScenarioDef& s;
    const Catalog& catalog;
    Diagnostics& d;
    std::vector<std::string> resource_ids, alert_ids, table_names, event_ids, action_ids, keys;
    std::set<std::string> flags_set; ///< flags any response or event can set
    /// Per name list, its names as a set: a file with tens of thousands of alerts must not cost
    /// a linear search per reference.
    std::map<const std::vector<std::string>*, std::set<std::string, std::less<>>> index;

    void collect() {
        for (const auto& r : s.resources) resource_ids.push_back(r.id);
        for (const auto& a : s.alerts) alert_ids.push_back(a.id);
        for (const auto& t : s.tables) table_names.push_back(t.name);
        for (const auto& e : s.attacker) event_ids.push_back(e.id);
        action_ids = catalog.ids();
        for (const auto& t : s.tables)
            for (const auto& r : t.rows)
                if (!r.key.empty()) keys.push_back(r.key);
        for (const auto& r : s.responses) flags_set.insert(r.sets.begin(), r.sets.end());
        for (const auto& e : s.attacker) flags_set.insert(e.sets.begin(), e.sets.end());
    }

    void unique(const std::vector<std::string>& ids, const std::vector<SourcePos>& pos,
                const std::string& what) {
        std::map<std::string, int> first_line;
        for (size_t i = 0; i < ids.size(); ++i) {
            if (ids[i].empty()) continue;
            auto [it, fresh] = first_line.emplace(ids[i], pos[i].line);
            if (!fresh)
                d.error(pos[i], "duplicate " + what + " '" + ids[i] + "' (first defined at line " +
                                    std::to_string(it->second) + ")");
        }
    }

    bool known(const std::vector<std::string>& names, const std::string& name, const SourcePos& pos,
               const std::string& what, const std::string& where) {
        auto& set = index[&names];
        if (set.empty()) set.insert(names.begin(), names.end());
        if (set.count(name)) return true;
        d.error(pos, where + " names " + what + " '" + name + "', which is not defined" +
                         did_you_mean(name, names));
        return false;
    }

    const ActionDef* action(const std::string& id, const SourcePos& pos, const std::string& where) {
        if (id.empty()) return nullptr;
        const ActionDef* a = catalog.find(id);
        if (!a)
            d.error(pos, where + " names action '" + id + "', which is not in the catalog" +
                             did_you_mean(id, action_ids));
        return a;
    }

    /// A target must suit the action: a resource of an allowed kind, a defined alert, etc.
    void target(const ActionDef* a, const std::string& t, const SourcePos& pos,
                const std::string& where) {
        if (!a || t.empty()) return;
        switch (a->target) {
        case TargetKind::None:
            d.error(pos, where + " gives a target, but action '" + a->id + "' takes none");
            break;
        case TargetKind::Resource:
            if (known(resource_ids, t, pos, "resource", where) && !a->resource_kinds.empty()) {
                const Resource* r = s.resource(t);
                if (!r->kind.empty() &&
                    std::find(a->resource_kinds.begin(), a->resource_kinds.end(), r->kind) ==
                        a->resource_kinds.end())
                    d.error(pos, where + ": action '" + a->id + "' applies to " +
                                     join(a->resource_kinds, "/") + " resources, but '" + t +
                                     "' is a " + r->kind);
            }
            break;
        case TargetKind::Alert:
            known(alert_ids, t, pos, "alert", where);
            break;
        default:
            break;
        }
    }

    void check_context() {
        std::vector<std::string> ids;
        std::vector<SourcePos> pos;
        std::vector<std::string> subs;
        for (const auto& sub : s.subscriptions) subs.push_back(sub.id);
        for (const auto& r : s.resources) {
            ids.push_back(r.id);
            pos.push_back(r.pos);
            if (!subs.empty() && !r.subscription.empty())
                known(subs, r.subscription, r.pos, "subscription", "resource '" + r.id + "'");
        }
        unique(ids, pos, "resource id");
    }

    void check_alerts() {
        std::vector<std::string> ids, incidents;
        std::vector<SourcePos> pos;
        for (const auto& i : s.incidents) incidents.push_back(i.id);
        std::set<std::string> released_by_rule;
        for (const auto& e : s.attacker)
            released_by_rule.insert(e.releases.begin(), e.releases.end());
        for (const auto& r : s.responses)
            released_by_rule.insert(r.releases.begin(), r.releases.end());
        for (const auto& a : s.alerts) {
            ids.push_back(a.id);
            pos.push_back(a.pos);
            std::string where = "alert '" + a.id + "'";
            if (!a.resource.empty()) known(resource_ids, a.resource, a.pos, "resource", where);
            if (!a.incident.empty()) known(incidents, a.incident, a.pos, "incident", where);
            if (a.tactics.empty() && a.true_positive)
                d.warning(a.pos, where + " has no MITRE tactic; only test alerts go without one");
            if (!a.at_min && !released_by_rule.count(a.id))
                d.warning(a.pos,
                          where + " has no 'at' and nothing releases it, so it never appears");
            if (a.at_min && *a.at_min > s.max_minutes)
                d.warning(a.pos, where + " appears at minute " + std::to_string(*a.at_min) +
                                     ", after the scenario ends at " +
                                     std::to_string(s.max_minutes));
        }
        unique(ids, pos, "alert id");
    }

    void check_tables() {
        std::vector<std::string> names;
        std::vector<SourcePos> pos;
        std::set<std::string> revealed;
        for (const auto& r : s.responses) revealed.insert(r.reveals.begin(), r.reveals.end());
        std::vector<std::string> key_ids;
        std::vector<SourcePos> key_pos;
        for (const auto& t : s.tables) {
            names.push_back(t.name);
            pos.push_back(t.pos);
            std::string where = "table '" + t.name + "'";
            for (const auto& a : t.revealed_by) action(a, t.pos, where + " revealed_by");
            if (!t.visible && t.revealed_by.empty() && !revealed.count(t.name))
                d.warning(t.pos, where + " is not visible and no action reveals it");
            bool has_time = false;
            for (const auto& c : t.columns) has_time |= c.name == "TimeGenerated";
            if (!has_time)
                d.warning(t.pos, where + " has no TimeGenerated column; its rows "
                                         "are shown whatever the simulated time");
            for (const auto& r : t.rows) {
                if (!r.key.empty()) {
                    key_ids.push_back(r.key);
                    key_pos.push_back(r.pos);
                }
                if (!r.after.empty())
                    known(event_ids, r.after, r.pos, "attacker event", where + " row _after");
            }
        }
        unique(names, pos, "table name");
        unique(key_ids, key_pos, "evidence key");
    }

    void check_rules() {
        for (const auto& r : s.responses) {
            std::string where = "response to '" + r.action + "'";
            target(action(r.action, r.pos, "response"), r.target, r.pos, where);
            for (const auto& t : r.reveals) known(table_names, t, r.pos, "table", where);
            for (const auto& a : r.releases) known(alert_ids, a, r.pos, "alert", where);
            for (const auto& f : r.requires_flags)
                if (!flags_set.count(f))
                    d.error(r.pos, where + " requires flag '" + f +
                                       "', which nothing sets, so it can never apply");
        }
        std::vector<std::string> ids;
        std::vector<SourcePos> pos;
        for (const auto& e : s.attacker) {
            ids.push_back(e.id);
            pos.push_back(e.pos);
            std::string where = "attacker event '" + e.id + "'";
            for (const auto& a : e.releases) known(alert_ids, a, e.pos, "alert", where);
            for (const auto& f : e.requires_flags)
                if (!flags_set.count(f))
                    d.error(e.pos, where + " requires flag '" + f +
                                       "', which nothing sets, so it can never fire");
            for (const auto& f : e.unless)
                if (!flags_set.count(f))
                    d.warning(e.pos, where + " is prevented by flag '" + f +
                                         "', which nothing sets, so it cannot be prevented");
            if (e.at_min > s.max_minutes)
                d.error(e.pos, where + " is at minute " + std::to_string(e.at_min) +
                                   ", after the scenario ends at " + std::to_string(s.max_minutes) +
                                   ", so it can never fire");
        }
        unique(ids, pos, "attacker event id");
        if (!flags_set.count(s.scoring.contain_flag))
            d.error(s.pos, "nothing sets the containment flag '" + s.scoring.contain_flag +
                               "', so the trainee can never contain the attack");

        ids.clear();
        pos.clear();
        for (const auto& it : s.rubric) {
            ids.push_back(it.id);
            pos.push_back(it.pos);
            std::string where = "rubric item '" + it.id + "'";
            target(action(it.action, it.pos, where), it.target, it.pos, where);
            for (const auto& alt : it.alternatives) action(alt, it.pos, where + " alternatives");
            if (!it.evidence.empty()) known(keys, it.evidence, it.pos, "evidence key", where);
            if (it.by_min && *it.by_min > s.max_minutes)
                d.error(it.pos, where + " must be done by minute " + std::to_string(*it.by_min) +
                                    ", after the scenario ends, so its deadline means nothing");
        }
        unique(ids, pos, "rubric id");
        for (const auto& h : s.harmful) {
            std::string where = "harmful rule '" + h.id + "'";
            target(action(h.action, h.pos, where), h.target, h.pos, where);
        }
        for (const auto& o : s.order) {
            std::string where = "order rule '" + o.id + "'";
            if (o.first.rfind("step:", 0) == 0) {
                std::string st = o.first.substr(5);
                if (!parse_step(st))
                    d.error(o.pos, where + " names step '" + st + "'; expected one of: " +
                                       join(step_ids(), ", ") + did_you_mean(st, step_ids()));
            } else {
                action(o.first, o.pos, where);
            }
            target(action(o.then, o.pos, where), o.target, o.pos, where);
        }
        std::set<std::string> fields; // a field may appear once per variant (`when`)
        for (const auto& f : s.report) {
            std::string key = f.id;
            for (const auto& [k, v] : f.when) key += "|" + k + "=" + v;
            if (!fields.insert(key).second)
                d.error(f.pos, "report field '" + f.id + "' is scored twice");
        }
    }

    /// Rubric and report points must add up to 100 in every variant.
    void check_points() {
        std::set<std::string> branch_vars;
        for (const auto& it : s.rubric)
            for (const auto& [k, v] : it.when) branch_vars.insert(k);
        for (const auto& f : s.report)
            for (const auto& [k, v] : f.when) branch_vars.insert(k);
        for (const auto& c : s.checkpoints)
            for (const auto& [k, v] : c.when) branch_vars.insert(k);
        std::vector<std::map<std::string, std::string>> variants{{}};
        for (const auto& name : branch_vars) {
            const Variable* var = nullptr;
            for (const auto& v : s.variables)
                if (v.name == name) var = &v;
            if (!var) {
                d.error(s.pos, "a 'when' names variable '" + name +
                                   "', which [variables] does not define");
                return;
            }
            std::vector<std::map<std::string, std::string>> next;
            for (const auto& base : variants)
                for (const auto& val : var->values) {
                    auto m = base;
                    m[name] = val;
                    next.push_back(m);
                }
            variants = std::move(next);
        }
        for (const auto& vars : variants) {
            int total = 0;
            for (const auto& it : s.rubric)
                if (condition_holds(it.when, vars)) total += it.points;
            for (const auto& f : s.report)
                if (condition_holds(f.when, vars)) total += f.points;
            for (const auto& c : s.checkpoints)
                if (condition_holds(c.when, vars)) total += c.points;
            if (total != 100) {
                std::string which;
                for (const auto& [k, v] : vars)
                    which += (which.empty() ? " when " : ", ") + k + " = " + v;
                d.error(s.pos, "the rubric, report and checkpoint points add up to " +
                                   std::to_string(total) + which + "; they must add up to 100");
            }
        }
    }
};

/// Every `{name}` in the file must name a variable: an undefined one (a typo) would otherwise be
/// shown to the trainee as the literal text "{ipp}". `{kind:spec}` noise generators are not
/// variables; comment lines are skipped.
void check_placeholders(const ScenarioDef& s, Diagnostics& d) {
    std::vector<std::string> names;
    for (const auto& v : s.variables) names.push_back(v.name);
    std::set<std::string> known(names.begin(), names.end());
    const std::string& t = s.source_text;
    size_t reported = 0;
    for (size_t i = 0; i < t.size() && reported < 20; ++i) {
        if (t[i] == '#') {
            size_t bol = t.rfind('\n', i);
            bol = bol == std::string::npos ? 0 : bol + 1;
            if (t.find_first_not_of(" \t", bol) == i) {
                i = t.find('\n', i);
                if (i == std::string::npos) break;
                continue;
            }
        }
        if (t[i] != '{') continue;
        size_t j = i + 1;
        while (j < t.size() && (std::isalnum(static_cast<unsigned char>(t[j])) || t[j] == '_')) ++j;
        if (j == i + 1 || j >= t.size() || t[j] != '}' ||
            std::isdigit(static_cast<unsigned char>(t[i + 1])))
            continue;
        std::string name = t.substr(i + 1, j - i - 1);
        // Noise generators (evidence.cpp) are not variables: {uuid}, {ip:...}, {int:...} ...
        static const std::set<std::string> generators{"ip", "int", "hex", "pick", "uuid"};
        if (known.count(name) || generators.count(name)) continue;
        ++reported;
        d.error(position_at(t, i, s.path),
                "'{" + name + "}' names no variable" +
                    (names.empty() ? std::string("; the scenario has no [variables]")
                                   : "; [variables] defines " + join(names, ", ") +
                                         did_you_mean(name, names)));
    }
}

} // namespace

bool condition_holds(const Condition& when, const std::map<std::string, std::string>& vars) {
    for (const auto& [k, v] : when) {
        auto it = vars.find(k);
        if (it == vars.end() || it->second != v) return false;
    }
    return true;
}

void check_scenario(const ScenarioDef& s, const Catalog& catalog, const ScenarioLimits& limits,
                    Diagnostics& d) {
    Checker c{s, catalog, d, {}, {}, {}, {}, {}, {}, {}, {}};
    c.collect();
    check_placeholders(s, d);
    c.check_context();
    c.check_alerts();
    c.check_tables();
    c.check_rules();
    c.check_points();
    check_checkpoints(s, catalog, d);
    int64_t total = 0;
    for (const auto& t : s.tables) {
        int64_t n = static_cast<int64_t>(t.rows.size()) + (t.noise ? t.noise->rows : 0);
        if (t.noise && t.noise->rows > limits.max_noise_rows)
            d.error(t.noise->pos, "table '" + t.name + "' asks for " +
                                      std::to_string(t.noise->rows) + " noise rows; the limit is " +
                                      std::to_string(limits.max_noise_rows));
        total += n;
    }
    if (total > limits.max_total_rows)
        d.error(s.pos, "the scenario's tables hold " + std::to_string(total) +
                           " rows; the limit is " + std::to_string(limits.max_total_rows));
}

} // namespace alertdrill::detail
