// Session: suppression rules (create, edit, simulate, enable, disable, delete) and their
// application to alerts as they are released.
#include "alertdrill/session.hpp"
#include "alertdrill/text.hpp"

#include <algorithm>

namespace alertdrill {

namespace {

bool is_spec_action(const std::string& a) {
    return a == "create_suppression_rule" || a == "edit_suppression_rule" ||
           a == "simulate_suppression_rule";
}

std::string alert_list(const std::vector<std::string>& ids) {
    return ids.empty() ? "none" : join(ids, ", ");
}

} // namespace

bool is_suppression_action(std::string_view action) {
    return action.size() > 17 && action.substr(action.size() - 17) == "_suppression_rule";
}

const SuppressionRule* Session::suppression_rule(std::string_view name) const {
    for (const auto& r : m_rules)
        if (iequals(r.name, name)) return &r;
    return nullptr;
}

int Session::rule_hits(std::string_view name) const {
    return int(std::count_if(m_suppressed.begin(), m_suppressed.end(),
                             [&](const SuppressedAlert& s) { return iequals(s.rule, name); }));
}

std::vector<std::string> Session::rule_would_match(const SuppressionRule& rule) const {
    std::vector<std::string> out;
    for (const auto& st : m_alerts)
        if (rule_matches(rule, alert_def(st), scenario())) out.push_back(alert_def(st).id);
    return out;
}

std::optional<SuppressionRule> Session::preview_rule_spec(std::string_view spec, bool editing,
                                                          std::string& error) const {
    SuppressionRule rule;
    if (editing) {
        std::string name = spec_rule_name(spec);
        const SuppressionRule* old = suppression_rule(name);
        if (!old) {
            std::vector<std::string> names;
            for (const auto& r : m_rules) names.push_back(r.name);
            error = name.empty() ? "the spec needs name=RULE_NAME"
                                 : "no suppression rule '" + name + "'" + did_you_mean(name, names);
            return std::nullopt;
        }
        rule = *old;
    } else {
        rule.created_utc_s = now_utc_s();
        rule.created_by = kTraineeCaller;
    }
    error = apply_rule_spec(spec, rule, now_utc_s(), editing);
    if (!error.empty()) return std::nullopt;
    if (!editing && suppression_rule(rule.name)) {
        error = "a suppression rule named '" + rule.name +
                "' already exists (use edit_suppression_rule)";
        return std::nullopt;
    }
    return rule;
}

std::string Session::check_suppression(const std::string& action, const std::string& target) const {
    std::string error;
    if (is_spec_action(action)) {
        preview_rule_spec(target, action == "edit_suppression_rule", error);
        return error;
    }
    const SuppressionRule* r = suppression_rule(target);
    if (!r) {
        std::vector<std::string> names;
        for (const auto& x : m_rules) names.push_back(x.name);
        return "no suppression rule '" + target + "'" + did_you_mean(target, names);
    }
    if (action == "enable_suppression_rule" && r->expires_utc_s && *r->expires_utc_s <= now_utc_s())
        return "rule '" + r->name + "' has expired; edit it with a new expires= date first";
    return "";
}

std::string Session::commit_suppression(const std::string& action, const std::string& target,
                                        int minute) {
    const bool editing = action == "edit_suppression_rule";
    if (is_spec_action(action)) {
        std::string error;
        auto rule = preview_rule_spec(target, editing, error);
        if (!rule) return "The rule could not be saved: " + error; // checked before; defensive
        std::vector<std::string> would = rule_would_match(*rule);
        std::string hits = std::to_string(would.size()) + " alert" +
                           (would.size() == 1 ? "" : "s") + " of this session so far (" +
                           alert_list(would) + ")";
        if (action == "simulate_suppression_rule")
            return "Simulation of '" + rule->name + "' (" + rule_spec_text(*rule) +
                   "): it would have dismissed " + hits + ". Nothing was saved.";
        if (editing) {
            *std::find_if(m_rules.begin(), m_rules.end(), [&](const SuppressionRule& r) {
                return iequals(r.name, rule->name);
            }) = *rule;
        } else {
            m_rules.push_back(*rule);
        }
        m_rule_activity.push_back(
            {minute, "write", rule->name, kTraineeCaller,
             (editing ? "edit " : "create ") + rule->name + ": " + rule_spec_text(*rule), *rule});
        std::string warn = rule_breadth_problem(*rule);
        return std::string(editing ? "Rule '" : "Suppression rule '") + rule->name + "' " +
               (editing ? "updated" : "created") + " (" + rule_spec_text(*rule) +
               "). Alerts that match it from now on are dismissed automatically; it would have " +
               "dismissed " + hits + "." + (warn.empty() ? "" : " Note: " + warn + ".");
    }
    auto it = std::find_if(m_rules.begin(), m_rules.end(),
                           [&](const SuppressionRule& r) { return iequals(r.name, target); });
    std::string name = it->name;
    if (action == "delete_suppression_rule") {
        int hits = rule_hits(name);
        m_rules.erase(it);
        m_rule_activity.push_back(
            {minute, "delete", name, kTraineeCaller, "delete " + name, std::nullopt});
        return "Suppression rule '" + name + "' deleted. The " + std::to_string(hits) +
               " alert(s) it dismissed stay dismissed; reopen them from the audit log if needed.";
    }
    bool enable = action == "enable_suppression_rule";
    it->enabled = enable;
    it->modified_utc_s = now_utc_s();
    m_rule_activity.push_back({minute, "write", name, kTraineeCaller,
                               std::string(enable ? "enable " : "disable ") + name, *it});
    return "Suppression rule '" + name + "' " + (enable ? "enabled." : "disabled.");
}

void Session::suppress_on_release(AlertState& st, int minute) {
    const AlertDef& d = alert_def(st);
    const int64_t at_utc = scenario().start_utc_s + int64_t(minute) * 60;
    for (const auto& r : m_rules) {
        if (!rule_active(r, at_utc) || !rule_matches(r, d, scenario())) continue;
        st.status = AlertStatus::Dismissed;
        st.suppressed_by = r.name;
        m_suppressed.push_back({d.id, r.name, minute, r.reason});
        return;
    }
}

} // namespace alertdrill
